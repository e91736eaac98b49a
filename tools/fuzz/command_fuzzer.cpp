// libFuzzer target: arbitrary bytes into the command decoder, and every decoded command
// through decide() and apply() against a small program. Nothing may crash, hang or trip a
// sanitizer; a refused input must leave the state untouched.
#include "shared/domain/apply.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"
#include "shared/domain/visibility.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace pd::domain;

ProgramState make_program() {
  ProgramState s;
  Sequence seq = 0;
  auto add = [&](PersonId actor, EventBody body) { apply(s, Event{++seq, 1, actor, 1'700'000'000'000, std::move(body)}); };
  add(1, ProgramCreated{"Acme", "USD", 1, "Owner", "owner@a.test"});
  add(1, InvitationCreated{1, "staff@a.test", pd::identity::Role::staff, "h1", 1'800'000'000'000, 0});
  add(2, InvitationAccepted{1, 2, "Staff", "staff@a.test"});
  add(1, InvitationCreated{2, "agent@a.test", pd::identity::Role::agent, "h2", 1'800'000'000'000, 0});
  add(3, InvitationAccepted{2, 3, "Agent", "agent@a.test"});
  add(2, CustomerAdded{1, CustomerProfile{"C", "c@a.test", "Growth", SubscriptionStatus::active, "2025-01-01", Money{100, "USD"}, 3}});
  add(2, CertificationStatusChanged{3, CertificationStatus::certified, "", 0, 0});
  add(2, CustomerAssigned{1, 3, 0});
  // Certification: a text lesson with a quiz, a demo script and a bank of two questions.
  TrainingModule lesson;
  lesson.id = 1, lesson.kind = ModuleKind::text, lesson.title = "Basics";
  lesson.sections = {{"One", "Read this.", {{"Which?", {"a", "b"}}}}};
  add(1, TrainingModuleSaved{lesson});
  add(1, QuizKeySaved{1, {{1}}});
  TrainingModule demo;
  demo.id = 2, demo.kind = ModuleKind::demo_script, demo.title = "Demo", demo.script = "Show it", demo.practice_sessions = 1;
  add(1, TrainingModuleSaved{demo});
  add(1, QuestionSaved{Question{1, QuestionKind::multiple_choice, "Pick", "", {"x", "y"}, {0}, "", 1}});
  add(1, QuestionSaved{Question{2, QuestionKind::short_answer, "Say", "", {}, {}, "Anything kind", 2}});
  // A billing API key for RevokeApiKey to find.
  add(1, ApiKeyCreated{1, "Billing", "pdk_11111111", std::string(64, '1')});
  // A ticket for the support desk's commands to work on.
  TicketMessage m{1, MessageKind::reply, 2, "Staff", pd::identity::Role::staff, "Help", 1'700'000'000'000, {}, {}, false};
  add(2, TicketOpened{1, 1, 3, "Export fails", Priority::p2, Category::bug, {}, m,
                      pd::domain::sla::start_clock(s.support_settings, s.customer(1), Priority::p2, 1'700'000'000'000)});
  return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ProgramState base = make_program();
  auto envelope = decode_command_envelope(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!envelope) return 0;
  // What the server's command route fills in before decide(): an API key's prefix and hash.
  Command command = envelope->command;
  if (auto key = std::get_if<CreateApiKey>(&command)) {
    key->key_prefix = "pdk_0123abcd";
    key->key_hash = std::string(64, 'a');
  }
  const auto before = state_to_json(base);
  for (PersonId who : {1, 2, 3, 4, 99}) {
    auto decided = decide(base, command, Actor{who, "Fuzzer", "fuzz@a.test"}, 1'750'000'000'000);
    if (!decided) {
      if (state_to_json(base) != before) __builtin_trap();
      continue;
    }
    ProgramState s = base;
    Sequence seq = s.version;
    for (const auto& body : decided.value()) {
      Event e{++seq, 1, who, 1'750'000'000'000, body};
      apply(s, e);
      (void)event_visible_to(s, 3, e);
      (void)event_from_json(to_json(e, true));
    }
    (void)visible_state(s, 3);
  }
  return 0;
}
