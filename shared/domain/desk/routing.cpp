#include "shared/domain/desk/routing.hpp"

#include "shared/domain/desk/triage.hpp"
#include "shared/domain/state.hpp"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstdio>
#include <set>

namespace pd::domain::desk {

using core::ErrorCode;
using core::make_error;

const char* to_string(TeamKind k) {
  switch (k) {
  case TeamKind::on_call: return "on-call";
  case TeamKind::account_managers: return "account-managers";
  case TeamKind::security: return "security";
  case TeamKind::senior_support: return "senior-support";
  case TeamKind::onboarding: return "onboarding";
  case TeamKind::retention: return "retention";
  case TeamKind::product: return "product";
  case TeamKind::other: break;
  }
  return "other";
}

const char* to_string(ConditionField f) {
  switch (f) {
  case ConditionField::category: return "category";
  case ConditionField::tag: return "tag";
  case ConditionField::priority: return "priority";
  case ConditionField::segment: return "segment";
  case ConditionField::mrr_above: return "mrr_above";
  case ConditionField::mrr_below: return "mrr_below";
  case ConditionField::ltv_above: return "ltv_above";
  case ConditionField::ltv_below: return "ltv_below";
  case ConditionField::sentiment: return "sentiment";
  case ConditionField::first_contact: return "first_contact";
  case ConditionField::repeat_issue: return "repeat_issue";
  case ConditionField::tenure_under_days: return "tenure_under_days";
  case ConditionField::restricted_topic: return "restricted_topic";
  }
  return "category";
}

const char* label_of(ConditionField f) {
  switch (f) {
  case ConditionField::category: return "Category is";
  case ConditionField::tag: return "Has secondary tag";
  case ConditionField::priority: return "Priority is";
  case ConditionField::segment: return "Plan or segment is";
  case ConditionField::mrr_above: return "MRR above";
  case ConditionField::mrr_below: return "MRR below";
  case ConditionField::ltv_above: return "Lifetime value above";
  case ConditionField::ltv_below: return "Lifetime value below";
  case ConditionField::sentiment: return "Sentiment is";
  case ConditionField::first_contact: return "First contact";
  case ConditionField::repeat_issue: return "Repeat issue";
  case ConditionField::tenure_under_days: return "Customer for fewer days than";
  case ConditionField::restricted_topic: return "Restricted topic matched";
  }
  return "";
}

ConditionInput input_of(ConditionField f) {
  switch (f) {
  case ConditionField::mrr_above:
  case ConditionField::mrr_below:
  case ConditionField::ltv_above:
  case ConditionField::ltv_below: return ConditionInput::money;
  case ConditionField::tenure_under_days: return ConditionInput::amount;
  case ConditionField::first_contact:
  case ConditionField::repeat_issue: return ConditionInput::boolean;
  default: return ConditionInput::word;
  }
}

const char* to_string(ActionKind k) {
  switch (k) {
  case ActionKind::route_to_team: return "route_to_team";
  case ActionKind::route_to_person: return "route_to_person";
  case ActionKind::set_priority: return "set_priority";
  case ActionKind::raise_priority: return "raise_priority";
  case ActionKind::escalate: return "escalate";
  case ActionKind::hold_for_business: return "hold_for_business";
  case ActionKind::notify: return "notify";
  case ActionKind::add_tag: return "add_tag";
  case ActionKind::retention_workflow: return "retention_workflow";
  case ActionKind::sla_tier: return "sla_tier";
  case ActionKind::auto_response: return "auto_response";
  case ActionKind::flag: return "flag";
  }
  return "flag";
}

const char* label_of(ActionKind k) {
  switch (k) {
  case ActionKind::route_to_team: return "Route to team";
  case ActionKind::route_to_person: return "Route to person";
  case ActionKind::set_priority: return "Set priority";
  case ActionKind::raise_priority: return "Raise priority";
  case ActionKind::escalate: return "Escalate at once";
  case ActionKind::hold_for_business: return "Hold for the business";
  case ActionKind::notify: return "Notify";
  case ActionKind::add_tag: return "Add a tag";
  case ActionKind::retention_workflow: return "Start the retention workflow";
  case ActionKind::sla_tier: return "Apply an SLA tier";
  case ActionKind::auto_response: return "Send an auto-response";
  case ActionKind::flag: return "Flag";
  }
  return "";
}

const Team* RoutingSettings::team(const std::string& key) const {
  for (const auto& t : teams)
    if (t.key == key) return &t;
  return nullptr;
}

namespace {

RuleCondition when(ConditionField f, std::string value) { return RuleCondition{f, std::move(value), 0, true}; }
RuleCondition when_is(ConditionField f, bool is) { return RuleCondition{f, {}, 0, is}; }
RuleCondition when_amount(ConditionField f, std::int64_t amount) { return RuleCondition{f, {}, amount, true}; }
RuleAction act(ActionKind k, std::string team = {}, std::string value = {}) { return RuleAction{k, std::move(team), 0, std::move(value)}; }

template <class E>
std::optional<E> word_to(const std::string& w) {
  if (w.empty()) return std::nullopt;
  const E value = nlohmann::json(w).get<E>();
  return nlohmann::json(value).get<std::string>() == w ? std::optional<E>(value) : std::nullopt;
}

bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

const char* weekday_name(int d) {
  static constexpr const char* names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return d >= 0 && d < 7 ? names[d] : "?";
}

std::string hhmm(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string item(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

bool is_sentiment_word(const std::string& v) {
  return v == "positive" || v == "neutral" || v == "negative" || v == "mixed" || is_escalation_sentiment(v);
}

} // namespace

RoutingSettings default_routing(PersonId owner) {
  RoutingSettings r;
  auto team = [&](std::string key, std::string name, TeamKind kind) {
    Team t{std::move(key), std::move(name), kind, {owner}, {}};
    if (kind == TeamKind::on_call)
      for (int d = 0; d < 7; ++d) t.rota.push_back(RotaSlot{d, 0, 1440, owner});
    r.teams.push_back(std::move(t));
  };
  team("on-call", "On-call", TeamKind::on_call);
  team("account-managers", "Account managers", TeamKind::account_managers);
  team("security", "Security", TeamKind::security);
  team("senior-support", "Senior support", TeamKind::senior_support);
  team("onboarding", "Onboarding", TeamKind::onboarding);
  team("retention", "Retention", TeamKind::retention);
  team("product", "Product", TeamKind::product);
  using F = ConditionField;
  using A = ActionKind;
  // Seed 002, section 1: Smart Routing Rules.
  r.rules.push_back({"p0-on-call", "P0: immediate response, notify on-call", true, {when(F::priority, "P0")},
                     {act(A::notify, "on-call"), act(A::flag, {}, "immediate_response")}});
  r.rules.push_back({"billing-enterprise", "Billing from an enterprise customer: account managers", true,
                     {when(F::category, "billing"), when(F::segment, "enterprise")}, {act(A::route_to_team, "account-managers")}});
  r.rules.push_back({"churn-risk", "Churn risk: retention workflow", true, {when(F::category, "churn-risk")},
                     {act(A::retention_workflow), act(A::route_to_team, "retention")}});
  r.rules.push_back({"security", "Security: escalate at once, do not attempt resolution", true, {when(F::category, "security")},
                     {act(A::route_to_team, "security"), act(A::set_priority, {}, "P0"), act(A::escalate), act(A::hold_for_business)}});
  r.rules.push_back({"repeat-issue", "Repeat issue (3+ same topic): flag for the product team", true, {when_is(F::repeat_issue, true)},
                     {act(A::flag, {}, "product_team"), act(A::notify, "product")}});
  r.rules.push_back({"new-customer", "New customer (under 30 days): onboarding tone", true, {when_amount(F::tenure_under_days, 30)},
                     {act(A::flag, {}, "onboarding_tone")}});
  // Seed 002, section 8: Ticket Routing Automation.
  r.rules.push_back({"bug-repeat", "Repeat bug: senior support", true, {when(F::category, "bug"), when_is(F::repeat_issue, true)},
                     {act(A::route_to_team, "senior-support")}});
  r.rules.push_back({"angry-valuable", "Angry customer worth over $1,000: retention specialist", true,
                     {when(F::sentiment, "angry"), when_amount(F::ltv_above, 100'000)}, {act(A::route_to_team, "retention")}});
  r.rules.push_back({"how-to-first", "First how-to question: onboarding team", true,
                     {when(F::category, "how-to"), when_is(F::first_contact, true)}, {act(A::route_to_team, "onboarding")}});
  return r;
}

std::optional<std::string> never_matches(const RoutingRule& rule) {
  std::optional<std::string> category, priority, segment;
  std::optional<bool> first, repeat;
  std::int64_t mrr_low = INT64_MIN, mrr_high = INT64_MAX, ltv_low = INT64_MIN, ltv_high = INT64_MAX;
  for (const auto& c : rule.conditions) {
    auto once = [&](std::optional<std::string>& seen, const char* what) -> std::optional<std::string> {
      if (seen && !same_word(*seen, c.value)) return std::string("it asks for two different ") + what + "s (" + *seen + " and " + c.value + ")";
      seen = c.value;
      return std::nullopt;
    };
    auto flag = [&](std::optional<bool>& seen, const char* what) -> std::optional<std::string> {
      if (seen && *seen != c.is) return std::string("it asks for ") + what + " to be both true and false";
      seen = c.is;
      return std::nullopt;
    };
    std::optional<std::string> why;
    switch (c.field) {
    case ConditionField::category: why = once(category, "category"); break;
    case ConditionField::priority: why = once(priority, "priority"); break;
    case ConditionField::segment: why = once(segment, "segment"); break;
    case ConditionField::first_contact: why = flag(first, "first contact"); break;
    case ConditionField::repeat_issue: why = flag(repeat, "repeat issue"); break;
    case ConditionField::mrr_above: mrr_low = std::max(mrr_low, c.amount); break;
    case ConditionField::mrr_below: mrr_high = std::min(mrr_high, c.amount); break;
    case ConditionField::ltv_above: ltv_low = std::max(ltv_low, c.amount); break;
    case ConditionField::ltv_below: ltv_high = std::min(ltv_high, c.amount); break;
    case ConditionField::tenure_under_days:
      if (c.amount <= 0) why = "no customer has been one for fewer than 0 days";
      break;
    default: break;
    }
    if (why) return why;
  }
  if (mrr_high <= mrr_low + 1 && mrr_low != INT64_MIN && mrr_high != INT64_MAX) return std::string("no MRR is both above and below those amounts");
  if (ltv_high <= ltv_low + 1 && ltv_low != INT64_MIN && ltv_high != INT64_MAX) return std::string("no lifetime value is both above and below those amounts");
  if (mrr_high <= 0) return std::string("no MRR is below zero");
  if (category)
    for (const auto& c : rule.conditions)
      if (c.field == ConditionField::tag && same_word(c.value, *category))
        return std::string("a secondary tag never repeats the primary category");
  return std::nullopt;
}

RoutingCheck check_routing(const ProgramState& s, const RoutingSettings& r, const std::string& prefix) {
  RoutingCheck out;
  auto fail = [&](std::string text, std::string field) {
    if (!out.error) out.error = make_error(ErrorCode::invalid_field, std::move(text), std::move(field));
  };
  auto is_worker = [&](PersonId p) {
    auto role = s.role_of(p);
    return identity::is_business_role(role) || role == identity::Role::agent;
  };
  if (r.teams.size() > max_teams) fail("At most " + std::to_string(max_teams) + " teams.", prefix + ".teams");
  if (r.rules.size() > max_rules) fail("At most " + std::to_string(max_rules) + " rules.", prefix + ".rules");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < r.teams.size() && !out.error; ++i) {
    const auto& t = r.teams[i];
    const auto at = item(prefix + ".teams", i);
    if (t.key.empty()) fail("A team needs a key.", at + ".key");
    if (!keys.insert(t.key).second) fail("Two teams have the key '" + t.key + "'.", at + ".key");
    if (t.name.empty()) fail("A team needs a name.", at + ".name");
    if (t.members.empty()) fail("The team '" + t.name + "' has no members: add at least one.", at + ".members");
    std::set<PersonId> members;
    for (std::size_t m = 0; m < t.members.size(); ++m) {
      if (!is_worker(t.members[m])) fail("A team member must be a member of the business or an agent.", item(at + ".members", m));
      if (!members.insert(t.members[m]).second) fail("A person appears twice in the team.", item(at + ".members", m));
    }
    for (std::size_t k = 0; k < t.rota.size(); ++k) {
      const auto& slot = t.rota[k];
      const auto sat = item(at + ".rota", k);
      if (!members.count(slot.person_id)) fail("Only the team's members go on its rota.", sat + ".person_id");
      if (slot.weekday < 0 || slot.weekday > 6) fail("A weekday is 0 (Sunday) to 6 (Saturday).", sat + ".weekday");
      if (slot.start_minute < 0 || slot.end_minute > 1440 || slot.start_minute >= slot.end_minute)
        fail("A slot starts before it ends, within the day (0-1440 minutes).", sat + ".end_minute");
    }
    // A rota with gaps: warned, with the first gap.
    if (t.kind == TeamKind::on_call && t.rota.empty())
      out.warnings.push_back({at + ".rota", "The on-call team '" + t.name + "' has no rota: P0 notifications go to every member."});
    if (!t.rota.empty()) {
      std::vector<bool> covered(std::size_t{7} * 1440, false);
      for (const auto& slot : t.rota)
        if (slot.weekday >= 0 && slot.weekday <= 6)
          for (int m = std::max(0, slot.start_minute); m < std::min(1440, slot.end_minute); ++m) covered[static_cast<std::size_t>(slot.weekday) * 1440 + static_cast<std::size_t>(m)] = true;
      for (int m = 0; m < 7 * 1440; ++m) {
        if (covered[static_cast<std::size_t>(m)]) continue;
        int end = m;
        while (end < 7 * 1440 && !covered[static_cast<std::size_t>(end)] && end / 1440 == m / 1440) ++end;
        out.warnings.push_back({at + ".rota", "The rota of '" + t.name + "' has a gap: no one on " + weekday_name(m / 1440) + " " +
                                                  hhmm(m % 1440) + "-" + hhmm(end % 1440 == 0 ? 1440 : end % 1440) + " (UTC)."});
        break;
      }
    }
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < r.rules.size() && !out.error; ++i) {
    const auto& rule = r.rules[i];
    const auto at = item(prefix + ".rules", i);
    if (rule.id.empty()) fail("A rule needs an id.", at + ".id");
    if (!ids.insert(rule.id).second) fail("Two rules have the id '" + rule.id + "'.", at + ".id");
    if (rule.name.empty()) fail("A rule needs a name.", at + ".name");
    if (rule.conditions.empty()) fail("The rule '" + rule.name + "' has no conditions: give it at least one.", at + ".conditions");
    if (rule.conditions.size() > max_conditions)
      fail("A rule has at most " + std::to_string(max_conditions) + " conditions.", at + ".conditions");
    if (rule.actions.empty()) fail("The rule '" + rule.name + "' does nothing: give it at least one action.", at + ".actions");
    if (rule.actions.size() > max_actions) fail("A rule has at most " + std::to_string(max_actions) + " actions.", at + ".actions");
    for (std::size_t k = 0; k < rule.conditions.size(); ++k) {
      const auto& c = rule.conditions[k];
      const auto cat = item(at + ".conditions", k);
      switch (c.field) {
      case ConditionField::category:
      case ConditionField::tag:
        if (!word_to<Category>(c.value)) fail("'" + c.value + "' is not a category.", cat + ".value");
        break;
      case ConditionField::priority:
        if (!word_to<Priority>(c.value)) fail("A priority is P0, P1, P2 or P3.", cat + ".value");
        break;
      case ConditionField::segment:
        if (c.value.empty()) fail("Name the plan or segment.", cat + ".value");
        break;
      case ConditionField::sentiment:
        if (!is_sentiment_word(c.value))
          fail("A sentiment is positive, neutral, negative, mixed, frustrated, angry, calm or threatening.", cat + ".value");
        break;
      case ConditionField::restricted_topic: {
        bool known = c.value == "any";
        for (const auto& topic : s.support_settings.restricted_topics) known = known || topic.key == c.value;
        if (!known) fail("'" + c.value + "' is not one of the program's restricted topics.", cat + ".value");
        break;
      }
      case ConditionField::mrr_above:
      case ConditionField::mrr_below:
      case ConditionField::ltv_above:
      case ConditionField::ltv_below:
        if (c.amount < 0) fail("An amount is zero or more.", cat + ".amount");
        break;
      case ConditionField::tenure_under_days:
        if (c.amount < 1) fail("A number of days is 1 or more.", cat + ".amount");
        break;
      case ConditionField::first_contact:
      case ConditionField::repeat_issue: break;
      }
    }
    if (out.error) break;
    if (auto why = never_matches(rule)) fail("The rule '" + rule.name + "' can never match: " + *why + ".", at + ".conditions");
    for (std::size_t k = 0; k < rule.actions.size(); ++k) {
      const auto& a = rule.actions[k];
      const auto aat = item(at + ".actions", k);
      switch (a.kind) {
      case ActionKind::route_to_team:
        if (!r.team(a.team)) fail("No team has the key '" + a.team + "'.", aat + ".team");
        break;
      case ActionKind::notify:
        if (a.team.empty() == (a.person_id == 0)) fail("Notify a team or a person.", aat + ".team");
        else if (!a.team.empty() && !r.team(a.team)) fail("No team has the key '" + a.team + "'.", aat + ".team");
        else if (a.person_id != 0 && !is_worker(a.person_id)) fail("Notify a member of the business or an agent.", aat + ".person_id");
        break;
      case ActionKind::route_to_person:
        if (!identity::is_business_role(s.role_of(a.person_id))) fail("Route to a member of the business.", aat + ".person_id");
        break;
      case ActionKind::set_priority:
        if (!word_to<Priority>(a.value)) fail("A priority is P0, P1, P2 or P3.", aat + ".value");
        break;
      case ActionKind::add_tag:
        if (!word_to<Category>(a.value)) fail("'" + a.value + "' is not a category.", aat + ".value");
        break;
      case ActionKind::sla_tier: {
        bool known = false;
        for (const auto& tier : s.support_settings.tiers) known = known || tier.key == a.value;
        if (!known) fail("'" + a.value + "' is not one of the program's SLA tiers.", aat + ".value");
        break;
      }
      case ActionKind::auto_response:
        if (a.value.empty()) fail("Name the response template to send.", aat + ".value");
        break;
      case ActionKind::flag:
        if (a.value.empty()) fail("Name the flag.", aat + ".value");
        break;
      case ActionKind::raise_priority:
      case ActionKind::escalate:
      case ActionKind::hold_for_business:
      case ActionKind::retention_workflow: break;
      }
    }
    if (out.error) break;
    // Conflicts with an earlier rule of the same conditions: the same actions again is refused;
    // a different route is warned about (the earlier rule's route wins).
    auto routes = [](const RoutingRule& x) {
      for (const auto& a : x.actions)
        if (a.kind == ActionKind::route_to_team || a.kind == ActionKind::route_to_person) return std::optional<RuleAction>(a);
      return std::optional<RuleAction>{};
    };
    auto same_conditions = [](const RoutingRule& x, const RoutingRule& y) {
      if (x.conditions.size() != y.conditions.size()) return false;
      for (const auto& c : x.conditions)
        if (std::find(y.conditions.begin(), y.conditions.end(), c) == y.conditions.end()) return false;
      return true;
    };
    for (std::size_t j = 0; j < i; ++j) {
      const auto& earlier = r.rules[j];
      if (!earlier.enabled || !rule.enabled || !same_conditions(earlier, rule)) continue;
      if (earlier.actions == rule.actions) {
        fail("The rule '" + rule.name + "' repeats the rule '" + earlier.name + "' (same conditions, same actions).", at + ".conditions");
        break;
      }
      auto mine = routes(rule), theirs = routes(earlier);
      if (mine && theirs && !(*mine == *theirs))
        out.warnings.push_back({at + ".actions", "The rule '" + rule.name + "' conflicts with the earlier rule '" + earlier.name +
                                                     "': same conditions, another route; the earlier rule's route wins."});
    }
  }
  return out;
}

RoutingFacts routing_facts(const ProgramState& s, CustomerId customer, TicketId id, TimeMs at, Category category,
                           const std::vector<Category>& tags, Priority priority, const std::vector<std::string>& restricted_topics) {
  RoutingFacts f;
  f.category = category;
  f.tags = tags;
  f.priority = priority;
  f.restricted_topics = restricted_topics;
  auto c = s.customer(customer);
  if (!c) return f;
  f.segment = c->profile.segment;
  f.mrr_minor = c->profile.mrr.minor;
  f.ltv_minor = lifetime_value(s, customer).minor;
  f.sentiment = to_string(sentiment_history(s, customer));
  if (auto it = s.tickets_by_customer.find(customer); it != s.tickets_by_customer.end()) {
    TimeMs latest = -1;
    for (auto tid : it->second) {
      auto t = s.ticket(tid);
      if (t && !t->escalation.note.customer_sentiment.empty() && t->escalation.at > latest) {
        latest = t->escalation.at;
        f.escalation_sentiment = t->escalation.note.customer_sentiment;
      }
    }
  }
  f.first_contact = first_contact(s, customer, id);
  std::string area;
  if (auto t = s.ticket(id)) area = t->triage.product_area;
  f.repeat_issue = repeat_issue(s, customer, id, at, category, area);
  if (auto tenure = customer_tenure(c->profile, at)) f.tenure_days = tenure->days;
  return f;
}

RoutingFacts routing_facts(const ProgramState& s, const Ticket& t) {
  std::vector<std::string> topics = t.restricted_topics;
  if (topics.empty() && !t.messages.empty()) topics = t.messages.front().restricted_topics;
  return routing_facts(s, t.customer_id, t.id, t.opened_at, t.category, t.tags, t.priority, topics);
}

bool matches(const RoutingRule& rule, const RoutingFacts& f) {
  if (!rule.enabled || rule.conditions.empty()) return false;
  for (const auto& c : rule.conditions) {
    bool ok = false;
    switch (c.field) {
    case ConditionField::category: ok = c.value == to_string(f.category); break;
    case ConditionField::tag:
      for (auto t : f.tags) ok = ok || c.value == to_string(t);
      break;
    case ConditionField::priority: ok = c.value == to_string(f.priority); break;
    case ConditionField::segment: ok = same_word(c.value, f.segment); break;
    case ConditionField::mrr_above: ok = f.mrr_minor > c.amount; break;
    case ConditionField::mrr_below: ok = f.mrr_minor < c.amount; break;
    case ConditionField::ltv_above: ok = f.ltv_minor > c.amount; break;
    case ConditionField::ltv_below: ok = f.ltv_minor < c.amount; break;
    case ConditionField::sentiment: ok = c.value == f.sentiment || (!f.escalation_sentiment.empty() && c.value == f.escalation_sentiment); break;
    case ConditionField::first_contact: ok = f.first_contact == c.is; break;
    case ConditionField::repeat_issue: ok = f.repeat_issue == c.is; break;
    case ConditionField::tenure_under_days: ok = f.tenure_days && *f.tenure_days < c.amount; break;
    case ConditionField::restricted_topic:
      ok = c.value == "any" ? !f.restricted_topics.empty()
                            : std::find(f.restricted_topics.begin(), f.restricted_topics.end(), c.value) != f.restricted_topics.end();
      break;
    }
    if (!ok) return false;
  }
  return true;
}

namespace {
// Does a rule change what later rules test (the priority or the secondary tags)?
bool changes_facts(const RoutingRule& rule) {
  for (const auto& a : rule.actions)
    if (a.kind == ActionKind::set_priority || a.kind == ActionKind::raise_priority || a.kind == ActionKind::add_tag) return true;
  return false;
}
} // namespace

std::size_t count_fired(const RoutingSettings& r, const RoutingFacts& f) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < r.rules.size() && i < max_rules; ++i) {
    if (!matches(r.rules[i], f)) continue;
    if (changes_facts(r.rules[i])) return evaluate(r, f).fired.size(); // later passes may fire more
    ++n;
  }
  return n;
}

// The rules are tested in order against the ticket as the rules before them left it: a rule that
// sets the priority or adds a tag is seen by the rules after it, and when it changed something,
// the rules that did not fire get another pass (the security rule sets P0; the P0 rule then
// notifies on-call). Each rule fires at most once, so there are at most as many passes as rules.
RoutingOutcome evaluate(const RoutingSettings& r, const RoutingFacts& f) {
  RoutingOutcome o;
  RoutingFacts now = f;
  Priority& priority = now.priority;
  const std::size_t count = std::min(r.rules.size(), max_rules);
  std::bitset<max_rules> done;
  for (bool again = true; again;) {
    again = false;
    for (std::size_t i = 0; i < count; ++i) {
      if (done[i]) continue;
      const auto& rule = r.rules[i];
      if (!matches(rule, now)) continue;
      done[i] = true;
      o.fired.push_back(i);
      const Priority before = priority;
      const std::size_t tags_before = o.add_tags.size();
      for (const auto& a : rule.actions) {
        switch (a.kind) {
        case ActionKind::route_to_team:
          if (o.routed_by == SIZE_MAX) o.team = a.team, o.routed_by = i;
          break;
        case ActionKind::route_to_person:
          if (o.routed_by == SIZE_MAX) o.person = a.person_id, o.routed_by = i;
          break;
        case ActionKind::set_priority:
          if (auto p = word_to<Priority>(a.value)) priority = *p, o.priority = priority;
          break;
        case ActionKind::raise_priority:
          if (priority != Priority::p0) priority = static_cast<Priority>(static_cast<int>(priority) - 1);
          o.priority = priority;
          break;
        case ActionKind::escalate: o.escalate = true; break;
        case ActionKind::hold_for_business: o.hold_for_business = true; break;
        case ActionKind::notify:
          if (!a.team.empty()) o.notify_teams.push_back(a.team);
          else if (a.person_id) o.notify_people.push_back(a.person_id);
          if (std::find(o.flags.begin(), o.flags.end(), "notified") == o.flags.end()) o.flags.push_back("notified");
          break;
        case ActionKind::add_tag:
          if (auto c = word_to<Category>(a.value); c && *c != f.category && std::find(f.tags.begin(), f.tags.end(), *c) == f.tags.end() &&
                                                   std::find(o.add_tags.begin(), o.add_tags.end(), *c) == o.add_tags.end())
            o.add_tags.push_back(*c);
          break;
        case ActionKind::retention_workflow:
          if (std::find(o.flags.begin(), o.flags.end(), "retention_workflow") == o.flags.end()) o.flags.push_back("retention_workflow");
          break;
        case ActionKind::sla_tier:
          if (o.sla_tier.empty()) o.sla_tier = a.value;
          break;
        case ActionKind::auto_response:
          if (o.auto_response.empty()) o.auto_response = a.value;
          break;
        case ActionKind::flag:
          if (std::find(o.flags.begin(), o.flags.end(), a.value) == o.flags.end()) o.flags.push_back(a.value);
          break;
        }
      }
      if (priority != before || o.add_tags.size() != tags_before) {
        for (std::size_t k = tags_before; k < o.add_tags.size(); ++k) now.tags.push_back(o.add_tags[k]);
        again = true;
      }
    }
  }
  if (o.priority && *o.priority == f.priority) o.priority.reset();
  return o;
}

std::string flag_label(std::string_view flag) {
  if (flag == "onboarding_tone") return "New customer: onboarding tone";
  if (flag == "product_team") return "For the product team";
  if (flag == "retention_workflow") return "Retention workflow";
  if (flag == "immediate_response") return "Immediate response";
  if (flag == "notified") return "Notified";
  std::string out(flag);
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string describe(const RuleCondition& c) {
  std::string out = label_of(c.field);
  switch (input_of(c.field)) {
  case ConditionInput::word: return out + " " + c.value;
  case ConditionInput::amount: return out + " " + std::to_string(c.amount);
  case ConditionInput::money: return out + " " + std::to_string(c.amount / 100) + (c.amount % 100 ? "." + std::to_string(100 + c.amount % 100).substr(1) : "");
  case ConditionInput::boolean: return c.is ? out : out + ": no";
  }
  return out;
}

std::string describe(const ProgramState& s, const RoutingSettings& r, const RuleAction& a) {
  auto team_name = [&](const std::string& key) {
    auto t = r.team(key);
    return t ? t->name : key;
  };
  auto person_name = [&](PersonId p) {
    auto m = s.member(p);
    return m ? m->name : std::string("a former member");
  };
  switch (a.kind) {
  case ActionKind::route_to_team: return "routed to " + team_name(a.team);
  case ActionKind::route_to_person: return "routed to " + person_name(a.person_id);
  case ActionKind::set_priority: return "priority set to " + a.value;
  case ActionKind::raise_priority: return "priority raised one step";
  case ActionKind::escalate: return "escalated to the business at once";
  case ActionKind::hold_for_business: return "held for the business: agents may not reply until the business takes it over";
  case ActionKind::notify: return "notified " + (a.team.empty() ? person_name(a.person_id) : team_name(a.team));
  case ActionKind::add_tag: return "tagged " + a.value;
  case ActionKind::retention_workflow: return "retention workflow started";
  case ActionKind::sla_tier: return "SLA tier " + a.value + " applied";
  case ActionKind::auto_response: return "auto-response " + a.value + " to send";
  case ActionKind::flag: return "flagged \"" + flag_label(a.value) + "\"";
  }
  return "";
}

TicketRouting routing_record(const ProgramState& s, const RoutingSettings& r, const RoutingOutcome& o, Priority before, TimeMs at) {
  TicketRouting t;
  t.at = at;
  t.team = o.team;
  if (auto team = r.team(o.team)) t.team_name = team->name;
  t.person = o.person;
  if (o.routed_by < r.rules.size()) t.because = r.rules[o.routed_by].name;
  t.held_for_business = o.hold_for_business;
  t.flags = o.flags;
  t.sla_tier = o.sla_tier;
  t.auto_response = o.auto_response;
  for (auto i : o.fired) {
    const auto& rule = r.rules[i];
    FiredRule f{rule.id, rule.name, {}};
    for (const auto& a : rule.actions) {
      auto text = describe(s, r, a);
      if ((a.kind == ActionKind::set_priority || a.kind == ActionKind::raise_priority) && o.priority)
        text += std::string(" (was ") + to_string(before) + ")";
      f.actions.push_back(std::move(text));
    }
    t.fired.push_back(std::move(f));
  }
  return t;
}

PersonId on_call(const Team& t, TimeMs at) {
  const std::int64_t days = (at >= 0 ? at : at - day_ms + 1) / day_ms;
  const int weekday = static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday (4)
  const int minute = static_cast<int>((at - days * day_ms) / minute_ms);
  for (const auto& slot : t.rota)
    if (slot.weekday == weekday && slot.start_minute <= minute && minute < slot.end_minute) return slot.person_id;
  return 0;
}

std::vector<PersonId> notified(const RoutingSettings& r, const RoutingOutcome& o, TimeMs at) {
  std::vector<PersonId> out;
  auto add = [&](PersonId p) {
    if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  for (const auto& key : o.notify_teams)
    if (auto t = r.team(key)) {
      if (auto p = on_call(*t, at)) add(p);
      else
        for (auto m : t->members) add(m);
    }
  for (auto p : o.notify_people) add(p);
  return out;
}

RuleTrial try_rule(const ProgramState& s, const RoutingRule& rule, std::size_t last) {
  RuleTrial out;
  RoutingRule r = rule;
  r.enabled = true;
  for (auto it = s.tickets.rbegin(); it != s.tickets.rend() && static_cast<std::size_t>(out.considered) < last; ++it) {
    ++out.considered;
    if (!matches(r, routing_facts(s, it->second))) continue;
    ++out.matched;
    if (out.examples.size() < 5) out.examples.push_back(it->first);
  }
  return out;
}

std::optional<core::Error> why_not_reply(const ProgramState& s, PersonId person, const Ticket& t) {
  if (!t.routing.held_for_business || t.taken_over_by != 0) return std::nullopt;
  if (s.role_of(person) != identity::Role::agent) return std::nullopt;
  return make_error(ErrorCode::forbidden,
                    "This ticket is held for the business (" + (t.routing.because.empty() ? std::string("routing rules") : t.routing.because) +
                        "): agents do not reply until the business takes it over. Add an internal note instead.",
                    "data.ticket_id");
}

std::vector<TicketId> team_queue(const ProgramState& s, const std::string& team) {
  std::vector<TicketId> out;
  for (const auto& [id, entry] : s.open_tickets)
    if (auto t = s.ticket(id); t && t->routing.team == team) out.push_back(id);
  return out;
}

} // namespace pd::domain::desk
