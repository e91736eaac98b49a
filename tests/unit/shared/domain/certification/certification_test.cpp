// The support certification's rules, with explicit timestamps: training modules in their five
// formats, the assessment (draw, deadline, grading, final review), failures and exceptions, the
// scheduler's auto-submission and expiry, revocation, who may be assigned customers, what an
// agent may see, and the commands' and events' JSON.
#include "../program_fixture.hpp"
#include "shared/core/dates.hpp"

#include "shared/domain/certification/decide_certification.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <set>

namespace test_unit_shared_domain_certification_certification { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::identity::Role;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6, nia = 7;
const std::string sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";


// The scheduler's tick (RunTimers runs the certification's timers too).
// The scheduler's pass: what it records now (the weekly reports it writes are applied, not returned).
std::vector<EventBody> timers(Given& g, TimeMs now) {
  auto events = when_ok(g.state, RunTimers{}, support_rules::system_actor, now);
  for (auto& e : events) g.event(support_rules::system_actor, e, now);
  std::erase_if(events, [](const EventBody& e) { return std::holds_alternative<WeeklyReportWritten>(e); });
  return events;
}

template <class T>
const T* first(const std::vector<EventBody>& events) {
  for (const auto& e : events)
    if (auto p = std::get_if<T>(&e)) return p;
  return nullptr;
}
template <class T>
int count_of(const std::vector<EventBody>& events) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [](const EventBody& e) { return std::holds_alternative<T>(e); }));
}
// The statuses the events move the agent through, in order.
std::vector<CertificationStatus> statuses(const std::vector<EventBody>& events) {
  std::vector<CertificationStatus> out;
  for (const auto& e : events)
    if (auto s = std::get_if<CertificationStatusChanged>(&e)) out.push_back(s->status);
  return out;
}

using S = CertificationStatus;

// ---- What the business writes ----------------------------------------------------------

AssessmentRules rules(FinalReview review = FinalReview::automatic) {
  AssessmentRules r;
  r.draw_count = 4;
  r.time_limit_minutes = 30;
  r.pass_percent = 70;
  r.final_review = review;
  r.retry_days = 3;
  r.max_attempts = 2;
  r.validity_months = 12;
  return r;
}

TrainingModule text_lesson() {
  TrainingModule m;
  m.kind = ModuleKind::text;
  m.title = "Handling a first ticket";
  m.sections = {{"Greeting", "Greet the customer by name and restate the problem.", {{"Whom do you greet first?", {"The manager", "The customer"}}}},
                {"Closing",
                 "Summarise what was done before closing.",
                 {{"What comes before closing?", {"A summary", "Nothing", "An escalation"}}, {"Who confirms the fix?", {"The agent", "The customer"}}}}};
  return m;
}
QuizKey text_key() { return {{1}, {0, 1}}; }

TrainingModule demo_script() {
  TrainingModule m;
  m.kind = ModuleKind::demo_script;
  m.title = "Demo call";
  m.script = "Open the dashboard, then show the export.";
  m.practice_sessions = 2;
  return m;
}

TrainingModule faq_module() {
  TrainingModule m;
  m.kind = ModuleKind::faq;
  m.title = "Billing FAQ";
  m.faq = {{"How do I change the invoice address?", "Settings > Billing."},
           {"Can I pay yearly?", "Yes, with two months free."},
           {"Where are old invoices?", "Billing > History."}};
  return m;
}

