// A thin RAII wrapper over one SQLite connection, plus forward migrations.
// The server is the only writer; one Database is owned by the server's Storage.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pd::storage {

struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One SQLite connection with its prepared-statement cache (looked up by the SQL text without
// copying it).
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};
struct Connection {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& [sql, st] : cache) sqlite3_finalize(st);
    if (db) sqlite3_close(db);
  }
};

class Statement {
public:
  Statement(Connection& conn, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);

  // Advances to the next row; false when done. Throws StorageError on failure.
  bool step();
  void run(); // step once, expecting no row

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool cached_ = false; // borrowed from the connection's cache: reset, not finalized
};

class Database {
public:
  // Opens (creating if needed) the database file with WAL journaling and synchronous=FULL,
  // then runs every pending migration. was_created() tells whether the file was new.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool was_created() const { return created_; }
  int schema_version() const { return schema_version_; }
  const std::filesystem::path& path() const { return path_; }

  void exec(std::string_view sql);
  // A statement on the connection of the current read() or write() scope (the writer
  // connection outside any scope).
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

  // Runs fn inside BEGIN IMMEDIATE ... COMMIT under the connection's lock; rolls back and
  // rethrows if fn throws. The commit is durable when this returns.
  template <class Fn>
  auto write(Fn&& fn) -> decltype(fn()) {
    std::lock_guard lock(mutex_);
    Scope scope(this, writer_.get());
    exec("BEGIN IMMEDIATE");
    try {
      if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        exec("COMMIT");
      } else {
        auto result = fn();
        exec("COMMIT");
        return result;
      }
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  // Runs fn inside a transaction that is always rolled back (what-if comparisons).
  template <class Fn>
  auto trial(Fn&& fn) -> decltype(fn()) {
    std::lock_guard lock(mutex_);
    Scope scope(this, writer_.get());
    exec("BEGIN IMMEDIATE");
    struct Rollback {
      sqlite3* db;
      ~Rollback() { sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); }
    } rollback{db_};
    return fn();
  }

  // Copies the live database into `target` with SQLite's online backup (safe while the
  // server runs; writers are not blocked for long).
  void backup_to(const std::filesystem::path& target);

  // Runs fn on a read connection from the pool, in one read transaction: readers never wait
  // for each other or for the writer (WAL), and see the last committed state.
  template <class Fn>
  auto read(Fn&& fn) -> decltype(fn()) {
    if (current_db_ == this) return fn(); // already inside a scope of this database
    Lease lease(*this);
    Scope scope(this, lease.conn);
    struct Txn {
      sqlite3* db;
      explicit Txn(sqlite3* d) : db(d) { sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr); }
      ~Txn() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
    } txn(lease.conn->db);
    return fn();
  }

  // Copies the whole write-ahead log into the database file and empties the log (SQLite's
  // TRUNCATE checkpoint): after an erasure, no earlier page of the file stays readable in the
  // log. Waits up to the busy timeout for readers; false if one still held an old page.
  bool truncate_log();

  // Pages in the write-ahead log at the last commit, and checkpoints the background
  // checkpointer has completed (for tests).
  int wal_pages() const { return wal_pages_.load(); }
  std::uint64_t checkpoints() const { return checkpoints_.load(); }

  // True if a write transaction can be started (the health check). While the writer's
  // connection is busy it answers the last probe's result instead of queueing behind the
  // writes: a busy writer is evidently working.
  bool writable();

  // Frames in the write-ahead log after which a commit asks the background checkpointer to
  // copy them into the database file, and after which the committing writer checkpoints
  // itself. Under continuous writes the background copy never quite catches up with the log's
  // end, so the log could only restart from its beginning after a checkpoint by the writer;
  // that one finds most frames already copied and only copies the rest.
  static constexpr int checkpoint_after_pages = 1000;
  static constexpr int checkpoint_inline_after_pages = 3000;

private:
  void migrate();
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);
  void checkpoint_loop();
  Connection* acquire_reader();
  void release_reader(Connection* c);

  struct Lease {
    Database& db;
    Connection* conn;
    explicit Lease(Database& d) : db(d), conn(d.acquire_reader()) {}
    ~Lease() { db.release_reader(conn); }
  };
  // Which connection prepare() uses on this thread.
  static thread_local const Database* current_db_;
  static thread_local Connection* current_conn_;
  struct Scope {
    const Database* saved_db;
    Connection* saved_conn;
    Scope(const Database* d, Connection* c) : saved_db(current_db_), saved_conn(current_conn_) {
      current_db_ = d;
      current_conn_ = c;
    }
    ~Scope() {
      current_db_ = saved_db;
      current_conn_ = saved_conn;
    }
  };

  std::filesystem::path path_;
  sqlite3* db_ = nullptr; // the writer connection (writer_->db)
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_; // every reader ever opened
  std::vector<Connection*> idle_readers_;
  std::recursive_mutex mutex_;
  std::atomic<bool> last_writable_{true};
  bool created_ = false;
  int schema_version_ = 0;

  // The background checkpointer: its own connection, so the copy of the log into the
  // database file (and that file's fsync) happens beside the writer's commits, not in them.
  std::unique_ptr<Connection> checkpointer_conn_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  // Held while either connection checkpoints: the writer's checkpoint at the log's bound waits
  // for a background one still copying instead of finding SQLite's checkpoint lock taken.
  std::mutex checkpoint_run_mutex_;
  bool checkpoint_wanted_ = false;
  bool stopping_ = false;
  std::atomic<int> wal_pages_{0};
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread checkpointer_;
};

} // namespace pd::storage
