// Step-up and the business's two-factor requirement over real HTTP against a real server whose
// clock the test moves (libfaketime): a sensitive command from a person with two-factor on is
// refused with 403 step_up_required once the code is older than the window, allowed again after
// POST /api/v1/session/step-up, and the retry with the same command id applies it once; a
// program that requires two-factor locks a member out of everything but enrolment until it is on.
#include "api_client.hpp"
#include "server_process.hpp"

#include "tests/oathtool.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace test_server_step_up_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

const std::string kPassword = "a-long-password";

struct ClockedServer {
  ShiftableClock clock;
  ServerProcess server{{}, false, {}, clock.env()};
};
ClockedServer& clocked() {
  static ClockedServer s;
  return s;
}

// A new account that owns a new program, signed in.
struct Owner {
  std::unique_ptr<Session> session;
  std::int64_t program = 0;
  explicit Owner(const std::string& email) {
    Session anon(clocked().server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", email}, {"name", "Olga Owner"}, {"password", kPassword}})->status == 202);
    session = std::make_unique<Session>(clocked().server, email, kPassword);
    auto created = session->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Step Co " + email}, {"currency", "USD"}});
    REQUIRE(created->status == 201);
    program = json_of(created)["program_id"].get<std::int64_t>();
  }
  std::string path(const std::string& rest) const { return "/api/v1/programs/" + std::to_string(program) + rest; }
  // Turns two-factor on (which proves the factor in this session); the authenticator follows
  // the server's clock.
  Authenticator enrol(std::int64_t offset_seconds = 0) {
    auto setup = session->post("/api/v1/account/two-factor/setup", json::object());
    REQUIRE(setup->status == 200);
    Authenticator auth{json_of(setup)["secret"].get<std::string>(), offset_seconds};
    REQUIRE(session->post("/api/v1/account/two-factor/enable", {{"code", auth.next_code()}})->status == 200);
    return auth;
  }
  std::size_t api_keys() { return json_of(session->get(path("/billing/api-keys")))["items"].size(); }
};

} // namespace

TEST_CASE("a sensitive change needs a code proven within the window; the retry with the same command id applies it once") {
  auto& c = clocked();
  c.clock.shift("+0");
  Owner olga("olga@step-up.test");
  auto auth = olga.enrol();

  // Just proven (turning it on): allowed.
  auto first = olga.session->command(olga.program, "CreateApiKey", {{"label", "Billing"}});
  REQUIRE(first->status == 200);
  CHECK(olga.api_keys() == 1);

  // Eleven minutes later the code is stale: refused before anything is decided or stored.
  c.clock.shift("+11m");
  auth.offset_seconds = 11 * 60;
  const std::string id = fresh_command_id();
  auto stale = olga.session->command(olga.program, "CreateApiKey", {{"label", "Warehouse"}}, id);
  REQUIRE(stale->status == 403);
  CHECK(json_of(stale)["error"]["code"] == "step_up_required");
  CHECK(json_of(stale)["error"]["field"] == "code");
  CHECK(olga.api_keys() == 1);
  // Everyday work is not asked.
  CHECK(olga.session->command(olga.program, "RenameProgram", {{"name", "Step Co renamed"}})->status == 200);

  // A wrong code, and a recovery-style code, do not step up.
  auto wrong = olga.session->post("/api/v1/session/step-up", {{"code", auth.last_code() == "000000" ? "111111" : "000000"}});
  CHECK(wrong->status == 400);
  CHECK(json_of(wrong)["error"]["field"] == "code");
  CHECK(olga.session->post("/api/v1/session/step-up", json::object())->status == 400);

  auto up = olga.session->post("/api/v1/session/step-up", {{"code", auth.next_code()}});
  REQUIRE(up->status == 200);
  CHECK(json_of(up)["step_up_until"].get<std::int64_t>() > 0);

  auto retried = olga.session->command(olga.program, "CreateApiKey", {{"label", "Warehouse"}}, id);
  REQUIRE(retried->status == 200);
  CHECK(json_of(retried).contains("api_key"));
  auto again = olga.session->command(olga.program, "CreateApiKey", {{"label", "Warehouse"}}, id);
  REQUIRE(again->status == 200);
  CHECK(again->get_header_value("Idempotent-Replayed") == "true");
  CHECK(olga.api_keys() == 2);

  // The same code cannot step up twice (the replay guard).
  CHECK(olga.session->post("/api/v1/session/step-up", {{"code", auth.last_code()}})->status == 400);
  c.clock.shift("+0");
}