TrainingModule pdf_guide() {
  TrainingModule m;
  m.kind = ModuleKind::pdf;
  m.title = "Product guide";
  m.file = Attachment{"guide.pdf", "application/pdf", 20'480, sha};
  return m;
}

TrainingModule video_lesson() {
  TrainingModule m;
  m.kind = ModuleKind::video;
  m.title = "Product tour";
  m.file = Attachment{"tour.mp4", "video/mp4", 9'000'000, sha};
  m.duration_seconds = 120;
  return m;
}

Question choice(std::string prompt, std::vector<std::string> options, std::vector<int> correct, int points = 1) {
  Question q;
  q.kind = QuestionKind::multiple_choice;
  q.prompt = std::move(prompt);
  q.options = std::move(options);
  q.correct = std::move(correct);
  q.points = points;
  return q;
}
Question mc_one() { return choice("Which plan includes SSO?", {"Starter", "Growth", "Enterprise"}, {2}); }
Question mc_several() { return choice("Which are P0 incidents?", {"Dashboard down", "A typo", "Data loss", "A feature idea"}, {0, 2}); }
Question short_answer() {
  Question q;
  q.kind = QuestionKind::short_answer;
  q.prompt = "How does a customer export a report?";
  q.rubric = "Reports > Export, as CSV.";
  return q;
}
Question scenario() {
  Question q;
  q.kind = QuestionKind::scenario;
  q.prompt = "What do you reply?";
  q.situation = "A customer was charged twice this month and is angry.";
  q.rubric = "Apologises, confirms the double charge, refunds or escalates to billing the same day.";
  q.points = 2;
  return q;
}
std::vector<Question> choice_bank() {
  return {mc_one(), mc_several(), choice("Where are invoices?", {"Billing", "Reports"}, {0}), choice("First response on Standard?", {"1 h", "12 h", "48 h"}, {1})};
}

// Acme with a fresh agent Nia (7), Not Started, referring customer 4; the owner's settings,
// modules and question bank.
Given program(AssessmentRules r, const std::vector<SaveTrainingModule>& modules, const std::vector<Question>& bank,
              AccessMode access = AccessMode::request) {
  auto g = acme();
  g.member(nia, Role::agent, "Nia");
  g.event(staff, CustomerAdded{4, profile("Kai Berg", "kai@fjord.test", nia)});
  run(g, ChangeCertificationSettings{access, r}, owner, t0);
  for (const auto& m : modules) run(g, m, owner, t0);
  for (const auto& q : bank) run(g, SaveQuestion{q}, owner, t0);
  return g;
}

RecordTrainingProgress step(ModuleId m, const char* what) {
  RecordTrainingProgress c;
  c.module_id = m;
  c.step = what;
  return c;
}
RecordTrainingProgress quiz(ModuleId m, int section, std::vector<int> answers) {
  auto c = step(m, "answer_quiz");
  c.section = section;
  c.answers = std::move(answers);
  return c;
}
RecordTrainingProgress review(ModuleId m, int item) {
  auto c = step(m, "review");
  c.item = item;
  return c;
}
RecordTrainingProgress watch(ModuleId m, std::int64_t position) {
  auto c = step(m, "watch");
  c.position_seconds = position;
  return c;
}

Attempt running(int number, TimeMs started, std::vector<PaperQuestion> paper = {}, std::vector<AnswerGiven> answers = {}) {
  Attempt a;
  a.number = number;
  a.started_at = started;
  a.deadline = started + 30 * minute_ms;
  a.paper = std::move(paper);
  a.answers = std::move(answers);
  return a;
}

// Requests access when needed, then works through every module the proper way, at `at`.
void train(Given& g, PersonId who, TimeMs at) {
  const auto& c = g.state.certification;
  if (!has_training_access(c, who)) run(g, RequestSupportAccess{}, who, at);
  const auto modules = c.modules;
  for (const auto& m : modules) {
    switch (m.kind) {
    case ModuleKind::faq:
      for (std::size_t i = 0; i < m.faq.size(); ++i) run(g, review(m.id, static_cast<int>(i)), who, at);
      break;
    case ModuleKind::demo_script:
      for (int i = 0; i < m.practice_sessions; ++i) run(g, step(m.id, "practice"), who, at);
      break;
    case ModuleKind::pdf:
      run(g, step(m.id, "open"), who, at);
      run(g, step(m.id, "acknowledge"), who, at);
      break;
    case ModuleKind::text: {
      const auto key = g.state.certification.quiz_keys.at(m.id);
      for (std::size_t i = 0; i < key.size(); ++i) run(g, quiz(m.id, static_cast<int>(i), key[i]), who, at);
      break;
    }
    case ModuleKind::video:
      for (std::int64_t s = 0, t = 0; s < m.duration_seconds; s += 20, t += 20'000) run(g, watch(m.id, s + 20), who, at + t);
      break;
    }
  }
  REQUIRE(required_modules_complete(g.state.certification, who));
}

// Answers for every question of the paper: right or wrong (multiple choice), in words (free).
std::vector<AnswerGiven> answers_for(const ProgramState& s, const Attempt& attempt, bool right) {
  std::vector<AnswerGiven> out;
  for (const auto& p : attempt.paper) {
    const auto* q = s.certification.question(p.id);
    REQUIRE(q != nullptr);
    if (p.kind != QuestionKind::multiple_choice) {
      out.push_back({p.id, {}, right ? "Reports > Export, then choose CSV." : "No idea."});
    } else if (right) {
      out.push_back({p.id, q->correct, {}});
    } else {
      int wrong = 0;
      while (std::find(q->correct.begin(), q->correct.end(), wrong) != q->correct.end()) ++wrong;
      out.push_back({p.id, {wrong}, {}});
    }
  }
  return out;
}

const AgentCertification& record(const Given& g, PersonId p) {
  REQUIRE(g.state.certification.agent(p) != nullptr);
  return *g.state.certification.agent(p);
}

// Starts an attempt at `at` and submits it with right or wrong answers at `at` + 10 minutes.
std::vector<EventBody> take_assessment(Given& g, PersonId who, TimeMs at, bool right) {
  run(g, StartAssessment{}, who, at);
  const auto attempt = *record(g, who).running_attempt();
  return run(g, SubmitAssessment{attempt.number, answers_for(g.state, attempt, right)}, who, at + 10 * minute_ms);
}

} // namespace

// ---- The journey -----------------------------------------------------------------------

TEST_CASE("the certification journey: settings, modules and bank; training; an attempt graded by hand; approval") {
  // Given: the owner's rules (manual final review), four modules and a bank of the three question kinds.
  auto g = acme();
  g.member(nia, Role::agent, "Nia");
  auto settings = run(g, ChangeCertificationSettings{AccessMode::request, rules(FinalReview::manual)}, owner, t0);
  REQUIRE(first<CertificationSettingsChanged>(settings) != nullptr);
  CHECK(g.state.certification.rules == rules(FinalReview::manual));

  auto text = run(g, SaveTrainingModule{text_lesson(), text_key()}, owner, t0);
  REQUIRE(first<TrainingModuleSaved>(text) != nullptr);
  const ModuleId lesson = first<TrainingModuleSaved>(text)->module.id;
  REQUIRE(first<QuizKeySaved>(text) != nullptr);
  CHECK(first<QuizKeySaved>(text)->key == text_key());
  const ModuleId demo = first<TrainingModuleSaved>(run(g, SaveTrainingModule{demo_script(), {}}, owner, t0))->module.id;
  const ModuleId faq = first<TrainingModuleSaved>(run(g, SaveTrainingModule{faq_module(), {}}, admin, t0))->module.id;
  const ModuleId pdf = first<TrainingModuleSaved>(run(g, SaveTrainingModule{pdf_guide(), {}}, owner, t0))->module.id;
  CHECK(std::set<ModuleId>{lesson, demo, faq, pdf}.size() == 4);
  CHECK(g.state.certification.modules.size() == 4);
  CHECK(when_refused(g.state, SaveTrainingModule{faq_module(), {}}, staff).code == ErrorCode::forbidden);

  for (const auto& q : {mc_one(), mc_several(), short_answer(), scenario()}) run(g, SaveQuestion{q}, owner, t0);
  REQUIRE(g.state.certification.bank.size() == 4);
  CHECK(g.state.certification.bank[1].correct == std::vector<int>{0, 2}); // several right answers
  CHECK(g.state.certification.bank[3].situation == scenario().situation);

  // The agent starts Not Started, without access.
  const TimeMs t1 = t0 + day_ms;
  CHECK(certification_status(g.state.certification, nia) == S::not_started);
  CHECK(when_refused(g.state, review(faq, 0), nia, t1).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, StartAssessment{}, nia, t1).message == "Request support access first: it unlocks the training and the assessment.");

  // When: Nia requests support access (request mode). Still Not Started.
  auto access = run(g, RequestSupportAccess{}, nia, t1);
  CHECK(first<SupportAccessRequested>(access)->person_id == nia);
  CHECK(record(g, nia).access_requested_at == t1);
  CHECK(record(g, nia).status == S::not_started);
  CHECK(g.state.inboxes.at(owner).items.back().kind == "certification");
  CHECK(when_refused(g.state, RequestSupportAccess{}, nia, t1).code == ErrorCode::conflict);

  // Text lesson: a later section before an earlier is refused; a wrong answer does not pass.
  CHECK(when_refused(g.state, quiz(lesson, 1, {0, 1}), nia, t1).field == "data.section");
  auto wrong = run(g, quiz(lesson, 0, {0}), nia, t1 + minute_ms);
  REQUIRE(first<TrainingProgressed>(wrong) != nullptr);
  CHECK(first<TrainingProgressed>(wrong)->quiz_correct == 0);
  CHECK(first<TrainingProgressed>(wrong)->quiz_total == 1);
  CHECK(record(g, nia).modules.at(lesson).sections_passed == 0);
  // The first progress moves Not Started to In Progress.
  CHECK(statuses(wrong) == std::vector<S>{S::in_progress});
  CHECK(record(g, nia).status == S::in_progress);
  CHECK(record(g, nia).status_since == t1 + minute_ms);
  auto right = run(g, quiz(lesson, 0, {1}), nia, t1 + 2 * minute_ms);
  CHECK(first<TrainingProgressed>(right)->quiz_correct == 1);
  CHECK(statuses(right).empty());
  CHECK(record(g, nia).modules.at(lesson).sections_passed == 1);
  CHECK_FALSE(record(g, nia).modules.at(lesson).completed);
  CHECK(when_refused(g.state, quiz(lesson, 0, {1}), nia, t1).code == ErrorCode::conflict); // passed already
  CHECK(when_refused(g.state, quiz(lesson, 1, {0}), nia, t1).field == "data.answers");    // every question of the quiz
  run(g, quiz(lesson, 1, {0, 1}), nia, t1 + 3 * minute_ms);
  CHECK(record(g, nia).modules.at(lesson).completed);
  CHECK(record(g, nia).modules.at(lesson).completed_at == t1 + 3 * minute_ms);
  CHECK(record(g, nia).modules.at(lesson).quiz_tries == 3);

  // The assessment stays closed until every required module is complete.
  CHECK(when_refused(g.state, StartAssessment{}, nia, t1 + hour_ms).message == "Complete every required training module first.");

  // Demo script: complete after its practice sessions.
  CHECK(when_refused(g.state, step(demo, "open"), nia, t1).field == "data.step");
  run(g, step(demo, "practice"), nia, t1 + 4 * minute_ms);
  CHECK_FALSE(record(g, nia).modules.at(demo).completed);
  run(g, step(demo, "practice"), nia, t1 + 5 * minute_ms);
  CHECK(record(g, nia).modules.at(demo).completed);

  // FAQ: every item worked through; reviewing one twice changes nothing.
  run(g, review(faq, 0), nia, t1 + 6 * minute_ms);
  CHECK(when_ok(g.state, review(faq, 0), nia, t1 + 6 * minute_ms).empty());
  run(g, review(faq, 2), nia, t1 + 6 * minute_ms);
  CHECK_FALSE(record(g, nia).modules.at(faq).completed);
  CHECK(when_refused(g.state, review(faq, 3), nia, t1).field == "data.item");
  run(g, review(faq, 1), nia, t1 + 7 * minute_ms);
  CHECK(record(g, nia).modules.at(faq).completed);

  // PDF: acknowledging before opening is refused; open, then acknowledge.
  CHECK(when_refused(g.state, step(pdf, "acknowledge"), nia, t1).code == ErrorCode::conflict);
  run(g, step(pdf, "open"), nia, t1 + 8 * minute_ms);
  CHECK_FALSE(record(g, nia).modules.at(pdf).completed);
  run(g, step(pdf, "acknowledge"), nia, t1 + 9 * minute_ms);
  CHECK(record(g, nia).modules.at(pdf).completed);
  CHECK(required_modules_complete(g.state.certification, nia));
  CHECK(record(g, nia).status == S::in_progress);

  // StartAssessment: a paper of draw_count questions, none twice, no answers on it.
  const TimeMs ts = t1 + hour_ms;
  auto started = run(g, StartAssessment{}, nia, ts);
  REQUIRE(first<AttemptStarted>(started) != nullptr);
  const auto& attempt = first<AttemptStarted>(started)->attempt;
  CHECK(attempt.number == 1);
  CHECK(attempt.started_at == ts);
  CHECK(attempt.deadline == ts + 30 * minute_ms);
  CHECK(attempt.paper.size() == 4);
  std::set<QuestionId> ids;
  for (const auto& p : attempt.paper) ids.insert(p.id);
  CHECK(ids.size() == attempt.paper.size());
  CHECK(statuses(started).empty()); // already In Progress
  // Resume: the running attempt in the state is the same paper.
  REQUIRE(record(g, nia).running_attempt() != nullptr);
  CHECK(record(g, nia).running_attempt()->paper == attempt.paper);
  CHECK(visible_state(g.state, nia).certification.agent(nia)->running_attempt()->paper == attempt.paper);
  CHECK(when_refused(g.state, StartAssessment{}, nia, ts + minute_ms).message == "An attempt is already running: carry on with it.");
  for (const auto& p : attempt.paper)
    if (p.kind == QuestionKind::multiple_choice) CHECK(p.several == (p.id == g.state.certification.bank[1].id));

  // SaveAnswers: kept for a reload; refused after the deadline.
  const auto answers = answers_for(g.state, attempt, true);
  const std::vector<AnswerGiven> some(answers.begin(), answers.begin() + 2);
  run(g, SaveAnswers{1, some}, nia, ts + 5 * minute_ms);
  CHECK(record(g, nia).running_attempt()->answers == some);
  auto late = when_refused(g.state, SaveAnswers{1, answers}, nia, ts + 30 * minute_ms + 1);
  CHECK(late.code == ErrorCode::conflict);
  CHECK(late.field == "data.attempt");
  CHECK(when_refused(g.state, SaveAnswers{2, answers}, nia, ts + 6 * minute_ms).code == ErrorCode::not_found);

  // SubmitAssessment: free answers on the paper, so the attempt waits for the business.
  auto submitted = run(g, SubmitAssessment{1, answers}, nia, ts + 20 * minute_ms);
  REQUIRE(first<AttemptSubmitted>(submitted) != nullptr);
  CHECK_FALSE(first<AttemptSubmitted>(submitted)->auto_submitted);
  CHECK(first<AttemptSubmitted>(submitted)->grades.size() == 2); // the two multiple-choice ones
  CHECK(count_of<AttemptGraded>(submitted) == 0);
  CHECK(statuses(submitted) == std::vector<S>{S::submitted});
  CHECK(record(g, nia).status == S::submitted);
  CHECK(record(g, nia).attempts.back().submitted_at == ts + 20 * minute_ms);
  CHECK(when_refused(g.state, StartAssessment{}, nia, ts + day_ms).message == "Your last attempt is waiting to be graded.");

  // GradeAttempt: every free answer, none above its points.
  const QuestionId short_id = g.state.certification.bank[2].id, scenario_id = g.state.certification.bank[3].id;
  auto too_high = when_refused(g.state, GradeAttempt{nia, 1, {{short_id, 1, "", false}, {scenario_id, 3, "", false}}}, staff, ts + hour_ms);
  CHECK(too_high.field == "data.grades[1].score");
  auto missing = when_refused(g.state, GradeAttempt{nia, 1, {{short_id, 1, "Good", false}}}, staff, ts + hour_ms);
  CHECK(missing.field == "data.grades");
  CHECK(when_refused(g.state, GradeAttempt{nia, 1, {{g.state.certification.bank[0].id, 1, "", false}, {short_id, 1, "", false}, {scenario_id, 1, "", false}}},
                     staff, ts + hour_ms)
            .field == "data.grades[0].question_id"); // multiple choice is scored by the rules
  CHECK(when_refused(g.state, GradeAttempt{nia, 1, {{short_id, 1, "", false}, {scenario_id, 1, "", false}}}, nia, ts + hour_ms).code ==
        ErrorCode::forbidden);
  // 1 + 1 (choices) + 1 (short) + 1 of 2 (scenario) = 4 of 5 = 80%: passed; the business reviews.
  const TimeMs tg = ts + 2 * hour_ms;
  auto graded = run(g, GradeAttempt{nia, 1, {{short_id, 1, "Right menu.", false}, {scenario_id, 1, "No refund offered.", false}}}, staff, tg);
  REQUIRE(first<AttemptGraded>(graded) != nullptr);
  CHECK(first<AttemptGraded>(graded)->score == 4);
  CHECK(first<AttemptGraded>(graded)->max_score == 5);
  CHECK(first<AttemptGraded>(graded)->passed);
  CHECK(statuses(graded) == std::vector<S>{S::passed, S::awaiting_manual_review});
  CHECK(record(g, nia).status == S::awaiting_manual_review);
  CHECK(record(g, nia).attempts.back().graded_by == staff);
  CHECK(record(g, nia).attempts.back().grades.size() == 4);
  CHECK(when_refused(g.state, GradeAttempt{nia, 1, {{short_id, 1, "", false}, {scenario_id, 1, "", false}}}, staff, tg).code == ErrorCode::conflict);

  // Not yet certified: no customers.
  CHECK(when_refused(g.state, AssignCustomer{3, nia}, staff, tg).field == "data.agent_id");

  // DecideCertification: declining needs a note; approval certifies with the expiry date.
  CHECK(when_refused(g.state, DecideCertification{nia, false, ""}, owner, tg).field == "data.note");
  const TimeMs td = tg + day_ms;
  auto approved = run(g, DecideCertification{nia, true, ""}, owner, td);
  REQUIRE(first<CertificationStatusChanged>(approved) != nullptr);
  CHECK(first<CertificationStatusChanged>(approved)->status == S::certified);
  CHECK(first<CertificationStatusChanged>(approved)->expires_at == add_months(td, 12));
  CHECK(record(g, nia).status == S::certified);
  CHECK(record(g, nia).certified_at == td);
  CHECK(record(g, nia).expires_at == add_months(td, 12));
  CHECK(record(g, nia).history.back().by == owner);
  CHECK(g.state.inboxes.at(nia).items.back().kind == "certification");
  CHECK(is_certified(g.state.certification, nia));
  CHECK(std::get<CustomerAssigned>(when_ok(g.state, AssignCustomer{3, nia}, staff, td).at(0)).agent_id == nia);
  CHECK(when_refused(g.state, DecideCertification{nia, true, ""}, owner, td).code == ErrorCode::conflict);
}

