#include "shared/domain/desk/decide_knowledge.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/decide_support_access.hpp"
#include "shared/domain/support/sla.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::domain::desk_rules {

using core::ErrorCode;
using core::make_error;
using identity::Role;
using Events = std::vector<EventBody>;

namespace {

constexpr std::int64_t hour_ms = 3'600'000;

bool business(const ProgramState& s, PersonId p) { return identity::is_business_role(s.role_of(p)); }
bool owner_or_admin(const ProgramState& s, PersonId p) { return s.role_of(p) == Role::owner || s.role_of(p) == Role::admin; }

// The article the actor may read, or nullptr (then "No such article", as for one that does not exist).
const Article* readable(const ProgramState& s, PersonId p, ArticleId id) {
  auto a = s.knowledge.article(id);
  return a && article_visible(*a, reader_of(s, p), p) ? a : nullptr;
}
core::Error no_article() { return core::not_found("No such article.", "data.article_id"); }

// The events of a changed article: the article, and its withdrawal from readers who had it.
Events changed(const Article& before, Article after) {
  Events out;
  const bool was_public = before.status == ArticleStatus::published && before.content.audience == ArticleAudience::customers;
  const bool was_published = before.status == ArticleStatus::published;
  const bool now_published = after.status == ArticleStatus::published;
  const bool now_public = now_published && after.content.audience == ArticleAudience::customers;
  const ArticleId id = after.id;
  out.push_back(ArticleSaved{std::move(after)});
  if (was_published && !now_published) out.push_back(ArticleWithdrawn{id, false});
  else if (was_public && !now_public) out.push_back(ArticleWithdrawn{id, true});
  return out;
}

std::string lower_words(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) out.push_back(ch);
    else if (u >= 'A' && u <= 'Z') out.push_back(static_cast<char>(u - 'A' + 'a'));
    else if (u == '\'') continue; // "what's" -> "whats"
    else if (!out.empty() && out.back() != ' ') out.push_back(' ');
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return " " + out + " ";
}

bool asks_any(const std::string& words, std::initializer_list<const char*> phrases) {
  for (const char* p : phrases)
    if (words.find(std::string(" ") + p + " ") != std::string::npos) return true;
  return false;
}

std::string two(int v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); }

