// The business's support overview (#/p/{id}/support), computed from the replica with the shared
// support_overview(): SLA health over 7/30/90 days, open tickets oldest first, overdue tickets
// by agent, escalations awaiting the business, first-response times per agent, recent ratings.
// Also the notification bell of the top bar (draw_notifications).
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"
#include "client/views/program/privacy_parts.hpp"
#include "client/views/support/conduct_parts.hpp"
#include "client/views/support/escalation_parts.hpp"
#include "client/views/support/satisfaction_parts.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "client/testing/item_table.hpp"

#include "shared/domain/support/support_overview.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

namespace {

constexpr int periods[] = {7, 30, 90};

// One clickable line for a ticket: "#12 Subject" then what follows in muted text.
void ticket_line(const domain::ProgramState& s, const domain::Ticket& t, const std::string& after, ImU32 after_col,
                 Dispatch& dispatch) {
  ImGui::PushID(static_cast<int>(t.id));
  const std::string label = "#" + std::to_string(t.id) + " " + t.subject;
  if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, t.id)});
  ImGui::SameLine(0, ui::dp(10));
  ui::text(after, after_col);
  ImGui::PopID();
}


// SLA health over the period picked.
void sla_health(const domain::SupportOverview& o, UiState& ui_state) {
  const int pi = std::clamp(ui_state.overview_period, 0, 2);
  ui::caption("SLA HEALTH");
  {
    ui::FontScope font(ui::fonts().bold, 30);
    ui::text(percent_text(o.sla_health / 100), o.sla_health >= 90 ? ui::color::success : o.sla_health >= 75 ? ui::color::warning : ui::color::error);
  }
  ImGui::SameLine(0, ui::dp(14));
  ImGui::AlignTextToFramePadding();
  ui::text(std::to_string(o.sla_in_time) + " of " + std::to_string(o.sla_total) + " first responses in time over the last",
           ui::color::muted);
  ImGui::SameLine(0, ui::dp(8));
  const std::vector<std::string> labels{"7 days", "30 days", "90 days"};
  int pick = pi;
  if (choice("##Period", labels, pick, ui::dp(120))) ui_state.overview_period = pick;
  ImGui::Dummy(ui::dp(0, 12));
}

