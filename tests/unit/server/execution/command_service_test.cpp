#include "server/execution/command_service.hpp"
#include "server/storage/database.hpp"
#include "shared/domain/visibility.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

namespace test_unit_server_execution_command_service { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::domain;

namespace {
struct Fixture {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("pd-cmd-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<storage::Database> db;
  live::EventHub hub;
  std::unique_ptr<execution::CommandService> service;
  Actor owner{1, "Maya", "maya@acme.test"};

  Fixture() { open(); }
  ~Fixture() {
    service.reset();
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
  }
  void open() {
    service.reset();
    db.reset();
    db = std::make_unique<storage::Database>(path);
    db->exec("INSERT OR IGNORE INTO persons(id, email, name, password_hash, created_at_ms) VALUES (1, 'maya@acme.test', 'Maya', 'x', 0)");
    service = std::make_unique<execution::CommandService>(*db, hub);
    service->load();
  }
  std::int64_t count(const char* table) {
    auto q = db->prepare(std::string("SELECT COUNT(*) FROM ") + table);
    q.step();
    return q.int64(0);
  }
};
CustomerProfile profile(const char* name, const char* email) {
  return CustomerProfile{name, email, "Growth", SubscriptionStatus::active, "2025-01-01", Money{100, "USD"}, 0, ""};
}
} // namespace

TEST_CASE("a retried command is answered with the first result and applied once") {
  Fixture f;
  auto created = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000);
  CHECK(created.status == 200);
  auto program = created.body["program_id"].get<ProgramId>();
  auto first = f.service->execute(program, "add-customer-1", AddCustomer{profile("A", "a@a.test")}, f.owner, 2000);
  auto retry = f.service->execute(program, "add-customer-1", AddCustomer{profile("A", "a@a.test")}, f.owner, 3000);
  CHECK(first.status == 200);
  CHECK_FALSE(first.replayed);
  CHECK(retry.replayed);
  CHECK(retry.body == first.body);
  CHECK(f.count("events") == 2);
  CHECK(f.count("customers") == 1);
}

TEST_CASE("a refused command is refused the same way on retry, and changes nothing") {
  Fixture f;
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  auto eur = profile("A", "a@a.test");
  eur.mrr.currency = "EUR";
  auto refused = f.service->execute(program, "bad-customer", AddCustomer{eur}, f.owner, 2000);
  CHECK(refused.status == 400);
  CHECK(refused.body["error"]["field"] == "data.profile.mrr.currency");
  CHECK(f.service->execute(program, "bad-customer", AddCustomer{eur}, f.owner, 2000).body == refused.body);
  CHECK(f.count("events") == 1);
  CHECK(f.count("customers") == 0);
}

TEST_CASE("after a restart, state and projections are rebuilt from the log and agree") {
  Fixture f;
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  for (int i = 0; i < 20; ++i) {
    auto email = "c" + std::to_string(i) + "@x.test";
    f.service->execute(program, "add-" + std::to_string(i) + "-xxxxx", AddCustomer{profile("C", email.c_str())}, f.owner, 2000 + i);
  }
  auto before = storage::Projections(*f.db).dump();
  auto snapshot_before = f.service->read(program, [](const ProgramState& s) { return s.version; });
  f.open();
  auto after = storage::Projections(*f.db).dump();
  CHECK(after == before);
  CHECK(f.service->read(program, [](const ProgramState& s) { return s.version; }) == snapshot_before);
  CHECK(f.service->event_count() == 21);
  // The same command id after the restart is still recognised.
  CHECK(f.service->execute(program, "add-3-xxxxx", AddCustomer{profile("C", "c3@x.test")}, f.owner, 9000).replayed);
}

TEST_CASE("the event log refuses updates and deletes") {
  Fixture f;
  f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000);
  CHECK_THROWS_AS(f.db->exec("UPDATE events SET type = 'x'"), storage::StorageError);
  CHECK_THROWS_AS(f.db->exec("DELETE FROM events"), storage::StorageError);
}

TEST_CASE("removing a customer's account keeps the customer projection in step with the log") {
  Fixture f;
  f.db->exec("INSERT OR IGNORE INTO persons(id, email, name, password_hash, created_at_ms) VALUES (2, 'jo@x.test', 'Jo', 'x', 0)");
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  f.service->execute(program, "add-customer-1", AddCustomer{profile("Jo", "jo@x.test")}, f.owner, 2000);
  auto invite = InviteMember{"jo@x.test", pd::identity::Role::customer, 1, 24, "hash-jo"};
  f.service->execute(program, "invite-jo-1", invite, f.owner, 3000);
  CHECK(f.service->execute(program, "accept-jo-1", AcceptInvitation{1}, Actor{2, "Jo", "jo@x.test"}, 4000).status == 200);
  CHECK(f.service->execute(program, "remove-jo-1", RemoveMember{2}, f.owner, 5000).status == 200);
  CHECK(f.service->verify().empty());
}

