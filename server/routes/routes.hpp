// One file per resource registers its routes. Handlers decode the request (with shared/
// decoders), call the domain or a store, and respond with JSON.
#pragma once

#include "server/app/services.hpp"

#include <httplib.h>

namespace pd::routes {

void register_health_routes(httplib::Server& server, app::Services& services);
void register_session_routes(httplib::Server& server, app::Services& services);
void register_me_routes(httplib::Server& server, app::Services& services);
void register_account_routes(httplib::Server& server, app::Services& services);
void register_program_routes(httplib::Server& server, app::Services& services);
void register_event_routes(httplib::Server& server, app::Services& services);
void register_support_routes(httplib::Server& server, app::Services& services);
void register_file_routes(httplib::Server& server, app::Services& services);
void register_billing_routes(httplib::Server& server, app::Services& services);
void register_commission_routes(httplib::Server& server, app::Services& services);
void register_knowledge_routes(httplib::Server& server, app::Services& services);
void register_routing_routes(httplib::Server& server, app::Services& services);
void register_triage_routes(httplib::Server& server, app::Services& services);
void register_two_factor_routes(httplib::Server& server, app::Services& services);
void register_password_routes(httplib::Server& server, app::Services& services);
void register_mail_routes(httplib::Server& server, app::Services& services);
void register_verification_routes(httplib::Server& server, app::Services& services);
void register_email_change_routes(httplib::Server& server, app::Services& services);
void register_held_mail_routes(httplib::Server& server, app::Services& services);

} // namespace pd::routes
