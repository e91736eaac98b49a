// The pieces the support views share (ticket_parts.hpp): tones, SLA countdowns, the fields of a
// ticket's text, its attachments and the score buttons.
#include "client/views/support/ticket_parts.hpp"

#include "client/app/actions.hpp"
#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "shared/core/dates.hpp"
#include "shared/domain/privacy/data_retention.hpp"

#include "imgui_stdlib.h"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

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

void attachment_draft(AttachmentDraft& d, FormId draft, std::int64_t max_bytes, Dispatch& dispatch) {
  ImGui::PushID(draft == FormId::reply ? "reply" : "new_ticket");
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
    if (a.sha256.empty()) { // removed under the retention period (privacy/data_retention.hpp)
      ui::text_wrapped("Attachment: " + a.name + " (" + size_text(a.size) + "), removed", ui::color::muted);
      continue;
    }
    ImGui::PushID(a.sha256.c_str());
    if (ui::link(("Attachment: " + a.name + " (" + size_text(a.size) + ")").c_str()))
      platform::open_url(("/api/v1/programs/" + std::to_string(program) + "/files/" + a.sha256).c_str());
    ImGui::PopID();
  }
}

void retention_banner(const domain::ProgramState& s, const domain::Ticket& t) {
  const auto& r = s.erasure.retention;
  const auto days_after_close = [&](domain::TimeMs at) { return count_text((at - t.closed_at) / core::ms_per_day, "day", "days"); };
  if (t.text_expired_at != 0) {
    ui::message_box("This ticket's text was erased on " + format_day_ms(t.text_expired_at) + ", " + days_after_close(t.text_expired_at) +
                        " after it closed, under " + s.name + "'s retention period. Its dates, status and scores are kept.",
                    ui::tone::neutral);
  } else if (t.attachments_expired_at != 0) {
    ui::message_box("This ticket's attachments were removed on " + format_day_ms(t.attachments_expired_at) + ", " +
                        days_after_close(t.attachments_expired_at) + " after it closed, under " + s.name + "'s retention period.",
                    ui::tone::neutral);
  } else if (const auto at = domain::text_expires_at(r, t); at != 0) {
    ui::text_wrapped("Closed tickets' text is kept " + count_text(r.closed_ticket_days, "day", "days") + ": this one's until " +
                         format_day_ms(at) + ".",
                     ui::color::muted);
  } else {
    return;
  }
  ImGui::Dummy(ui::dp(0, 6));
}

namespace {
constexpr float score_button_width = 30; // CSS px: one "1".."5" button
constexpr float score_button_gap = 4;
} // namespace

bool score_buttons(const char* id, int& value, int from, int to) {
  bool changed = false;
  ImGui::PushID(id);
  for (int i = from; i <= to; ++i) {
    if (i > from) ImGui::SameLine(0, ui::dp(score_button_gap));
    const bool on = value == i;
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ui::color::accent);
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::surface);
    }
    const std::string label = std::to_string(i) + "###" + id + " " + std::to_string(i);
    if (ImGui::Button(label.c_str(), ui::dp(score_button_width, 0))) {
      value = i;
      changed = true;
    }
    if (on) ImGui::PopStyleColor(2);
  }
  ImGui::PopID();
  return changed;
}

bool score_row(const char* label, const char* id, int& value, int from, int to) {
  const int n = to - from + 1;
  const float buttons = ui::dp(score_button_width) * static_cast<float>(n) + ui::dp(score_button_gap) * static_cast<float>(n - 1);
  const bool side_by_side = ImGui::GetContentRegionAvail().x >= ui::dp(180) + buttons;
  ImGui::AlignTextToFramePadding();
  ui::text(label);
  if (side_by_side) ImGui::SameLine(ui::dp(180));
  return score_buttons(id, value, from, to);
}

} // namespace pd::client::views
