// The Certified Support Partner badge (docs/requirements.md, Badge), drawn wherever a business
// looks at an agent: the agents list, People, the customer's assignment, the ticket header and
// the agent's own overview. Whether it shows and its dates come from domain::certified_badge,
// the one rule.
#pragma once

#include "shared/domain/state.hpp"

#include <cstdint>
#include <string>

namespace pd::client::views {

inline constexpr const char* certified_badge_label = "Certified Support Partner";

// "Certified 3 Mar 2026 · expires 3 Mar 2027" ("· does not expire" without an expiry).
std::string badge_dates_text(const domain::CertifiedBadge& b);
// The same, short, for a table cell: "3 Mar 2026 – 3 Mar 2027" ("since 3 Mar 2026").
std::string badge_span_text(const domain::CertifiedBadge& b);
// The badge of `agent` at `now`, if it shows: the pill, then (with_dates) its dates beside it
// on the same line, else in a tooltip. Returns whether it was drawn.
bool certified_badge(const domain::ProgramState& s, domain::PersonId agent, std::int64_t now, bool with_dates);

} // namespace pd::client::views