TEST_CASE("changing one's own password needs a fresh code too") {
  auto& c = clocked();
  c.clock.shift("+0");
  Owner pat("pat@step-up.test");
  auto auth = pat.enrol();
  c.clock.shift("+11m");
  auth.offset_seconds = 11 * 60;
  const json change{{"current_password", kPassword}, {"password", "another-long-passphrase"}};
  auto stale = pat.session->post("/api/v1/account/password", change);
  REQUIRE(stale->status == 403);
  CHECK(json_of(stale)["error"]["code"] == "step_up_required");
  REQUIRE(pat.session->post("/api/v1/session/step-up", {{"code", auth.next_code()}})->status == 200);
  CHECK(pat.session->post("/api/v1/account/password", change)->status == 200);
  c.clock.shift("+0");
}

TEST_CASE("exporting a customer's data needs a fresh code; the preview and the archive both ask") {
  auto& c = clocked();
  c.clock.shift("+0");
  Owner rui("rui@step-up.test");
  auto added = rui.session->command(rui.program, "AddCustomer",
                                    {{"profile", {{"name", "Dana Doe"}, {"email", "dana@step-up.test"}, {"segment", "Growth"}, {"subscription", "active"},
                                                  {"started_on", "2026-03-01"}, {"mrr", {{"minor", 900}, {"currency", "USD"}}}}}});
  REQUIRE(added->status == 200);
  const auto customer = std::to_string(json_of(added)["events"][0]["data"]["customer_id"].get<std::int64_t>());
  auto auth = rui.enrol();
  CHECK(rui.session->get(rui.path("/customers/" + customer + "/export.zip"))->status == 200); // just proven
  c.clock.shift("+11m");
  auth.offset_seconds = 11 * 60;
  for (const char* what : {"/export", "/export.zip"}) {
    auto stale = rui.session->get(rui.path("/customers/" + customer + what));
    REQUIRE(stale->status == 403);
    CHECK(json_of(stale)["error"]["code"] == "step_up_required");
    CHECK(json_of(stale)["error"]["field"] == "code");
  }
  REQUIRE(rui.session->post("/api/v1/session/step-up", {{"code", auth.next_code()}})->status == 200);
  auto zip = rui.session->get(rui.path("/customers/" + customer + "/export.zip"));
  REQUIRE(zip->status == 200);
  CHECK(zip->body.rfind("PK", 0) == 0); // a ZIP's local file header
  c.clock.shift("+0");
}

