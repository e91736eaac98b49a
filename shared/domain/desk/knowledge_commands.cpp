#include "shared/domain/desk/knowledge_commands.hpp"

#include "shared/core/field_reader.hpp"
#include "shared/core/json_fields.hpp"

#include <algorithm>

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::enum_word;
using core::make_error;

namespace {

// A list of strings at data[field], each 1..max bytes of clean UTF-8 (trimmed).
std::vector<std::string> read_texts(FieldReader& r, const char* field, std::size_t max_items, std::size_t max_bytes) {
  std::vector<std::string> out;
  const auto* list = r.list(field, max_items);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto name = r.name_of(field) + "[" + std::to_string(i) + "]";
    const auto& v = (*list)[i];
    if (!v.is_string()) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be text.", name));
      return {};
    }
    auto s = v.get<std::string>();
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    std::size_t lead = 0;
    while (lead < s.size() && (s[lead] == ' ' || s[lead] == '\n' || s[lead] == '\t' || s[lead] == '\r')) ++lead;
    s.erase(0, lead);
    if (!core::is_clean_utf8(s)) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be plain UTF-8 text.", name));
      return {};
    }
    if (s.empty() || s.size() > max_bytes) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be 1-" + std::to_string(max_bytes) + " bytes.", name));
      return {};
    }
    out.push_back(std::move(s));
  }
  return out;
}

// A list of ids at data[field] (each >= 1, no repeats).
std::vector<std::int64_t> read_ids(FieldReader& r, const char* field, std::size_t max_items) {
  std::vector<std::int64_t> out;
  const auto* list = r.list(field, max_items);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto name = r.name_of(field) + "[" + std::to_string(i) + "]";
    const auto& v = (*list)[i];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be an id.", name));
      return {};
    }
    const auto id = v.get<std::int64_t>();
    if (std::find(out.begin(), out.end(), id) != out.end()) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' is listed twice.", name));
      return {};
    }
    out.push_back(id);
  }
  return out;
}

ArticleContent read_content(FieldReader& outer, const char* field) {
  const auto& obj = outer.object(field);
  if (outer.error()) return {};
  FieldReader r(obj, {"question", "applies_to", "quick_answer", "steps", "variations", "related", "still_stuck", "product_area", "difficulty", "audience"},
                outer.name_of(field));
  ArticleContent c;
  c.question = r.text("question", {1, max_article_question});
  c.applies_to = r.optional_text("applies_to", {0, max_article_applies_to}).value_or("");
  c.quick_answer = r.text("quick_answer", {1, max_article_quick_answer});
  c.steps = read_texts(r, "steps", max_article_steps, max_article_step);
  if (const auto* list = r.list("variations", max_article_variations)) {
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      const auto name = r.name_of("variations") + "[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be an object with 'when' and 'what'.", name));
        break;
      }
      FieldReader v((*list)[i], {"when", "what"}, name);
      ArticleVariation out;
      out.when = v.text("when", {1, max_article_variation_when});
      out.what = v.text("what", {1, max_article_variation_what});
      if (v.error()) r.fail(*v.error());
      c.variations.push_back(std::move(out));
    }
  }
  c.related = read_ids(r, "related", max_article_related);
  c.still_stuck = r.optional_text("still_stuck", {0, max_article_still_stuck}).value_or("");
  c.product_area = r.optional_text("product_area", {0, max_article_product_area}).value_or("");
  c.difficulty = r.has("difficulty") ? enum_word(r, "difficulty", {"none", "beginner", "intermediate", "advanced"}, Difficulty::none) : Difficulty::none;
  c.audience = enum_word(r, "audience", {"public", "internal"}, ArticleAudience::unknown);
  if (r.error()) outer.fail(*r.error());
  return c;
}

