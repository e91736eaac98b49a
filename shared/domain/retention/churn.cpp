#include "shared/domain/retention/churn.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>

namespace pd::domain {

namespace {

constexpr std::int64_t churn_day_ms = core::ms_per_day;

std::string churn_day(TimeMs at) { return core::format_date(core::date_of_ms(at)); }

// ASCII only, as the "C" locale's tolower and isalnum, without a call per byte.
char churn_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool churn_word_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// What one customer's score reads, found once: its record, its tickets' facts, its signals and
// its retention cases (in id order). Null when it has none.
struct ChurnInputs {
  const Customer* customer = nullptr;
  const ChurnTicketFacts* facts = nullptr;
  const CustomerSignals* signals = nullptr;
  std::vector<const RetentionCase*> cases;
};

// A request of an open case (or of a case still open at `at`): the latest such case.
const RetentionCase* request_case(const std::vector<const RetentionCase*>& cases, PlanRequest request, TimeMs at) {
  const RetentionCase* found = nullptr;
  for (const auto* k : cases)
    if (k->request == request && k->opened_at <= at && (k->outcome == CaseOutcome::open || k->closed_at > at)) found = k;
  return found;
}

ChurnScore churn_score_of(const ProgramState& s, CustomerId customer, const ChurnInputs& in, TimeMs at);

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
  // Every place the name appears in any case, without copying the text: a whole word there.
  for (const auto& name : competitors) {
    if (name.empty() || name.size() > text.size()) continue;
    const char first = churn_lower(name[0]);
    for (std::size_t at = 0; at + name.size() <= text.size(); ++at) {
      if (churn_lower(text[at]) != first) continue;
      std::size_t k = 1;
      while (k < name.size() && churn_lower(text[at + k]) == churn_lower(name[k])) ++k;
      if (k < name.size()) continue;
      const bool starts = at == 0 || !churn_word_char(text[at - 1]);
      const auto end = at + name.size();
      const bool ends = end >= text.size() || !churn_word_char(text[end]);
      if (starts && ends) return name;
    }
  }
  return {};
}

ChurnScore churn_score(const ProgramState& s, CustomerId customer, TimeMs at) {
  ChurnInputs in;
  in.customer = s.customer(customer);
  if (auto it = s.retention_tickets.find(customer); it != s.retention_tickets.end()) in.facts = &it->second;
  if (auto it = s.retention.signals.find(customer); it != s.retention.signals.end()) in.signals = &it->second;
  for (const auto& [id, k] : s.retention.cases)
    if (k.customer_id == customer) in.cases.push_back(&k);
  return churn_score_of(s, customer, in, at);
}

namespace {
ChurnScore churn_score_of(const ProgramState& s, CustomerId customer, const ChurnInputs& in, TimeMs at) {
  ChurnScore out;
  out.customer_id = customer;
  const auto* cust = in.customer;
  if (!cust) return out;
  auto add = [&](ChurnSignal sig) { out.signals.push_back(std::move(sig)); };

  if (const auto* k = request_case(in.cases, PlanRequest::cancel, at))
    add({"cancellation_request", 40, "Asked to cancel on " + churn_day(k->opened_at) + " (retention case #" + std::to_string(k->id) + ")", {}, k->id,
         k->opened_at});

  const ChurnTicketFacts* facts = in.facts;
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

  const CustomerSignals* sig = in.signals;
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

  if (const auto* k = request_case(in.cases, PlanRequest::downgrade, at))
    add({"downgrade_request", 10, "Asked to downgrade on " + churn_day(k->opened_at) + " (retention case #" + std::to_string(k->id) + ")", {}, k->id,
         k->opened_at});

  if (auto renews = core::parse_date(cust->profile.renews_on)) {
    const TimeMs renewal = core::days_from_civil(*renews) * churn_day_ms;
    const TimeMs since = at - engagement_days * churn_day_ms;
    const bool engaged = (signed_in > since && signed_in <= at) || (facts && facts->last_opened > since && facts->last_opened <= at);
    if (renewal > at && renewal - at < renewal_window_days * churn_day_ms && !engaged) {
      // Since when it applies: the renewal came within the window, and the last engagement lapsed.
      TimeMs engaged_last = signed_in <= at ? signed_in : 0;
      if (facts && facts->last_opened <= at) engaged_last = std::max(engaged_last, facts->last_opened);
      const TimeMs since_when = std::max(renewal - renewal_window_days * churn_day_ms, engaged_last ? engaged_last + engagement_days * churn_day_ms : 0);
      add({"renewal", 10, "Renews on " + cust->profile.renews_on + " with no sign-in or ticket in 30 days", {}, 0, since_when});
    }
  }

  for (const auto& g : out.signals) out.score += g.points;
  out.score = std::min(out.score, 100);
  out.level = churn_level(out.score);
  return out;
}
} // namespace

namespace {
// Calls f(id, inputs) for every customer in id order. Every customer's inputs are found by
// walking the maps (all keyed by customer) side by side, not by a search per customer; the
// cases are grouped by customer once.
template <class F>
void churn_walk(const ProgramState& s, F f) {
  std::vector<std::pair<CustomerId, RetentionCaseId>> cases; // each customer's in id order
  for (const auto& [id, k] : s.retention.cases) cases.emplace_back(k.customer_id, id);
  std::sort(cases.begin(), cases.end());
  auto facts = s.retention_tickets.begin();
  auto signals = s.retention.signals.begin();
  auto next_case = cases.begin();
  ChurnInputs in;
  for (const auto& [id, c] : s.customers) {
    while (facts != s.retention_tickets.end() && facts->first < id) ++facts;
    while (signals != s.retention.signals.end() && signals->first < id) ++signals;
    in.cases.clear();
    for (; next_case != cases.end() && next_case->first <= id; ++next_case)
      if (next_case->first == id) in.cases.push_back(&s.retention.cases.at(next_case->second));
    in.customer = &c;
    in.facts = facts != s.retention_tickets.end() && facts->first == id ? &facts->second : nullptr;
    in.signals = signals != s.retention.signals.end() && signals->first == id ? &signals->second : nullptr;
    f(id, in);
  }
}

// The first instant after `at` at which the score (and its evidence's words) could change with
// time alone: every dated input, and each window's length after it, is a candidate; so is the
// next day of "N days ago". The largest time when none.
TimeMs churn_next_change(const ChurnInputs& in, const ChurnScore& score, TimeMs at) {
  TimeMs next = std::numeric_limits<TimeMs>::max();
  auto consider = [&](TimeMs t) {
    if (t == 0) return;
    for (const TimeMs days : {std::int64_t{0}, competitor_window_days, negative_window_days, no_login_days, engagement_days, -renewal_window_days}) {
      const TimeMs when = t + days * churn_day_ms;
      if (when > at) next = std::min(next, when);
    }
  };
  for (const auto* k : in.cases) {
    consider(k->opened_at);
    consider(k->closed_at);
  }
  if (const auto* f = in.facts) {
    for (const auto& n : f->negative) consider(n.second);
    for (const auto& n : f->competitor) consider(n.second);
    consider(f->last_opened);
  }
  if (const auto* sig = in.signals) {
    for (const auto& u : sig->usage) consider(u.recorded_at);
    for (const auto& p : sig->failures) consider(p.failed_at);
    consider(sig->last_paid_at);
    consider(sig->last_sign_in);
    for (const auto& g : score.signals)
      if (g.kind == "no_login") next = std::min(next, sig->last_sign_in + ((at - sig->last_sign_in) / churn_day_ms + 1) * churn_day_ms);
  }
  if (in.customer)
    if (auto renews = core::parse_date(in.customer->profile.renews_on)) consider(core::days_from_civil(*renews) * churn_day_ms);
  return next;
}

bool churn_ranks_before(const ChurnScore& a, const ChurnScore& b) {
  return a.score != b.score ? a.score > b.score : a.customer_id < b.customer_id;
}
} // namespace

std::vector<ChurnScore> churn_scores(const ProgramState& s, TimeMs now) {
  std::vector<ChurnScore> out;
  out.reserve(s.customers.size());
  churn_walk(s, [&](CustomerId id, const ChurnInputs& in) {
    if (in.customer->profile.subscription != SubscriptionStatus::cancelled) out.push_back(churn_score_of(s, id, in, now));
  });
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


bool ChurnBoard::ranks_before(std::uint32_t a, std::uint32_t b) const { return churn_ranks_before(entries_[a].score, entries_[b].score); }

namespace {
// The board's order on its entries' indexes (one comparison type for every sort and search).
template <class Board>
struct RankOrder {
  const Board* board;
  bool operator()(std::uint32_t a, std::uint32_t b) const { return board->ranks_before(a, b); }
};
} // namespace

void ChurnBoard::rebuild(const ProgramState& s, TimeMs now) {
  entries_.clear();
  entries_.reserve(s.customers.size());
  churn_walk(s, [&](CustomerId id, const ChurnInputs& in) {
    Entry e;
    e.id = id;
    e.score = churn_score_of(s, id, in, now);
    e.until = churn_next_change(in, e.score, now);
    e.listed = in.customer->profile.subscription != SubscriptionStatus::cancelled;
    entries_.push_back(std::move(e));
  });
  ranked_.clear();
  earliest_until_ = std::numeric_limits<TimeMs>::max();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].listed) ranked_.push_back(i);
    earliest_until_ = std::min(earliest_until_, entries_[i].until);
  }
  std::sort(ranked_.begin(), ranked_.end(), RankOrder<ChurnBoard>{this});
  touched_.clear();
  touched_all_ = false;
  built_ = true;
  now_ = now;
  last_scored_ = entries_.size();
}