// Left: open tickets oldest first, escalations
void open_and_escalated(const domain::ProgramState& s, const domain::SupportOverview& o, float col, std::int64_t now, UiState& ui_state,
                        Dispatch& dispatch) {
  ImGui::BeginGroup();
  if (ui::begin_card("Open tickets", col)) {
    ui::heading("Open tickets, oldest first", 16);
    if (o.open_by_age.empty()) ui::text("No open tickets.", ui::color::muted);
    std::size_t shown = 0;
    for (auto id : o.open_by_age) {
      if (++shown > 25) {
        ui::text("\xE2\x80\xA6" "and " + std::to_string(o.open_by_age.size() - 25) + " more", ui::color::muted);
        break;
      }
      if (auto t = s.ticket(id))
        ticket_line(s, *t, "open " + span_text(now - t->opened_at) + (t->overdue() ? ", overdue" : ""),
                    t->overdue() ? ui::color::error : ui::color::muted, dispatch);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
  if (ui::begin_card("Awaiting escalation", col)) {
    ui::heading("Awaiting escalation", 16);
    // Per row a readable summary; "Show note" opens the agent's whole note (escalation_parts).
    escalation_queue(s, o.awaiting_escalation, ui_state.escalation_note_open, now, dispatch);
  }
  ui::end_card();
  ImGui::EndGroup();
}

void overdue_card(const domain::ProgramState& s, const domain::SupportOverview& o, float col, std::int64_t now, Dispatch& dispatch) {
  if (ui::begin_card("Overdue by agent", col)) {
    ui::heading("Overdue by agent", 16);
    if (o.overdue_by_agent.empty()) ui::text("Nothing is overdue.", ui::color::muted);
    for (const auto& a : o.overdue_by_agent) {
      ImGui::PushID(static_cast<int>(a.agent_id));
      {
        ui::FontScope font(ui::fonts().bold, 0.0f);
        ui::text((a.agent_id ? member_name(s, a.agent_id) : std::string("Business queue")) + " (" + std::to_string(a.tickets.size()) + ")");
      }
      for (const auto& r : a.tickets)
        if (auto t = s.ticket(r.ticket_id))
          ticket_line(s, *t, std::string(r.target) + " due " + span_text(now - r.due) + " ago", ui::color::error, dispatch);
      ImGui::PopID();
    }
  }
  ui::end_card();
}

void response_times_card(const domain::ProgramState& s, const domain::SupportOverview& o, float col) {
  if (ui::begin_card("Response times", col)) {
    ui::heading("Average first response", 16);
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ui::color::neutral_soft);
    if (ImGui::BeginTable("response-times", 4, ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableSetupColumn("Agent");
      ImGui::TableSetupColumn("7 days");
      ImGui::TableSetupColumn("30 days");
      ImGui::TableSetupColumn("90 days");
      ImGui::TableHeadersRow();
      for (const auto& r : o.response_times) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ui::text(r.agent_id ? member_name(s, r.agent_id) : std::string("Business queue"));
        for (int i = 0; i < 3; ++i) {
          ImGui::TableSetColumnIndex(i + 1);
          ui::text(r.count[i] ? span_text(r.avg_ms[i]) + " (" + std::to_string(r.count[i]) + ")" : std::string("\xE2\x80\x94"),
                   r.count[i] ? ui::color::text : ui::color::muted);
        }
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleColor();
  }
  ui::end_card();
}

void ratings_card(const domain::ProgramState& s, const domain::SupportOverview& o, float col, Dispatch& dispatch) {
  if (ui::begin_card("Recent ratings", col)) {
    ui::heading("Recent ratings", 16);
    if (o.recent_ratings.empty()) ui::text("No ratings yet.", ui::color::muted);
    for (auto id : o.recent_ratings)
      if (auto t = s.ticket(id); t && t->customer_rating)
        ticket_line(s, *t,
                    std::to_string(t->customer_rating->overall) + "/5" +
                        (t->customer_rating->business_response.empty() ? " \xC2\xB7 not answered" : ""),
                    t->customer_rating->overall <= 2 ? ui::color::error : ui::color::muted, dispatch);
  }
  ui::end_card();
}

// A bell drawn with shapes (the UI font has no bell glyph), with the unread count as a badge.
void bell(ImVec2 p, float size, bool hovered, int unread) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 col = hovered ? ui::color::accent : ui::color::neutral;
  const float cx = p.x + size * 0.5f, cy = p.y + size * 0.5f, r = size * 0.22f;
  if (hovered) dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), ui::color::neutral_soft, ui::dp(6));
  dl->PathArcTo(ImVec2(cx, cy - r * 0.2f), r, 3.14159265f, 6.2831853f);
  dl->PathLineTo(ImVec2(cx + r * 1.15f, cy + r * 0.9f));
  dl->PathLineTo(ImVec2(cx - r * 1.15f, cy + r * 0.9f));
  dl->PathFillConvex(col);
  dl->AddRectFilled(ImVec2(cx - r, cy - r * 0.2f), ImVec2(cx + r, cy + r * 0.9f), col);
  dl->AddCircleFilled(ImVec2(cx, cy + r * 1.25f), r * 0.3f, col);
  if (unread) {
    const std::string n = unread > 99 ? "99+" : std::to_string(unread);
    ui::FontScope font(ui::fonts().bold, 11);
    const ImVec2 ts = ImGui::CalcTextSize(n.c_str());
    const float bw = std::max(ts.x + ui::dp(8), ts.y + ui::dp(2));
    const ImVec2 b0(p.x + size - bw * 0.75f, p.y + ui::dp(1));
    dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + ts.y + ui::dp(2)), ui::color::error, (ts.y + ui::dp(2)) * 0.5f);
    dl->AddText(ImVec2(b0.x + (bw - ts.x) * 0.5f, b0.y + ui::dp(1)), ui::color::surface, n.c_str());
  }
}

// One notification: a click marks all read and opens its ticket or customer.
void notification_item(const domain::ProgramState& s, const domain::Inbox& inbox, const domain::Notification& note, std::int64_t now,
                       Dispatch& dispatch) {
  const auto* n = &note;
  ImGui::PushID(static_cast<int>(n->id));
  const bool is_unread = n->id > inbox.read_up_to;
  const ImVec2 start = ImGui::GetCursorPos();
  const std::string item = "##notification-" + std::to_string(n->id);
  if (ImGui::Selectable(item.c_str(), false, 0, ImVec2(0, ui::dp(68)))) {
    if (is_unread) dispatch(SendCommand{FormId::notifications, domain::MarkNotificationsRead{inbox.items.back().id}});
    if (n->ticket_id) dispatch(Navigate{program_route(Page::ticket, s.id, n->ticket_id)});
    else if (n->customer_id) dispatch(Navigate{program_route(Page::customer, s.id, n->customer_id)});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SetCursorPos(ImVec2(start.x + ui::dp(4), start.y + ui::dp(4)));
  if (is_unread) ui::dot(ui::color::accent);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
  ui::text(n->text, is_unread ? ui::color::text : ui::color::muted);
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPosX(start.x + ui::dp(is_unread ? 20 : 4));
  {
    ui::FontScope font(ui::fonts().regular, 12.5f);
    ui::text(relative_time(n->at, now), ui::color::muted);
  }
  ImGui::SetCursorPos(ImVec2(start.x, start.y + ui::dp(72)));
  ImGui::Dummy(ImVec2(0, 0)); // submits the moved cursor (ImGui asks for an item after SetCursorPos)
  ImGui::PopID();
}

} // namespace

