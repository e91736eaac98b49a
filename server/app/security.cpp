#include "server/app/security.hpp"

#include "server/http/responses.hpp"
#include "server/storage/email_changes.hpp"
#include "shared/domain/security/step_up.hpp"

namespace pd::app {

std::vector<std::string> two_factor_required_by(Services& services, std::int64_t person_id) {
  std::vector<std::string> names;
  if (!services.commands.any_two_factor_policy()) return names; // the common case: no program asks
  if (services.accounts.two_factor_enabled(person_id)) return names;
  for (const auto& m : services.accounts.memberships_of(person_id)) {
    auto required = services.commands.read(m.program_id, [&](const domain::ProgramState& s) {
      auto member = s.members.find(person_id);
      return member != s.members.end() && domain::two_factor_required(s.security, member->second.role);
    });
    if (required && *required) names.push_back(m.program_name);
  }
  return names;
}

std::optional<api::Me> me_of(Services& services, std::int64_t person_id) {
  auto me = services.accounts.me(person_id);
  if (!me) return me;
  me->two_factor_required_by = two_factor_required_by(services, person_id);
  me->pending_email = storage::EmailChanges(services.db).pending_of(person_id, services.now_ms()).value_or("");
  return me;
}

void record_member_email(Services& services, std::int64_t person_id) {
  auto person = services.accounts.find_by_id(person_id);
  if (!person) return;
  for (const auto& m : services.accounts.memberships_of(person_id)) {
    // The member's version names the copy being replaced, so the command id is new for each change.
    auto stale = services.commands.read(m.program_id, [&](const domain::ProgramState& s) -> std::optional<domain::Sequence> {
      auto member = s.members.find(person_id);
      if (member == s.members.end() || member->second.email == person->email) return std::nullopt;
      return member->second.version;
    });
    if (!stale || !*stale) continue;
    services.commands.execute(m.program_id, "member-email-" + std::to_string(person_id) + "-" + std::to_string(**stale), domain::RecordMemberEmail{},
                              domain::Actor{person->id, person->name, person->email}, services.now_ms());
  }
}

bool step_up_allows(const domain::Command& command, const Caller& caller, httplib::Response& res, Services& services) {
  return !domain::needs_step_up(command) || second_factor_fresh(caller, res, services);
}

bool second_factor_fresh(const Caller& caller, httplib::Response& res, Services& services) {
  if (!services.accounts.two_factor_enabled(caller.person_id)) return true; // nothing to prove with
  const domain::TimeMs window = std::int64_t{services.options.step_up_minutes} * 60 * 1000;
  if (domain::step_up_fresh(caller.mfa_at_ms, services.now_ms(), window)) return true;
  http::send_error(res, 403, core::ErrorCode::step_up_required,
                   "Confirm it is you: enter the 6-digit code from your authenticator app, then this change is made.", "code");
  return false;
}

} // namespace pd::app