void ChurnBoard::note(const ProgramState& s, const Event& e) {
  if (!built_ || touched_all_) return; // the first refresh scores everyone anyway: nothing piles up before it
  auto ids = churn_touched(s, e.body);
  if (!ids) touched_all_ = true;
  else touched_.insert(touched_.end(), ids->begin(), ids->end());
}

void ChurnBoard::rescore(const ProgramState& s, CustomerId id, TimeMs now, bool& reorder) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), id, [](const Entry& e, CustomerId c) { return e.id < c; });
  const auto* cust = s.customer(id);
  if (it == entries_.end() || it->id != id) {
    if (!cust) return;
    it = entries_.insert(it, Entry{id, {}, 0, false});
    reorder = true; // the indexes after it moved
  }
  const auto index = static_cast<std::uint32_t>(it - entries_.begin());
  if (it->listed && !reorder) {
    auto at = std::lower_bound(ranked_.begin(), ranked_.end(), index, RankOrder<ChurnBoard>{this});
    if (at != ranked_.end() && *at == index) ranked_.erase(at);
  }
  ChurnInputs in;
  in.customer = cust;
  if (auto f = s.retention_tickets.find(id); f != s.retention_tickets.end()) in.facts = &f->second;
  if (auto g = s.retention.signals.find(id); g != s.retention.signals.end()) in.signals = &g->second;
  for (const auto& [kid, k] : s.retention.cases)
    if (k.customer_id == id) in.cases.push_back(&k);
  it->score = cust ? churn_score_of(s, id, in, now) : ChurnScore{id, 0, ChurnLevel::healthy, {}};
  it->until = cust ? churn_next_change(in, it->score, now) : std::numeric_limits<TimeMs>::max();
  it->listed = cust && cust->profile.subscription != SubscriptionStatus::cancelled;
  if (it->listed && !reorder)
    ranked_.insert(std::lower_bound(ranked_.begin(), ranked_.end(), index, RankOrder<ChurnBoard>{this}),
                   index);
  ++last_scored_;
}

