#include "server/storage/migrations.hpp"

namespace pd::storage {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> all = {
      // 1: accounts, programs, memberships, sessions.
      R"sql(
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE programs (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE memberships (
  program_id INTEGER NOT NULL REFERENCES programs(id),
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  role       TEXT NOT NULL CHECK (role IN ('owner','admin','staff','agent','customer')),
  joined_at_ms INTEGER NOT NULL,
  PRIMARY KEY (program_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships(person_id);
CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_person ON sessions(person_id);
CREATE TABLE health_probe (id INTEGER PRIMARY KEY, checked INTEGER NOT NULL);
)sql",
      // 2: the event log (append-only, the source of truth), command results (idempotency)
      //    and the projections reads are answered from. programs and memberships (from 1)
      //    become projections of the log too.
      R"sql(
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL,
  type       TEXT NOT NULL,
  actor      INTEGER NOT NULL,
  at_ms      INTEGER NOT NULL,
  payload    TEXT NOT NULL
);
CREATE INDEX events_by_program ON events(program_id, seq);
CREATE TRIGGER events_are_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_d BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE command_results (
  person_id  INTEGER NOT NULL,
  command_id TEXT NOT NULL,
  program_id INTEGER NOT NULL,
  status     INTEGER NOT NULL,
  response   TEXT NOT NULL,
  at_ms      INTEGER NOT NULL,
  PRIMARY KEY (person_id, command_id)
);
ALTER TABLE programs ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE programs ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE agents (
  program_id    INTEGER NOT NULL,
  person_id     INTEGER NOT NULL,
  status        TEXT NOT NULL,
  status_reason TEXT NOT NULL,
  status_since  INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  PRIMARY KEY (program_id, person_id)
);
CREATE TABLE customers (
  program_id      INTEGER NOT NULL,
  id              INTEGER NOT NULL,
  name            TEXT NOT NULL,
  email           TEXT NOT NULL,
  segment         TEXT NOT NULL,
  subscription    TEXT NOT NULL,
  started_on      TEXT NOT NULL,
  mrr_minor       INTEGER NOT NULL,
  mrr_currency    TEXT NOT NULL,
  referring_agent INTEGER NOT NULL,
  assigned_agent  INTEGER NOT NULL,
  person_id       INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  PRIMARY KEY (program_id, id)
);
CREATE INDEX customers_by_agent ON customers(program_id, assigned_agent);
CREATE TABLE invitations (
  program_id  INTEGER NOT NULL,
  id          INTEGER NOT NULL,
  email       TEXT NOT NULL,
  role        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  expires_at  INTEGER NOT NULL,
  invited_by  INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  status      TEXT NOT NULL,
  accepted_by INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  PRIMARY KEY (program_id, id)
);
)sql",
      // 3: uploaded files (content-addressed on disk under DATA_DIR/files) and uploads in
      //    progress (DATA_DIR/uploads).
      R"sql(
CREATE TABLE files (
  program_id    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  name          TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  uploaded_by   INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (program_id, sha256)
);
CREATE TABLE uploads (
  id            TEXT PRIMARY KEY,
  program_id    INTEGER NOT NULL,
  person_id     INTEGER NOT NULL,
  name          TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  received      INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL
);
)sql",
      // 4: upload limits: when an upload last received a piece (it expires after a while),
      //    and every person who uploaded each content to a program (their files, for the
      //    per-person limit and for attaching what they uploaded themselves).
      R"sql(
ALTER TABLE uploads ADD COLUMN last_piece_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE uploads SET last_piece_at_ms = created_at_ms;
CREATE INDEX uploads_by_person ON uploads(program_id, person_id);
CREATE INDEX uploads_by_last_piece ON uploads(last_piece_at_ms);
CREATE TABLE file_uploaders (
  program_id    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  person_id     INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (program_id, person_id, sha256)
);
INSERT INTO file_uploaders(program_id, sha256, person_id, size, created_at_ms)
  SELECT program_id, sha256, uploaded_by, size, created_at_ms FROM files;
)sql",
      // 5: two-factor sign-in: per person the TOTP secret (and one being set up, not yet
      //    confirmed), whether it is on, the last time step accepted (the replay guard) and
      //    the hashes of the unused recovery codes; each session records when the second
      //    factor was last proven in it (0: never).
      R"sql(
