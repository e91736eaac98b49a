// Customer data export (docs/api.md, "Customer data export"): an owner or admin exports any
// customer's data, a customer its own (domain::why_not_export_customer()); a person with
// two-factor sign-in proves it freshly first (step-up, as for the sensitive commands).
//   GET /api/v1/programs/{id}/customers/{cid}/export       what the archive will hold (counts, name)
//   GET /api/v1/programs/{id}/customers/{cid}/export.zip   the archive: manifest.json, customer.json, files/
// The archive is written to DATA_DIR/tmp/ and removed once sent; at most two are written at once.
// Erasure (shared/domain/privacy/erasure.hpp): RequestErasure and DecideErasure are commands; the
// customer confirms its own request from the mailed link, without signing in:
//   POST /api/v1/erasure/confirm   {token}: the link's token; ConfirmErasure as the customer
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/app/security.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "server/mail/event_mail.hpp"
#include "shared/core/json_fields.hpp"
#include "server/privacy/customer_archive.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

constexpr int max_archives_at_once = 2;
std::atomic<int> archives_in_progress{0};

struct ArchiveSlot {
  bool taken = false;
  ArchiveSlot() {
    int now = archives_in_progress.load();
    while (now < max_archives_at_once)
      if (archives_in_progress.compare_exchange_weak(now, now + 1)) {
        taken = true;
        return;
      }
  }
  ArchiveSlot(const ArchiveSlot&) = delete;
  ArchiveSlot& operator=(const ArchiveSlot&) = delete;
  ~ArchiveSlot() {
    if (taken) --archives_in_progress;
  }
};

// Who asks, for whom, and whether they may: answers the refusal itself and returns nullopt.
struct ExportRequest {
  Actor actor;
  ProgramId program = 0;
  CustomerId customer = 0;
  PersonId customer_person = 0;
};

std::optional<ExportRequest> checked_request(const httplib::Request& req, httplib::Response& res, app::Services& services) {
  app::Caller caller;
  auto actor = app::require_actor(req, res, services, &caller);
  if (!actor) return std::nullopt;
  ExportRequest r{*actor, http::path_id(req, 1), http::path_id(req, 2), 0};
  auto refusal = services.commands.read(r.program, [&](const ProgramState& s) {
    auto why = why_not_export_customer(s, actor->id, r.customer);
    if (!why) r.customer_person = s.customer(r.customer)->person_id;
    return why;
  });
  if (!refusal) {
    http::send_error(res, 404, ErrorCode::not_found, "No such customer.", "customer_id");
    return std::nullopt;
  }
  if (*refusal) {
    http::send_error(res, http::status_for((*refusal)->code), **refusal);
    return std::nullopt;
  }
  if (!app::second_factor_fresh(caller, res, services)) return std::nullopt;
  return r;
}

std::optional<CustomerExport> build_export(const ExportRequest& r, app::Services& services) {
  std::optional<ExportAccount> account;
  if (r.customer_person != 0)
    if (auto p = services.accounts.find_by_id(r.customer_person)) account = ExportAccount{p->email, p->name, p->email_verified};
  const auto now = services.now_ms();
  return services.commands.read(r.program, [&](const ProgramState& s) { return customer_export(s, r.customer, account, now); });
}

// Archives older than an hour are left from a download that never ended (a crash, a restart).
void sweep_old_archives(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.rfind("export-", 0) != 0) continue;
    std::error_code ec2;
    if (it->last_write_time(ec2) < cutoff && !ec2) std::filesystem::remove(it->path(), ec2);
  }
}

} // namespace