TEST_CASE("declining after a passing score fails the agent with a retry date") {
  auto g = program(rules(FinalReview::manual), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0 + hour_ms);
  auto submitted = take_assessment(g, nia, t0 + 2 * hour_ms, true);
  CHECK(statuses(submitted) == std::vector<S>{S::submitted, S::passed, S::awaiting_manual_review});
  CHECK(when_refused(g.state, DecideCertification{nia, false, ""}, staff, t0 + day_ms).code == ErrorCode::missing_field);
  auto declined = run(g, DecideCertification{nia, false, "Your ticket history shows unanswered customers."}, staff, t0 + day_ms);
  CHECK(statuses(declined) == std::vector<S>{S::failed});
  CHECK(first<CertificationStatusChanged>(declined)->retry_after == t0 + day_ms + 3 * day_ms);
  CHECK(record(g, nia).status == S::failed);
  CHECK(record(g, nia).retry_after == t0 + 4 * day_ms);
  CHECK(record(g, nia).history.back().note == "Your ticket history shows unanswered customers.");
}

TEST_CASE("an all-multiple-choice paper is graded at submission: automatic review certifies at once") {
  auto g = program(rules(FinalReview::automatic), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0 + hour_ms);
  const TimeMs ts = t0 + 2 * hour_ms;
  auto submitted = take_assessment(g, nia, ts, true);
  REQUIRE(first<AttemptGraded>(submitted) != nullptr);
  CHECK(first<AttemptGraded>(submitted)->score == 4);
  CHECK(first<AttemptGraded>(submitted)->max_score == 4);
  CHECK(statuses(submitted) == std::vector<S>{S::submitted, S::passed, S::certified});
  const TimeMs at = ts + 10 * minute_ms;
  CHECK(record(g, nia).status == S::certified);
  CHECK(record(g, nia).expires_at == add_months(at, 12));
  CHECK(record(g, nia).history.back().by == nia); // the agent's own submission
  CHECK(record(g, nia).attempts.back().graded);
  CHECK(record(g, nia).attempts.back().passed);
  CHECK(when_refused(g.state, StartAssessment{}, nia, at + day_ms).message ==
        "You are certified. You renew by passing again once the certification expires.");
}

