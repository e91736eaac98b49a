// The ticket list (#/p/{id}/tickets[?view=]) and the new-ticket form (#/p/{id}/tickets/new),
// plus the pieces the support views share (ticket_parts.hpp). All from the replica: customers
// get their own tickets, agents those of their customers, the business every ticket.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/support/check_in_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "client/testing/item_table.hpp"
#include "client/views/support/tag_parts.hpp"

#include "shared/domain/support/restricted_topics.hpp"
#include "shared/domain/program/list_filters.hpp"
#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/support_overview.hpp"
#include "shared/domain/support/sla.hpp"

#include "imgui_stdlib.h"

#include <tuple>
#include <algorithm>
#include <array>
#include <cstdio>

namespace pd::client::views {

// [SECTION] Shared pieces
ui::Tone ticket_status_tone(const domain::Ticket& t) {
  using S = domain::TicketStatus;
  if (t.overdue()) return ui::tone::danger;
  switch (t.status) {
  case S::new_ticket: return ui::tone::accent;
  case S::open:
  case S::reopened: return ui::tone::accent;
  case S::waiting_on_customer: return ui::tone::neutral;
  case S::escalated: return ui::tone::warning;
  case S::resolved: return ui::tone::success;
  case S::closed: return ui::tone::neutral;
  case S::unknown: break;
  }
  return ui::tone::neutral;
}

ui::Tone priority_tone(domain::Priority p) {
  switch (p) {
  case domain::Priority::p0: return ui::tone::danger;
  case domain::Priority::p1: return ui::tone::warning;
  case domain::Priority::p2: return ui::tone::accent;
  case domain::Priority::p3: return ui::tone::neutral;
  }
  return ui::tone::neutral;
}

std::string span_text(std::int64_t ms) {
  if (ms < 0) ms = -ms;
  const std::int64_t s = ms / 1000, m = s / 60, h = m / 60, d = h / 24;
  if (d > 0) return std::to_string(d) + " d" + (h % 24 ? " " + std::to_string(h % 24) + " h" : std::string());
  if (h > 0) return std::to_string(h) + " h" + (m % 60 ? " " + std::to_string(m % 60) + " min" : std::string());
  if (m > 0) return std::to_string(m) + " min";
  return std::to_string(s) + " s";
}

std::string countdown_text(const domain::Ticket& t, std::int64_t now, bool& overdue) {
  overdue = false;
  if (!domain::is_open(t.status)) return {};
  const auto next = domain::sla::next_deadline(t);
  if (next.at <= 0 || next.at >= domain::sla::no_deadline) return {};
  if (next.at <= now) {
    overdue = true;
    return "overdue by " + span_text(now - next.at) + " (" + next.what + ")";
  }
  return "due in " + span_text(next.at - now) + " (" + next.what + ")";
}

void countdown(const domain::Ticket& t, std::int64_t now) {
  bool overdue = false;
  const auto text = countdown_text(t, now, overdue);
  if (text.empty()) ui::text(t.status == domain::TicketStatus::waiting_on_customer ? "paused" : "\xE2\x80\x94", ui::color::muted);
  else ui::text(text, overdue || t.overdue() ? ui::color::error : ui::color::text);
}

std::string customer_name(const domain::ProgramState& s, domain::CustomerId id) {
  if (auto c = s.customer(id)) return c->profile.name;
  return "Customer " + std::to_string(id);
}

const char* category_label(domain::Category c) {
  using C = domain::Category;
  switch (c) {
  case C::how_to: return "How-to";
  case C::billing: return "Billing";
  case C::bug: return "Bug";
  case C::feature_request: return "Feature request";
  case C::account: return "Account";
  case C::integration: return "Integration";
  case C::performance: return "Performance";
  case C::security: return "Security";
  case C::onboarding: return "Onboarding";
  case C::churn_risk: return "Churn risk";
  }
  return "";
}

bool multiline(const char* id, std::string& value, float height) {
  ImGui::InputTextMultiline(id, &value, ImVec2(-FLT_MIN, height));
  const bool edited = ImGui::IsItemEdited();
  testing::record_value(value);
  return edited;
}

std::string size_text(std::int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>(bytes / 1024));
  else std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  return buf;
}

