#include "server/execution/command_service.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "server/http/responses.hpp"
#include "server/privacy/erasure_purge.hpp"
#include "server/privacy/retention_purge.hpp"
#include "shared/domain/apply.hpp"
#include "shared/domain/privacy/sealing.hpp"
#include "shared/domain/visibility.hpp"

namespace pd::execution {

using namespace domain;

namespace {
CommandOutcome internal_error_outcome() {
  return CommandOutcome{500, core::to_json_body(core::make_error(core::ErrorCode::internal, "The change could not be saved. Try again.")),
                        {}, false};
}
} // namespace

CommandService::CommandService(storage::Database& db, live::EventHub& hub)
    : db_(db), keys_(db), events_(db, keys_), projections_(db), hub_(hub), writer_([this] { write_loop(); }) {}

CommandService::~CommandService() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_wake_.notify_one();
  writer_.join();
}

std::vector<ProgramId> CommandService::verify() {
  std::shared_lock lock(mutex_);
  return db_.trial([&] {
    auto actual = projections_.dump();
    projections_.rebuild(programs_);
    auto expected = projections_.dump();
    std::vector<ProgramId> differ;
    for (const auto& [id, rows] : expected)
      if (actual.count(id) == 0 || actual.at(id) != rows) differ.push_back(id);
    for (const auto& [id, rows] : actual)
      if (expected.count(id) == 0) differ.push_back(id);
    return differ;
  });
}

std::vector<ProgramId> CommandService::verify_after_replay() {
  replay();
  return verify();
}

void CommandService::replay() {
  std::unique_lock lock(mutex_);
  programs_.clear();
  invitations_by_token_.clear();
  event_count_ = 0;
  Sequence last = 0;
  events_.for_each([&](const Event& e) {
    auto& s = programs_[e.program_id];
    apply(s, e);
    if (auto inv = std::get_if<InvitationCreated>(&e.body)) invitations_by_token_[inv->token_hash] = {e.program_id, inv->invitation_id};
    ++event_count_;
    last = e.seq;
  });
  recount_policies();
  hub_.published(last);
}

void CommandService::recount_policies() {
  bool any = false;
  for (const auto& [id, s] : programs_) any = any || s.security != SecurityPolicy{};
  any_two_factor_policy_.store(any, std::memory_order_relaxed);
}

ProgramState CommandService::replayed(ProgramId program) {
  ProgramState s;
  Sequence after = 0;
  for (;;) {
    auto chunk = events_.read_after(program, after, 10000);
    if (chunk.empty()) break;
    for (const auto& e : chunk) apply(s, e);
    after = chunk.back().seq;
  }
  return s;
}

// A log written before this version holds its events in the clear, or a ticket's events sealed
// with their customer's key: each event about a customer is sealed with that customer's key or
// its ticket's, judged on the state before it as append() judges, in one transaction (the update
// trigger is lifted inside it and restored before COMMIT). An erased customer's events stay in
// their erased form.
void CommandService::seal_old_log() {
  std::int64_t through = 0;
  db_.read([&] {
    auto q = db_.prepare("SELECT through FROM log_to_seal");
    if (q.step()) through = q.int64(0);
  });
  if (through == 0) return;
  db_.write([&] {
    // Customers erased already: their events read in the erased form, and stay so.
    std::set<std::pair<ProgramId, CustomerId>> erased;
    {
      auto q = db_.prepare(
          "SELECT DISTINCT program_id, subject FROM events e WHERE subject IS NOT NULL AND sealed IS NOT NULL AND NOT EXISTS "
          "(SELECT 1 FROM customer_keys k WHERE k.program_id = e.program_id AND k.customer_id = e.subject)");
      while (q.step()) erased.insert({q.int64(0), q.int64(1)});
    }
    db_.exec("DROP TRIGGER events_are_append_only_u");
    std::map<ProgramId, ProgramState> states;
    Sequence after = 0;
    for (;;) {
      auto chunk = events_.read_all_after(after, through, 10000);
      if (chunk.empty()) break;
      for (const auto& e : chunk) {
        auto& s = states[e.program_id];
        if (auto subject = data_subject(s, e); subject && !erased.count({e.program_id, subject->customer}))
          events_.seal(e.seq, e.program_id, e.body, *subject);
        apply(s, e);
        after = e.seq;
      }
    }
    db_.exec("CREATE TRIGGER events_are_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END");
    db_.exec("UPDATE log_to_seal SET through = 0");
  });
}

