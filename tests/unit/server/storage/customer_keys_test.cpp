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
    jordan = keys.key_for(1, 17);
    sam = keys.key_for(1, 18);
  });
  CHECK(jordan != sam);
  CHECK(keys.find(1, 17) == jordan);
  const std::string text = R"({"subject":"Invoices for Lumen Dental"})";
  const auto sealed = storage::CustomerKeys::seal(jordan, text);
  CHECK(sealed.find("Lumen") == std::string::npos);
  CHECK(storage::CustomerKeys::open(jordan, sealed) == text);
  CHECK_FALSE(storage::CustomerKeys::open(sam, sealed));
  auto changed = sealed;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  CHECK_FALSE(storage::CustomerKeys::open(jordan, changed));

  db.write([&] { keys.destroy(1, 17); });
  CHECK_FALSE(keys.find(1, 17));
  storage::CustomerKeys fresh(db); // no cache: read from the file
  CHECK_FALSE(fresh.find(1, 17));
  CHECK(fresh.find(1, 18) == sam);

  // A key made in a transaction that rolled back is forgotten with it.
  CHECK_THROWS(db.write([&] {
    keys.key_for(1, 30);
    throw std::runtime_error("the disk is gone");
  }));
  keys.reset_cache();
  CHECK_FALSE(keys.find(1, 30));
}

} // namespace test_unit_server_storage_customer_keys
