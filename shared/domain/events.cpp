#include "shared/core/json_type.hpp"
#include "shared/domain/events.hpp"

#include "shared/core/variant_codec.hpp"

namespace pd::domain {

PD_JSON_TYPE(ProgramCreated, name, currency, owner_id, owner_name, owner_email, priority_matrix, routing_defaults, response_defaults)
PD_JSON_TYPE(ProgramRenamed, name)
PD_JSON_TYPE(InvitationCreated, invitation_id, email, role, token_hash, expires_at, customer_id)
PD_JSON_TYPE(InvitationAccepted, invitation_id, person_id, name, email)
PD_JSON_TYPE(InvitationRevoked, invitation_id)
PD_JSON_TYPE(MemberRoleChanged, person_id, role)
PD_JSON_TYPE(MemberEmailChanged, person_id, email)
PD_JSON_TYPE(MemberRemoved, person_id)
PD_JSON_TYPE(AgentStatusChanged, person_id, status, reason, remediation_required)
PD_JSON_TYPE(CustomerAdded, customer_id, profile)
PD_JSON_TYPE(CustomerUpdated, customer_id, profile)
PD_JSON_TYPE(CustomerAssigned, customer_id, agent_id, previous_agent)

const char* type_of(const EventBody& body) {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::type; }, body);
}

nlohmann::json body_to_json(const EventBody& body, bool with_secrets) {
  nlohmann::json data = std::visit([](const auto& e) { return nlohmann::json(e); }, body);
  if (!with_secrets && std::holds_alternative<InvitationCreated>(body)) data.erase("token_hash");
  if (!with_secrets && std::holds_alternative<ApiKeyCreated>(body)) data.erase("key_hash");
  return data;
}

nlohmann::json to_json(const Event& e, bool with_secrets) {
  return {{"seq", e.seq}, {"program_id", e.program_id}, {"actor", e.actor}, {"at", e.at},
          {"type", type_of(e.body)}, {"data", body_to_json(e.body, with_secrets)}};
}

core::Result<EventBody> body_from_json(std::string_view type, const nlohmann::json& data) {
  if (!data.is_object()) return core::make_error(core::ErrorCode::invalid_json, "Event data must be an object.", "data");
  try {
    auto out = core::make_alternative<EventBody>(type, [&](auto tag) -> EventBody { return data.get<decltype(tag)>(); });
    if (!out) return core::make_error(core::ErrorCode::invalid_field, "Unknown event type '" + std::string(type) + "'.", "type");
    return *out;
  } catch (const nlohmann::json::exception& e) {
    return core::make_error(core::ErrorCode::invalid_json, std::string("Event data does not match its type: ") + e.what(), "data");
  }
}

core::Result<Event> event_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("type") || !j.at("type").is_string() || !j.contains("data"))
    return core::make_error(core::ErrorCode::invalid_json, "Not an event.");
  auto body = body_from_json(j.at("type").get<std::string>(), j.at("data"));
  if (!body) return body.error();
  Event e;
  e.body = std::move(body).value();
  auto num = [&](const char* k) -> std::int64_t {
    return j.contains(k) && j.at(k).is_number_integer() ? j.at(k).get<std::int64_t>() : 0;
  };
  e.seq = num("seq");
  e.program_id = num("program_id");
  e.actor = num("actor");
  e.at = num("at");
  return e;
}

} // namespace pd::domain
