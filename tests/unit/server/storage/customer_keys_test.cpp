// Each customer's key (server/storage/customer_keys.hpp): what it seals only it opens, a changed
// byte opens nothing, and once destroyed the key is gone from the database and its cache.
#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include <unistd.h>

namespace test_unit_server_storage_customer_keys { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

namespace {
struct TempDb {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("pd-keys-test-" + std::to_string(::getpid()) + ".db");
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};
} // namespace

TEST_CASE("a customer's key seals and opens its events; another key, a changed byte or a destroyed key open nothing") {
  TempDb t;
  storage::Database db(t.path);
  storage::CustomerKeys keys(db);
  storage::CustomerKeys::Key jordan{}, sam{};
  db.write([&] {
    jordan = keys.key_for(1, 17, 0);
    sam = keys.key_for(1, 18, 0);
  });
  CHECK(jordan != sam);
  CHECK(keys.find(1, 17, 0) == jordan);
  const std::string text = R"({"subject":"Invoices for Lumen Dental"})";
  const auto sealed = storage::CustomerKeys::seal(jordan, text);
  CHECK(sealed.find("Lumen") == std::string::npos);
  CHECK(storage::CustomerKeys::open(jordan, sealed) == text);
  CHECK_FALSE(storage::CustomerKeys::open(sam, sealed));
  auto changed = sealed;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  CHECK_FALSE(storage::CustomerKeys::open(jordan, changed));

  db.write([&] { keys.destroy(1, 17); });
  CHECK_FALSE(keys.find(1, 17, 0));
  storage::CustomerKeys fresh(db); // no cache: read from the file
  CHECK_FALSE(fresh.find(1, 17, 0));
  CHECK(fresh.find(1, 18, 0) == sam);

  // A key made in a transaction that rolled back is forgotten with it.
  CHECK_THROWS(db.write([&] {
    keys.key_for(1, 30, 0);
    throw std::runtime_error("the disk is gone");
  }));
  keys.reset_cache();
  CHECK_FALSE(keys.find(1, 30, 0));
}

TEST_CASE("a ticket's key is its own: destroying it leaves the customer's and its other tickets'; erasing the customer destroys all") {
  TempDb t;
  storage::Database db(t.path);
  storage::CustomerKeys keys(db);
  storage::CustomerKeys::Key own{}, first{}, second{};
  db.write([&] {
    own = keys.key_for(1, 17, 0);
    first = keys.key_for(1, 17, 41);
    second = keys.key_for(1, 17, 42);
  });
  CHECK(own != first);
  CHECK(first != second);
  db.write([&] { keys.destroy_ticket(1, 17, 41); });
  CHECK_FALSE(keys.find(1, 17, 41));
  CHECK(keys.find(1, 17, 42) == second);
  CHECK(keys.find(1, 17, 0) == own);
  storage::CustomerKeys fresh(db);
  CHECK_FALSE(fresh.find(1, 17, 41));
  CHECK(fresh.find(1, 17, 42) == second);

  db.write([&] { keys.destroy(1, 17); });
  CHECK_FALSE(keys.find(1, 17, 0));
  CHECK_FALSE(keys.find(1, 17, 42));
  storage::CustomerKeys after(db);
  CHECK_FALSE(after.find(1, 17, 0));
  CHECK_FALSE(after.find(1, 17, 42));
}

} // namespace test_unit_server_storage_customer_keys
