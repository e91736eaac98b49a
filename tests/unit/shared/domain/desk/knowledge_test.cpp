// The knowledge base (desk/knowledge.hpp, decide_knowledge.hpp): writing, review and publishing,
// who reads which article (also through the replicas' events), search, deflection, and the
// automatic responses to a new ticket.
#include "../program_fixture.hpp"

#include "shared/domain/commands.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_desk_knowledge { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId owner_id = 1, staff_id = 3, ava_id = 4, jordan_id = 6;
constexpr TimeMs day = 86'400'000;

// The automatic messages among a command's events (other rules may add events of their own).
std::vector<TicketMessage> automatic_of(const std::vector<EventBody>& events) {
  std::vector<TicketMessage> out;
  for (const auto& e : events)
    if (const auto* r = std::get_if<TicketReplied>(&e); r && !r->message.automatic.empty()) out.push_back(r->message);
  return out;
}

ArticleContent content(const char* question, const char* quick, ArticleAudience audience = ArticleAudience::customers) {
  ArticleContent c;
  c.question = question;
  c.quick_answer = quick;
  c.steps = {"Open Settings", "Choose Security"};
  c.product_area = "Accounts";
  c.difficulty = Difficulty::beginner;
  c.audience = audience;
  return c;
}

struct Kb {
  Given g = acme();
  std::vector<EventBody> run(const Command& c, PersonId who, TimeMs now = t0) {
    auto bodies = when_ok(g.state, c, who, now);
    for (const auto& b : bodies) g.event(who, b, now);
    return bodies;
  }
  ArticleId write(const ArticleContent& c, PersonId who = staff_id) {
    auto out = run(SaveArticle{0, c, 0, {}}, who);
    return std::get<ArticleSaved>(out.at(0)).article.id;
  }
  ArticleId publish(const ArticleContent& c, TimeMs now = t0) {
    auto id = write(c);
    run(PublishArticle{id}, staff_id, now);
    return id;
  }
  const Article& article(ArticleId id) const { return g.state.knowledge.articles.at(id); }
  std::vector<ArticleId> found(std::string_view q, KnowledgeReader r, PersonId p = 0) const {
    std::vector<ArticleId> out;
    for (auto h : search_articles(g.state.knowledge, q, r, p)) out.push_back(h.id);
    return out;
  }
};

} // namespace

TEST_CASE("an article goes from draft to review to published, and only then do customers read it") {
  Kb kb;
  auto id = kb.write(content("How do I reset my password?", "Use the reset link on the sign-in page."));
  CHECK(kb.article(id).status == ArticleStatus::draft);
  CHECK(kb.found("reset password", KnowledgeReader::customer).empty());
  CHECK(kb.found("reset password", KnowledgeReader::agent, ava_id).empty());
  CHECK(kb.found("reset password", KnowledgeReader::business) == std::vector<ArticleId>{id});
  kb.run(SubmitArticle{id}, staff_id);
  CHECK(kb.article(id).status == ArticleStatus::in_review);
  CHECK(when_refused(kb.g.state, PublishArticle{id}, ava_id).code == pd::core::ErrorCode::not_found); // agents do not even see it
  kb.run(PublishArticle{id}, owner_id, t0 + day);
  CHECK(kb.article(id).status == ArticleStatus::published);
  CHECK(kb.article(id).reviewed_at == t0 + day);
  CHECK(kb.found("reset password", KnowledgeReader::customer) == std::vector<ArticleId>{id});
  CHECK(kb.found("reset password", KnowledgeReader::agent, ava_id) == std::vector<ArticleId>{id});
  kb.run(ArchiveArticle{id}, staff_id);
  CHECK(kb.found("reset password", KnowledgeReader::customer).empty());
}

TEST_CASE("internal articles are for agents and the business; customers never read them or drafts") {
  Kb kb;
  auto internal = kb.publish(content("How do I issue a goodwill credit?", "Credits up to 20 USD need no approval.", ArticleAudience::internal));
  auto draft = kb.write(content("How do I export my invoices?", "Billing, then Export."));
  CHECK(kb.found("goodwill credit", KnowledgeReader::agent, ava_id) == std::vector<ArticleId>{internal});
  CHECK(kb.found("goodwill credit", KnowledgeReader::customer).empty());
  const auto customer = visible_state(kb.g.state, jordan_id);
  CHECK(customer.knowledge.articles.empty());
  const auto agent = visible_state(kb.g.state, ava_id);
  CHECK(agent.knowledge.articles.count(internal) == 1);
  CHECK(agent.knowledge.articles.count(draft) == 0);
  CHECK(when_refused(kb.g.state, RecordDeflection{internal, false}, jordan_id).field == "data.article_id");
}

