// The business's billing system: payments and refunds sent with a program's API key
// (Authorization: Bearer pdk_...), and the list of keys for business staff. Keys are created
// and revoked with the CreateApiKey and RevokeApiKey commands (program_routes.cpp makes the key).
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/identity/email.hpp"

#include <sodium.h>

namespace pd::routes {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;
using namespace domain;

namespace {

void unauthorized(httplib::Response& res, const std::string& message) {
  res.set_header("WWW-Authenticate", "Bearer");
  http::send_error(res, 401, ErrorCode::unauthenticated, message, "Authorization");
}

// The key of the program named by the Authorization header, in use; nullopt after answering 401.
std::optional<ApiKeyId> require_api_key(const httplib::Request& req, httplib::Response& res, app::Services& services, ProgramId program) {
  if (req.get_header_value_count("Authorization") != 1) {
    unauthorized(res, "Send the program's API key as 'Authorization: Bearer pdk_...'.");
    return std::nullopt;
  }
  const auto header = req.get_header_value("Authorization");
  const std::string key = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : std::string{};
  if (!auth::is_api_key(key)) {
    unauthorized(res, "Send the program's API key as 'Authorization: Bearer pdk_...'.");
    return std::nullopt;
  }
  const auto hash = auth::token_hash(key);
  auto found = services.commands.read(program, [&](const ProgramState& s) -> ApiKeyId {
    ApiKeyId match = 0;
    for (const auto& [id, k] : s.api_keys) // compared in constant time; every key is looked at
      if (k.in_use() && k.key_hash.size() == hash.size() && sodium_memcmp(k.key_hash.data(), hash.data(), hash.size()) == 0) match = id;
    return match;
  });
  if (!found || *found == 0) {
    unauthorized(res, "That API key is not valid for this program, or it was revoked.");
    return std::nullopt;
  }
  return *found;
}

// The payment as the billing system sends it; the customer by id or by email.
struct PaymentRequest {
  RecordPayment command;
  std::string customer_email;
};

core::Result<PaymentRequest> read_payment(const nlohmann::json& body) {
  FieldReader r(body, {"payment_id", "customer_id", "customer_email", "kind", "amount", "paid_at", "refund_of"});
  PaymentRequest out;
  auto& c = out.command;
  c.external_id = r.text("payment_id", {1, max_external_id, false});
  const bool by_id = r.has("customer_id"), by_email = r.has("customer_email");
  if (!r.error() && by_id == by_email)
    r.fail(make_error(by_id ? ErrorCode::invalid_field : ErrorCode::missing_field,
                      by_id ? "Name the customer by 'customer_id' or by 'customer_email', not both."
                            : "Name the customer by 'customer_id' or by 'customer_email'.",
                      by_id ? "customer_email" : "customer_id"));
  if (by_id) c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  if (by_email) {
    auto raw = r.text("customer_email", {1, identity::max_email_length});
    if (!r.error()) {
      auto email = identity::normalize_email(raw, "customer_email");
      if (email) out.customer_email = email.value();
      else r.fail(email.error());
    }
  }
  c.kind = r.has("kind") ? core::enum_word(r, "kind", {"payment", "refund"}, PaymentKind::payment) : PaymentKind::payment;
  const auto& amount = r.object("amount");
  if (!r.error()) {
    FieldReader m(amount, {"minor", "currency"}, "amount");
    c.amount.minor = m.integer("minor", 1, max_money_minor);
    c.amount.currency = m.text("currency", {3, 3, false});
    if (!m.error())
      for (char ch : c.amount.currency)
        if (ch < 'A' || ch > 'Z') {
          m.fail(make_error(ErrorCode::invalid_field, "'amount.currency' must be a three-letter ISO 4217 code such as USD.", "amount.currency"));
          break;
        }
    if (m.error()) r.fail(*m.error());
  }
  c.paid_at = r.optional_integer("paid_at", 1, max_time_ms).value_or(0);
  c.refund_of = r.optional_text("refund_of", {1, max_external_id, false}).value_or("");
  if (!r.error() && c.kind == PaymentKind::refund && c.refund_of.empty())
    r.fail(make_error(ErrorCode::missing_field, "A refund names the payment it gives back in 'refund_of'.", "refund_of"));
  if (!r.error() && c.kind == PaymentKind::payment && !c.refund_of.empty())
    r.fail(make_error(ErrorCode::invalid_field, "Only a refund names a payment in 'refund_of'.", "refund_of"));
  if (r.error()) return *r.error();
  return out;
}

// A domain error about the command, named as the request names it ("data.external_id" is
// "payment_id", "data.amount.minor" is "amount.minor").
nlohmann::json request_error(nlohmann::json body, bool by_email) {
  if (!body.contains("error") || !body["error"].is_object()) return body;
  auto& e = body["error"];
  auto rename = [](std::string text) {
    for (std::string::size_type at; (at = text.find("data.external_id")) != std::string::npos;) text.replace(at, 16, "payment_id");
    for (std::string::size_type at; (at = text.find("'data.")) != std::string::npos;) text.replace(at, 6, "'");
    return text;
  };
  if (e.contains("field") && e["field"].is_string()) {
    auto field = e["field"].get<std::string>();
    if (field == "data.external_id") field = "payment_id";
    else if (field == "data.customer_id" && by_email) field = "customer_email";
    else if (field.rfind("data.", 0) == 0) field = field.substr(5);
    e["field"] = field;
  }
  if (e.contains("message") && e["message"].is_string()) e["message"] = rename(e["message"].get<std::string>());
  return body;
}

// The billing system's idempotency key: the program, the payment's id and its details. The same
// payment sent again finds its first answer; the same id with other details is decided again
// and refused as a conflict; a payment corrected after a refusal is decided afresh.
std::string billing_command_id(ProgramId program, const RecordPayment& c) {
  const nlohmann::json details = {{"payment_id", c.external_id}, {"customer_id", c.customer_id}, {"kind", c.kind},
                                  {"amount", c.amount},          {"paid_at", c.paid_at},         {"refund_of", c.refund_of}};
  return "billing-" + std::to_string(program) + "-" + auth::token_hash(details.dump()).substr(0, 40);
}

// {"payment": ..., "lines": [...]}: the payment recorded under the id and the ledger lines it wrote.
std::optional<nlohmann::json> payment_answer(app::Services& services, ProgramId program, const std::string& external_id) {
  auto body = services.commands.read(program, [&](const ProgramState& s) -> std::optional<nlohmann::json> {
    const auto* p = s.commissions.payment_by_external_id(external_id);
    if (!p) return std::nullopt;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& [id, l] : s.commissions.lines)
      if (l.payment_id == p->id && l.kind != LineKind::payout) lines.push_back(l);
    return nlohmann::json{{"payment", *p}, {"lines", lines}};
  });
  if (!body) return std::nullopt;
  return *body;
}

// A churn signal from the billing system (usage figures, failed payments): the body is the
// command's data, with the customer named by "customer_id" or "customer_email".
template <class C>
void billing_signal(const httplib::Request& req, httplib::Response& res, app::Services& services, const char* kind) {
  const auto program = http::path_id(req, 1);
  if (!require_api_key(req, res, services, program)) return;
  auto body = core::parse_object(req.body);
  if (!body) return http::send_error(res, 400, body.error());
  auto data = std::move(body).value();
  const bool by_email = data.contains("customer_email");
  if (by_email) {
    if (data.contains("customer_id"))
      return http::send_error(res, 400, ErrorCode::invalid_field, "Name the customer by 'customer_id' or by 'customer_email', not both.", "customer_email");
    const auto& raw = data["customer_email"];
    if (!raw.is_string()) return http::send_error(res, 400, ErrorCode::invalid_field, "'customer_email' must be an email address.", "customer_email");
    auto email = identity::normalize_email(raw.get<std::string>(), "customer_email");
    if (!email) return http::send_error(res, 400, email.error());
    auto id = services.commands.read(program, [&](const ProgramState& s) { return s.customer_with_email(email.value()); });
    if (!id) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (*id == 0) return http::send_error(res, 404, ErrorCode::not_found, "No customer of this program has that email.", "customer_email");
    data.erase("customer_email");
    data["customer_id"] = *id;
  }
  C command;
  if (auto e = read_command(data, command)) return http::send_json(res, http::status_for(e->code), request_error(core::to_json_body(*e), by_email));
  const Actor billing{support_rules::system_actor, "Billing system", ""};
  const auto id = std::string("billing-") + kind + "-" + std::to_string(program) + "-" + auth::token_hash(write_command(command).dump()).substr(0, 40);
  auto out = services.commands.execute(program, id, command, billing, services.now_ms());
  if (out.replayed) res.set_header("Idempotent-Replayed", "true");
  if (out.status != 200) return http::send_json(res, out.status, request_error(out.body, by_email));
  auto signals = services.commands.read(program, [&](const ProgramState& s) {
    auto it = s.retention.signals.find(command.customer_id);
    return nlohmann::json{{"customer_id", command.customer_id}, {"signals", it == s.retention.signals.end() ? CustomerSignals{} : it->second}};
  });
  http::send_json(res, 200, signals.value_or(nlohmann::json::object()));
}

} // namespace

