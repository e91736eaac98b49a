// A support program of a test case's own, on a server without the demo, so nothing but the
// case writes to it and its counts are exact: an owner; an agent certified through a
// one-question assessment (automatic final review); a customer assigned to that agent, signed in.
#pragma once

#include "api_client.hpp"
#include "mail_join.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace pd::testing {

struct OwnSupportProgram {
  SmtpSink sink; // invited people join through the mailed confirmation link
  ServerProcess server;
  std::unique_ptr<Session> owner, agent, customer;
  std::int64_t id = 0;
  std::int64_t customer_id = 0;

  // env: the server's extra environment (a ShiftableClock's).
  explicit OwnSupportProgram(std::vector<std::string> env = {}) : server(sink_relay_flags(sink), false, {}, std::move(env)) {
    Session anon(server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", "olga@support.test"}, {"name", "Olga Owner"}, {"password", "a-long-password"}})->status == 202);
    owner = std::make_unique<Session>(server, "olga@support.test", "a-long-password");
    auto created = owner->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Support Co"}, {"currency", "USD"}});
    REQUIRE(created->status == 201);
    id = nlohmann::json::parse(created->body)["program_id"].get<std::int64_t>();

    // The certification: every agent has access; one multiple-choice question, certified on a pass.
    ok(*owner, "ChangeCertificationSettings",
       {{"access", "automatic"},
        {"rules",
         {{"draw_count", 1}, {"time_limit_minutes", 30}, {"pass_percent", 50}, {"final_review", "automatic"}, {"retry_days", 3}, {"max_attempts", 3},
          {"validity_months", 12}}}});
    ok(*owner, "SaveQuestion", {{"question", {{"kind", "multiple_choice"}, {"prompt", "Who confirms a fix?"}, {"options", {"The customer", "The agent"}}, {"correct", {0}}}}});
    agent = join(anon, "ava@support.test", "agent", "Ava Martinez");
    auto started = ok(*agent, "StartAssessment", nlohmann::json::object());
    const auto question = started["events"][0]["data"]["attempt"]["paper"][0]["id"];
    ok(*agent, "SubmitAssessment", {{"attempt", 1}, {"answers", {{{"question_id", question}, {"choices", {0}}}}}});

    // The customer, assigned to the agent, with an account.
    auto added = ok(*owner, "AddCustomer",
                    {{"profile",
                      {{"name", "Li Wei"}, {"email", "li@harborline.test"}, {"segment", "Growth"}, {"subscription", "active"}, {"started_on", "2026-03-01"},
                       {"mrr", {{"minor", 4900}, {"currency", "USD"}}}}}});
    customer_id = added["events"][0]["data"]["customer_id"].get<std::int64_t>();
    ok(*owner, "AssignCustomer", {{"customer_id", customer_id}, {"agent_id", agent->person_id()}});
    customer = join(anon, "li@harborline.test", "customer", "Li Wei");
  }

  // A command that must be accepted; its answer.
  nlohmann::json ok(Session& who, const std::string& type, const nlohmann::json& data) {
    auto r = who.command(id, type, data);
    REQUIRE(r);
    INFO(type << ": " << r->body);
    REQUIRE(r->status == 200);
    return nlohmann::json::parse(r->body);
  }
  std::unique_ptr<Session> join(Session& /*anon*/, const std::string& email, const std::string& role, const std::string& name) {
    auto invited = ok(*owner, "InviteMember", {{"email", email}, {"role", role}});
    const auto token = invited["invitation_link"].get<std::string>().substr(10);
    join_through_mail(server, sink, token, email, name, "a-long-password");
    return std::make_unique<Session>(server, email, "a-long-password");
  }
  std::string path(const std::string& rest) const { return "/api/v1/programs/" + std::to_string(id) + rest; }
  nlohmann::json get(Session& who, const std::string& rest) { return nlohmann::json::parse(who.get(path(rest))->body); }
  // A text file uploaded whole by `who` (one piece); its content address (sha256).
  std::string upload(Session& who, const std::string& name, const std::string& bytes) {
    auto begun = who.post(path("/uploads"), {{"name", name}, {"content_type", "text/plain"}, {"size", bytes.size()}});
    REQUIRE(begun);
    REQUIRE(begun->status == 201);
    const auto base = path("/uploads/") + nlohmann::json::parse(begun->body)["upload_id"].get<std::string>();
    const httplib::Headers headers = {{"Cookie", who.cookie()}, {"X-Requested-With", "partnerdesk"}};
    httplib::Client raw("127.0.0.1", server.port());
    auto put = raw.Put(base + "?offset=0", headers, bytes, "application/octet-stream");
    REQUIRE(put);
    REQUIRE(put->status == 200);
    auto done = raw.Post(base + "/complete", headers, "", "application/json");
    REQUIRE(done);
    REQUIRE(done->status == 200);
    return nlohmann::json::parse(done->body)["sha256"].get<std::string>();
  }
  // The customer opens a ticket; its id.
  std::int64_t open_ticket(const std::string& subject) {
    auto r = ok(*customer, "OpenTicket", {{"subject", subject}, {"text", "It stopped working this morning."}, {"category", "how-to"}});
    return r["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  }
};

} // namespace pd::testing
