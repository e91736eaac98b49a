// Keyboard shortcuts for people who answer tickets all day, in the conventions of established
// help desks; "?" lists them. A shortcut acts only while no text field has the keyboard and no
// dialog is open (Ctrl/Cmd+Enter in the reply box sends: the ticket page handles it, and
// Ctrl/Cmd+F opens the find bar: find_view.cpp).
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"
#include "client/views/views.hpp"

#include "shared/domain/support/ticket_actions.hpp"

#include <algorithm>
#include <vector>

namespace pd::client::views {

namespace {

struct Shortcut {
  const char* keys;
  const char* what;
};

constexpr Shortcut shortcut_list[] = {
    {"J / K", "Next / previous ticket, in the ticket list's order"},
    {"R", "Reply to the ticket"},
    {"N", "Write an internal note"},
    {"E", "Escalate the ticket"},
    {"A", "Take the ticket over (assign it to yourself)"},
    {"T", "Insert a response template (search, Enter picks the first)"},
    {"/", "Search the tickets"},
    {"G then T", "Go to the tickets"},
    {"G then C", "Go to the customers"},
    {"G then O", "Go to the overview"},
    {"Ctrl+Enter", "Send the reply, or save the triage (Cmd+Enter on a Mac)"},
    {"Ctrl+F", "Find on this page (Cmd+F on a Mac)"},
    {"?", "Show or hide this list"},
};

// The ticket J (step 1) or K (step -1) goes to: the list's order as last shown, else newest first.
domain::TicketId neighbour(const domain::ProgramState& s, const UiState& ui_state, domain::TicketId current, int step) {
  std::vector<domain::TicketId> order = ui_state.ticket_order;
  // From the list (no current ticket) its order holds; a ticket the list does not show (opened
  // from elsewhere) walks all tickets instead.
  if (order.empty() || (current != 0 && std::find(order.begin(), order.end(), current) == order.end())) {
    order.clear();
    for (const auto& [id, t] : s.tickets) order.push_back(id);
    std::sort(order.rbegin(), order.rend());
  }
  if (order.empty()) return 0;
  const auto it = std::find(order.begin(), order.end(), current);
  if (it == order.end()) return step > 0 ? order.front() : order.back(); // from the list: the first (or last)
  const auto index = (it - order.begin()) + step;
  if (index < 0 || index >= static_cast<std::ptrdiff_t>(order.size())) return 0;
  return order[static_cast<std::size_t>(index)];
}

// R, N, E, A: on a ticket's page, what its buttons would do.
void ticket_key(const AppState& app, UiState& ui_state, Dispatch& dispatch, char key) {
  const auto* s = program_state(app);
  const auto* t = s ? s->ticket(app.route.item_id) : nullptr;
  if (!t) return;
  auto& f = ui_state.ticket;
  const bool staff = current_role(app, ui_state) != identity::Role::customer;
  const auto offered = [&](domain::TicketAction a) { return domain::ticket_action_offered(*s, my_id(app), *t, a); };
  if (key == 'r' || (key == 'n' && staff)) {
    f.internal = key == 'n';
    f.focus_composer = true;
  } else if (key == 'e' && offered(domain::TicketAction::escalate)) {
    f.escalate_open = true;
    f.escalate_scroll = true;
  } else if (key == 't' && staff && !s->responses.templates.empty()) {
    f.template_picker_open = true; // the composer's template picker, its search focused
    f.focus_template_search = true;
  } else if (key == 'a' && offered(domain::TicketAction::take_over)) {
    dispatch(SendCommand{FormId::take_over, domain::TakeOverTicket{t->id}});
  }
}

void on_key(const AppState& app, UiState& ui_state, Dispatch& dispatch, char key) {
  const std::int64_t program = app.route.program_id;
  if (ui_state.shortcut_prefix == 'g') {
    ui_state.shortcut_prefix = 0;
    if (key == 't') dispatch(Navigate{program_route(Page::tickets, program)});
    else if (key == 'c') dispatch(Navigate{program_route(Page::customers, program)});
    else if (key == 'o') dispatch(Navigate{program_route(Page::overview, program)});
    return;
  }
  switch (key) {
  case '?': ui_state.shortcuts_open = !ui_state.shortcuts_open; break;
  case 'g': ui_state.shortcut_prefix = 'g'; break;
  case '/':
    if (app.route.page != Page::tickets) dispatch(Navigate{program_route(Page::tickets, program)});
    ui_state.focus_search = true;
    break;
  case 'j':
  case 'k': {
    if (app.route.page != Page::ticket && app.route.page != Page::tickets) break;
    const auto* s = program_state(app);
    const auto current = app.route.page == Page::ticket ? app.route.item_id : 0;
    if (const auto next = s ? neighbour(*s, ui_state, current, key == 'j' ? 1 : -1) : 0)
      dispatch(Navigate{program_route(Page::ticket, program, next)});
    break;
  }
  default:
    if (app.route.page == Page::ticket) ticket_key(app, ui_state, dispatch, key);
  }
}

void draw_list(UiState& ui_state) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float width = std::min(vp->WorkSize.x - ui::dp(16), ui::dp(520));
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + ui::dp(80)), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(22, 18));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ui::dp(1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::dp(10));
  ImGui::Begin("Keyboard shortcuts", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ui::heading("Keyboard shortcuts", 17);
  ImGui::Dummy(ui::dp(0, 4));
  const float keys_width = ui::dp(110);
  for (const auto& sc : shortcut_list) {
    ui::pill(sc.keys, ui::tone::neutral);
    ImGui::SameLine(keys_width);
    ui::text_wrapped(sc.what);
  }
  ImGui::Dummy(ui::dp(0, 4));
  if (ui::secondary_button("Close##shortcuts") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ui_state.shortcuts_open = false;
  ImGui::End();
  ImGui::PopStyleVar(3);
}

} // namespace

void draw_shortcuts(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!app.me || !is_program_page(app.route.page)) return;
  const ImGuiIO& io = ImGui::GetIO();
  const bool blocked = io.WantTextInput || ui_state.find.open || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ||
                       io.KeyCtrl || io.KeySuper || io.KeyAlt;
  if (!blocked)
    for (const ImWchar c : io.InputQueueCharacters)
      if (c < 128) on_key(app, ui_state, dispatch, static_cast<char>(c >= 'A' && c <= 'Z' && c != '?' ? c - 'A' + 'a' : c));
  if (ui_state.shortcuts_open) draw_list(ui_state);
}

} // namespace pd::client::views
