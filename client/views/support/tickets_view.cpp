// The ticket list (#/p/{id}/tickets[?view=]): the tabs with their counts, the search and the
// filters, and the sortable table. All from the replica: customers get their own tickets, agents
// those of their customers (with their workspace cards above, agent_workspace_parts.hpp), the
// business every ticket.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/agent_workspace_parts.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/domain/program/list_filters.hpp"
#include "shared/domain/support/sla.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <tuple>
#include <utility>

namespace pd::client::views {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The route's view ("" is the Open tab) as the shared list view the server's ?view= applies.
domain::TicketView view_of(const std::string& route_view) {
  return route_view.empty() ? domain::TicketView::open : domain::ticket_view_from(route_view).value_or(domain::TicketView::open);
}

struct Tab {
  const char* label;
  const char* view;
};
constexpr Tab tabs[] = {{"Open", ""}, {"Overdue", "overdue"}, {"Escalated", "escalated"}, {"Closed", "closed"}, {"All", "all"},
                        {"Untriaged", "untriaged"}}; // the last: staff only (customers' copies hold no triage)

} // namespace

// Sortable columns (ImGui column user ids).
enum TicketColumn : int { col_id, col_subject, col_customer, col_status, col_priority, col_agent, col_deadline, col_updated };

// What the list shows: the tab, the search, the filters and the order.
struct TicketQuery {
  std::string view, search;
  int priority = -1;
  std::int64_t agent = -1;
  int sort_column = col_id;
  bool descending = true;
  std::string team; // a team's queue (routing rules), "" any
  bool operator==(const TicketQuery&) const = default;
};

// The list's counts and rows for a replica version and query, kept until one changes.
struct TicketList {
  domain::ProgramId program = -1;
  domain::Sequence version = -1;
  std::size_t ticket_count = 0;
  TicketQuery query;
  std::size_t open = 0, overdue = 0;
  std::array<std::size_t, std::size(tabs)> tab_counts{};
  std::vector<domain::TicketId> rows; // newest first (ids: the replica may be replaced)
  std::uint64_t generation = 0;       // counts the recomputations
};

const TicketList& ticket_list(const domain::ProgramState& s, const TicketQuery& query) {
  static TicketList cache;
  if (cache.program == s.id && cache.version == s.version && cache.ticket_count == s.tickets.size() && cache.query == query)
    return cache;
  const auto generation = cache.generation + 1;
  cache = TicketList{};
  cache.generation = generation;
  cache.program = s.id;
  cache.version = s.version;
  cache.ticket_count = s.tickets.size();
  cache.query = query;
  // The same filter as the server's GET /tickets (shared/domain/list_filters).
  domain::TicketFilter filter;
  filter.view = view_of(query.view);
  filter.agent = query.agent;
  if (query.priority >= 0) filter.priority = static_cast<domain::Priority>(query.priority);
  filter.q = query.search;
  filter.team = query.team;
  std::array<domain::TicketView, std::size(tabs)> tab_views{};
  for (std::size_t i = 0; i < std::size(tabs); ++i) tab_views[i] = view_of(tabs[i].view);
  for (auto it = s.tickets.rbegin(); it != s.tickets.rend(); ++it) {
    const auto& t = it->second;
    cache.open += domain::in_ticket_view(t, domain::TicketView::open) ? 1 : 0;
    cache.overdue += domain::in_ticket_view(t, domain::TicketView::overdue) ? 1 : 0;
    for (std::size_t i = 0; i < std::size(tabs); ++i) cache.tab_counts[i] += domain::in_ticket_view(t, tab_views[i]) ? 1 : 0;
    if (domain::ticket_matches(s, t, filter)) cache.rows.push_back(t.id);
  }
  // The order: rows are newest first already; other columns sort stably on their key, ties
  // newest first. A deadline of 0 (none) sorts last.
  if (query.sort_column != col_id || !query.descending) {
    auto key = [&](const domain::Ticket& t) -> std::tuple<std::int64_t, std::string> {
      switch (query.sort_column) {
      case col_subject: return {0, lower(t.subject)};
      case col_customer: return {0, lower(customer_name(s, t.customer_id))};
      case col_status: return {static_cast<std::int64_t>(t.status), {}};
      case col_priority: return {static_cast<std::int64_t>(t.priority), {}};
      case col_agent: return {0, t.agent_id ? lower(member_name(s, t.agent_id)) : std::string("~")};
      case col_deadline: {
        const auto d = domain::sla::next_deadline(t).at;
        return {d ? d : INT64_MAX, {}};
      }
      case col_updated: return {t.updated_at, {}};
      default: return {t.id, {}};
      }
    };
    std::stable_sort(cache.rows.begin(), cache.rows.end(), [&](domain::TicketId a, domain::TicketId b) {
      const auto ka = key(s.tickets.at(a)), kb = key(s.tickets.at(b));
      return query.descending ? kb < ka : ka < kb;
    });
  }
  return cache;
}