TEST_CASE("an all-multiple-choice paper with manual final review awaits the business after a pass") {
  auto g = program(rules(FinalReview::manual), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0 + hour_ms);
  auto submitted = take_assessment(g, nia, t0 + 2 * hour_ms, true);
  CHECK(statuses(submitted) == std::vector<S>{S::submitted, S::passed, S::awaiting_manual_review});
  CHECK(record(g, nia).status == S::awaiting_manual_review);
  CHECK(g.state.inboxes.at(owner).items.back().text == "Nia passed the assessment and awaits your approval.");
  CHECK_FALSE(is_certified(g.state.certification, nia));
}

TEST_CASE("the paper draws draw_count distinct questions of the bank and comes back the same from the state") {
  std::vector<Question> bank;
  for (int i = 0; i < 9; ++i) bank.push_back(choice("Question " + std::to_string(i), {"yes", "no"}, {i % 2}));
  auto r = rules();
  r.draw_count = 5;
  auto g = program(r, {{faq_module(), {}}}, bank);
  train(g, nia, t0);
  auto started = run(g, StartAssessment{}, nia, t0 + hour_ms);
  const auto& paper = first<AttemptStarted>(started)->attempt.paper;
  REQUIRE(paper.size() == 5);
  std::set<QuestionId> ids;
  for (const auto& p : paper) {
    ids.insert(p.id);
    REQUIRE(g.state.certification.question(p.id) != nullptr);
    CHECK(p.prompt == g.state.certification.question(p.id)->prompt);
    CHECK_FALSE(p.several);
  }
  CHECK(ids.size() == 5);
  CHECK(record(g, nia).running_attempt()->paper == paper);
  // A draw larger than the bank takes the whole bank once.
  r.draw_count = 20;
  auto big = program(r, {{faq_module(), {}}}, bank);
  train(big, nia, t0);
  auto all = run(big, StartAssessment{}, nia, t0 + hour_ms);
  std::set<QuestionId> every;
  for (const auto& p : first<AttemptStarted>(all)->attempt.paper) every.insert(p.id);
  CHECK(first<AttemptStarted>(all)->attempt.paper.size() == 9);
  CHECK(every.size() == 9);
}

TEST_CASE("answers are checked against the paper") {
  auto g = program(rules(), {{faq_module(), {}}}, {mc_one(), mc_several(), short_answer(), scenario()});
  train(g, nia, t0);
  run(g, StartAssessment{}, nia, t0 + hour_ms);
  const auto& bank = g.state.certification.bank;
  const TimeMs at = t0 + hour_ms + minute_ms;
  CHECK(when_refused(g.state, SaveAnswers{1, {{999, {0}, {}}}}, nia, at).field == "data.answers[0].question_id");
  CHECK(when_refused(g.state, SaveAnswers{1, {{bank[0].id, {0, 1}, {}}}}, nia, at).field == "data.answers[0].choices"); // one right answer: choose one
  CHECK(when_ok(g.state, SaveAnswers{1, {{bank[1].id, {0, 2}, {}}}}, nia, at).size() == 1);                             // several
  CHECK(when_refused(g.state, SaveAnswers{1, {{bank[0].id, {3}, {}}}}, nia, at).field == "data.answers[0].choices");
  CHECK(when_refused(g.state, SaveAnswers{1, {{bank[2].id, {0}, {}}}}, nia, at).field == "data.answers[0].choices");
  CHECK(when_refused(g.state, SaveAnswers{1, {{bank[2].id, {}, "a"}, {bank[2].id, {}, "b"}}}, nia, at).field == "data.answers[1].question_id");
  CHECK(when_refused(g.state, SaveAnswers{1, {{bank[0].id, {1}, {}}}}, ava, at).code == ErrorCode::not_found);
}

// ---- Failure rules and exceptions ------------------------------------------------------

TEST_CASE("a failed attempt sets the retry date; attempts run out; exceptions lift both") {
  auto g = program(rules(), {{faq_module(), {}}}, choice_bank());
  CHECK(when_refused(g.state, RequestCertificationException{"Please"}, nia, t0).code == ErrorCode::conflict); // nothing failed yet
  CHECK(when_refused(g.state, RequestCertificationException{"Please"}, ava, t0).code == ErrorCode::conflict); // certified
  train(g, nia, t0);

  // Attempt 1 fails: 0 of 4.
  const TimeMs ta = t0 + hour_ms;
  auto failed = take_assessment(g, nia, ta, false);
  const TimeMs fa = ta + 10 * minute_ms;
  REQUIRE(first<AttemptGraded>(failed) != nullptr);
  CHECK_FALSE(first<AttemptGraded>(failed)->passed);
  CHECK(first<AttemptGraded>(failed)->score == 0);
  CHECK(statuses(failed) == std::vector<S>{S::submitted, S::failed});
  CHECK(record(g, nia).status == S::failed);
  CHECK(record(g, nia).retry_after == fa + 3 * day_ms);
  CHECK(attempts_left(g.state.certification, nia) == 1);

  // Inside the retry period: refused; at its end: allowed.
  auto wait = when_refused(g.state, StartAssessment{}, nia, fa + 3 * day_ms - 1);
  CHECK(wait.code == ErrorCode::conflict);
  CHECK(wait.message == "The retry period after your last attempt has not passed yet: you may try again from " +
                          pd::core::format_utc_minute(fa + 3 * day_ms) + ".");
  CHECK(first<AttemptStarted>(when_ok(g.state, StartAssessment{}, nia, fa + 3 * day_ms)) != nullptr);

  // Waiving the wait opens a new attempt at once.
  {
    auto waived = g;
    CHECK(when_refused(waived.state, GrantCertificationException{nia, "waive_retry", ""}, nia, fa).code == ErrorCode::forbidden);
    run(waived, GrantCertificationException{nia, "waive_retry", "Network outage during the test."}, owner, fa + hour_ms);
    CHECK(record(waived, nia).retry_waived);
    CHECK(when_refused(waived.state, GrantCertificationException{nia, "waive_retry", ""}, owner, fa + hour_ms).field == "data.kind");
    auto again = run(waived, StartAssessment{}, nia, fa + 2 * hour_ms);
    CHECK(first<AttemptStarted>(again)->attempt.number == 2);
    CHECK(statuses(again) == std::vector<S>{S::in_progress});
  }

  // Attempt 2 fails too: max_attempts (2) used up, even after the retry period.
  const TimeMs tb = fa + 3 * day_ms;
  take_assessment(g, nia, tb, false);
  const TimeMs fb = tb + 10 * minute_ms;
  CHECK(record(g, nia).status == S::failed);
  CHECK(attempts_left(g.state.certification, nia) == 0);
  CHECK(when_refused(g.state, StartAssessment{}, nia, fb + 10 * day_ms).message ==
        "You have used every attempt. Ask the business for a manual review or an exception.");

  // The agent asks for an exception (once); the business grants an extra attempt.
  auto asked = run(g, RequestCertificationException{"I was ill during both attempts."}, nia, fb + day_ms);
  CHECK(first<CertificationExceptionRequested>(asked)->message == "I was ill during both attempts.");
  CHECK(record(g, nia).exception_request == "I was ill during both attempts.");
  CHECK(record(g, nia).exception_requested_at == fb + day_ms);
  CHECK(when_refused(g.state, RequestCertificationException{"Again"}, nia, fb + day_ms).code == ErrorCode::conflict);
  run(g, GrantCertificationException{nia, "extra_attempt", "One more try."}, staff, fb + 2 * day_ms);
  CHECK(record(g, nia).extra_attempts == 1);
  CHECK(record(g, nia).exception_request.empty());
  CHECK(attempts_left(g.state.certification, nia) == 1);
  CHECK(when_refused(g.state, StartAssessment{}, nia, fb + 2 * day_ms).message ==
        "The retry period after your last attempt has not passed yet: you may try again from " +
            pd::core::format_utc_minute(record(g, nia).retry_after) + ".");
  auto third = run(g, StartAssessment{}, nia, fb + 3 * day_ms);
  CHECK(first<AttemptStarted>(third)->attempt.number == 3);

  // Failing never touches the partnership, membership or referrals.
  CHECK(g.state.agents.at(nia).status == PartnerStatus::active);
  CHECK(g.state.role_of(nia) == Role::agent);
  CHECK(g.state.customers.at(4).profile.referring_agent == nia);
}

