// The support metrics page (#/p/{id}/metrics): the seed's support_metrics block for a week or a
// range, for the program, an agent, a team or a segment, each figure with its change against the
// period before, twelve weeks of trend charts, and the CSV of the same figures. Computed from the
// replica by the shared support_metrics() the server's API and CSV call, so the page and the
// export agree. The business sees every scope; an agent its own figures.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/ui/chart.hpp"
#include "client/views/layout.hpp"

#include "shared/core/number_format.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace pd::client::views {

namespace {

using domain::SupportMetrics;

constexpr int period_weeks[] = {1, 1, 4, 12};
const std::vector<std::string> period_labels{"This week", "Last week", "Last 4 weeks", "Last 12 weeks"};

struct Figure {
  const char* name;
  std::optional<double> now, before;
  int decimals;
  const char* unit;  // after the number
  int better;        // +1: up is good, -1: down is good, 0: neither (the change in plain colour)
};

// One figure: its value large, then the change against the period before in green or red.
void figure_cell(const Figure& f, float width) {
  ImGui::BeginGroup();
  ImGui::PushID(f.name);
  ui::caption(f.name);
  {
    ui::FontScope font(ui::fonts().bold, 22);
    ui::text(f.now ? core::decimal_text(*f.now, f.decimals) + f.unit : std::string("\xE2\x80\x94"));
  }
  std::string change = "no data before";
  ImU32 col = ui::color::muted;
  if (f.now && f.before) {
    const double d = *f.now - *f.before;
    if (std::abs(d) < 0.005) {
      change = "same as before";
    } else {
      change = std::string(d > 0 ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ") + core::decimal_text(std::abs(d), f.decimals) + f.unit + " vs before";
      if (f.better != 0) col = (d > 0) == (f.better > 0) ? ui::color::success : ui::color::error;
    }
  }
  {
    ui::FontScope font(ui::fonts().regular, 12.5f);
    ui::text(change, col);
  }
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
  ImGui::EndGroup();
}

std::optional<double> count(int n) { return static_cast<double>(n); }
std::optional<double> as_double(const std::optional<int>& v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

void figures(const SupportMetrics& m, const SupportMetrics& b, float avail) {
  const std::vector<Figure> list{
      {"TICKETS", count(m.total_tickets), count(b.total_tickets), 0, "", 0},
      {"AVG FIRST RESPONSE", m.avg_first_response_min, b.avg_first_response_min, 0, " min", -1},
      {"P95 FIRST RESPONSE", as_double(m.p95_first_response_min), as_double(b.p95_first_response_min), 0, " min", -1},
      {"SLA COMPLIANCE", m.sla_compliance_pct, b.sla_compliance_pct, 1, "%", 1},
      {"AVG RESOLUTION", m.avg_resolution_hours, b.avg_resolution_hours, 1, " h", -1},
      {"FIRST-CONTACT RESOLUTION", m.first_contact_resolution_pct, b.first_contact_resolution_pct, 1, "%", 1},
      {"REOPEN RATE", m.reopen_rate_pct, b.reopen_rate_pct, 1, "%", -1},
      {"TICKETS PER CUSTOMER", m.tickets_per_customer, b.tickets_per_customer, 2, "", -1},
      {"CSAT (OF 5)", m.csat_score, b.csat_score, 2, "", 1},
      {"NPS", m.nps_score, b.nps_score, 0, "", 1},
      {"POSITIVE MENTIONS", count(m.positive_mentions), count(b.positive_mentions), 0, "", 1},
      {"NEGATIVE MENTIONS", count(m.negative_mentions), count(b.negative_mentions), 0, "", -1},
      {"TICKETS PER AGENT-DAY", m.tickets_per_agent_day, b.tickets_per_agent_day, 2, "", 1},
      {"AUTOMATION RATE", m.automation_rate_pct, b.automation_rate_pct, 1, "%", 1},
      {"SELF-SERVE DEFLECTION", m.self_serve_deflection_pct, b.self_serve_deflection_pct, 1, "%", 1},
      {"BACKLOG", count(m.backlog_count), count(b.backlog_count), 0, "", -1},
      {"OLDEST OPEN TICKET", m.oldest_open_ticket_hours, b.oldest_open_ticket_hours, 0, " h", -1},
      {"ESCALATION RATE", m.escalation_rate_pct, b.escalation_rate_pct, 1, "%", -1},
  };
  const float gap = ui::dp(16);
  const int columns = ui::narrow() ? 2 : std::max(1, static_cast<int>((avail + gap) / (ui::dp(190) + gap))); // two on a phone
  const float width = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine(0, gap);
    else if (i > 0) ImGui::Dummy(ui::dp(0, 6));
    figure_cell(list[i], width);
  }
}

void volume_breakdown(const SupportMetrics& m) {
  std::string priorities;
  for (std::size_t i = 0; i < 4; ++i)
    priorities += (i ? " \xC2\xB7 P" : "P") + std::to_string(i) + " " + std::to_string(m.by_priority[i]);
  ui::text_wrapped("By priority: " + priorities, ui::color::muted);
  std::vector<std::pair<int, std::size_t>> cats;
  for (std::size_t i = 0; i < m.by_category.size(); ++i)
    if (m.by_category[i] > 0) cats.emplace_back(m.by_category[i], i);
  std::sort(cats.rbegin(), cats.rend());
  std::string text;
  for (const auto& [n, i] : cats) text += (text.empty() ? "" : " \xC2\xB7 ") + std::string(domain::to_string(domain::all_categories[i])) + " " + std::to_string(n);
  ui::text_wrapped("By category: " + (text.empty() ? std::string("none") : text), ui::color::muted);
}

void trend_charts(const std::vector<SupportMetrics>& weeks, float avail) {
  const float gap = ui::dp(20);
  const float col = column_width(avail, 2, gap, ui::dp(380));
  const bool two = col < avail;
  std::vector<ui::BarGroup> volume;
  std::vector<ui::LinePoint> csat, response;
  double slowest = 60;
  for (const auto& w : weeks) {
    const auto label = domain::week_label(w.from_week).substr(5); // "11-30"
    volume.push_back({label,
                      {w.by_priority[0] + w.by_priority[1], w.by_priority[2], w.by_priority[3]},
                      "Week of " + domain::week_label(w.from_week) + "\n" + std::to_string(w.total_tickets) + " tickets: P0-P1 " +
                          std::to_string(w.by_priority[0] + w.by_priority[1]) + ", P2 " + std::to_string(w.by_priority[2]) + ", P3 " +
                          std::to_string(w.by_priority[3])});
    ui::LinePoint c{w.csat_score.value_or(0), w.csat_score.has_value(), label,
                    "Week of " + domain::week_label(w.from_week) + ": " + (w.csat_score ? "CSAT " + core::decimal_text(*w.csat_score, 2) : "no ratings")};
    csat.push_back(c);
    ui::LinePoint r{w.avg_first_response_min.value_or(0), w.avg_first_response_min.has_value(), label,
                    "Week of " + domain::week_label(w.from_week) + ": " +
                        (w.avg_first_response_min ? core::decimal_text(*w.avg_first_response_min, 0) + " min on average" : "no first responses")};
    slowest = std::max(slowest, r.value);
    response.push_back(r);
  }
  if (ui::begin_card("volume-trend", col, ui::dp(250))) {
    ui::heading("Tickets per week", 16);
    ui::bar_chart("volume-bars", {{"P0-P1", ui::color::error}, {"P2", ui::color::accent}, {"P3", ui::color::muted}}, volume,
                  ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - ui::dp(4),
                  [](std::int64_t n) { return std::to_string(n); });
  }
  ui::end_card();
  if (two) ImGui::SameLine(0, gap);
  else ImGui::Dummy(ui::dp(0, 8));
  if (ui::begin_card("csat-trend", col, ui::dp(250))) {
    ui::heading("CSAT per week", 16);
    ui::text("1 to 5; below 4.0 is a red flag", ui::color::muted);
    ui::LineChartStyle style;
    style.min = 1;
    style.max = 5;
    style.threshold = 4;
    style.label_every = 3;
    ui::line_chart("csat-line", csat, ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - ui::dp(4), style);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
  if (ui::begin_card("response-trend", avail, ui::dp(220))) {
    ui::heading("Average first response per week (minutes)", 16);
    ui::LineChartStyle style;
    style.max = static_cast<double>(ui::round_axis_top(static_cast<std::int64_t>(slowest) + 1));
    style.label_every = 2;
    ui::line_chart("response-line", response, ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - ui::dp(4), style);
  }
  ui::end_card();
}

// The messages behind the mention counts (the same shared rule as the counts), newest first.
void mentions_card(UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, const domain::MetricScope& scope, std::int32_t from,
                   std::int32_t to, const SupportMetrics& m, float avail) {
  auto& shown = ui_state.metrics.mentions;
  if (!ui::begin_card("mentions", avail)) return ui::end_card();
  ui::heading("Mentions", 16);
  ui::text_wrapped("Messages holding a word of the mention lists.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 4));
  const std::string pos = "Positive (" + std::to_string(m.positive_mentions) + ")###mentions-positive";
  const std::string neg = "Negative (" + std::to_string(m.negative_mentions) + ")###mentions-negative";
  const ImVec2 size(ui::dp(150), ui::dp(34));
  if (shown == 1 ? ui::primary_button(pos.c_str(), size) : ui::secondary_button(pos.c_str(), size)) shown = shown == 1 ? 0 : 1;
  ImGui::SameLine(0, ui::dp(8));
  if (shown == -1 ? ui::primary_button(neg.c_str(), size) : ui::secondary_button(neg.c_str(), size)) shown = shown == -1 ? 0 : -1;
  if (shown != 0) {
    constexpr std::size_t shown_at_most = 50;
    const auto hits = domain::mention_hits(s, scope, from, to, shown, shown_at_most);
    ImGui::Dummy(ui::dp(0, 4));
    if (hits.hits.empty()) ui::text(shown > 0 ? "No positive mentions in this period." : "No negative mentions in this period.", ui::color::muted);
    for (const auto& h : hits.hits) {
      ImGui::PushID(static_cast<int>(h.ticket_id * 2 + (h.rating ? 1 : 0)));
      ImGui::Separator();
      {
        ui::FontScope bold(ui::fonts().bold, 0.0f);
        ui::text(h.customer + (h.rating ? " \xC2\xB7 rating comment" : " \xC2\xB7 message"));
      }
      ImGui::SameLine(0, ui::dp(8));
      ui::text(format_day_ms(h.at) + " \xC2\xB7 matched \"" + h.word + "\"", ui::color::muted);
      ui::text_wrapped(h.text);
      if (ui::link(("#" + std::to_string(h.ticket_id) + " " + h.subject + "##mention").c_str()))
        dispatch(Navigate{program_route(Page::ticket, s.id, h.ticket_id)});
      ImGui::PopID();
    }
    if (hits.total > static_cast<int>(hits.hits.size()))
      ui::text("The newest " + std::to_string(hits.hits.size()) + " of " + std::to_string(hits.total) + " are shown.", ui::color::muted);
  }
  ui::end_card();
}

} // namespace

void draw_metrics(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch) || !program_state(app)) return end_page();
  const auto& s = *program_state(app);
  const auto me = my_id(app);
  auto& form = ui_state.metrics;
  const bool business = allowed(app, domain::Action::read_support_overview);
  // The scopes this reader may pick: the business every one, an agent its own.
  std::vector<std::string> labels, keys;
  if (business) {
    labels.push_back("Whole program");
    keys.push_back("program");
    labels.push_back("Business queue");
    keys.push_back("agent:0");
    for (const auto& [id, a] : s.agents) {
      labels.push_back("Agent: " + member_name(s, id));
      keys.push_back("agent:" + std::to_string(id));
    }
    for (const auto& t : s.routing.teams) {
      labels.push_back("Team: " + t.name);
      keys.push_back("team:" + t.key);
    }
    for (const auto& seg : segments(s)) {
      labels.push_back("Segment: " + seg);
      keys.push_back("segment:" + seg);
    }
  } else {
    labels.push_back("My customers' tickets");
    keys.push_back("agent:" + std::to_string(me));
  }
  auto at = std::find(keys.begin(), keys.end(), form.scope);
  int scope_index = at == keys.end() ? 0 : static_cast<int>(at - keys.begin());
  const auto scope = domain::parse_metric_scope(keys[static_cast<std::size_t>(scope_index)]);
  const auto avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
  ui::begin_column("metrics-page", avail);
  if (!scope || domain::metrics_refusal(s, me, *scope)) {
    page_title("Support metrics", "");
    ui::text_wrapped("Only the business and its agents see support metrics.", ui::color::muted);
    ui::end_column();
    return end_page();
  }
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  const int pi = std::clamp(form.period, 0, 3);
  const auto this_week = domain::week_of(now);
  const auto to = pi == 1 ? this_week - 1 : this_week;
  const auto from = to - period_weeks[pi] + 1;
  const auto m = domain::support_metrics(s, *scope, from, to, now);
  const auto before = domain::support_metrics(s, *scope, from - period_weeks[pi], from - 1, now);
  page_title("Support metrics", (from == to ? "Week of " + domain::week_label(from) : "Weeks of " + domain::week_label(from) + " to " + domain::week_label(to)) +
                                    ", against the " + (from == to ? "week" : std::to_string(to - from + 1) + " weeks") + " before");
  if (choice("##Metrics scope", labels, scope_index, ui::dp(260))) form.scope = keys[static_cast<std::size_t>(scope_index)];
  ImGui::SameLine(0, ui::dp(10));
  ui::fit_on_line(ui::dp(160));
  int pick = pi;
  if (choice("##Metrics period", period_labels, pick, ui::dp(160))) form.period = pick;
  ImGui::SameLine(0, ui::dp(10));
  if (ui::secondary_button("Download CSV"))
    platform::open_url(("/api/v1/programs/" + std::to_string(s.id) + "/support/metrics.csv?scope=" + url_encode(keys[static_cast<std::size_t>(scope_index)]) +
                        "&from=" + domain::week_label(this_week - 11) + "&to=" + domain::week_label(this_week))
                           .c_str());
  ImGui::Dummy(ui::dp(0, 10));
  if (ui::begin_card("figures", avail)) {
    figures(m, before, ImGui::GetContentRegionAvail().x);
    ImGui::Dummy(ui::dp(0, 8));
    volume_breakdown(m);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 12));
  mentions_card(ui_state, dispatch, s, *scope, from, to, m, avail);
  ImGui::Dummy(ui::dp(0, 12));
  trend_charts(domain::weekly_series(s, *scope, this_week - 11, this_week, now), avail);
  ImGui::Dummy(ui::dp(0, 24));
  ui::end_column();
  end_page();
}

} // namespace pd::client::views
