// Two-factor sign-in settings of the signed-in person:
//   POST /api/v1/account/two-factor/setup           a new pending secret: {secret, otpauth_uri}
//   POST /api/v1/account/two-factor/enable          {code}: confirms it, {recovery_codes} once
//   POST /api/v1/account/two-factor/disable         {code}: turns it off
//   POST /api/v1/account/two-factor/recovery-codes  {code}: ten new recovery codes, once
//   POST /api/v1/session/step-up                     {code}: proves the factor again for sensitive changes
// A wrong code counts against the sign-in throttle of the person's email, as at sign-in.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/app/two_factor.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/qr_code.hpp"
#include "server/auth/totp.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "shared/api/session_wire.hpp"
#include "shared/core/field_reader.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

struct TwoFactorCaller {
  app::Caller caller;
  storage::PersonRecord person;
};

// The signed-in person; nothing (401 sent) when there is none.
std::optional<TwoFactorCaller> two_factor_caller(const httplib::Request& req, httplib::Response& res, app::Services& s) {
  auto caller = app::current_caller(req, s);
  std::optional<storage::PersonRecord> person;
  if (caller) person = s.accounts.find_by_id(caller->person_id);
  if (!caller || !person) {
    http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    return std::nullopt;
  }
  return TwoFactorCaller{*caller, *person};
}

// The {code} body of enable, disable and recovery-codes; nothing (400 sent) when it is not one.
std::optional<std::string> two_factor_code_of(const httplib::Request& req, httplib::Response& res) {
  auto body = core::parse_object(req.body);
  if (!body) {
    http::send_error(res, 400, body.error());
    return std::nullopt;
  }
  core::FieldReader r(body.value(), {"code"});
  auto code = r.text("code", {1, api::max_two_factor_code_length});
  if (r.error()) {
    http::send_error(res, http::status_for(r.error()->code), *r.error());
    return std::nullopt;
  }
  return code;
}

// Starts a code check under the sign-in throttle; false (429 sent) when the person must wait.
bool begin_code_check(app::Services& s, const TwoFactorCaller& who, const std::string& address, httplib::Response& res) {
  if (auto wait = s.sign_in_throttle.begin(who.person.email, address, s.now_ms()); wait > 0) {
    const auto seconds = std::to_string((wait + 999) / 1000);
    res.set_header("Retry-After", seconds);
    http::send_error(res, 429, ErrorCode::rate_limited, "Too many wrong codes. Try again in " + seconds + " seconds.");
    return false;
  }
  return true;
}

void send_wrong_code(httplib::Response& res) {
  http::send_error(res, 400, ErrorCode::invalid_field,
                   "That code is not right or was already used. Enter the current code from your authenticator app.", "code");
}

// A {code} request of someone whose two-factor sign-in is on (disable, new recovery codes), its
// code check begun under the sign-in throttle; nothing (401, 400, 409 `off` or 429 sent) otherwise.
struct CodeRequest {
  TwoFactorCaller who;
  std::string code;
  storage::TwoFactorRecord record;
  std::string address;
};
std::optional<CodeRequest> code_request_when_on(const httplib::Request& req, httplib::Response& res, app::Services& s, const char* off) {
  auto who = two_factor_caller(req, res, s);
  if (!who) return std::nullopt;
  auto code = two_factor_code_of(req, res);
  if (!code) return std::nullopt;
  auto record = s.accounts.two_factor(who->person.id);
  if (!record || !record->enabled) {
    http::send_error(res, 409, ErrorCode::conflict, off);
    return std::nullopt;
  }
  auto address = http::client_address(req, s.options);
  if (!begin_code_check(s, *who, address, res)) return std::nullopt;
  return CodeRequest{std::move(*who), std::move(*code), std::move(*record), std::move(address)};
}

// Ten new recovery codes: stored hashed, answered in the clear this once.
std::vector<std::string> fresh_recovery_codes(std::vector<std::string>& hashes) {
  auto codes = auth::totp::new_recovery_codes();
  hashes.clear();
  for (const auto& c : codes) hashes.push_back(auth::totp::hash_recovery_code(c));
  return codes;
}

} // namespace

