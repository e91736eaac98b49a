// GET /healthz: liveness, whether storage accepts writes, and the outbox of outgoing mail.
// GET /healthz/mail: the messages still waiting, with the relay's last answer.
// GET /metrics: counters.
#include "server/routes/routes.hpp"

#include "server/http/responses.hpp"
#include "server/version.hpp"

#include <string>

namespace pd::routes {

namespace {

nlohmann::json mail_summary(app::Services& services, const storage::OutboxStatus& status) {
  nlohmann::json mail = {{"relay", services.mail.relay_configured() ? "configured" : "none"},
                         {"queued", status.queued},
                         {"failing", status.failing},
                         {"sent", status.sent}};
  if (status.oldest_queued_at_ms) mail["oldest_queued_at"] = status.oldest_queued_at_ms;
  for (const auto& row : status.waiting)
    if (!row.last_error.empty()) {
      mail["last_error"] = row.last_error;
      break;
    }
  return mail;
}

} // namespace

void register_health_routes(httplib::Server& server, app::Services& services) {
  server.Get("/healthz", [&services](const httplib::Request&, httplib::Response& res) {
    bool writable = services.db.writable();
    auto outbox = services.mail.outbox().status(1);
    http::send_json(res, writable ? 200 : 503,
                    {{"status", writable ? "ok" : "degraded"},
                     {"version", version},
                     {"storage", writable ? "writable" : "read-only"},
                     {"mail", mail_summary(services, outbox)}});
  });
  // Waiting messages, oldest first (no recipient, subject or body: only what tells why).
  server.Get("/healthz/mail", [&services](const httplib::Request&, httplib::Response& res) {
    auto outbox = services.mail.outbox().status(50);
    auto body = mail_summary(services, outbox);
    auto waiting = nlohmann::json::array();
    for (const auto& row : outbox.waiting)
      waiting.push_back({{"message_id", row.mail.message_id},
                         {"kind", row.mail.kind},
                         {"created_at", row.created_at_ms},
                         {"attempts", row.attempts},
                         {"next_attempt_at", row.next_attempt_at_ms},
                         {"last_error", row.last_error}});
    body["waiting"] = std::move(waiting);
    http::send_json(res, 200, body);
  });
  // Prometheus text format.
  server.Get("/metrics", [&services](const httplib::Request&, httplib::Response& res) {
    auto text = services.metrics.render(static_cast<std::int64_t>(services.commands.event_count()), services.hub.open_streams.load(),
                                        static_cast<std::int64_t>(services.commands.program_count()));
    auto outbox = services.mail.outbox().status(0);
    text += "# HELP pd_mail_queued Outgoing messages not yet accepted by the relay.\n# TYPE pd_mail_queued gauge\npd_mail_queued " +
            std::to_string(outbox.queued) + "\n";
    text += "# HELP pd_mail_failing Queued messages whose last attempt failed (or no relay is configured).\n"
            "# TYPE pd_mail_failing gauge\npd_mail_failing " + std::to_string(outbox.failing) + "\n";
    text += "# HELP pd_mail_sent Messages the relay accepted.\n# TYPE pd_mail_sent gauge\npd_mail_sent " + std::to_string(outbox.sent) + "\n";
    res.set_content(text, "text/plain; version=0.0.4");
  });
}

} // namespace pd::routes