TEST_CASE("asking to erase a customer's data and approving it need a fresh code; the retry applies each once") {
  auto& c = clocked();
  c.clock.shift("+0");
  Owner ines("ines@step-up.test");
  auto added = ines.session->command(ines.program, "AddCustomer",
                                     {{"profile", {{"name", "Erin Ash"}, {"email", "erin@step-up.test"}, {"segment", "Growth"}, {"subscription", "active"},
                                                   {"started_on", "2026-03-01"}, {"mrr", {{"minor", 900}, {"currency", "USD"}}}}}});
  REQUIRE(added->status == 200);
  const auto customer = json_of(added)["events"][0]["data"]["customer_id"].get<std::int64_t>();
  auto auth = ines.enrol();
  c.clock.shift("+11m");
  auth.offset_seconds = 11 * 60;
  const auto ask_id = fresh_command_id();
  auto stale = ines.session->command(ines.program, "RequestErasure", {{"customer_id", customer}}, ask_id);
  REQUIRE(stale->status == 403);
  CHECK(json_of(stale)["error"]["code"] == "step_up_required");
  REQUIRE(ines.session->post("/api/v1/session/step-up", {{"code", auth.next_code()}})->status == 200);
  auto asked = ines.session->command(ines.program, "RequestErasure", {{"customer_id", customer}}, ask_id);
  REQUIRE(asked->status == 200);
  const auto erasure = json_of(asked)["events"][0]["data"]["request"]["id"].get<std::int64_t>();
  c.clock.shift("+22m");
  auth.offset_seconds = 22 * 60;
  const auto decide_id = fresh_command_id();
  auto late = ines.session->command(ines.program, "DecideErasure", {{"erasure_id", erasure}, {"approve", true}}, decide_id);
  REQUIRE(late->status == 403);
  CHECK(json_of(late)["error"]["code"] == "step_up_required");
  REQUIRE(ines.session->post("/api/v1/session/step-up", {{"code", auth.next_code()}})->status == 200);
  auto erased = ines.session->command(ines.program, "DecideErasure", {{"erasure_id", erasure}, {"approve", true}}, decide_id);
  REQUIRE(erased->status == 200);
  CHECK(json_of(erased)["events"][0]["type"] == "CustomerErased");
  c.clock.shift("+0");
}

TEST_CASE("a person without two-factor is not asked; step-up without two-factor is a conflict") {
  Owner nina("nina@step-up.test");
  CHECK(nina.session->command(nina.program, "CreateApiKey", {{"label", "Billing"}})->status == 200);
  auto up = nina.session->post("/api/v1/session/step-up", {{"code", "123456"}});
  CHECK(up->status == 409);
  Session anon(clocked().server);
  CHECK(anon.post("/api/v1/session/step-up", {{"code", "123456"}})->status == 401);
}

TEST_CASE("a program that requires two-factor of its business allows a member nothing but enrolment until it is on") {
  Owner omar("omar@step-up.test");
  auto& s = *omar.session;
  // Agents only: the owner is not concerned.
  REQUIRE(s.command(omar.program, "ChangeSecurityPolicy", {{"two_factor_business", false}, {"two_factor_agents", true}})->status == 200);
  CHECK(json_of(s.get("/api/v1/me"))["two_factor_required_by"].empty());
  CHECK(s.get(omar.path("/snapshot"))->status == 200);
  CHECK(json_of(s.get(omar.path("/snapshot")))["security"]["two_factor_agents"] == true);

  REQUIRE(s.command(omar.program, "ChangeSecurityPolicy", {{"two_factor_business", true}, {"two_factor_agents", true}})->status == 200);
  auto me = json_of(s.get("/api/v1/me"));
  REQUIRE(me["two_factor_required_by"].size() == 1);
  CHECK(me["two_factor_required_by"][0] == "Step Co omar@step-up.test");
  auto locked = s.get(omar.path("/snapshot"));
  CHECK(locked->status == 403);
  CHECK(json_of(locked)["error"]["code"] == "two_factor_enrolment_required");
  CHECK(s.command(omar.program, "RenameProgram", {{"name", "Nope"}})->status == 403);
  CHECK(s.post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Another"}, {"currency", "USD"}})->status == 403);

  // Enrolment itself works, and then everything does.
  omar.enrol();
  CHECK(json_of(s.get("/api/v1/me"))["two_factor_required_by"].empty());
  CHECK(s.get(omar.path("/snapshot"))->status == 200);
  // Lifting the requirement is a sensitive change, just proven: allowed.
  CHECK(s.command(omar.program, "ChangeSecurityPolicy", {{"two_factor_business", false}, {"two_factor_agents", false}})->status == 200);
}

} // namespace test_server_step_up_api
