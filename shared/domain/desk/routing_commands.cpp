#include "shared/domain/desk/routing_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

namespace {

std::string item_name(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

void keep(std::optional<core::Error>& error, const std::optional<core::Error>& e) {
  if (e && !error) error = e;
}

desk::Team read_team(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  desk::Team t;
  FieldReader r(j, {"key", "name", "kind", "members", "rota"}, at);
  t.key = r.text("key", {1, desk::max_key, false});
  t.name = r.text("name", {1, desk::max_name, false});
  t.kind = core::enum_word(r, "kind", {"on-call", "account-managers", "security", "senior-support", "onboarding", "retention", "product", "other"},
                           desk::TeamKind::other);
  if (auto list = r.list("members", desk::max_team_members, true))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      const auto name = item_name(r.name_of("members"), i);
      const auto& m = (*list)[i];
      if (!m.is_number_integer() || m.get<std::int64_t>() < 1) r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a person id.", name));
      else t.members.push_back(m.get<PersonId>());
    }
  if (auto list = r.list("rota", desk::max_rota_slots))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      FieldReader s((*list)[i], {"weekday", "start_minute", "end_minute", "person_id"}, item_name(r.name_of("rota"), i));
      desk::RotaSlot slot;
      slot.weekday = static_cast<int>(s.integer("weekday", 0, 6));
      slot.start_minute = static_cast<int>(s.integer("start_minute", 0, 1439));
      slot.end_minute = static_cast<int>(s.integer("end_minute", 1, 1440));
      slot.person_id = s.integer("person_id", 1, INT64_MAX);
      if (s.error()) r.fail(*s.error());
      t.rota.push_back(slot);
    }
  keep(error, r.error());
  return t;
}

desk::RuleCondition read_condition(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  desk::RuleCondition c;
  FieldReader r(j, {"field", "value", "amount", "is"}, at);
  c.field = core::enum_word(r, "field",
                            {"category", "tag", "priority", "segment", "mrr_above", "mrr_below", "ltv_above", "ltv_below", "sentiment",
                             "first_contact", "repeat_issue", "tenure_under_days", "restricted_topic"},
                            desk::ConditionField::category);
  if (r.error()) {
    keep(error, r.error());
    return c;
  }
  switch (desk::input_of(c.field)) {
  case desk::ConditionInput::word: c.value = r.text("value", {1, desk::max_value, false}); break;
  case desk::ConditionInput::money: c.amount = r.integer("amount", 0, 1'000'000'000'000); break;
  case desk::ConditionInput::amount: c.amount = r.integer("amount", 1, 36'500); break;
  case desk::ConditionInput::boolean: c.is = r.has("is") ? r.boolean("is") : true; break;
  }
  keep(error, r.error());
  return c;
}

desk::RuleAction read_action(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  desk::RuleAction a;
  FieldReader r(j, {"kind", "team", "person_id", "value"}, at);
  a.kind = core::enum_word(r, "kind",
                           {"route_to_team", "route_to_person", "set_priority", "raise_priority", "escalate", "hold_for_business", "notify",
                            "add_tag", "retention_workflow", "sla_tier", "auto_response", "flag"},
                           desk::ActionKind::flag);
  if (r.error()) {
    keep(error, r.error());
    return a;
  }
  using K = desk::ActionKind;
  switch (a.kind) {
  case K::route_to_team: a.team = r.text("team", {1, desk::max_key, false}); break;
  case K::route_to_person: a.person_id = r.integer("person_id", 1, INT64_MAX); break;
  case K::notify:
    // One of the two; the other may be sent empty ("" or 0), as the encoder writes it.
    a.team = r.optional_text("team", {0, desk::max_key, false}).value_or("");
    a.person_id = r.optional_integer("person_id", 0, INT64_MAX).value_or(0);
    if (!r.error() && a.team.empty() == (a.person_id == 0))
      r.fail(make_error(ErrorCode::invalid_field, "Notify a team or a person (one of 'team' and 'person_id').", r.name_of("team")));
    break;
  case K::set_priority:
  case K::add_tag:
  case K::sla_tier:
  case K::auto_response:
  case K::flag: a.value = r.text("value", {1, desk::max_value, false}); break;
  case K::raise_priority:
  case K::escalate:
  case K::hold_for_business:
  case K::retention_workflow: break;
  }
  keep(error, r.error());
  return a;
}

} // namespace

desk::RoutingRule read_rule(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  desk::RoutingRule rule;
  FieldReader r(j, {"id", "name", "enabled", "conditions", "actions"}, at);
  rule.id = r.text("id", {1, desk::max_key, false});
  rule.name = r.text("name", {1, desk::max_name, false});
  rule.enabled = r.has("enabled") ? r.boolean("enabled") : true;
  const auto* conditions = r.list("conditions", desk::max_conditions, true);
  const auto* actions = r.list("actions", desk::max_actions, true);
  if (r.error()) {
    keep(error, r.error());
    return rule;
  }
  for (std::size_t i = 0; i < conditions->size() && !error; ++i)
    rule.conditions.push_back(read_condition((*conditions)[i], item_name(r.name_of("conditions"), i), error));
  for (std::size_t i = 0; i < actions->size() && !error; ++i)
    rule.actions.push_back(read_action((*actions)[i], item_name(r.name_of("actions"), i), error));
  return rule;
}

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeRouting& c) {
  FieldReader top(data, {"routing"}, "data");
  const auto& obj = top.object("routing");
  if (top.error()) return top.error();
  FieldReader r(obj, {"teams", "rules"}, "data.routing");
  std::optional<core::Error> error;
  c.routing = {};
  if (auto list = r.list("teams", desk::max_teams, true))
    for (std::size_t i = 0; i < list->size() && !error; ++i) c.routing.teams.push_back(read_team((*list)[i], item_name("data.routing.teams", i), error));
  if (error) return error;
  if (auto list = r.list("rules", desk::max_rules, true))
    for (std::size_t i = 0; i < list->size() && !error; ++i) c.routing.rules.push_back(read_rule((*list)[i], item_name("data.routing.rules", i), error));
  if (error) return error;
  return r.error();
}

nlohmann::json write_command(const ChangeRouting& c) { return {{"routing", c.routing}}; }

} // namespace pd::domain
