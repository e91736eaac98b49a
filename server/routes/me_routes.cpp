// GET /api/v1/me: the signed-in person with their programs and roles.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/app/security.hpp"
#include "server/http/responses.hpp"

namespace pd::routes {

void register_me_routes(httplib::Server& server, app::Services& services) {
  server.Get("/api/v1/me", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    std::optional<api::Me> me;
    if (caller) me = app::me_of(services, caller->person_id);
    if (!me) return http::send_error(res, 401, core::ErrorCode::unauthenticated, "Sign in to continue.");
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, *me);
  });
}

} // namespace pd::routes
