#include "shared/domain/retention/outreach.hpp"

#include <cctype>

namespace pd::domain {

namespace {

bool starts_with_words(std::string_view name, std::string_view prefix) {
  if (name.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(name[i])) != prefix[i]) return false;
  return true;
}

} // namespace

bool outreach_suggested(ChurnLevel level) { return level == ChurnLevel::monitor || level == ChurnLevel::at_risk; }

const desk::ResponseTemplate* outreach_template(const ProgramState& s) {
  for (const auto& t : s.responses.templates)
    if (t.key == "at-risk") return &t;
  return nullptr;
}

std::string signal_in_words(const ChurnSignal& signal) {
  const auto& k = signal.kind;
  if (k == "cancellation_request") return "that you asked about cancelling";
  if (k == "competitor") return "that you have been looking at other tools";
  if (k == "negative_tickets") return "that your last few support conversations were frustrating";
  if (k == "usage_drop") return "that your team has been using us less lately";
  if (k == "failed_payment") return "that your last payment did not go through";
  if (k == "no_login") return "that you have not signed in for a while";
  if (k == "downgrade_request") return "that you asked about changing your plan";
  if (k == "renewal") return "that your renewal is coming up";
  return "how things have been going";
}

OutreachDraft outreach_draft(const ProgramState& s, const ChurnScore& score, PersonId author) {
  OutreachDraft d;
  d.subject = "Checking in from " + s.name;
  std::string signals;
  for (std::size_t i = 0; i < score.signals.size(); ++i) {
    if (i > 0) signals += i + 1 == score.signals.size() ? " and " : ", ";
    signals += signal_in_words(score.signals[i]);
  }
  const auto* t = outreach_template(s);
  if (!t) {
    d.text = std::string("Proactive outreach (") + churn_level_label(score.level) + ", score " + std::to_string(score.score) + ")" +
             (signals.empty() ? std::string(".") : ": check in on " + signals + ".");
    return d;
  }
  d.template_id = t->id;
  d.text = desk::fill_template(t->text, desk::template_values(s, outreach_ticket(s, score.customer_id, d.subject), author));
  if (signals.empty()) return d;
  // "I noticed [specific signal ...]": the score's signals in words.
  for (const auto& p : desk::placeholders_in(d.text))
    if (starts_with_words(p.name, "specific signal")) {
      d.text.replace(p.begin, p.end - p.begin, signals);
      break;
    }
  return d;
}

Ticket outreach_ticket(const ProgramState& s, CustomerId customer, std::string subject) {
  Ticket t;
  t.id = s.next_ticket_id;
  t.customer_id = customer;
  t.subject = std::move(subject);
  t.category = Category::churn_risk;
  t.priority = Priority::p3;
  t.outreach = true;
  return t;
}

std::vector<std::string> outreach_unfilled(const ProgramState& s, CustomerId customer, PersonId author, std::int64_t template_id,
                                           std::string_view text) {
  if (template_id == 0 || !s.responses.find(template_id)) return {};
  return desk::unfilled_placeholders(s, outreach_ticket(s, customer, {}), author, template_id, text);
}

TicketId last_outreach(const ProgramState& s, CustomerId customer) {
  auto it = s.tickets_by_customer.find(customer);
  if (it == s.tickets_by_customer.end()) return 0;
  for (auto id = it->second.rbegin(); id != it->second.rend(); ++id)
    if (const auto* t = s.ticket(*id); t && t->outreach) return t->id;
  return 0;
}

} // namespace pd::domain
