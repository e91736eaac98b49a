#include "shared/domain/support/support.hpp"

namespace pd::domain {

const char* to_string(TicketStatus s) {
  switch (s) {
  case TicketStatus::new_ticket: return "new";
  case TicketStatus::open: return "open";
  case TicketStatus::waiting_on_customer: return "waiting_on_customer";
  case TicketStatus::escalated: return "escalated";
  case TicketStatus::resolved: return "resolved";
  case TicketStatus::closed: return "closed";
  case TicketStatus::reopened: return "reopened";
  case TicketStatus::unknown: break;
  }
  return "unknown";
}

const char* label_of(TicketStatus s) {
  switch (s) {
  case TicketStatus::new_ticket: return "New";
  case TicketStatus::open: return "Open";
  case TicketStatus::waiting_on_customer: return "Waiting on customer";
  case TicketStatus::escalated: return "Escalated";
  case TicketStatus::resolved: return "Resolved";
  case TicketStatus::closed: return "Closed";
  case TicketStatus::reopened: return "Reopened";
  case TicketStatus::unknown: break;
  }
  return "Unknown";
}

const char* to_string(Priority p) {
  switch (p) {
  case Priority::p0: return "P0";
  case Priority::p1: return "P1";
  case Priority::p2: return "P2";
  case Priority::p3: return "P3";
  }
  return "P2";
}

const char* label_of(Priority p) {
  switch (p) {
  case Priority::p0: return "P0 Critical";
  case Priority::p1: return "P1 High";
  case Priority::p2: return "P2 Medium";
  case Priority::p3: return "P3 Low";
  }
  return "P2 Medium";
}

const char* to_string(Category c) {
  switch (c) {
  case Category::how_to: return "how-to";
  case Category::billing: return "billing";
  case Category::bug: return "bug";
  case Category::feature_request: return "feature-request";
  case Category::account: return "account";
  case Category::integration: return "integration";
  case Category::performance: return "performance";
  case Category::security: return "security";
  case Category::onboarding: return "onboarding";
  case Category::churn_risk: return "churn-risk";
  }
  return "how-to";
}

SupportSettings default_support_settings() {
  SupportSettings s;
  // The tiers of docs/requirements.md, SLA tiers (their resolution windows: Response standards).
  constexpr std::int64_t hour = 60; // minutes
  s.tiers = {SlaTier{"urgent", "Urgent", 2 * hour, 8 * hour, {}},
             SlaTier{"standard", "Standard", 12 * hour, 48 * hour, {}},
             SlaTier{"extended", "Extended", 24 * hour, 72 * hour, {}}};
  s.segment_tiers = {{"Enterprise", "urgent"}, {"Business", "standard"}, {"Growth", "standard"}, {"Pro", "standard"}, {"Starter", "extended"}, {"Free", "extended"}};
  s.default_tier = "standard";
  // docs/requirements.md, Priority matrix: P0 15 min / 2 h, P1 1 h / 8 h, P2 4 h / 24 h,
  // P3 24 h / 72 h.
  s.priority_targets = {PriorityTarget{15, 2 * hour}, PriorityTarget{hour, 8 * hour}, PriorityTarget{4 * hour, 24 * hour},
                        PriorityTarget{24 * hour, 72 * hour}};
  s.restricted_topics = default_restricted_topics();
  return s;
}

const SlaTier* tier_for_segment(const SupportSettings& s, const std::string& segment) {
  std::string key = s.default_tier;
  if (auto it = s.segment_tiers.find(segment); it != s.segment_tiers.end()) key = it->second;
  for (const auto& t : s.tiers)
    if (t.key == key) return &t;
  return s.tiers.empty() ? nullptr : &s.tiers.front();
}

int Inbox::unread() const {
  int n = 0;
  for (auto it = items.rbegin(); it != items.rend() && it->id > read_up_to; ++it) ++n;
  return n;
}

void to_json(nlohmann::json& j, const BusinessRating& r) {
  j = {{"score", r.score}, {"comment", r.comment}, {"by", r.by}, {"at", r.at}};
  if (r.checklist) j["checklist"] = *r.checklist;
}

void from_json(const nlohmann::json& j, BusinessRating& r) {
  r.score = j.value("score", 0);
  r.comment = j.value("comment", std::string{});
  r.by = j.value("by", PersonId{0});
  r.at = j.value("at", TimeMs{0});
  if (j.contains("checklist") && j.at("checklist").is_array()) r.checklist = j.at("checklist").get<std::array<int, 5>>();
}

void to_json(nlohmann::json& j, const Ticket& t) {
  j = {{"id", t.id},
       {"customer_id", t.customer_id},
       {"opened_by", t.opened_by},
       {"subject", t.subject},
       {"status", t.status},
       {"priority", t.priority},
       {"category", t.category},
       {"tags", t.tags},
       {"agent_id", t.agent_id},
       {"taken_over_by", t.taken_over_by},
       {"opened_at", t.opened_at},
       {"updated_at", t.updated_at},
       {"last_customer_activity", t.last_customer_activity},
       {"closed_at", t.closed_at},
       {"messages", t.messages},
       {"restricted_topics", t.restricted_topics},
       {"sla", t.sla},
       {"escalation", t.escalation},
       {"version", t.version},
       {"customer_shown", t.customer_shown},
       {"changes", t.changes},
       {"routing", t.routing},
       {"triage", t.triage}};
  if (t.customer_rating) j["customer_rating"] = *t.customer_rating;
  if (t.business_rating) j["business_rating"] = *t.business_rating;
  if (t.outreach) j["outreach"] = true;
  if (t.conduct != TicketConduct{}) j["conduct"] = t.conduct;
  if (t.text_expired_at != 0) j["text_expired_at"] = t.text_expired_at;
  if (t.attachments_expired_at != 0) j["attachments_expired_at"] = t.attachments_expired_at;
  if (t.merged_into != 0) j["merged_into"] = t.merged_into;
  if (!t.merged.empty()) j["merged"] = t.merged;
  if (t.progress != TicketProgress{}) j["progress"] = t.progress;
}

void from_json(const nlohmann::json& j, Ticket& t) {
  Ticket d;
  t.id = j.value("id", d.id);
  t.customer_id = j.value("customer_id", d.customer_id);
  t.opened_by = j.value("opened_by", d.opened_by);
  t.subject = j.value("subject", d.subject);
  t.status = j.value("status", d.status);
  t.priority = j.value("priority", d.priority);
  t.category = j.value("category", d.category);
  t.tags = j.value("tags", d.tags);
  t.agent_id = j.value("agent_id", d.agent_id);
  t.taken_over_by = j.value("taken_over_by", d.taken_over_by);
  t.opened_at = j.value("opened_at", d.opened_at);
  t.updated_at = j.value("updated_at", d.updated_at);
  t.last_customer_activity = j.value("last_customer_activity", d.last_customer_activity);
  t.closed_at = j.value("closed_at", d.closed_at);
  t.messages = j.value("messages", d.messages);
  t.restricted_topics = j.value("restricted_topics", d.restricted_topics);
  t.sla = j.value("sla", d.sla);
  t.escalation = j.value("escalation", d.escalation);
  t.version = j.value("version", d.version);
  t.customer_shown = j.value("customer_shown", d.customer_shown);
  t.changes = j.value("changes", d.changes);
  t.routing = j.value("routing", d.routing);
  t.triage = j.value("triage", d.triage);
  if (j.contains("customer_rating")) t.customer_rating = j.at("customer_rating").get<CustomerRating>();
  if (j.contains("business_rating")) t.business_rating = j.at("business_rating").get<BusinessRating>();
  t.outreach = j.value("outreach", false);
  t.conduct = j.value("conduct", d.conduct);
  t.text_expired_at = j.value("text_expired_at", TimeMs{0});
  t.attachments_expired_at = j.value("attachments_expired_at", TimeMs{0});
  t.merged_into = j.value("merged_into", TicketId{0});
  t.merged = j.value("merged", d.merged);
  t.progress = j.value("progress", d.progress);
}

} // namespace pd::domain