TEST_CASE("a replica holds exactly the articles its reader may read, also after archiving or making one internal") {
  for (PersonId reader : {jordan_id, ava_id, staff_id}) {
    Given g = acme();
    ProgramState replica = visible_state(g.state, reader);
    auto run = [&](const Command& c) {
      for (auto& b : when_ok(g.state, c, staff_id, t0)) {
        Event e{++g.seq, 1, staff_id, t0, b};
        apply(g.state, e);
        if (auto shown = event_for_reader(g.state, reader, e)) apply(replica, *shown);
      }
    };
    run(SaveArticle{0, content("How do I change my plan?", "Billing, then Change plan."), 0, {}});
    run(PublishArticle{1});
    run(SaveArticle{0, content("How do I cancel?", "Billing, then Cancel."), 0, {}});
    run(PublishArticle{2});
    run(SaveArticle{0, content("How do I refund a duplicate charge?", "Refund the second charge.", ArticleAudience::internal), 0, {}});
    run(PublishArticle{3});
    auto changed = g.state.knowledge.articles.at(1).content;
    changed.audience = ArticleAudience::internal;
    run(SaveArticle{1, changed, g.state.knowledge.articles.at(1).version, {}});
    run(ArchiveArticle{2});
    const auto expected = visible_state(g.state, reader).knowledge;
    CAPTURE(reader);
    CHECK(replica.knowledge.articles == expected.articles);
    CHECK(replica.knowledge.index == expected.index);
    CHECK(replica.knowledge.articles.size() == (reader == jordan_id ? 0u : reader == ava_id ? 2u : 3u));
  }
}

