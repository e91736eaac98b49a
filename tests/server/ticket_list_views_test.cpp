// The server's ticket list and the browser's tabs agree: for every view and every role, the
// tickets GET /tickets?view= lists are exactly those of the reader's snapshot (the browser's
// replica) that the shared rule (domain::in_ticket_view, which the browser's tabs call) puts in
// that view. Likewise the customer list and domain::customer_matches.
#include "api_client.hpp"

#include "shared/domain/program/list_filters.hpp"
#include "shared/domain/visibility.hpp"

#include <doctest/doctest.h>

#include <set>

namespace test_server_ticket_list_views { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using namespace pd::domain;
using nlohmann::json;

namespace {

std::set<std::int64_t> ids_of(const json& items) {
  std::set<std::int64_t> out;
  for (const auto& t : items) out.insert(t["id"].get<std::int64_t>());
  return out;
}

ProgramState snapshot_of(Session& reader) {
  auto r = state_from_json(json_of(reader.get("/api/v1/programs/1/snapshot")));
  REQUIRE(r.ok());
  return *r;
}

// The list and the snapshot at one version (the scheduler may add events between two reads:
// read again until the version held still around the list).
template <class Check>
void at_one_version(Session& reader, Check check) {
  for (int tries = 0; tries < 20; ++tries) {
    auto before = snapshot_of(reader);
    auto result = check(before);
    if (snapshot_of(reader).version == before.version) return result();
  }
  FAIL("the program's version never held still around a read");
}

} // namespace

TEST_CASE("every ticket list view lists exactly the tickets the browser's tab shows, for every role") {
  ServerProcess server; // a fresh demo program of this test's own
  for (const char* email : {"staff@acme.test", "agent@acme.test", "customer@acme.test"}) {
    Session reader(server, email);
    for (auto v : all_ticket_views) {
      CAPTURE(email);
      CAPTURE(to_string(v));
      at_one_version(reader, [&](const ProgramState& s) {
        const auto listed = ids_of(json_of(reader.get(std::string("/api/v1/programs/1/tickets?limit=200&view=") + to_string(v)))["items"]);
        std::set<std::int64_t> tab;
        for (const auto& [id, t] : s.tickets)
          if (in_ticket_view(t, v)) tab.insert(id);
        return [listed, tab] { CHECK(listed == tab); };
      });
    }
  }
}

TEST_CASE("the customer list's search and filters list exactly what the browser's customer list shows") {
  ServerProcess server;
  Session staff(server, "staff@acme.test");
  const CustomerFilter filters[] = {{"", "", "", -1}, {"a", "", "", -1}, {"ACME", "", "", -1}, {"", "active", "", -1},
                                    {"", "past_due", "", -1}, {"", "", "", 0}};
  for (const auto& f : filters) {
    CAPTURE(f.q);
    CAPTURE(f.subscription);
    CAPTURE(f.agent);
    at_one_version(staff, [&](const ProgramState& s) {
      std::string path = "/api/v1/programs/1/customers?limit=200&q=" + f.q + "&subscription=" + f.subscription + "&agent=" + std::to_string(f.agent);
      const auto listed = ids_of(json_of(staff.get(path))["items"]);
      std::set<std::int64_t> shown;
      for (const auto& [id, c] : s.customers)
        if (customer_matches(c, f)) shown.insert(id);
      return [listed, shown] { CHECK(listed == shown); };
    });
  }
}

} // namespace test_server_ticket_list_views
