#include "shared/domain/support/support_commands.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"

#include "shared/core/field_reader.hpp"
#include "shared/domain/commands.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

namespace {

std::optional<Category> read_category(FieldReader& r, const char* field, bool required) {
  if (!required && !r.has(field)) return std::nullopt;
  auto w = r.word(field, {"billing", "bug", "how-to", "feature-request", "account", "integration", "performance", "security", "onboarding",
                          "churn-risk"});
  return core::enum_from_word<Category>(w);
}

std::optional<Priority> read_priority(FieldReader& r, const char* field, bool required) {
  if (!required && !r.has(field)) return std::nullopt;
  return core::enum_from_word<Priority>(r.word(field, {"P0", "P1", "P2", "P3"}));
}

// A JSON array field of at most `max` items (nullptr when absent or on error).
const nlohmann::json* array_field(FieldReader& r, const nlohmann::json&, const char* field, std::size_t max) { return r.list(field, max); }

std::vector<Category> read_tags(FieldReader& r, const nlohmann::json& data) {
  std::vector<Category> tags;
  auto a = array_field(r, data, "tags", 2);
  if (!a) return tags;
  for (const auto& item : *a) {
    auto c = item.is_string() ? core::enum_from_word<Category>(item.get<std::string>()) : std::nullopt;
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
  FieldReader r(data, {"customer_id", "subject", "text", "priority", "category", "tags", "attachments", "utc_offset_minutes"}, "data");
  c.customer_id = r.optional_integer("customer_id", 1, INT64_MAX).value_or(0);
  c.subject = r.text("subject", {1, max_subject});
  c.text = r.text("text", {1, max_message});
  c.priority = read_priority(r, "priority", false);
  c.category = read_category(r, "category", false);
  c.tags = read_tags(r, data);
  c.attachments = read_attachments(r, data);
  c.utc_offset_minutes = static_cast<int>(r.optional_integer("utc_offset_minutes", std::int64_t{-14} * 60, std::int64_t{14} * 60).value_or(0));
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ReplyToTicket& c) {
  FieldReader r(data, {"ticket_id", "text", "internal", "status", "attachments", "send_despite_warning", "template_id"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.text = r.text("text", {1, max_message});
  c.internal = r.has("internal") && r.boolean("internal");
  if (r.has("status")) c.status = core::enum_from_word<TicketStatus>(r.word("status", {"open", "waiting_on_customer", "resolved"}));
  c.attachments = read_attachments(r, data);
  c.send_despite_warning = r.has("send_despite_warning") && r.boolean("send_despite_warning");
  c.template_id = r.optional_integer("template_id", 0, INT64_MAX).value_or(0);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, TriageTicket& c) {
  FieldReader r(data, {"ticket_id", "priority", "category", "tags", "summary", "product_area", "steps_to_reproduce", "error_messages",
                        "screenshots", "environment"},
                "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.priority = read_priority(r, "priority", true).value_or(Priority::p2);
  c.category = read_category(r, "category", true).value_or(Category::how_to);
  c.tags = read_tags(r, data);
  c.summary = r.optional_text("summary", {0, 300});
  c.product_area = r.optional_text("product_area", {0, 60});
  c.steps_to_reproduce = r.optional_text("steps_to_reproduce", {0, 4000, false});
  c.error_messages = r.optional_text("error_messages", {0, 4000, false});
  if (r.has("screenshots")) c.screenshots = r.boolean("screenshots");
  c.environment = r.optional_text("environment", {0, 300});
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
      if (f.has("customer_sentiment")) {
        c.note.customer_sentiment = f.text("customer_sentiment", {1, 64, false});
        if (!f.error() && !is_escalation_sentiment(c.note.customer_sentiment))
          f.fail(make_error(ErrorCode::invalid_field, "'data.note.customer_sentiment' must be one of: frustrated, angry, calm, threatening.",
                            "data.note.customer_sentiment"));
      }
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

std::optional<core::Error> read_command(const nlohmann::json& data, MergeTickets& c) {
  FieldReader r(data, {"ticket_id", "merged_ids"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  if (const auto* ids = r.list("merged_ids", max_merged_tickets, true)) {
    if (ids->empty())
      r.fail(make_error(ErrorCode::missing_field, "Choose at least one ticket to merge into this one.", "data.merged_ids"));
    for (std::size_t i = 0; i < ids->size() && !r.error(); ++i) {
      const auto& v = (*ids)[i];
      const auto name = "data.merged_ids[" + std::to_string(i) + "]";
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1)
        r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a ticket number.", name));
      else c.merged_ids.push_back(v.get<TicketId>());
    }
  }
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, LogConversation& c) {
  FieldReader r(data, {"ticket_id", "channel", "duration_minutes", "record", "summary", "status", "send_despite_warning"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.channel = r.word("channel", {"phone", "chat"});
  c.duration_minutes = static_cast<std::int32_t>(r.optional_integer("duration_minutes", 0, max_call_minutes).value_or(0));
  c.record = r.text("record", {1, max_transcript});
  c.summary = r.text("summary", {1, max_message});
  if (r.has("status")) c.status = core::enum_from_word<TicketStatus>(r.word("status", {"open", "waiting_on_customer", "resolved"}));
  c.send_despite_warning = r.has("send_despite_warning") && r.boolean("send_despite_warning");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SetResolutionEstimate& c) {
  FieldReader r(data, {"ticket_id", "estimate", "note"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.estimate = r.integer("estimate", 0, 253402300799000);
  c.note = r.optional_text("note", {0, 500}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, WaitOnThirdParty& c) {
  FieldReader r(data, {"ticket_id", "party", "reference", "follow_up_at"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.party = r.text("party", {1, 100});
  c.reference = r.optional_text("reference", {0, 200}).value_or("");
  c.follow_up_at = r.integer("follow_up_at", 1, 253402300799000);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, AcceptThirdPartyWait& c) {
  FieldReader r(data, {"ticket_id"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, EndThirdPartyWait& c) {
  FieldReader r(data, {"ticket_id"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
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

std::optional<core::Error> read_command(const nlohmann::json& data, AnswerNps& c) {
  FieldReader r(data, {"score", "comment"}, "data");
  c.score = static_cast<int>(r.integer("score", -1, 10));
  c.comment = r.optional_text("comment", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeQualitySettings& c) {
  FieldReader top(data, {"settings"}, "data");
  const auto& settings = top.object("settings");
  if (top.error()) return top.error();
  FieldReader r(settings, {"nps_period_days", "csat_floor_tenths", "csat_min_ratings", "response_factor_percent", "reopen_max_percent",
                            "reopen_min_resolved", "repeat_tickets", "repeat_days"},
                "data.settings");
  auto& q = c.settings;
  q.nps_period_days = static_cast<int>(r.integer("nps_period_days", 7, 730));
  q.csat_floor_tenths = static_cast<int>(r.integer("csat_floor_tenths", 10, 50));
  q.csat_min_ratings = static_cast<int>(r.integer("csat_min_ratings", 1, 1000));
  q.response_factor_percent = static_cast<int>(r.integer("response_factor_percent", 100, 1000));
  q.reopen_max_percent = static_cast<int>(r.integer("reopen_max_percent", 1, 100));
  q.reopen_min_resolved = static_cast<int>(r.integer("reopen_min_resolved", 1, 1000));
  q.repeat_tickets = static_cast<int>(r.integer("repeat_tickets", 2, 50));
  q.repeat_days = static_cast<int>(r.integer("repeat_days", 1, 90));
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeMentionWords& c) {
  FieldReader top(data, {"lists"}, "data");
  const auto* lists = top.list("lists", max_mention_languages, true);
  if (top.error()) return top.error();
  for (std::size_t i = 0; lists && i < lists->size(); ++i) {
    FieldReader r((*lists)[i], {"language", "positive", "negative"}, top.name_of("lists") + "[" + std::to_string(i) + "]");
    MentionList l;
    l.language = r.text("language", {2, 8, false});
    for (auto* side : {&l.positive, &l.negative}) {
      const char* key = side == &l.positive ? "positive" : "negative";
      if (const auto* words = r.list(key, max_mention_words, true))
        for (std::size_t k = 0; k < words->size(); ++k) {
          const auto field = r.name_of(key) + "[" + std::to_string(k) + "]";
          if (!(*words)[k].is_string() || (*words)[k].get<std::string>().size() > max_mention_word + 16)
            return make_error(ErrorCode::invalid_field, "'" + field + "' must be a word of at most " + std::to_string(max_mention_word) + " bytes.", field);
          side->push_back((*words)[k].get<std::string>());
        }
    }
    if (r.error()) return r.error();
    c.lists.push_back(std::move(l));
  }
  return std::nullopt;
}
nlohmann::json write_command(const ChangeMentionWords& c) { return {{"lists", c.lists}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, AnswerRating& c) {
  FieldReader r(data, {"ticket_id", "text"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.text = r.text("text", {1, 2000});
  return r.error();
}

// ChangeSupportSettings: the whole support object, read field by field like every other
// command (unknown fields refused at every level, integers must be integers, errors name the
// exact field such as data.settings.tiers[0].first_response_minutes). Value rules that need
// the whole object (unique tier keys, known time zones, overlapping hours, topic phrases) are
// decide()'s.
namespace {

std::string item_name(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

int small_int(FieldReader& r, const char* field, int min, int max) { return static_cast<int>(r.integer(field, min, max)); }

sla::Calendar read_calendar(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  sla::Calendar c;
  FieldReader r(j, {"around_the_clock", "time_zone", "offsets", "hours", "holidays"}, at);
  c.around_the_clock = r.boolean("around_the_clock");
  c.time_zone = r.text("time_zone", {1, 64, false});
  // offsets are the server's (filled from the zone's rules): read strictly, then dropped.
  if (auto list = r.list("offsets", max_calendar_offsets))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      FieldReader o((*list)[i], {"at", "offset_minutes"}, item_name(r.name_of("offsets"), i));
      o.integer("at", INT64_MIN, INT64_MAX);
      o.integer("offset_minutes", -1440, 1440);
      if (o.error()) r.fail(*o.error());
    }
  if (auto list = r.list("hours", max_calendar_hours))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      FieldReader h((*list)[i], {"weekday", "start_minute", "end_minute"}, item_name(r.name_of("hours"), i));
      sla::BusinessHours b;
      b.weekday = small_int(h, "weekday", 0, 6);
      b.start_minute = small_int(h, "start_minute", 0, 1439);
      b.end_minute = small_int(h, "end_minute", 1, 1440);
      if (h.error()) r.fail(*h.error());
      c.hours.push_back(b);
    }
  if (auto list = r.list("holidays", max_calendar_holidays))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      const auto name = item_name(r.name_of("holidays"), i);
      if (!(*list)[i].is_string() || (*list)[i].get_ref<const std::string&>().size() > 10)
        r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a date YYYY-MM-DD.", name));
      else
        c.holidays.push_back((*list)[i].get<std::string>());
    }
  if (r.error() && !error) error = r.error();
  return c;
}

SlaTier read_tier(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  SlaTier t;
  FieldReader r(j, {"key", "name", "first_response_minutes", "resolution_minutes", "calendar"}, at);
  t.key = r.text("key", {1, 40, false});
  t.name = r.text("name", {1, 60, false});
  t.first_response_minutes = r.integer("first_response_minutes", 0, max_sla_window_minutes);
  t.resolution_minutes = r.integer("resolution_minutes", 0, max_sla_window_minutes);
  const auto& calendar = r.object("calendar");
  if (r.error()) {
    error = r.error();
    return t;
  }
  t.calendar = read_calendar(calendar, r.name_of("calendar"), error);
  return t;
}

RestrictedTopic read_topic(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error) {
  RestrictedTopic t;
  FieldReader r(j, {"key", "name", "escalation_path", "rules", "enabled"}, at);
  t.key = r.text("key", {0, max_topic_key_bytes, false});
  t.name = r.text("name", {0, max_topic_name_bytes, false});
  t.escalation_path = r.text("escalation_path", {0, max_escalation_path_bytes, false});
  if (auto list = r.list("rules", max_rules_per_topic, true))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      FieldReader p((*list)[i], {"language", "phrase"}, item_name(r.name_of("rules"), i));
      PhraseRule rule;
      rule.language = p.text("language", {0, 8, false});
      rule.phrase = p.text("phrase", {0, max_phrase_bytes, false});
      if (p.error()) r.fail(*p.error());
      t.rules.push_back(std::move(rule));
    }
  t.enabled = r.has("enabled") ? r.boolean("enabled") : true;
  if (r.error() && !error) error = r.error();
  return t;
}

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeSupportSettings& c) {
  FieldReader top(data, {"settings"}, "data");
  const auto& obj = top.object("settings");
  if (top.error()) return top.error();
  FieldReader r(obj, {"tiers", "segment_tiers", "default_tier", "priority_matrix", "priority_targets", "reopen_window_hours",
                      "auto_escalate_factor_percent", "quiet_days", "max_attachment_bytes", "restricted_topics", "update_hours",
                      "critical_update_hours"},
                "data.settings");
  auto& s = c.settings;
  s = SupportSettings{};
  std::optional<core::Error> error;
  if (auto list = r.list("tiers", max_sla_tiers, true))
    for (std::size_t i = 0; i < list->size() && !error; ++i) s.tiers.push_back(read_tier((*list)[i], item_name(r.name_of("tiers"), i), error));
  if (error) return error;
  const auto& segments = r.object("segment_tiers");
  if (r.error()) return r.error();
  if (segments.size() > max_segment_tiers)
    return make_error(ErrorCode::invalid_field, "At most " + std::to_string(max_segment_tiers) + " segments.", "data.settings.segment_tiers");
  for (const auto& [segment, tier] : segments.items()) {
    const auto name = "data.settings.segment_tiers." + segment;
    if (segment.empty() || segment.size() > max_segment || !core::is_clean_utf8(segment))
      return make_error(ErrorCode::invalid_field, "A segment name is 1-" + std::to_string(max_segment) + " characters.", "data.settings.segment_tiers");
    if (!tier.is_string() || tier.get_ref<const std::string&>().empty() || tier.get_ref<const std::string&>().size() > 40)
      return make_error(ErrorCode::invalid_field, "'" + name + "' must be a tier key.", name);
    s.segment_tiers[segment] = tier.get<std::string>();
  }
  s.default_tier = r.text("default_tier", {1, 40, false});
  s.priority_matrix = r.boolean("priority_matrix");
  if (auto list = r.list("priority_targets", s.priority_targets.size(), true)) {
    if (list->size() != s.priority_targets.size())
      return make_error(ErrorCode::invalid_field, "'data.settings.priority_targets' holds four targets, P0 to P3.", "data.settings.priority_targets");
    for (std::size_t i = 0; i < list->size(); ++i) {
      FieldReader p((*list)[i], {"first_response_minutes", "resolution_minutes"}, item_name(r.name_of("priority_targets"), i));
      s.priority_targets[i].first_response_minutes = p.integer("first_response_minutes", 0, max_sla_window_minutes);
      s.priority_targets[i].resolution_minutes = p.integer("resolution_minutes", 0, max_sla_window_minutes);
      if (p.error()) return p.error();
    }
  }
  s.reopen_window_hours = r.integer("reopen_window_hours", 1, 2160);
  s.auto_escalate_factor_percent = r.integer("auto_escalate_factor_percent", 100, 1000);
  s.quiet_days = r.integer("quiet_days", 1, 365);
  s.max_attachment_bytes = r.integer("max_attachment_bytes", 1024, max_attachment_limit);
  s.update_hours = r.optional_integer("update_hours", 1, 168).value_or(s.update_hours);
  s.critical_update_hours = r.optional_integer("critical_update_hours", 1, 24).value_or(s.critical_update_hours);
  if (!r.error() && s.critical_update_hours > s.update_hours)
    return make_error(ErrorCode::invalid_field, "Critical tickets are updated at least as often as the others.", "data.settings.critical_update_hours");
  if (auto list = r.list("restricted_topics", max_restricted_topics, true))
    for (std::size_t i = 0; i < list->size() && !error; ++i)
      s.restricted_topics.push_back(read_topic((*list)[i], item_name(r.name_of("restricted_topics"), i), error));
  if (error) return error;
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, WarnAgent& c) {
  FieldReader r(data, {"person_id", "reason"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.reason = r.text("reason", {0, 500});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, HandleAbuse& c) {
  FieldReader r(data, {"ticket_id", "step", "message_id", "text"}, "data");
  c.ticket_id = r.integer("ticket_id", 1, INT64_MAX);
  c.step = core::enum_word(r, "step", {"mark_abusive", "warn", "pause", "resume"}, AbuseStep::mark);
  c.message_id = r.optional_integer("message_id", 1, INT64_MAX).value_or(0);
  c.text = r.optional_text("text", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RestrictTicketing& c) {
  FieldReader r(data, {"customer_id", "days", "reason"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.days = r.integer("days", 0, max_restriction_days);
  c.reason = r.optional_text("reason", {0, 500}).value_or("");
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

std::optional<core::Error> read_command(const nlohmann::json&, RunTimers&) {
  return make_error(ErrorCode::invalid_field, "'RunTimers' is not sent to this endpoint.", "type");
}

nlohmann::json write_command(const OpenTicket& c) {
  nlohmann::json j = {{"subject", c.subject}, {"text", c.text}};
  if (c.customer_id) j["customer_id"] = c.customer_id;
  if (c.priority) j["priority"] = *c.priority;
  if (c.category) j["category"] = *c.category;
  if (!c.tags.empty()) j["tags"] = c.tags;
  if (!c.attachments.empty()) j["attachments"] = c.attachments;
  if (c.utc_offset_minutes) j["utc_offset_minutes"] = c.utc_offset_minutes;
  return j;
}
nlohmann::json write_command(const ReplyToTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"text", c.text}};
  if (c.internal) j["internal"] = true;
  if (c.status) j["status"] = *c.status;
  if (!c.attachments.empty()) j["attachments"] = c.attachments;
  if (c.send_despite_warning) j["send_despite_warning"] = true;
  if (c.template_id != 0) j["template_id"] = c.template_id;
  return j;
}
nlohmann::json write_command(const TriageTicket& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"priority", c.priority}, {"category", c.category}, {"tags", c.tags}};
  if (c.summary) j["summary"] = *c.summary;
  if (c.product_area) j["product_area"] = *c.product_area;
  if (c.steps_to_reproduce) j["steps_to_reproduce"] = *c.steps_to_reproduce;
  if (c.error_messages) j["error_messages"] = *c.error_messages;
  if (c.screenshots) j["screenshots"] = *c.screenshots;
  if (c.environment) j["environment"] = *c.environment;
  return j;
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
nlohmann::json write_command(const MergeTickets& c) { return {{"ticket_id", c.ticket_id}, {"merged_ids", c.merged_ids}}; }
nlohmann::json write_command(const SetResolutionEstimate& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"estimate", c.estimate}};
  if (!c.note.empty()) j["note"] = c.note;
  return j;
}
nlohmann::json write_command(const WaitOnThirdParty& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"party", c.party}, {"follow_up_at", c.follow_up_at}};
  if (!c.reference.empty()) j["reference"] = c.reference;
  return j;
}
nlohmann::json write_command(const AcceptThirdPartyWait& c) { return {{"ticket_id", c.ticket_id}}; }
nlohmann::json write_command(const EndThirdPartyWait& c) { return {{"ticket_id", c.ticket_id}}; }
nlohmann::json write_command(const LogConversation& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"channel", c.channel}, {"record", c.record}, {"summary", c.summary}};
  if (c.duration_minutes != 0) j["duration_minutes"] = c.duration_minutes;
  if (c.status) j["status"] = *c.status;
  if (c.send_despite_warning) j["send_despite_warning"] = true;
  return j;
}
nlohmann::json write_command(const AnswerNps& c) {
  nlohmann::json j = {{"score", c.score}};
  if (!c.comment.empty()) j["comment"] = c.comment;
  return j;
}
nlohmann::json write_command(const ChangeQualitySettings& c) { return {{"settings", c.settings}}; }
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
nlohmann::json write_command(const HandleAbuse& c) {
  nlohmann::json j = {{"ticket_id", c.ticket_id}, {"step", c.step}};
  if (c.message_id) j["message_id"] = c.message_id;
  if (!c.text.empty()) j["text"] = c.text;
  return j;
}
nlohmann::json write_command(const RestrictTicketing& c) {
  nlohmann::json j = {{"customer_id", c.customer_id}, {"days", c.days}};
  if (!c.reason.empty()) j["reason"] = c.reason;
  return j;
}
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
nlohmann::json write_command(const RunTimers&) { return nlohmann::json::object(); }

namespace {
// A report's week by its Monday ("2026-11-30"); any day of the week names it.
std::int32_t read_report_week(FieldReader& r) {
  auto text = r.text("week", {10, 10});
  if (r.error()) return 0;
  auto d = core::parse_date(text);
  if (!d) {
    r.fail(make_error(ErrorCode::invalid_field, "'data.week' must be the week's Monday as YYYY-MM-DD.", "data.week"));
    return 0;
  }
  return week_of(core::days_from_civil(*d) * core::ms_per_day);
}
} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, AddReportAction& c) {
  FieldReader r(data, {"week", "action", "owner", "due_on"}, "data");
  c.week = read_report_week(r);
  c.action = r.text("action", {1, max_report_action_text});
  c.owner = r.text("owner", {1, max_person_name});
  c.due_on = r.text("due_on", {10, 10});
  if (!r.error() && !core::parse_date(c.due_on)) r.fail(make_error(ErrorCode::invalid_field, "'data.due_on' must be a real date as YYYY-MM-DD.", "data.due_on"));
  return r.error();
}
nlohmann::json write_command(const AddReportAction& c) {
  return {{"week", week_label(c.week)}, {"action", c.action}, {"owner", c.owner}, {"due_on", c.due_on}};
}

std::optional<core::Error> read_command(const nlohmann::json& data, CompleteReportAction& c) {
  FieldReader r(data, {"week", "action_id"}, "data");
  c.week = read_report_week(r);
  c.action_id = r.integer("action_id", 1, INT64_MAX);
  return r.error();
}
nlohmann::json write_command(const CompleteReportAction& c) { return {{"week", week_label(c.week)}, {"action_id", c.action_id}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, SetSupportCost& c) {
  FieldReader r(data, {"quarter", "amount_minor"}, "data");
  c.quarter = r.text("quarter", {7, 7});
  if (!r.error() && !parse_quarter(c.quarter)) r.fail(make_error(ErrorCode::invalid_field, "'data.quarter' must be a quarter such as 2026-Q4.", "data.quarter"));
  c.amount_minor = r.integer("amount_minor", 0, max_money_minor);
  return r.error();
}
nlohmann::json write_command(const SetSupportCost& c) { return {{"quarter", c.quarter}, {"amount_minor", c.amount_minor}}; }

} // namespace pd::domain
