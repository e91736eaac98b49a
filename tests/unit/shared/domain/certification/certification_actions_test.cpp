// The certification desk offers a decision exactly when decide() accepts it
// (shared/domain/certification_actions): grade, approve, decline, an extra attempt, waiving the
// retry wait and revocation, for every person and every state of an agent's record.
#include "../program_fixture.hpp"

#include "shared/domain/certification/certification_actions.hpp"

#include <functional>

namespace test_unit_shared_domain_certification_certification_actions { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::identity::Role;
using S = CertificationStatus;
using D = CertificationDecision;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6, nia = 7;
constexpr PersonId everyone[] = {owner, admin, staff, ava, theo, jordan, nia};

Given with_nia() {
  auto g = acme();
  g.member(nia, Role::agent, "Nia");
  return g;
}

// Nia's attempt 1: one free answer (3 points) and one multiple-choice question.
Attempt paper_of_one() {
  Attempt a;
  a.number = 1;
  a.started_at = t0;
  a.deadline = t0 + 30 * minute_ms;
  a.paper = {PaperQuestion{11, QuestionKind::short_answer, "How do you greet?", "", {}, false, 3},
             PaperQuestion{12, QuestionKind::multiple_choice, "First?", "", {"Customer", "Manager"}, false, 1}};
  return a;
}
void start(Given& g) { g.event(nia, AttemptStarted{nia, paper_of_one()}).event(nia, CertificationStatusChanged{nia, S::in_progress, "", 0, 0}); }
void submit(Given& g) {
  g.event(nia, AttemptSubmitted{nia, 1, {AnswerGiven{11, {}, "By name."}, AnswerGiven{12, {0}, ""}}, false, {QuestionGrade{12, 1, "", true}}})
      .event(nia, CertificationStatusChanged{nia, S::submitted, "", 0, 0});
}
void grade(Given& g) { g.event(staff, AttemptGraded{nia, 1, {QuestionGrade{12, 1, "", true}, QuestionGrade{11, 3, "", false}}, 4, 4, true}); }
void status(Given& g, S st, TimeMs retry_after = 0) { g.event(staff, CertificationStatusChanged{nia, st, "", retry_after, 0}); }

Command command_for(D d, PersonId agent, int attempt) {
  switch (d) {
  case D::grade: return GradeAttempt{agent, attempt, {QuestionGrade{11, 2, "Warm.", false}}};
  case D::approve: return DecideCertification{agent, true, "Welcome."};
  case D::decline: return DecideCertification{agent, false, "Answers were thin."};
  case D::extra_attempt: return GrantCertificationException{agent, "extra_attempt", ""};
  case D::waive_retry: return GrantCertificationException{agent, "waive_retry", ""};
  case D::revoke: return RevokeCertification{agent, "Conduct."};
  }
  return RevokeCertification{agent, "Conduct."};
}

// For every person, every decision, every target (Nia, the customer, a staff member) and, for
// grade, every attempt number: offered exactly when decide() accepts, refused with the same error.
void require_agreement(const Given& g) {
  for (PersonId p : everyone)
    for (PersonId target : {nia, jordan, staff})
      for (D d : all_certification_decisions)
        for (int attempt : {1, 2}) {
          if (d != D::grade && attempt != 1) continue;
          CAPTURE(p);
          CAPTURE(target);
          CAPTURE(static_cast<int>(d));
          CAPTURE(attempt);
          const auto decided = decide(g.state, command_for(d, target, attempt), actor(p), t0 + day_ms);
          const auto why = why_not(g.state, p, target, d, attempt);
          CHECK(certification_decision_offered(g.state, p, target, d, attempt) == decided.ok());
          if (why && !decided.ok()) {
            CHECK(why->code == decided.error().code);
            CHECK(why->field == decided.error().field);
            CHECK(why->message == decided.error().message);
          }
        }
}

// Which decisions the owner is offered on Nia's record.
std::vector<D> offered_to_owner(const Given& g, int attempt = 1) {
  std::vector<D> out;
  for (D d : all_certification_decisions)
    if (certification_decision_offered(g.state, owner, nia, d, attempt)) out.push_back(d);
  return out;
}

} // namespace

TEST_CASE("the certification desk offers exactly what decide accepts, in every state of an agent's record") {
  const std::vector<std::pair<const char*, std::function<void(Given&)>>> states = {
      {"not started", [](Given&) {}},
      {"in progress, attempt running", [](Given& g) { start(g); }},
      {"submitted, waiting to be graded", [](Given& g) { start(g); submit(g); }},
      {"passed", [](Given& g) { start(g); submit(g); grade(g); status(g, S::passed); }},
      {"awaiting manual review", [](Given& g) { start(g); submit(g); grade(g); status(g, S::awaiting_manual_review); }},
      {"certified", [](Given& g) { status(g, S::certified); }},
      {"failed", [](Given& g) { status(g, S::failed, t0 + 3 * day_ms); }},
      {"failed, asking for a manual review",
       [](Given& g) { status(g, S::failed, t0 + 3 * day_ms); g.event(nia, CertificationExceptionRequested{nia, "Please review."}); }},
      {"failed, retry wait waived",
       [](Given& g) { status(g, S::failed, t0 + 3 * day_ms); g.event(staff, CertificationExceptionGranted{nia, "waive_retry", ""}); }},
      {"expired", [](Given& g) { status(g, S::certified); status(g, S::expired); }},
      {"revoked", [](Given& g) { status(g, S::certified); status(g, S::revoked); }},
      {"revoked, retry wait waived",
       [](Given& g) { status(g, S::revoked); g.event(staff, CertificationExceptionGranted{nia, "waive_retry", ""}); }},
  };
  for (const auto& [name_, make] : states) {
    const auto& name = name_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(name);
    auto g = with_nia();
    make(g);
    require_agreement(g);
  }
}