void register_two_factor_routes(httplib::Server& server, app::Services& services) {
  server.Post("/api/v1/account/two-factor/setup", [&services](const httplib::Request& req, httplib::Response& res) {
    auto who = two_factor_caller(req, res, services);
    if (!who) return;
    if (!req.body.empty()) {
      auto body = core::parse_object(req.body);
      if (!body) return http::send_error(res, 400, body.error());
      core::FieldReader r(body.value(), {});
      if (r.error()) return http::send_error(res, 400, *r.error());
    }
    if (services.accounts.two_factor_enabled(who->person.id))
      return http::send_error(res, 409, ErrorCode::conflict, "Two-factor sign-in is already on. Turn it off before setting it up again.");
    const auto secret = auth::totp::to_base32(auth::totp::new_secret());
    services.accounts.set_pending_two_factor(who->person.id, secret, services.now_ms());
    res.set_header("Cache-Control", "no-store");
    const auto uri = auth::totp::otpauth_uri(secret, who->person.email);
    nlohmann::json answer{{"secret", secret}, {"otpauth_uri", uri}};
    if (auto qr = auth::qr_code(uri)) answer["qr"] = {{"size", qr->size}, {"rows", qr->rows}};
    http::send_json(res, 200, answer);
  });

  server.Post("/api/v1/account/two-factor/enable", [&services](const httplib::Request& req, httplib::Response& res) {
    auto who = two_factor_caller(req, res, services);
    if (!who) return;
    auto code = two_factor_code_of(req, res);
    if (!code) return;
    auto record = services.accounts.two_factor(who->person.id);
    if (record && record->enabled) return http::send_error(res, 409, ErrorCode::conflict, "Two-factor sign-in is already on.");
    if (!record || record->pending_secret.empty())
      return http::send_error(res, 409, ErrorCode::conflict, "Set up two-factor sign-in first: there is no secret to confirm.");
    const auto address = http::client_address(req, services.options);
    if (!begin_code_check(services, *who, address, res)) return;
    const auto now = services.now_ms();
    auto secret = auth::totp::from_base32(record->pending_secret);
    std::optional<std::int64_t> step;
    if (secret) step = auth::totp::matching_step(*secret, *code, now / 1000);
    if (!step) return send_wrong_code(res); // counted as a failure
    std::vector<std::string> hashes;
    auto codes = fresh_recovery_codes(hashes);
    if (!services.accounts.enable_two_factor(who->person.id, record->pending_secret, *step, hashes, now)) {
      services.sign_in_throttle.abandoned(who->person.email, address);
      return http::send_error(res, 409, ErrorCode::conflict, "Two-factor sign-in changed meanwhile. Set it up again.");
    }
    services.sign_in_throttle.succeeded(who->person.email, address, now);
    services.sessions.mark_mfa(who->caller.token_hash, now);
    services.log.info("two-factor sign-in turned on", {{"person", who->person.id}});
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, nlohmann::json{{"two_factor", true}, {"recovery_codes", codes}});
  });

  server.Post("/api/v1/account/two-factor/disable", [&services](const httplib::Request& req, httplib::Response& res) {
    auto r = code_request_when_on(req, res, services, "Two-factor sign-in is already off.");
    if (!r) return;
    const auto& who = r->who;
    const auto& address = r->address;
    const auto now = services.now_ms();
    auto factor = app::SecondFactor::refused;
    {
      // A recovery code also turns it off (for a lost authenticator); checking one hashes.
      auto slot = auth::password_hash_gate(services.options).enter();
      if (!slot) {
        services.sign_in_throttle.abandoned(who.person.email, address);
        res.set_header("Retry-After", std::to_string(auth::hash_busy_retry_after_seconds));
        return http::send_error(res, 503, ErrorCode::rate_limited, auth::hash_busy_message);
      }
      factor = app::prove_second_factor(services.accounts, who.person.id, r->record, r->code, now, true);
    }
    if (factor == app::SecondFactor::refused) return send_wrong_code(res);
    services.sign_in_throttle.succeeded(who.person.email, address, now);
    services.accounts.disable_two_factor(who.person.id);
    services.sessions.mark_mfa(who.caller.token_hash, now);
    services.log.info("two-factor sign-in turned off", {{"person", who.person.id}});
    http::send_json(res, 200, nlohmann::json{{"two_factor", false}});
  });

  server.Post("/api/v1/account/two-factor/recovery-codes", [&services](const httplib::Request& req, httplib::Response& res) {
    auto r = code_request_when_on(req, res, services, "Two-factor sign-in is off: there are no recovery codes.");
    if (!r) return;
    const auto& who = r->who;
    const auto& address = r->address;
    const auto now = services.now_ms();
    // Only a code from the authenticator: a recovery code cannot make new ones.
    if (app::prove_second_factor(services.accounts, who.person.id, r->record, r->code, now, false) == app::SecondFactor::refused)
      return send_wrong_code(res);
    services.sign_in_throttle.succeeded(who.person.email, address, now);
    std::vector<std::string> hashes;
    auto codes = fresh_recovery_codes(hashes);
    services.accounts.replace_recovery_codes(who.person.id, hashes);
    services.sessions.mark_mfa(who.caller.token_hash, now);
    services.log.info("two-factor recovery codes replaced", {{"person", who.person.id}});
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, nlohmann::json{{"recovery_codes", codes}});
  });

  // Step-up: a code from the authenticator (not a recovery code) proves the second factor
  // again in this session, so sensitive changes are allowed for --step-up-minutes.
  server.Post("/api/v1/session/step-up", [&services](const httplib::Request& req, httplib::Response& res) {
    auto r = code_request_when_on(req, res, services, "Two-factor sign-in is off: there is no code to confirm.");
    if (!r) return;
    const auto& who = r->who;
    const auto now = services.now_ms();
    if (app::prove_second_factor(services.accounts, who.person.id, r->record, r->code, now, false) == app::SecondFactor::refused)
      return send_wrong_code(res);
    services.sign_in_throttle.succeeded(who.person.email, r->address, now);
    services.sessions.mark_mfa(who.caller.token_hash, now);
    const std::int64_t until = now + std::int64_t{services.options.step_up_minutes} * 60 * 1000;
    http::send_json(res, 200, nlohmann::json{{"step_up_until", until}});
  });
}

} // namespace pd::routes