void attachment_draft(AttachmentDraft& d, const char* draft, std::int64_t max_bytes, Dispatch& dispatch) {
  ImGui::PushID(draft);
  std::optional<std::size_t> drop;
  for (std::size_t i = 0; i < d.files.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::AlignTextToFramePadding();
    ui::text("Attached: " + d.files[i].name + " (" + size_text(d.files[i].size) + ")");
    ImGui::SameLine(0, ui::dp(10));
    if (ui::link("Remove")) drop = i;
    ImGui::PopID();
  }
  if (drop) d.files.erase(d.files.begin() + static_cast<std::ptrdiff_t>(*drop));
  if (d.upload_id) {
    ui::text("Uploading\xE2\x80\xA6", ui::color::muted);
  } else if (d.files.size() < domain::max_attachments) {
    if (ui::secondary_button("Attach a file")) dispatch(AttachFile{draft});
    ImGui::SameLine(0, ui::dp(8));
    ImGui::AlignTextToFramePadding();
    ui::text("Up to " + size_text(max_bytes) + " each; images, PDF, video, ZIP, text, CSV or JSON.", ui::color::muted);
  }
  if (!d.error.empty()) ui::error_box(d.error);
  ImGui::PopID();
}

void attachment_links(const std::vector<domain::Attachment>& files, std::int64_t program) {
  for (const auto& a : files) {
    ImGui::PushID(a.sha256.c_str());
    if (ui::link(("Attachment: " + a.name + " (" + size_text(a.size) + ")").c_str()))
      platform::open_url(("/api/v1/programs/" + std::to_string(program) + "/files/" + a.sha256).c_str());
    ImGui::PopID();
  }
}

bool score_buttons(const char* id, int& value, int from, int to) {
  bool changed = false;
  ImGui::PushID(id);
  for (int i = from; i <= to; ++i) {
    if (i > from) ImGui::SameLine(0, ui::dp(4));
    const bool on = value == i;
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ui::color::accent);
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::surface);
    }
    const std::string label = std::to_string(i) + "###" + id + " " + std::to_string(i);
    if (ImGui::Button(label.c_str(), ui::dp(30, 0))) {
      value = i;
      changed = true;
    }
    if (on) ImGui::PopStyleColor(2);
  }
  ImGui::PopID();
  return changed;
}