void draw_support(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch) && !allowed(app, domain::Action::read_support_overview)) {
    page_title("Support", "");
    ui::text_wrapped("Only the business sees the support overview.", ui::color::muted); // the server answers 403 too
  } else if (program_state(app)) {
    const auto& s = *program_state(app);
    const auto now = clock_ms();
    const int pi = std::clamp(ui_state.overview_period, 0, 2);
    const auto o = domain::support_overview(s, now, periods[pi]);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("support-page", avail);
    page_title("Support", count_text(static_cast<std::int64_t>(o.open_count), "open ticket", "open tickets") + ", " +
                              std::to_string(o.overdue_count) + " overdue, " + std::to_string(o.awaiting_escalation.size()) +
                              " awaiting escalation");

    sla_health(o, ui_state);
    red_flags_card(s, avail, dispatch);
    ImGui::Dummy(ui::dp(0, 12));

    const float gap = ui::dp(20);
    const float col = column_width(ImGui::GetContentRegionAvail().x, 2, gap, ui::dp(420));
    const bool two = col < ImGui::GetContentRegionAvail().x;

    open_and_escalated(s, o, col, now, ui_state, dispatch);
    if (two) ImGui::SameLine(0, gap);

    // Right: overdue by agent, response times, ratings
    ImGui::BeginGroup();
    overdue_card(s, o, col, now, dispatch);
    ImGui::Dummy(ui::dp(0, 8));
    response_times_card(s, o, col);
    ImGui::Dummy(ui::dp(0, 8));
    ratings_card(s, o, col, dispatch);
    ImGui::EndGroup();
    ImGui::Dummy(ui::dp(0, 12));
    restricted_customers_card(s, avail, now, dispatch); // after repeated abuse (conduct_parts.cpp)
    erasure_queue_card(s, my_id(app), ui_state, dispatch, avail); // privacy_parts.cpp
    ImGui::Dummy(ui::dp(0, 12));
    ui::end_column();
  }
  end_page();
}

// [SECTION] Notification centre
void draw_notifications(const AppState& app, UiState&, Dispatch& dispatch, float x, float row_y) {
  const auto* s = program_state(app);
  if (!s) return;
  const auto it = s->inboxes.find(my_id(app));
  const domain::Inbox* inbox = it == s->inboxes.end() ? nullptr : &it->second;
  const int unread = inbox ? inbox->unread() : 0;
  ImGui::SetCursorPos(ImVec2(x, row_y));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetFrameHeight();
  if (ImGui::InvisibleButton("Notifications", ImVec2(size, size))) ImGui::OpenPopup("Notifications popup");
  testing::record_text(unread ? std::to_string(unread) + " unread" : std::string("No unread notifications"));
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  bell(p, size, hovered, unread);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d unread notification%s", unread, unread == 1 ? "" : "s");
  ImGui::SetNextWindowPos(ImVec2(p.x + ImGui::GetItemRectSize().x, p.y + ImGui::GetFrameHeight() + ui::dp(8)), ImGuiCond_Always,
                          ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(ui::dp(380), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(14, 12));
  if (ImGui::BeginPopup("Notifications popup")) {
    ui::heading("Notifications", 16);
    if (inbox && !inbox->items.empty() && unread) {
      ImGui::SameLine(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Mark all read").x);
      if (ui::link("Mark all read"))
        dispatch(SendCommand{FormId::notifications, domain::MarkNotificationsRead{inbox->items.back().id}});
    }
    ImGui::Separator();
    if (!inbox || inbox->items.empty()) ui::text("Nothing yet.", ui::color::muted);
    const auto now = clock_ms();
    int shown = 0;
    ImGui::BeginChild("notification-list", ImVec2(0, std::min(ui::dp(420), ui::dp(76) * static_cast<float>(inbox ? inbox->items.size() : 1))),
                      ImGuiChildFlags_NavFlattened);
    if (inbox)
      for (auto n = inbox->items.rbegin(); n != inbox->items.rend() && shown < 50; ++n, ++shown)
        notification_item(*s, *inbox, *n, now, dispatch);
    ImGui::EndChild();
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

} // namespace pd::client::views