CREATE TABLE two_factor (
  person_id      INTEGER PRIMARY KEY REFERENCES persons(id),
  secret         TEXT NOT NULL DEFAULT '', -- base32
  pending_secret TEXT NOT NULL DEFAULT '', -- base32
  enabled        INTEGER NOT NULL DEFAULT 0,
  last_step      INTEGER NOT NULL DEFAULT 0,
  updated_at_ms  INTEGER NOT NULL
);
CREATE TABLE recovery_codes (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  code_hash TEXT NOT NULL
);
CREATE INDEX recovery_codes_by_person ON recovery_codes(person_id);
ALTER TABLE sessions ADD COLUMN mfa_at_ms INTEGER NOT NULL DEFAULT 0;
)sql",
      // 6: outgoing mail and password resets. The outbox keeps every message from the
      //    transaction that caused it until the relay accepted it (sent_at_ms > 0); message_id
      //    is derived from its cause, so one cause never makes two messages. A password reset
      //    keeps only its token's hash; person_id 0 is the row an unknown address writes (no
      //    token matches it).
      R"sql(
CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY,
  message_id         TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL,
  recipient          TEXT NOT NULL,
  subject            TEXT NOT NULL,
  text_body          TEXT NOT NULL,
  html_body          TEXT NOT NULL,
  created_at_ms      INTEGER NOT NULL,
  next_attempt_at_ms INTEGER NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  sent_at_ms         INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox(sent_at_ms, next_attempt_at_ms);
CREATE TABLE password_resets (
  token_hash    TEXT PRIMARY KEY,
  person_id     INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX password_resets_by_expiry ON password_resets(expires_at_ms);
)sql",
      // 7: what a person sees of their sessions (the browser, the address it signed in from,
      //    when it was last seen), to end any of them.
      R"sql(
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER NOT NULL DEFAULT 0;
)sql",
      // 8: mail caused by events. server_keys holds the random key that signs links in mail
      //    (unsubscribe, reply addresses), made on the first start. An outgoing message may
      //    carry a Reply-To and a one-click unsubscribe link (RFC 8058), and names the program
      //    it is about (0: none) for the owner's delivery status. Each person chooses
      //    per kind of mail: every message, a daily digest, or none; digest lines wait in
      //    mail_digest until the day's digest takes them.
      R"sql(
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key  TEXT NOT NULL -- hex
);
ALTER TABLE outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN program_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_program ON outbox(program_id, sent_at_ms);
CREATE TABLE mail_preferences (
  person_id INTEGER NOT NULL,
  category  TEXT NOT NULL,
  mode      TEXT NOT NULL,
  PRIMARY KEY (person_id, category)
);
CREATE TABLE mail_digest (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL,
  category      TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  line          TEXT NOT NULL,
  link          TEXT NOT NULL DEFAULT '',
  recipient     TEXT NOT NULL,
  program_name  TEXT NOT NULL DEFAULT '',
  taken_at_ms   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_digest_waiting ON mail_digest(taken_at_ms, person_id);
)sql",
      // 9: email verification and known browsers. A person's email is verified when they
      //    opened the link mailed to it (accounts from before count as verified); a link keeps
      //    only its token's hash, the address it was sent to and, for an account created through
      //    an invitation link, that invitation's token hash (verifying accepts it). known_browsers holds the
      //    hashes of the device cookies a person signed in from (the 20 most recent), so a
      //    sign-in from any other browser mails them.
      R"sql(