// [SECTION] Ticket list
namespace {

// The agent's workspace above the list: own performance score (with its components and the
// weights) with a link to its performance history, active warnings with the end of their
// monitoring window, follow-up reminders with the check-ins' Done and Move, and scheduling one.
void draw_agent_workspace(const domain::ProgramState& s, domain::PersonId me, std::int64_t now, UiState& ui_state, Dispatch& dispatch) {
  const float card_h = ui::dp(262);
  const float gap = ui::dp(16);
  const float col = column_width(ImGui::GetContentRegionAvail().x, 3, gap, ui::dp(260));
  const bool row = col < ImGui::GetContentRegionAvail().x;
  const auto rec = s.agent_support.find(me);
  const domain::AgentSupport empty;
  const auto& record = rec == s.agent_support.end() ? empty : rec->second;
  const auto perf = domain::performance_of(record, now);
  auto pct = [](double v) {
    char buf[32];
    if (v < 0) return std::string("no data");
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return std::string(buf);
  };
  if (ui::begin_card("My performance", col, card_h)) {
    ui::caption("MY PERFORMANCE SCORE");
    {
      ui::FontScope font(ui::fonts().bold, 24);
      ui::text(pct(perf.score), perf.score >= 0 && perf.score < 60 ? ui::color::error : ui::color::text);
    }
    ui::FontScope font(ui::fonts().regular, 13);
    ui::text("SLA compliance " + pct(perf.sla_compliance) + " (40%)", ui::color::muted);
    ui::text("Response time " + pct(perf.response) + " (20%)", ui::color::muted);
    ui::text("Customer ratings " + pct(perf.customer) + " (25%)", ui::color::muted);
    ui::text("Business ratings " + pct(perf.business) + " (15%)", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::link("Performance history")) dispatch(Navigate{program_route(Page::agent, s.id, me)});
  }
  ui::end_card();
  if (row) ImGui::SameLine(0, gap);
  if (ui::begin_card("My warnings", col, card_h)) {
    ui::caption("WARNINGS");
    bool any = false;
    for (const auto& w : record.warnings) {
      if (w.monitor_until <= now) continue;
      any = true;
      ui::text_wrapped(w.reason, ui::color::warning);
      ui::FontScope font(ui::fonts().regular, 13);
      ui::text("Monitored until " + format_day_ms(w.monitor_until), ui::color::muted);
    }
    if (!any) ui::text("No active warnings.", ui::color::muted);
    ui::text(count_text(record.overdue_flags, "overdue flag", "overdue flags"), record.overdue_flags ? ui::color::error : ui::color::muted);
  }
  ui::end_card();
  if (row) ImGui::SameLine(0, gap);
  if (ui::begin_card("Follow-ups", col, card_h)) {
    ui::caption("FOLLOW-UPS");
    const auto ups = domain::follow_ups(s, me, now); // check-ins first, soonest first
    if (ups.empty()) ui::text("Nothing to follow up.", ui::color::muted);
    int shown = 0;
    for (const auto& u : ups) {
      if (++shown > 3) { // three fit with their buttons; the customer pages hold the rest
        ui::text("\xE2\x80\xA6" "and " + std::to_string(ups.size() - 3) + " more", ui::color::muted);
        break;
      }
      ImGui::PushID(shown);
      const std::string label = customer_name(s, u.customer_id) + "##follow-up";
      if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::customer, s.id, u.customer_id)});
      ImGui::SameLine(0, ui::dp(6));
      ui::FontScope font(ui::fonts().regular, 13);
      const auto check_in = u.check_in_id ? s.check_ins.find(u.check_in_id) : s.check_ins.end();
      if (check_in != s.check_ins.end()) {
        const bool due = domain::check_in_due(check_in->second, now);
        ui::text(check_in_when(check_in->second, now), due ? ui::color::error : ui::color::muted);
        ui::text(u.detail, ui::color::muted);
        ImGui::SameLine(0, ui::dp(8));
        check_in_buttons(s, me, check_in->second, ui_state, dispatch, "follow-ups", now);
      } else {
        ui::text(u.detail.empty() ? u.reason : u.detail, ui::color::muted);
      }
      ImGui::PopID();
    }
    ImGui::Dummy(ui::dp(0, 2));
    if (ui::link("Schedule a check-in##follow-ups")) open_check_in_form(ui_state, "follow-ups", 0, nullptr, now);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 10));
  if (ui_state.check_in.open && ui_state.check_in.where == "follow-ups") {
    draw_check_in_form(s, me, ui_state, dispatch, "follow-ups", now);
    ImGui::Dummy(ui::dp(0, 10));
  }
}

void center_in_row(float row_h, float content_h) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (row_h - content_h) * 0.5f));
}

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
constexpr Tab tabs[] = {{"Open", ""}, {"Overdue", "overdue"}, {"Escalated", "escalated"}, {"Closed", "closed"}, {"All", "all"}};

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
};