void register_billing_routes(httplib::Server& server, app::Services& services) {
  // Churn signals from the billing system: a customer's usage for a month, a failed payment.
  server.Post(R"(/api/v1/programs/(\d+)/billing/usage)", [&services](const httplib::Request& req, httplib::Response& res) {
    billing_signal<RecordUsage>(req, res, services, "usage");
  });
  server.Post(R"(/api/v1/programs/(\d+)/billing/payment-failures)", [&services](const httplib::Request& req, httplib::Response& res) {
    billing_signal<RecordPaymentFailure>(req, res, services, "failure");
  });
  // A payment or refund from the billing system, authenticated by the program's API key and
  // recorded as the system actor.
  server.Post(R"(/api/v1/programs/(\d+)/billing/payments)", [&services](const httplib::Request& req, httplib::Response& res) {
    const auto program = http::path_id(req, 1);
    if (!require_api_key(req, res, services, program)) return;
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    auto parsed = read_payment(body.value());
    if (!parsed) return http::send_error(res, http::status_for(parsed.error().code), parsed.error());
    PaymentRequest request = std::move(parsed).value();
    auto& command = request.command;
    const bool by_email = !request.customer_email.empty();
    auto known = services.commands.read(program, [&](const ProgramState& s) {
      if (by_email) command.customer_id = s.customer_with_email(request.customer_email);
      return s.commissions.payment_by_external_id(command.external_id) != nullptr;
    });
    if (!known) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (by_email && command.customer_id == 0)
      return http::send_error(res, 404, ErrorCode::not_found, "No customer of this program has that email.", "customer_email");

    const Actor billing{support_rules::system_actor, "Billing system", ""};
    auto out = services.commands.execute(program, billing_command_id(program, command), command, billing, services.now_ms());
    if (out.status != 200) {
      if (out.replayed) res.set_header("Idempotent-Replayed", "true");
      return http::send_json(res, out.status, request_error(out.body, by_email));
    }
    auto answer = payment_answer(services, program, command.external_id);
    if (!answer) return http::send_error(res, 500, ErrorCode::internal, "The payment was not recorded.");
    // A repeat (answered from the first request, or recorded before under the same id with the
    // same details) changed nothing.
    const bool repeat = out.replayed || *known;
    if (repeat) res.set_header("Idempotent-Replayed", "true");
    http::send_json(res, repeat ? 200 : 201, *answer);
  });

  // The program's API keys for business staff: label, prefix, who made it when, revoked or not.
  server.Get(R"(/api/v1/programs/(\d+)/billing/api-keys)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto list = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (!is_allowed(s, actor->id, Action::read_program)) return std::nullopt;
      if (!is_allowed(s, actor->id, Action::read_api_keys)) return nlohmann::json(nullptr);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& [id, k] : s.api_keys) items.push_back(k); // the codec leaves the hash out
      return nlohmann::json{{"items", items}, {"max_in_use", max_api_keys_in_use}};
    });
    if (!list || !*list) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if ((*list)->is_null()) return http::send_error(res, 403, ErrorCode::forbidden, "Only business staff see the billing API keys.");
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, **list);
  });
}

} // namespace pd::routes
