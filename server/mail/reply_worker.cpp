#include "server/mail/reply_worker.hpp"

#include "server/app/services.hpp"
#include "server/mail/inbound.hpp"
#include "server/mail/reply_address.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/support/support_commands.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace pd::mail {

namespace {

std::string lower_reply_worker(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// 32 hex digits of SHA-256 over the Message-ID (or over the whole message when it has none).
std::string message_key_of(const InboundMail& mail, const std::string& raw) {
  const std::string& basis = mail.message_id.empty() ? raw : mail.message_id;
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(basis.data()), basis.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string(hex, 32);
}

// Whether an address has the shape of a reply address of this mailbox (to tell a bad tag from none).
bool looks_like_reply_address(const std::string& base, const std::string& address) {
  const auto at = base.rfind('@');
  if (at == std::string::npos) return false;
  const auto prefix = lower_reply_worker(base.substr(0, at)) + "+t";
  const auto domain = "@" + lower_reply_worker(base.substr(at + 1));
  return address.rfind(prefix, 0) == 0 && address.size() > domain.size() &&
         address.compare(address.size() - domain.size(), domain.size(), domain) == 0;
}

} // namespace

ReplyHandled receive_reply(app::Services& services, storage::HeldMailStore& held, const FetchedMessage& message) {
  const auto mail = parse_inbound(message.raw);
  const auto key = message_key_of(mail, message.raw);
  auto text = strip_quoted_history(mail.text);
  if (text.size() > ReplyWorker::max_text_chars) {
    text.resize(ReplyWorker::max_text_chars);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
      text.pop_back(); // no cut character
    if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80)) text.pop_back();
    text += "\n[...]";
  }
  const auto now = services.now_ms();
  std::optional<ReplyTarget> target;
  bool bad_tag = false;
  for (const auto& r : mail.recipients) {
    if ((target = parse_reply_address(services.options.reply_address, services.links, r))) break;
    if (looks_like_reply_address(services.options.reply_address, r)) bad_tag = true;
  }
  auto hold = [&](const std::string& reason) {
    storage::HeldMail h;
    h.message_key = key;
    h.program_id = target ? target->program : 0;
    h.ticket_id = target ? target->ticket : 0;
    h.sender = mail.from_name.empty() ? mail.from : mail.from_name + " <" + mail.from + ">";
    h.subject = mail.subject;
    h.text = text.empty() ? mail.text.substr(0, ReplyWorker::max_text_chars) : text;
    h.reason = reason;
    h.received_at_ms = now;
    if (held.hold(h))
      services.log.info("reply by email held",
                        {{"program_id", h.program_id}, {"ticket_id", h.ticket_id}, {"reason", reason}});
    return ReplyHandled{false, reason};
  };
  if (!target)
    return hold(bad_tag ? "It was sent to a reply address whose signature does not match (an old or altered address)."
                        : "It was not sent to a ticket's reply address.");
  if (message.truncated) return hold("It is larger than 1 MiB; only its start was read.");
  if (mail.automatic) return hold("It is an automatic reply (an out-of-office notice or a mailing).");

  struct TicketCustomer {
    bool ticket = false;
    domain::PersonId person = 0;
  };
  const auto found = services.commands.read(target->program, [&](const domain::ProgramState& s) {
    TicketCustomer out;
    const auto* t = s.ticket(target->ticket);
    if (!t) return out;
    out.ticket = true;
    if (const auto* c = s.customer(t->customer_id)) out.person = c->person_id;
    return out;
  });
  if (!found || !found->ticket) return hold("The ticket it answers does not exist.");
  if (found->person == 0) return hold("The ticket's customer has no account to reply as.");
  const auto person = services.accounts.find_by_id(found->person);
  if (!person) return hold("The ticket's customer has no account to reply as.");
  if (mail.from.empty() || lower_reply_worker(person->email) != mail.from)
    return hold("It comes from " + (mail.from.empty() ? std::string("no address") : mail.from) +
                ", not from the ticket's customer.");
  if (text.empty()) return hold("It holds no text of its own.");

  domain::ReplyToTicket reply;
  reply.ticket_id = target->ticket;
  reply.text = text;
  const domain::Actor actor{person->id, person->name, person->email};
  const auto outcome = services.commands.execute(target->program, "mail-" + key, domain::Command{reply}, actor, now);
  if (outcome.status != 200) {
    std::string why = "The reply was refused";
    if (outcome.body.contains("error") && outcome.body["error"].contains("message"))
      why += ": " + outcome.body["error"]["message"].get<std::string>();
    return hold(why + (why.back() == '.' ? "" : "."));
  }
  services.log.info("reply by email added",
                    {{"program_id", target->program}, {"ticket_id", target->ticket}, {"replayed", outcome.replayed}});
  return ReplyHandled{true, {}};
}

ReplyWorker::ReplyWorker(app::Services& services)
    : services_(services), held_(services.db), settings_{services.options.imap_url, services.options.imap_user,
                                                         services.options.imap_password, services.options.imap_plain} {
  thread_ = std::thread([this] { run(); });
}

ReplyWorker::~ReplyWorker() { stop(); }

void ReplyWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void ReplyWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReplyWorker::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    try {
      poll();
    } catch (const std::exception& e) {
      services_.log.error("reading the support mailbox failed", {{"error", e.what()}});
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(services_.options.imap_poll_seconds),
                   [this] { return stopping_ || woken_; });
  }
}

void ReplyWorker::poll() {
  ImapSession session(settings_);
  auto uids = session.unseen();
  if (!uids) {
    services_.log.warn("the support mailbox cannot be read", {{"error", session.error()}});
    return;
  }
  if (uids->size() > static_cast<std::size_t>(batch_size)) uids->resize(batch_size); // the rest on the next poll
  for (const auto uid : *uids) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto message = session.fetch(uid, max_message_bytes);
    if (!message) {
      services_.log.warn("a message in the support mailbox cannot be read", {{"uid", uid}, {"error", session.error()}});
      return;
    }
    receive_reply(services_, held_, *message); // appended or held: handled either way
    if (!session.mark_seen(uid)) {
      services_.log.warn("a handled message cannot be marked seen", {{"uid", uid}, {"error", session.error()}});
      return;
    }
  }
  if (uids->size() == static_cast<std::size_t>(batch_size)) {
    std::lock_guard lock(mutex_);
    woken_ = true; // more may wait: look again at once
  }
}

} // namespace pd::mail
