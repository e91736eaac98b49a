#include "server/storage/accounts.hpp"
#include "server/storage/database.hpp"
#include "server/storage/migrations.hpp"
#include "server/storage/sessions.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

namespace test_unit_server_storage_database { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

namespace {
struct TempDb {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("pd-db-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
  static inline int counter = 0;
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};
} // namespace

TEST_CASE("a new database is created at the latest schema; reopening keeps it") {
  TempDb t;
  {
    storage::Database db(t.path);
    CHECK(db.was_created());
    CHECK(db.schema_version() == static_cast<int>(storage::migrations().size()));
    CHECK(db.writable());
  }
  storage::Database again(t.path);
  CHECK_FALSE(again.was_created());
  CHECK(again.schema_version() == static_cast<int>(storage::migrations().size()));
  auto q = again.prepare("PRAGMA journal_mode");
  q.step();
  CHECK(q.text(0) == "wal");
}

TEST_CASE("sessions expire and can all be ended for one person") {
  TempDb t;
  storage::Database db(t.path);
  storage::AccountStore accounts(db);
  storage::SessionStore sessions(db);
  auto p = accounts.create_person("p@x.test", "P", "hash", 1);
  sessions.create("h1", p, 1000, 2000);
  sessions.create("h2", p, 1000, 5000);
  CHECK(sessions.find("h1", 1999));
  CHECK_FALSE(sessions.find("h1", 2000));
  CHECK(sessions.purge_expired(3000) == 1);
  CHECK(sessions.find("h2", 3000));
  sessions.remove_all_for(p);
  CHECK_FALSE(sessions.find("h2", 3000));
}

TEST_CASE("a failed write transaction leaves nothing behind") {
  TempDb t;
  storage::Database db(t.path);
  storage::AccountStore accounts(db);
  CHECK_THROWS(db.write([&] {
    db.prepare("INSERT INTO programs(name, created_at_ms) VALUES ('half', 1)").run();
    throw std::runtime_error("crash in the middle");
  }));
  auto q = db.prepare("SELECT COUNT(*) FROM programs");
  q.step();
  CHECK(q.int64(0) == 0);
}

TEST_CASE("under continuous writes the write-ahead log is checkpointed in the background and stays bounded") {
  TempDb t;
  storage::Database db(t.path);
  db.exec("CREATE TABLE bulk(id INTEGER PRIMARY KEY, payload TEXT)");
  const std::string payload(3000, 'x'); // about one page per transaction
  const int transactions = 10000;        // without checkpoints the log would pass 10,000 pages (40 MB)
  for (int i = 0; i < transactions; ++i)
    db.write([&] { db.prepare("INSERT INTO bulk(payload) VALUES (?)").bind(1, payload).run(); });
  CHECK(db.checkpoints() >= 1);
  CHECK(db.wal_pages() <= storage::Database::checkpoint_inline_after_pages + 2);
  auto wal_bytes = std::filesystem::file_size(t.path.string() + "-wal");
  CHECK(wal_bytes < 16u * 1024 * 1024); // about 3,000 pages of 4 KiB at most
  auto q = db.prepare("SELECT COUNT(*) FROM bulk");
  q.step();
  CHECK(q.int64(0) == transactions); // every acknowledged row is there
}

} // namespace test_unit_server_storage_database
