// The quality loop's cards (seed 002 section 6): the NPS question on a customer's overview, and
// the red flags on the business's support overview with their evidence and suggested action.
#pragma once

#include "client/views/views.hpp"

namespace pd::client::views {

// "How likely are you to recommend …?" 0-10, an optional comment, Send and Not now; drawn only
// while the customer's record is due the question (satisfaction.hpp's nps_refusal).
void nps_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);
// The red flags that hold now (newest first), each with its evidence, the suggested action and
// its tickets; then how many were raised before and are cleared.
void red_flags_card(const domain::ProgramState& s, float width, Dispatch& dispatch);
// The red flags' thresholds and the NPS period, on the support settings page: owners and admins
// edit and save them (ChangeQualitySettings); others read them.
void quality_settings_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);
// The mention rule's word lists per language: owners and admins edit them, staff read them.
void mention_words_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);

} // namespace pd::client::views
