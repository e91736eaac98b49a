// The knowledge base's reads: the articles the reader may read, one article, search (a search
// that finds nothing is recorded for the hygiene list when the client asks), the hygiene list
// and the knowledge-base figures for the business, and the draft of an article written from
// tickets. Served from the in-memory state under the command service's shared lock; the
// article commands go through POST /programs/{id}/commands like every other command.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"
#include "shared/domain/program/authorization.hpp"

#include <functional>
#include <sstream>

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

void program_not_found(httplib::Response& res) { http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id"); }

// A read for business staff only: 404 for someone outside the program, 403 (`refusal`) for its
// agents and customers, else 200 with what `body` makes of the program's state.
void business_read(app::Services& services, const httplib::Request& req, httplib::Response& res, const char* refusal,
                   const std::function<nlohmann::json(const ProgramState&)>& body) {
  auto actor = app::require_actor(req, res, services);
  if (!actor) return;
  bool allowed = true;
  auto out = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
    const auto reader = desk_rules::reader_of(s, actor->id);
    if (reader == KnowledgeReader::none) return std::nullopt;
    if (reader != KnowledgeReader::business) {
      allowed = false;
      return nlohmann::json{};
    }
    return body(s);
  });
  if (!out || !*out) return program_not_found(res);
  if (!allowed) return http::send_error(res, 403, ErrorCode::forbidden, refusal);
  http::send_json(res, 200, **out);
}

nlohmann::json summary(const Article& a) {
  return {{"id", a.id},
          {"question", a.content.question},
          {"quick_answer", a.content.quick_answer},
          {"product_area", a.content.product_area},
          {"difficulty", a.content.difficulty},
          {"audience", a.content.audience},
          {"status", a.status},
          {"updated_at", a.updated_at},
          {"reviewed_at", a.reviewed_at},
          {"version", a.version}};
}

