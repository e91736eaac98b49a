// The knowledge base through the API: bad input refused with the field named, who reads which
// article (a customer never an internal article or a draft, by any route), search and its
// recorded misses, the hygiene list, deflection and the automatic responses to a new ticket.
#include "own_support_program.hpp"

#include <doctest/doctest.h>

namespace test_server_knowledge_api { // one namespace per test file: unity batches share a unit

using namespace pd::testing;

namespace {

nlohmann::json article(const std::string& question, const std::string& audience = "public") {
  return {{"question", question},
          {"quick_answer", "Open Settings, then Security, and choose Reset password."},
          {"steps", {"Open Settings", "Choose Security", "Click Reset password"}},
          {"product_area", "Accounts"},
          {"difficulty", "beginner"},
          {"audience", audience}};
}

// Writes and (unless draft) publishes an article as the owner; its id.
std::int64_t write(OwnSupportProgram& p, const std::string& question, const std::string& audience = "public", bool publish = true) {
  auto saved = p.ok(*p.owner, "SaveArticle", {{"article", article(question, audience)}});
  const auto id = saved["events"][0]["data"]["article"]["id"].get<std::int64_t>();
  if (publish) p.ok(*p.owner, "PublishArticle", {{"article_id", id}});
  return id;
}

std::string refused_field(OwnSupportProgram& p, Session& who, const std::string& type, const nlohmann::json& data, int status = 400) {
  auto r = who.command(p.id, type, data);
  REQUIRE(r);
  INFO(r->body);
  CHECK(r->status == status);
  return json_of(r)["error"].value("field", "");
}

} // namespace

TEST_CASE("every field of an article is checked, and refused with its name") {
  OwnSupportProgram p;
  auto with = [&](const char* field, nlohmann::json value) {
    auto a = article("How do I reset my password?");
    a[field] = std::move(value);
    return nlohmann::json{{"article", a}};
  };
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("question", std::string(201, 'q'))) == "data.article.question");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("question", "")) == "data.article.question");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("quick_answer", std::string(1001, 'a'))) == "data.article.quick_answer");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("applies_to", std::string(201, 'a'))) == "data.article.applies_to");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("steps", nlohmann::json::array({std::string(501, 's')}))) == "data.article.steps[0]");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("steps", std::vector<std::string>(21, "step"))) == "data.article.steps");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("steps", "not a list")) == "data.article.steps");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("variations", nlohmann::json::array({{{"when", "On mobile"}}}))) ==
        "data.article.variations[0].what");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("related", nlohmann::json::array({0}))) == "data.article.related[0]");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("related", nlohmann::json::array({77})), 404) == "data.article.related[0]");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("still_stuck", std::string(501, 's'))) == "data.article.still_stuck");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("product_area", std::string(61, 'p'))) == "data.article.product_area");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("difficulty", "expert")) == "data.article.difficulty");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("audience", "everyone")) == "data.article.audience");
  CHECK(refused_field(p, *p.owner, "SaveArticle", with("colour", "red")) == "data.article.colour");
  CHECK(refused_field(p, *p.owner, "SaveArticle", {{"article", article("Q?")}, {"from_tickets", {999}}}, 404) == "data.from_tickets[0]");
  CHECK(refused_field(p, *p.owner, "PublishArticle", {{"article_id", "one"}}) == "data.article_id");
  CHECK(refused_field(p, *p.owner, "PublishArticle", {{"article_id", 5}}, 404) == "data.article_id");
  CHECK(refused_field(p, *p.owner, "ChangeKnowledgeSettings", {{"review_after_days", 1000}}) == "data.review_after_days");
  CHECK(refused_field(p, *p.customer, "RecordDeflection", {{"article_id", 1}}) == "data.submitted");
  // Query parameters of the reads.
  CHECK(json_of(p.customer->get(p.path("/knowledge/search?q=")))["error"]["field"] == "q");
  CHECK(json_of(p.customer->get(p.path("/knowledge/search?q=" + std::string(201, 'x'))))["error"]["field"] == "q");
  CHECK(json_of(p.customer->get(p.path("/knowledge/search?q=reset&limit=500")))["error"]["field"] == "limit");
  CHECK(json_of(p.owner->get(p.path("/knowledge/articles?status=lost")))["error"]["field"] == "status");
  CHECK(json_of(p.owner->get(p.path("/knowledge/draft?tickets=1,x")))["error"]["field"] == "tickets");
}

