// Satisfaction and red flags (seed 002 section 6): when a customer is asked the NPS question,
// what the answers make of the score, and the red flags the scheduler raises and clears with
// their evidence. decide() (AnswerNps, ChangeQualitySettings, RunTimers), the server's
// scheduler and the browser's survey card and red-flag list call these same functions.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"

#include <optional>
#include <vector>

namespace pd::domain {

// NPS: promoters 9-10, passives 7-8, detractors 0-6; the score is the share of promoters minus
// the share of detractors, -100 to 100 (nullopt without answers).
enum class NpsGroup { promoter, passive, detractor };
NpsGroup nps_group(int score);
std::optional<double> nps_score(int promoters, int passives, int detractors);

// Whether the customer's record is due the question now: it has a resolved or closed ticket and
// gave no answer (nor "Not now") in the last nps_period_days. nullopt when due, else why not.
std::optional<core::Error> nps_refusal(const ProgramState& s, CustomerId customer, TimeMs now);
// The customer's latest answer (nullptr: never asked).
const NpsAnswer* latest_nps_answer(const ProgramState& s, CustomerId customer);
// A detractor's follow-up: due this long after the answer (seed 002: within 24 hours).
inline constexpr std::int64_t detractor_follow_up_ms = 24LL * 3'600'000;

// The thresholds' checks (field names as "data.settings.<field>").
std::optional<core::Error> quality_settings_problem(const QualitySettings& q);

// The red flags whose conditions hold at `now`, each with its evidence (raised_at = now).
std::vector<RedFlag> current_red_flags(const ProgramState& s, TimeMs now);
// What the scheduler records now: RedFlagRaised for a condition that holds and is not raised,
// RedFlagCleared for a raised flag whose condition is gone.
std::vector<EventBody> red_flag_events(const ProgramState& s, TimeMs now);
// Whether red_flag_events() would record anything (the scheduler's cheap check).
bool red_flags_due(const ProgramState& s, TimeMs now);
// The flags raised and not cleared, newest first.
std::vector<const RedFlag*> active_red_flags(const ProgramState& s);
// "CSAT below the floor", "Slow first responses", ... (the kind itself when unknown)
const char* red_flag_title(const std::string& kind);

} // namespace pd::domain
