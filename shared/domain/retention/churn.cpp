#include "shared/domain/retention/churn.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>
#include <cctype>

namespace pd::domain {

namespace {

constexpr std::int64_t churn_day_ms = core::ms_per_day;

std::string churn_day(TimeMs at) { return core::format_date(core::date_of_ms(at)); }

char churn_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool churn_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A request of an open case (or of a case still open at `at`).
const RetentionCase* request_case(const ProgramState& s, CustomerId c, PlanRequest request, TimeMs at) {
  const RetentionCase* found = nullptr;
  for (const auto& [id, k] : s.retention.cases)
    if (k.customer_id == c && k.request == request && k.opened_at <= at && (k.outcome == CaseOutcome::open || k.closed_at > at)) found = &k;
  return found;
}

std::string ticket_list(const std::vector<std::int64_t>& tickets) {
  std::string out;
  for (auto t : tickets) out += (out.empty() ? "#" : ", #") + std::to_string(t);
  return out;
}

} // namespace

ChurnLevel churn_level(int score) {
  if (score >= 81) return ChurnLevel::critical;
  if (score >= 61) return ChurnLevel::high_risk;
  if (score >= 41) return ChurnLevel::at_risk;
  if (score >= 21) return ChurnLevel::monitor;
  return ChurnLevel::healthy;
}

const char* churn_level_label(ChurnLevel l) {
  switch (l) {
  case ChurnLevel::healthy: return "Healthy";
  case ChurnLevel::monitor: return "Monitor";
  case ChurnLevel::at_risk: return "At Risk";
  case ChurnLevel::high_risk: return "High Risk";
  case ChurnLevel::critical: return "Critical";
  }
  return "Healthy";
}

const char* churn_level_word(ChurnLevel l) {
  switch (l) {
  case ChurnLevel::healthy: return "healthy";
  case ChurnLevel::monitor: return "monitor";
  case ChurnLevel::at_risk: return "at_risk";
  case ChurnLevel::high_risk: return "high_risk";
  case ChurnLevel::critical: return "critical";
  }
  return "healthy";
}

const char* churn_level_action(ChurnLevel l) {
  switch (l) {
  case ChurnLevel::healthy: return "Continue normal support.";
  case ChurnLevel::monitor: return "Add to the watch list and check in proactively.";
  case ChurnLevel::at_risk: return "Trigger the retention workflow.";
  case ChurnLevel::high_risk: return "Involve the account manager.";
  case ChurnLevel::critical: return "Executive intervention and a custom offer.";
  }
  return "";
}

std::string competitor_named(std::string_view text, const std::vector<std::string>& competitors) {
  if (competitors.empty() || text.empty()) return {};
  std::string lower(text);
  for (auto& c : lower) c = churn_lower(c);
  for (const auto& name : competitors) {
    if (name.empty()) continue;
    std::string needle = name;
    for (auto& c : needle) c = churn_lower(c);
    for (auto at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + 1)) {
      const bool starts = at == 0 || !churn_word_char(lower[at - 1]);
      const auto end = at + needle.size();
      const bool ends = end >= lower.size() || !churn_word_char(lower[end]);
      if (starts && ends) return name;
    }
  }
  return {};
}

