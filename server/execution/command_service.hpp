// The one writer of domain state. Holds every program's state in memory (rebuilt from the
// event log at start), runs decide() under its lock, and for an accepted command appends the
// events, updates the projections and records the result for idempotent retries, in the same
// transaction. Group commit: one writer thread of its own takes every command queued while it
// wrote the last transaction into the next one, and answers each only after the transaction
// that holds it is durable. Requests wait on a flag of their own, so a commit wakes exactly the
// requests it answers. Readers take a shared lock to authorize against the current state.
#pragma once

#include "server/live/event_hub.hpp"
#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"
#include "server/storage/event_store.hpp"
#include "server/storage/projections.hpp"
#include "shared/domain/decide.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace pd::execution {

struct CommandOutcome {
  int status = 200;     // HTTP status of the answer
  nlohmann::json body;  // the answer (same on a retry)
  std::string text;     // `body` serialized, as stored for retries; empty once `body` changed
  bool replayed = false; // answered from the stored result of an earlier identical request

  // Adds a field to the answer (for the route's own additions, such as a secret shown once).
  void add(const std::string& key, nlohmann::json value) {
    body[key] = std::move(value);
    text.clear();
  }
};

class CommandService {
public:
  CommandService(storage::Database& db, live::EventHub& hub);
  // Writes every command already queued, then stops the writer (graceful shutdown).
  ~CommandService();
  CommandService(const CommandService&) = delete;
  CommandService& operator=(const CommandService&) = delete;

  // Replays the event log into memory, compares the projections with the replay and, if they
  // differ, rewrites them. Returns the number of programs whose projections differed.
  int load();
  // Replays the log and compares with the projections without changing anything: the
  // programs whose projection rows differ from the replay.
  std::vector<domain::ProgramId> verify();
  // For `partnerdesk-server check`: replay into memory, then verify().
  std::vector<domain::ProgramId> verify_after_replay();

  // Executes a command for a program (program 0 with CreateProgram creates one). The
  // command_id makes it idempotent per person. `invitation_link` is the path of the link an
  // InviteMember's token makes, for the invitation mail (only the answer holds the token).
  CommandOutcome execute(domain::ProgramId program, const std::string& command_id, const domain::Command& command,
                         const domain::Actor& actor, domain::TimeMs now, const std::string& invitation_link = {});

  // Mail caused by events (server/mail/event_mail.hpp): called inside the write transaction
  // after each event of an accepted command was applied, with the notifications it made;
  // returns the messages it queued. `queued` runs after a commit that queued any. Set before
  // the first command.
  using MailHook = std::function<int(const domain::ProgramState& after, const domain::Event& event,
                                     std::span<const domain::FreshNotification> fresh, const std::string& invitation_link)>;
  void set_mail_hook(MailHook hook, std::function<void()> queued) {
    mail_hook_ = std::move(hook);
    mail_queued_ = std::move(queued);
  }

  // Files no program refers to any more once a customer was erased (their content addresses):
  // called after the COMMIT that erased it, to remove them from the disk. Set before the first
  // command.
  void set_erasure_hook(std::function<void(const std::vector<std::string>& unreferenced_files)> hook) { erasure_hook_ = std::move(hook); }

  // The customers' keys the log is sealed with: every reader of the log shares them.
  storage::CustomerKeys& customer_keys() { return keys_; }

  // Runs fn with a const view of one program's state under the shared lock; nullopt if none.
  template <class Fn>
  auto read(domain::ProgramId program, Fn&& fn) -> std::optional<decltype(fn(std::declval<const domain::ProgramState&>()))> {
    std::shared_lock lock(mutex_);
    auto it = programs_.find(program);
    if (it == programs_.end()) return std::nullopt;
    return fn(it->second);
  }

  // The program an invitation token hash belongs to.
  std::optional<std::pair<domain::ProgramId, domain::InvitationId>> find_invitation(const std::string& token_hash);

  std::vector<domain::ProgramId> program_ids() {
    std::shared_lock lock(mutex_);
    std::vector<domain::ProgramId> ids;
    for (const auto& [id, s] : programs_) ids.push_back(id);
    return ids;
  }

  // Whether any program requires two-factor sign-in of some members (a fast path for the
  // check every request makes, app/security.hpp).
  bool any_two_factor_policy() const { return any_two_factor_policy_.load(std::memory_order_relaxed); }

  std::size_t event_count() const { return event_count_; }
  std::size_t program_count() {
    std::shared_lock lock(mutex_);
    return programs_.size();
  }

  // Largest number of commands written in one transaction.
  static constexpr std::size_t max_batch = 256;

private:
  struct Pending {
    // A constructor, not aggregate initialisation from parentheses (C++20), which clang 14's
    // static analysis does not parse.
    Pending(domain::ProgramId p, const std::string& id, const domain::Command& c, const domain::Actor& a, domain::TimeMs t,
            const std::string& link)
        : program(p), command_id(id), command(c), actor(a), now(t), invitation_link(link) {}
    domain::ProgramId program;
    const std::string& command_id; // the caller's, alive while it waits
    const domain::Command& command;
    const domain::Actor& actor;
    domain::TimeMs now;
    const std::string& invitation_link; // the caller's, alive while it waits
    CommandOutcome outcome;
    std::atomic<int> done{0}; // 1 once `outcome` holds the answer of a durable (or failed) transaction
  };
  void replay();
  void seal_old_log(); // once, for a log written before events were sealed (log_to_seal)
  domain::ProgramState replayed(domain::ProgramId program); // one program's log applied anew
  void recount_policies(); // under the lock
  void write_loop();
  static void answer(Pending& p, CommandOutcome outcome);
  void write_batch(std::vector<std::shared_ptr<Pending>>& batch);
  // What a batch did beyond its events, acted on after its COMMIT.
  struct BatchEffects {
    int mail_queued = 0;
    bool erased = false;                       // a customer was erased: empty the write-ahead log
    std::vector<std::string> unreferenced_files; // removed from the disk
  };
  CommandOutcome decide_one(Pending& p, std::vector<domain::Event>& appended, BatchEffects& effects);

  storage::Database& db_;
  storage::CustomerKeys keys_; // before events_, which seals and opens with it
  storage::EventStore events_;
  storage::Projections projections_;
  live::EventHub& hub_;
  std::shared_mutex mutex_;
  std::map<domain::ProgramId, domain::ProgramState> programs_;
  std::map<std::string, std::pair<domain::ProgramId, domain::InvitationId>> invitations_by_token_;
  std::size_t event_count_ = 0;
  std::atomic<bool> any_two_factor_policy_{false};
  MailHook mail_hook_;
  std::function<void(const std::vector<std::string>&)> erasure_hook_;
  std::function<void()> mail_queued_;

  std::mutex queue_mutex_;
  std::condition_variable queue_wake_; // the writer waits here for work
  std::vector<std::shared_ptr<Pending>> queue_;
  bool writer_waiting_ = false;
  bool stopping_ = false;
  std::thread writer_;
};

} // namespace pd::execution
