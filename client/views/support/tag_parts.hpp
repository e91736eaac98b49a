// Secondary tags (docs/requirements.md, Category tags: one primary category, up to two
// secondary tags), chosen when a ticket is opened and when the agent or the business triages it.
#pragma once

#include "shared/domain/support/support.hpp"

#include <vector>

namespace pd::client::views {

// Check boxes for the categories besides the primary ("Bug##tag", ...), at most
// domain::max_secondary_tags ticked (the others disabled then); a tag equal to the primary is
// dropped. Returns true when the choice changed.
bool secondary_tags(domain::Category primary, std::vector<domain::Category>& tags);

} // namespace pd::client::views
