#include "server/mail/account_messages.hpp"

#include "server/mail/messages.hpp"

#include <algorithm>
#include <ctime>
#include <vector>

namespace pd::mail {

std::string utc_time_text(std::int64_t at_ms) {
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  const std::time_t seconds = static_cast<std::time_t>(at_ms / 1000);
  std::tm t{};
  gmtime_r(&seconds, &t);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", t.tm_hour % 24, t.tm_min % 60);
  return std::to_string(t.tm_mday) + " " + months[t.tm_mon % 12] + " " + std::to_string(t.tm_year + 1900) + ", " + clock + " UTC";
}

storage::OutgoingMail email_verification_mail(const std::string& recipient, const std::string& name, const std::string& link,
                                              int hours, const std::string& message_id) {
  storage::OutgoingMail m;
  m.message_id = message_id;
  m.kind = "email_verification";
  m.recipient = recipient;
  m.subject = "Confirm your email for Partnerdesk";
  const std::string valid = std::to_string(hours) + (hours == 1 ? " hour" : " hours");
  m.text_body = "Hello " + name + ",\r\n\r\n" +
                "Open this link to confirm that " + recipient + " is your email address on Partnerdesk. " +
                "It works once, for " + valid + ":\r\n\r\n" + link + "\r\n\r\n" +
                "Until you do, you cannot accept invitations to join a program.\r\n" +
                "If you did not create a Partnerdesk account, ignore this message.\r\n\r\n" + "Partnerdesk\r\n";
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">"
                "<p>Hello " + html_escape(name) + ",</p>"
                "<p><a href=\"" + html_escape(link) + "\">Confirm that " + html_escape(recipient) +
                " is your email address on Partnerdesk</a>. The link works once, for " + valid + ".</p>"
                "<p>If the link does not work, copy this address into your browser:<br>" + html_escape(link) + "</p>"
                "<p>Until you do, you cannot accept invitations to join a program.</p>"
                "<p>If you did not create a Partnerdesk account, ignore this message.</p>"
                "<p>Partnerdesk</p></body></html>";
  return m;
}

storage::OutgoingMail new_sign_in_mail(const std::string& recipient, const std::string& name, const SignInNotice& n,
                                       const std::string& message_id) {
  storage::OutgoingMail m;
  m.message_id = message_id;
  m.kind = "new_sign_in";
  m.recipient = recipient;
  m.subject = "New sign-in to Partnerdesk";
  const std::string when = utc_time_text(n.at_ms);
  m.text_body = "Hello " + name + ",\r\n\r\n" +
                "Your Partnerdesk account (" + recipient + ") was just signed in to from a browser it had not used before.\r\n\r\n" +
                "Browser: " + n.browser + "\r\n" + "Address: " + n.address + "\r\n" + "Time: " + when + "\r\n\r\n" +
                "If this was you, there is nothing to do.\r\n\r\n" +
                "If it was not you, change your password now and end the sessions you do not recognise:\r\n" +
                "- end sessions: " + n.account_link + "\r\n" + "- choose a new password: " + n.forgot_link + "\r\n\r\n" +
                "Partnerdesk\r\n";
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">"
                "<p>Hello " + html_escape(name) + ",</p>"
                "<p>Your Partnerdesk account (" + html_escape(recipient) + ") was just signed in to from a browser it had not used before.</p>"
                "<table><tr><td>Browser</td><td>" + html_escape(n.browser) + "</td></tr>"
                "<tr><td>Address</td><td>" + html_escape(n.address) + "</td></tr>"
                "<tr><td>Time</td><td>" + html_escape(when) + "</td></tr></table>"
                "<p>If this was you, there is nothing to do.</p>"
                "<p>If it was not you, <a href=\"" + html_escape(n.forgot_link) + "\">choose a new password</a> now and "
                "<a href=\"" + html_escape(n.account_link) + "\">end the sessions</a> you do not recognise.</p>"
                "<p>Partnerdesk</p></body></html>";
  return m;
}

namespace {

// A paragraph as HTML: escaped, its http(s) addresses made links.
std::string linked_html(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto at = std::min(text.find("http://", i), text.find("https://", i));
    if (at == std::string::npos) at = text.size();
    out += html_escape(text.substr(i, at - i));
    if (at == text.size()) break;
    auto end = text.find_first_of(" \r\n", at);
    if (end == std::string::npos) end = text.size();
    const auto url = html_escape(text.substr(at, end - at));
    out += "<a href=\"" + url + "\">" + url + "</a>";
    i = end;
  }
  return out;
}

// One message of plain paragraphs (each may hold a link), as text and as HTML.
storage::OutgoingMail account_paragraphs_mail(const char* kind, const std::string& recipient, const std::string& subject,
                                              const std::vector<std::string>& paragraphs, const std::string& message_id) {
  storage::OutgoingMail m;
  m.message_id = message_id;
  m.kind = kind;
  m.recipient = recipient;
  m.subject = subject;
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">";
  for (const auto& p : paragraphs) {
    m.text_body += p + "\r\n\r\n";
    m.html_body += "<p style=\"white-space: pre-wrap\">" + linked_html(p) + "</p>";
  }
  m.text_body += "Partnerdesk\r\n";
  m.html_body += "<p>Partnerdesk</p></body></html>";
  return m;
}

} // namespace

