#include "shared/domain/commands.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/core/variant_codec.hpp"
#include "shared/identity/email.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

const char* type_of(const Command& command) {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::type; }, command);
}

namespace {

std::string read_email(FieldReader& r, const char* field) {
  auto raw = r.text(field, {1, identity::max_email_length});
  if (r.error()) return {};
  auto email = identity::normalize_email(raw, r.name_of(field).c_str());
  if (!email) {
    r.fail(email.error());
    return {};
  }
  return email.value();
}

std::string read_currency(FieldReader& r, const char* field) {
  auto c = r.text(field, {3, 3});
  if (r.error()) return {};
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') {
      r.fail(make_error(ErrorCode::invalid_field, "'" + r.name_of(field) + "' must be a three-letter ISO 4217 code such as USD.",
                        r.name_of(field)));
      return {};
    }
  return c;
}

identity::Role read_role(FieldReader& r, const char* field) {
  return core::enum_word(r, field, {"owner", "admin", "staff", "agent", "customer"}, identity::Role::unknown);
}

CustomerProfile read_profile(FieldReader& outer, const char* field) {
  const auto& obj = outer.object(field);
  if (outer.error()) return {};
  FieldReader r(obj, {"name", "email", "segment", "subscription", "started_on", "mrr", "referring_agent", "renews_on"}, outer.name_of(field));
  CustomerProfile p;
  p.name = r.text("name", {1, max_person_name});
  p.email = read_email(r, "email");
  p.segment = r.text("segment", {1, max_segment});
  p.subscription = core::enum_word(r, "subscription", {"trialing", "active", "past_due", "cancelled"}, SubscriptionStatus::unknown);
  p.started_on = r.text("started_on", {10, 10});
  if (!r.error() && !core::parse_date(p.started_on))
    r.fail(make_error(ErrorCode::invalid_field, "'" + r.name_of("started_on") + "' must be a real date as YYYY-MM-DD.", r.name_of("started_on")));
  const auto& mrr = r.object("mrr");
  if (!r.error()) {
    FieldReader m(mrr, {"minor", "currency"}, r.name_of("mrr"));
    p.mrr.minor = m.integer("minor", 0, max_money_minor);
    p.mrr.currency = read_currency(m, "currency");
    if (m.error()) r.fail(*m.error());
  }
  p.referring_agent = r.optional_integer("referring_agent", 0, INT64_MAX).value_or(0);
  p.renews_on = r.optional_text("renews_on", {0, 10}).value_or("");
  if (!r.error() && !p.renews_on.empty() && !core::parse_date(p.renews_on))
    r.fail(make_error(ErrorCode::invalid_field, "'" + r.name_of("renews_on") + "' must be a real date as YYYY-MM-DD.", r.name_of("renews_on")));
  if (r.error()) outer.fail(*r.error());
  return p;
}

std::string read_command_id(FieldReader& r) {
  auto id = r.text("command_id", {8, max_command_id, false});
  if (r.error()) return {};
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      r.fail(make_error(ErrorCode::invalid_field, "'command_id' may hold only letters, digits, '-' and '_'.", "command_id"));
      return {};
    }
  return id;
}

} // namespace

core::Result<CreateProgram> decode_create_program(const nlohmann::json& data) {
  FieldReader r(data, {"name", "currency"}, "data");
  CreateProgram c{r.text("name", {1, max_program_name}), read_currency(r, "currency")};
  if (r.error()) return *r.error();
  return c;
}

