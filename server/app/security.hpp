// The business's two-factor requirement and step-up, as every request meets them:
// - a person whom a program requires to sign in with two-factor, and who has not turned it
//   on, may do nothing but turn it on (403 two_factor_enrolment_required);
// - a command that needs step-up (shared/domain/security/step_up.hpp) from a person with
//   two-factor on needs a code proven within --step-up-minutes (403 step_up_required).
#pragma once

#include "server/app/current_person.hpp"
#include "server/app/services.hpp"
#include "shared/api/session_wire.hpp"

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

namespace pd::app {

// The names of the programs that require two-factor sign-in of this person, who has not
// turned it on (empty: nothing is required, or it is on).
std::vector<std::string> two_factor_required_by(Services& services, std::int64_t person_id);

// The signed-in person as GET /api/v1/me answers it.
std::optional<api::Me> me_of(Services& services, std::int64_t person_id);

// Brings each program's member list in step with the person's account address: a
// RecordMemberEmail in every program whose copy differs. Called after an email change and at
// each sign-in (which mends a change cut short before every program heard of it).
void record_member_email(Services& services, std::int64_t person_id);

// Whether the caller may send this command now; when not, 403 step_up_required was sent.
bool step_up_allows(const domain::Command& command, const Caller& caller, httplib::Response& res, Services& services);
// The same for a sensitive change outside the commands (the person's own password): true when
// two-factor is off or was proven within the window; else 403 step_up_required was sent.
bool second_factor_fresh(const Caller& caller, httplib::Response& res, Services& services);

} // namespace pd::app
