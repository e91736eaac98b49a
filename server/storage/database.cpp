#include "server/storage/database.hpp"

#include "server/storage/migrations.hpp"

#include <system_error>

namespace pd::storage {

thread_local const Database* Database::current_db_ = nullptr;
thread_local Connection* Database::current_conn_ = nullptr;

static void check(sqlite3* db, int rc, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw StorageError(std::string(what) + ": " + sqlite3_errmsg(db));
}

Statement::Statement(Connection& conn, std::string_view sql) : db_(conn.db) {
  auto it = conn.cache.find(sql);
  if (it != conn.cache.end() && !sqlite3_stmt_busy(it->second)) {
    stmt_ = it->second;
    cached_ = true;
    return;
  }
  check(db_, sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr), "prepare");
  if (it == conn.cache.end() && conn.cache.size() < 256) {
    conn.cache.emplace(std::string(sql), stmt_);
    cached_ = true;
  }
}
Statement::~Statement() {
  if (cached_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  check(db_, sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}
Statement& Statement::bind_null(int index) {
  check(db_, sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}
bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw StorageError(std::string("step: ") + sqlite3_errmsg(db_));
}
void Statement::run() {
  while (step()) {
  }
}
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
std::string Statement::text(int column) const {
  auto p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Database::Database(const std::filesystem::path& file) : path_(file) {
  std::error_code ec;
  created_ = !std::filesystem::exists(file, ec);
  int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StorageError("cannot open database " + file.string() + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  writer_ = std::make_unique<Connection>();
  writer_->db = db_;
  // WAL: readers never block the writer. synchronous=FULL: a transaction is on disk (WAL
  // fsynced) before COMMIT returns, so an acknowledged write survives power loss; see
  // docs/operations.md for the trade-off against NORMAL.
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  // What the writer deletes is overwritten with zeros, not left in free pages: erasing a
  // customer deletes its key (shared/domain/privacy/erasure.hpp), which must not stay readable.
  exec("PRAGMA secure_delete=ON");
  migrate();
  // Checkpoints run on a thread of their own (see on_wal_commit); the writer's automatic
  // checkpoint would otherwise copy the log and fsync the database file inside a commit
  // every 1,000 pages, and every command of that batch would wait for it.
  checkpointer_conn_ = std::make_unique<Connection>();
  if (sqlite3_open_v2(path_.c_str(), &checkpointer_conn_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    throw StorageError("cannot open the checkpoint connection to " + path_.string());
  sqlite3_exec(checkpointer_conn_->db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  sqlite3_wal_hook(db_, &Database::on_wal_commit, this); // replaces the automatic checkpoint
  checkpointer_ = std::thread([this] { checkpoint_loop(); });
}

int Database::on_wal_commit(void* self, sqlite3* db, const char* name, int pages) {
  auto* d = static_cast<Database*>(self);
  d->wal_pages_ = pages;
  if (pages >= checkpoint_inline_after_pages) {
    // Copies what the background checkpointer has not, so that the next transaction starts
    // the log again from its beginning: this bounds the log's size. A background checkpoint
    // still running (the machine is busy) is waited for, not skipped: skipping let the log
    // grow past the bound until a later commit found the lock free.
    std::lock_guard running(d->checkpoint_run_mutex_);
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (pages >= checkpoint_after_pages) {
    {
      std::lock_guard lock(d->checkpoint_mutex_);
      d->checkpoint_wanted_ = true;
    }
    d->checkpoint_wake_.notify_one();
  }
  return SQLITE_OK;
}

void Database::checkpoint_loop() {
  std::unique_lock lock(checkpoint_mutex_);
  for (;;) {
    checkpoint_wake_.wait(lock, [&] { return checkpoint_wanted_ || stopping_; });
    if (stopping_) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, never waits for the writer or a reader.
    // The next write transaction then starts the log again from its beginning.
    int log = 0, copied = 0;
    {
      std::lock_guard running(checkpoint_run_mutex_);
      if (sqlite3_wal_checkpoint_v2(checkpointer_conn_->db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK && copied == log)
        ++checkpoints_;
    }
    lock.lock();
  }
}

bool Database::truncate_log() {
  std::lock_guard lock(mutex_);
  std::lock_guard running(checkpoint_run_mutex_);
  int log = 0, copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
  return rc == SQLITE_OK;
}

Database::~Database() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_one();
  if (checkpointer_.joinable()) checkpointer_.join();
  if (db_) sqlite3_wal_hook(db_, nullptr, nullptr);
  checkpointer_conn_.reset();
  readers_.clear();
  writer_.reset(); // closes db_
}

Statement Database::prepare(std::string_view sql) {
  return Statement(current_db_ == this && current_conn_ ? *current_conn_ : *writer_, sql);
}

Connection* Database::acquire_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto c = idle_readers_.back();
      idle_readers_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<Connection>();
  if (sqlite3_open_v2(path_.c_str(), &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    throw StorageError("cannot open a read connection to " + path_.string());
  sqlite3_busy_timeout(c->db, 5000);
  std::lock_guard lock(readers_mutex_);
  readers_.push_back(std::move(c));
  return readers_.back().get();
}

void Database::release_reader(Connection* c) {
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(c);
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw StorageError("exec failed (" + s.substr(0, 60) + "): " + msg);
  }
}

bool Database::writable() {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return last_writable_.load();
  bool ok = sqlite3_db_readonly(db_, "main") == 0 && sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
  if (ok) {
    ok = sqlite3_exec(db_, "INSERT INTO health_probe(id, checked) VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET checked = checked + 1", nullptr,
                      nullptr, nullptr) == SQLITE_OK;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  last_writable_ = ok;
  return ok;
}

void Database::backup_to(const std::filesystem::path& target) {
  sqlite3* out = nullptr;
  if (sqlite3_open_v2(target.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = out ? sqlite3_errmsg(out) : "out of memory";
    sqlite3_close(out);
    throw StorageError("cannot create backup file " + target.string() + ": " + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db_, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(out);
    sqlite3_close(out);
    throw StorageError("backup failed: " + msg);
  }
  int rc;
  do {
    {
      std::lock_guard lock(mutex_);
      rc = sqlite3_backup_step(b, 256); // pages per step; writers proceed between steps
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(10);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  rc = rc == SQLITE_DONE ? sqlite3_errcode(out) : rc;
  std::string msg = sqlite3_errmsg(out);
  sqlite3_close(out);
  if (rc != SQLITE_OK) throw StorageError("backup failed: " + msg);
}

void Database::migrate() {
  std::lock_guard lock(mutex_);
  exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at_ms INTEGER NOT NULL)");
  {
    auto q = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    q.step();
    schema_version_ = static_cast<int>(q.int64(0));
  }
  const auto& all = migrations();
  if (schema_version_ > static_cast<int>(all.size()))
    throw StorageError("the database schema (version " + std::to_string(schema_version_) +
                       ") is newer than this server understands (" + std::to_string(all.size()) + "): upgrade the server");
  for (std::size_t i = static_cast<std::size_t>(schema_version_); i < all.size(); ++i) {
    exec("BEGIN IMMEDIATE");
    try {
      exec(all[i]);
      auto ins = prepare("INSERT INTO schema_version(version, applied_at_ms) VALUES (?, CAST(strftime('%s','now') AS INTEGER) * 1000)");
      ins.bind(1, static_cast<std::int64_t>(i + 1)).run();
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
    schema_version_ = static_cast<int>(i + 1);
  }
}

} // namespace pd::storage
