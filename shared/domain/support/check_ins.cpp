#include "shared/domain/support/check_ins.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/support_access.hpp"

#include <algorithm>

namespace pd::domain {

bool may_schedule_check_in(const ProgramState& s, PersonId person, CustomerId customer) {
  if (!s.customer(customer)) return false;
  const auto role = s.role_of(person);
  if (identity::is_business_role(role)) return true;
  return role == identity::Role::agent && may_work_support(s, person) &&
         is_allowed(s, person, Action::read_customer, {.customer = customer});
}

bool may_change_check_in(const ProgramState& s, PersonId person, const CheckIn& c) {
  const auto role = s.role_of(person);
  return identity::is_business_role(role) || (role == identity::Role::agent && c.agent_id == person && may_work_support(s, person));
}

std::optional<core::Error> check_in_refusal(const ProgramState& s, PersonId person) {
  if (s.role_of(person) != identity::Role::agent || may_work_support(s, person)) return std::nullopt;
  return core::make_error(core::ErrorCode::forbidden, "You may not work support now (" + why_no_support(s, person) +
                                                          "): check-ins with your customers are scheduled, completed and moved by "
                                                          "the business meanwhile.");
}

std::optional<core::Error> check_in_time_error(TimeMs due_at, TimeMs now, const char* field) {
  if (due_at < now - day_ms) return core::make_error(core::ErrorCode::invalid_field, "A check-in is scheduled for today or later.", field);
  return std::nullopt;
}

std::vector<const CheckIn*> check_ins_of_customer(const ProgramState& s, CustomerId customer) {
  std::vector<const CheckIn*> out;
  for (const auto& [id, c] : s.check_ins)
    if (c.customer_id == customer) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const CheckIn* a, const CheckIn* b) {
    if (a->done != b->done) return !a->done;
    if (!a->done) return a->due_at != b->due_at ? a->due_at < b->due_at : a->id < b->id;
    return a->done_at != b->done_at ? a->done_at > b->done_at : a->id > b->id;
  });
  return out;
}

} // namespace pd::domain
