// Mail held for the business (the support settings page's Held mail card): the list, loaded
// when the page opens and on "Check for held mail", and the decision on one (discard, or add it
// to its ticket as the business's reply). The server decides who may (the business only).
// Also the reports page's quarterly review, read from the API.
#include "client/app/store.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace pd::client {

void Store::load_held_mail() {
  auto& l = ui_.held_mail;
  const auto program = app_.route.program_id;
  if (program == 0 || l.loading) return;
  if (l.program_id != program) l = HeldMailList{};
  l.program_id = program;
  l.loading = true;
  send(Request::held_mail, platform::Method::get, "/api/v1/programs/" + std::to_string(program) + "/held-mail");
}

void Store::handle(const LoadHeldMail&) { load_held_mail(); }

void Store::on_held_mail(const platform::HttpResponse& r) {
  auto& l = ui_.held_mail;
  l.loading = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("held_mail") || !body["held_mail"].is_array()) {
    l.error = error_of(r).message;
    return;
  }
  l.items.clear();
  for (const auto& m : body["held_mail"]) {
    if (!m.is_object()) continue;
    HeldMailItem item;
    item.id = m.value("id", std::int64_t{0});
    item.ticket_id = m.value("ticket_id", std::int64_t{0});
    item.sender = m.value("sender", std::string{});
    item.subject = m.value("subject", std::string{});
    item.text = m.value("text", std::string{});
    item.reason = m.value("reason", std::string{});
    item.received_at = m.value("received_at", std::int64_t{0});
    l.items.push_back(std::move(item));
  }
  l.loaded = true;
  l.error.clear();
}

void Store::handle(const DecideHeldMail& a) {
  auto& l = ui_.held_mail;
  if (l.busy_id != 0 || a.mail_id == 0 || l.program_id == 0) return;
  l.busy_id = a.mail_id;
  l.error.clear();
  Pending p;
  p.kind = Request::held_mail_decision;
  p.method = platform::Method::post;
  p.program_id = l.program_id;
  p.item_id = a.mail_id;
  p.path = "/api/v1/programs/" + std::to_string(l.program_id) + "/held-mail/" + std::to_string(a.mail_id) +
           (a.add_to_ticket ? "/append" : "/discard");
  p.body = "{}";
  send(std::move(p));
}

void Store::on_held_mail_decision(const Pending& p, const platform::HttpResponse& r) {
  auto& l = ui_.held_mail;
  l.busy_id = 0;
  if (r.status != 200) {
    l.error = error_of(r).message;
    return;
  }
  const bool added = p.path.size() >= 7 && p.path.compare(p.path.size() - 7, 7, "/append") == 0;
  std::erase_if(l.items, [&](const HeldMailItem& m) { return m.id == p.item_id; });
  toast(added ? "Added to the ticket." : "Discarded.");
}

// The reports page's quarterly review: the server's quarterly_review() (weekly_report.hpp),
// the same talking points as the API's JSON.
void Store::handle(const LoadQuarterlyReview& a) {
  const auto program = app_.route.program_id;
  if (program == 0) return;
  Pending p;
  p.kind = Request::quarterly_review;
  p.program_id = program;
  p.path = "/api/v1/programs/" + std::to_string(program) + "/support/quarterly?quarter=" + a.quarter;
  send(std::move(p));
}

void Store::on_quarterly_review(const Pending& p, const platform::HttpResponse& r) {
  auto& f = ui_.reports;
  if (p.path.find("?quarter=") == std::string::npos || f.review_asked.find(p.path.substr(p.path.find("?quarter=") + 9)) == std::string::npos)
    return; // an answer for a quarter no longer shown
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("sections") || !body["sections"].is_array()) {
    f.review_error = error_of(r).message;
    return;
  }
  f.review_error.clear();
  f.review = body["sections"].get<std::vector<domain::ReportSection>>();
  f.review_key = f.review_asked;
}

} // namespace pd::client
