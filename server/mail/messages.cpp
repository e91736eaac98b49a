#include "server/mail/messages.hpp"

#include "shared/core/html_escape.hpp"

namespace pd::mail {

std::string html_escape(const std::string& text) { return core::html_escape(text); }

namespace {

std::string validity(int minutes) {
  if (minutes % 60 == 0) return minutes == 60 ? "one hour" : std::to_string(minutes / 60) + " hours";
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

} // namespace

storage::OutgoingMail password_reset_mail(const std::string& recipient, const std::string& name, const std::string& link,
                                          int minutes, const std::string& message_id) {
  storage::OutgoingMail m;
  m.message_id = message_id;
  m.kind = "password_reset";
  m.recipient = recipient;
  m.subject = "Reset your Partnerdesk password";
  const std::string valid = validity(minutes);
  m.text_body = "Hello " + name + ",\r\n\r\n" +
                "Someone, hopefully you, asked to reset the password of your Partnerdesk account (" + recipient + ").\r\n" +
                "Open this link to choose a new password. It works once, for " + valid + ":\r\n\r\n" + link + "\r\n\r\n" +
                "If you did not ask for this, ignore this message: your password stays as it is.\r\n\r\n" + "Partnerdesk\r\n";
  m.html_body = "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">"
                "<p>Hello " + html_escape(name) + ",</p>"
                "<p>Someone, hopefully you, asked to reset the password of your Partnerdesk account (" + html_escape(recipient) + ").</p>"
                "<p><a href=\"" + html_escape(link) + "\">Choose a new password</a>. The link works once, for " + valid + ".</p>"
                "<p>If the button does not work, copy this address into your browser:<br>" + html_escape(link) + "</p>"
                "<p>If you did not ask for this, ignore this message: your password stays as it is.</p>"
                "<p>Partnerdesk</p></body></html>";
  return m;
}

} // namespace pd::mail
