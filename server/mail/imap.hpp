// Reading the support mailbox with libcurl's IMAP support: the UIDs of unseen messages, one
// message (at most a size cap of it), and the \Seen flag. imaps:// is TLS from the start;
// imap:// requires STARTTLS unless the mailbox is configured as plain (one on this machine).
//
// curl fetches with BODY[], which sets \Seen as a side effect; fetch() clears it again at once,
// so a message is only seen for good once mark_seen() says it was handled (appended or held).
// One session keeps one connection for a whole poll.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

typedef void CURL;

namespace pd::mail {

struct ImapSettings {
  std::string url; // imaps://host[:port]/MAILBOX or imap://host:port/MAILBOX (no mailbox: INBOX)
  std::string user;
  std::string password;
  bool plain = false;
};

struct FetchedMessage {
  std::int64_t uid = 0;
  std::int64_t size = 0;  // the whole message's size as the server reports it
  std::string raw;        // the message (its first max_bytes when larger)
  bool truncated = false; // size > max_bytes
};

class ImapSession {
public:
  explicit ImapSession(ImapSettings settings);
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // The UIDs of unseen messages, oldest first; nullopt on failure (error() says why).
  std::optional<std::vector<std::int64_t>> unseen();
  std::optional<FetchedMessage> fetch(std::int64_t uid, std::size_t max_bytes);
  bool mark_seen(std::int64_t uid);
  const std::string& error() const { return error_; }

private:
  std::optional<std::string> command(const std::string& request);
  std::optional<std::string> get(const std::string& url, std::size_t limit);

  ImapSettings settings_;
  std::string mailbox_url_; // the URL without a trailing slash, with /INBOX when it had no mailbox
  CURL* curl_ = nullptr;
  std::string error_;
};

// Parsing IMAP answers (exposed for tests): the numbers of "* SEARCH 1 2 3", and the
// RFC822.SIZE of a FETCH answer (-1 when absent).
std::vector<std::int64_t> parse_search_answer(const std::string& answer);
std::int64_t parse_size_answer(const std::string& answer);

} // namespace pd::mail