// The tabs, each with its count; the active one tinted.
void tabs_row(const TicketList& list, const std::string& view, domain::ProgramId program, Dispatch& dispatch, bool staff) {
  for (std::size_t tab_index = 0; tab_index < std::size(tabs) - (staff ? 0 : 1); ++tab_index) {
    const auto& tab = tabs[tab_index];
    const std::size_t n = list.tab_counts[tab_index];
    // The button's label is the tab's name alone (stable for tests); the count follows it.
    const bool active = view == tab.view;
    if (active) {
      ImGui::PushStyleColor(ImGuiCol_Button, ui::color::accent_soft);
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
    }
    const std::string id = std::string(tab.label) + "###" + tab.label;
    const float count_w = ImGui::CalcTextSize(std::to_string(n).c_str()).x + ui::dp(8);
    const float w = ImGui::CalcTextSize(tab.label).x + ImGui::GetStyle().FramePadding.x * 2 + count_w;
    if (tab_index > 0) ui::flow_next(w, ui::dp(6)); // on a phone the tabs wrap
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    const bool pressed = ImGui::Button(id.c_str(), ImVec2(w, 0));
    ImGui::PopStyleVar();
    {
      const std::string count = std::to_string(n);
      const ImVec2 ts = ImGui::CalcTextSize(count.c_str());
      ImGui::GetWindowDrawList()->AddText(
          ImVec2(at.x + w - ImGui::GetStyle().FramePadding.x - ts.x, at.y + (ImGui::GetFrameHeight() - ts.y) * 0.5f),
          active ? ui::color::accent : ui::color::muted, count.c_str());
    }
    if (pressed && !active) {
      Route r = program_route(Page::tickets, program);
      r.ticket_view = tab.view;
      dispatch(Navigate{r});
    }
    if (active) ImGui::PopStyleColor(2);
  }
}

// The search, and the filters: priority for everyone, the handling agent for the business.
void search_and_filters(const domain::ProgramState& s, bool business, bool customer, UiState& ui_state) {
  const bool narrow = ui::narrow(); // a phone: the search takes the width, the filters wrap
  if (!narrow) ImGui::SameLine(0, ui::dp(16));
  bool edited = false;
  if (std::exchange(ui_state.focus_search, false)) ImGui::SetKeyboardFocusHere(); // the "/" shortcut
  ui::input_text("##Search tickets", customer ? "Search by subject" : "Search by subject or customer", ui_state.ticket_search, edited, 0,
                 narrow ? -FLT_MIN : ui::dp(280));
  {
    ui::flow_next(ui::dp(150), ui::dp(8));
    const std::vector<std::string> priorities{"Any priority", "P0 Critical", "P1 High", "P2 Medium", "P3 Low"};
    int p = ui_state.ticket_priority + 1;
    if (choice("##Priority filter", priorities, p, ui::dp(150))) ui_state.ticket_priority = p - 1;
    if (business) {
      ui::flow_next(ui::dp(180), ui::dp(8));
      std::vector<std::string> labels{"Any agent", "Business queue"};
      std::vector<std::int64_t> ids{-1, 0};
      for (const auto* a : agents_by_name(s)) labels.push_back(member_name(s, a->person_id)), ids.push_back(a->person_id);
      int index = 0;
      for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == ui_state.ticket_agent) index = static_cast<int>(i);
      if (choice("##Agent filter", labels, index, ui::dp(180))) ui_state.ticket_agent = ids[static_cast<std::size_t>(index)];
      // The teams' queues (routing rules).
      if (!s.routing.teams.empty()) {
        ui::flow_next(ui::dp(180), ui::dp(8));
        std::vector<std::string> team_labels{"Any team"}, keys{""};
        for (const auto& t : s.routing.teams) team_labels.push_back(t.name + " queue"), keys.push_back(t.key);
        int team = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
          if (keys[i] == ui_state.ticket_team) team = static_cast<int>(i);
        if (choice("##Team filter", team_labels, team, ui::dp(180))) ui_state.ticket_team = keys[static_cast<std::size_t>(team)];
      }
    }
  }
}