std::optional<core::Error> read_article_id(const nlohmann::json& data, ArticleId& id) {
  FieldReader r(data, {"article_id"}, "data");
  id = r.integer("article_id", 1, INT64_MAX);
  return r.error();
}

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, SaveArticle& c) {
  FieldReader r(data, {"article_id", "article", "expected_version", "from_tickets"}, "data");
  c.article_id = r.optional_integer("article_id", 0, INT64_MAX).value_or(0);
  c.content = read_content(r, "article");
  c.expected_version = r.optional_integer("expected_version", 0, INT64_MAX).value_or(0);
  c.from_tickets = read_ids(r, "from_tickets", max_article_from_tickets);
  return r.error();
}
std::optional<core::Error> read_command(const nlohmann::json& data, SubmitArticle& c) { return read_article_id(data, c.article_id); }
std::optional<core::Error> read_command(const nlohmann::json& data, PublishArticle& c) { return read_article_id(data, c.article_id); }
std::optional<core::Error> read_command(const nlohmann::json& data, ReviewArticle& c) { return read_article_id(data, c.article_id); }
std::optional<core::Error> read_command(const nlohmann::json& data, ArchiveArticle& c) { return read_article_id(data, c.article_id); }
std::optional<core::Error> read_command(const nlohmann::json& data, ChangeKnowledgeSettings& c) {
  FieldReader r(data, {"review_after_days"}, "data");
  c.settings.review_after_days = static_cast<int>(r.integer("review_after_days", min_review_after_days, max_review_after_days));
  return r.error();
}
std::optional<core::Error> read_command(const nlohmann::json& data, RecordSearchMiss& c) {
  FieldReader r(data, {"query"}, "data");
  c.query = r.text("query", {1, max_search_query});
  return r.error();
}
std::optional<core::Error> read_command(const nlohmann::json& data, RecordDeflection& c) {
  FieldReader r(data, {"article_id", "submitted"}, "data");
  c.article_id = r.integer("article_id", 1, INT64_MAX);
  c.submitted = r.boolean("submitted");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ConfirmAutomaticAnswer& c) {
  FieldReader r(data, {"ticket_id"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  return r.error();
}

nlohmann::json write_command(const SaveArticle& c) {
  nlohmann::json a = {{"question", c.content.question}, {"quick_answer", c.content.quick_answer}, {"audience", c.content.audience}};
  if (!c.content.applies_to.empty()) a["applies_to"] = c.content.applies_to;
  if (!c.content.steps.empty()) a["steps"] = c.content.steps;
  if (!c.content.variations.empty()) a["variations"] = c.content.variations;
  if (!c.content.related.empty()) a["related"] = c.content.related;
  if (!c.content.still_stuck.empty()) a["still_stuck"] = c.content.still_stuck;
  if (!c.content.product_area.empty()) a["product_area"] = c.content.product_area;
  if (c.content.difficulty != Difficulty::none) a["difficulty"] = c.content.difficulty;
  nlohmann::json j = {{"article", a}};
  if (c.article_id) j["article_id"] = c.article_id;
  if (c.expected_version) j["expected_version"] = c.expected_version;
  if (!c.from_tickets.empty()) j["from_tickets"] = c.from_tickets;
  return j;
}
nlohmann::json write_command(const SubmitArticle& c) { return {{"article_id", c.article_id}}; }
nlohmann::json write_command(const PublishArticle& c) { return {{"article_id", c.article_id}}; }
nlohmann::json write_command(const ReviewArticle& c) { return {{"article_id", c.article_id}}; }
nlohmann::json write_command(const ArchiveArticle& c) { return {{"article_id", c.article_id}}; }
nlohmann::json write_command(const ChangeKnowledgeSettings& c) { return {{"review_after_days", c.settings.review_after_days}}; }
nlohmann::json write_command(const RecordSearchMiss& c) { return {{"query", c.query}}; }
nlohmann::json write_command(const RecordDeflection& c) { return {{"article_id", c.article_id}, {"submitted", c.submitted}}; }
nlohmann::json write_command(const ConfirmAutomaticAnswer& c) { return {{"ticket_id", c.ticket_id}}; }

} // namespace pd::domain
