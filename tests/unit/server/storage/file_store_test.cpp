#include "server/storage/database.hpp"
#include "server/storage/file_store.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <latch>
#include <thread>
#include <vector>

#include <unistd.h>

namespace test_unit_server_storage_file_store { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using core::ErrorCode;

namespace {

// A data directory of its own, removed at the end.
struct TempData {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pd-files-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  static inline int counter = 0;
  TempData() { std::filesystem::create_directories(dir); }
  ~TempData() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

struct Fixture {
  TempData data;
  storage::Database db{data.dir / "partnerdesk.db"};
  storage::FileStore files;
  explicit Fixture(storage::UploadLimits limits = {}) : files(db, data.dir, limits) {}

  storage::Upload begin(std::int64_t person, std::int64_t size, std::int64_t now = 1000, bool personal = true) {
    auto u = files.begin(1, person, "f.txt", "text/plain", size, now, personal);
    REQUIRE(u);
    return u.value();
  }
  // The whole upload at once; the stored file.
  storage::StoredFile store(std::int64_t person, const std::string& bytes, std::int64_t now = 1000) {
    auto u = begin(person, static_cast<std::int64_t>(bytes.size()), now);
    REQUIRE(files.append(u, 0, bytes, now));
    auto f = files.complete(u, now);
    REQUIRE(f);
    return f.value();
  }
};

} // namespace

TEST_CASE("file store: an upload in pieces is checked, hashed and stored once per content") {
  Fixture f;
  auto u = f.begin(7, 10);
  CHECK(std::filesystem::exists(f.files.part_path(u.id)));
  CHECK(f.files.append(u, 0, "hello", 1000).value() == 5);
  auto wrong = f.files.append(u, 2, "xx", 1000);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::conflict);
  CHECK(wrong.error().current_version == 5);
  auto early = f.files.complete(u, 1000);
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::conflict);
  auto past = f.files.append(u, 5, "world!", 1000);
  REQUIRE_FALSE(past);
  CHECK(past.error().code == ErrorCode::payload_too_large);
  CHECK(f.files.append(u, 5, "world", 1000).value() == 10);
  auto stored = f.files.complete(u, 1000);
  REQUIRE(stored);
  CHECK(stored->size == 10);
  CHECK(stored->sha256.size() == 64);
  CHECK(std::filesystem::file_size(f.files.path_of(stored->sha256)) == 10);
  CHECK_FALSE(std::filesystem::exists(f.files.part_path(u.id)));
  CHECK_FALSE(f.files.find_upload(u.id));
}

TEST_CASE("file store: pieces at the same offset at once are taken one at a time, never past the declared size") {
  Fixture f;
  const std::string piece(64 * 1024, 'z');
  auto u = f.begin(7, static_cast<std::int64_t>(piece.size()));
  constexpr int senders = 16;
  std::latch ready(senders);
  std::atomic<int> accepted{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < senders; ++i)
    threads.emplace_back([&] {
      ready.arrive_and_wait();
      auto r = f.files.append(u, 0, piece, 1000); // every sender read the upload before any piece arrived
      if (r) ++accepted;
      else if (r.error().code == ErrorCode::conflict) ++conflicts;
    });
  for (auto& t : threads) t.join();
  CHECK(accepted == 1);
  CHECK(conflicts == senders - 1);
  CHECK(std::filesystem::file_size(f.files.part_path(u.id)) == piece.size());
  auto stored = f.files.complete(u, 1000);
  REQUIRE(stored);
  CHECK(std::filesystem::file_size(f.files.path_of(stored->sha256)) == piece.size());
}

TEST_CASE("file store: a piece cuts off bytes a failed earlier piece left behind") {
  Fixture f;
  auto u = f.begin(7, 6);
  REQUIRE(f.files.append(u, 0, "abc", 1000));
  std::ofstream(f.files.part_path(u.id), std::ios::binary | std::ios::app) << "garbage"; // written, never counted
  REQUIRE(f.files.append(u, 3, "def", 1000));
  auto stored = f.files.complete(u, 1000);
  REQUIRE(stored);
  std::ifstream in(f.files.path_of(stored->sha256), std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "abcdef");
}

