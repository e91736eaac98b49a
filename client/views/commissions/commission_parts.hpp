// Pieces the commission pages share (earnings_view for agents, commissions_view for the
// business): the earnings chart, the ledger table, an agent's statement with its CSV links,
// and the tones of sides and states.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "client/ui/ui.hpp"

#include "shared/domain/commissions/commission_reports.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <vector>

namespace pd::client::views {

ui::Tone side_tone(domain::LedgerSide s);
ui::Tone line_state_tone(domain::LineState s);
ImU32 side_color(domain::LedgerSide s);

// The flags of every commission table (rows striped, inner horizontal borders).
inline constexpr ImGuiTableFlags ledger_table_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

// "$12.50" of minor units in a currency.
std::string money_text(std::int64_t minor, const std::string& currency);

// A card with a caption, a big figure and a line under it.
void figure_card(const char* id, float width, std::string_view caption, std::string_view figure, std::string_view note);

// Grouped bars per month, referral and support side by side, with a legend and a tooltip per
// month; below it nothing (callers add the table).
void earnings_chart(const char* id, const std::vector<domain::MonthEarnings>& months, const std::string& currency, float width, float height);

// What a line is for, in words: "Payment inv-2041 of $450.00", "November 2026, 30 days",
// the adjustment's reason.
std::string line_detail(const domain::ProgramState& s, const domain::LedgerLine& l);

// An amount in a table cell, red when negative.
void amount_cell(std::int64_t minor, const std::string& currency);
// Four cells of a line's row: its ledger, customer, kind with what it is for, and amount.
void line_cells(const domain::ProgramState& s, const domain::LedgerLine& l);

// One agent's ledger in a currency, newest first, filtered by side and state (EarningsForm's
// filters; the combos are drawn above the table).
void ledger_table(const char* id, const domain::ProgramState& s, domain::PersonId agent, const std::string& currency, EarningsForm& f,
                  std::size_t max_rows);

// An agent's monthly statement: the month picker, opening, earned, paid out and closing per side,
// the month's lines, and links to the statement and ledger as CSV files.
void statement_panel(const domain::ProgramState& s, std::int64_t program_id, domain::PersonId agent, const std::string& currency,
                     EarningsForm& f);

// The currencies of the program's ledger and plans; the picker when there are several.
// Returns the one picked.
std::string currency_picker(const char* id, const domain::ProgramState& s, int& index);

} // namespace pd::client::views
