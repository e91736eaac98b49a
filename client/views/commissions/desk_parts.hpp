// The business's commissions desk (commissions_view.cpp) in tabs, one file each: Owed, Approvals,
// Payouts, Payments, Plan and Billing API (*_tab.cpp; Statements is drawn by the view itself), and
// the pieces the tabs share (desk_parts.cpp).
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pd::client::views {

// [SECTION] The tabs
void owed_tab(const domain::ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
              Dispatch& dispatch, float avail);
void approvals_tab(const AppState& app, const domain::ProgramState& s, const std::string& currency, CommissionDeskForm& f,
                   const UiState& ui_state, Dispatch& dispatch);
void payouts_tab(const AppState& app, const domain::ProgramState& s, const std::string& currency, CommissionDeskForm& f,
                 const UiState& ui_state, Dispatch& dispatch, float avail);
void payments_tab(const domain::ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                  Dispatch& dispatch, float avail);
void plan_tab(const AppState& app, const domain::ProgramState& s, const std::string& currency, CommissionDeskForm& f,
              const UiState& ui_state, Dispatch& dispatch, float avail);
void billing_api_tab(const AppState& app, const domain::ProgramState& s, CommissionDeskForm& f, const UiState& ui_state,
                     Dispatch& dispatch, float avail);

// [SECTION] Shared pieces
// "12.5" from basis points.
std::string percent_text(int bps);
// The plan in words: its referral and support commission and its holding period.
std::string plan_summary(const domain::CommissionPlan& p);
// The program's agents by name.
std::vector<const domain::Agent*> agents_of(const domain::ProgramState& s);
// A combo of the program's agents; returns true when the choice changed.
bool agent_picker(const char* id, const domain::ProgramState& s, std::int64_t& agent, float width);
// A combo of customers with a search field at its top (the first 50 matches shown).
void customer_picker(const char* id, const domain::ProgramState& s, std::int64_t& customer, std::string& search, float width);
// A row of form cells laid out as table columns; pair a true begin_form_row with end_form_row.
bool begin_form_row(const char* id, int columns);
void end_form_row();
// The server's message about a field of a form.
const std::string* err(const SupportForm& f, const char* field);
// "Above $500.00" / "Every adjustment" (a threshold of 0), capitalised or not.
std::string threshold_words(const domain::ProgramState& s, const std::string& currency, bool capital);
// Why the signed-in person may not approve a line, in a few words for its row.
std::string approval_blocked_text(domain::LineApproval a, const domain::LedgerLine& l);

} // namespace pd::client::views