TEST_CASE("a manual review asked for after a failure can be approved") {
  auto g = program(rules(), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0);
  take_assessment(g, nia, t0 + hour_ms, false);
  CHECK(when_refused(g.state, DecideCertification{nia, true, ""}, owner, t0 + day_ms).code == ErrorCode::conflict);
  run(g, RequestCertificationException{"Please review my answers by hand."}, nia, t0 + day_ms);
  auto approved = run(g, DecideCertification{nia, true, "Reviewed: fine."}, owner, t0 + 2 * day_ms);
  CHECK(statuses(approved) == std::vector<S>{S::certified});
  CHECK(record(g, nia).status == S::certified);
  CHECK(record(g, nia).exception_request.empty());
}

// ---- The scheduler ---------------------------------------------------------------------

TEST_CASE("the scheduler submits an attempt past its deadline with the answers saved before it") {
  auto g = program(rules(), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0);
  const TimeMs ts = t0 + hour_ms, deadline = ts + 30 * minute_ms;
  run(g, StartAssessment{}, nia, ts);
  const auto attempt = *record(g, nia).running_attempt();
  const auto saved = answers_for(g.state, attempt, true);
  run(g, SaveAnswers{1, saved}, nia, ts + 5 * minute_ms);
  CHECK(when_refused(g.state, SaveAnswers{1, answers_for(g.state, attempt, false)}, nia, deadline + 1).field == "data.attempt");
  CHECK(when_refused(g.state, SubmitAssessment{1, {}}, nia, deadline + certification_rules::submit_grace_ms + 1).code == ErrorCode::conflict);

  CHECK_FALSE(certification_rules::timers_due(g.state, deadline));
  CHECK(timers(g, deadline).empty());
  CHECK(certification_rules::timers_due(g.state, deadline + 1));
  const TimeMs tick = deadline + minute_ms;
  auto events = timers(g, tick);
  REQUIRE(first<AttemptSubmitted>(events) != nullptr);
  CHECK(first<AttemptSubmitted>(events)->auto_submitted);
  CHECK(first<AttemptSubmitted>(events)->answers == saved);
  CHECK(statuses(events) == std::vector<S>{S::submitted, S::passed, S::certified});
  const auto& done = record(g, nia).attempts.back();
  CHECK(done.auto_submitted);
  CHECK(done.submitted_at == tick);
  CHECK(done.answers == saved);
  CHECK(done.score == 4);
  CHECK(record(g, nia).history.back().by == 0); // the system
  CHECK(record(g, nia).status == S::certified);
  CHECK_FALSE(certification_rules::timers_due(g.state, tick + 1));
  CHECK(timers(g, tick + minute_ms).empty());
  CHECK(when_refused(g.state, SubmitAssessment{1, {}}, nia, tick).code == ErrorCode::not_found);
}