ALTER TABLE persons ADD COLUMN email_verified_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET email_verified_at_ms = MAX(created_at_ms, 1);
CREATE TABLE email_verifications (
  token_hash    TEXT PRIMARY KEY,
  person_id     INTEGER NOT NULL,
  email         TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms    INTEGER NOT NULL DEFAULT 0,
  invitation_token_hash TEXT NOT NULL DEFAULT '' -- an account made through an invitation link: accepted on verifying
);
CREATE INDEX email_verifications_by_person ON email_verifications(person_id, created_at_ms);
CREATE TABLE known_browsers (
  person_id     INTEGER NOT NULL,
  device_hash   TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL,
  PRIMARY KEY (person_id, device_hash)
);
)sql",
      // 10: mail held for the business (server/storage/held_mail.hpp): replies by email that were
      //     not added to a ticket by themselves. message_key (a hash of the Message-ID) holds a
      //     message once however often it is fetched.
      R"sql(
CREATE TABLE held_mail (
  id             INTEGER PRIMARY KEY,
  message_key    TEXT NOT NULL UNIQUE,
  program_id     INTEGER NOT NULL, -- 0: not known
  ticket_id      INTEGER NOT NULL, -- 0: not known
  sender         TEXT NOT NULL,
  subject        TEXT NOT NULL,
  text           TEXT NOT NULL,
  reason         TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL
);
CREATE INDEX held_mail_by_program ON held_mail(program_id, id);
)sql",
      // 11: a person's own change of email address (server/storage/email_changes.hpp): the new
      //     address waits here, with its confirmation link's token hash, until the link is
      //     opened; session_hash is the session that asked (kept when the change signs the
      //     others out). A row is pending while unused and unexpired; a newer request or a
      //     cancel uses up the older ones.
      R"sql(
CREATE TABLE email_changes (
  token_hash    TEXT PRIMARY KEY,
  person_id     INTEGER NOT NULL,
  new_email     TEXT NOT NULL,
  session_hash  TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_changes_by_person ON email_changes(person_id, created_at_ms);
)sql",
      // Crypto-shredding (shared/domain/privacy/erasure.hpp): each customer's key, and for every
      // event about a customer its subject and its sealed whole form (the payload keeps the
      // erased form).
      R"sql(
CREATE TABLE customer_keys (
  program_id  INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  key         TEXT NOT NULL,
  PRIMARY KEY (program_id, customer_id)
);
ALTER TABLE events ADD COLUMN subject INTEGER;
ALTER TABLE events ADD COLUMN sealed TEXT;
-- A log written before this version: its events up to `through` are sealed once, at the next
-- start (CommandService::seal_old_log), then `through` is 0.
CREATE TABLE log_to_seal (through INTEGER NOT NULL);
INSERT INTO log_to_seal(through) SELECT COALESCE(MAX(seq), 0) FROM events;
)sql",
      // Retention periods (shared/domain/privacy/data_retention.hpp): a ticket's events are
      // sealed with the ticket's own key (ticket_id; 0 is the customer's own key), so one
      // ticket's text can be destroyed alone. The log is sealed again once, at the next start.
      R"sql(
CREATE TABLE customer_keys_by_ticket (
  program_id  INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  ticket_id   INTEGER NOT NULL DEFAULT 0,
  key         TEXT NOT NULL,
  PRIMARY KEY (program_id, customer_id, ticket_id)
);
INSERT INTO customer_keys_by_ticket(program_id, customer_id, ticket_id, key) SELECT program_id, customer_id, 0, key FROM customer_keys;
DROP TABLE customer_keys;
ALTER TABLE customer_keys_by_ticket RENAME TO customer_keys;
ALTER TABLE events ADD COLUMN subject_ticket INTEGER;
UPDATE log_to_seal SET through = (SELECT COALESCE(MAX(seq), 0) FROM events);
)sql",
  };
  return all;
}

} // namespace pd::storage
