// Forward-only schema migrations. Migration N (1-based) brings the schema from version N-1
// to N; each runs in its own transaction at start-up. Never edit a released migration:
// append a new one.
#pragma once

#include <string>
#include <vector>

namespace pd::storage {

const std::vector<std::string>& migrations();

} // namespace pd::storage
