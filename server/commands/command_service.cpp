#include "server/commands/command_service.hpp"

#include "server/http/responses.hpp"
#include "shared/domain/apply.hpp"
#include "shared/domain/visibility.hpp"

namespace pd::commands {

using namespace domain;

CommandService::CommandService(storage::Database& db, events::EventHub& hub)
    : db_(db), events_(db), projections_(db), hub_(hub) {}

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
  hub_.published(last);
}

int CommandService::load() {
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
                                       const Actor& actor, TimeMs now) {
  std::unique_lock lock(mutex_);
  // A retry of the same command gets the first answer, and nothing is applied twice.
  auto stored = db_.read([&]() -> std::optional<CommandOutcome> {
    auto q = db_.prepare("SELECT status, response FROM command_results WHERE person_id = ? AND command_id = ?");
    q.bind(1, actor.id).bind(2, command_id);
    if (!q.step()) return std::nullopt;
    return CommandOutcome{static_cast<int>(q.int64(0)), nlohmann::json::parse(q.text(1), nullptr, false), true};
  });
  if (stored) return *stored;
  return run(program, command_id, command, actor, now);
}

CommandOutcome CommandService::run(ProgramId program, const std::string& command_id, const Command& command,
                                   const Actor& actor, TimeMs now) {
  const bool creating = std::holds_alternative<CreateProgram>(command);
  if (creating) program = programs_.empty() ? 1 : programs_.rbegin()->first + 1;
  ProgramState empty;
  auto it = programs_.find(program);
  const ProgramState& before = it == programs_.end() ? empty : it->second;

  auto decided = decide(before, command, actor, now);
  CommandOutcome out;
  if (!decided) {
    out.status = http::status_for(decided.error().code);
    out.body = core::to_json_body(decided.error());
  }

  // Apply to a copy so a failed transaction leaves memory as it was.
  ProgramState after = before;
  std::vector<Event> appended;
  db_.write([&] {
    if (decided) {
      for (const auto& body : decided.value()) {
        Event e{0, program, actor.id, now, body};
        e.seq = events_.append(program, actor.id, now, body);
        apply(after, e);
        projections_.write(after, body);
        appended.push_back(std::move(e));
      }
      nlohmann::json visible = nlohmann::json::array();
      for (const auto& e : appended)
        if (event_visible_to(after, actor.id, e)) visible.push_back(to_json(e, false));
      out.body = {{"command_id", command_id}, {"program_id", program}, {"version", after.version}, {"events", visible}};
    }
    // Refusals are stored too: a retry of a refused command is refused the same way.
    db_.prepare("INSERT INTO command_results(person_id, command_id, program_id, status, response, at_ms) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, actor.id).bind(2, command_id).bind(3, program).bind(4, static_cast<std::int64_t>(out.status))
        .bind(5, out.body.dump()).bind(6, now).run();
  });
  if (!appended.empty()) {
    for (const auto& e : appended)
      if (auto inv = std::get_if<InvitationCreated>(&e.body)) invitations_by_token_[inv->token_hash] = {program, inv->invitation_id};
    programs_[program] = std::move(after);
    event_count_ += appended.size();
    hub_.published(appended.back().seq);
  }
  return out;
}

} // namespace pd::commands
