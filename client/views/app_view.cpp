#include "client/views/views.hpp"

#include "client/app/app_state.hpp"
#include "client/ui/ui.hpp"

namespace pd::client::views {

void draw_app(const AppState& app, UiState& ui, Dispatch& dispatch) {
  ui::adapt_style();
  switch (app.route.page) {
  case Page::loading: draw_loading(app, ui, dispatch); break;
  case Page::signin: draw_signin(app, ui, dispatch); break;
  case Page::signup: draw_signup(app, ui, dispatch); break;
  case Page::invite: draw_invite(app, ui, dispatch); break;
  case Page::forgot_password: draw_forgot_password(app, ui, dispatch); break;
  case Page::reset_password: draw_reset_password(app, ui, dispatch); break;
  case Page::verify_email: draw_verify_email(app, ui, dispatch); break;
  case Page::unsubscribe: draw_unsubscribe(app, ui, dispatch); break;
  case Page::erasure: draw_erasure_confirm(app, ui, dispatch); break;
  case Page::new_program:
    draw_shell(app, ui, dispatch);
    draw_new_program(app, ui, dispatch);
    break;
  case Page::account:
    draw_shell(app, ui, dispatch);
    draw_account(app, ui, dispatch);
    break;
  default:
    if (!is_program_page(app.route.page)) break;
    draw_shell(app, ui, dispatch);
    draw_nav(app, ui, dispatch);
    switch (app.route.page) {
    case Page::overview: draw_overview(app, ui, dispatch); break;
    case Page::customers: draw_customers(app, ui, dispatch); break;
    case Page::customer:
    case Page::new_customer: draw_customer(app, ui, dispatch); break;
    case Page::agents: draw_agents(app, ui, dispatch); break;
    case Page::agent: draw_agent(app, ui, dispatch); break;
    case Page::people: draw_people(app, ui, dispatch); break;
    case Page::settings: draw_settings(app, ui, dispatch); break;
    case Page::profile: draw_profile(app, ui, dispatch); break;
    case Page::tickets: draw_tickets(app, ui, dispatch); break;
    case Page::ticket: draw_ticket(app, ui, dispatch); break;
    case Page::new_ticket: draw_new_ticket(app, ui, dispatch); break;
    case Page::support: draw_support(app, ui, dispatch); break;
    case Page::metrics: draw_metrics(app, ui, dispatch); break;
    case Page::retention: draw_retention(app, ui, dispatch); break;
    case Page::reports: draw_reports(app, ui, dispatch); break;
    case Page::support_settings: draw_support_settings(app, ui, dispatch); break;
    case Page::responses: draw_responses(app, ui, dispatch); break;
    case Page::training: draw_training(app, ui, dispatch); break;
    case Page::certification: draw_certification(app, ui, dispatch); break;
    case Page::earnings: draw_earnings(app, ui, dispatch); break;
    case Page::commissions: draw_commissions(app, ui, dispatch); break;
    case Page::routing: draw_routing(app, ui, dispatch); break;
    case Page::knowledge: draw_knowledge(app, ui, dispatch); break;
    default: break;
    }
    draw_nav_sheet(app, ui, dispatch);
    break;
  }
  if (app.me) draw_confirm(app, ui, dispatch);
  if (app.me && ui.confirm.kind == Confirm::Kind::none) draw_step_up(app, ui, dispatch); // else inside the dialog
  draw_find(ui);
  draw_shortcuts(app, ui, dispatch);
  draw_toast(ui);
}

} // namespace pd::client::views
