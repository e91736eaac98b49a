// The certification desk and the server agree: for an agent's record in each state, every
// decision (grade, approve, decline, an extra attempt, waiving the retry wait, revoke) that the
// shared rule (domain::why_not in certification_actions.hpp, which the desk asks before it offers
// the button) allows on the business's snapshot is accepted by the server, and every one it
// refuses is refused with the same error and leaves the program's version where it was. Each
// state is a program of its own (no demo, so nothing else moves the version), with one agent per
// decision, all brought to that state.
#include "api_client.hpp"
#include "mail_join.hpp"

#include "shared/domain/certification/certification_actions.hpp"
#include "shared/domain/visibility.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <vector>

namespace test_server_certification_decisions_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using namespace pd::domain;
using nlohmann::json;

namespace {

constexpr int decisions = static_cast<int>(std::size(all_certification_decisions));

// How far each agent is taken before the business decides.
enum class Stage { joined, attempt_running, submitted, awaiting_review, failed, failed_asking_review, certified, revoked };

const char* name_of(CertificationDecision d) {
  switch (d) {
  case CertificationDecision::grade: return "grade";
  case CertificationDecision::approve: return "approve";
  case CertificationDecision::decline: return "decline";
  case CertificationDecision::extra_attempt: return "extra_attempt";
  case CertificationDecision::waive_retry: return "waive_retry";
  case CertificationDecision::revoke: return "revoke";
  }
  return "";
}

// A program of its own: an owner; the assessment is one free answer (2 points) and one
// multiple-choice question, half the points to pass, the business approves; every agent has
// training access and no module is required. One agent per decision.
struct CertificationProgram {
  SmtpSink sink; // agents join through the mailed confirmation link
  ServerProcess server{sink_relay_flags(sink), false};
  std::unique_ptr<Session> owner;
  std::vector<std::unique_ptr<Session>> agents;
  std::int64_t id = 0;
  std::int64_t free_question = 0;
  std::int64_t choice_question = 0;

