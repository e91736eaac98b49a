// Views: functions that read the state, draw, and emit actions. No business rules here:
// what a person may do is asked of the shared is_allowed(), only to hide what the server
// would refuse.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

namespace pd::client::views {

// The whole screen for the current route.
void draw_app(const AppState& app, UiState& ui, Dispatch& dispatch);
// The in-page find bar (Ctrl/Cmd+F) over any page, with its matches highlighted (find_view.cpp).
void draw_find(UiState& ui);
// The keyboard shortcuts of program pages, and their list while "?" shows it (shortcuts_view.cpp).
void draw_shortcuts(const AppState& app, UiState& ui, Dispatch& dispatch);

// Public pages (a centered card)
void draw_loading(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_signin(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_signup(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_invite(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_forgot_password(const AppState& app, UiState& ui, Dispatch& dispatch); // password_reset_view.cpp
void draw_reset_password(const AppState& app, UiState& ui, Dispatch& dispatch);  // password_reset_view.cpp
void draw_verify_email(const AppState& app, UiState& ui, Dispatch& dispatch);    // verify_email_view.cpp
void draw_unsubscribe(const AppState& app, UiState& ui, Dispatch& dispatch);     // mail_view.cpp
void draw_erasure_confirm(const AppState& app, UiState& ui, Dispatch& dispatch); // mail_view.cpp
void draw_new_program(const AppState& app, UiState& ui, Dispatch& dispatch);
// The person's own account (views/account_view.cpp): two-factor sign-in, recovery codes,
// sessions; and the code dialog of a sensitive change held for step-up.
void draw_account(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_step_up(const AppState& app, UiState& ui, Dispatch& dispatch);

// Top bar of signed-in pages (product, program switcher, person, sign-out), with a notice
// strip under it while there is a network problem; and the left navigation of program pages.
void draw_shell(const AppState& app, UiState& ui, Dispatch& dispatch);
float shell_height(const AppState& app); // device pixels
void draw_nav(const AppState& app, UiState& ui, Dispatch& dispatch);
float nav_width(); // device pixels (0 on a narrow layout)
// On a narrow layout, the navigation as a sheet over the page while the top bar's menu is open.
void draw_nav_sheet(const AppState& app, UiState& ui, Dispatch& dispatch);

// Program pages
void draw_overview(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_customers(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_customer(const AppState& app, UiState& ui, Dispatch& dispatch); // also "new customer"
void draw_agents(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_agent(const AppState& app, UiState& ui, Dispatch& dispatch);  // agent_view.cpp: one agent's performance history
void draw_people(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_settings(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_profile(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_tickets(const AppState& app, UiState& ui, Dispatch& dispatch);    // tickets_view.cpp
void draw_new_ticket(const AppState& app, UiState& ui, Dispatch& dispatch); // new_ticket_view.cpp
void draw_ticket(const AppState& app, UiState& ui, Dispatch& dispatch);     // ticket_view.cpp
void draw_support(const AppState& app, UiState& ui, Dispatch& dispatch);    // support_view.cpp
void draw_metrics(const AppState& app, UiState& ui, Dispatch& dispatch);    // support/metrics_view.cpp
void draw_retention(const AppState& app, UiState& ui, Dispatch& dispatch);  // support/retention_view.cpp
void draw_reports(const AppState& app, UiState& ui, Dispatch& dispatch);    // support/reports_view.cpp
void draw_support_settings(const AppState& app, UiState& ui, Dispatch& dispatch); // support_settings_view.cpp
void draw_responses(const AppState& app, UiState& ui, Dispatch& dispatch);        // desk/responses_view.cpp (business)
void draw_training(const AppState& app, UiState& ui, Dispatch& dispatch);      // training_view.cpp (agents)
void draw_certification(const AppState& app, UiState& ui, Dispatch& dispatch); // certification_view.cpp (business)
void draw_earnings(const AppState& app, UiState& ui, Dispatch& dispatch);      // earnings_view.cpp (agents)
void draw_commissions(const AppState& app, UiState& ui, Dispatch& dispatch);   // commissions_view.cpp (business)
void draw_routing(const AppState& app, UiState& ui, Dispatch& dispatch);       // desk/routing_view.cpp (business)
void draw_knowledge(const AppState& app, UiState& ui, Dispatch& dispatch);     // desk/knowledge_view.cpp (everyone: the articles they may read)
// The notification bell in the top bar, with its popup (support/support_view.cpp); x is where it
// ends on the right, in window coordinates.
void draw_notifications(const AppState& app, UiState& ui, Dispatch& dispatch, float right_x, float row_y);

// Over everything: the confirmation dialog and the short confirmation at the bottom.
void draw_confirm(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_toast(const UiState& ui);

} // namespace pd::client::views