int CommandService::load() {
  seal_old_log();
  replay();
  auto differ = verify();
  if (!differ.empty()) {
    std::shared_lock again(mutex_);
    db_.write([&] { projections_.rebuild(programs_); });
  }
  return static_cast<int>(differ.size());
}

std::optional<std::pair<ProgramId, InvitationId>> CommandService::find_invitation(const std::string& token_hash) {
  std::shared_lock lock(mutex_);
  auto it = invitations_by_token_.find(token_hash);
  if (it == invitations_by_token_.end()) return std::nullopt;
  return it->second;
}

CommandOutcome CommandService::execute(ProgramId program, const std::string& command_id, const Command& command,
                                       const Actor& actor, TimeMs now, const std::string& invitation_link) {
  auto mine = std::make_shared<Pending>(program, command_id, command, actor, now, invitation_link);
  bool wake_writer = false;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_)
      return CommandOutcome{503, core::to_json_body(core::make_error(core::ErrorCode::internal, "The server is shutting down. Try again.")),
                            {}, false};
    queue_.push_back(mine);
    wake_writer = writer_waiting_;
    writer_waiting_ = false;
  }
  if (wake_writer) queue_wake_.notify_one();
  mine->done.wait(0, std::memory_order_acquire);
  return std::move(mine->outcome);
}

void CommandService::write_loop() {
  std::vector<std::shared_ptr<Pending>> batch;
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) return; // everything accepted has been written
      writer_waiting_ = true;
      queue_wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      continue;
    }
    // Everything queued while the last transaction was written goes into this one.
    auto n = std::min(queue_.size(), max_batch);
    batch.assign(queue_.begin(), queue_.begin() + static_cast<long>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    lock.unlock();
    try {
      write_batch(batch);
    } catch (...) {
      // Rebuilding memory after a failed transaction failed too (the disk is gone): answer the
      // batch rather than leave its requests waiting; nothing of it was committed.
      for (auto& p : batch) answer(*p, internal_error_outcome());
    }
    batch.clear();
    lock.lock();
  }
}