// The header row: a click on a header sorts the list (reported to the item table with its order).
void header_row(int columns, const UiState& ui_state) {
  if (ui::cards()) return; // cards have no header
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ui::dp(36));
  for (int c = 0; c < columns; ++c) {
    if (!ui::list_cell(c)) continue;
    ui::center_in_row(ui::dp(36), ImGui::GetTextLineHeight());
    ui::FontScope font(ui::fonts().bold, 13.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    // Headers sort the list: reported to the item table with their order, for the tests.
    const auto sort = ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_IsSorted
                          ? (ui_state.ticket_sort_descending ? "descending" : "ascending")
                          : "";
    testing::record_info(ImGui::GetItemID(), ImGui::TableGetColumnName(c), 0, sort);
    ImGui::PopStyleColor();
  }
}

// One ticket's row: the whole row opens the ticket; an overdue one is tinted.
void ticket_row(const domain::ProgramState& s, const domain::Ticket& t, bool business, bool customer, float row_h, std::int64_t now,
                Dispatch& dispatch) {
  ImGui::PushID(static_cast<int>(t.id));
  ui::list_row(row_h);
  if (t.overdue()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ui::color::error_soft);
  ui::list_cell(0);
  const std::string label = "Ticket " + std::to_string(t.id) + "##row";
  if (ui::row_button(label.c_str(), row_h)) dispatch(Navigate{program_route(Page::ticket, s.id, t.id)});
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  ui::text("#" + std::to_string(t.id), ui::color::muted);
  ui::list_cell(1);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(t.subject);
  }
  if (!t.restricted_topics.empty() && !customer) {
    ImGui::SameLine(0, ui::dp(8));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui::dp(2));
    ui::pill("Restricted topic", ui::tone::warning);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Touches a restricted topic: escalate, do not handle it yourself.");
  }
  int col = 2;
  if (!customer) {
    ui::list_cell(col++);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(customer_name(s, t.customer_id));
  }
  ui::list_cell(col++);
  ui::center_in_row(row_h, ui::pill_size("X").y);
  ui::pill(t.overdue() && domain::is_open(t.status) ? std::string(domain::label_of(t.status)) + " \xC2\xB7 overdue"
                                                     : std::string(domain::label_of(t.status)),
           ticket_status_tone(t));
  ui::list_cell(col++);
  ui::center_in_row(row_h, ui::pill_size("X").y);
  ui::pill(domain::to_string(t.priority), priority_tone(t.priority));
  if (business) {
    ui::list_cell(col++);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(t.agent_id ? member_name(s, t.agent_id) : "Business queue", t.agent_id ? ui::color::text : ui::color::muted);
  }
  ui::list_cell(col++);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  countdown(t, now);
  ui::list_cell(col);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  ui::text(relative_time(t.updated_at, now), ui::color::muted);
  ImGui::PopID();
}