TEST_CASE("commands sent at once from many threads are each answered once, after their transaction, and all kept") {
  Fixture f;
  REQUIRE(f.service->execute(0, "create-1", CreateProgram{"Acme", "USD"}, f.owner, 1000).status == 200);
  constexpr int threads = 8, each = 100;
  std::atomic<int> ok{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t)
    senders.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        const auto n = std::to_string(t) + "-" + std::to_string(i);
        auto out = f.service->execute(1, "add-" + n, AddCustomer{profile(("C " + n).c_str(), ("c" + n + "@x.test").c_str())}, f.owner, 2000);
        if (out.status == 200 && out.body["events"].size() == 1) ++ok;
      }
    });
  for (auto& s : senders) s.join();
  CHECK(ok == threads * each);
  CHECK(f.count("customers") == threads * each);
  CHECK(f.count("command_results") == threads * each + 1);
  auto customers = f.service->read(1, [](const ProgramState& s) { return s.customers.size(); });
  CHECK(*customers == static_cast<std::size_t>(threads * each));
}

namespace {
// Every text column of the events table, concatenated: what a look at the file would find.
std::string raw_log(storage::Database& db) {
  std::string all;
  auto q = db.prepare("SELECT payload || COALESCE(sealed, '') FROM events");
  while (q.step()) all += q.text(0);
  return all;
}
} // namespace

TEST_CASE("an event about a customer is stored sealed: the clear payload is its erased form, and the state reads the whole") {
  Fixture f;
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  REQUIRE(f.service->execute(program, "add-zed-1", AddCustomer{profile("Zed Quill", "zed@quill.test")}, f.owner, 2000).status == 200);
  CHECK(raw_log(*f.db).find("Zed Quill") == std::string::npos);
  {
    auto q = f.db->prepare("SELECT subject, payload FROM events WHERE type = 'CustomerAdded'");
    REQUIRE(q.step());
    CHECK(q.int64(0) == 1);
    CHECK(q.text(1).find("Erased customer #1") != std::string::npos);
  }
  CHECK(f.count("customer_keys") == 1);
  f.open(); // replayed through the key
  CHECK(*f.service->read(program, [](const ProgramState& s) { return s.customers.at(1).profile.name; }) == "Zed Quill");
}

TEST_CASE("a log written before events were sealed is sealed once at the next start") {
  Fixture f;
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  REQUIRE(f.service->execute(program, "add-zed-1", AddCustomer{profile("Zed Quill", "zed@quill.test")}, f.owner, 2000).status == 200);
  // As an earlier version wrote it: the whole event in the clear, no subject, no key.
  const auto whole = domain::body_to_json(EventBody{CustomerAdded{1, profile("Zed Quill", "zed@quill.test")}}, true).dump();
  f.db->write([&] {
    f.db->exec("DROP TRIGGER events_are_append_only_u");
    f.db->prepare("UPDATE events SET payload = ?, subject = NULL, sealed = NULL WHERE type = 'CustomerAdded'").bind(1, whole).run();
    f.db->exec("CREATE TRIGGER events_are_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END");
    f.db->exec("DELETE FROM customer_keys");
    f.db->exec("UPDATE log_to_seal SET through = (SELECT MAX(seq) FROM events)");
  });
  REQUIRE(raw_log(*f.db).find("Zed Quill") != std::string::npos);
  f.open();
  CHECK(raw_log(*f.db).find("Zed Quill") == std::string::npos);
  CHECK(*f.service->read(program, [](const ProgramState& s) { return s.customers.at(1).profile.name; }) == "Zed Quill");
  CHECK_THROWS_AS(f.db->exec("UPDATE events SET type = 'x'"), storage::StorageError); // append-only again
  f.open(); // once: nothing left to seal
  CHECK(*f.service->read(program, [](const ProgramState& s) { return s.customers.at(1).profile.name; }) == "Zed Quill");
}

TEST_CASE("erasing a customer destroys its key: the log reads the erased form, and the live state equals a replay") {
  Fixture f;
  auto program = f.service->execute(0, "create-0001", CreateProgram{"Acme", "USD"}, f.owner, 1000).body["program_id"].get<ProgramId>();
  REQUIRE(f.service->execute(program, "add-zed-1", AddCustomer{profile("Zed Quill", "zed@quill.test")}, f.owner, 2000).status == 200);
  REQUIRE(f.service->execute(program, "add-amy-1", AddCustomer{profile("Amy Pond", "amy@pond.test")}, f.owner, 2100).status == 200);
  REQUIRE(f.service->execute(program, "open-zed-1", OpenTicket{1, "Quill export broken", "Zed's invoices vanish.", Priority::p2, Category::bug, {}, {}},
                             f.owner, 2200).status == 200);
  auto asked = f.service->execute(program, "erase-zed-1", RequestErasure{1, "Asked by phone"}, f.owner, 3000);
  REQUIRE(asked.status == 200);
  auto erased = f.service->execute(program, "erase-zed-2", DecideErasure{1, true, ""}, f.owner, 4000);
  REQUIRE(erased.status == 200);
  CHECK(f.count("customer_keys") == 1); // Amy's
  CHECK(f.count("command_results") == 1); // the erasure's own answer: the earlier ones quoted Zed
  const auto live = *f.service->read(program, [](const ProgramState& s) { return state_to_json(s); });
  CHECK(live.dump().find("Zed") == std::string::npos);
  CHECK(live.dump().find("Quill") == std::string::npos);
  CHECK(live.dump().find("Amy Pond") != std::string::npos);
  CHECK(live["tickets"].size() == 1); // the ticket stays, without its words
  f.open();
  CHECK(*f.service->read(program, [](const ProgramState& s) { return state_to_json(s); }) == live);
  CHECK(f.service->verify().empty());
}

} // namespace test_unit_server_execution_command_service
