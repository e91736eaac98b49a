#include "server/mail/event_mail.hpp"

#include "server/mail/messages.hpp"
#include "server/mail/reply_address.hpp"
#include "shared/domain/support/weekly_report.hpp"
#include "shared/domain/visibility.hpp"

#include <ctime>
#include <cstdio>

namespace pd::mail {

using domain::MailCategory;
using domain::MailMode;

std::string public_url(const config::Options& options) {
  if (!options.public_url.empty()) return options.public_url;
  return "http://" + options.host + ":" + std::to_string(options.port);
}

namespace {

constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;

// The email of a member or of a customer's own account; empty when the person has none here.
std::string email_of(const domain::ProgramState& s, domain::PersonId person) {
  if (const auto* m = s.member(person); m && !m->email.empty()) return m->email;
  if (const auto* c = s.customer_of_person(person)) return c->profile.email;
  return {};
}

// Where a person's mail goes: their account's address as it is now (it may have changed since
// they joined), else the one the program knows.
std::string recipient_of(storage::Database& db, const domain::ProgramState& s, domain::PersonId person) {
  auto q = db.prepare("SELECT email FROM persons WHERE id = ?");
  q.bind(1, person);
  if (q.step()) return q.text(0);
  return email_of(s, person);
}

std::string name_of(const domain::ProgramState& s, domain::PersonId person) {
  if (const auto* m = s.member(person); m && !m->name.empty()) return m->name;
  if (const auto* c = s.customer_of_person(person)) return c->profile.name;
  return "there";
}

// Where the notification's subject is in the app.
std::string link_of(const config::Options& options, const domain::ProgramState& s, const domain::Notification& n) {
  const auto base = public_url(options) + "/#/p/" + std::to_string(s.id);
  if (n.kind == "weekly_report") return base + "/reports";
  if (n.ticket_id != 0) return base + "/tickets/" + std::to_string(n.ticket_id);
  if (n.customer_id != 0) return base + "/customers/" + std::to_string(n.customer_id);
  return base + "/overview";
}

// The text of the message a reply or note carried, when this reader may see it (the same rule
// as the event stream: a customer never gets an internal note).
std::string message_text_for(const domain::ProgramState& s, domain::PersonId reader, const domain::Event& e) {
  auto shown = domain::event_for_reader(s, reader, e);
  if (!shown) return {};
  if (const auto* r = std::get_if<domain::TicketReplied>(&shown->body)) return r->message.text;
  if (const auto* o = std::get_if<domain::TicketOpened>(&shown->body)) return o->message.text;
  if (const auto* w = std::get_if<domain::WeeklyReportWritten>(&shown->body)) return domain::weekly_report_text(w->report);
  return {};
}

std::string text_paragraphs_html(const std::string& text) {
  std::string out = "<p style=\"white-space: pre-wrap; border-left: 3px solid #ccc; padding-left: 12px\">";
  out += html_escape(text);
  return out + "</p>";
}

std::string crlf(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

struct Composed {
  std::string subject;
  std::string text;
  std::string html;
};

// The footer of every mail a person may turn off: why they get it, and the links to stop it.
Composed footer(const config::Options& options, const domain::MailCategoryInfo& info, const std::string& unsubscribe_page) {
  const auto account = public_url(options) + "/#/account";
  Composed f;
  f.text = std::string("--\r\nYou get this because \"") + info.label + "\" mail is on for you.\r\n" +
           "Stop these: " + unsubscribe_page + "\r\nChoose what you get: " + account + "\r\n";
  f.html = std::string("<hr><p style=\"color:#666;font-size:12px\">You get this because &ldquo;") + html_escape(info.label) +
           "&rdquo; mail is on for you. <a href=\"" + html_escape(unsubscribe_page) + "\">Stop these</a> &middot; <a href=\"" +
           html_escape(account) + "\">Choose what you get</a></p>";
  return f;
}

std::string day_key(std::int64_t t_ms) {
  const std::time_t t = static_cast<std::time_t>(t_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

MailMode mode_in_scope(storage::Database& db, domain::PersonId person, MailCategory category) {
  auto q = db.prepare("SELECT mode FROM mail_preferences WHERE person_id = ? AND category = ?");
  q.bind(1, person).bind(2, std::string(domain::mail_category_info(category).key));
  if (q.step())
    if (auto m = domain::parse_mail_mode(q.text(0))) return *m;
  return domain::mail_category_info(category).default_mode;
}

storage::OutgoingMail notification_mail(const EventMailSettings& settings, const domain::ProgramState& s, const domain::Event& e,
                                        const domain::FreshNotification& f, const std::string& recipient, MailCategory category) {
  const auto& info = domain::mail_category_info(category);
  const auto link = link_of(settings.options, s, f.notification);
  const auto unsubscribe = unsubscribe_token(settings.links, f.person, category);
  const auto quoted_text = message_text_for(s, f.person, e);
  const bool customer_mail = category == MailCategory::my_tickets || category == MailCategory::surveys;

  storage::OutgoingMail m;
  m.message_id = "n" + std::to_string(s.id) + "-" + std::to_string(f.person) + "-" + std::to_string(f.notification.id) + "@" +
                 settings.message_host;
  m.kind = f.notification.kind;
  m.recipient = recipient;
  m.program_id = s.id;
  m.subject = "[" + s.name + "] " + f.notification.text;
  if (m.subject.size() > 200) m.subject = m.subject.substr(0, 197) + "...";
  m.unsubscribe_url = public_url(settings.options) + "/unsubscribe/" + unsubscribe;
  // A customer answers a ticket mail by replying to it (server/mail/reply_worker.hpp).
  if (customer_mail && f.notification.ticket_id != 0)
    m.reply_to = reply_address(settings.options.reply_address, settings.links, s.id, f.notification.ticket_id);

  const auto action = category == MailCategory::surveys ? std::string("Rate the support you got") : std::string("Open it in Partnerdesk");
  const auto foot = footer(settings.options, info, public_url(settings.options) + "/#/unsubscribe/" + unsubscribe);
  m.text_body = "Hello " + name_of(s, f.person) + ",\r\n\r\n" + crlf(f.notification.text) + "\r\n\r\n";
  if (!quoted_text.empty()) m.text_body += crlf(quoted_text) + "\r\n\r\n";
  m.text_body += action + ": " + link + "\r\n";
  if (!m.reply_to.empty()) m.text_body += "Or reply to this mail: your answer is added to the ticket.\r\n";
  m.text_body += "\r\n" + s.name + " support, through Partnerdesk\r\n\r\n" + foot.text;

  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">"
                "<p>Hello " + html_escape(name_of(s, f.person)) + ",</p><p>" + html_escape(f.notification.text) + "</p>";
  if (!quoted_text.empty()) m.html_body += text_paragraphs_html(quoted_text);
  m.html_body += "<p><a href=\"" + html_escape(link) + "\">" + html_escape(action) + "</a></p>";
  if (!m.reply_to.empty()) m.html_body += "<p>Or reply to this mail: your answer is added to the ticket.</p>";
  m.html_body += "<p>" + html_escape(s.name) + " support, through Partnerdesk</p>" + foot.html + "</body></html>";
  return m;
}

storage::OutgoingMail invitation_mail(const EventMailSettings& settings, const domain::ProgramState& s, const domain::Invitation& inv,
                                      const std::string& invitation_link) {
  const auto link = public_url(settings.options) + invitation_link;
  const auto* inviter = s.member(inv.invited_by);
  const std::string who = inviter ? inviter->name : std::string("The business");
  const bool customer = inv.role == identity::Role::customer;
  const std::string as = customer ? std::string("to get support from ") + s.name
                                  : std::string("to join ") + s.name + " as " + identity::to_string(inv.role);
  storage::OutgoingMail m;
  m.message_id = "invite-" + std::to_string(s.id) + "-" + std::to_string(inv.id) + "@" + settings.message_host;
  m.kind = "invitation";
  m.recipient = inv.email;
  m.program_id = s.id;
  m.subject = who + " invited you " + as;
  m.text_body = "Hello,\r\n\r\n" + who + " invited you " + as + " on Partnerdesk.\r\n\r\n" +
                "Accept the invitation: " + link + "\r\n\r\n" +
                "The link is for " + inv.email + " only. If you did not expect it, ignore this message.\r\n\r\nPartnerdesk\r\n";
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\"><p>Hello,</p><p>" + html_escape(who) +
                " invited you " + html_escape(as) + " on Partnerdesk.</p><p><a href=\"" + html_escape(link) +
                "\">Accept the invitation</a></p><p>If the button does not work, copy this address into your browser:<br>" +
                html_escape(link) + "</p><p>The link is for " + html_escape(inv.email) +
                " only. If you did not expect it, ignore this message.</p><p>Partnerdesk</p></body></html>";
  return m;
}

// "Confirm that you want your data erased": to the account's address, which proves who asked.
storage::OutgoingMail erasure_confirmation_mail(const EventMailSettings& settings, const domain::ProgramState& s,
                                                const domain::ErasureRequest& r, const std::string& recipient) {
  const auto link = public_url(settings.options) + "/#/erasure/" + erasure_token(settings.links, s.id, r.id);
  const std::string why = r.source == domain::ErasureSource::ticket
                              ? "In your ticket to " + s.name + " you asked to delete your account or your data."
                              : "You asked " + s.name + " to erase your data.";
  storage::OutgoingMail m;
  m.message_id = "erasure-" + std::to_string(s.id) + "-" + std::to_string(r.id) + "@" + settings.message_host;
  m.kind = "erasure_confirmation";
  m.recipient = recipient;
  m.program_id = s.id;
  m.subject = "Confirm that you want your data erased";
  m.text_body = "Hello,\r\n\r\n" + why + " Before the business decides, confirm that it was you:\r\n\r\n" + link +
                "\r\n\r\nOnce approved, your name, address, messages and files are erased and your account can no longer sign "
                "in; amounts and dates the business must keep stay, without your name.\r\n\r\nIf you did not ask, ignore this "
                "message: nothing is erased without it.\r\n\r\n" + s.name + " support, through Partnerdesk\r\n";
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\"><p>Hello,</p><p>" + html_escape(why) +
                " Before the business decides, confirm that it was you:</p><p><a href=\"" + html_escape(link) +
                "\">Confirm the erasure request</a></p><p>If the button does not work, copy this address into your browser:<br>" +
                html_escape(link) +
                "</p><p>Once approved, your name, address, messages and files are erased and your account can no longer sign in; "
                "amounts and dates the business must keep stay, without your name.</p><p>If you did not ask, ignore this message: "
                "nothing is erased without it.</p><p>" + html_escape(s.name) + " support, through Partnerdesk</p></body></html>";
  return m;
}

} // namespace

int queue_event_mail(storage::Database& db, const EventMailSettings& settings, const domain::ProgramState& after,
                     const domain::Event& event, std::span<const domain::FreshNotification> fresh,
                     const std::string& invitation_link, std::int64_t now_ms) {
  int queued = 0;
  if (const auto* created = std::get_if<domain::InvitationCreated>(&event.body); created && !invitation_link.empty()) {
    if (auto it = after.invitations.find(created->invitation_id); it != after.invitations.end())
      queued += storage::enqueue_mail(db, invitation_mail(settings, after, it->second, invitation_link), now_ms) ? 1 : 0;
  }
  if (const auto* asked = std::get_if<domain::ErasureRequested>(&event.body);
      asked && asked->request.status == domain::ErasureStatus::awaiting_confirmation) {
    const auto* c = after.customer(asked->request.customer_id);
    const auto recipient = c && c->person_id != 0 ? recipient_of(db, after, c->person_id) : std::string{};
    if (!recipient.empty()) queued += storage::enqueue_mail(db, erasure_confirmation_mail(settings, after, asked->request, recipient), now_ms) ? 1 : 0;
  }
  for (const auto& f : fresh) {
    const auto category = domain::mail_category_of(f.notification.kind);
    if (!category) continue;
    const auto recipient = recipient_of(db, after, f.person);
    if (recipient.empty()) continue;
    const auto mode = mode_in_scope(db, f.person, *category);
    if (mode == MailMode::off) continue;
    if (mode == MailMode::daily_digest) {
      db.prepare("INSERT INTO mail_digest(person_id, category, created_at_ms, line, link, recipient, program_name) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .bind(1, f.person).bind(2, std::string(domain::mail_category_info(*category).key)).bind(3, now_ms)
          .bind(4, f.notification.text).bind(5, link_of(settings.options, after, f.notification)).bind(6, recipient)
          .bind(7, after.name).run();
      ++queued; // the worker looks again for when the next digest is due
      continue;
    }
    queued += storage::enqueue_mail(db, notification_mail(settings, after, event, f, recipient, *category), now_ms) ? 1 : 0;
  }
  return queued;
}

std::map<MailCategory, MailMode> mail_modes(storage::Database& db, domain::PersonId person) {
  return db.read([&] {
    std::map<MailCategory, MailMode> out;
    for (const auto& info : domain::mail_categories()) out[info.category] = info.default_mode;
    auto q = db.prepare("SELECT category, mode FROM mail_preferences WHERE person_id = ?");
    q.bind(1, person);
    while (q.step()) {
      auto c = domain::parse_mail_category(q.text(0));
      auto m = domain::parse_mail_mode(q.text(1));
      if (c && m) out[*c] = *m;
    }
    return out;
  });
}

void set_mail_modes(storage::Database& db, domain::PersonId person, const std::map<MailCategory, MailMode>& modes) {
  db.write([&] {
    for (const auto& [category, mode] : modes)
      db.prepare("INSERT INTO mail_preferences(person_id, category, mode) VALUES (?, ?, ?) "
                 "ON CONFLICT(person_id, category) DO UPDATE SET mode = excluded.mode")
          .bind(1, person).bind(2, std::string(domain::mail_category_info(category).key)).bind(3, std::string(domain::to_string(mode)))
          .run();
  });
}

std::string unsubscribe_token(const auth::LinkSigner& links, domain::PersonId person, MailCategory category) {
  return links.sign("unsubscribe", std::to_string(person) + "-" + domain::mail_category_info(category).key);
}

std::optional<Unsubscribe> parse_unsubscribe_token(const auth::LinkSigner& links, const std::string& token) {
  if (token.size() > 200) return std::nullopt;
  auto value = links.verify("unsubscribe", token);
  if (!value) return std::nullopt;
  const auto dash = value->find('-');
  if (dash == std::string::npos || dash == 0 || dash > 18) return std::nullopt;
  domain::PersonId person = 0;
  for (std::size_t i = 0; i < dash; ++i) {
    const char c = (*value)[i];
    if (c < '0' || c > '9') return std::nullopt;
    person = person * 10 + (c - '0');
  }
  auto category = domain::parse_mail_category(std::string_view(*value).substr(dash + 1));
  if (!category || person == 0) return std::nullopt;
  return Unsubscribe{person, *category};
}

std::string erasure_token(const auth::LinkSigner& links, domain::ProgramId program, domain::ErasureId erasure) {
  return links.sign("erasure", std::to_string(program) + "-" + std::to_string(erasure));
}

std::optional<ErasureLink> parse_erasure_token(const auth::LinkSigner& links, const std::string& token) {
  if (token.size() > 80) return std::nullopt;
  auto value = links.verify("erasure", token);
  if (!value) return std::nullopt;
  const auto dash = value->find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::int64_t {
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) return 0;
    std::int64_t n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
  };
  const auto program = number(std::string_view(*value).substr(0, dash));
  const auto erasure = number(std::string_view(*value).substr(dash + 1));
  if (program == 0 || erasure == 0) return std::nullopt;
  return ErasureLink{program, erasure};
}

std::int64_t digest_time_after(std::int64_t t_ms, int digest_hour) {
  const std::int64_t hour_ms = std::int64_t{digest_hour} * 60 * 60 * 1000;
  const std::int64_t day_start = t_ms - ((t_ms % day_ms) + day_ms) % day_ms;
  const std::int64_t today = day_start + hour_ms;
  return today > t_ms ? today : today + day_ms;
}

std::int64_t next_digest_ms(storage::Database& db, int digest_hour) {
  return db.read([&] {
    auto q = db.prepare("SELECT MIN(created_at_ms) FROM mail_digest WHERE taken_at_ms = 0");
    if (!q.step() || q.is_null(0)) return std::int64_t{0};
    return digest_time_after(q.int64(0), digest_hour);
  });
}

int queue_due_digests(storage::Database& db, const EventMailSettings& settings, std::int64_t now_ms) {
  struct Line {
    std::string category, line, link, recipient, program;
  };
  const int hour = settings.options.digest_hour;
  return db.write([&] {
    // Lines whose digest time has come: made before the last digest time at or before now.
    const std::int64_t last_digest_time = digest_time_after(now_ms, hour) - day_ms;
    std::map<domain::PersonId, std::vector<Line>> by_person;
    auto q = db.prepare("SELECT person_id, category, line, link, recipient, program_name FROM mail_digest "
                        "WHERE taken_at_ms = 0 AND created_at_ms < ? ORDER BY person_id, id LIMIT 5000");
    q.bind(1, last_digest_time);
    while (q.step()) by_person[q.int64(0)].push_back({q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    int queued = 0;
    for (const auto& [person, lines] : by_person) {
      storage::OutgoingMail m;
      m.message_id = "digest-" + std::to_string(person) + "-" + day_key(last_digest_time) + "@" + settings.message_host;
      m.kind = "digest";
      m.recipient = lines.back().recipient;
      m.subject = "Your Partnerdesk digest: " + std::to_string(lines.size()) + (lines.size() == 1 ? " update" : " updates");
      m.text_body = "Hello,\r\n\r\nWhat happened since your last digest:\r\n\r\n";
      m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\"><p>Hello,</p>"
                    "<p>What happened since your last digest:</p><ul>";
      for (const auto& l : lines) {
        m.text_body += "- [" + l.program + "] " + crlf(l.line) + "\r\n  " + l.link + "\r\n";
        m.html_body += "<li>[" + html_escape(l.program) + "] <a href=\"" + html_escape(l.link) + "\">" + html_escape(l.line) + "</a></li>";
      }
      const auto account = public_url(settings.options) + "/#/account";
      m.text_body += "\r\nPartnerdesk\r\n\r\n--\r\nYou get one digest a day for the mail you chose so. Choose what you get: " + account + "\r\n";
      m.html_body += "</ul><p>Partnerdesk</p><hr><p style=\"color:#666;font-size:12px\">You get one digest a day for the mail you chose so. "
                     "<a href=\"" + html_escape(account) + "\">Choose what you get</a></p></body></html>";
      // A digest gathers several kinds: its one-click link stops the kind of its first line.
      if (auto c = domain::parse_mail_category(lines.front().category))
        m.unsubscribe_url = public_url(settings.options) + "/unsubscribe/" + unsubscribe_token(settings.links, person, *c);
      queued += storage::enqueue_mail(db, m, now_ms) ? 1 : 0;
      db.prepare("UPDATE mail_digest SET taken_at_ms = ? WHERE person_id = ? AND taken_at_ms = 0 AND created_at_ms < ?")
          .bind(1, now_ms).bind(2, person).bind(3, last_digest_time).run();
    }
    // Lines taken more than a week ago are of no more use.
    db.prepare("DELETE FROM mail_digest WHERE taken_at_ms > 0 AND taken_at_ms < ?").bind(1, now_ms - 7 * day_ms).run();
    return queued;
  });
}

} // namespace pd::mail
