// Every role x every resource x read/write, including guessed ids of another program's
// objects. Demo ids: program 1 Acme Analytics, program 2 Brightside CRM; customer 1 is
// Jordan (assigned to Ava), customer 3 is Li Wei (assigned to Priya).
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <map>

namespace test_server_access_matrix { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

json customer_profile(const std::string& email) {
  return {{"name", "Matrix Co"}, {"email", email}, {"segment", "Growth"}, {"subscription", "active"},
          {"started_on", "2026-01-05"}, {"mrr", {{"minor", 5000}, {"currency", "USD"}}}};
}
} // namespace

TEST_CASE("access matrix: reads") {
  std::map<std::string, Session> who;
  who.emplace("owner", Session(server(), "owner@acme.test"));
  who.emplace("staff", Session(server(), "staff@acme.test"));
  who.emplace("agent", Session(server(), "agent@acme.test"));
  who.emplace("trainee", Session(server(), "trainee@acme.test"));
  who.emplace("customer", Session(server(), "customer@acme.test"));
  who.emplace("outsider", Session(server(), "owner@brightside.test"));
  who.emplace("anonymous", Session(server()));

  struct Row { std::string path; std::map<std::string, int> expect; };
  const std::vector<Row> rows = {
      {"/api/v1/programs/1/snapshot", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 200}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/customers", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 200}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/customers/1", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 404}, {"customer", 200}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/customers/3", {{"owner", 200}, {"staff", 200}, {"agent", 404}, {"trainee", 404}, {"customer", 404}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/customers/999", {{"owner", 404}, {"staff", 404}, {"agent", 404}, {"trainee", 404}, {"customer", 404}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/members", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 200}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/invitations", {{"owner", 200}, {"staff", 200}, {"agent", 403}, {"trainee", 403}, {"customer", 403}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/events", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 200}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/billing/api-keys", {{"owner", 200}, {"staff", 200}, {"agent", 403}, {"trainee", 403}, {"customer", 403}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/commissions/ledger.csv", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 403}, {"outsider", 404}, {"anonymous", 401}}},
      {"/api/v1/programs/1/commissions/statements/2026-01.csv", {{"owner", 200}, {"staff", 200}, {"agent", 200}, {"trainee", 200}, {"customer", 403}, {"outsider", 404}, {"anonymous", 401}}},
      // Guessed ids of the other program's objects: Acme people see nothing of Brightside.
      {"/api/v1/programs/2/snapshot", {{"owner", 404}, {"staff", 404}, {"agent", 200}, {"trainee", 404}, {"customer", 404}, {"outsider", 200}, {"anonymous", 401}}},
      {"/api/v1/programs/2/customers", {{"owner", 404}, {"staff", 404}, {"agent", 200}, {"trainee", 404}, {"customer", 404}, {"outsider", 200}, {"anonymous", 401}}},
      {"/api/v1/programs/2/events", {{"owner", 404}, {"staff", 404}, {"agent", 200}, {"trainee", 404}, {"customer", 404}, {"outsider", 200}, {"anonymous", 401}}},
      {"/api/v1/programs/2/billing/api-keys", {{"owner", 404}, {"staff", 404}, {"agent", 403}, {"trainee", 404}, {"customer", 404}, {"outsider", 200}, {"anonymous", 401}}},
      {"/api/v1/programs/2/commissions/ledger.csv", {{"owner", 404}, {"staff", 404}, {"agent", 200}, {"trainee", 404}, {"customer", 404}, {"outsider", 200}, {"anonymous", 401}}},
      {"/api/v1/programs/99/snapshot", {{"owner", 404}, {"staff", 404}, {"agent", 404}, {"trainee", 404}, {"customer", 404}, {"outsider", 404}, {"anonymous", 401}}},
  };
  for (const auto& row : rows) {
    for (const auto& [role_, status] : row.expect) {
      const auto& role = role_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
      CAPTURE(row.path);
      CAPTURE(role);
      auto r = who.at(role).get(row.path);
      REQUIRE(r);
      CHECK(r->status == status);
      if (status >= 400) CHECK(json_of(r)["error"].contains("code"));
    }
  }
}

TEST_CASE("access matrix: lists hold only what the reader may see") {
  auto count = [](Session& s, const std::string& path) { return json_of(s.get(path))["items"].size(); };
  Session staff(server(), "staff@acme.test"), agent(server(), "agent@acme.test"), trainee(server(), "trainee@acme.test"),
      customer(server(), "customer@acme.test");
  CHECK(count(staff, "/api/v1/programs/1/customers?limit=200") == json_of(staff.get("/api/v1/programs/1/snapshot"))["customers"].size());
  auto mine = json_of(agent.get("/api/v1/programs/1/customers?limit=200"))["items"];
  CHECK(mine.size() == 5);
  for (const auto& c : mine) CHECK(c["assigned_agent"] == agent.person_id());
  CHECK(count(agent, "/api/v1/programs/1/customers?agent=5") == 5); // an agent cannot widen its filter
  CHECK(count(trainee, "/api/v1/programs/1/customers") == 0);
  auto own = json_of(customer.get("/api/v1/programs/1/customers"))["items"];
  REQUIRE(own.size() == 1);
  CHECK(own[0]["person_id"] == customer.person_id());
  // The customer sees the business staff and its own agent, not the other agents.
  auto members = json_of(customer.get("/api/v1/programs/1/members"))["items"];
  std::set<std::string> names;
  for (const auto& m : members) names.insert(m["name"].get<std::string>());
  CHECK(names.count("Ava Martinez") == 1);
  CHECK(names.count("Priya Nair") == 0);
  CHECK(names.count("Theo Okafor") == 0);
  // An agent's event feed never mentions another agent's customers.
  auto feed = json_of(agent.get("/api/v1/programs/1/events?limit=1000"));
  for (const auto& e : feed["events"]) {
    if (e["type"] == "CustomerAdded" || e["type"] == "CustomerUpdated") {
      auto id = e["data"]["customer_id"].get<int>();
      CHECK(json_of(agent.get("/api/v1/programs/1/customers/" + std::to_string(id))).contains("profile"));
    }
    CHECK(e["type"] != "InvitationCreated");
    CHECK(e["data"].dump().find("token_hash") == std::string::npos);
  }
}

TEST_CASE("access matrix: writes") {
  struct Row { std::string who; int program; int expect; };
  const std::vector<Row> rows = {
      {"owner@acme.test", 1, 200},   {"staff@acme.test", 1, 200},    {"agent@acme.test", 1, 403},
      {"trainee@acme.test", 1, 403}, {"customer@acme.test", 1, 403}, {"owner@brightside.test", 1, 404},
      {"owner@acme.test", 2, 404},   {"staff@acme.test", 2, 404},    {"owner@acme.test", 77, 404},
  };
  int n = 0;
  for (const auto& row : rows) {
    CAPTURE(row.who);
    CAPTURE(row.program);
    Session s(server(), row.who);
    auto r = s.command(row.program, "AddCustomer", {{"profile", customer_profile("matrix" + std::to_string(++n) + "@x.test")}});
    REQUIRE(r);
    CHECK(r->status == row.expect);
  }
  Session anon(server());
  CHECK(anon.command(1, "AddCustomer", {{"profile", customer_profile("anon@x.test")}})->status == 401);
  // Editing another program's customer by guessing its id: not found, and nothing changes.
  Session maya(server(), "owner@acme.test");
  auto before = json_of(Session(server(), "owner@brightside.test").get("/api/v1/programs/2/snapshot"));
  CHECK(maya.command(2, "UpdateCustomer", {{"customer_id", 1}, {"profile", customer_profile("x@x.test")}, {"expected_version", 1}})->status == 404);
  CHECK(maya.command(2, "RenameProgram", {{"name", "Taken over"}})->status == 404);
  CHECK(json_of(Session(server(), "owner@brightside.test").get("/api/v1/programs/2/snapshot")) == before);
  // The billing system's API keys: owners and admins only.
  const std::vector<Row> key_rows = {{"owner@acme.test", 1, 200},    {"staff@acme.test", 1, 403},       {"agent@acme.test", 1, 403},
                                     {"customer@acme.test", 1, 403}, {"owner@brightside.test", 1, 404}, {"owner@acme.test", 2, 404}};
  for (const auto& row : key_rows) {
    CAPTURE(row.who);
    CAPTURE(row.program);
    auto r = Session(server(), row.who).command(row.program, "CreateApiKey", {{"label", "Matrix"}});
    REQUIRE(r);
    CHECK(r->status == row.expect);
    CHECK(json_of(r).contains("api_key") == (row.expect == 200));
  }
  // Roles inside the program: staff may not rename it, the owner may.
  CHECK(Session(server(), "staff@acme.test").command(1, "RenameProgram", {{"name", "Acme Inc"}})->status == 403);
}

} // namespace test_server_access_matrix
