#include "server/mail/smtp.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <functional>

namespace pd::mail {

namespace {

std::string base64_lines(const std::string& data) {
  if (data.empty()) return {};
  std::string encoded(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(std::strlen(encoded.c_str()));
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

// Quoted-printable (RFC 2045 6.7): readable for ASCII text, lines of at most 76 characters
// (a soft break "=" CRLF inside longer ones), CRLF line ends kept.
std::string quoted_printable(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto put = [&](const std::string& piece) {
    if (line + piece.size() > 75) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "\r\n";
      line = 0;
      ++i;
      continue;
    }
    const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (literal) put(std::string(1, static_cast<char>(c)));
    else put(std::string{'=', hex[c >> 4], hex[c & 15]});
  }
  return out + "\r\n";
}

bool is_plain_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// An RFC 2047 encoded word for a header holding anything but plain ASCII.
std::string header_text(const std::string& text) {
  if (is_plain_ascii(text)) return text;
  std::string b64 = base64_lines(text);
  b64.erase(std::remove(b64.begin(), b64.end(), '\r'), b64.end());
  b64.erase(std::remove(b64.begin(), b64.end(), '\n'), b64.end());
  return "=?UTF-8?B?" + b64 + "?=";
}

std::string rfc5322_date(std::int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data->size() - up->offset);
  std::copy_n(up->data->data() + up->offset, n, buffer);
  up->offset += n;
  return n;
}

// Keeps the relay's last answer line (curl hands SMTP responses to the debug callback as
// CURLINFO_HEADER_IN), never what we sent (which holds the password during AUTH).
int keep_answer(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *static_cast<std::string*>(user) = line.substr(0, 300);
  return 0;
}

} // namespace

std::string format_message(const storage::OutgoingMail& mail, const std::string& from, std::int64_t now_ms) {
  const std::string boundary = "=_pd_" + std::to_string(std::hash<std::string>{}(mail.message_id));
  std::string m;
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "From: Partnerdesk <" + from + ">\r\n";
  m += "To: <" + mail.recipient + ">\r\n";
  m += "Subject: " + header_text(mail.subject) + "\r\n";
  m += "Message-ID: <" + mail.message_id + ">\r\n";
  if (!mail.reply_to.empty()) m += "Reply-To: <" + mail.reply_to + ">\r\n";
  if (!mail.unsubscribe_url.empty()) { // RFC 8058: one POST to the link, no session, no page
    m += "List-Unsubscribe: <" + mail.unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "Auto-Submitted: auto-generated\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += quoted_printable(mail.text_body);
  m += "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += quoted_printable(mail.html_body);
  m += "--" + boundary + "--\r\n";
  return m;
}

void init_smtp() { curl_global_init(CURL_GLOBAL_DEFAULT); }

SendResult send_message(const RelaySettings& relay, const std::string& recipient, const std::string& message) {
  CURL* curl = curl_easy_init();
  if (!curl) return {false, "cannot start the SMTP client"};
  Upload upload{&message};
  std::string answer;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  const std::string from = "<" + relay.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, relay.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (relay.url.rfind("smtp://", 0) == 0 && !relay.plain) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!relay.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, relay.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, relay.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, keep_answer);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code == CURLE_OK) return {true, {}};
  std::string error = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
  if (!answer.empty()) error += " (relay: " + answer + ")";
  return {false, error};
}

} // namespace pd::mail