TEST_CASE("a customer never sees an internal article or a draft, through any route") {
  OwnSupportProgram p;
  const auto open = write(p, "How do I reset my password?");
  const auto internal = write(p, "How do I reset a customer's password for them?", "internal");
  const auto draft = write(p, "How do I reset two-factor authentication?", "public", false);

  auto ids = [](const nlohmann::json& list) {
    std::vector<std::int64_t> out;
    for (const auto& i : list["items"]) out.push_back(i["id"].get<std::int64_t>());
    return out;
  };
  CHECK(ids(p.get(*p.customer, "/knowledge/search?q=reset")) == std::vector<std::int64_t>{open});
  CHECK(ids(p.get(*p.customer, "/knowledge/articles")) == std::vector<std::int64_t>{open});
  CHECK(p.customer->get(p.path("/knowledge/articles/" + std::to_string(internal)))->status == 404);
  CHECK(p.customer->get(p.path("/knowledge/articles/" + std::to_string(draft)))->status == 404);
  CHECK(p.customer->get(p.path("/knowledge/articles/" + std::to_string(open)))->status == 200);
  // Nor in its snapshot, nor in its event feed.
  const auto snapshot = p.customer->get(p.path("/snapshot"));
  REQUIRE(snapshot->status == 200);
  CHECK(snapshot->body.find("for them?") == std::string::npos);
  CHECK(snapshot->body.find("two-factor") == std::string::npos);
  const auto events = p.customer->get(p.path("/events?after=0"));
  CHECK(events->body.find("for them?") == std::string::npos);
  CHECK(events->body.find("two-factor") == std::string::npos);
  // The agent reads public and internal published articles, not the business's drafts.
  CHECK(ids(p.get(*p.agent, "/knowledge/search?q=reset")).size() == 2);
  CHECK(p.agent->get(p.path("/knowledge/articles/" + std::to_string(draft)))->status == 404);
  // Archived: gone for the customer too.
  p.ok(*p.owner, "ArchiveArticle", {{"article_id", open}});
  CHECK(ids(p.get(*p.customer, "/knowledge/search?q=reset")).empty());
  // The business's lists are the business's.
  CHECK(p.customer->get(p.path("/knowledge/hygiene"))->status == 403);
  CHECK(p.agent->get(p.path("/knowledge/stats"))->status == 403);
}

TEST_CASE("a new ticket is acknowledged at once; an exact question is answered automatically and stays open") {
  OwnSupportProgram p;
  write(p, "How do I reset my password?");
  auto opened = p.ok(*p.customer, "OpenTicket", {{"subject", "How do I reset my password?"}, {"text", "I am locked out."}, {"utc_offset_minutes", -300}});
  // The automatic messages among the events (the routing rules may add their own).
  std::vector<nlohmann::json> automatic;
  for (const auto& e : opened["events"])
    if (e["type"] == "TicketReplied" && e["data"]["message"].value("automatic", "") != "") automatic.push_back(e["data"]["message"]);
  REQUIRE(automatic.size() == 2);
  CHECK(automatic[0]["automatic"] == "acknowledgement");
  CHECK(automatic[0]["author"] == 0);
  const auto ack = automatic[0]["text"].get<std::string>();
  CHECK(ack.find("Your reference is #") != std::string::npos);
  CHECK(ack.find("(your time, UTC-05:00)") != std::string::npos);
  CHECK(automatic[1]["automatic"] == "article");
  const auto answer = automatic[1]["text"].get<std::string>();
  CHECK(answer.find("If this doesn't solve your issue, reply and a human will help.") != std::string::npos);
  const auto ticket = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  const auto read = p.get(*p.customer, "/tickets/" + std::to_string(ticket));
  CHECK(read["status"] == "new"); // stays open for a human: not resolved
  int automatic_entries = 0;
  const auto staff_read = p.get(*p.owner, "/tickets/" + std::to_string(ticket));
  for (const auto& a : staff_read["audit"])
    if (a["kind"] == "auto_responded") ++automatic_entries;
  CHECK(automatic_entries == 2); // the acknowledgement and the answer, each in the audit trail
  const auto stats = p.get(*p.owner, "/knowledge/stats");
  CHECK(stats["automation"]["tickets"] == 1);
  CHECK(stats["automation"]["answered_automatically"] == 1);
  CHECK(stats["automation"]["solved_automatically"] == 0);
  CHECK(refused_field(p, *p.customer, "OpenTicket", {{"subject", "S"}, {"text", "T"}, {"utc_offset_minutes", 2000}}) == "data.utc_offset_minutes");
  // "This solved my problem": only the customer, once; the ticket is resolved and counted.
  CHECK(refused_field(p, *p.customer, "ConfirmAutomaticAnswer", nlohmann::json::object()) == "data.ticket_id");
  CHECK(refused_field(p, *p.agent, "ConfirmAutomaticAnswer", {{"ticket_id", ticket}}, 404) == "data.ticket_id");
  p.ok(*p.customer, "ConfirmAutomaticAnswer", {{"ticket_id", ticket}});
  CHECK(p.get(*p.customer, "/tickets/" + std::to_string(ticket))["status"] == "resolved");
  CHECK(refused_field(p, *p.customer, "ConfirmAutomaticAnswer", {{"ticket_id", ticket}}, 409) == "data.ticket_id"); // once
  CHECK(p.get(*p.owner, "/knowledge/stats")["automation"]["solved_automatically"] == 1);
}

TEST_CASE("searches with no result, repeated questions and deflection reach the business") {
  OwnSupportProgram p;
  const auto id = write(p, "How do I reset my password?");
  CHECK(p.get(*p.customer, "/knowledge/search?q=okta%20sso&record=true")["items"].empty());
  for (int i = 0; i < 3; ++i) p.open_ticket("Export to CSV times out");
  p.ok(*p.customer, "RecordDeflection", {{"article_id", id}, {"submitted", false}});
  const auto h = p.get(*p.owner, "/knowledge/hygiene");
  REQUIRE(h["missed_searches"].size() == 1);
  CHECK(h["missed_searches"][0]["query"] == "okta sso");
  REQUIRE(h["unanswered"].size() == 1);
  CHECK(h["unanswered"][0]["tickets"].size() == 3);
  const auto draft = p.get(*p.owner, "/knowledge/draft?tickets=" + h["unanswered"][0]["tickets"][0].dump());
  CHECK(draft["article"]["question"] == "Export to CSV times out?");
  const auto stats = p.get(*p.owner, "/knowledge/stats");
  CHECK(stats["deflection"]["read_and_left"] == 1);
  CHECK(stats["deflection"]["rate_permille"] == 1000);
}

} // namespace test_server_knowledge_api