core::Result<Command> decode_command(std::string_view type, const nlohmann::json& data) {
  std::optional<core::Error> error;
  auto fail = [&](const std::optional<core::Error>& e) { if (e && !error) error = *e; };
  auto cmd = core::make_alternative<Command>(type, [&](auto tag) -> Command {
    using T = decltype(tag);
    T c;
    if constexpr (std::is_same_v<T, RenameProgram>) {
      FieldReader r(data, {"name"}, "data");
      c.name = r.text("name", {1, max_program_name});
      fail(r.error());
    } else if constexpr (std::is_same_v<T, InviteMember>) {
      FieldReader r(data, {"email", "role", "customer_id", "expires_in_hours"}, "data");
      c.email = read_email(r, "email");
      c.role = read_role(r, "role");
      c.customer_id = r.optional_integer("customer_id", 1, INT64_MAX).value_or(0);
      c.expires_in_hours = r.optional_integer("expires_in_hours", 1, max_invitation_hours).value_or(default_invitation_hours);
      fail(r.error());
    } else if constexpr (std::is_same_v<T, RevokeInvitation>) {
      FieldReader r(data, {"invitation_id"}, "data");
      c.invitation_id = r.integer("invitation_id", 1, INT64_MAX);
      fail(r.error());
    } else if constexpr (std::is_same_v<T, ChangeMemberRole>) {
      FieldReader r(data, {"person_id", "role"}, "data");
      c.person_id = r.integer("person_id", 1, INT64_MAX);
      c.role = read_role(r, "role");
      fail(r.error());
    } else if constexpr (std::is_same_v<T, RecordMemberEmail>) {
      FieldReader r(data, {}, "data");
      fail(r.error());
    } else if constexpr (std::is_same_v<T, RemoveMember>) {
      FieldReader r(data, {"person_id"}, "data");
      c.person_id = r.integer("person_id", 1, INT64_MAX);
      fail(r.error());
    } else if constexpr (std::is_same_v<T, SetAgentStatus>) {
      FieldReader r(data, {"person_id", "status", "reason", "expected_version", "remediation_required", "reassign_customers", "customers_come_back"}, "data");
      c.person_id = r.integer("person_id", 1, INT64_MAX);
      c.status = core::enum_word(r, "status", {"active", "suspended", "removed", "terminated"}, PartnerStatus::unknown);
      c.reason = r.optional_text("reason", {0, max_reason}).value_or("");
      c.expected_version = r.optional_integer("expected_version", 0, INT64_MAX);
      c.remediation_required = r.has("remediation_required") && r.boolean("remediation_required");
      c.reassign_customers = r.has("reassign_customers") && r.boolean("reassign_customers");
      if (r.has("customers_come_back")) c.customers_come_back = r.boolean("customers_come_back");
      fail(r.error());
    } else if constexpr (std::is_same_v<T, AddCustomer>) {
      FieldReader r(data, {"profile"}, "data");
      c.profile = read_profile(r, "profile");
      fail(r.error());
    } else if constexpr (std::is_same_v<T, UpdateCustomer>) {
      FieldReader r(data, {"customer_id", "profile", "expected_version"}, "data");
      c.customer_id = r.integer("customer_id", 1, INT64_MAX);
      c.profile = read_profile(r, "profile");
      c.expected_version = r.integer("expected_version", 0, INT64_MAX);
      fail(r.error());
    } else if constexpr (std::is_same_v<T, AssignCustomer>) {
      FieldReader r(data, {"customer_id", "agent_id"}, "data");
      c.customer_id = r.integer("customer_id", 1, INT64_MAX);
      c.agent_id = r.integer("agent_id", 0, INT64_MAX);
      fail(r.error());
    } else if constexpr (requires(T& t) { read_command(data, t); }) {
      fail(read_command(data, c)); // the support desk's commands: support_commands.cpp
    } else if constexpr (std::is_same_v<T, CreateProgram> || std::is_same_v<T, AcceptInvitation>) {
      // They have their own routes.
      fail(make_error(ErrorCode::invalid_field, std::string("'") + T::type + "' is not sent to this endpoint.", "type"));
    } else {
      static_assert(always_false<T>, "no decoder for this command: declare read_command() and write_command() in its "
                                     "capability's *_commands.hpp (PD_*_COMMAND_CODEC) and write them in its *_commands.cpp");
    }
    return c;
  });
  if (!cmd) return make_error(ErrorCode::invalid_field, "Unknown command type '" + std::string(type) + "'.", "type");
  if (error) return *error;
  return *cmd;
}

core::Result<CommandEnvelope> decode_command_envelope(std::string_view body) {
  auto object = core::parse_object(body);
  if (!object) return object.error();
  FieldReader r(object.value(), {"command_id", "type", "data"});
  auto id = read_command_id(r);
  auto type = r.text("type", {1, 64, false});
  const auto& data = r.object("data");
  if (r.error()) return *r.error();
  auto cmd = decode_command(type, data);
  if (!cmd) return cmd.error();
  return CommandEnvelope{std::move(id), std::move(cmd).value()};
}

nlohmann::json encode_command(const CommandEnvelope& e) {
  nlohmann::json data = std::visit(
      [](const auto& c) -> nlohmann::json {
        using T = std::decay_t<decltype(c)>;
        auto profile_json = [](const CustomerProfile& p) {
          nlohmann::json j = {{"name", p.name}, {"email", p.email}, {"segment", p.segment}, {"subscription", p.subscription},
                              {"started_on", p.started_on}, {"mrr", p.mrr}};
          if (p.referring_agent) j["referring_agent"] = p.referring_agent;
          if (!p.renews_on.empty()) j["renews_on"] = p.renews_on;
          return j;
        };
        if constexpr (std::is_same_v<T, CreateProgram>) return {{"name", c.name}, {"currency", c.currency}};
        else if constexpr (std::is_same_v<T, RenameProgram>) return {{"name", c.name}};
        else if constexpr (std::is_same_v<T, InviteMember>) {
          nlohmann::json j = {{"email", c.email}, {"role", c.role}, {"expires_in_hours", c.expires_in_hours}};
          if (c.customer_id) j["customer_id"] = c.customer_id;
          return j;
        } else if constexpr (std::is_same_v<T, AcceptInvitation> || std::is_same_v<T, RevokeInvitation>)
          return {{"invitation_id", c.invitation_id}};
        else if constexpr (std::is_same_v<T, ChangeMemberRole>) return {{"person_id", c.person_id}, {"role", c.role}};
        else if constexpr (std::is_same_v<T, RemoveMember>) return {{"person_id", c.person_id}};
        else if constexpr (std::is_same_v<T, RecordMemberEmail>) return nlohmann::json::object();
        else if constexpr (std::is_same_v<T, SetAgentStatus>) {
          nlohmann::json j = {{"person_id", c.person_id}, {"status", c.status}};
          if (!c.reason.empty()) j["reason"] = c.reason;
          if (c.expected_version) j["expected_version"] = *c.expected_version;
          if (c.remediation_required) j["remediation_required"] = true;
          if (c.reassign_customers) j["reassign_customers"] = true;
          if (c.customers_come_back) j["customers_come_back"] = *c.customers_come_back;
          return j;
        } else if constexpr (std::is_same_v<T, AddCustomer>) return {{"profile", profile_json(c.profile)}};
        else if constexpr (std::is_same_v<T, UpdateCustomer>)
          return {{"customer_id", c.customer_id}, {"profile", profile_json(c.profile)}, {"expected_version", c.expected_version}};
        else if constexpr (std::is_same_v<T, AssignCustomer>) return {{"customer_id", c.customer_id}, {"agent_id", c.agent_id}};
        else return write_command(c); // the support desk's commands
      },
      e.command);
  return {{"command_id", e.command_id}, {"type", type_of(e.command)}, {"data", data}};
}

} // namespace pd::domain