// "1,2,3" -> ids (at most max_article_from_tickets); nullopt when malformed.
std::optional<std::vector<TicketId>> id_list(const std::string& text) {
  std::vector<TicketId> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (part.empty() || part.size() > 18 || part.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    out.push_back(std::stoll(part));
    if (out.back() < 1 || out.size() > max_article_from_tickets) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

} // namespace

void register_knowledge_routes(httplib::Server& server, app::Services& services) {
  // The articles the reader may read, newest first, paged by before_id. Filters: status, audience.
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/articles)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto limit = http::int_param(req, "limit", 1, 200, 50);
    auto before = http::int_param(req, "before_id", 0, INT64_MAX, 0);
    auto status = http::text_param(req, "status", 20);
    auto audience = http::text_param(req, "audience", 20);
    for (const core::Error* e : {limit ? nullptr : &limit.error(), before ? nullptr : &before.error(), status ? nullptr : &status.error(),
                                 audience ? nullptr : &audience.error()})
      if (e) return http::send_error(res, 400, *e);
    std::optional<ArticleStatus> want_status;
    if (!status.value().empty()) {
      auto s = core::enum_from_word<ArticleStatus>(status.value());
      if (!s || *s == ArticleStatus::unknown)
        return http::send_error(res, 400, ErrorCode::invalid_field, "'status' is one of draft, in_review, published, archived.", "status");
      want_status = s;
    }
    std::optional<ArticleAudience> want_audience;
    if (!audience.value().empty()) {
      auto a = core::enum_from_word<ArticleAudience>(audience.value());
      if (!a || *a == ArticleAudience::unknown) return http::send_error(res, 400, ErrorCode::invalid_field, "'audience' is public or internal.", "audience");
      want_audience = a;
    }
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto reader = desk_rules::reader_of(s, actor->id);
      if (reader == KnowledgeReader::none) return std::nullopt;
      nlohmann::json items = nlohmann::json::array();
      nlohmann::json next = nullptr;
      const auto& articles = s.knowledge.articles;
      auto it = before.value() ? articles.lower_bound(before.value()) : articles.end();
      while (it != articles.begin()) {
        --it;
        const auto& a = it->second;
        if (!article_visible(a, reader, actor->id)) continue;
        if (want_status && a.status != *want_status) continue;
        if (want_audience && a.content.audience != *want_audience) continue;
        if (static_cast<std::int64_t>(items.size()) == limit.value()) {
          next = items.back().at("id");
          break;
        }
        items.push_back(summary(a));
      }
      return nlohmann::json{{"items", items}, {"next_before_id", next}};
    });
    if (!body || !*body) return program_not_found(res);
    http::send_json(res, 200, **body);
  });

  // One article, whole, if the reader may read it.
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/articles/(\d+))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const ArticleId id = http::path_id(req, 2);
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto reader = desk_rules::reader_of(s, actor->id);
      if (reader == KnowledgeReader::none) return std::nullopt;
      auto a = s.knowledge.article(id);
      if (!a || !article_visible(*a, reader, actor->id)) {
        status = 404;
        return nlohmann::json{};
      }
      nlohmann::json j = *a;
      if (reader != KnowledgeReader::business) j.erase("from_tickets"); // the business's tickets
      return j;
    });
    if (!body || !*body) return program_not_found(res);
    if (status == 404) return http::send_error(res, 404, ErrorCode::not_found, "No such article.", "article_id");
    http::send_json(res, 200, **body);
  });

  // Search: the reader's matching articles, best first. record=true records a search that found
  // nothing (once per query and hour) for the hygiene list.
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/search)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto q = http::text_param(req, "q", max_search_query);
    auto limit = http::int_param(req, "limit", 1, static_cast<std::int64_t>(max_search_results), 10);
    auto record = http::text_param(req, "record", 5);
    for (const core::Error* e : {q ? nullptr : &q.error(), limit ? nullptr : &limit.error(), record ? nullptr : &record.error()})
      if (e) return http::send_error(res, 400, *e);
    if (q.value().empty()) return http::send_error(res, 400, ErrorCode::missing_field, "'q' is the text to search for.", "q");
    if (!record.value().empty() && record.value() != "true" && record.value() != "false")
      return http::send_error(res, 400, ErrorCode::invalid_field, "'record' is true or false.", "record");
    const auto program = http::path_id(req, 1);
    bool found_nothing = false;
    auto body = services.commands.read(program, [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto reader = desk_rules::reader_of(s, actor->id);
      if (reader == KnowledgeReader::none) return std::nullopt;
      nlohmann::json items = nlohmann::json::array();
      for (const auto& h : search_articles(s.knowledge, q.value(), reader, actor->id, static_cast<std::size_t>(limit.value()))) {
        auto j = summary(s.knowledge.articles.at(h.id));
        j["score"] = h.score;
        items.push_back(std::move(j));
      }
      found_nothing = items.empty();
      return nlohmann::json{{"items", items}, {"tokens", search_tokens(q.value(), 16)}};
    });
    if (!body || !*body) return program_not_found(res);
    if (found_nothing && record.value() == "true") {
      const auto now = services.now_ms();
      std::ostringstream id;
      id << "kbmiss-" << now / 3'600'000 << "-" << std::hex << std::hash<std::string>{}(normalized_question(q.value()));
      services.commands.execute(program, id.str(), RecordSearchMiss{q.value()}, *actor, now); // nothing when already recorded
    }
    http::send_json(res, 200, **body);
  });

  // The hygiene list (business staff), computed now, with the scheduler's weekly reviews.
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/hygiene)", [&services](const httplib::Request& req, httplib::Response& res) {
    const auto now = services.now_ms();
    business_read(services, req, res, "The knowledge-base hygiene list is for business staff.", [&](const ProgramState& s) {
      auto out = nlohmann::json(knowledge_hygiene(s, now));
      out["weeks"] = s.knowledge.hygiene_weeks; // oldest first
      return out;
    });
  });

  // The knowledge base's figures (business staff): self-serve deflection and the automation rate.
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/stats)", [&services](const httplib::Request& req, httplib::Response& res) {
    business_read(services, req, res, "The knowledge-base figures are for business staff.", [](const ProgramState& s) {
      const auto& d = s.knowledge.deflection;
      const auto rate = desk_rules::automation_rate(s);
      const auto deflection = deflection_permille(d);
      auto permille = [](int p) { return p < 0 ? nlohmann::json(nullptr) : nlohmann::json(p); };
      return nlohmann::json{{"deflection", {{"read_and_left", d.left}, {"read_and_submitted", d.submitted}, {"rate_permille", permille(deflection)}}},
                            {"automation",
                             {{"tickets", rate.tickets},
                              {"answered_automatically", rate.answered_automatically},
                              {"solved_automatically", rate.solved_automatically},
                              {"rate_permille", permille(rate.permille())}}}};
    });
  });

  // The draft of an article written from tickets (business staff and agents; tickets the reader sees).
  server.Get(R"(/api/v1/programs/(\d+)/knowledge/draft)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto tickets = http::text_param(req, "tickets", 1000);
    if (!tickets) return http::send_error(res, 400, tickets.error());
    auto ids = id_list(tickets.value());
    if (!ids)
      return http::send_error(res, 400, ErrorCode::invalid_field, "'tickets' lists 1-50 ticket ids separated by commas.", "tickets");
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto reader = desk_rules::reader_of(s, actor->id);
      if (reader == KnowledgeReader::none) return std::nullopt;
      if (reader == KnowledgeReader::customer) {
        status = 403;
        return nlohmann::json{};
      }
      for (auto id : *ids)
        if (!s.ticket(id) || !is_allowed(s, actor->id, Action::read_ticket, {.ticket = id})) {
          status = 404;
          return nlohmann::json{};
        }
      return nlohmann::json{{"article", draft_from_tickets(s, *ids)}, {"from_tickets", *ids}};
    });
    if (!body || !*body) return program_not_found(res);
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Business staff and agents write articles.");
    if (status == 404) return http::send_error(res, 404, ErrorCode::not_found, "No such ticket.", "tickets");
    http::send_json(res, 200, **body);
  });
}

} // namespace pd::routes
