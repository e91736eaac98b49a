#include "client/views/support/performance_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/ui/chart.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"

#include "shared/domain/desk/templates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/performance.hpp"

#include <cstdio>

namespace pd::client::views {

namespace {

std::string whole(double v) {
  if (v < 0) return "\xE2\x80\x94";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

void score_card(const domain::AgentSupport& rec, std::int64_t now, float width, float height) {
  const auto perf = domain::performance_of(rec, now);
  const auto parts = domain::score_components(rec, now);
  if (ui::begin_card("score", width, height)) {
    ui::caption("PERFORMANCE SCORE");
    {
      ui::FontScope font(ui::fonts().bold, 34);
      ui::text(whole(perf.score), perf.score >= 0 && perf.score < 60 ? ui::color::error : ui::color::text);
    }
    ui::text("out of 100, over the last 90 days", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
    ui::FontScope font(ui::fonts().regular, 13.5f);
    ui::text_wrapped(domain::score_explanation(parts, perf.score), ui::color::neutral);
  }
  ui::end_card();
}

void chart_card(const domain::AgentSupport& rec, std::int64_t now, float width, float height) {
  const auto history = domain::score_history(rec, now, domain::score_history_days);
  std::vector<ui::LinePoint> points;
  double first = -1, last = -1;
  for (const auto& p : history) {
    ui::LinePoint lp;
    lp.has_value = p.score >= 0;
    lp.value = p.score;
    const auto day = format_day_ms(p.at);
    lp.label = day.substr(0, day.find(','));
    lp.tooltip = day + ": " + (lp.has_value ? "score " + whole(p.score) : std::string("no score yet"));
    if (lp.has_value) {
      if (first < 0) first = p.score;
      last = p.score;
    }
    points.push_back(std::move(lp));
  }
  if (ui::begin_card("score-over-time", width, height)) {
    ui::heading("Score over the last 30 days", 16);
    if (last < 0) ui::text("No score yet in these 30 days.", ui::color::muted);
    else ui::text("From " + whole(first) + " to " + whole(last) + ", one point a day; below 60 needs attention.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ui::LineChartStyle style;
    style.threshold = 60;
    ui::line_chart("score-line", points, ImGui::GetContentRegionAvail().x, std::max(ui::dp(120), ImGui::GetContentRegionAvail().y - ui::dp(4)),
                   style);
  }
  ui::end_card();
}

void weights_card(const domain::AgentSupport& rec, std::int64_t now, float width) {
  const auto parts = domain::score_components(rec, now);
  if (ui::begin_card("weights", width)) {
    ui::heading("How the score is weighed", 16);
    ui::text_wrapped("Four parts make the score. A part without data yet is left out and the others' weights scale up to 100%.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("weights-table", 5, flags)) {
      ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthStretch, 1.1f);
      ImGui::TableSetupColumn("Weight", ImGuiTableColumnFlags_WidthStretch, 0.9f);
      ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 0.5f);
      ImGui::TableSetupColumn("What it measures", ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableSetupColumn("Figures", ImGuiTableColumnFlags_WidthStretch, 1.8f);
      ui::table_header_row(5);
      for (const auto& c : parts) {
        ImGui::PushID(c.key);
        ImGui::TableNextRow(0, ui::dp(40));
        ImGui::TableSetColumnIndex(0);
        {
          ui::FontScope font(ui::fonts().bold, 0.0f);
          ui::text(c.name);
        }
        ImGui::TableSetColumnIndex(1);
        ui::text(percent_text(c.weight));
        if (c.value >= 0 && std::abs(c.share - c.weight) > 0.0005) ui::text("counts " + percent_text(c.share) + " here", ui::color::muted);
        else if (c.value < 0) ui::text("left out: no data", ui::color::muted);
        ImGui::TableSetColumnIndex(2);
        ui::text(whole(c.value), c.value >= 0 && c.value < 60 ? ui::color::error : ui::color::text);
        ImGui::TableSetColumnIndex(3);
        ui::text_wrapped(c.measures, ui::color::neutral);
        ImGui::TableSetColumnIndex(4);
        ui::text_wrapped(c.detail, ui::color::muted);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  ui::end_card();
}

void summary_line(const domain::AgentSupport& rec, std::int64_t now) {
  const auto sum = domain::summarize(rec, now);
  const auto perf = domain::performance_of(rec, now);
  struct Fact {
    std::string label;
    std::string value;
    bool bad;
  };
  char ratings[64];
  std::snprintf(ratings, sizeof ratings, "%d (avg %.1f/5)", sum.customer_ratings, perf.customer_average);
  char business[64];
  std::snprintf(business, sizeof business, "%d (avg %.1f/5)", sum.business_ratings, perf.business_average);
  const Fact facts[] = {
      {"Overdue flags", std::to_string(rec.overdue_flags), rec.overdue_flags > 0},
      {"Escalations", std::to_string(sum.escalations), false},
      {"Warnings", std::to_string(sum.warnings) + (sum.warnings_active ? " (" + std::to_string(sum.warnings_active) + " monitored)" : ""),
       sum.warnings_active > 0},
      {"Customer ratings", sum.customer_ratings ? std::string(ratings) : "0", false},
      {"Business ratings", sum.business_ratings ? std::string(business) : "0", false},
  };
  bool first = true;
  for (const auto& f : facts) {
    if (!first) ImGui::SameLine(0, ui::dp(22));
    first = false;
    ImGui::BeginGroup();
    ui::caption(f.label);
    ui::FontScope font(ui::fonts().bold, 17);
    ui::text(f.value, f.bad ? ui::color::error : ui::color::text);
    ImGui::EndGroup();
  }
}

void history_card(const domain::ProgramState& s, const domain::AgentSupport& rec, domain::PersonId reader, std::int64_t now, float width,
                  Dispatch& dispatch) {
  if (ui::begin_card("history", width)) {
    ui::heading("History", 16);
    ui::text("Overdue flags, escalations, warnings, ratings and changes of status, newest first.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (rec.history.empty()) {
      ui::text("Nothing recorded yet.", ui::color::muted);
    } else if (ImGui::BeginTable("history-table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 1.3f);
      ImGui::TableSetupColumn("Ticket", ImGuiTableColumnFlags_WidthStretch, 0.6f);
      ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 4.0f);
      ui::table_header_row(4);
      int n = 0;
      for (auto it = rec.history.rbegin(); it != rec.history.rend() && n < 100; ++it, ++n) {
        const auto& h = *it;
        ImGui::PushID(n);
        ImGui::TableNextRow(0, ui::dp(30));
        ImGui::TableSetColumnIndex(0);
        ui::text(format_day_ms(h.at), ui::color::muted);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", relative_time(h.at, now).c_str());
        ImGui::TableSetColumnIndex(1);
        const bool negative = domain::history_is_negative(h.kind);
        ui::text(domain::history_label(h.kind), negative ? ui::color::error : ui::color::text);
        ImGui::TableSetColumnIndex(2);
        if (h.ticket_id && domain::is_allowed(s, reader, domain::Action::read_ticket, {.ticket = h.ticket_id})) {
          const std::string label = "#" + std::to_string(h.ticket_id) + "##history " + std::to_string(n);
          if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, h.ticket_id)});
        } else if (h.ticket_id) {
          ui::text("#" + std::to_string(h.ticket_id), ui::color::muted);
        }
        ImGui::TableSetColumnIndex(3);
        ui::text_wrapped(h.detail, ui::color::neutral);
        ImGui::PopID();
      }
      ImGui::EndTable();
      if (rec.history.size() > 100) ui::text("The 100 latest of " + std::to_string(rec.history.size()) + " entries.", ui::color::muted);
    }
  }
  ui::end_card();
}

} // namespace

void draw_performance_history(const domain::ProgramState& s, domain::PersonId agent, domain::PersonId reader, std::int64_t now, float width,
                              Dispatch& dispatch) {
  const domain::AgentSupport empty;
  const auto it = s.agent_support.find(agent);
  const auto& rec = it == s.agent_support.end() ? empty : it->second;
  ImGui::PushID("performance");
  ui::heading("Performance history", 20);
  ImGui::Dummy(ui::dp(0, 4));
  const float gap = ui::dp(16);
  const bool two = width >= ui::dp(820);
  const float w1 = two ? (width - gap) * 0.38f : width;
  const float w2 = two ? width - gap - w1 : width;
  const float h = ui::dp(250);
  score_card(rec, now, w1, h);
  if (two) ImGui::SameLine(0, gap);
  chart_card(rec, now, w2, h);
  ImGui::Dummy(ui::dp(0, 8));
  summary_line(rec, now);
  {
    // The quality checklist's average against the seed's target (desk/templates.hpp).
    const auto q = domain::desk::quality_average(s, agent);
    char line[160];
    if (q.rated == 0) std::snprintf(line, sizeof line, "Quality checklist: no handling scored yet (target %d/10 or more)", domain::desk::quality_target);
    else std::snprintf(line, sizeof line, "Quality checklist: average %.1f/10 over %d scored handling%s (target %d/10 or more)", q.average(), q.rated,
                       q.rated == 1 ? "" : "s", domain::desk::quality_target);
    ui::text(line, q.rated > 0 && !q.meets_target() ? ui::color::error : ui::color::text);
  }
  ImGui::Dummy(ui::dp(0, 10));
  weights_card(rec, now, width);
  ImGui::Dummy(ui::dp(0, 12));
  history_card(s, rec, reader, now, width, dispatch);
  ImGui::PopID();
}

} // namespace pd::client::views