// "14:30 on 2026-12-07 (your time, UTC+01:00)"
std::string local_time(TimeMs at, int offset_minutes) {
  const TimeMs local = at + static_cast<TimeMs>(offset_minutes) * 60'000;
  const auto day = core::date_of_ms(local);
  const auto in_day = ((local % core::ms_per_day) + core::ms_per_day) % core::ms_per_day;
  const int minutes = static_cast<int>(in_day / 60'000);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return two(minutes / 60) + ":" + two(minutes % 60) + " on " + core::format_date(day) + " (your time, UTC" + (offset_minutes < 0 ? "-" : "+") +
         two(off / 60) + ":" + two(off % 60) + ")";
}

std::string duration_words(std::int64_t ms) {
  const auto hours = ms / hour_ms;
  if (hours >= 48 && hours % 24 == 0) return std::to_string(hours / 24) + " days";
  if (hours >= 1) return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
  const auto minutes = std::max<std::int64_t>(1, ms / 60'000);
  return std::to_string(minutes) + " minutes";
}

TicketMessage system_message(std::int64_t id, std::string automatic, std::string text, TimeMs now) {
  TicketMessage m;
  m.id = id;
  m.kind = MessageKind::reply;
  m.author = support_rules::system_actor;
  m.author_name = "Automatic reply";
  m.author_role = Role::unknown;
  m.text = std::move(text);
  m.at = now;
  m.automatic = std::move(automatic);
  return m;
}

// The next monthly anniversary of `from` strictly after `now` (the day clipped to the month's length).
core::Date next_monthly(core::Date from, core::Date today) {
  core::Date d = from;
  for (int i = 0; i < 1200 && d <= today; ++i) {
    d.month += 1;
    if (d.month > 12) {
      d.month = 1;
      d.year += 1;
    }
    d.day = std::min(from.day, core::days_in_month(d.year, d.month));
  }
  return d;
}

} // namespace

KnowledgeReader reader_of(const ProgramState& s, PersonId person) {
  const auto role = s.role_of(person);
  if (identity::is_business_role(role)) return KnowledgeReader::business;
  if (role == Role::agent) return KnowledgeReader::agent;
  if (role == Role::customer) return KnowledgeReader::customer;
  return KnowledgeReader::none;
}

Outcome decide(const ProgramState& s, const SaveArticle& c, const Actor& a, TimeMs now) {
  const auto role = s.role_of(a.id);
  if (!business(s, a.id) && role != Role::agent) return core::forbidden("Business staff and agents write articles.");
  if (auto e = support_rules::refuse_off_support(s, a.id)) return *e;
  if (auto e = content_problem(s.knowledge, c.content, c.article_id)) return *e;
  if (c.from_tickets.size() > max_article_from_tickets)
    return make_error(ErrorCode::invalid_field, "An article is written from at most 50 tickets.", "data.from_tickets");
  for (std::size_t i = 0; i < c.from_tickets.size(); ++i)
    if (!s.ticket(c.from_tickets[i]) || !is_allowed(s, a.id, Action::read_ticket, {.ticket = c.from_tickets[i]}))
      return core::not_found("No such ticket.", "data.from_tickets[" + std::to_string(i) + "]");
  if (c.article_id == 0) {
    if (s.knowledge.articles.size() >= max_articles)
      return make_error(ErrorCode::conflict, "The knowledge base holds " + std::to_string(max_articles) + " articles; archive some first.");
    Article out;
    out.id = s.knowledge.next_article_id();
    out.content = c.content;
    out.status = ArticleStatus::draft;
    out.author = a.id;
    out.created_at = out.updated_at = now;
    out.from_tickets = c.from_tickets;
    return Events{ArticleSaved{std::move(out)}};
  }
  auto before = readable(s, a.id, c.article_id);
  if (!before) return no_article();
  if (!business(s, a.id) && (before->author != a.id || before->status != ArticleStatus::draft))
    return core::forbidden("Agents edit only their own drafts; the business edits the rest.");
  if (before->status == ArticleStatus::archived) return core::conflict("An archived article is not edited.", "data.article_id", before->version);
  if (c.expected_version != before->version)
    return core::conflict("Someone else changed this article first. Review their change and try again.", "data.expected_version", before->version);
  if (c.content == before->content && c.from_tickets.empty()) return Events{};
  Article out = *before;
  out.content = c.content;
  out.updated_at = now;
  for (auto t : c.from_tickets)
    if (std::find(out.from_tickets.begin(), out.from_tickets.end(), t) == out.from_tickets.end() && out.from_tickets.size() < max_article_from_tickets)
      out.from_tickets.push_back(t);
  return changed(*before, std::move(out));
}

Outcome decide(const ProgramState& s, const SubmitArticle& c, const Actor& a, TimeMs now) {
  auto before = readable(s, a.id, c.article_id);
  if (!before) return no_article();
  if (!business(s, a.id) && before->author != a.id) return core::forbidden("Only its author or the business submits an article for review.");
  if (before->status != ArticleStatus::draft)
    return core::conflict(std::string("Only a draft goes to review; this article is ") + label_of(before->status) + ".", "data.article_id",
                          before->version);
  Article out = *before;
  out.status = ArticleStatus::in_review;
  out.updated_at = now;
  return changed(*before, std::move(out));
}

Outcome decide(const ProgramState& s, const PublishArticle& c, const Actor& a, TimeMs now) {
  auto before = readable(s, a.id, c.article_id);
  if (!before) return no_article();
  if (!business(s, a.id)) return core::forbidden("The business publishes articles.");
  if (before->status != ArticleStatus::draft && before->status != ArticleStatus::in_review)
    return core::conflict(std::string("Only a draft or an article in review is published; this article is ") + label_of(before->status) + ".",
                          "data.article_id", before->version);
  Article out = *before;
  out.status = ArticleStatus::published;
  out.updated_at = out.reviewed_at = now;
  return changed(*before, std::move(out));
}

Outcome decide(const ProgramState& s, const ReviewArticle& c, const Actor& a, TimeMs now) {
  auto before = readable(s, a.id, c.article_id);
  if (!before) return no_article();
  if (!business(s, a.id)) return core::forbidden("The business reviews articles.");
  if (before->status != ArticleStatus::published)
    return core::conflict("Only a published article is reviewed; publish it first.", "data.article_id", before->version);
  Article out = *before;
  out.reviewed_at = now;
  return changed(*before, std::move(out));
}

Outcome decide(const ProgramState& s, const ArchiveArticle& c, const Actor& a, TimeMs now) {
  auto before = readable(s, a.id, c.article_id);
  if (!before) return no_article();
  if (!business(s, a.id)) return core::forbidden("The business archives articles.");
  if (before->status == ArticleStatus::archived) return core::conflict("The article is already archived.", "data.article_id", before->version);
  Article out = *before;
  out.status = ArticleStatus::archived;
  out.updated_at = now;
  return changed(*before, std::move(out));
}

Outcome decide(const ProgramState& s, const ChangeKnowledgeSettings& c, const Actor& a, TimeMs) {
  if (!owner_or_admin(s, a.id)) return core::forbidden("Owners and admins change the knowledge base's settings.");
  if (c.settings.review_after_days < min_review_after_days || c.settings.review_after_days > max_review_after_days)
    return make_error(ErrorCode::invalid_field, "Review articles every 7-730 days.", "data.review_after_days");
  if (c.settings == s.knowledge.settings) return Events{};
  return Events{KnowledgeSettingsChanged{c.settings}};
}

Outcome decide(const ProgramState& s, const RecordSearchMiss& c, const Actor& a, TimeMs now) {
  const auto reader = reader_of(s, a.id);
  if (reader == KnowledgeReader::none) return core::forbidden();
  const auto query = normalized_question(c.query.substr(0, std::min(c.query.size(), max_search_query)));
  if (query.empty()) return Events{}; // nothing searchable was asked
  if (!search_articles(s.knowledge, c.query, reader, a.id, 1).empty()) return Events{}; // it found something
  for (auto it = s.knowledge.search_misses.rbegin(); it != s.knowledge.search_misses.rend() && it->at > now - hour_ms; ++it)
    if (it->query == query) return Events{}; // already recorded this hour
  return Events{KnowledgeSearchMissed{query}};
}

Outcome decide(const ProgramState& s, const RecordDeflection& c, const Actor& a, TimeMs) {
  if (s.role_of(a.id) != Role::customer) return core::forbidden("Deflection is recorded for customers writing a ticket.");
  auto customer = s.customer_of_person(a.id);
  if (!customer) return make_error(ErrorCode::conflict, "Your account is not linked to a customer record of this program.");
  if (!readable(s, a.id, c.article_id)) return no_article();
  return Events{ArticleDeflectionRecorded{c.article_id, customer->id, c.submitted}};
}

std::string account_status_answer(const ProgramState& s, CustomerId customer_id, std::string_view subject, std::string_view text, TimeMs now) {
  auto customer = s.customer(customer_id);
  if (!customer) return {};
  const auto words = lower_words(std::string(subject) + " . " + std::string(text));
  const bool plan = asks_any(words, {"what plan am i on", "which plan am i on", "what is my plan", "whats my plan", "what is my current plan",
                                     "whats my current plan", "which plan do i have", "what plan do i have", "what subscription do i have"});
  const bool billing = asks_any(words, {"next billing date", "next bill date", "when is my next bill", "when is my next payment", "next payment date",
                                        "when will i be billed", "when will i be charged", "when do i get billed", "when am i billed next",
                                        "when is my renewal", "when does my subscription renew"});
  if (!plan && !billing) return {};
  std::string out = "Hello " + customer->profile.name + ", here is what our records show for your account:\n";
  if (plan) out += "- Your plan: " + customer->profile.segment + ".\n";
  if (billing) {
    if (customer->profile.subscription == SubscriptionStatus::cancelled) {
      out += "- Your subscription is cancelled: no further billing is scheduled.\n";
    } else {
      // A month after the last payment the billing system recorded, or the start date's next anniversary.
      TimeMs last = 0;
      for (const auto& [id, p] : s.commissions.payments)
        if (p.customer_id == customer_id && p.kind == PaymentKind::payment) last = std::max(last, p.paid_at);
      const auto today = core::date_of_ms(now);
      core::Date from = last ? core::date_of_ms(last) : core::parse_date(customer->profile.started_on).value_or(today);
      out += "- Your next billing date: " + core::format_date(next_monthly(from, today)) + ".\n";
    }
  }
  return out + "\n" + human_will_help;
}

std::vector<EventBody> auto_responses(const ProgramState& s, const TicketOpened& opened, int utc_offset_minutes, TimeMs now) {
  std::vector<EventBody> out;
  std::int64_t next_message = 2; // the customer's own message is the first
  // The acknowledgement (seed 003: acknowledge within 24 hours; at once here).
  std::string ack = "We received your request. Your reference is #" + std::to_string(opened.ticket_id) + ".";
  if (opened.sla.first_response_due > 0)
    ack += " A member of our team will reply within " + duration_words(opened.sla.first_response_ms) + ", by " +
           local_time(opened.sla.first_response_due, utc_offset_minutes) + ".";
  // Articles holding most of the subject's words; else most of the text's first words.
  const auto hits = search_articles(s.knowledge, opened.subject, KnowledgeReader::customer, 0, suggested_articles_in_acknowledgement, SearchMode::most_words);
  const auto shown = hits.empty() ? search_articles(s.knowledge, opened.message.text.substr(0, max_search_query), KnowledgeReader::customer, 0,
                                                    suggested_articles_in_acknowledgement, SearchMode::most_words)
                                  : hits;
  if (!shown.empty()) {
    ack += "\n\nThese articles may help in the meantime:";
    for (const auto& h : shown) ack += "\n- " + s.knowledge.articles.at(h.id).content.question + " (article #" + std::to_string(h.id) + ")";
  }
  // The ticket keeps the status it opens with (new): an automatic message answers no one.
  out.push_back(TicketReplied{opened.ticket_id, system_message(next_message++, "acknowledgement", std::move(ack), now), TicketStatus::new_ticket,
                              opened.sla, false});
  // A near-certain answer only.
  const Article* match = exact_question_match(s.knowledge, opened.subject);
  if (!match && opened.message.text.size() <= max_article_question * 2) match = exact_question_match(s.knowledge, opened.message.text);
  std::string answer;
  std::string kind;
  if (match) {
    kind = "article";
    answer = match->content.question + "\n\n" + match->content.quick_answer;
    if (!match->content.steps.empty()) {
      answer += "\n";
      for (std::size_t i = 0; i < match->content.steps.size(); ++i) answer += "\n" + std::to_string(i + 1) + ". " + match->content.steps[i];
    }
    answer += "\n\n(article #" + std::to_string(match->id) + ")\n\n" + human_will_help;
  } else {
    answer = account_status_answer(s, opened.customer_id, opened.subject, opened.message.text, now);
    if (!answer.empty()) kind = "account_status";
  }
  if (!answer.empty())
    out.push_back(TicketReplied{opened.ticket_id, system_message(next_message++, kind, std::move(answer), now), TicketStatus::new_ticket, opened.sla,
                                false});
  return out;
}

const TicketMessage* automatic_answer(const Ticket& t) {
  for (const auto& m : t.messages)
    if (m.automatic == "article" || m.automatic == "account_status") return &m;
  return nullptr;
}

namespace {
bool confirmed(const Ticket& t) {
  return std::any_of(t.messages.begin(), t.messages.end(), [](const TicketMessage& m) { return m.automatic == "confirmed"; });
}
} // namespace

std::optional<core::Error> why_not_confirm(const Ticket& t) {
  if (!automatic_answer(t)) return make_error(ErrorCode::conflict, "This ticket has no automatic answer to confirm.", "data.ticket_id");
  if (confirmed(t)) return make_error(ErrorCode::conflict, "You already confirmed the automatic answer solved the problem.", "data.ticket_id");
  if (!is_open(t.status)) return make_error(ErrorCode::conflict, "This ticket is already resolved or closed.", "data.ticket_id");
  return std::nullopt;
}

Outcome decide(const ProgramState& s, const ConfirmAutomaticAnswer& c, const Actor& a, TimeMs now) {
  const Ticket* t = s.ticket(c.ticket_id);
  auto customer = s.customer_of_person(a.id);
  // Someone else's ticket does not exist for them.
  if (!t || s.role_of(a.id) != Role::customer || !customer || customer->id != t->customer_id)
    return make_error(ErrorCode::not_found, "No such ticket.", "data.ticket_id");
  if (auto e = why_not_confirm(*t)) {
    e->current_version = t->version;
    return *e;
  }
  const auto next = static_cast<std::int64_t>(t->messages.size()) + 1;
  return Events{TicketReplied{t->id, system_message(next, "confirmed", confirmed_text, now), t->status, t->sla, false},
                TicketStatusChanged{t->id, TicketStatus::resolved, sla::stop(t->sla, s.support_settings, now)}};
}

AutomationRate automation_rate(const ProgramState& s, TimeMs since) {
  AutomationRate r;
  for (const auto& [id, t] : s.tickets) {
    if (t.opened_at < since) continue;
    ++r.tickets;
    if (automatic_answer(t)) ++r.answered_automatically;
    if (confirmed(t)) ++r.solved_automatically;
  }
  return r;
}

} // namespace pd::domain::desk_rules
