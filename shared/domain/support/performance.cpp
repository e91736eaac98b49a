#include "shared/core/number_format.hpp"
#include "shared/domain/support/performance.hpp"

#include "shared/domain/support/response_target.hpp"

#include <cmath>

namespace pd::domain {

namespace {

std::string whole(double v) { return core::decimal_text(v, 0); }
std::string one_decimal(double v) { return core::decimal_text(v, 1); }
std::string percent(double weight) { return whole(weight * 100) + "%"; }
// "Average 4.6/5 over 3 ratings", or `none` without ratings.
std::string ratings_detail(int count, double average, const char* none) {
  if (!count) return none;
  return "Average " + one_decimal(average) + "/5 over " + std::to_string(count) + (count == 1 ? " rating" : " ratings");
}

} // namespace

std::vector<ScoreComponent> score_components(const AgentSupport& rec, TimeMs now) {
  const auto p = performance_of(rec, now);
  std::vector<ScoreComponent> out(4);
  out[0].key = "sla_compliance";
  out[0].name = "SLA compliance";
  out[0].weight = weight_sla;
  out[0].value = p.sla_compliance;
  out[0].measures = "The share of tickets whose first response came within the SLA window, over the last 90 days.";
  out[0].detail = p.sla_total ? std::to_string(p.sla_in_time) + " of " + std::to_string(p.sla_total) + " first responses in time"
                              : "No first response was due in the last 90 days";
  out[1].key = "response";
  out[1].name = "Response time";
  out[1].weight = weight_response;
  out[1].value = p.response;
  out[1].measures = "The average time to the first response over the last 90 days: 100 for an answer at once, falling evenly to 0 at 24 h or more.";
  out[1].detail = p.responses ? "Average first response " + sla::window_text(p.response_average_ms) + " over " +
                                    std::to_string(p.responses) + (p.responses == 1 ? " ticket" : " tickets")
                              : "No first responses in the last 90 days";
  out[2].key = "customer";
  out[2].name = "Customer ratings";
  out[2].weight = weight_customer;
  out[2].value = p.customer;
  out[2].measures = "Customers' overall satisfaction with their tickets, 1 to 5 stars mapped to 0 to 100.";
  out[2].detail = ratings_detail(p.customer_ratings, p.customer_average, "No customer ratings yet");
  out[3].key = "business";
  out[3].name = "Business ratings";
  out[3].weight = weight_business;
  out[3].value = p.business;
  out[3].measures = "The business's rating of how tickets were handled, 1 to 5 mapped to 0 to 100.";
  out[3].detail = ratings_detail(p.business_ratings, p.business_average, "No business ratings yet");
  double with_data = 0;
  for (const auto& c : out) with_data += c.value >= 0 ? c.weight : 0;
  for (auto& c : out) c.share = c.value >= 0 && with_data > 0 ? c.weight / with_data : 0;
  return out;
}

std::string score_explanation(const std::vector<ScoreComponent>& components, double score) {
  if (score < 0) return "No score yet: it starts with the first ticket due or rated.";
  std::string terms;
  bool missing = false;
  for (const auto& c : components) {
    if (c.value < 0) {
      missing = true;
      continue;
    }
    terms += (terms.empty() ? "" : " + ") + std::string(c.name) + " " + whole(c.value) + " \xC3\x97 " + percent(c.share);
  }
  std::string out = "Score " + whole(score) + " = " + terms + ".";
  if (missing)
    out += " Components without data are left out and the others' weights (40%, 20%, 25%, 15%) scale up to 100%.";
  return out;
}

std::vector<ScorePoint> score_history(const AgentSupport& rec, TimeMs now, int days) {
  std::vector<ScorePoint> out;
  if (days < 1) days = 1;
  out.reserve(static_cast<std::size_t>(days) + 1);
  for (int d = days; d >= 0; --d) {
    const TimeMs at = now - static_cast<TimeMs>(d) * day_ms;
    out.push_back({at, performance_of(rec, at).score});
  }
  return out;
}

HistorySummary summarize(const AgentSupport& rec, TimeMs now) {
  HistorySummary s;
  for (const auto& h : rec.history) {
    if (h.kind == "overdue_first_response") ++s.overdue_first_response;
    else if (h.kind == "overdue_resolution") ++s.overdue_resolution;
    else if (h.kind == "escalated") ++s.escalations;
  }
  s.warnings = static_cast<int>(rec.warnings.size());
  for (const auto& w : rec.warnings) s.warnings_active += w.monitor_until > now ? 1 : 0;
  s.customer_ratings = rec.customer_ratings;
  s.business_ratings = rec.business_ratings;
  return s;
}

std::string history_label(const std::string& kind) {
  static const std::pair<const char*, const char*> labels[] = {
      {"overdue_first_response", "Overdue: first response"},
      {"overdue_resolution", "Overdue: resolution"},
      {"escalated", "Escalated"},
      {"taken_over", "Taken over"},
      {"warning", "Warning"},
      {"suspended", "Suspended"},
      {"reinstated", "Reinstated"},
      {"removed", "Removed from support"},
      {"terminated", "Terminated"},
      {"customer_unassigned", "Customer moved"},
      {"restricted_topic_sent", "Restricted topic answered"},
      {"customer_rating", "Customer rating"},
      {"business_rating", "Business rating"},
      {"update_missed", "Update to the customer missed"},
  };
  for (const auto& [k, label] : labels)
    if (kind == k) return label;
  std::string out = kind;
  for (auto& ch : out)
    if (ch == '_') ch = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

bool history_is_negative(const std::string& kind) {
  return kind == "overdue_first_response" || kind == "overdue_resolution" || kind == "escalated" || kind == "warning" ||
         kind == "suspended" || kind == "removed" || kind == "terminated" || kind == "restricted_topic_sent" ||
         kind == "update_missed";
}

nlohmann::json performance_history_json(const AgentSupport& rec, TimeMs now) {
  auto v = [](double d) { return d < 0 ? nlohmann::json(nullptr) : nlohmann::json(std::round(d * 10) / 10); };
  const auto components = score_components(rec, now);
  const auto p = performance_of(rec, now);
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& c : components)
    parts.push_back({{"key", c.key},
                     {"name", c.name},
                     {"weight", c.weight},
                     {"value", v(c.value)},
                     {"share", std::round(c.share * 1000) / 1000},
                     {"measures", c.measures},
                     {"detail", c.detail}});
  nlohmann::json points = nlohmann::json::array();
  for (const auto& pt : score_history(rec, now, score_history_days)) points.push_back({{"at", pt.at}, {"score", v(pt.score)}});
  const auto s = summarize(rec, now);
  return {{"components", parts},
          {"explanation", score_explanation(components, p.score)},
          {"score_history", points},
          {"summary",
           {{"overdue_first_response", s.overdue_first_response},
            {"overdue_resolution", s.overdue_resolution},
            {"escalations", s.escalations},
            {"warnings", s.warnings},
            {"warnings_active", s.warnings_active},
            {"customer_ratings", s.customer_ratings},
            {"business_ratings", s.business_ratings}}}};
}

} // namespace pd::domain