ChurnScore churn_score(const ProgramState& s, CustomerId customer, TimeMs at) {
  ChurnScore out;
  out.customer_id = customer;
  const auto* cust = s.customer(customer);
  if (!cust) return out;
  auto add = [&](ChurnSignal sig) { out.signals.push_back(std::move(sig)); };

  if (const auto* k = request_case(s, customer, PlanRequest::cancel, at))
    add({"cancellation_request", 40, "Asked to cancel on " + churn_day(k->opened_at) + " (retention case #" + std::to_string(k->id) + ")", {}, k->id,
         k->opened_at});

  const ChurnTicketFacts* facts = nullptr;
  if (auto it = s.retention_tickets.find(customer); it != s.retention_tickets.end()) facts = &it->second;
  if (facts) {
    const std::pair<std::int64_t, TimeMs>* latest = nullptr;
    for (const auto& m : facts->competitor)
      if (m.second <= at && m.second > at - competitor_window_days * churn_day_ms && (!latest || m.second > latest->second)) latest = &m;
    if (latest) {
      std::string name;
      if (auto t = s.ticket(latest->first))
        for (const auto& msg : t->messages)
          if ((&msg == &t->messages.front() || msg.author_role == identity::Role::customer) && name.empty())
            name = competitor_named(msg.text, s.retention.settings.competitors);
      add({"competitor", 20, "Named " + (name.empty() ? std::string("a competitor") : name) + " on ticket #" + std::to_string(latest->first) + " (" +
                                 churn_day(latest->second) + ")",
           {latest->first}, 0, latest->second});
    }
    std::vector<std::int64_t> negative;
    TimeMs last_negative = 0;
    for (const auto& n : facts->negative)
      if (n.second <= at && n.second > at - negative_window_days * churn_day_ms) {
        negative.push_back(n.first);
        last_negative = std::max(last_negative, n.second);
      }
    if (static_cast<int>(negative.size()) >= negative_tickets_needed) {
      std::sort(negative.begin(), negative.end());
      add({"negative_tickets", 15, std::to_string(negative.size()) + " negative tickets in 30 days: " + ticket_list(negative), negative, 0, last_negative});
    }
  }

  const CustomerSignals* sig = nullptr;
  if (auto it = s.retention.signals.find(customer); it != s.retention.signals.end()) sig = &it->second;
  if (sig) {
    // Usage: the two latest months reported by then.
    const UsagePoint *last = nullptr, *before = nullptr;
    for (const auto& u : sig->usage) {
      if (u.recorded_at > at) continue;
      if (!last || u.month > last->month) {
        before = last;
        last = &u;
      } else if (!before || u.month > before->month) {
        before = &u;
      }
    }
    if (last && before && before->units > 0 && last->units * 2 < before->units)
      add({"usage_drop", 15,
           "Usage fell from " + std::to_string(before->units) + " in " + before->month + " to " + std::to_string(last->units) + " in " + last->month, {}, 0,
           last->recorded_at});
    const PaymentFailure* failed = nullptr;
    for (const auto& f : sig->failures)
      if (f.failed_at <= at) failed = &f;
    if (failed && !(sig->last_paid_at > failed->failed_at && sig->last_paid_at <= at))
      add({"failed_payment", 10, "A payment failed on " + churn_day(failed->failed_at) + (failed->reason.empty() ? "" : " (" + failed->reason + ")"), {}, 0,
           failed->failed_at});
  }
  const TimeMs signed_in = sig ? sig->last_sign_in : 0;
  if (cust->person_id != 0 && signed_in != 0 && signed_in <= at && at - signed_in >= no_login_days * churn_day_ms)
    add({"no_login", 10, "Last signed in on " + churn_day(signed_in) + ", " + std::to_string((at - signed_in) / churn_day_ms) + " days ago", {}, 0, signed_in});

  if (const auto* k = request_case(s, customer, PlanRequest::downgrade, at))
    add({"downgrade_request", 10, "Asked to downgrade on " + churn_day(k->opened_at) + " (retention case #" + std::to_string(k->id) + ")", {}, k->id,
         k->opened_at});

  if (auto renews = core::parse_date(cust->profile.renews_on)) {
    const TimeMs renewal = core::days_from_civil(*renews) * churn_day_ms;
    const TimeMs since = at - engagement_days * churn_day_ms;
    const bool engaged = (signed_in > since && signed_in <= at) || (facts && facts->last_opened > since && facts->last_opened <= at);
    if (renewal > at && renewal - at < renewal_window_days * churn_day_ms && !engaged)
      add({"renewal", 10, "Renews on " + cust->profile.renews_on + " with no sign-in or ticket in 30 days", {}, 0, at});
  }

  for (const auto& g : out.signals) out.score += g.points;
  out.score = std::min(out.score, 100);
  out.level = churn_level(out.score);
  return out;
}

std::vector<ChurnScore> churn_scores(const ProgramState& s, TimeMs now) {
  std::vector<ChurnScore> out;
  out.reserve(s.customers.size());
  for (const auto& [id, c] : s.customers)
    if (c.profile.subscription != SubscriptionStatus::cancelled) out.push_back(churn_score(s, id, now));
  std::stable_sort(out.begin(), out.end(), [](const ChurnScore& a, const ChurnScore& b) { return a.score > b.score; });
  return out;
}

std::vector<ChurnPoint> churn_history(const ProgramState& s, CustomerId customer, TimeMs now, int weeks) {
  std::vector<ChurnPoint> out;
  weeks = std::clamp(weeks, 0, 104);
  // Week ends: Mondays 00:00 UTC before now (1970-01-05 was a Monday).
  const TimeMs week = 7 * churn_day_ms;
  const TimeMs monday = now - ((now - 4 * churn_day_ms) % week + week) % week;
  for (int i = weeks - 1; i >= 0; --i) {
    const TimeMs at = monday - static_cast<TimeMs>(i) * week;
    out.push_back({at, churn_score(s, customer, at).score});
  }
  out.push_back({now, churn_score(s, customer, now).score});
  return out;
}

nlohmann::json churn_json(const ProgramState& s, const ChurnScore& c) {
  nlohmann::json signals = nlohmann::json::array();
  for (const auto& g : c.signals) {
    nlohmann::json j = {{"kind", g.kind}, {"points", g.points}, {"detail", g.detail}, {"at", g.at}};
    if (!g.tickets.empty()) j["tickets"] = g.tickets;
    if (g.case_id) j["case_id"] = g.case_id;
    signals.push_back(std::move(j));
  }
  nlohmann::json j = {{"customer_id", c.customer_id},          {"score", c.score}, {"level", churn_level_word(c.level)},
                      {"action", churn_level_action(c.level)}, {"signals", signals}};
  if (auto cust = s.customer(c.customer_id)) {
    j["name"] = cust->profile.name;
    j["mrr"] = cust->profile.mrr;
  }
  if (auto k = s.retention.open_case_of(c.customer_id)) j["open_case"] = k->id;
  return j;
}

} // namespace pd::domain
