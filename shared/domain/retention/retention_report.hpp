// What the business reads of churn and retention: the customers by churn score that a reader
// may see, and the cases with the churn saves (the MRR kept by support). The server's routes
// and exports and the browser's pages call these.
#pragma once

#include "shared/domain/retention/churn.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace pd::domain {

// Business staff and agents read churn scores (agents: of their own customers); customers never.
bool may_read_churn(const ProgramState& s, PersonId reader);
// Every customer the reader may see, not cancelled, highest score first.
std::vector<ChurnScore> visible_churn_scores(const ProgramState& s, PersonId reader, TimeMs now);
// The same read from a board refreshed to the state (the browser's Retention page).
std::vector<const ChurnScore*> visible_churn_scores(const ChurnBoard& board, const ProgramState& s, PersonId reader);

// The churn saves over cases closed in [from, to): saved, paused and downgraded cases and the
// monthly revenue they kept; lost cases.
struct ChurnSaves {
  int saved = 0, paused = 0, downgraded = 0, lost = 0;
  std::int64_t mrr_retained_minor = 0;
};
// reader 0: every case; else the cases the reader may work (an agent: its customers').
ChurnSaves churn_saves(const ProgramState& s, TimeMs from, TimeMs to, PersonId reader = 0);
// The calendar month (UTC) holding `now`, up to now: "churn saves this month".
ChurnSaves churn_saves_this_month(const ProgramState& s, TimeMs now, PersonId reader = 0);

// {"cases":[...], "saves":{...}, "reasons":[...], "bands":[...]}: the cases the reader may work
// (newest first, with the customer's name, MRR and band), this month's saves and all-time saves,
// and the playbook's two tables.
nlohmann::json retention_json(const ProgramState& s, PersonId reader, TimeMs now);

} // namespace pd::domain