TEST_CASE("file store: the program's and a person's limits count stored files and uploads in progress") {
  Fixture f(storage::UploadLimits{1000, 400, 60'000});
  f.store(1, std::string(250, 'a'));
  CHECK(f.files.person_bytes(1, 1, 1000) == 250);
  f.begin(1, 100);
  auto over = f.files.begin(1, 1, "g.txt", "text/plain", 51, 1000, true);
  REQUIRE_FALSE(over);
  CHECK(over.error().code == ErrorCode::payload_too_large);
  CHECK(over.error().field == "size");
  CHECK(f.files.begin(1, 1, "g.txt", "text/plain", 50, 1000, true)); // exactly the limit
  CHECK(f.files.begin(1, 1, "g.txt", "text/plain", 1, 2000, true).ok() == false);
  // Others have their own limit; the program's counts everyone.
  f.begin(2, 400);
  CHECK(f.files.program_bytes(1, 1000) == 800);
  f.begin(3, 150, 1000, false); // the business: the program's limit only
  auto full = f.files.begin(1, 3, "h.txt", "text/plain", 51, 1000, false);
  REQUIRE_FALSE(full);
  CHECK(full.error().field == "size");
  CHECK(full.error().message.find("program") != std::string::npos);
  // Another program is not affected.
  CHECK(f.files.begin(2, 1, "i.txt", "text/plain", 400, 1000, true));
}

TEST_CASE("file store: an upload without a piece for the expiry time is removed with its part file; its bytes are free again") {
  Fixture f(storage::UploadLimits{0, 100, 1000});
  auto quiet = f.begin(1, 60, 0);
  auto busy = f.begin(2, 60, 0);
  REQUIRE(f.files.append(busy, 0, "12345", 900));
  CHECK(f.files.sweep_expired(999) == 0);
  CHECK(f.files.sweep_expired(1000) == 1); // the quiet one, a second after it began
  CHECK_FALSE(std::filesystem::exists(f.files.part_path(quiet.id)));
  CHECK_FALSE(f.files.find_upload(quiet.id));
  CHECK(std::filesystem::exists(f.files.part_path(busy.id)));
  CHECK(f.files.person_bytes(1, 1, 1000) == 0);
  auto late = f.files.append(quiet, 0, "x", 1000);
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::not_found);
  // An expired upload touched before any sweep is removed then.
  auto gone = f.files.append(busy, 5, "678", 1900);
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == ErrorCode::not_found);
  CHECK_FALSE(std::filesystem::exists(f.files.part_path(busy.id)));
  // Beginning an upload sweeps: person 3's expired reservation no longer blocks it.
  auto old = f.begin(3, 100, 5000);
  CHECK(f.files.begin(1, 3, "j.txt", "text/plain", 100, 6000, true));
  CHECK_FALSE(std::filesystem::exists(f.files.part_path(old.id)));
}

TEST_CASE("file store: every person who uploads the same content owns it; the record keeps the first") {
  Fixture f;
  auto first = f.store(1, "same bytes\n");
  auto second = f.store(2, "same bytes\n");
  CHECK(first.sha256 == second.sha256);
  CHECK(f.files.uploaded_by(1, first.sha256, 1));
  CHECK(f.files.uploaded_by(1, first.sha256, 2));
  CHECK_FALSE(f.files.uploaded_by(1, first.sha256, 3));
  CHECK_FALSE(f.files.uploaded_by(2, first.sha256, 1)); // another program
  CHECK(f.files.find(1, first.sha256)->uploaded_by == 1);
  CHECK(f.files.person_bytes(1, 2, 1000) == 11);
  CHECK(f.files.program_bytes(1, 1000) == 11); // stored once
}

TEST_CASE("file store: part files left without an upload are removed when the store opens") {
  TempData data;
  storage::Database db(data.dir / "partnerdesk.db");
  std::filesystem::create_directories(data.dir / "uploads");
  std::ofstream(data.dir / "uploads" / "stray.part") << "left behind";
  storage::FileStore files(db, data.dir);
  CHECK_FALSE(std::filesystem::exists(data.dir / "uploads" / "stray.part"));
}

} // namespace test_unit_server_storage_file_store
