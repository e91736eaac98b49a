// GET /healthz: liveness and whether storage accepts writes. GET /metrics: counters.
#include "server/routes/routes.hpp"

#include "server/http/responses.hpp"
#include "server/version.hpp"

namespace pd::routes {

void register_health_routes(httplib::Server& server, app::Services& services) {
  server.Get("/healthz", [&services](const httplib::Request&, httplib::Response& res) {
    bool writable = services.db.writable();
    http::send_json(res, writable ? 200 : 503,
                    {{"status", writable ? "ok" : "degraded"}, {"version", version}, {"storage", writable ? "writable" : "read-only"}});
  });
  // Prometheus text format.
  server.Get("/metrics", [&services](const httplib::Request&, httplib::Response& res) {
    res.set_content(services.metrics.render(static_cast<std::int64_t>(services.commands.event_count()), services.hub.open_streams.load(),
                                            static_cast<std::int64_t>(services.commands.program_count())),
                    "text/plain; version=0.0.4");
  });
}

} // namespace pd::routes
