// The event feed (GET .../events?after=N) and the live stream (Server-Sent Events): only the
// events the reader may see, in order, without gaps. The cursor is the last sequence number
// scanned, so filtered-out events are never rescanned.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/domain/authorization.hpp"
#include "shared/domain/visibility.hpp"

#include <chrono>

namespace pd::routes {

using namespace domain;

namespace {

struct Page {
  nlohmann::json events = nlohmann::json::array();
  Sequence cursor = 0; // the last sequence number scanned
  std::size_t scanned = 0;
};

// Reads up to `limit` events after `after` and keeps those the reader may see.
std::optional<Page> visible_page(app::Services& services, ProgramId program, PersonId reader, Sequence after, int limit) {
  Page page;
  page.cursor = after;
  auto events = services.events.read_after(program, after, limit);
  page.scanned = events.size();
  auto ok = services.commands.read(program, [&](const ProgramState& s) {
    if (!is_allowed(s, reader, Action::read_program)) return false;
    for (const auto& e : events) {
      if (event_visible_to(s, reader, e)) page.events.push_back(to_json(e, false));
      page.cursor = e.seq;
    }
    return true;
  });
  if (!ok || !*ok) return std::nullopt;
  return page;
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

    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    struct StreamState {
      Sequence cursor;            // last sequence scanned in this program's log
      Sequence scanned_at = -1;   // the hub's latest sequence when the log was last scanned
      bool greeted = false;
    };
    auto st = std::make_shared<StreamState>(StreamState{start});
    // Keep-alives are spread over 10-20 s so many idle streams do not wake together.
    const auto keep_alive = std::chrono::milliseconds(10000 + static_cast<int>(std::hash<const void*>{}(st.get()) % 10000));
    const PersonId reader = actor->id;
    const auto session = app::current_caller(req, services)->token_hash;
    ++services.hub.open_streams;
    res.set_chunked_content_provider(
        "text/event-stream",
        [&services, program, reader, st, keep_alive, session](std::size_t, httplib::DataSink& sink) {
          if (!st->greeted) {
            st->greeted = true;
            std::string hello = "retry: 1000\n: connected\n\n";
            return sink.write(hello.data(), hello.size());
          }
          // Ends with the server, and with the session (signed out, or out of all devices).
          if (services.hub.closed() || !services.sessions.find(session, services.now_ms())) {
            sink.done();
            return true;
          }
          const auto latest = services.hub.latest();
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
            if (!out.empty()) return sink.write(out.data(), out.size());
          }
          // Nothing new: wait for the log to grow, or send a keep-alive comment.
          if (services.hub.wait_after(latest, keep_alive) == latest && !services.hub.closed()) {
            std::string ping = ": keep-alive\n\n";
            return sink.write(ping.data(), ping.size());
          }
          return true;
        },
        [&services](bool) { --services.hub.open_streams; });
  });
}

} // namespace pd::routes
