#include "shared/domain/privacy/customer_export.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/visibility.hpp"

#include <cstdio>

namespace pd::domain {

std::optional<core::Error> why_not_export_customer(const ProgramState& s, PersonId person, CustomerId customer) {
  const auto role = s.role_of(person);
  const auto* c = s.customer(customer);
  if (role == identity::Role::customer) {
    if (!c || c->person_id != person) return core::not_found("No such customer.", "customer_id");
    return std::nullopt;
  }
  if (role == identity::Role::unknown || !c) return core::not_found("No such customer.", "customer_id");
  if (role != identity::Role::owner && role != identity::Role::admin)
    return core::forbidden("Only an owner or admin exports a customer's data (or the customer its own).");
  return std::nullopt;
}

std::string iso_utc(TimeMs at) {
  const auto day = at >= 0 ? at / core::ms_per_day : (at - core::ms_per_day + 1) / core::ms_per_day;
  const auto d = core::civil_from_days(day);
  const auto in_day = (at - day * core::ms_per_day) / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, static_cast<int>(in_day / 3600),
                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return buf;
}

std::string archive_safe_name(std::string_view name) {
  std::string out;
  for (const char ch : name) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f || ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' || ch == '<' ||
        ch == '>' || ch == '|')
      out += '_';
    else if (ch == '.' && !out.empty() && out.back() == '.')
      continue; // ".." nowhere, not even inside a name
    else
      out += ch;
  }
  // No name of dots only ("..", "."), none that starts with a dot (hidden), none with spaces at
  // either end.
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  if (out.size() > 100) {
    out.resize(100);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back(); // a cut UTF-8 sequence
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  return out.empty() ? "file" : out;
}

namespace {

nlohmann::json instant(TimeMs at) {
  if (at == 0) return nullptr;
  return iso_utc(at);
}

const char* from_word(identity::Role role) {
  switch (role) {
  case identity::Role::customer: return "customer";
  case identity::Role::agent: return "agent";
  case identity::Role::unknown: return "system";
  default: return "business";
  }
}

nlohmann::json rating_json(const CustomerRating& r) {
  return {{"responsiveness", r.responsiveness}, {"knowledge", r.knowledge},         {"professionalism", r.professionalism},
          {"overall", r.overall},               {"comment", r.comment},             {"at", instant(r.at)},
          {"at_ms", r.at},                      {"business_response", r.business_response}};
}

} // namespace

CustomerExport customer_export(const ProgramState& s, CustomerId customer, const std::optional<ExportAccount>& account, TimeMs now) {
  CustomerExport out;
  const auto* c = s.customer(customer);
  if (!c) return out;
  const auto& p = c->profile;
  nlohmann::json profile = {{"name", p.name},
                            {"email", p.email},
                            {"segment", p.segment},
                            {"subscription", p.subscription},
                            {"started_on", p.started_on},
                            {"renews_on", p.renews_on},
                            {"mrr", {{"minor", p.mrr.minor}, {"currency", p.mrr.currency}}}};
  nlohmann::json who_helps = nullptr;
  if (c->assigned_agent != 0) {
    const auto* m = s.member(c->assigned_agent);
    who_helps = {{"person_id", c->assigned_agent}, {"name", m ? m->name : ""}};
  }
  nlohmann::json tickets = nlohmann::json::array();
  auto by = s.tickets_by_customer.find(customer);
  if (by != s.tickets_by_customer.end()) {
    for (const auto id : by->second) {
      const auto* full = s.ticket(id);
      if (!full) continue;
      const Ticket t = customer_view(*full);
      nlohmann::json messages = nlohmann::json::array();
      for (const auto& m : t.messages) {
        nlohmann::json files = nlohmann::json::array();
        int n = 0;
        for (const auto& a : m.attachments) {
          ExportFile f{"files/" + std::to_string(t.id) + "-" + std::to_string(m.id) + "-" + std::to_string(++n) + "-" + archive_safe_name(a.name),
                       a.name, a.content_type, a.size, a.sha256, t.id, m.id};
          files.push_back({{"name", a.name}, {"content_type", a.content_type}, {"size", a.size}, {"path", f.path}});
          out.files.push_back(std::move(f));
        }
        messages.push_back({{"id", m.id},
                            {"from", from_word(m.author_role)},
                            {"author", m.author_name},
                            {"at", instant(m.at)},
                            {"at_ms", m.at},
                            {"text", m.text},
                            {"attachments", std::move(files)}});
        ++out.messages;
      }
      nlohmann::json rating = nullptr;
      if (t.customer_rating) {
        rating = rating_json(*t.customer_rating);
        ++out.ratings;
      }
      tickets.push_back({{"id", t.id},
                         {"subject", t.subject},
                         {"status", t.status},
                         {"category", t.category},
                         {"priority", t.priority},
                         {"opened_at", instant(t.opened_at)},
                         {"closed_at", instant(t.closed_at)},
                         {"messages", std::move(messages)},
                         {"rating", std::move(rating)}});
      ++out.tickets;
    }
  }
  nlohmann::json surveys = nlohmann::json::array();
  for (const auto& a : s.nps_answers) {
    if (a.customer_id != customer) continue;
    surveys.push_back({{"kind", "nps"}, {"score", a.score}, {"comment", a.comment}, {"at", instant(a.at)}, {"at_ms", a.at}});
  }
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& [id, k] : s.retention.cases) {
    if (k.customer_id != customer || !retention_case_shown(k)) continue;
    const auto v = retention_customer_view(k);
    nlohmann::json offers = nlohmann::json::array();
    for (const auto& o : v.offers) offers.push_back(o);
    requests.push_back({{"id", v.id}, {"request", v.request}, {"opened_at", instant(v.opened_at)}, {"outcome", v.outcome},
                        {"offers", std::move(offers)}, {"closed_at", instant(v.closed_at)}});
  }
  nlohmann::json restrictions = nlohmann::json::array();
  for (const auto& r : c->restrictions)
    restrictions.push_back({{"from", instant(r.at)}, {"until", instant(r.until)}, {"reason", r.reason}, {"lifted_at", instant(r.lifted_at)}});
  nlohmann::json acct = nullptr;
  if (account) acct = {{"email", account->email}, {"name", account->name}, {"email_verified", account->email_verified}};
  out.document = {{"format", customer_export_format},
                  {"generated_at", iso_utc(now)},
                  {"program", {{"id", s.id}, {"name", s.name}}},
                  {"customer_id", customer},
                  {"profile", std::move(profile)},
                  {"account", std::move(acct)},
                  {"assigned_agent", std::move(who_helps)},
                  {"tickets", std::move(tickets)},
                  {"surveys", std::move(surveys)},
                  {"retention_requests", std::move(requests)},
                  {"ticketing_restrictions", std::move(restrictions)}};
  return out;
}

} // namespace pd::domain
