// The event feed (GET .../events?after=N) and the live stream (Server-Sent Events): only the
// events the reader may see, in order, without gaps. The cursor is the last sequence number
// scanned, so filtered-out events are never rescanned.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

namespace pd::routes {

using namespace domain;

namespace {

struct Page {
  nlohmann::json events = nlohmann::json::array();
  Sequence cursor = 0; // the last sequence number scanned
  std::size_t scanned = 0;
};

// Reads up to `limit` events after `after` and keeps those the reader may see, as the reader
// may see them (event_for_reader: a customer's are redacted like its snapshot). The feed and
// the live stream both read through here.
std::optional<Page> visible_page(app::Services& services, ProgramId program, PersonId reader, Sequence after, int limit) {
  Page page;
  page.cursor = after;
  auto events = services.events.read_after(program, after, limit);
  page.scanned = events.size();
  auto ok = services.commands.read(program, [&](const ProgramState& s) {
    if (!is_allowed(s, reader, Action::read_program)) return false;
    for (const auto& e : events) {
      if (auto shown = event_for_reader(s, reader, e)) page.events.push_back(to_json(*shown, false));
      page.cursor = e.seq;
    }
    return true;
  });
  if (!ok || !*ok) return std::nullopt;
  return page;
}

} // namespace

namespace {

// How long an idle stream waits before the library checks that its client is still there.
constexpr std::chrono::milliseconds liveness_check{1000};

// 429 for a limit of the caller's own (session, person, address), 503 for the server's total;
// the body names the limit and its value.
void refuse_stream(httplib::Response& res, app::Services& services, const live::StreamAdmission& refused) {
  services.metrics.stream_refused(refused.refused);
  const auto limit = std::to_string(refused.limit);
  std::string message;
  switch (refused.refused) {
  case live::StreamLimit::session:
    message = "This sign-in already has " + limit + " live streams open, the most allowed. Close another Partnerdesk tab, then retry.";
    break;
  case live::StreamLimit::person:
    message = "You already have " + limit + " live streams open over all your sign-ins, the most allowed. Close another Partnerdesk tab, then retry.";
    break;
  case live::StreamLimit::address:
    message = "Your network address already has " + limit + " live streams open, the most allowed. Close some, then retry.";
    break;
  case live::StreamLimit::total:
  case live::StreamLimit::none:
    message = "The server has as many live streams open as it allows (" + limit + "). Retry in a few seconds.";
    break;
  }
  const int status = refused.refused == live::StreamLimit::total ? 503 : 429;
  auto body = core::to_json_body(core::make_error(core::ErrorCode::rate_limited, std::move(message), live::field_name(refused.refused)));
  body["error"]["limit"] = refused.limit;
  res.set_header("Retry-After", "5");
  res.set_header("Cache-Control", "no-store");
  http::send_json(res, status, body);
}

} // namespace

void register_event_routes(httplib::Server& server, app::Services& services) {
  server.Get(R"(/api/v1/programs/(\d+)/events)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto after = http::int_param(req, "after", 0, INT64_MAX, 0);
    auto limit = http::int_param(req, "limit", 1, 1000, 500);
    if (!after) return http::send_error(res, 400, after.error());
    if (!limit) return http::send_error(res, 400, limit.error());
    auto page = visible_page(services, http::path_id(req, 1), actor->id, after.value(), static_cast<int>(limit.value()));
    if (!page) return http::send_error(res, 404, core::ErrorCode::not_found, "No such program.", "program_id");
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, {{"events", page->events}, {"next_after", page->cursor}});
  });

  // text/event-stream; resumes after ?after=N or the Last-Event-ID header. Each message's id
  // is the cursor, so a reconnecting browser continues exactly where it stopped.
  //
  // Each open stream holds one HTTP thread (cpp-httplib serves a chunked response on its
  // connection's thread), so a stream is admitted only within the limits per session, person
  // and client address (429) and the total (503), which stays below --max-threads by
  // --stream-reserve: ordinary requests always find a thread. The slot is freed when the
  // response ends (the provider's release callback, or the response's destruction).
  services.hub.streams.set_limits(live::StreamLimits{services.options.streams_per_session, services.options.streams_per_person,
                                                       services.options.streams_per_address, config::stream_capacity(services.options)});
  services.metrics.set_stream_capacity(config::stream_capacity(services.options));
  server.Get(R"(/api/v1/programs/(\d+)/stream)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    auto after = http::int_param(req, "after", 0, INT64_MAX, 0);
    if (!after) return http::send_error(res, 400, after.error());
    Sequence start = after.value();
    if (req.has_header("Last-Event-ID")) {
      auto v = req.get_header_value("Last-Event-ID");
      char* end = nullptr;
      auto n = std::strtoll(v.c_str(), &end, 10);
      if (end && *end == '\0' && n >= 0) start = n;
    }
    auto member = services.commands.read(program, [&](const ProgramState& s) { return is_allowed(s, actor->id, Action::read_program); });
    if (!member || !*member) return http::send_error(res, 404, core::ErrorCode::not_found, "No such program.", "program_id");

    const PersonId reader = actor->id;
    const auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, core::ErrorCode::unauthenticated, "Sign in first.");
    const auto session = caller->token_hash;
    auto admission = services.hub.streams.admit(session, reader, http::client_address(req, services.options));
    if (!admission.slot) return refuse_stream(res, services, admission);

    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    using Clock = std::chrono::steady_clock;
    struct StreamState {
      Sequence cursor;                  // last sequence scanned in this program's log
      std::shared_ptr<live::StreamSlot> slot;
      Sequence scanned_at = -1;         // the hub's latest sequence when the log was last scanned
      bool greeted = false;
      std::uint64_t generation = 0;     // the hub's wake-ups seen (a sign-out somewhere)
      Clock::time_point next_keep_alive{};
    };
    auto st = std::make_shared<StreamState>(StreamState{start, std::move(admission.slot)});
    // Keep-alives are spread over 10-20 s so many idle streams do not wake together.
    const auto keep_alive = std::chrono::milliseconds(10000 + static_cast<int>(std::hash<const void*>{}(st.get()) % 10000));
    res.set_chunked_content_provider(
        "text/event-stream",
        [&services, program, reader, st, keep_alive, session](std::size_t, httplib::DataSink& sink) {
          const auto now = Clock::now();
          if (!st->greeted) {
            st->greeted = true;
            st->generation = services.hub.generation();
            st->next_keep_alive = now + keep_alive;
            std::string hello = "retry: 1000\n: connected\n\n";
            return sink.write(hello.data(), hello.size());
          }
          if (services.hub.closed()) { // ends with the server
            sink.done();
            return true;
          }
          const auto generation = services.hub.generation();
          const auto latest = services.hub.latest();
          const bool keep_alive_due = now >= st->next_keep_alive;
          // Ends with the session (signed out, or out of all devices): checked whenever the log
          // grew, a sign-out woke every stream, or a keep-alive is due.
          if (generation != st->generation || latest != st->scanned_at || keep_alive_due) {
            st->generation = generation;
            if (!services.sessions.find(session, services.now_ms())) {
              sink.done();
              return true;
            }
          }
          if (latest != st->scanned_at) { // the log grew since the last scan: read it
            auto page = visible_page(services, program, reader, st->cursor, 200);
            if (!page) { // no longer a member
              sink.done();
              return true;
            }
            if (page->scanned < 200) st->scanned_at = latest; // read to the end: nothing left before `latest`
            std::string out;
            for (const auto& e : page->events)
              out += "id: " + std::to_string(e["seq"].get<Sequence>()) + "\nevent: event\ndata: " + e.dump() + "\n\n";
            if (page->cursor != st->cursor && page->events.empty())
              out += "id: " + std::to_string(page->cursor) + "\nevent: cursor\ndata: {}\n\n"; // nothing visible; advance
            st->cursor = page->cursor;
            if (!out.empty()) {
              st->next_keep_alive = now + keep_alive;
              return sink.write(out.data(), out.size());
            }
          }
          if (keep_alive_due) {
            st->next_keep_alive = now + keep_alive;
            std::string ping = ": keep-alive\n\n";
            return sink.write(ping.data(), ping.size());
          }
          // Nothing new: wait for the log to grow or a wake-up, at most `liveness_check` at a
          // time. Between two calls the library checks that the client is still connected, so
          // a closed stream frees its thread and its slot within about that long.
          const auto until_keep_alive = std::chrono::duration_cast<std::chrono::milliseconds>(st->next_keep_alive - now);
          services.hub.wait_after(latest, generation, std::min(liveness_check, until_keep_alive));
          return true;
        },
        [st](bool) { st->slot->release(); });
  });
}

} // namespace pd::routes
