// Fakes of the platform interfaces client/app talks through, for native unit tests of the
// store: an Http that records each request and lets the test answer it, a Browser with an
// in-memory URL fragment and sessionStorage, and EventStreams the test feeds messages into.
// Nothing is answered or delivered by itself: the test decides what arrives and when.
#pragma once

#include "client/platform/browser.hpp"
#include "client/platform/event_stream.hpp"
#include "client/platform/http.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pd::client::fakes {

class FakeHttp : public platform::Http {
public:
  struct Request {
    platform::RequestId id = 0;
    platform::Method method = platform::Method::get;
    std::string path;
    std::string body;
  };

  void send(platform::RequestId id, platform::Method method, std::string_view path, std::string_view json_body) override {
    sent_.push_back(Request{id, method, std::string(path), std::string(json_body)});
    waiting_.push_back(sent_.back());
  }
  std::vector<platform::HttpResponse> take_responses() override { return std::exchange(answers_, {}); }

  // Every request sent so far, oldest first.
  const std::vector<Request>& sent() const { return sent_; }
  // The oldest request not answered yet with this method and path (nullopt when none).
  std::optional<Request> waiting(platform::Method method, std::string_view path) const {
    for (const auto& r : waiting_)
      if (r.method == method && r.path == path) return r;
    return std::nullopt;
  }
  std::size_t waiting_count() const { return waiting_.size(); }
  // Queues the answer to a request; the store takes it with the next apply_responses().
  void answer(const Request& request, int status, std::string body) {
    std::erase_if(waiting_, [&](const Request& r) { return r.id == request.id; });
    answers_.push_back(platform::HttpResponse{request.id, status, std::move(body)});
  }

private:
  std::vector<Request> sent_;
  std::vector<Request> waiting_;
  std::vector<platform::HttpResponse> answers_;
};

class FakeBrowser : public platform::Browser {
public:
  std::string hash;                           // the URL fragment
  std::vector<std::string> history;           // every fragment pushed (a new history entry)
  std::map<std::string, std::string> storage; // sessionStorage
  std::string title;
  bool is_online = true;

  std::string location_hash() override { return hash; }
  void push_hash(std::string_view h) override {
    hash = h;
    history.push_back(hash);
  }
  void replace_hash(std::string_view h) override { hash = h; }
  bool take_location_changed() override { return false; }
  std::optional<std::string> session_get(std::string_view key) override {
    auto it = storage.find(std::string(key));
    if (it == storage.end()) return std::nullopt;
    return it->second;
  }
  void session_set(std::string_view key, std::string_view value) override { storage[std::string(key)] = value; }
  void session_remove(std::string_view key) override { storage.erase(std::string(key)); }
  void session_remove_prefix(std::string_view prefix) override {
    std::erase_if(storage, [&](const auto& kv) { return kv.first.starts_with(prefix); });
  }
  std::string origin() override { return "https://desk.example.com"; }
  void set_title(std::string_view t) override { title = t; }
  bool online() override { return is_online; }
  bool take_online_changed() override { return false; }
};

class FakeStreams : public platform::EventStreams {
public:
  struct Stream {
    platform::StreamId id = 0;
    std::string url;
    bool open = true;
  };

  void open(platform::StreamId id, std::string_view url) override { streams_.push_back(Stream{id, std::string(url), true}); }
  void close(platform::StreamId id) override {
    for (auto& s : streams_)
      if (s.id == id) s.open = false;
  }
  std::vector<platform::StreamMessage> take_messages() override { return std::exchange(messages_, {}); }

  // Every stream opened so far, oldest first.
  const std::vector<Stream>& opened() const { return streams_; }
  // The stream the store listens to now (nullopt when none is open).
  std::optional<Stream> current() const {
    for (auto it = streams_.rbegin(); it != streams_.rend(); ++it)
      if (it->open) return *it;
    return std::nullopt;
  }
  // Queues a message of a stream; the store takes it with the next apply_stream().
  void feed(platform::StreamId id, platform::StreamMessage::Kind kind, std::string data = {}, std::string last_event_id = {}) {
    messages_.push_back(platform::StreamMessage{id, kind, std::move(data), std::move(last_event_id)});
  }

private:
  std::vector<Stream> streams_;
  std::vector<platform::StreamMessage> messages_;
};

} // namespace pd::client::fakes
