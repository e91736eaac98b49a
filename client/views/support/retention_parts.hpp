// Retention's cards outside its own page: the customer's plan card and the offers made to it
// (overview), the business's competitor list (support settings) and a customer's churn card
// (customer page).
#pragma once

#include "client/views/views.hpp"

namespace pd::client::views {

// An offer made to the customer, with Accept and Decline; nothing when none waits.
void retention_offer_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);
// "Cancel or change your plan": the customer asks to cancel or downgrade (RequestPlanChange);
// once asked, what happens next.
void plan_request_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);
// The competitors whose names raise the churn signal: owners and admins edit the list.
void competitors_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, float width);
// A customer's churn score, level and signals, with a link to its retention case.
void churn_card(const AppState& app, UiState& ui, Dispatch& dispatch, const domain::ProgramState& s, domain::CustomerId customer, float width);

} // namespace pd::client::views