void ticket_table(const domain::ProgramState& s, const std::vector<domain::TicketId>& rows, bool business, bool customer, std::int64_t now,
                  UiState& ui_state, Dispatch& dispatch) {
  const float row_h = ui::dp(46);
  const int columns = business ? 8 : customer ? 6 : 7;
  const ImGuiTableFlags flags = ui::list_table_flags | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable;
  const float wanted = ui::dp(46) + row_h * static_cast<float>(rows.size()) + ui::dp(2);
  const float height = std::min(wanted, std::max(ui::dp(240), ImGui::GetContentRegionAvail().y - ui::dp(4)));
  if (!ui::begin_list_table("tickets", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const auto stretch = ImGuiTableColumnFlags_WidthStretch;
  ui::list_column("#", stretch | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 0.4f, col_id, ui::CardPart::lead);
  ui::list_column("Subject", stretch, 2.8f, col_subject, ui::CardPart::title);
  if (!customer) ui::list_column("Customer", stretch, 1.3f, col_customer);
  ui::list_column("Status", stretch, 1.3f, col_status);
  ui::list_column("Priority", stretch, 0.7f, col_priority);
  if (business) ui::list_column("Agent", stretch, 1.2f, col_agent);
  ui::list_column("Next deadline", stretch, 2.0f, col_deadline);
  ui::list_column("Updated", stretch | ImGuiTableColumnFlags_PreferSortDescending, 1.0f, col_updated);
  // The order the person picked by clicking a header; the rows are sorted with the list.
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      ui_state.ticket_sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
      ui_state.ticket_sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    }
    specs->SpecsDirty = false;
  }
  header_row(columns, ui_state);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), ui::clip_height(row_h));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto found = s.tickets.find(rows[static_cast<std::size_t>(i)]);
      if (found == s.tickets.end()) continue;
      const auto& t = found->second;
      ticket_row(s, t, business, customer, row_h, now, dispatch);
    }
  }
  ui::end_list_table();
}

void draw_tickets(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const bool business = identity::is_business_role(role);
    const bool customer = role == identity::Role::customer;
    const auto now = clock_ms();
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ImGui::BeginChild("tickets-page", ImVec2(avail, 0), ImGuiChildFlags_NavFlattened, ImGuiWindowFlags_NoScrollbar);

    // The counts and the rows only change with the replica or the filter: computed once per
    // change, not per frame (a business may hold 100,000 tickets).
    const std::string& view = app.route.ticket_view;
    const TicketQuery query{view, ui_state.ticket_search, ui_state.ticket_priority, customer ? -1 : ui_state.ticket_agent,
                            ui_state.ticket_sort_column, ui_state.ticket_sort_descending, business ? ui_state.ticket_team : std::string()};
    const auto& list = ticket_list(s, query);
    static std::uint64_t shown_generation = 0;
    if (list.generation != shown_generation) { // the order J and K follow on a ticket's page
      shown_generation = list.generation;
      ui_state.ticket_order.assign(list.rows.begin(), list.rows.end());
    }
    const std::size_t open = list.open, overdue = list.overdue;
    const ImVec2 top = ImGui::GetCursorPos();
    page_title(customer ? "My tickets" : "Tickets",
               count_text(static_cast<std::int64_t>(open), "open ticket", "open tickets") +
                   (overdue ? ", " + std::to_string(overdue) + " overdue" : std::string()));
    if (customer || business) {
      const ImVec2 after = ImGui::GetCursorPos();
      const char* label = "Open a ticket";
      const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
      ImGui::SetCursorPos(ImVec2(std::max(top.x, ImGui::GetWindowWidth() - w - ui::dp(4)), top.y + ui::dp(4)));
      if (ui::primary_button(label, ImVec2(0, 0))) dispatch(Navigate{program_route(Page::new_ticket, s.id)});
      ImGui::SetCursorPos(after);
    }
    if (role == identity::Role::agent) draw_agent_workspace(s, my_id(app), now, ui_state, dispatch);

    tabs_row(list, view, s.id, dispatch, !customer);
    search_and_filters(s, business, customer, ui_state);
    ImGui::Dummy(ui::dp(0, 8));

    // Rows
    const std::string q = lower(ui_state.ticket_search);
    const auto& rows = list.rows;
    if (rows.empty()) {
      const bool filtered = !q.empty() || ui_state.ticket_priority >= 0 || (!customer && ui_state.ticket_agent >= 0) ||
                            (business && !ui_state.ticket_team.empty());
      ui::empty_state(s.tickets.empty() ? "No tickets yet" : "No tickets here",
                      filtered ? "No ticket matches the search and filters." : "Tickets appear here as soon as they are opened.");
    } else {
      ticket_table(s, rows, business, customer, now, ui_state, dispatch);
    }
    ImGui::EndChild();
  }
  end_page();
}

} // namespace pd::client::views
