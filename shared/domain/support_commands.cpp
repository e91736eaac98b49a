#include "shared/domain/support_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

namespace {

template <class E>
std::optional<E> enum_of(const std::string& word) {
  if (word.empty()) return std::nullopt;
  E value = nlohmann::json(word).get<E>();
  return nlohmann::json(value).get<std::string>() == word ? std::optional<E>(value) : std::nullopt;
}

std::optional<Category> read_category(FieldReader& r, const char* field, bool required) {
  if (!required && !r.has(field)) return std::nullopt;
  auto w = r.word(field, {"billing", "bug", "how-to", "feature-request", "account", "integration", "performance", "security", "onboarding",
                          "churn-risk"});
  return enum_of<Category>(w);
}

std::optional<Priority> read_priority(FieldReader& r, const char* field, bool required) {
  if (!required && !r.has(field)) return std::nullopt;
  return enum_of<Priority>(r.word(field, {"P0", "P1", "P2", "P3"}));
}

// A JSON array field of at most `max` items (nullptr when absent or on error).
const nlohmann::json* array_field(FieldReader& r, const nlohmann::json&, const char* field, std::size_t max) { return r.list(field, max); }

std::vector<Category> read_tags(FieldReader& r, const nlohmann::json& data) {
  std::vector<Category> tags;
  auto a = array_field(r, data, "tags", 2);
  if (!a) return tags;
  for (const auto& item : *a) {
    auto c = item.is_string() ? enum_of<Category>(item.get<std::string>()) : std::nullopt;
    if (!c) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + r.name_of("tags") + "' holds one of the ten category tags.", r.name_of("tags")));
      return {};
    }
    tags.push_back(*c);
  }
  return tags;
}

std::vector<Attachment> read_attachments(FieldReader& r, const nlohmann::json& data) {
  std::vector<Attachment> out;
  auto a = array_field(r, data, "attachments", max_attachments);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto name = r.name_of("attachments") + "[" + std::to_string(i) + "]";
    FieldReader f((*a)[i], {"name", "content_type", "size", "sha256"}, name);
    Attachment at;
    at.name = f.text("name", {1, 200});
    at.content_type = f.text("content_type", {3, 100});
    at.size = f.integer("size", 1, max_attachment_limit * 4);
    at.sha256 = f.text("sha256", {64, 64});
    if (!f.error())
      for (char ch : at.sha256)
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
          f.fail(make_error(ErrorCode::invalid_field, "'" + name + ".sha256' must be 64 lowercase hex digits.", name + ".sha256"));
    if (f.error()) {
      r.fail(*f.error());
      return {};
    }
    out.push_back(std::move(at));
  }
  return out;
}