void ChurnBoard::refresh(const ProgramState& s, TimeMs now) {
  if (!built_ || touched_all_ || now < now_) return rebuild(s, now);
  std::vector<CustomerId> ids;
  ids.swap(touched_);
  if (now >= earliest_until_)
    for (const auto& e : entries_)
      if (e.until <= now) ids.push_back(e.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  last_scored_ = 0;
  bool reorder = false;
  for (auto id : ids) rescore(s, id, now, reorder);
  if (reorder) {
    ranked_.clear();
    for (std::uint32_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].listed) ranked_.push_back(i);
    std::sort(ranked_.begin(), ranked_.end(), RankOrder<ChurnBoard>{this});
  }
  if (!ids.empty()) {
    earliest_until_ = std::numeric_limits<TimeMs>::max();
    for (const auto& e : entries_) earliest_until_ = std::min(earliest_until_, e.until);
  }
  now_ = now;
}

std::vector<ChurnScore> ChurnBoard::scores() const {
  std::vector<ChurnScore> out;
  out.reserve(ranked_.size());
  for (auto i : ranked_) out.push_back(entries_[i].score);
  return out;
}

namespace {
template <class B, class... L>
constexpr bool churn_event_is = (std::is_same_v<B, L> || ...);
// Events whose data no score reads (its inputs are the customers' records, tickets, signals,
// cases and the competitor list).
template <class B>
constexpr bool churn_blind =
    churn_event_is<B, ProgramRenamed, InvitationCreated, InvitationRevoked, MemberRoleChanged, MemberEmailChanged, AgentStatusChanged, AgentWarned, NotificationsRead,
                   CheckInScheduled, CheckInCompleted, CheckInRescheduled, CertificationSettingsChanged, TrainingModuleSaved, TrainingModuleRemoved,
                   QuizKeySaved, QuestionSaved, QuestionRemoved, SupportAccessRequested, TrainingProgressed, AttemptStarted, AnswersSaved,
                   AttemptSubmitted, AttemptGraded, CertificationStatusChanged, CertificationExceptionRequested, CertificationExceptionGranted,
                   CommissionPlanSaved, ReferralCommissionAccrued, ReferralCommissionReversed, SupportCommissionAccrued, SupportMonthClosed,
                   CommissionAdjusted, CommissionLinesApproved, PayoutRecorded, AdjustmentThresholdSet, ApiKeyCreated, ApiKeyRevoked,
                   ReferralCommissionStopped, RemediationRecorded, ArticleSaved, ArticleWithdrawn, KnowledgeSettingsChanged, KnowledgeSearchMissed,
                   ArticleDeflectionRecorded, KnowledgeHygieneReviewed, RoutingChanged, ProductAreasChanged, ResponseTemplateSaved,
                   ResponseTemplateRemoved, CannedTriggersChanged, SecurityPolicyChanged, NpsAnswered, RedFlagRaised, RedFlagCleared,
                   QualitySettingsChanged, WeeklyReportWritten, ReportActionAdded, ReportActionDone, SupportCostSet, AbuseHandled,
                   TicketingRestricted, ErasureRequested, ErasureConfirmed, ErasureRejected>;
} // namespace

