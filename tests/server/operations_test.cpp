// Backup while running, restore, and the replay check of the projections.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

namespace test_server_operations { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

TEST_CASE("backup --to FILE works while the server runs, and the copy restores") {
  ServerProcess s;
  Session staff(s, "staff@acme.test");
  REQUIRE(staff.command(1, "RenameProgram", {{"name", "Acme Analytics (backup test)"}})->status == 403); // staff cannot rename
  Session owner(s, "owner@acme.test");
  REQUIRE(owner.command(1, "RenameProgram", {{"name", "Acme Analytics Backup"}})->status == 200);
  auto backup = std::filesystem::temp_directory_path() / ("pd-backup-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(backup);
  auto [code, out] = run_server_command({"backup", "--data", s.data_dir().string(), "--to", backup.string()});
  CHECK(code == 0);
  CHECK(out.find("backup of") != std::string::npos);
  auto [again, again_out] = run_server_command({"backup", "--data", s.data_dir().string(), "--to", backup.string()});
  CHECK(again == 2); // never overwrites
  // Restore: the backup file becomes the database of a new data directory.
  auto restored = std::filesystem::temp_directory_path() / ("pd-restored-" + std::to_string(::getpid()));
  std::filesystem::remove_all(restored);
  std::filesystem::create_directories(restored);
  std::filesystem::copy_file(backup, restored / "partnerdesk.db");
  {
    ServerProcess r({"--data", restored.string()}, false);
    Session maya(r, "owner@acme.test");
    CHECK(json_of(maya.get("/api/v1/programs/1/snapshot"))["name"] == "Acme Analytics Backup");
  }
  std::filesystem::remove(backup);
  std::filesystem::remove_all(restored);
}

TEST_CASE("check compares the projections with a replay; a start repairs a damaged projection") {
  ServerProcess s;
  auto data = s.data_dir().string();
  CHECK(s.stop() == 0);
  auto [ok, ok_out] = run_server_command({"check", "--data", data});
  CHECK(ok == 0);
  CHECK(ok_out.find("projections agree with the log") != std::string::npos);
  sqlite3* db = nullptr;
  sqlite3_open((data + "/partnerdesk.db").c_str(), &db);
  sqlite3_exec(db, "UPDATE customers SET name = 'Tampered' WHERE id = 2", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto [bad, bad_out] = run_server_command({"check", "--data", data});
  CHECK(bad == 1);
  CHECK(bad_out.find("program 1 differs") != std::string::npos);
  { ServerProcess repaired({"--data", data}); }
  CHECK(run_server_command({"check", "--data", data}).first == 0);
}

} // namespace test_server_operations