  CertificationProgram() {
    Session anon(server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", "owner@certify.test"}, {"name", "Olga Owner"}, {"password", "a-long-password"}})->status == 202);
    owner = std::make_unique<Session>(server, "owner@certify.test", "a-long-password");
    auto created = owner->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Certify Co"}, {"currency", "USD"}});
    REQUIRE(created->status == 201);
    id = json_of(created)["program_id"].get<std::int64_t>();
    REQUIRE(ok("ChangeCertificationSettings",
               {{"access", "automatic"},
                {"rules",
                 {{"draw_count", 2}, {"time_limit_minutes", 30}, {"pass_percent", 50}, {"final_review", "manual"}, {"retry_days", 3}, {"max_attempts", 3},
                  {"validity_months", 12}}}}));
    free_question = saved_question({{"kind", "short_answer"}, {"prompt", "How do you greet a customer?"}, {"rubric", "By name"}, {"points", 2}});
    choice_question = saved_question({{"kind", "multiple_choice"}, {"prompt", "Who confirms a fix?"}, {"options", {"The customer", "The agent"}}, {"correct", {0}}});
    for (int i = 0; i < decisions; ++i) {
      const auto email = "agent" + std::to_string(i) + "@certify.test";
      auto invited = owner->command(id, "InviteMember", {{"email", email}, {"role", "agent"}});
      REQUIRE(invited->status == 200);
      const auto token = json_of(invited)["invitation_link"].get<std::string>().substr(10);
      join_through_mail(server, sink, token, email, "Agent " + std::to_string(i), "a-long-password");
      agents.push_back(std::make_unique<Session>(server, email, "a-long-password"));
    }
  }
  bool ok(const std::string& type, const json& data, Session* who = nullptr) {
    auto r = (who ? who : owner.get())->command(id, type, data);
    INFO(type << ": " << (r ? r->body : std::string("no response")));
    CHECK(r->status == 200);
    return r->status == 200;
  }
  std::int64_t saved_question(const json& question) {
    auto r = owner->command(id, "SaveQuestion", {{"question", question}});
    REQUIRE(r->status == 200);
    return json_of(r)["events"][0]["data"]["question"]["id"].get<std::int64_t>();
  }
  json snapshot() { return json_of(owner->get("/api/v1/programs/" + std::to_string(id) + "/snapshot")); }
  ProgramState state() {
    auto s = state_from_json(snapshot());
    REQUIRE(s.ok());
    return *s;
  }

  // Takes `agent` to `stage`; the attempt's free answer is graded `score` of 2 when it is graded.
  void bring(Session& agent, Stage stage) {
    if (stage == Stage::joined) return;
    auto started = agent.command(id, "StartAssessment", json::object());
    REQUIRE(started->status == 200);
    if (stage == Stage::attempt_running) return;
    const json answers = {{{"question_id", free_question}, {"text", "By name, and I restate the problem."}}, {{"question_id", choice_question}, {"choices", {1}}}};
    REQUIRE(ok("SubmitAssessment", {{"attempt", 1}, {"answers", answers}}, &agent)); // the wrong option: the free answer decides
    if (stage == Stage::submitted) return;
    const bool pass = stage == Stage::awaiting_review || stage == Stage::certified || stage == Stage::revoked;
    REQUIRE(ok("GradeAttempt", {{"person_id", agent.person_id()}, {"attempt", 1}, {"grades", {{{"question_id", free_question}, {"score", pass ? 2 : 0}}}}}));
    if (stage == Stage::failed) return;
    if (stage == Stage::failed_asking_review) {
      REQUIRE(ok("RequestCertificationException", {{"message", "Please review my free answer."}}, &agent));
      return;
    }
    if (stage == Stage::awaiting_review) return;
    REQUIRE(ok("DecideCertification", {{"person_id", agent.person_id()}, {"approve", true}, {"note", "Welcome."}}));
    if (stage == Stage::revoked) REQUIRE(ok("RevokeCertification", {{"person_id", agent.person_id()}, {"reason", "Conduct."}}));
  }
};

std::pair<std::string, json> command_for(CertificationDecision d, std::int64_t agent, std::int64_t free_question) {
  switch (d) {
  case CertificationDecision::grade:
    return {"GradeAttempt", {{"person_id", agent}, {"attempt", 1}, {"grades", {{{"question_id", free_question}, {"score", 1}}}}}};
  case CertificationDecision::approve: return {"DecideCertification", {{"person_id", agent}, {"approve", true}, {"note", "Welcome."}}};
  case CertificationDecision::decline: return {"DecideCertification", {{"person_id", agent}, {"approve", false}, {"note", "Answers were thin."}}};
  case CertificationDecision::extra_attempt: return {"GrantCertificationException", {{"person_id", agent}, {"kind", "extra_attempt"}, {"note", ""}}};
  case CertificationDecision::waive_retry: return {"GrantCertificationException", {{"person_id", agent}, {"kind", "waive_retry"}, {"note", ""}}};
  case CertificationDecision::revoke: return {"RevokeCertification", {{"person_id", agent}, {"reason", "Conduct."}}};
  }
  return {};
}

// Brings one agent per decision to `stage`, then sends each agent's decision, by the agent
// itself first (never allowed) and then by the owner: accepted exactly when the rule allows it.
// Returns the decisions the owner was offered.
std::vector<CertificationDecision> require_agreement(Stage stage) {
  CertificationProgram p;
  for (auto& a : p.agents) p.bring(*a, stage);
  std::vector<CertificationDecision> offered;
  for (int i = 0; i < decisions; ++i) {
    const auto d = all_certification_decisions[i];
    auto& agent = *p.agents[static_cast<std::size_t>(i)];
    CAPTURE(name_of(d));
    const auto [type, data] = command_for(d, agent.person_id(), p.free_question);
    for (Session* who : {&agent, p.owner.get()}) {
      CAPTURE(who == &agent ? "the agent" : "the owner");
      const auto before = p.state();
      const auto why = why_not(before, who->person_id(), agent.person_id(), d, 1);
      auto r = who->command(p.id, type, data);
      INFO(r->body);
      if (!why) {
        CHECK(r->status == 200);
        offered.push_back(d);
        continue;
      }
      CHECK(r->status != 200);
      const auto error = json_of(r)["error"];
      CHECK(error["code"] == pd::core::to_string(why->code));
      CHECK(error["message"] == why->message);
      CHECK(error.value("field", std::string()) == why->field);
      CHECK(p.state().version == before.version); // nothing was written
    }
  }
  return offered;
}

using D = CertificationDecision;

} // namespace

TEST_CASE("certification decisions: the server accepts exactly what the desk offers for an agent who has only joined") {
  CHECK(require_agreement(Stage::joined).empty());
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers while an attempt runs") {
  CHECK(require_agreement(Stage::attempt_running).empty());
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers for a submitted attempt") {
  CHECK(require_agreement(Stage::submitted) == std::vector<D>{D::grade});
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers for a pass awaiting review") {
  CHECK(require_agreement(Stage::awaiting_review) == std::vector<D>{D::approve, D::decline, D::revoke});
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers after a failed attempt") {
  CHECK(require_agreement(Stage::failed) == std::vector<D>{D::extra_attempt, D::waive_retry});
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers when a failed agent asks for a manual review") {
  CHECK(require_agreement(Stage::failed_asking_review) == std::vector<D>{D::approve, D::extra_attempt, D::waive_retry});
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers for a certified agent") {
  CHECK(require_agreement(Stage::certified) == std::vector<D>{D::revoke});
}

TEST_CASE("certification decisions: the server accepts exactly what the desk offers for a revoked agent") {
  CHECK(require_agreement(Stage::revoked) == std::vector<D>{D::extra_attempt, D::waive_retry});
}

} // namespace test_server_certification_decisions_api
