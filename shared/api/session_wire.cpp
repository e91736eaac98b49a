#include "shared/api/session_wire.hpp"

#include "shared/core/json_fields.hpp"
#include "shared/identity/email.hpp"

namespace pd::api {

core::Result<SignInRequest> decode_sign_in(std::string_view body) {
  auto object = core::parse_object(body);
  if (!object) return object.error();
  if (auto e = core::reject_unknown_fields(object.value(), {"email", "password", "code"})) return *e;
  auto raw_email = core::required_string(object.value(), "email", {1, identity::max_email_length, true});
  if (!raw_email) return raw_email.error();
  auto email = identity::normalize_email(raw_email.value());
  if (!email) return email.error();
  auto password = core::required_string(object.value(), "password", {1, max_password_length, false});
  if (!password) return password.error();
  std::string code;
  if (object.value().contains("code")) {
    auto typed = core::required_string(object.value(), "code", {1, max_two_factor_code_length, true});
    if (!typed) return typed.error();
    code = std::move(typed).value();
  }
  return SignInRequest{std::move(email).value(), std::move(password).value(), std::move(code)};
}

core::Result<Me> decode_me(std::string_view body) {
  auto value = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (value.is_discarded() || !value.is_object() || !value.contains("person"))
    return core::make_error(core::ErrorCode::invalid_json, "Unexpected response from the server.");
  Me me;
  // from_json may throw on a wrong type; check the shape first so nothing is thrown.
  const auto& p = value.at("person");
  if (!p.is_object()) return core::make_error(core::ErrorCode::invalid_json, "Unexpected response from the server.");
  if (p.contains("id") && p.at("id").is_number_integer()) me.person.id = p.at("id").get<std::int64_t>();
  if (p.contains("email") && p.at("email").is_string()) me.person.email = p.at("email").get<std::string>();
  if (p.contains("name") && p.at("name").is_string()) me.person.name = p.at("name").get<std::string>();
  if (value.contains("two_factor") && value.at("two_factor").is_boolean()) me.two_factor = value.at("two_factor").get<bool>();
  if (value.contains("email_verified") && value.at("email_verified").is_boolean()) me.email_verified = value.at("email_verified").get<bool>();
  if (value.contains("pending_email") && value.at("pending_email").is_string()) me.pending_email = value.at("pending_email").get<std::string>();
  if (value.contains("two_factor_required_by") && value.at("two_factor_required_by").is_array())
    for (const auto& name : value.at("two_factor_required_by"))
      if (name.is_string()) me.two_factor_required_by.push_back(name.get<std::string>());
  if (value.contains("memberships") && value.at("memberships").is_array()) {
    for (const auto& m : value.at("memberships")) {
      if (!m.is_object()) continue;
      Membership out;
      if (m.contains("program_id") && m.at("program_id").is_number_integer()) out.program_id = m.at("program_id").get<std::int64_t>();
      if (m.contains("program_name") && m.at("program_name").is_string()) out.program_name = m.at("program_name").get<std::string>();
      if (m.contains("role") && m.at("role").is_string())
        out.role = identity::role_from_string(m.at("role").get<std::string>()).value_or(identity::Role::unknown);
      me.memberships.push_back(std::move(out));
    }
  }
  return me;
}

} // namespace pd::api
