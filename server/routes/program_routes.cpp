// Programs: create, send commands, read the snapshot a browser replica starts from, and the
// paged, filtered lists its pages need (customers, members, invitations).
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/app/security.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/json_cache.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/text_search.hpp"
#include "shared/domain/program/list_filters.hpp"
#include "server/scheduling/time_zones.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <cctype>

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

void send_outcome(httplib::Response& res, const execution::CommandOutcome& out) {
  if (out.replayed) res.set_header("Idempotent-Replayed", "true");
  if (out.text.empty()) return http::send_json(res, out.status, out.body);
  res.status = out.status;
  res.set_content(out.text, "application/json"); // serialized once, when it was stored
}

void program_not_found(httplib::Response& res) {
  http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
}

using core::contains_folded;

} // namespace

void register_program_routes(httplib::Server& server, app::Services& services) {
  // Rows of the customer list, rendered once per customer version (keyed by program and id).
  static http::JsonCache customer_json;
  // Create a program: the signed-in person becomes its owner.
  server.Post("/api/v1/programs", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"command_id", "name", "currency"});
    auto command_id = r.text("command_id", {8, max_command_id, false});
    if (r.error()) return http::send_error(res, http::status_for(r.error()->code), *r.error());
    nlohmann::json data = body.value();
    data.erase("command_id");
    auto create = decode_create_program(data);
    if (!create) {
      auto e = create.error();
      if (e.field.rfind("data.", 0) == 0) e.field = e.field.substr(5);
      return http::send_error(res, http::status_for(e.code), e);
    }
    auto out = services.commands.execute(0, command_id, create.value(), *actor, services.now_ms());
    if (out.status == 200) {
      out.status = 201;
      out.add("me", *app::me_of(services, actor->id)); // the new membership, for the program switcher
    }
    send_outcome(res, out);
  });

  // Any other command on a program.
  server.Post(R"(/api/v1/programs/(\d+)/commands)", [&services](const httplib::Request& req, httplib::Response& res) {
    app::Caller caller;
    auto actor = app::require_actor(req, res, services, &caller);
    if (!actor) return;
    auto envelope = decode_command_envelope(req.body);
    if (!envelope) return http::send_error(res, http::status_for(envelope.error().code), envelope.error());
    // Sensitive changes need a freshly proven second factor; the browser asks for a code and
    // sends the same command id again.
    if (!app::step_up_allows(envelope->command, caller, res, services)) return;
    auto program = http::path_id(req, 1);
    auto command = envelope->command;
    if (auto invite = std::get_if<InviteMember>(&command)) {
      // The link's secret is made here; only its hash enters the log. The creator gets the
      // link once, in this answer.
      auto token = auth::new_token();
      invite->token_hash = auth::token_hash(token);
      const auto link = "/#/invite/" + token;
      // The invitation mail (server/mail/event_mail.hpp) is queued with the event.
      auto out = services.commands.execute(program, envelope->command_id, command, *actor, services.now_ms(), link);
      if (out.status == 200 && !out.replayed) out.add("invitation_link", link);
      return send_outcome(res, out);
    }
    if (auto key = std::get_if<CreateApiKey>(&command)) {
      // The billing system's key is made here, like an invitation link: only its prefix and
      // hash enter the log, and the creator gets the key once, in this answer.
      auto api_key = auth::new_api_key();
      key->key_prefix = api_key.substr(0, api_key_prefix_length);
      key->key_hash = auth::token_hash(api_key);
      auto out = services.commands.execute(program, envelope->command_id, command, *actor, services.now_ms());
      if (out.status == 200 && !out.replayed) out.add("api_key", api_key);
      return send_outcome(res, out);
    }
    // Attachments (and a training module's file) must be files of this program that the sender
    // may read (domain::may_read_file: the business any; others what they uploaded themselves
    // or can already see), so attaching never widens who may read a file. Their type and size
    // come from the store, not from the request. An unknown file and one the sender may not read
    // get the same answer.
    auto readable_file = [&](const std::string& sha256) -> std::optional<storage::StoredFile> {
      auto stored = services.files.find(program, sha256);
      if (!stored) return std::nullopt;
      const bool own = services.files.uploaded_by(program, sha256, actor->id);
      auto allowed = services.commands.read(program, [&](const ProgramState& s) { return may_read_file(s, actor->id, sha256, own); });
      if (!allowed || !*allowed) return std::nullopt;
      return stored;
    };
    auto attachments = std::visit(
        [](auto& c) -> std::vector<Attachment>* {
          if constexpr (requires { c.attachments; }) return &c.attachments;
          else return nullptr;
        },
        command);
    if (attachments)
      for (std::size_t i = 0; i < attachments->size(); ++i) {
        auto& a = (*attachments)[i];
        auto stored = readable_file(a.sha256);
        if (!stored)
          return http::send_error(res, 400, ErrorCode::invalid_field, "Upload the file first.",
                                  "data.attachments[" + std::to_string(i) + "].sha256");
        a = Attachment{a.name.empty() ? stored->name : a.name, stored->content_type, stored->size, stored->sha256};
      }
    if (auto save = std::get_if<SaveTrainingModule>(&command); save && !save->module.file.sha256.empty()) {
      auto& f = save->module.file;
      auto stored = readable_file(f.sha256);
      if (!stored) return http::send_error(res, 400, ErrorCode::invalid_field, "Upload the file first.", "data.module.file.sha256");
      f = Attachment{f.name.empty() ? stored->name : f.name, stored->content_type, stored->size, stored->sha256};
    }
    if (auto settings = std::get_if<ChangeSupportSettings>(&command)) {
      // Calendars carry their zone's UTC offsets as data, so the domain (and the browser's
      // countdowns) compute business time without a time-zone database. An unknown zone
      // keeps an empty table, which decide() refuses with the field named.
      for (auto& tier : settings->settings.tiers)
        if (tier.calendar.time_zone != "UTC")
          tier.calendar.offsets = scheduling::offset_changes(tier.calendar.time_zone, 2020, 2045).value_or(std::vector<sla::OffsetChange>{});
    }
    send_outcome(res, services.commands.execute(program, envelope->command_id, command, *actor, services.now_ms()));
  });

  // The snapshot a browser replica starts from: what this reader may see, at a version.
  server.Get(R"(/api/v1/programs/(\d+)/snapshot)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto snapshot = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (!is_allowed(s, actor->id, Action::read_program)) return std::nullopt;
      return state_to_json(visible_state(s, actor->id));
    });
    if (!snapshot || !*snapshot) return program_not_found(res);
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, **snapshot);
  });

  // Customers, paged by id and filtered on the server. Agents get only their assigned
  // customers, customers only their own record.
  server.Get(R"(/api/v1/programs/(\d+)/customers)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    auto role = services.commands.read(program, [&](const ProgramState& s) { return s.role_of(actor->id); });
    if (!role || *role == identity::Role::unknown) return program_not_found(res);
    auto limit = http::int_param(req, "limit", 1, 200, 50);
    auto after = http::int_param(req, "after_id", 0, INT64_MAX, 0);
    auto agent = http::int_param(req, "agent", -1, INT64_MAX, -1);
    auto q = http::text_param(req, "q", 100);
    auto subscription = http::text_param(req, "subscription", 20);
    auto segment = http::text_param(req, "segment", 60);
    for (const core::Error* e : {limit ? nullptr : &limit.error(), after ? nullptr : &after.error(), agent ? nullptr : &agent.error(),
                                 q ? nullptr : &q.error(), subscription ? nullptr : &subscription.error(), segment ? nullptr : &segment.error()})
      if (e) return http::send_error(res, 400, *e);

    // Served from the in-memory state under the shared lock (no SQL on the read path).
    std::int64_t forced_agent = agent.value(), forced_person = -1;
    if (*role == identity::Role::agent) forced_agent = actor->id;
    if (*role == identity::Role::customer) forced_person = actor->id;
    const CustomerFilter filter{q.value(), subscription.value(), segment.value(), forced_agent};
    auto body = services.commands.read(program, [&](const ProgramState& s) {
      std::string out = "{\"items\":[";
      std::int64_t count = 0, last = 0;
      bool more = false;
      for (auto it = s.customers.upper_bound(after.value()); it != s.customers.end(); ++it) {
        const auto& c = it->second;
        if (forced_person >= 0 && c.person_id != forced_person) continue;
        if (!customer_matches(c, filter)) continue; // the browser's customer list applies the same rule
        if (count == limit.value()) {
          more = true;
          break;
        }
        if (count++) out += ',';
        out += customer_json.get(program * 1'000'000'000'000 + c.id, c.version, [&] { return nlohmann::json(c); });
        last = c.id;
      }
      out += "],\"next_after_id\":";
      out += more ? std::to_string(last) : "null";
      out += '}';
      return out;
    });
    if (!body) return program_not_found(res);
    res.status = 200;
    res.set_content(std::move(*body), "application/json");
  });

  server.Get(R"(/api/v1/programs/(\d+)/customers/(\d+))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto customer = http::path_id(req, 2);
    auto found = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      auto c = s.customer(customer);
      if (!c || !is_allowed(s, actor->id, Action::read_customer, {.customer = customer})) return std::nullopt;
      return nlohmann::json(*c);
    });
    if (!found || !*found) return http::send_error(res, 404, ErrorCode::not_found, "No such customer.", "customer_id");
    http::send_json(res, 200, **found);
  });

  // Members with their roles (and partner status for agents), as far as the reader may see.
  server.Get(R"(/api/v1/programs/(\d+)/members)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto role_filter = http::text_param(req, "role", 20);
    if (!role_filter) return http::send_error(res, 400, role_filter.error());
    auto list = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (!is_allowed(s, actor->id, Action::read_program)) return std::nullopt;
      nlohmann::json items = nlohmann::json::array();
      for (const auto& [id, m] : s.members) {
        if (!is_allowed(s, actor->id, Action::read_member, {.person = id})) continue;
        if (!role_filter.value().empty() && role_filter.value() != identity::to_string(m.role)) continue;
        nlohmann::json j = m;
        if (auto a = s.agents.find(id); a != s.agents.end() && is_allowed(s, actor->id, Action::read_agent, {.person = id}))
          j["agent"] = a->second;
        items.push_back(j);
      }
      return nlohmann::json{{"items", items}};
    });
    if (!list || !*list) return program_not_found(res);
    http::send_json(res, 200, **list);
  });

  server.Get(R"(/api/v1/programs/(\d+)/invitations)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto list = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (!is_allowed(s, actor->id, Action::read_program)) return std::nullopt;
      if (!is_allowed(s, actor->id, Action::read_invitations)) return nlohmann::json(nullptr);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& [id, inv] : s.invitations) items.push_back(inv); // codec leaves the token hash out
      return nlohmann::json{{"items", items}};
    });
    if (!list || !*list) return program_not_found(res);
    if ((*list)->is_null()) return http::send_error(res, 403, ErrorCode::forbidden, "Only business staff see invitations.");
    http::send_json(res, 200, **list);
  });
}

} // namespace pd::routes