int rating(FieldReader& r, const char* field) { return static_cast<int>(r.integer(field, 1, 5)); }

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, OpenTicket& c) {
  FieldReader r(data, {"customer_id", "subject", "text", "priority", "category", "tags", "attachments"}, "data");
  c.customer_id = r.optional_integer("customer_id", 1, INT64_MAX).value_or(0);
  c.subject = r.text("subject", {1, max_subject});
  c.text = r.text("text", {1, max_message});
  c.priority = read_priority(r, "priority", false);
  c.category = read_category(r, "category", false);
  c.tags = read_tags(r, data);
  c.attachments = read_attachments(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ReplyToTicket& c) {
  FieldReader r(data, {"ticket_id", "text", "internal", "status", "attachments", "send_despite_warning"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.text = r.text("text", {1, max_message});
  c.internal = r.has("internal") && r.boolean("internal");
  if (r.has("status")) c.status = enum_of<TicketStatus>(r.word("status", {"open", "waiting_on_customer", "resolved"}));
  c.attachments = read_attachments(r, data);
  c.send_despite_warning = r.has("send_despite_warning") && r.boolean("send_despite_warning");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, TriageTicket& c) {
  FieldReader r(data, {"ticket_id", "priority", "category", "tags"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.priority = read_priority(r, "priority", true).value_or(Priority::p2);
  c.category = read_category(r, "category", true).value_or(Category::how_to);
  c.tags = read_tags(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, EscalateTicket& c) {
  FieldReader r(data, {"ticket_id", "reason", "note"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.reason = r.optional_text("reason", {0, 2000}).value_or("");
  if (r.has("note")) {
    const auto& n = r.object("note");
    if (!r.error()) {
      FieldReader f(n, {"summary", "attempts_so_far", "customer_sentiment", "business_impact", "recommended_action"}, "data.note");
      c.note.summary = f.optional_text("summary", {0, 300}).value_or("");
      c.note.attempts_so_far = f.optional_text("attempts_so_far", {0, 4000}).value_or("");
      if (f.has("customer_sentiment")) c.note.customer_sentiment = f.word("customer_sentiment", {"frustrated", "angry", "calm", "threatening"});
      c.note.business_impact = f.optional_text("business_impact", {0, 2000}).value_or("");
      c.note.recommended_action = f.optional_text("recommended_action", {0, 2000}).value_or("");
      if (f.error()) r.fail(*f.error());
    }
  }
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, TakeOverTicket& c) {
  FieldReader r(data, {"ticket_id"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ResolveTicket& c) {
  FieldReader r(data, {"ticket_id", "note"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.note = r.optional_text("note", {0, max_message}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, CloseTicket& c) {
  FieldReader r(data, {"ticket_id", "note"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.note = r.optional_text("note", {0, max_message}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RateTicket& c) {
  FieldReader r(data, {"ticket_id", "responsiveness", "knowledge", "professionalism", "overall", "comment"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.responsiveness = rating(r, "responsiveness");
  c.knowledge = rating(r, "knowledge");
  c.professionalism = rating(r, "professionalism");
  c.overall = rating(r, "overall");
  c.comment = r.optional_text("comment", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RateTicketHandling& c) {
  FieldReader r(data, {"ticket_id", "score", "checklist", "comment"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.score = rating(r, "score");
  if (auto a = array_field(r, data, "checklist", 5)) {
    std::array<int, 5> list{};
    bool ok = a->size() == 5;
    for (std::size_t i = 0; ok && i < 5; ++i) {
      ok = (*a)[i].is_number_integer() && (*a)[i].get<int>() >= 0 && (*a)[i].get<int>() <= 2;
      if (ok) list[i] = (*a)[i].get<int>();
    }
    if (!ok)
      r.fail(make_error(ErrorCode::invalid_field,
                        "The quality checklist scores its five criteria (personalization, completeness, clarity, tone match, proactive value) 0 to 2 each.",
                        "data.checklist"));
    else c.checklist = list;
  }
  c.comment = r.optional_text("comment", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, AnswerRating& c) {
  FieldReader r(data, {"ticket_id", "text"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.text = r.text("text", {1, 2000});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeSupportSettings& c) {
  FieldReader r(data, {"settings"}, "data");
  const auto& obj = r.object("settings");
  if (r.error()) return r.error();
  try {
    c.settings = obj.get<SupportSettings>();
  } catch (const nlohmann::json::exception& e) {
    return make_error(ErrorCode::invalid_field, std::string("The support settings are malformed: ") + e.what(), "data.settings");
  }
  auto& s = c.settings;
  auto range = [&](std::int64_t v, std::int64_t lo, std::int64_t hi, const char* field, const char* what) -> std::optional<core::Error> {
    if (v < lo || v > hi)
      return make_error(ErrorCode::invalid_field, std::string(what) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ".",
                        std::string("data.settings.") + field);
    return std::nullopt;
  };
  if (auto e = range(s.reopen_window_hours, 1, 2160, "reopen_window_hours", "The reopen window (hours)")) return e;
  if (auto e = range(s.auto_escalate_factor_percent, 100, 1000, "auto_escalate_factor_percent", "The auto-escalation threshold (percent of the window)")) return e;
  if (auto e = range(s.quiet_days, 1, 365, "quiet_days", "The quiet-customer reminder (days)")) return e;
  if (auto e = range(s.max_attachment_bytes, 1024, max_attachment_limit, "max_attachment_bytes", "The attachment limit (bytes)")) return e;
  if (s.tiers.size() > 10) return make_error(ErrorCode::invalid_field, "At most ten SLA tiers.", "data.settings.tiers");
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    auto& t = s.tiers[i];
    const auto at = "data.settings.tiers[" + std::to_string(i) + "]";
    if (t.key.empty() || t.key.size() > 40) return make_error(ErrorCode::invalid_field, "A tier needs a key of 1-40 characters.", at + ".key");
    if (t.name.empty() || t.name.size() > 60) return make_error(ErrorCode::invalid_field, "A tier needs a name of 1-60 characters.", at + ".name");
    if (t.first_response_minutes > 525600 || t.resolution_minutes > 525600)
      return make_error(ErrorCode::invalid_field, "An SLA window is at most a year.", at);
    t.calendar.offsets.clear(); // the server fills the zone's offsets
  }
  if (s.segment_tiers.size() > 100) return make_error(ErrorCode::invalid_field, "At most 100 segments.", "data.settings.segment_tiers");
  return std::nullopt;
}

std::optional<core::Error> read_command(const nlohmann::json& data, WarnAgent& c) {
  FieldReader r(data, {"person_id", "reason"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.reason = r.text("reason", {0, 500});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, MarkNotificationsRead& c) {
  FieldReader r(data, {"up_to"}, "data");
  c.up_to = r.integer("up_to", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ScheduleCheckIn& c) {
  FieldReader r(data, {"customer_id", "due_at", "note"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.due_at = r.integer("due_at", 1, 253402300799000);
  c.note = r.optional_text("note", {0, 500}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, CompleteCheckIn& c) {
  FieldReader r(data, {"check_in_id"}, "data");
  c.check_in_id = r.integer("check_in_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RescheduleCheckIn& c) {
  FieldReader r(data, {"check_in_id", "due_at", "note"}, "data");
  c.check_in_id = r.integer("check_in_id", 1, INT64_MAX);
  c.due_at = r.integer("due_at", 1, 253402300799000);
  c.note = r.optional_text("note", {0, 500});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json&, RunSupportTimers&) {
  return make_error(ErrorCode::invalid_field, "'RunSupportTimers' is not sent to this endpoint.", "type");
}

nlohmann::json write_command(const OpenTicket& c) {
  nlohmann::json j = {{"subject", c.subject}, {"text", c.text}};
  if (c.customer_id) j["customer_id"] = c.customer_id;
  if (c.priority) j["priority"] = *c.priority;
  if (c.category) j["category"] = *c.category;
  if (!c.tags.empty()) j["tags"] = c.tags;
  if (!c.attachments.empty()) j["attachments"] = c.attachments;
  return j;
}
nlohmann::json write_command(const ReplyToTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"text", c.text}};
  if (c.internal) j["internal"] = true;
  if (c.status) j["status"] = *c.status;
  if (!c.attachments.empty()) j["attachments"] = c.attachments;
  if (c.send_despite_warning) j["send_despite_warning"] = true;
  return j;
}
nlohmann::json write_command(const TriageTicket& c) {
  return {{"ticket_id", c.ticket_id}, {"priority", c.priority}, {"category", c.category}, {"tags", c.tags}};
}
nlohmann::json write_command(const EscalateTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}};
  if (!c.reason.empty()) j["reason"] = c.reason;
  if (!(c.note == EscalationNote{})) {
    nlohmann::json n = c.note;
    if (c.note.customer_sentiment.empty()) n.erase("customer_sentiment");
    j["note"] = n;
  }
  return j;
}
nlohmann::json write_command(const TakeOverTicket& c) { return {{"ticket_id", c.ticket_id}}; }
nlohmann::json write_command(const ResolveTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}};
  if (!c.note.empty()) j["note"] = c.note;
  return j;
}
nlohmann::json write_command(const CloseTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}};
  if (!c.note.empty()) j["note"] = c.note;
  return j;
}
nlohmann::json write_command(const RateTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id},   {"responsiveness", c.responsiveness}, {"knowledge", c.knowledge},
                      {"professionalism", c.professionalism}, {"overall", c.overall}};
  if (!c.comment.empty()) j["comment"] = c.comment;
  return j;
}
nlohmann::json write_command(const RateTicketHandling& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"score", c.score}};
  if (c.checklist) j["checklist"] = *c.checklist;
  if (!c.comment.empty()) j["comment"] = c.comment;
  return j;
}
nlohmann::json write_command(const AnswerRating& c) { return {{"ticket_id", c.ticket_id}, {"text", c.text}}; }
nlohmann::json write_command(const ChangeSupportSettings& c) {
  nlohmann::json s = c.settings;
  for (auto& t : s["tiers"]) t["calendar"].erase("offsets");
  return {{"settings", s}};
}
nlohmann::json write_command(const WarnAgent& c) { return {{"person_id", c.person_id}, {"reason", c.reason}}; }
nlohmann::json write_command(const MarkNotificationsRead& c) { return {{"up_to", c.up_to}}; }
nlohmann::json write_command(const ScheduleCheckIn& c) {
  nlohmann::json j = {{"customer_id", c.customer_id}, {"due_at", c.due_at}};
  if (!c.note.empty()) j["note"] = c.note;
  return j;
}
nlohmann::json write_command(const CompleteCheckIn& c) { return {{"check_in_id", c.check_in_id}}; }
nlohmann::json write_command(const RescheduleCheckIn& c) {
  nlohmann::json j = {{"check_in_id", c.check_in_id}, {"due_at", c.due_at}};
  if (c.note) j["note"] = *c.note;
  return j;
}
nlohmann::json write_command(const RunSupportTimers&) { return nlohmann::json::object(); }

} // namespace pd::domain
