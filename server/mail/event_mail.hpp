// Mail caused by a command's events, queued in the command's own write transaction (so a
// crash never loses one and a retried command never makes a second): each notification the
// events made (shared/domain/support/mail_preferences.hpp maps its kind to a kind of mail)
// goes to its person as every message, as a line of their daily digest, or not at all, as they
// chose; an invitation goes to the invited address with its link. Message ids come from the
// cause: "n<program>-<person>-<notification id>@host", "invite-<program>-<invitation id>@host".
#pragma once

#include "server/auth/link_signer.hpp"
#include "server/config/options.hpp"
#include "server/storage/database.hpp"
#include "server/storage/outbox.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/support/mail_preferences.hpp"

#include <cstdint>
#include <map>
#include <span>
#include <string>

namespace pd::mail {

// The address links in mail start with: --public-url, else http://HOST:PORT.
std::string public_url(const config::Options& options);

struct EventMailSettings {
  const config::Options& options;
  const auth::LinkSigner& links;
  std::string message_host; // the host part of message ids
};

// Called inside Database::write after the events of one command were applied to `after`.
// `fresh` holds the notifications they made; `invitation_link` the path of a new invitation's
// link ("/#/invite/<token>", only the command's answer has the token). Returns the number of
// messages and digest lines queued.
int queue_event_mail(storage::Database& db, const EventMailSettings& settings, const domain::ProgramState& after,
                     const domain::Event& event, std::span<const domain::FreshNotification> fresh,
                     const std::string& invitation_link, std::int64_t now_ms);

// A person's choices, defaults filled in (read in the caller's scope, or a read of its own).
std::map<domain::MailCategory, domain::MailMode> mail_modes(storage::Database& db, domain::PersonId person);
void set_mail_modes(storage::Database& db, domain::PersonId person, const std::map<domain::MailCategory, domain::MailMode>& modes);

// The signed value of an unsubscribe link ("<person>-<category>.<tag>"), and what it names.
std::string unsubscribe_token(const auth::LinkSigner& links, domain::PersonId person, domain::MailCategory category);
struct Unsubscribe {
  domain::PersonId person = 0;
  domain::MailCategory category = domain::MailCategory::my_tickets;
};
std::optional<Unsubscribe> parse_unsubscribe_token(const auth::LinkSigner& links, const std::string& token);

// The signed value of an erasure confirmation link ("<program>-<erasure>.<tag>"), and what it
// names: the link mailed to a customer who asked to erase its data (shared/domain/privacy/erasure.hpp).
std::string erasure_token(const auth::LinkSigner& links, domain::ProgramId program, domain::ErasureId erasure);
struct ErasureLink {
  domain::ProgramId program = 0;
  domain::ErasureId erasure = 0;
};
std::optional<ErasureLink> parse_erasure_token(const auth::LinkSigner& links, const std::string& token);

// Daily digests: at --digest-hour (UTC) each person with waiting lines gets one message with all
// of them ("digest-<person>-<yyyymmdd>@host"). Queues those due at now_ms; returns how many.
int queue_due_digests(storage::Database& db, const EventMailSettings& settings, std::int64_t now_ms);
// When the next digest is due (0: no line waits).
std::int64_t next_digest_ms(storage::Database& db, int digest_hour);
// The first digest time (digest_hour:00 UTC) strictly after t.
std::int64_t digest_time_after(std::int64_t t_ms, int digest_hour);

} // namespace pd::mail