storage::OutgoingMail email_change_link_mail(const std::string& recipient, const std::string& name, const std::string& link, int hours,
                                             const std::string& message_id) {
  const std::string valid = std::to_string(hours) + (hours == 1 ? " hour" : " hours");
  return account_paragraphs_mail("email_change", recipient, "Confirm your new email for Partnerdesk",
                                 {"Hello " + name + ",",
                                  "Open this link to make " + recipient + " the email address of your Partnerdesk account. "
                                  "It works once, for " + valid + ":\r\n\r\n" + link,
                                  "Until you do, your account keeps its current address.",
                                  "If you did not ask for this, ignore this message: nothing changes."},
                                 message_id);
}

storage::OutgoingMail email_change_in_use_mail(const std::string& recipient, const std::string& forgot_link, const std::string& message_id) {
  return account_paragraphs_mail("email_change", recipient, "Your email already has a Partnerdesk account",
                                 {"Hello,",
                                  "Someone asked to move a Partnerdesk account to " + recipient +
                                      ", but another Partnerdesk account already uses this address, so nothing will change.",
                                  "If that account is yours and you forgot its password, choose a new one here:\r\n" + forgot_link,
                                  "If you did not ask for this, ignore this message."},
                                 message_id);
}

storage::OutgoingMail email_change_notice_mail(const std::string& recipient, const std::string& name, const std::string& new_email,
                                               bool done, const std::string& account_link, const std::string& forgot_link,
                                               const std::string& message_id) {
  const std::string what = done ? "The email address of your Partnerdesk account was changed from " + recipient + " to " + new_email +
                                      ". Partnerdesk no longer mails this address, and you sign in with the new one."
                                : "Someone signed in to your Partnerdesk account asked to change its email address from " + recipient +
                                      " to " + new_email + ". The change is made once the link mailed to " + new_email + " is opened.";
  const std::string act = done ? "If this was not you, choose a new password now (the reset link goes to the new address, so contact "
                                 "the business you work with if you cannot reach it):\r\n" + forgot_link
                               : "If this was not you, cancel the change and end the sessions you do not recognise on your account "
                                 "page, and choose a new password:\r\n- account: " + account_link + "\r\n- new password: " + forgot_link;
  return account_paragraphs_mail("email_change_notice", recipient,
                                 done ? "Your Partnerdesk email was changed" : "Your Partnerdesk email is being changed",
                                 {"Hello " + name + ",", what, "If this was you, there is nothing to do.", act}, message_id);
}

} // namespace pd::mail