TEST_CASE("search ranks the question above the body, follows typing, and stays bounded") {
  Kb kb;
  auto a = kb.publish(content("How do I export invoices?", "Go to Billing and choose Export."));
  auto b = kb.publish(content("Why was I charged twice?", "A pending authorisation can look like a charge; it drops off. Export your invoices to check."));
  auto hits = kb.found("export invoices", KnowledgeReader::customer);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == a);
  CHECK(hits[1] == b);
  CHECK(kb.found("expo", KnowledgeReader::customer).size() == 2);   // the word being typed matches as a prefix
  CHECK(kb.found("charged tw", KnowledgeReader::customer) == std::vector<ArticleId>{b});
  CHECK(kb.found("export unicorns", KnowledgeReader::customer).empty()); // every word must match
  CHECK(kb.found("how do I", KnowledgeReader::customer).empty());       // only common words: nothing to search
  CHECK(kb.found(std::string(100'000, 'x'), KnowledgeReader::customer).empty());
  CHECK(search_tokens("Reset, RESET and reset!") == std::vector<std::string>{"reset"});
}

TEST_CASE("an article's fields are refused over their limits with the field named") {
  Kb kb;
  auto c = content("How do I reset my password?", "Use the link.");
  c.steps.assign(max_article_steps + 1, "Step");
  CHECK(when_refused(kb.g.state, SaveArticle{0, c, 0, {}}, staff_id).field == "data.article.steps");
  c = content("How do I reset my password?", "Use the link.");
  c.quick_answer = std::string(max_article_quick_answer + 1, 'a');
  CHECK(when_refused(kb.g.state, SaveArticle{0, c, 0, {}}, staff_id).field == "data.article.quick_answer");
  c = content("How do I reset my password?", "Use the link.");
  c.related = {99};
  CHECK(when_refused(kb.g.state, SaveArticle{0, c, 0, {}}, staff_id).field == "data.article.related[0]");
  // The decoder refuses the same, naming the field.
  nlohmann::json data = {{"article", {{"question", "Q?"}, {"quick_answer", "A."}, {"audience", "public"}, {"steps", {std::string(max_article_step + 1, 's')}}}}};
  auto decoded = decode_command("SaveArticle", data);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().field == "data.article.steps[0]");
  data = {{"article", {{"question", "Q?"}, {"quick_answer", "A."}, {"audience", "everyone"}}}};
  CHECK(decode_command("SaveArticle", data).error().field == "data.article.audience");
}

TEST_CASE("agents write drafts and submit them; only the business publishes") {
  Kb kb;
  auto id = kb.write(content("How do I connect Slack?", "Integrations, then Slack."), ava_id);
  CHECK(visible_state(kb.g.state, ava_id).knowledge.articles.count(id) == 1); // its own draft
  CHECK(visible_state(kb.g.state, 5).knowledge.articles.count(id) == 0);      // not another agent's
  kb.run(SubmitArticle{id}, ava_id);
  CHECK(when_refused(kb.g.state, PublishArticle{id}, ava_id).code == pd::core::ErrorCode::forbidden);
  kb.run(PublishArticle{id}, staff_id);
  CHECK(kb.article(id).status == ArticleStatus::published);
}

TEST_CASE("deflection: customers who read an article and left, against those who submitted anyway") {
  Kb kb;
  auto id = kb.publish(content("How do I reset my password?", "Use the reset link."));
  CHECK(deflection_permille(kb.g.state.knowledge.deflection) == -1);
  kb.run(RecordDeflection{id, false}, jordan_id);
  kb.run(RecordDeflection{id, false}, jordan_id);
  kb.run(RecordDeflection{id, true}, jordan_id);
  CHECK(kb.g.state.knowledge.deflection == DeflectionCounts{2, 1});
  CHECK(deflection_permille(kb.g.state.knowledge.deflection) == 667);
  CHECK(when_refused(kb.g.state, RecordDeflection{id, false}, ava_id).code == pd::core::ErrorCode::forbidden);
}

TEST_CASE("a search that finds nothing is recorded once an hour for the hygiene list") {
  Kb kb;
  kb.publish(content("How do I reset my password?", "Use the reset link."));
  CHECK(kb.run(RecordSearchMiss{"reset password"}, jordan_id).empty()); // it found something
  CHECK(kb.run(RecordSearchMiss{"SSO with Okta"}, jordan_id).size() == 1);
  CHECK(kb.run(RecordSearchMiss{"sso  with okta!"}, jordan_id, t0 + 1000).empty()); // the same search within the hour
  CHECK(kb.run(RecordSearchMiss{"sso with okta"}, jordan_id, t0 + 2 * 3'600'000).size() == 1);
  REQUIRE(kb.g.state.knowledge.search_misses.size() == 2);
  CHECK(kb.g.state.knowledge.search_misses[0].query == "sso okta");
}

TEST_CASE("every new ticket is acknowledged at once with its reference, the reply time in the customer's time zone and articles") {
  Kb kb;
  auto id = kb.publish(content("How do I reset my password?", "Use the reset link on the sign-in page."));
  OpenTicket open{0, "Password reset link not arriving", "I asked for a password reset twice.", {}, {}, {}, {}};
  open.utc_offset_minutes = 60;
  const auto events = automatic_of(kb.run(open, jordan_id));
  REQUIRE(events.size() == 1);
  const auto& ack = events[0];
  CHECK(ack.automatic == "acknowledgement");
  CHECK(ack.author == 0);
  CHECK(ack.text.find("Your reference is #1.") != std::string::npos);
  CHECK(ack.text.find("(your time, UTC+01:00)") != std::string::npos);
  CHECK(ack.text.find("How do I reset my password? (article #" + std::to_string(id) + ")") != std::string::npos);
  const auto& t = kb.g.state.tickets.at(1);
  CHECK(t.status == TicketStatus::new_ticket); // an automatic message answers no one: still new
  CHECK(t.sla.first_responded_at == 0); // an acknowledgement is not a first response
  auto trail = audit_trail(kb.g.state, t, staff_id); // the business's audit trail; the customer reads the message itself
  CHECK(std::any_of(trail.begin(), trail.end(), [](const AuditEntry& a) { return a.kind == TicketChangeKind::auto_responded && a.who == "Automatic reply"; }));
}

TEST_CASE("an automatic answer only for an exact question match or an account status question, ending with the human line") {
  Kb kb;
  kb.publish(content("How do I reset my password?", "Use the reset link on the sign-in page."));
  const auto exact = automatic_of(kb.run(OpenTicket{0, "How do I reset my password", "Help please", {}, {}, {}, {}}, jordan_id));
  REQUIRE(exact.size() == 2);
  const auto& answer = exact[1];
  CHECK(answer.automatic == "article");
  CHECK(answer.text.find("Use the reset link") != std::string::npos);
  CHECK(answer.text.ends_with(desk_rules::human_will_help));
  CHECK(kb.g.state.tickets.at(1).status == TicketStatus::new_ticket); // stays open for a human: not resolved, still new

  const auto near = automatic_of(kb.run(OpenTicket{0, "Password reset and also my invoices", "Two things.", {}, {}, {}, {}}, jordan_id));
  CHECK(near.size() == 1); // only the acknowledgement: not near-certain

  kb.g.event(3, PaymentRecorded{Payment{1, "ch_1", 1, PaymentKind::payment, Money{49'00, "USD"}, t0 - 10 * day, 0, 0, 0, t0 - 10 * day}});
  const auto status = automatic_of(kb.run(OpenTicket{0, "Billing question", "When is my next bill? And what plan am I on?", {}, {}, {}, {}}, jordan_id));
  REQUIRE(status.size() == 2);
  const auto& account = status[1];
  CHECK(account.automatic == "account_status");
  CHECK(account.text.find("Your plan: Growth.") != std::string::npos);
  CHECK(account.text.find("Your next billing date: 2026-01-22.") != std::string::npos); // a month after the payment of 2025-12-22
  CHECK(account.text.ends_with(desk_rules::human_will_help));

  const auto rate = desk_rules::automation_rate(kb.g.state);
  CHECK(rate.tickets == 3);
  CHECK(rate.answered_automatically == 2);
  CHECK(rate.solved_automatically == 0);
}

TEST_CASE("the customer confirms the automatic answer solved the problem: resolved, and counted as solved automatically") {
  Kb kb;
  kb.publish(content("How do I reset my password?", "Use the reset link on the sign-in page."));
  kb.run(OpenTicket{0, "How do I reset my password", "Help please", {}, {}, {}, {}}, jordan_id);  // answered automatically
  kb.run(OpenTicket{0, "Invoices missing", "Two invoices are not in my account.", {}, {}, {}, {}}, jordan_id); // acknowledged only
  const auto& answered = kb.g.state.tickets.at(1);
  CHECK_FALSE(desk_rules::why_not_confirm(answered));
  // Nobody but the ticket's customer; no automatic answer, nothing to confirm.
  CHECK(when_refused(kb.g.state, ConfirmAutomaticAnswer{1}, ava_id).code == pd::core::ErrorCode::not_found);
  CHECK(when_refused(kb.g.state, ConfirmAutomaticAnswer{1}, staff_id).code == pd::core::ErrorCode::not_found);
  CHECK(when_refused(kb.g.state, ConfirmAutomaticAnswer{99}, jordan_id).field == "data.ticket_id");
  const auto none = when_refused(kb.g.state, ConfirmAutomaticAnswer{2}, jordan_id);
  CHECK(none.code == pd::core::ErrorCode::conflict);
  CHECK(none.field == "data.ticket_id");

  kb.run(ConfirmAutomaticAnswer{1}, jordan_id, t0 + 60'000);
  const auto& t = kb.g.state.tickets.at(1);
  CHECK(t.status == TicketStatus::resolved);
  CHECK(t.messages.back().automatic == "confirmed");
  CHECK(t.messages.back().text == desk_rules::confirmed_text);
  CHECK(when_refused(kb.g.state, ConfirmAutomaticAnswer{1}, jordan_id).code == pd::core::ErrorCode::conflict); // once
  CHECK(kb.g.state.tickets.at(2).status == TicketStatus::new_ticket); // the other stays open for a human

  const auto rate = desk_rules::automation_rate(kb.g.state);
  CHECK(rate.tickets == 2);
  CHECK(rate.answered_automatically == 1);
  CHECK(rate.solved_automatically == 1);
}

TEST_CASE("search over 10,000 articles keeps its index in step with edits") {
  Kb kb;
  KnowledgeState k;
  for (ArticleId id = 1; id <= 10'000; ++id) {
    Article a;
    a.id = id;
    a.status = ArticleStatus::published;
    a.content = content(("How do I configure widget " + std::to_string(id) + "?").c_str(), "Open the widget settings.");
    k.articles[id] = a;
    k.index.put(a);
  }
  CHECK(search_articles(k, "widget 4242", KnowledgeReader::customer, 0).front().id == 4242);
  CHECK(search_articles(k, "configure widget", KnowledgeReader::customer, 0).size() == 10);
  KnowledgeState rebuilt = k;
  rebuilt.reindex();
  CHECK(rebuilt.index == k.index);
}

} // namespace test_unit_shared_domain_desk_knowledge
