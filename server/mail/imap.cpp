#include "server/mail/imap.hpp"

#include <curl/curl.h>

#include <sstream>

namespace pd::mail {

namespace {

struct ImapSink {
  std::string data;
  std::size_t limit = 0;
};

std::size_t imap_write(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<ImapSink*>(user);
  const std::size_t bytes = size * n;
  if (sink->data.size() + bytes > sink->limit) return 0; // more than asked for: abort
  sink->data.append(ptr, bytes);
  return bytes;
}

} // namespace

ImapSession::ImapSession(ImapSettings settings) : settings_(std::move(settings)) {
  mailbox_url_ = settings_.url;
  while (!mailbox_url_.empty() && mailbox_url_.back() == '/')
    mailbox_url_.pop_back();
  const auto scheme_end = mailbox_url_.find("://");
  if (scheme_end != std::string::npos && mailbox_url_.find('/', scheme_end + 3) == std::string::npos)
    mailbox_url_ += "/INBOX";
  curl_ = curl_easy_init();
}

ImapSession::~ImapSession() {
  if (curl_) curl_easy_cleanup(curl_);
}

std::optional<std::string> ImapSession::get(const std::string& url, std::size_t limit) {
  if (!curl_) {
    error_ = "cannot start the IMAP client";
    return std::nullopt;
  }
  ImapSink sink{{}, limit};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  if (settings_.url.rfind("imap://", 0) == 0 && !settings_.plain)
    curl_easy_setopt(curl_, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, imap_write);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode code = curl_easy_perform(curl_);
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    error_ = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return std::nullopt;
  }
  return std::move(sink.data);
}

std::optional<std::string> ImapSession::command(const std::string& request) {
  if (curl_) curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, request.c_str());
  return get(mailbox_url_, std::size_t{1} << 20);
}

std::optional<std::vector<std::int64_t>> ImapSession::unseen() {
  auto answer = command("UID SEARCH UNSEEN");
  if (!answer) return std::nullopt;
  return parse_search_answer(*answer);
}

std::optional<FetchedMessage> ImapSession::fetch(std::int64_t uid, std::size_t max_bytes) {
  const auto id = std::to_string(uid);
  auto size_answer = command("UID FETCH " + id + " (RFC822.SIZE)");
  if (!size_answer) return std::nullopt;
  FetchedMessage m;
  m.uid = uid;
  m.size = parse_size_answer(*size_answer);
  if (m.size < 0) {
    error_ = "no such message (UID " + id + ")";
    return std::nullopt;
  }
  // ;PARTIAL: at most max_bytes of it (BODY[]<0.max_bytes>).
  auto raw = get(mailbox_url_ + "/;UID=" + id + "/;PARTIAL=0." + std::to_string(max_bytes), max_bytes + 1);
  // BODY[] set \Seen; it is set for good by mark_seen once the message was handled.
  const auto cleared = command("UID STORE " + id + " -FLAGS.SILENT (\\Seen)");
  if (!raw) return std::nullopt;
  if (!cleared) return std::nullopt;
  m.raw = std::move(*raw);
  m.truncated = static_cast<std::size_t>(m.size) > max_bytes;
  return m;
}

bool ImapSession::mark_seen(std::int64_t uid) {
  return command("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)").has_value();
}

std::vector<std::int64_t> parse_search_answer(const std::string& answer) {
  std::vector<std::int64_t> out;
  std::istringstream lines(answer);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    std::string word;
    while (words >> word) {
      if (word.empty() || word.size() > 18 || word.find_first_not_of("0123456789") != std::string::npos) continue;
      out.push_back(std::stoll(word));
    }
  }
  return out;
}

std::int64_t parse_size_answer(const std::string& answer) {
  const auto at = answer.find("RFC822.SIZE ");
  if (at == std::string::npos) return -1;
  std::int64_t v = 0;
  std::size_t i = at + 12, digits = 0;
  while (i < answer.size() && answer[i] >= '0' && answer[i] <= '9' && digits < 18)
    v = v * 10 + (answer[i++] - '0'), ++digits;
  return digits ? v : -1;
}

} // namespace pd::mail