std::optional<std::vector<CustomerId>> churn_touched(const ProgramState& s, const EventBody& body) {
  // What the event names, told apart per kind of event in one small step each; the lookups
  // follow once.
  struct Named {
    enum class Kind { nothing, everyone, customer, ticket, retention_case } kind;
    std::int64_t id = 0;
  };
  using Kind = Named::Kind;
  const auto named = std::visit(
      [](const auto& b) -> Named {
        using B = std::decay_t<decltype(b)>;
        if constexpr (churn_blind<B>) return {Kind::nothing};
        else if constexpr (std::is_same_v<B, PaymentRecorded>) return {Kind::customer, b.payment.customer_id};
        else if constexpr (std::is_same_v<B, RetentionCaseOpened>) return {Kind::customer, b.retention_case.customer_id};
        else if constexpr (requires { b.customer_id; }) return {Kind::customer, b.customer_id};
        else if constexpr (requires { b.ticket_id; }) return {Kind::ticket, b.ticket_id};
        else if constexpr (requires { b.case_id; }) return {Kind::retention_case, b.case_id};
        else return {Kind::everyone}; // program-wide: the competitor list, the mention words, an invitation accepted, ...
      },
      body);
  switch (named.kind) {
  case Kind::nothing: return std::vector<CustomerId>{};
  case Kind::customer: return std::vector<CustomerId>{named.id};
  case Kind::ticket:
    if (const auto* t = s.ticket(named.id)) return std::vector<CustomerId>{t->customer_id};
    return std::nullopt;
  case Kind::retention_case:
    if (auto k = s.retention.cases.find(named.id); k != s.retention.cases.end()) return std::vector<CustomerId>{k->second.customer_id};
    return std::nullopt;
  case Kind::everyone: break;
  }
  return std::nullopt;
}

} // namespace pd::domain