CommandOutcome CommandService::decide_one(Pending& p, std::vector<Event>& appended, BatchEffects& effects) {
  // A retry of the same command gets the first answer, and nothing is applied twice.
  {
    auto q = db_.prepare("SELECT status, response FROM command_results WHERE person_id = ? AND command_id = ?");
    q.bind(1, p.actor.id).bind(2, p.command_id);
    if (q.step()) {
      auto text = q.text(1);
      auto body = nlohmann::json::parse(text, nullptr, false);
      return CommandOutcome{static_cast<int>(q.int64(0)), std::move(body), std::move(text), true};
    }
  }
  if (std::holds_alternative<CreateProgram>(p.command)) p.program = programs_.empty() ? 1 : programs_.rbegin()->first + 1;
  auto it = programs_.find(p.program);
  std::optional<ProgramState> fresh; // only for CreateProgram: building a state is not free
  if (it == programs_.end()) fresh.emplace();
  ProgramState& state = it == programs_.end() ? *fresh : it->second;

  CommandOutcome out;
  auto decided = decide(state, p.command, p.actor, p.now);
  if (!decided) {
    out.status = http::status_for(decided.error().code);
    out.body = core::to_json_body(decided.error());
  } else {
    ProgramState& target = it == programs_.end() ? programs_[p.program] : state;
    nlohmann::json visible = nlohmann::json::array();
    std::size_t first = appended.size();
    for (const auto& body : decided.value()) {
      Event e{0, p.program, p.actor.id, p.now, body};
      // An event about a customer is sealed with its key (judged on the state before it).
      e.seq = events_.append(p.program, p.actor.id, p.now, body, data_subject(target, e));
      const auto* erasure = std::get_if<CustomerErased>(&body);
      std::optional<privacy::ErasedCustomer> erased;
      if (erasure) erased = privacy::before_erasure(target, erasure->customer_id);
      const auto* expiry = std::get_if<TicketsExpired>(&body);
      std::optional<privacy::ExpiredTickets> expired;
      if (expiry) expired = privacy::before_expiry(target, *expiry);
      // The notifications this event makes are mailed in this transaction (mail_hook_).
      target.fresh_notifications.collecting = static_cast<bool>(mail_hook_);
      apply(target, e);
      target.fresh_notifications.collecting = false;
      projections_.write(target, body);
      if (auto inv = std::get_if<InvitationCreated>(&body)) invitations_by_token_[inv->token_hash] = {p.program, inv->invitation_id};
      if (mail_hook_) effects.mail_queued += mail_hook_(target, e, target.fresh_notifications.items, p.invitation_link);
      target.fresh_notifications.items.clear();
      appended.push_back(std::move(e));
      if (erased) {
        auto files = privacy::purge(db_, keys_, target, *erased);
        effects.unreferenced_files.insert(effects.unreferenced_files.end(), files.begin(), files.end());
        effects.erased = true;
        // What the log now reads (the customer's events in their erased form) is the state:
        // notifications and derived texts as a replay after a restart builds them.
        target = replayed(p.program);
      }
      if (expired) {
        auto files = privacy::purge_expired(db_, keys_, target, *expired, p.now);
        effects.unreferenced_files.insert(effects.unreferenced_files.end(), files.begin(), files.end());
        if (!expired->text.empty()) {
          // As after an erasure: the state is what the log now reads.
          effects.erased = true;
          target = replayed(p.program);
        }
      }
    }
    for (std::size_t i = first; i < appended.size(); ++i)
      if (auto shown = event_for_reader(target, p.actor.id, appended[i])) visible.push_back(to_json(*shown, false));
    out.body = {{"command_id", p.command_id}, {"program_id", p.program}, {"version", target.version}, {"events", visible}};
  }
  // Refusals are stored too: a retry of a refused command is refused the same way.
  db_.prepare("INSERT INTO command_results(person_id, command_id, program_id, status, response, at_ms) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, p.actor.id).bind(2, p.command_id).bind(3, p.program).bind(4, static_cast<std::int64_t>(out.status))
      .bind(5, out.text = out.body.dump()).bind(6, p.now).run();
  return out;
}

void CommandService::write_batch(std::vector<std::shared_ptr<Pending>>& batch) {
  std::unique_lock lock(mutex_);
  std::vector<Event> appended;
  std::vector<CommandOutcome> results;
  bool committed = true;
  BatchEffects effects;
  try {
    db_.write([&] {
      for (auto& p : batch) results.push_back(decide_one(*p, appended, effects));
      // The program row carries the version: written once per program this transaction
      // changed, from its state after the last command.
      std::set<ProgramId> touched;
      for (const auto& e : appended) touched.insert(e.program_id);
      for (auto program : touched) projections_.write_program(programs_.at(program));
    });
  } catch (...) {
    committed = false;
  }
  if (committed) {
    event_count_ += appended.size();
    if (std::any_of(appended.begin(), appended.end(), [](const Event& e) { return std::holds_alternative<SecurityPolicyChanged>(e.body); }))
      recount_policies();
    if (!appended.empty()) hub_.published(appended.back().seq);
    if (effects.mail_queued > 0 && mail_queued_) mail_queued_();
    // The erased rows' earlier pages must not stay readable in the write-ahead log.
    if (effects.erased) db_.truncate_log();
    if (erasure_hook_ && !effects.unreferenced_files.empty()) erasure_hook_(effects.unreferenced_files);
  } else {
    keys_.reset_cache(); // keys made or destroyed in the rolled-back transaction
    // The transaction rolled back: memory may hold events that are not on disk. Rebuild it
    // from the log and answer every command of the batch with an error (none was applied).
    results.assign(batch.size(), internal_error_outcome());
    lock.unlock();
    replay();
  }
  // Answers are published only now, after COMMIT (the batch's shared pointers keep every flag
  // alive until it has been notified).
  for (std::size_t i = 0; i < batch.size(); ++i) answer(*batch[i], std::move(results[i]));
}

void CommandService::answer(Pending& p, CommandOutcome outcome) {
  p.outcome = std::move(outcome);
  p.done.store(1, std::memory_order_release); // the request wakes on its own flag
  p.done.notify_one();
}

} // namespace pd::execution