const TicketList& ticket_list(const domain::ProgramState& s, const TicketQuery& query) {
  static TicketList cache;
  if (cache.program == s.id && cache.version == s.version && cache.ticket_count == s.tickets.size() && cache.query == query)
    return cache;
  cache = TicketList{};
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

void draw_tickets(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const bool business = identity::is_business_role(role);
    const bool customer = role == identity::Role::customer;
    const auto now = clock_ms();
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ImGui::BeginChild("tickets-page", ImVec2(avail, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);

    // The counts and the rows only change with the replica or the filter: computed once per
    // change, not per frame (a business may hold 100,000 tickets).
    const std::string& view = app.route.ticket_view;
    const TicketQuery query{view, ui_state.ticket_search, ui_state.ticket_priority, customer ? -1 : ui_state.ticket_agent,
                            ui_state.ticket_sort_column, ui_state.ticket_sort_descending};
    const auto& list = ticket_list(s, query);
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

    // Tabs
    for (std::size_t tab_index = 0; tab_index < std::size(tabs); ++tab_index) {
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
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float w = ImGui::CalcTextSize(tab.label).x + ImGui::GetStyle().FramePadding.x * 2 + count_w;
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
        Route r = program_route(Page::tickets, s.id);
        r.ticket_view = tab.view;
        dispatch(Navigate{r});
      }
      if (active) ImGui::PopStyleColor(2);
      ImGui::SameLine(0, ui::dp(6));
    }
    ImGui::SameLine(0, ui::dp(16));
    bool edited = false;
    ui::input_text("##Search tickets", customer ? "Search by subject" : "Search by subject or customer", ui_state.ticket_search, edited, 0, ui::dp(280));
    // Filters: priority for everyone, the handling agent for the business.
    {
      ImGui::SameLine(0, ui::dp(8));
      const std::vector<std::string> priorities{"Any priority", "P0 Critical", "P1 High", "P2 Medium", "P3 Low"};
      int p = ui_state.ticket_priority + 1;
      if (choice("##Priority filter", priorities, p, ui::dp(150))) ui_state.ticket_priority = p - 1;
      if (business) {
        ImGui::SameLine(0, ui::dp(8));
        std::vector<std::string> labels{"Any agent", "Business queue"};
        std::vector<std::int64_t> ids{-1, 0};
        for (const auto* a : agents_by_name(s)) labels.push_back(member_name(s, a->person_id)), ids.push_back(a->person_id);
        int index = 0;
        for (std::size_t i = 0; i < ids.size(); ++i)
          if (ids[i] == ui_state.ticket_agent) index = static_cast<int>(i);
        if (choice("##Agent filter", labels, index, ui::dp(180))) ui_state.ticket_agent = ids[static_cast<std::size_t>(index)];
      }
    }
    ImGui::Dummy(ui::dp(0, 8));

    // Rows
    const std::string q = lower(ui_state.ticket_search);
    const auto& rows = list.rows;
    if (rows.empty()) {
      ImGui::Dummy(ui::dp(0, 12));
      ui::heading(s.tickets.empty() ? "No tickets yet" : "No tickets here", 18);
      const bool filtered = !q.empty() || ui_state.ticket_priority >= 0 || (!customer && ui_state.ticket_agent >= 0);
      ui::text(filtered ? "No ticket matches the search and filters." : "Tickets appear here as soon as they are opened.", ui::color::muted);
    } else {
      const float row_h = ui::dp(46);
      const int columns = business ? 8 : customer ? 6 : 7;
      const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                    ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX |
                                    ImGuiTableFlags_Sortable;
      const float wanted = ui::dp(46) + row_h * static_cast<float>(rows.size()) + ui::dp(2);
      const float height = std::min(wanted, std::max(ui::dp(240), ImGui::GetContentRegionAvail().y - ui::dp(4)));
      ImGui::PushStyleColor(ImGuiCol_TableRowBg, ui::color::surface);
      ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, IM_COL32(0xFA, 0xFB, 0xFD, 0xFF));
      ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, IM_COL32(0xF8, 0xFA, 0xFC, 0xFF));
      ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ui::color::border);
      ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ui::color::border);
      ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ui::dp(10, 0));
      if (ImGui::BeginTable("tickets", columns, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        const auto stretch = ImGuiTableColumnFlags_WidthStretch;
        ImGui::TableSetupColumn("#", stretch | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 0.4f, col_id);
        ImGui::TableSetupColumn("Subject", stretch, 2.8f, col_subject);
        if (!customer) ImGui::TableSetupColumn("Customer", stretch, 1.3f, col_customer);
        ImGui::TableSetupColumn("Status", stretch, 1.3f, col_status);
        ImGui::TableSetupColumn("Priority", stretch, 0.7f, col_priority);
        if (business) ImGui::TableSetupColumn("Agent", stretch, 1.2f, col_agent);
        ImGui::TableSetupColumn("Next deadline", stretch, 2.0f, col_deadline);
        ImGui::TableSetupColumn("Updated", stretch | ImGuiTableColumnFlags_PreferSortDescending, 1.0f, col_updated);
        // The order the person picked by clicking a header; the rows are sorted with the list.
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
          if (specs->SpecsCount > 0) {
            ui_state.ticket_sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
            ui_state.ticket_sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
          }
          specs->SpecsDirty = false;
        }
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ui::dp(36));
        for (int c = 0; c < columns; ++c) {
          if (!ImGui::TableSetColumnIndex(c)) continue;
          center_in_row(ui::dp(36), ImGui::GetTextLineHeight());
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
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()), row_h);
        while (clipper.Step()) {
          for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto found = s.tickets.find(rows[static_cast<std::size_t>(i)]);
            if (found == s.tickets.end()) continue;
            const auto& t = found->second;
            ImGui::PushID(static_cast<int>(t.id));
            ImGui::TableNextRow(0, row_h);
            if (t.overdue()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ui::color::error_soft);
            ImGui::TableSetColumnIndex(0);
            const float y = ImGui::GetCursorPosY();
            ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ui::color::accent_soft);
            ImGui::PushStyleColor(ImGuiCol_HeaderActive, ui::color::accent_soft);
            ImGui::PushStyleColor(ImGuiCol_Text, 0);
            const std::string label = "Ticket " + std::to_string(t.id) + "##row";
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h)))
              dispatch(Navigate{program_route(Page::ticket, s.id, t.id)});
            ImGui::PopStyleColor(3);
            if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetCursorPosY(y);
            center_in_row(row_h, ImGui::GetTextLineHeight());
            ui::text("#" + std::to_string(t.id), ui::color::muted);
            ImGui::TableSetColumnIndex(1);
            center_in_row(row_h, ImGui::GetTextLineHeight());
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
              ImGui::TableSetColumnIndex(col++);
              center_in_row(row_h, ImGui::GetTextLineHeight());
              ui::text(customer_name(s, t.customer_id));
            }
            ImGui::TableSetColumnIndex(col++);
            center_in_row(row_h, ui::pill_size("X").y);
            ui::pill(t.overdue() && domain::is_open(t.status) ? std::string(domain::label_of(t.status)) + " \xC2\xB7 overdue"
                                                               : std::string(domain::label_of(t.status)),
                     ticket_status_tone(t));
            ImGui::TableSetColumnIndex(col++);
            center_in_row(row_h, ui::pill_size("X").y);
            ui::pill(domain::to_string(t.priority), priority_tone(t.priority));
            if (business) {
              ImGui::TableSetColumnIndex(col++);
              center_in_row(row_h, ImGui::GetTextLineHeight());
              ui::text(t.agent_id ? member_name(s, t.agent_id) : "Business queue", t.agent_id ? ui::color::text : ui::color::muted);
            }
            ImGui::TableSetColumnIndex(col++);
            center_in_row(row_h, ImGui::GetTextLineHeight());
            countdown(t, now);
            ImGui::TableSetColumnIndex(col);
            center_in_row(row_h, ImGui::GetTextLineHeight());
            ui::text(relative_time(t.updated_at, now), ui::color::muted);
            ImGui::PopID();
          }
        }
        ImGui::EndTable();
      }
      ImGui::PopStyleVar();
      ImGui::PopStyleColor(5);
    }
    ImGui::EndChild();
  }
  end_page();
}