void register_privacy_routes(httplib::Server& server, app::Services& services) {
  server.Get(R"(/api/v1/programs/(\d+)/customers/(\d+)/export)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto r = checked_request(req, res, services);
    if (!r) return;
    auto x = build_export(*r, services);
    if (!x) return http::send_error(res, 404, ErrorCode::not_found, "No such customer.", "customer_id");
    std::int64_t bytes = 0;
    for (const auto& f : x->files) bytes += f.size;
    http::send_json(res, 200,
                    {{"customer_id", r->customer},
                     {"file_name", privacy::archive_file_name(r->customer, services.now_ms())},
                     {"tickets", x->tickets},
                     {"messages", x->messages},
                     {"ratings", x->ratings},
                     {"attachments", x->files.size()},
                     {"attachment_bytes", bytes},
                     {"download", "/api/v1/programs/" + std::to_string(r->program) + "/customers/" + std::to_string(r->customer) + "/export.zip"}});
  });

  server.Get(R"(/api/v1/programs/(\d+)/customers/(\d+)/export\.zip)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto r = checked_request(req, res, services);
    if (!r) return;
    auto slot = std::make_shared<ArchiveSlot>();
    if (!slot->taken) {
      res.set_header("Retry-After", "5");
      return http::send_error(res, 503, ErrorCode::rate_limited, "Other exports are being written: try again in a few seconds.", "customer_id");
    }
    auto x = build_export(*r, services);
    if (!x) return http::send_error(res, 404, ErrorCode::not_found, "No such customer.", "customer_id");
    const auto dir = services.options.data_dir / "tmp";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    sweep_old_archives(dir);
    const auto path = dir / ("export-" + auth::new_token() + ".zip");
    auto size = privacy::write_customer_archive(*x, services.files, path);
    if (!size) {
      services.log.error("customer export failed", {{"program", r->program}, {"customer", r->customer}, {"why", size.error().message}});
      return http::send_error(res, 500, size.error());
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
      std::filesystem::remove(path, ec);
      return http::send_error(res, 500, ErrorCode::internal, "The archive could not be read back.");
    }
    services.log.info("customer data exported", {{"program", r->program}, {"customer", r->customer}, {"by", r->actor.id}, {"bytes", size.value()}});
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition", "attachment; filename=\"" + privacy::archive_file_name(r->customer, services.now_ms()) + "\"");
    // The slot is held until the archive is sent (or the client goes away), then the file goes.
    res.set_content_provider(
        static_cast<std::size_t>(size.value()), "application/zip",
        [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          std::array<char, std::size_t{64} * 1024> buf{};
          if (std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0) return false;
          const std::size_t n = std::fread(buf.data(), 1, std::min(length, buf.size()), file);
          if (n == 0) return false;
          return sink.write(buf.data(), n);
        },
        [file, path, slot](bool) {
          std::fclose(file);
          std::error_code ec2;
          std::filesystem::remove(path, ec2);
        });
  });

  server.Post("/api/v1/erasure/confirm", [&services](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    if (auto unknown = core::reject_unknown_fields(body.value(), {"token"})) return http::send_error(res, 400, *unknown);
    const auto& token = body.value().contains("token") ? body.value()["token"] : nlohmann::json();
    auto link = token.is_string() ? mail::parse_erasure_token(services.links, token.get<std::string>()) : std::nullopt;
    if (!link) return http::send_error(res, 400, ErrorCode::invalid_field, "This confirmation link is not valid.", "token");
    // The request's customer confirms: the link reached its account's address.
    auto asker = services.commands.read(link->program, [&](const ProgramState& s) -> std::optional<Actor> {
      auto it = s.erasure.requests.find(link->erasure);
      const auto* c = it == s.erasure.requests.end() ? nullptr : s.customer(it->second.customer_id);
      if (!c || c->person_id == 0) return std::nullopt;
      return Actor{c->person_id, c->profile.name, c->profile.email};
    });
    if (!asker || !*asker) return http::send_error(res, 404, ErrorCode::not_found, "This erasure request no longer exists.", "token");
    const auto command_id = "erasure-confirm-" + std::to_string(link->program) + "-" + std::to_string(link->erasure);
    auto out = services.commands.execute(link->program, command_id, Command{ConfirmErasure{link->erasure, true}}, **asker, services.now_ms());
    if (out.status != 200) return http::send_json(res, out.status, out.body);
    http::send_json(res, 200, nlohmann::json{{"program_id", link->program}, {"erasure_id", link->erasure}, {"status", "awaiting_approval"}});
  });
}

} // namespace pd::routes