TEST_CASE("a certification expires at expires_at and is renewed by passing again, with a fresh count of attempts") {
  auto g = program(rules(), {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0);
  // Cycle 1: a failure, then a pass on the last allowed attempt.
  take_assessment(g, nia, t0 + hour_ms, false);
  const TimeMs tc = t0 + 5 * day_ms;
  take_assessment(g, nia, tc, true);
  const TimeMs certified_at = tc + 10 * minute_ms;
  CHECK(record(g, nia).status == S::certified);
  const TimeMs expires = add_months(certified_at, 12);
  CHECK(record(g, nia).expires_at == expires);
  CHECK(expires == certified_at + 365 * day_ms); // 2026-01-06 to 2027-01-06
  CHECK(attempts_left(g.state.certification, nia) == 2);

  CHECK_FALSE(certification_rules::timers_due(g.state, expires - 1));
  CHECK(timers(g, expires - 1).empty());
  CHECK(record(g, nia).status == S::certified);
  CHECK(certification_rules::timers_due(g.state, expires));
  auto expired = timers(g, expires);
  CHECK(statuses(expired) == std::vector<S>{S::expired});
  CHECK(record(g, nia).status == S::expired);
  CHECK(g.state.inboxes.at(nia).items.back().text == "Your support certification expired: pass the assessment again to renew it.");
  CHECK(timers(g, expires + day_ms).empty()); // fires once
  // The fixture's agents never expire (no expiry date).
  CHECK(is_certified(g.state.certification, ava));

  // Expired: no new customers; the agent renews by passing again.
  CHECK(when_refused(g.state, AssignCustomer{3, nia}, staff, expires + hour_ms).field == "data.agent_id");
  CHECK(!why_no_attempt(g.state.certification, nia, expires + hour_ms).has_value());
  auto renewal = take_assessment(g, nia, expires + hour_ms, true);
  CHECK(record(g, nia).attempts.size() == 3);
  CHECK(record(g, nia).attempts.back().number == 3);
  CHECK(statuses(renewal) == std::vector<S>{S::submitted, S::passed, S::certified});
  CHECK(record(g, nia).expires_at == add_months(expires + hour_ms + 10 * minute_ms, 12));
  CHECK(first<CustomerAssigned>(when_ok(g.state, AssignCustomer{3, nia}, staff, expires + day_ms)) != nullptr);
}

TEST_CASE("a certification with validity 0 never expires") {
  auto r = rules();
  r.validity_months = 0;
  auto g = program(r, {{faq_module(), {}}}, choice_bank());
  train(g, nia, t0);
  take_assessment(g, nia, t0 + hour_ms, true);
  CHECK(record(g, nia).status == S::certified);
  CHECK(record(g, nia).expires_at == 0);
  CHECK_FALSE(certification_rules::timers_due(g.state, t0 + 3650 * day_ms));
}

// ---- Revocation and assignment ---------------------------------------------------------

TEST_CASE("revocation needs a reason; a revoked agent takes no customers but keeps partnership and referrals") {
  auto g = acme();
  CHECK(when_refused(g.state, RevokeCertification{ava, ""}, owner, t0).field == "data.reason");
  CHECK(when_refused(g.state, RevokeCertification{ava, "Rude to customers"}, theo, t0).code == ErrorCode::forbidden);
  auto revoked = run(g, RevokeCertification{ava, "Rude to customers in three tickets."}, owner, t0 + hour_ms);
  CHECK(statuses(revoked) == std::vector<S>{S::revoked});
  CHECK(record(g, ava).status == S::revoked);
  CHECK(record(g, ava).revoked_reason == "Rude to customers in three tickets.");
  CHECK(g.state.inboxes.at(ava).items.back().text == "Your support certification was revoked: Rude to customers in three tickets.");

  auto refused = when_refused(g.state, AssignCustomer{3, ava}, staff, t0 + 2 * hour_ms);
  CHECK(refused.code == ErrorCode::invalid_field);
  CHECK(refused.field == "data.agent_id");
  CHECK(refused.message == "Only certified agents take support customers; this agent's certification is Revoked.");
  CHECK(g.state.agents.at(ava).status == PartnerStatus::active);
  CHECK(g.state.role_of(ava) == Role::agent);
  CHECK(g.state.customers.at(1).profile.referring_agent == ava);
  CHECK(when_refused(g.state, RevokeCertification{ava, "Again"}, owner, t0 + 2 * hour_ms).code == ErrorCode::conflict);

  // The agent may ask for an exception; without one, no new attempt.
  CHECK(when_refused(g.state, StartAssessment{}, ava, t0 + day_ms).code == ErrorCode::conflict);
  CHECK(first<CertificationExceptionRequested>(when_ok(g.state, RequestCertificationException{"Please reconsider."}, ava, t0 + day_ms)) != nullptr);
}

TEST_CASE("only certified agents are assigned customers") {
  auto g = acme();
  g.member(nia, Role::agent, "Nia");
  auto refused = when_refused(g.state, AssignCustomer{3, nia}, staff, t0);
  CHECK(refused.field == "data.agent_id");
  CHECK(refused.message == "Only certified agents take support customers; this agent's certification is Not Started.");
  CHECK(std::get<CustomerAssigned>(when_ok(g.state, AssignCustomer{3, ava}, staff, t0).at(0)).agent_id == ava);
  CHECK(std::get<CustomerAssigned>(when_ok(g.state, AssignCustomer{1, 0}, staff, t0).at(0)).previous_agent == ava);
}

// ---- Video ---------------------------------------------------------------------------------

TEST_CASE("a video counts only as fast as time passes; seeking ahead does not complete it") {
  auto g = program(rules(), {{video_lesson(), {}}}, choice_bank(), AccessMode::automatic);
  CHECK(when_refused(g.state, RequestSupportAccess{}, nia, t0).code == ErrorCode::conflict); // everyone has access
  const ModuleId video = g.state.certification.modules.at(0).id;
  const TimeMs t1 = t0 + hour_ms;
  auto first_report = run(g, watch(video, 0), nia, t1);
  CHECK(statuses(first_report) == std::vector<S>{S::in_progress});
  CHECK(record(g, nia).modules.at(video).started);

  // Seeking straight to the end counts for nothing beyond the time that passed.
  run(g, watch(video, 120), nia, t1 + 1000);
  const auto after_seek = record(g, nia).modules.at(video).watched_seconds;
  CHECK(after_seek < 120);
  CHECK(after_seek <= max_watch_advance_seconds(1000));
  CHECK_FALSE(record(g, nia).modules.at(video).completed);
  run(g, watch(video, 110), nia, t1 + 10'000);
  CHECK(record(g, nia).modules.at(video).watched_seconds <= after_seek + max_watch_advance_seconds(9'000));
  CHECK_FALSE(record(g, nia).modules.at(video).completed);
  CHECK_FALSE(required_modules_complete(g.state.certification, nia));

  // Going back never loses what was watched.
  const auto watched = record(g, nia).modules.at(video).watched_seconds;
  run(g, watch(video, 0), nia, t1 + 11'000);
  CHECK(record(g, nia).modules.at(video).watched_seconds == watched);

  // Watching on at normal speed reaches the end and completes it.
  TimeMs at = t1 + 11'000;
  std::int64_t position = watched;
  while (position < 120) {
    at += 15'000;
    position = std::min<std::int64_t>(120, position + 15);
    run(g, watch(video, position), nia, at);
  }
  CHECK(record(g, nia).modules.at(video).watched_seconds == 120);
  CHECK(record(g, nia).modules.at(video).completed);
  CHECK(record(g, nia).modules.at(video).completed_at == at);
  CHECK(required_modules_complete(g.state.certification, nia));
  CHECK(when_refused(g.state, step(video, "practice"), nia, at).field == "data.step");
}

TEST_CASE("max_watch_advance_seconds and add_months") {
  CHECK(max_watch_advance_seconds(0) < 10);
  CHECK(max_watch_advance_seconds(-5000) == max_watch_advance_seconds(0));
  CHECK(max_watch_advance_seconds(60'000) >= 60);
  CHECK(max_watch_advance_seconds(60'000) < 300);
  // 2026-01-31T10:00Z + 1 month = 2026-02-28T10:00Z; + 12 months = 2027-01-31.
  const TimeMs jan31 = t0 + 30 * day_ms + 10 * hour_ms;
  CHECK(add_months(jan31, 1) == t0 + (31 + 27) * day_ms + 10 * hour_ms);
  CHECK(add_months(jan31, 12) == jan31 + 365 * day_ms);
  CHECK(add_months(t0, 0) == t0);
  CHECK(add_months(t0, -1) == t0 - 31 * day_ms);
}

// ---- Module and question checks ----------------------------------------------------------

TEST_CASE("modules and questions are checked when the business saves them") {
  auto g = acme();
  auto png = pdf_guide();
  png.file.content_type = "image/png";
  CHECK(when_refused(g.state, SaveTrainingModule{png, {}}, owner).field == "data.module.file.content_type");
  auto no_file = pdf_guide();
  no_file.file = {};
  CHECK(when_refused(g.state, SaveTrainingModule{no_file, {}}, owner).field == "data.module.file");
  CHECK(when_refused(g.state, SaveTrainingModule{text_lesson(), {{1}}}, owner).field == "data.quiz_key");
  CHECK(when_refused(g.state, SaveTrainingModule{text_lesson(), {{5}, {0, 1}}}, owner).field == "data.quiz_key[0]");
  auto silent = video_lesson();
  silent.duration_seconds = 0;
  CHECK(when_refused(g.state, SaveTrainingModule{silent, {}}, owner).field == "data.module.duration_seconds");

  auto none_right = mc_one();
  none_right.correct.clear();
  CHECK(when_refused(g.state, SaveQuestion{none_right}, owner).field == "data.question.correct");
  auto bad_index = mc_one();
  bad_index.correct = {7};
  CHECK(when_refused(g.state, SaveQuestion{bad_index}, owner).field == "data.question.correct");
  auto no_situation = scenario();
  no_situation.situation.clear();
  CHECK(when_refused(g.state, SaveQuestion{no_situation}, owner).field == "data.question.situation");
  auto no_rubric = short_answer();
  no_rubric.rubric.clear();
  CHECK(when_refused(g.state, SaveQuestion{no_rubric}, owner).field == "data.question.rubric");
  CHECK(when_refused(g.state, SaveQuestion{mc_one()}, staff).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, SaveQuestion{mc_one()}, ava).code == ErrorCode::forbidden);

  // Replacing and removing.
  auto q = std::get<QuestionSaved>(run(g, SaveQuestion{mc_one()}, owner, t0).at(0)).question;
  CHECK(when_ok(g.state, SaveQuestion{q}, owner).empty()); // unchanged
  q.points = 3;
  run(g, SaveQuestion{q}, owner, t0);
  CHECK(g.state.certification.bank.size() == 1);
  CHECK(g.state.certification.bank[0].points == 3);
  run(g, RemoveQuestion{q.id}, owner, t0);
  CHECK(g.state.certification.bank.empty());
  CHECK(when_refused(g.state, RemoveQuestion{q.id}, owner).code == ErrorCode::not_found);
  auto m = std::get<TrainingModuleSaved>(run(g, SaveTrainingModule{text_lesson(), text_key()}, owner, t0).at(0)).module;
  run(g, RemoveTrainingModule{m.id}, owner, t0);
  CHECK(g.state.certification.modules.empty());
  CHECK(g.state.certification.quiz_keys.empty());
}

// ---- Visibility ----------------------------------------------------------------------------

TEST_CASE("agents never see the question bank or the quiz keys, and only their own record") {
  auto g = program(rules(), {{text_lesson(), text_key()}, {faq_module(), {}}}, {mc_one(), scenario()});
  run(g, RequestSupportAccess{}, nia, t0);
  run(g, review(g.state.certification.modules.at(1).id, 0), nia, t0);
  REQUIRE(g.state.certification.agents.count(ava) == 1);

  auto mine = visible_state(g.state, nia);
  CHECK(mine.certification.bank.empty());
  CHECK(mine.certification.quiz_keys.empty());
  CHECK(mine.certification.modules.size() == 2);
  CHECK(mine.certification.rules == g.state.certification.rules);
  REQUIRE(mine.certification.agents.size() == 1);
  CHECK(mine.certification.agents.count(nia) == 1);
  const auto dump = state_to_json(mine).dump();
  CHECK(dump.find(scenario().rubric) == std::string::npos);
  CHECK(dump.find("quiz_keys\":[]") != std::string::npos);

  auto avas = visible_state(g.state, ava);
  REQUIRE(avas.certification.agents.size() == 1);
  CHECK(avas.certification.agents.count(ava) == 1);
  CHECK(avas.certification.bank.empty());

  auto business = visible_state(g.state, staff);
  CHECK(business.certification.bank.size() == 2);
  CHECK(business.certification.quiz_keys.size() == 1);
  CHECK(business.certification.agents.size() == 3);

  auto customer = visible_state(g.state, jordan);
  CHECK(customer.certification.modules.empty());
  CHECK(customer.certification.agents.empty());
  CHECK(customer.certification.bank.empty());
}

TEST_CASE("certification events are filtered per reader") {
  auto g = program(rules(), {{faq_module(), {}}}, {mc_one()});
  Event question{100, 1, owner, t0, QuestionSaved{scenario()}};
  CHECK_FALSE(event_visible_to(g.state, ava, question));
  CHECK(event_visible_to(g.state, owner, question));
  CHECK(event_visible_to(g.state, staff, question));
  Event key{101, 1, owner, t0, QuizKeySaved{1, {{1}}}};
  CHECK_FALSE(event_visible_to(g.state, nia, key));
  CHECK(event_visible_to(g.state, admin, key));
  Event module{102, 1, owner, t0, TrainingModuleSaved{faq_module()}};
  CHECK(event_visible_to(g.state, ava, module));
  Event nia_status{103, 1, 0, t0, CertificationStatusChanged{nia, S::in_progress, "", 0, 0}};
  CHECK_FALSE(event_visible_to(g.state, ava, nia_status));
  CHECK(event_visible_to(g.state, nia, nia_status));
  CHECK(event_visible_to(g.state, staff, nia_status));

  // Customers see none of it.
  const Attempt attempt = running(1, t0);
  const std::vector<EventBody> all = {CertificationSettingsChanged{AccessMode::request, rules()},
                                      TrainingModuleSaved{faq_module()},
                                      TrainingModuleRemoved{1},
                                      QuizKeySaved{1, {{1}}},
                                      QuestionSaved{mc_one()},
                                      QuestionRemoved{1},
                                      SupportAccessRequested{ava},
                                      TrainingProgressed{ava, 1, {}, "review", -1, 0},
                                      AttemptStarted{ava, attempt},
                                      AnswersSaved{ava, 1, {}},
                                      AttemptSubmitted{ava, 1, {}, false, {}},
                                      AttemptGraded{ava, 1, {}, 1, 1, true},
                                      CertificationStatusChanged{ava, S::certified, "", 0, 0},
                                      CertificationExceptionRequested{ava, "x"},
                                      CertificationExceptionGranted{ava, "extra_attempt", ""}};
  for (const auto& body : all) {
    CAPTURE(type_of(body));
    Event e{104, 1, owner, t0, body};
    CHECK_FALSE(event_visible_to(g.state, jordan, e));
    CHECK(event_visible_to(g.state, staff, e));
  }
}

TEST_CASE("an agent's replica fed only its visible events agrees with the server on the certification") {
  auto server = program(rules(), {{faq_module(), {}}}, choice_bank());
  auto replica = visible_state(server.state, nia);
  std::vector<Event> log;
  auto act = [&](const Command& c, PersonId who, TimeMs at) {
    for (auto& body : when_ok(server.state, c, who, at)) {
      Event e{++server.seq, 1, who, at, body};
      apply(server.state, e);
      log.push_back(e);
    }
  };
  const ModuleId faq = server.state.certification.modules.at(0).id;
  act(RequestSupportAccess{}, nia, t0 + hour_ms);
  for (int i = 0; i < 3; ++i) act(review(faq, i), nia, t0 + hour_ms);
  act(StartAssessment{}, nia, t0 + 2 * hour_ms);
  const auto attempt = *server.state.certification.agent(nia)->running_attempt();
  act(SaveAnswers{1, answers_for(server.state, attempt, true)}, nia, t0 + 2 * hour_ms + minute_ms);
  act(SubmitAssessment{1, answers_for(server.state, attempt, false)}, nia, t0 + 2 * hour_ms + 10 * minute_ms);
  act(SaveQuestion{scenario()}, owner, t0 + 3 * hour_ms);
  act(GrantCertificationException{nia, "waive_retry", ""}, owner, t0 + 3 * hour_ms);
  act(RevokeCertification{ava, "Conduct."}, owner, t0 + 3 * hour_ms);
  REQUIRE(server.state.certification.agent(nia)->status == S::failed);
  for (const auto& e : log)
    if (event_visible_to(server.state, nia, e)) CHECK_FALSE(apply(replica, e).needs_snapshot);
  const nlohmann::json expected = visible_state(server.state, nia).certification;
  const nlohmann::json got = replica.certification;
  CHECK(got == expected);
  CHECK(replica.certification.bank.empty());
  CHECK(replica.certification.agents.count(ava) == 0);
}

// ---- JSON ----------------------------------------------------------------------------------

TEST_CASE("every certification command round-trips through encode and decode") {
  auto lesson = text_lesson();
  lesson.id = 3;
  lesson.description = "The first lesson.";
  lesson.required = false;
  std::vector<Command> all = {ChangeCertificationSettings{AccessMode::automatic, rules(FinalReview::manual)},
                              SaveTrainingModule{lesson, text_key()},
                              SaveTrainingModule{pdf_guide(), {}},
                              SaveTrainingModule{video_lesson(), {}},
                              SaveTrainingModule{demo_script(), {}},
                              SaveTrainingModule{faq_module(), {}},
                              RemoveTrainingModule{4},
                              SaveQuestion{mc_several()},
                              SaveQuestion{scenario()},
                              SaveQuestion{short_answer()},
                              RemoveQuestion{9},
                              RequestSupportAccess{},
                              watch(2, 75),
                              quiz(1, 1, {0, 1}),
                              review(3, 2),
                              step(4, "open"),
                              step(4, "acknowledge"),
                              step(5, "practice"),
                              StartAssessment{},
                              SaveAnswers{2, {{1, {0, 2}, {}}, {4, {}, "Reports > Export"}}},
                              SubmitAssessment{2, {{1, {1}, {}}}},
                              RequestCertificationException{"Please review by hand."},
                              GradeAttempt{7, 2, {{4, 1, "Good", false}, {5, 0, "", false}}},
                              DecideCertification{7, true, ""},
                              DecideCertification{7, false, "Too many open tickets."},
                              GrantCertificationException{7, "extra_attempt", "One more."},
                              GrantCertificationException{7, "waive_retry", ""},
                              RevokeCertification{7, "Conduct."}};
  for (const auto& c : all) {
    CAPTURE(type_of(c));
    auto encoded = encode_command({"cmd-12345678", c}).dump();
    CAPTURE(encoded);
    auto back = decode_command_envelope(encoded);
    if (!back.ok()) FAIL_CHECK(back.error().field << ": " << back.error().message);
    REQUIRE(back.ok());
    CHECK(back->command.index() == c.index());
    CHECK(encode_command(*back).dump() == encoded);
  }
  // The decoded module is the one sent.
  auto back = decode_command_envelope(encode_command({"cmd-12345678", SaveTrainingModule{lesson, text_key()}}).dump());
  REQUIRE(back.ok());
  CHECK(std::get<SaveTrainingModule>(back->command).module == lesson);
  CHECK(std::get<SaveTrainingModule>(back->command).quiz_key == text_key());
  auto pdf = decode_command_envelope(encode_command({"cmd-12345678", SaveTrainingModule{pdf_guide(), {}}}).dump());
  REQUIRE(pdf.ok());
  CHECK(std::get<SaveTrainingModule>(pdf->command).module.file == pdf_guide().file);
}

TEST_CASE("every certification event round-trips through JSON") {
  const Attempt attempt = running(2, t0,
                                  {{4, QuestionKind::scenario, "What do you reply?", "Charged twice.", {}, false, 2},
                                   {1, QuestionKind::multiple_choice, "Which?", "", {"a", "b", "c"}, true, 1}},
                                  {{1, {0, 2}, {}}});
  ModuleProgress progress;
  progress.started = progress.completed = true;
  progress.completed_at = t0;
  progress.faq_seen = {0, 2, 1};
  std::vector<EventBody> all = {CertificationSettingsChanged{AccessMode::automatic, rules(FinalReview::manual)},
                                TrainingModuleSaved{text_lesson()},
                                TrainingModuleSaved{pdf_guide()},
                                TrainingModuleRemoved{3},
                                QuizKeySaved{3, text_key()},
                                QuestionSaved{scenario()},
                                QuestionRemoved{4},
                                SupportAccessRequested{7},
                                TrainingProgressed{7, 2, progress, "review", -1, 0},
                                AttemptStarted{7, attempt},
                                AnswersSaved{7, 2, {{1, {0}, {}}, {4, {}, "Refund today."}}},
                                AttemptSubmitted{7, 2, {{1, {0, 2}, {}}}, true, {{1, 1, "", true}}},
                                AttemptGraded{7, 2, {{1, 1, "", true}, {4, 2, "Good", false}}, 3, 3, true},
                                CertificationStatusChanged{7, S::failed, "Scored 1 of 3.", t0 + 3 * day_ms, 0},
                                CertificationStatusChanged{7, S::certified, "", 0, add_months(t0, 12)},
                                CertificationExceptionRequested{7, "Please."},
                                CertificationExceptionGranted{7, "waive_retry", "Outage."}};
  for (const auto& body : all) {
    CAPTURE(type_of(body));
    Event e{9, 1, 3, t0, body};
    auto j = to_json(e, true);
    auto back = event_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->body.index() == body.index());
    CHECK(to_json(*back, true) == j);
  }
}

TEST_CASE("a snapshot with certification records round-trips") {
  auto g = program(rules(), {{text_lesson(), text_key()}, {faq_module(), {}}}, choice_bank());
  train(g, nia, t0);
  take_assessment(g, nia, t0 + hour_ms, false);
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(state_to_json(*back) == state_to_json(g.state));
  CHECK(back->certification.quiz_keys == g.state.certification.quiz_keys);
  CHECK(back->certification.agent(nia)->modules == record(g, nia).modules);
}

TEST_CASE("bad certification commands are refused naming the field") {
  struct Case {
    std::string body;
    const char* field;
    ErrorCode code;
  };
  auto envelope = [](const char* type, const std::string& data) {
    return std::string(R"({"command_id":"c-0001-abcd","type":")") + type + R"(","data":)" + data + "}";
  };
  const std::string good_rules =
      R"({"draw_count":10,"time_limit_minutes":30,"pass_percent":70,"final_review":"manual","retry_days":3,"max_attempts":3,"validity_months":12})";
  auto with = [](std::string s, const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const Case cases[] = {
      {envelope("ChangeCertificationSettings", R"({"access":"request","rules":)" + with(good_rules, "\"pass_percent\":70", "\"pass_percent\":101") + "}"),
       "data.rules.pass_percent", ErrorCode::invalid_field},
      {envelope("ChangeCertificationSettings", R"({"access":"request","rules":)" + with(good_rules, "\"draw_count\":10", "\"draw_count\":10,\"shuffle\":true") + "}"),
       "data.rules.shuffle", ErrorCode::unknown_field},
      {envelope("ChangeCertificationSettings", R"({"access":"sometimes","rules":)" + good_rules + "}"), "data.access", ErrorCode::invalid_field},
      {envelope("ChangeCertificationSettings", R"({"access":"request"})"), "data.rules", ErrorCode::missing_field},
      {envelope("SaveQuestion", R"({"question":{"kind":"multiple_choice","prompt":"Q?","options":["a","b"],"correct":[0],"answer":1}})"),
       "data.question.answer", ErrorCode::unknown_field},
      {envelope("SaveQuestion", R"({"question":{"kind":"essay","prompt":"Q?"}})"), "data.question.kind", ErrorCode::invalid_field},
      {envelope("SaveQuestion", R"({"question":{"kind":"multiple_choice","prompt":"Q?","options":["a",""],"correct":[0]}})"), "data.question.options[1]",
       ErrorCode::invalid_field},
      {envelope("SaveTrainingModule", R"({"module":{"kind":"pdf","title":"Guide","file":{"name":"g.pdf","content_type":"application/pdf","size":10,"sha256":")" +
                                          std::string(64, 'Z') + R"("}}})"),
       "data.module.file.sha256", ErrorCode::invalid_field},
      {envelope("SaveTrainingModule", R"({"module":{"kind":"faq","title":"F","faq":[{"question":"Q","answer":"A","seen":true}]}})"),
       "data.module.faq[0].seen", ErrorCode::unknown_field},
      {envelope("SaveTrainingModule", R"({"module":{"kind":"text","title":"T","sections":[{"title":"S","body":"B","quiz":[{"prompt":"P","options":["only"]}]}]}})"),
       "data.module.sections[0].quiz[0].options", ErrorCode::invalid_field},
      {envelope("RecordTrainingProgress", R"({"module_id":1,"step":"skip"})"), "data.step", ErrorCode::invalid_field},
      {envelope("RecordTrainingProgress", R"({"module_id":1,"step":"watch","speed":16})"), "data.speed", ErrorCode::unknown_field},
      {envelope("StartAssessment", R"({"questions":5})"), "data.questions", ErrorCode::unknown_field},
      {envelope("SaveAnswers", R"({"attempt":1,"answers":[{"question_id":1,"choices":[11]}]})"), "data.answers[0].choices[0]", ErrorCode::invalid_field},
      {envelope("SubmitAssessment", R"({"attempt":1,"answers":[{"question_id":1,"score":5}]})"), "data.answers[0].score", ErrorCode::unknown_field},
      {envelope("GradeAttempt", R"({"person_id":7,"attempt":1})"), "data.grades", ErrorCode::missing_field},
      {envelope("GradeAttempt", R"({"person_id":7,"attempt":1,"grades":[{"question_id":4,"score":101}]})"), "data.grades[0].score", ErrorCode::invalid_field},
      {envelope("DecideCertification", R"({"person_id":7})"), "data.approve", ErrorCode::missing_field},
      {envelope("GrantCertificationException", R"({"person_id":7,"kind":"free_pass"})"), "data.kind", ErrorCode::invalid_field},
      {envelope("RevokeCertification", R"({"person_id":7,"reason":"x","notify":false})"), "data.notify", ErrorCode::unknown_field},
  };
  for (const auto& k : cases) {
    CAPTURE(k.body);
    auto r = decode_command_envelope(k.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == k.field);
    CHECK(r.error().code == k.code);
  }

  // A multiple-choice question without a right answer decodes, and decide refuses it.
  auto no_right = decode_command_envelope(envelope("SaveQuestion", R"({"question":{"kind":"multiple_choice","prompt":"Q?","options":["a","b"]}})"));
  REQUIRE(no_right.ok());
  auto g = acme();
  auto refused = when_refused(g.state, no_right->command, owner);
  CHECK(refused.code == ErrorCode::invalid_field);
  CHECK(refused.field == "data.question.correct");
}

TEST_CASE("a long pause earns at most a minute of watching: pausing and then skipping ahead does not complete a video") {
  auto lesson = video_lesson();
  lesson.duration_seconds = 600;
  auto g = program(rules(), {{lesson, {}}}, choice_bank(), AccessMode::automatic);
  const ModuleId video = g.state.certification.modules.at(0).id;
  run(g, watch(video, 0), nia, t0);
  // An hour later, a jump to the end of the 10-minute video.
  run(g, watch(video, 600), nia, t0 + 60 * minute_ms);
  CHECK(record(g, nia).modules.at(video).watched_seconds == max_watch_advance_seconds(60'000));
  CHECK(record(g, nia).modules.at(video).watched_seconds < 600);
  CHECK_FALSE(record(g, nia).modules.at(video).completed);
}

TEST_CASE("a question on a running attempt cannot be removed until the attempt is submitted") {
  auto g = program(rules(), {{demo_script(), {}}}, choice_bank(), AccessMode::automatic);
  train(g, nia, t0);
  run(g, StartAssessment{}, nia, t0 + minute_ms);
  const auto attempt = *record(g, nia).running_attempt();
  const auto on_paper = attempt.paper.at(0).id;
  auto refused = when_refused(g.state, RemoveQuestion{on_paper}, owner, t0 + 2 * minute_ms);
  CHECK(refused.code == ErrorCode::conflict);
  CHECK(refused.field == "data.question_id");
  CHECK(g.state.certification.question(on_paper) != nullptr);
  run(g, SubmitAssessment{attempt.number, answers_for(g.state, attempt, true)}, nia, t0 + 3 * minute_ms);
  run(g, RemoveQuestion{on_paper}, owner, t0 + 4 * minute_ms);
  CHECK(g.state.certification.question(on_paper) == nullptr);
}

} // namespace test_unit_shared_domain_certification_certification
