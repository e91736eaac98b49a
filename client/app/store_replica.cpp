// [SECTION] Store: the live replica of the open program
// The snapshot is loaded first; then an EventSource on .../stream?after=<version> delivers
// every visible event, applied with the shared apply(). When apply() says the replica lacks
// what an event refers to (needs_snapshot), the snapshot is loaded again while further events
// wait in a buffer. A dropped connection is resumed by the browser (Last-Event-ID); when the
// browser goes offline the stream is closed and reopened after the version held, so nothing
// is missed either way.
#include "client/app/route.hpp"
#include "client/app/store.hpp"

#include "shared/domain/apply.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <charconv>

namespace pd::client {

void Store::ensure_replica() {
  const std::int64_t want = app_.me && is_program_page(app_.route.page) ? app_.route.program_id : 0;
  if (want == app_.replica.program_id) {
    if (want && !app_.replica.state && !app_.replica.snapshot_loading && retry_snapshot_at_ == 0) load_snapshot();
    return;
  }
  close_stream();
  buffered_.clear();
  reopen_stream_at_ = 0;
  retry_snapshot_at_ = 0;
  stream_failures_ = 0;
  app_.replica = Replica{};
  if (!want) return;
  app_.replica.program_id = want;
  load_snapshot();
}

void Store::load_snapshot() {
  auto& r = app_.replica;
  if (r.snapshot_loading) return;
  r.snapshot_loading = true;
  if (r.live == LiveStatus::off) r.live = LiveStatus::connecting;
  Pending p;
  p.kind = Request::snapshot;
  p.program_id = r.program_id;
  p.path = "/api/v1/programs/" + std::to_string(r.program_id) + "/snapshot";
  send(std::move(p));
}

void Store::on_snapshot(const Pending& p, const platform::HttpResponse& res) {
  auto& r = app_.replica;
  if (p.program_id != r.program_id) return; // another program was opened meanwhile
  r.snapshot_loading = false;
  if (res.status == 200) {
    auto json = nlohmann::json::parse(res.body, nullptr, false);
    auto state = domain::state_from_json(json);
    if (!state) {
      r.problem = "This program could not be read: " + state.error().message;
      return;
    }
    r.state = std::move(state).value();
    r.churn = {}; // scored again from the new snapshot
    r.problem.clear();
    // Events that arrived while the snapshot was on its way: those after it still apply.
    auto waiting = std::exchange(buffered_, {});
    for (const auto& e : waiting) on_event(e);
    if (!stream_ && browser_.online()) open_stream();
    if (!browser_.online()) r.live = LiveStatus::reconnecting;
    after_events();
    update_title();
    return;
  }
  if (res.status == 404) { // not (or no longer) a member
    refresh_me();
    return;
  }
  r.problem = error_of(res).message;
  retry_snapshot_at_ = now_ + 3000;
}

void Store::open_stream() {
  auto& r = app_.replica;
  if (stream_ || !r.program_id) return;
  const std::int64_t after = std::max(r.state ? r.state->version : 0, r.cursor);
  stream_ = next_stream_++;
  effects_.push_back(OpenStream{stream_, "/api/v1/programs/" + std::to_string(r.program_id) + "/stream?after=" + std::to_string(after)});
  if (r.live != LiveStatus::reconnecting) r.live = LiveStatus::connecting;
}

void Store::close_stream() {
  if (stream_) effects_.push_back(CloseStream{stream_});
  stream_ = 0;
}

bool Store::apply_stream(std::vector<platform::StreamMessage> messages) {
  bool changed = false;
  bool applied = false;
  auto& r = app_.replica;
  for (auto& m : messages) {
    if (m.stream != stream_ || !stream_) continue;
    changed = true;
    using Kind = platform::StreamMessage::Kind;
    switch (m.kind) {
    case Kind::open:
      r.live = LiveStatus::live;
      stream_failures_ = 0;
      break;
    case Kind::reconnecting: r.live = LiveStatus::reconnecting; break;
    case Kind::closed:
      // Refused (session ended, no longer a member) or failed: find out which, and try again.
      effects_.push_back(CloseStream{stream_});
      stream_ = 0;
      r.live = LiveStatus::reconnecting;
      ++stream_failures_;
      reopen_stream_at_ = now_ + std::min(10000.0, 1000.0 * stream_failures_);
      refresh_me();
      break;
    case Kind::cursor: {
      std::int64_t seq = 0;
      const auto& id = m.last_event_id;
      auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), seq);
      if (ec == std::errc{} && end == id.data() + id.size()) r.cursor = std::max(r.cursor, seq);
      break;
    }
    case Kind::event: {
      auto json = nlohmann::json::parse(m.data, nullptr, false);
      auto event = domain::event_from_json(json);
      if (!event) break; // a kind of event this client does not know: the next snapshot has it
      r.cursor = std::max(r.cursor, event->seq);
      on_event(event.value());
      applied = true;
      break;
    }
    }
  }
  if (applied) {
    after_events();
    update_title();
  }
  if (changed) sync_forms();
  return changed;
}

void Store::on_event(const domain::Event& e) {
  auto& r = app_.replica;
  if (!r.state || r.snapshot_loading) {
    buffered_.push_back(e);
    return;
  }
  if (e.seq <= r.state->version) return; // already in the snapshot
  const auto outcome = domain::apply(*r.state, e);
  r.churn.note(*r.state, e);
  if (outcome.needs_snapshot) load_snapshot(); // later events wait for it in the buffer
}

void Store::after_events() {
  const auto& r = app_.replica;
  if (!app_.me || !r.state) return;
  // Keep the switcher's name and role in step with the program.
  const auto role = r.state->role_of(app_.me->person.id);
  bool role_changed = false;
  for (auto& m : app_.me->memberships) {
    if (m.program_id != r.program_id) continue;
    m.program_name = r.state->name;
    if (role != identity::Role::unknown && role != m.role) {
      m.role = role;
      role_changed = true;
    }
  }
  if (role == identity::Role::unknown && !r.snapshot_loading) {
    refresh_me(); // removed from the program
    return;
  }
  if (role_changed) go(app_.route, false); // a page the new role may not open leads to the overview
}

bool Store::apply_online(bool online) {
  auto& r = app_.replica;
  if (!r.program_id) return false;
  if (!online) {
    // The browser knows the network is gone: stop listening and catch up when it is back.
    close_stream();
    r.live = LiveStatus::reconnecting;
    return true;
  }
  reopen_stream_at_ = 0;
  if (!r.state) {
    if (!r.snapshot_loading) load_snapshot();
  } else {
    open_stream();
  }
  return true;
}

} // namespace pd::client
