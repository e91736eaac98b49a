// The durable-write ceiling of the disk: single-row commits per second with the server's
// settings (WAL, synchronous=FULL), one transaction per row, for a given number of seconds
// (as long as a load run, so that a disk whose speed varies is measured over the same span).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pd_bench_sqlite_commits FILE [SECONDS, default 5]\n");
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 5.0;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, payload TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(payload) VALUES (?)", -1, &ins, nullptr);
  const std::string payload(200, 'x');
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto until = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
  long n = 0;
  do {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(ins, 1, payload.c_str(), static_cast<int>(payload.size()), SQLITE_STATIC);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "commit failed: %s\n", sqlite3_errmsg(db));
      return 1;
    }
    ++n;
  } while (clock::now() < until);
  auto s = std::chrono::duration<double>(clock::now() - start).count();
  std::printf("single-row commits: %.0f/s (%ld in %.2f s, WAL, synchronous=FULL)\n", static_cast<double>(n) / s, n, s);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return 0;
}
