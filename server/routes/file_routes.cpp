// Uploads and files. A file is uploaded in pieces of at most the request body limit:
//   POST /programs/{id}/uploads {name, content_type, size}   -> 201 {upload_id, chunk_bytes}
//   PUT  /programs/{id}/uploads/{upload}?offset=N  (raw bytes) -> {received}
//   POST /programs/{id}/uploads/{upload}/complete             -> {name, content_type, size, sha256}
// then referenced by its sha256 in a command (ticket attachments, training modules) by someone
// who may read it (domain::may_read_file). GET /programs/{id}/files/{sha} serves it, with range
// requests, under the same rule. What a program and each of its customers and agents hold
// (files and uploads in progress) is limited; an upload without a piece for a while expires.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/domain/program/authorization.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

void no_upload(httplib::Response& res) { http::send_error(res, 404, ErrorCode::not_found, "No such upload.", "upload_id"); }

std::string accepted_list() {
  return "PNG, JPEG, GIF or WebP images, PDF, MP4 or WebM video, ZIP, plain text, CSV or JSON";
}

} // namespace

void register_file_routes(httplib::Server& server, app::Services& services) {
  server.Post(R"(/api/v1/programs/(\d+)/uploads)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"name", "content_type", "size", "purpose"});
    auto name = r.text("name", {1, 200});
    auto type = r.text("content_type", {3, 100});
    auto size = r.integer("size", 1, INT64_MAX);
    const bool training = r.has("purpose") && r.word("purpose", {"attachment", "training"}) == "training";
    if (r.error()) return http::send_error(res, http::status_for(r.error()->code), *r.error());
    // Training media (videos, PDF guides) have their own limit and only owners and admins add them.
    // The business's own uploads count toward the program's limit only; a customer's or an
    // agent's toward their own limit as well.
    bool business = false;
    auto limit = services.commands.read(program, [&](const ProgramState& s) -> std::int64_t {
      const auto role = s.role_of(actor->id);
      if (role == identity::Role::unknown) return -1;
      business = identity::is_business_role(role);
      if (training) return is_allowed(s, actor->id, Action::manage_training) ? services.options.max_training_file_mb * 1024 * 1024 : -2;
      return s.support_settings.max_attachment_bytes;
    });
    if (!limit || *limit == -1) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (*limit == -2) return http::send_error(res, 403, ErrorCode::forbidden, "Only an owner or admin adds training files.", "purpose");
    if (training && !is_training_file_type(type))
      return http::send_error(res, 415, ErrorCode::invalid_field, "Training files are MP4 or WebM videos and PDF guides.", "content_type");
    if (!storage::accepted_content_type(type))
      return http::send_error(res, 415, ErrorCode::invalid_field, "This type of file is not accepted. Accepted: " + accepted_list() + ".",
                              "content_type");
    if (size > *limit)
      return http::send_error(res, 413, ErrorCode::payload_too_large,
                              "Files may be at most " + std::to_string(*limit / (std::int64_t{1024} * 1024)) + " MB in this program.", "size");
    auto up = services.files.begin(program, actor->id, name, type, size, services.now_ms(), !business);
    if (!up) return http::send_error(res, http::status_for(up.error().code), up.error());
    http::send_json(res, 201, {{"upload_id", up->id}, {"size", size}, {"received", 0},
                               {"chunk_bytes", static_cast<std::int64_t>(services.options.max_body_bytes)}});
  });

  server.Put(R"(/api/v1/programs/(\d+)/uploads/([A-Za-z0-9_-]+))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto up = services.files.find_upload(req.matches[2]);
    if (!up || up->person_id != actor->id || up->program_id != http::path_id(req, 1)) return no_upload(res);
    auto offset = http::int_param(req, "offset", 0, INT64_MAX, -1);
    if (!offset || offset.value() < 0)
      return http::send_error(res, 400, ErrorCode::missing_field, "Say where this piece starts: ?offset=N.", "offset");
    auto received = services.files.append(*up, offset.value(), req.body, services.now_ms());
    if (!received) return http::send_error(res, http::status_for(received.error().code), received.error());
    http::send_json(res, 200, {{"upload_id", up->id}, {"received", received.value()}, {"size", up->size}});
  });

  server.Post(R"(/api/v1/programs/(\d+)/uploads/([A-Za-z0-9_-]+)/complete)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto up = services.files.find_upload(req.matches[2]);
    if (!up || up->person_id != actor->id || up->program_id != http::path_id(req, 1)) return no_upload(res);
    auto file = services.files.complete(*up, services.now_ms());
    if (!file) return http::send_error(res, http::status_for(file.error().code), file.error());
    http::send_json(res, 200, {{"name", file->name}, {"content_type", file->content_type}, {"size", file->size}, {"sha256", file->sha256}});
  });

  server.Get(R"(/api/v1/programs/(\d+)/files/([0-9a-f]{64}))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    auto file = services.files.find(program, req.matches[2]);
    const bool own = file && services.files.uploaded_by(program, file->sha256, actor->id);
    auto allowed = file ? services.commands.read(program, [&](const ProgramState& s) { return may_read_file(s, actor->id, file->sha256, own); })
                        : std::nullopt;
    if (!file || !allowed || !*allowed) return http::send_error(res, 404, ErrorCode::not_found, "No such file.", "sha256");
    res.set_header("Cache-Control", "private, max-age=31536000, immutable"); // content-addressed
    res.set_header("Content-Disposition", std::string(storage::inline_content_type(file->content_type) ? "inline" : "attachment") +
                                              "; filename=\"" + file->sha256.substr(0, 12) + "\"");
    res.set_file_content(services.files.path_of(file->sha256).string(), file->content_type);
  });
}

} // namespace pd::routes