// [SECTION] New ticket
void draw_new_ticket(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const bool business = identity::is_business_role(role);
    auto& f = ui_state.new_ticket;
    const auto& form = ui_state.form("new_ticket");
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(720));
    ui::begin_column("new-ticket-page", avail);
    if (back_link(business ? "Tickets" : "My tickets")) dispatch(Navigate{program_route(Page::tickets, s.id)});
    page_title("Open a ticket", business ? "On behalf of a customer." : "Tell us what is going on; we answer within the SLA of your plan.");
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);

    if (business) {
      ui::field_label("Customer");
      std::vector<std::string> labels{"Pick a customer\xE2\x80\xA6"};
      std::vector<domain::CustomerId> ids{0};
      int index = 0;
      for (const auto& [id, c] : s.customers) {
        if (id == f.customer_id) index = static_cast<int>(ids.size());
        labels.push_back(c.profile.name + " (" + c.profile.email + ")");
        ids.push_back(id);
      }
      if (choice("##Customer", labels, index, -FLT_MIN)) f.customer_id = ids[static_cast<std::size_t>(index)];
      ui::field_error(form.errors.field("customer_id"));
      ImGui::Dummy(ui::dp(0, 6));
    }
    labeled_input("Subject", "##Subject", "A short summary", f.subject, form.errors.field("subject"));
    ImGui::Dummy(ui::dp(0, 6));
    ui::field_label("Description");
    multiline("##Description", f.text, ui::dp(160));
    ui::field_error(form.errors.field("text"));
    attachment_draft(f.files, "new_ticket", s.support_settings.max_attachment_bytes, dispatch);
    for (const auto& [field, message] : form.errors.fields)
      if (field.starts_with("attachments")) ui::field_error(&message);
    ImGui::Dummy(ui::dp(0, 6));
    {
      std::vector<std::string> cats;
      for (auto c : domain::all_categories) cats.push_back(category_label(c));
      ui::field_label("Category");
      choice("##Category", cats, f.category, ui::dp(240));
      ui::field_error(form.errors.field("category"));
      ImGui::Dummy(ui::dp(0, 4));
      ui::field_label("Also about (up to two secondary tags)");
      secondary_tags(domain::all_categories[static_cast<std::size_t>(std::clamp(f.category, 0, 9))], f.tags);
      ui::field_error(form.errors.field("tags"));
    }
    ImGui::Dummy(ui::dp(0, 6));
    {
      std::vector<std::string> prios;
      for (auto p : {domain::Priority::p0, domain::Priority::p1, domain::Priority::p2, domain::Priority::p3})
        prios.push_back(business ? std::string(domain::label_of(p))
                                 : std::string(p == domain::Priority::p0   ? "Critical: we cannot work"
                                               : p == domain::Priority::p1 ? "High: a key feature is broken"
                                               : p == domain::Priority::p2 ? "Normal"
                                                                           : "Low: a question"));
      ui::field_label(business ? "Priority" : "Urgency");
      choice("##Priority", prios, f.priority, ui::dp(300));
      ui::field_error(form.errors.field("priority"));
    }
    ImGui::Dummy(ui::dp(0, 12));
    const bool ready = !f.subject.empty() && !f.text.empty() && (!business || f.customer_id) && !f.files.upload_id;
    if (ui::primary_button(form.sending ? "Opening\xE2\x80\xA6###Submit ticket" : "Submit ticket###Submit ticket", ImVec2(0, 0),
                           ready && !form.sending)) {
      domain::OpenTicket cmd;
      cmd.customer_id = business ? f.customer_id : 0;
      cmd.subject = f.subject;
      cmd.text = f.text;
      cmd.category = domain::all_categories[static_cast<std::size_t>(std::clamp(f.category, 0, 9))];
      cmd.priority = static_cast<domain::Priority>(std::clamp(f.priority, 0, 3));
      cmd.tags = f.tags;
      cmd.attachments = f.files.files;
      dispatch(SendSupport{"new_ticket", cmd});
    }
    ImGui::SameLine();
    if (ui::secondary_button("Cancel")) dispatch(Navigate{program_route(Page::tickets, s.id)});
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
