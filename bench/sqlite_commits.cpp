// The durable-write ceiling of the disk: single-row commits per second with the server's
// settings (WAL, synchronous=FULL), one transaction per row.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pd_bench_sqlite_commits FILE [N]\n");
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 3000;
  sqlite3* db = nullptr;
  sqlite3_open(argv[1], &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, payload TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(payload) VALUES (?)", -1, &ins, nullptr);
  const std::string payload(200, 'x');
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(ins, 1, payload.c_str(), static_cast<int>(payload.size()), SQLITE_STATIC);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("single-row commits: %.0f/s (%d in %.2f s, WAL, synchronous=FULL)\n", n / s, n, s);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return 0;
}
