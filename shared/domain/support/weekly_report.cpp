#include "shared/domain/support/weekly_report.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/html_escape.hpp"
#include "shared/core/money_format.hpp"
#include "shared/core/number_format.hpp"
#include "shared/domain/retention/retention_report.hpp"
#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace pd::domain {

namespace {

std::string report_pct(double v) { return core::decimal_text(v, 0) + "%"; }

std::string report_change(double now, double before) {
  if (before == 0) return now == 0 ? "same as last week" : "last week: none";
  const double pct = (now - before) / before * 100.0;
  if (std::abs(pct) < 0.5) return "same as last week";
  return std::string(pct > 0 ? "+" : "-") + core::decimal_text(std::abs(pct), 0) + "% vs last week";
}

std::string report_minutes(double minutes) {
  if (minutes < 90) return core::decimal_text(minutes, 0) + " min";
  return core::decimal_text(minutes / 60.0, 1) + " h";
}

// This week's tickets (ids grow with opening time): newest first until the week's start.
std::vector<const Ticket*> tickets_opened_in(const ProgramState& s, std::int32_t week) {
  std::vector<const Ticket*> out;
  const TimeMs from = week_start_ms(week), to = week_start_ms(week + 1);
  for (auto it = s.tickets.rbegin(); it != s.tickets.rend(); ++it) {
    if (it->second.opened_at < from) break;
    if (it->second.opened_at < to) out.push_back(&it->second);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string subject_key(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  text = text.substr(i);
  if (text.size() > 80) text = text.substr(0, 80);
  return text;
}

// The most frequent subjects (case-insensitive), top `n`, as "Subject (3)". A report is kept as
// written, so it quotes only subjects that two customers or more wrote: words one customer wrote
// are its own, and erasing that customer (privacy/erasure.hpp) must not leave them in a report.
std::vector<std::pair<std::string, int>> top_subjects(const std::vector<const Ticket*>& tickets, Category category, std::size_t n) {
  struct Count {
    std::string shown; // the first spelling
    int tickets = 0;
    std::set<CustomerId> customers;
  };
  std::map<std::string, Count> counts; // by the lowered subject
  for (const auto* t : tickets) {
    if (t->category != category) continue;
    auto shown = subject_key(t->subject);
    std::string key = shown;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto& e = counts[key];
    if (e.shown.empty()) e.shown = shown;
    ++e.tickets;
    e.customers.insert(t->customer_id);
  }
  std::vector<std::pair<std::string, int>> out;
  for (const auto& [k, v] : counts)
    if (v.customers.size() >= 2) out.emplace_back(v.shown, v.tickets);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > n) out.resize(n);
  return out;
}

std::string counted_list(const std::vector<std::pair<std::string, int>>& items) {
  std::string out;
  for (const auto& [name, count] : items) out += (out.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
  return out.empty() ? "none" : out;
}

struct Movement {
  std::string text;
  double score = 0; // relative improvement (> 0 better, < 0 worse)
};

// The figures the headlines compare, each with whether up is better.
std::vector<Movement> movements(const SupportMetrics& m, const SupportMetrics& b) {
  struct F {
    const char* name;
    std::optional<double> now, before;
    int better;
    int decimals;
    const char* unit;
  };
  const F figures[] = {
      {"CSAT", m.csat_score, b.csat_score, +1, 1, "/5"},
      {"Average first response", m.avg_first_response_min, b.avg_first_response_min, -1, 0, " min"},
      {"First-contact resolution", m.first_contact_resolution_pct, b.first_contact_resolution_pct, +1, 0, "%"},
      {"SLA compliance", m.sla_compliance_pct, b.sla_compliance_pct, +1, 0, "%"},
      {"Reopen rate", m.reopen_rate_pct, b.reopen_rate_pct, -1, 0, "%"},
      {"Escalation rate", m.escalation_rate_pct, b.escalation_rate_pct, -1, 0, "%"},
  };
  std::vector<Movement> out;
  for (const auto& f : figures) {
    if (!f.now || !f.before) continue;
    const double delta = *f.now - *f.before;
    const double scale = std::max(std::abs(*f.before), f.unit[0] == '%' ? 10.0 : 0.5);
    const double score = delta / scale * f.better;
    if (std::abs(delta) < 0.005) continue;
    out.push_back({std::string(f.name) + " " + (delta > 0 ? "rose" : "fell") + " from " + core::decimal_text(*f.before, f.decimals) + f.unit + " to " +
                       core::decimal_text(*f.now, f.decimals) + f.unit,
                   score});
  }
  return out;
}

} // namespace

WeeklyReport weekly_report(const ProgramState& s, std::int32_t week, TimeMs now) {
  WeeklyReport r;
  r.week = week;
  r.week_of = week_label(week);
  r.written_at = now;
  const MetricScope program;
  const auto m = support_metrics(s, program, week, week, now);
  const auto b = support_metrics(s, program, week - 1, week - 1, now);
  // The four weeks before, those the program existed in.
  const auto past = weekly_series(s, program, std::max(week - 4, week_of(s.created_at)), week - 1, now);
  const auto tickets = tickets_opened_in(s, week);

  // Headlines.
  ReportSection head{"Headlines", {}};
  auto moves = movements(m, b);
  std::sort(moves.begin(), moves.end(), [](const Movement& x, const Movement& y) { return x.score > y.score; });
  head.lines.push_back("Biggest win: " + (moves.empty() || moves.front().score <= 0 ? std::string("no figure improved against last week.")
                                                                                     : moves.front().text + "."));
  // The red flags holding now speak for last week only (a report caught up later goes by the figures).
  const auto flags = week == week_of(now) - 1 ? active_red_flags(s) : std::vector<const RedFlag*>{};
  // A flag about one customer is named by its number: the report is kept as written, and the
  // customer may later be erased (privacy/erasure.hpp).
  if (!flags.empty())
    head.lines.push_back(std::string("Biggest concern: ") + red_flag_title(flags.front()->kind) + ": " +
                         (flags.front()->customer_id != 0 ? "customer #" + std::to_string(flags.front()->customer_id) + " (see the red flag)"
                                                          : flags.front()->evidence));
  else if (!moves.empty() && moves.back().score < 0) head.lines.push_back("Biggest concern: " + moves.back().text + ".");
  else head.lines.push_back("Biggest concern: no red flag holds and no figure got worse.");
  double avg = 0;
  for (const auto& w : past) avg += w.total_tickets;
  avg /= past.empty() ? 1.0 : static_cast<double>(past.size());
  if (past.empty() || avg < 0.5) {
    head.lines.push_back("Key trend: " + std::to_string(m.total_tickets) + " tickets, the first weeks of the desk.");
  } else {
    const double pct = (m.total_tickets - avg) / avg * 100.0;
    const std::string vs = std::to_string(m.total_tickets) + " tickets against a four-week average of " + core::decimal_text(avg, 1);
    if (pct >= 20) head.lines.push_back("Key trend: volume up " + core::decimal_text(pct, 0) + "%: " + vs + ".");
    else if (pct <= -20) head.lines.push_back("Key trend: volume down " + core::decimal_text(-pct, 0) + "%: " + vs + ".");
    else head.lines.push_back("Key trend: volume steady: " + vs + ".");
  }
  head.lines.push_back(
      "How these are chosen: the win is the figure that improved most against last week; the concern is a red flag that holds, else the figure "
      "that worsened most; the trend compares the week's tickets with the four weeks before (those the program existed in).");
  r.sections.push_back(std::move(head));

  // Volume.
  std::vector<std::pair<std::string, int>> categories;
  for (std::size_t i = 0; i < all_categories.size(); ++i)
    if (m.by_category[i] > 0) categories.emplace_back(to_string(all_categories[i]), m.by_category[i]);
  std::stable_sort(categories.begin(), categories.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  if (categories.size() > 3) categories.resize(3);
  const int incidents = m.by_priority[0] + m.by_priority[1];
  r.sections.push_back({"Volume",
                        {"Total tickets: " + std::to_string(m.total_tickets) + " (" + report_change(m.total_tickets, b.total_tickets) + ")",
                         "Top 3 categories: " + counted_list(categories), "P0/P1 incidents: " + std::to_string(incidents)}});

  // Performance against the SLA targets.
  std::int64_t target = 0;
  for (const auto& t : s.support_settings.tiers)
    if (t.key == s.support_settings.default_tier) target = t.first_response_minutes;
  ReportSection perf{"Performance", {}};
  perf.lines.push_back("Avg first response: " + (m.avg_first_response_min ? report_minutes(*m.avg_first_response_min) : std::string("no first responses")) +
                       (target ? " (SLA: " + report_minutes(static_cast<double>(target)) + ")" : std::string()));
  perf.lines.push_back("SLA compliance: " + (m.sla_compliance_pct ? report_pct(*m.sla_compliance_pct) : std::string("no first responses due")));
  perf.lines.push_back("First contact resolution: " +
                       (m.first_contact_resolution_pct ? report_pct(*m.first_contact_resolution_pct) : std::string("nothing resolved")));
  perf.lines.push_back("CSAT: " + (m.csat_score ? core::decimal_text(*m.csat_score, 1) + "/5 (" + std::to_string(m.ratings) + " ratings)"
                                                : std::string("no ratings")));
  r.sections.push_back(std::move(perf));

  // Patterns: the categories growing fastest over their four-week average.
  struct Growth {
    std::size_t category;
    double avg;
    int now;
  };
  std::vector<Growth> growth;
  for (std::size_t i = 0; i < all_categories.size(); ++i) {
    double a = 0;
    for (const auto& w : past) a += w.by_category[i];
    a /= past.empty() ? 1.0 : static_cast<double>(past.size());
    if (m.by_category[i] >= 2 && m.by_category[i] > a) growth.push_back({i, a, m.by_category[i]});
  }
  std::stable_sort(growth.begin(), growth.end(), [](const Growth& x, const Growth& y) { return x.now - x.avg > y.now - y.avg; });
  ReportSection patterns{"Patterns", {}};
  for (std::size_t g = 0; g < growth.size() && g < 2; ++g) {
    int worst = 3;
    for (const auto* t : tickets)
      if (t->category == all_categories[growth[g].category]) worst = std::min(worst, static_cast<int>(t->priority));
    patterns.lines.push_back(std::string("Emerging issue: ") + to_string(all_categories[growth[g].category]) + ": " + std::to_string(growth[g].now) +
                             " tickets against a four-week average of " + core::decimal_text(growth[g].avg, 1) + ", highest priority P" +
                             std::to_string(worst));
  }
  if (patterns.lines.empty()) patterns.lines.push_back("No category grew beyond its four-week average.");
  r.sections.push_back(std::move(patterns));

  // Product feedback.
  int feature_requests = 0, bugs = 0;
  for (const auto* t : tickets) {
    feature_requests += t->category == Category::feature_request ? 1 : 0;
    bugs += t->category == Category::bug ? 1 : 0;
  }
  auto listed = [](const std::vector<std::pair<std::string, int>>& items) { return items.empty() ? std::string() : ": " + counted_list(items); };
  r.sections.push_back({"Product feedback",
                        {"Feature requests (" + std::to_string(feature_requests) + " total)" + listed(top_subjects(tickets, Category::feature_request, 3)),
                         "Bugs reported (" + std::to_string(bugs) + ")" + listed(top_subjects(tickets, Category::bug, 3))}});

  // Retention: the week's churn saves.
  const auto saves = churn_saves(s, week_start_ms(week), week_start_ms(week + 1));
  const int kept = saves.saved + saves.paused + saves.downgraded;
  r.sections.push_back({"Retention",
                        {"Churn saves: " + std::to_string(kept) + (kept == 1 ? " customer" : " customers") + " kept, " +
                         core::decimal_amount(saves.mrr_retained_minor, s.currency) + " " + s.currency + " MRR retained; " + std::to_string(saves.lost) +
                         " lost."}});

  auto opt = [](const std::optional<double>& v, int d) { return v ? core::decimal_text(*v, d) : std::string(); };
  std::string top;
  for (const auto& [name, count] : categories) top += (top.empty() ? "" : "; ") + name + " " + std::to_string(count);
  r.figures = {{"week_of", r.week_of},
               {"total_tickets", std::to_string(m.total_tickets)},
               {"total_tickets_last_week", std::to_string(b.total_tickets)},
               {"top_categories", top},
               {"p0_p1_incidents", std::to_string(incidents)},
               {"avg_first_response_min", opt(m.avg_first_response_min, 1)},
               {"sla_first_response_target_min", target ? std::to_string(target) : ""},
               {"sla_compliance_pct", opt(m.sla_compliance_pct, 1)},
               {"first_contact_resolution_pct", opt(m.first_contact_resolution_pct, 1)},
               {"csat", opt(m.csat_score, 2)},
               {"ratings", std::to_string(m.ratings)},
               {"feature_requests", std::to_string(feature_requests)},
               {"bugs", std::to_string(bugs)},
               {"churn_saves", std::to_string(kept)},
               {"mrr_retained", core::decimal_amount(saves.mrr_retained_minor, s.currency)}};
  return r;
}

namespace {
// The weeks of the last report_catch_up_weeks that ended after the program was created and have
// no report: a server that was down on a Monday writes the reports it missed when it is back.
std::vector<std::int32_t> weeks_unwritten(const ProgramState& s, TimeMs now) {
  std::vector<std::int32_t> out;
  if (!s.exists()) return out;
  const auto last = week_of(now) - 1;
  for (auto w = last - report_catch_up_weeks + 1; w <= last; ++w)
    if (s.created_at < week_start_ms(w + 1) && !s.reports.weekly.count(w)) out.push_back(w);
  return out;
}
} // namespace

bool report_due(const ProgramState& s, TimeMs now) { return !weeks_unwritten(s, now).empty(); }

std::vector<EventBody> report_events(const ProgramState& s, TimeMs now) {
  std::vector<EventBody> out;
  for (auto w : weeks_unwritten(s, now)) out.push_back(WeeklyReportWritten{weekly_report(s, w, now)});
  return out;
}

std::string weekly_report_text(const WeeklyReport& r) {
  std::string out;
  for (const auto& section : r.sections) {
    if (!out.empty()) out += "\n";
    out += section.title + "\n";
    for (const auto& line : section.lines) out += "- " + line + "\n";
  }
  return out;
}

std::vector<std::vector<std::string>> weekly_report_csv(const WeeklyReport& r) {
  std::vector<std::vector<std::string>> rows{{"figure", "value"}};
  for (const auto& [name, value] : r.figures) rows.push_back({name, value});
  rows.push_back({});
  rows.push_back({"action", "owner", "due_on", "done"});
  for (const auto& a : r.actions) rows.push_back({a.action, a.owner, a.due_on, a.done ? "yes" : "no"});
  return rows;
}

std::string weekly_report_html(const ProgramState& s, const WeeklyReport& r) {
  const auto e = [](const std::string& text) { return core::html_escape(text); };
  std::string h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                  "<title>Support Report: Week of " +
                  e(r.week_of) + "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#1c2330}"
                                 "h1{font-size:24px}h2{font-size:17px;margin-top:1.4em;border-bottom:1px solid #dde2ea}li{margin:.2em 0}"
                                 ".meta{color:#5b6475}@media print{body{margin:0}}</style></head><body>";
  h += "<h1>Support Report: Week of " + e(r.week_of) + "</h1><p class=\"meta\">" + e(s.name) + ", written " +
       e(core::format_utc_minute(r.written_at)) + "</p>";
  for (const auto& sec : r.sections) {
    h += "<h2>" + e(sec.title) + "</h2><ul>";
    for (const auto& l : sec.lines) h += "<li>" + e(l) + "</li>";
    h += "</ul>";
  }
  h += "<h2>Action Items</h2>";
  if (r.actions.empty()) {
    h += "<p class=\"meta\">None yet.</p>";
  } else {
    h += "<ol>";
    for (const auto& a : r.actions)
      h += "<li>" + e(a.action) + " &mdash; " + e(a.owner) + " &mdash; " + e(a.due_on) + (a.done ? " (done)" : "") + "</li>";
    h += "</ol>";
  }
  return h + "</body></html>";
}

std::optional<std::pair<int, int>> parse_quarter(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q' || text[6] < '1' || text[6] > '4') return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    year = year * 10 + (text[static_cast<std::size_t>(i)] - '0');
  }
  if (year < 1970) return std::nullopt;
  return std::make_pair(year, text[6] - '0');
}

std::string quarter_label(int year, int quarter) { return std::to_string(year) + "-Q" + std::to_string(quarter); }

std::string quarter_of(TimeMs at) {
  const auto d = core::date_of_ms(at);
  return quarter_label(d.year, (d.month - 1) / 3 + 1);
}

QuarterlyReview quarterly_review(const ProgramState& s, int year, int quarter, TimeMs now) {
  QuarterlyReview q;
  q.quarter = quarter_label(year, quarter);
  const TimeMs from = core::days_from_civil(core::Date{year, (quarter - 1) * 3 + 1, 1}) * core::ms_per_day;
  const TimeMs to = quarter == 4 ? core::days_from_civil(core::Date{year + 1, 1, 1}) * core::ms_per_day
                                 : core::days_from_civil(core::Date{year, quarter * 3 + 1, 1}) * core::ms_per_day;
  const auto first_week = week_of(from), last_week = week_of(std::min(to, now + 1) - 1);
  const MetricScope program;
  const auto all = support_metrics(s, program, first_week, std::max(first_week, last_week), now);
  static const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  // Volume and CSAT per month, from the tickets opened and rated in each.
  int opened[3] = {0, 0, 0}, rated[3] = {0, 0, 0}, csat_sum[3] = {0, 0, 0}, product = 0, growing = 0, automated = 0, total = 0;
  std::vector<const Ticket*> features;
  for (const auto& [id, t] : s.tickets) {
    if (t.customer_rating && t.customer_rating->overall >= 1 && t.customer_rating->at >= from && t.customer_rating->at < to) {
      const int mi = core::date_of_ms(t.customer_rating->at).month - 1 - (quarter - 1) * 3;
      if (mi >= 0 && mi < 3) ++rated[mi], csat_sum[mi] += t.customer_rating->overall;
    }
    if (t.opened_at < from || t.opened_at >= to) continue;
    ++total;
    const int mi = core::date_of_ms(t.opened_at).month - 1 - (quarter - 1) * 3;
    if (mi >= 0 && mi < 3) ++opened[mi];
    if (t.category == Category::bug || t.category == Category::performance) ++product;
    if (t.category == Category::how_to || t.category == Category::onboarding || t.category == Category::account) ++growing;
    if (t.metric_facts.automated) ++automated;
    if (t.category == Category::feature_request) features.push_back(&t);
  }
  ReportSection volume{"Ticket volume", {}};
  std::string months;
  for (int i = 0; i < 3; ++i) months += std::string(i ? ", " : "") + month_names[(quarter - 1) * 3 + i] + ": " + std::to_string(opened[i]);
  volume.lines.push_back(std::to_string(total) + " tickets: " + months + ".");
  if (total > 0)
    volume.lines.push_back(core::decimal_text(100.0 * product / total, 0) + "% product issues (bugs, performance), " +
                           core::decimal_text(100.0 * growing / total, 0) + "% growing pains (how-to, onboarding, account): " +
                           (product > growing ? "product issues lead." : growing > product ? "growing pains lead." : "evenly split."));
  q.sections.push_back(std::move(volume));

  ReportSection csat{"CSAT trajectory", {}};
  std::string by_month;
  std::optional<double> first, last;
  for (int i = 0; i < 3; ++i) {
    if (rated[i] == 0) continue;
    const double v = static_cast<double>(csat_sum[i]) / rated[i];
    if (!first) first = v;
    last = v;
    by_month += std::string(by_month.empty() ? "" : ", ") + month_names[(quarter - 1) * 3 + i] + ": " + core::decimal_text(v, 2);
  }
  if (by_month.empty()) csat.lines.push_back("No ratings this quarter.");
  else {
    csat.lines.push_back("CSAT by month: " + by_month + ".");
    csat.lines.push_back(*last > *first + 0.05 ? "Getting better." : *last < *first - 0.05 ? "Getting worse." : "Holding steady.");
  }
  q.sections.push_back(std::move(csat));

  const auto top = top_subjects(features, Category::feature_request, 5);
  q.sections.push_back({"Top feature requests",
                        {top.empty() ? std::string("No feature request was asked by two customers or more.") : "Top 5 from support: " + counted_list(top) + "."}});

  ReportSection cost{"Cost per ticket", {}};
  const auto it = s.reports.support_costs.find(q.quarter);
  if (it == s.reports.support_costs.end()) {
    cost.lines.push_back("Enter the quarter's support cost to see the cost per ticket.");
  } else if (total == 0) {
    cost.lines.push_back("Support cost " + core::decimal_amount(it->second, s.currency) + " " + s.currency + "; no tickets this quarter.");
  } else {
    const auto per = it->second / total;
    cost.lines.push_back("Support cost " + core::decimal_amount(it->second, s.currency) + " " + s.currency + " over " + std::to_string(total) +
                         " tickets: " + core::decimal_amount(per, s.currency) + " " + s.currency + " per ticket.");
    cost.lines.push_back("Automation answered " + std::to_string(automated) + " tickets: about " + core::decimal_amount(per * automated, s.currency) + " " +
                         s.currency + " of work saved.");
  }
  q.sections.push_back(std::move(cost));

  const auto saves = churn_saves(s, from, to);
  const int kept = saves.saved + saves.paused + saves.downgraded;
  q.sections.push_back({"Churn saves",
                        {std::to_string(kept) + (kept == 1 ? " customer" : " customers") + " kept through support, " +
                         core::decimal_amount(saves.mrr_retained_minor, s.currency) + " " + s.currency + " MRR retained; " + std::to_string(saves.lost) +
                         " lost."}});
  q.sections.push_back({"Knowledge base", {all.self_serve_deflection_pct
                                               ? "Self-serve deflection: " + report_pct(*all.self_serve_deflection_pct) + " of questions answered by an article."
                                               : std::string("No knowledge-base searches this quarter.")}});
  return q;
}

nlohmann::json quarterly_review_json(const QuarterlyReview& q) { return {{"quarter", q.quarter}, {"sections", q.sections}}; }

void to_json(nlohmann::json& j, const ReportsState& s) {
  nlohmann::json weekly = nlohmann::json::array();
  for (const auto& [w, r] : s.weekly) weekly.push_back(r);
  j = {{"weekly", weekly}, {"support_costs", s.support_costs}, {"next_action_id", s.next_action_id}};
}

void from_json(const nlohmann::json& j, ReportsState& s) {
  s = {};
  for (const auto& r : j.value("weekly", nlohmann::json::array())) {
    auto v = r.get<WeeklyReport>();
    s.weekly[v.week] = std::move(v);
  }
  if (j.contains("support_costs")) s.support_costs = j.at("support_costs").get<std::map<std::string, std::int64_t>>();
  s.next_action_id = j.value("next_action_id", std::int64_t{1});
}

} // namespace pd::domain