TEST_CASE("grade: offered for a submitted attempt not yet graded, not for a running, graded or unknown one") {
  auto g = with_nia();
  CHECK(why_not(g.state, owner, nia, D::grade, 1)->code == ErrorCode::not_found);
  start(g);
  CHECK(why_not(g.state, owner, nia, D::grade, 1)->message == "This attempt is still running.");
  submit(g);
  CHECK(certification_decision_offered(g.state, staff, nia, D::grade, 1)); // every business member grades
  CHECK(why_not(g.state, ava, nia, D::grade, 1)->code == ErrorCode::forbidden);
  CHECK(why_not(g.state, jordan, nia, D::grade, 1)->code == ErrorCode::forbidden);
  CHECK(why_not(g.state, owner, nia, D::grade, 2)->field == "data.attempt");
  for (auto& e : when_ok(g.state, GradeAttempt{nia, 1, {QuestionGrade{11, 3, "", false}}}, staff, t0 + hour_ms)) g.event(staff, e);
  CHECK(why_not(g.state, owner, nia, D::grade, 1)->message == "This attempt is already graded.");
}

TEST_CASE("approve and decline: both while the business reviews a pass; approve only when a failed agent asks for a manual review") {
  auto g = with_nia();
  start(g); submit(g); grade(g); status(g, S::awaiting_manual_review);
  CHECK(offered_to_owner(g) == std::vector<D>{D::approve, D::decline, D::revoke});
  CHECK(why_not(g.state, theo, nia, D::approve)->code == ErrorCode::forbidden);

  auto f = with_nia();
  status(f, S::failed, t0 + 3 * day_ms);
  CHECK(why_not(f.state, owner, nia, D::approve)->message == "The agent is Failed: there is nothing to approve.");
  f.event(nia, CertificationExceptionRequested{nia, "Please review my answers."});
  CHECK(certification_decision_offered(f.state, owner, nia, D::approve));
  CHECK(why_not(f.state, owner, nia, D::decline)->code == ErrorCode::conflict); // the desk used to agree only by accident
  CHECK(offered_to_owner(f) == std::vector<D>{D::approve, D::extra_attempt, D::waive_retry});
}

TEST_CASE("exceptions: an extra attempt and waiving the wait for failed, expired or revoked agents; a waived wait is not waived twice") {
  for (S st : {S::failed, S::expired, S::revoked}) {
    CAPTURE(label_of(st));
    auto g = with_nia();
    status(g, st);
    CHECK(certification_decision_offered(g.state, owner, nia, D::extra_attempt));
    CHECK(certification_decision_offered(g.state, admin, nia, D::waive_retry));
    g.event(staff, CertificationExceptionGranted{nia, "waive_retry", ""});
    const auto twice = why_not(g.state, owner, nia, D::waive_retry);
    REQUIRE(twice);
    CHECK(twice->field == "data.kind");
    CHECK(certification_decision_offered(g.state, owner, nia, D::extra_attempt)); // more attempts may still be granted
  }
  for (S st : {S::not_started, S::in_progress, S::submitted, S::passed, S::awaiting_manual_review, S::certified}) {
    CAPTURE(label_of(st));
    auto g = with_nia();
    status(g, st);
    CHECK(why_not(g.state, owner, nia, D::extra_attempt)->field == "data.person_id");
    CHECK(why_not(g.state, owner, nia, D::waive_retry)->code == ErrorCode::conflict);
  }
}

TEST_CASE("revoke: a certification held, expired or about to be confirmed; nothing to revoke otherwise; never on someone who is no agent") {
  for (S st : {S::certified, S::expired, S::passed, S::awaiting_manual_review}) {
    auto g = with_nia();
    status(g, st);
    CHECK(certification_decision_offered(g.state, staff, nia, D::revoke));
  }
  for (S st : {S::not_started, S::in_progress, S::submitted, S::failed, S::revoked}) {
    auto g = with_nia();
    status(g, st);
    CHECK(why_not(g.state, owner, nia, D::revoke)->message == std::string("The agent is ") + label_of(st) + ": there is no certification to revoke.");
  }
  auto g = with_nia();
  const auto customer = why_not(g.state, owner, jordan, D::revoke);
  REQUIRE(customer);
  CHECK(customer->code == ErrorCode::not_found);
  CHECK(customer->field == "data.person_id");
  // A business member who is no agent is refused before its (empty) record is looked at.
  CHECK(why_not(g.state, owner, staff, D::extra_attempt)->code == ErrorCode::not_found);
}

} // namespace test_unit_shared_domain_certification_certification_actions
