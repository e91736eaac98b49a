// GET /healthz: liveness and whether storage accepts writes.
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
}

} // namespace pd::routes
