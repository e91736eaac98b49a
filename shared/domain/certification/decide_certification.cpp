#include "shared/domain/certification/decide_certification.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/certification/certification_actions.hpp"
#include "shared/domain/support/decide_support_access.hpp"

#include <algorithm>
#include <set>

namespace pd::domain::certification_rules {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::invalid;
using core::conflict;
using identity::Role;
using Events = std::vector<EventBody>;
using S = CertificationStatus;

namespace {


bool may(const ProgramState& s, const Actor& a, Action action, Target t = {}) { return is_allowed(s, a.id, action, t); }

// The acting agent, if it is an active agent of the program.
std::optional<core::Error> check_active_agent(const ProgramState& s, const Actor& a) {
  if (s.role_of(a.id) != Role::agent) return forbidden("Only agents take the support certification.");
  auto it = s.agents.find(a.id);
  if (it == s.agents.end() || it->second.status != PartnerStatus::active)
    return forbidden("Your partnership is not active, so training and the assessment are closed to you.");
  return std::nullopt;
}

const AgentCertification& record_of(const ProgramState& s, PersonId p) {
  static const AgentCertification none{};
  auto r = s.certification.agent(p);
  return r ? *r : none;
}

PaperQuestion paper_question(const Question& q) {
  return PaperQuestion{q.id, q.kind, q.prompt, q.situation, q.options, q.correct.size() > 1, q.points};
}

// The answers of `later` replace those of `earlier` for the same question; only questions of
// the paper are kept.
std::optional<core::Error> check_answers(const Attempt& attempt, const std::vector<AnswerGiven>& answers) {
  std::set<QuestionId> seen;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& a = answers[i];
    const auto field = "data.answers[" + std::to_string(i) + "]";
    auto q = std::find_if(attempt.paper.begin(), attempt.paper.end(), [&](const PaperQuestion& p) { return p.id == a.question_id; });
    if (q == attempt.paper.end()) return invalid("That question is not on your paper.", field + ".question_id");
    if (!seen.insert(a.question_id).second) return invalid("A question is answered twice.", field + ".question_id");
    if (q->kind == QuestionKind::multiple_choice) {
      if (!a.text.empty()) return invalid("A multiple-choice question is answered by choosing options.", field + ".text");
      for (int c : a.choices)
        if (c < 0 || c >= static_cast<int>(q->options.size())) return invalid("No such option.", field + ".choices");
      if (!q->several && a.choices.size() > 1) return invalid("Choose one option.", field + ".choices");
    } else if (!a.choices.empty()) {
      return invalid("This question is answered in words.", field + ".choices");
    }
  }
  return std::nullopt;
}

std::vector<AnswerGiven> merge_answers(std::vector<AnswerGiven> earlier, const std::vector<AnswerGiven>& later) {
  for (const auto& a : later) {
    auto it = std::find_if(earlier.begin(), earlier.end(), [&](const AnswerGiven& e) { return e.question_id == a.question_id; });
    if (it != earlier.end()) *it = a;
    else earlier.push_back(a);
  }
  return earlier;
}

// The automatic grades of a submitted paper: multiple choice scored against the bank.
std::vector<QuestionGrade> automatic_grades(const ProgramState& s, const Attempt& attempt, const std::vector<AnswerGiven>& answers) {
  std::vector<QuestionGrade> grades;
  for (const auto& p : attempt.paper) {
    if (p.kind != QuestionKind::multiple_choice) continue;
    auto a = std::find_if(answers.begin(), answers.end(), [&](const AnswerGiven& x) { return x.question_id == p.id; });
    auto q = s.certification.question(p.id);
    int score = 0;
    if (a != answers.end() && q) score = score_choice(*q, a->choices);
    grades.push_back(QuestionGrade{p.id, score, {}, true});
  }
  return grades;
}

bool needs_manual_grading(const Attempt& attempt) {
  return std::any_of(attempt.paper.begin(), attempt.paper.end(), [](const PaperQuestion& p) { return p.kind != QuestionKind::multiple_choice; });
}

CertificationStatusChanged certified(const ProgramState& s, PersonId p, TimeMs now, std::string note) {
  const int months = s.certification.rules.validity_months;
  return CertificationStatusChanged{p, S::certified, std::move(note), 0, months > 0 ? add_months(now, months) : 0};
}
CertificationStatusChanged failed(const ProgramState& s, PersonId p, TimeMs now, std::string note) {
  return CertificationStatusChanged{p, S::failed, std::move(note), now + s.certification.rules.retry_days * day_ms, 0};
}

// With every question graded: the score, then Passed and Certified or Awaiting Manual Review,
// or Failed with the retry date.
void conclude(const ProgramState& s, PersonId p, const Attempt& attempt, std::vector<QuestionGrade> grades, TimeMs now, Events& out) {
  int score = 0, max = 0;
  for (const auto& g : grades) score += g.score;
  for (const auto& q : attempt.paper) max += q.points;
  const bool passed = max > 0 && static_cast<std::int64_t>(score) * 100 >= static_cast<std::int64_t>(s.certification.rules.pass_percent) * max;
  const auto pct = max > 0 ? score * 100 / max : 0;
  out.push_back(AttemptGraded{p, attempt.number, std::move(grades), score, max, passed});
  const std::string result = "Scored " + std::to_string(score) + " of " + std::to_string(max) + " (" + std::to_string(pct) + "%; " +
                             std::to_string(s.certification.rules.pass_percent) + "% to pass).";
  if (!passed) {
    out.push_back(failed(s, p, now, result));
    return;
  }
  out.push_back(CertificationStatusChanged{p, S::passed, result, 0, 0});
  if (s.certification.rules.final_review == FinalReview::automatic) out.push_back(certified(s, p, now, "Approved automatically on a passing score."));
  else out.push_back(CertificationStatusChanged{p, S::awaiting_manual_review, "The business reviews the submission and profile before confirming.", 0, 0});
}

// Submission of the running attempt (by the agent, or by the scheduler when time is up).
Events submit(const ProgramState& s, PersonId p, const Attempt& attempt, const std::vector<AnswerGiven>& answers, bool automatic, TimeMs now) {
  Events out;
  auto grades = automatic_grades(s, attempt, answers);
  out.push_back(AttemptSubmitted{p, attempt.number, answers, automatic, grades});
  out.push_back(CertificationStatusChanged{p, S::submitted, automatic ? "Submitted automatically when the time ran out." : "", 0, 0});
  if (!needs_manual_grading(attempt)) conclude(s, p, attempt, std::move(grades), now, out);
  return out;
}

std::optional<core::Error> check_module(const TrainingModule& m, const QuizKey& key) {
  switch (m.kind) {
  case ModuleKind::video:
    if (m.file.sha256.empty()) return invalid("Upload the video (MP4 or WebM) first.", "data.module.file");
    if (m.file.content_type != "video/mp4" && m.file.content_type != "video/webm")
      return invalid("A video lesson is an MP4 or WebM file.", "data.module.file.content_type");
    if (m.duration_seconds <= 0) return invalid("A video lesson needs its length in seconds.", "data.module.duration_seconds");
    break;
  case ModuleKind::pdf:
    if (m.file.sha256.empty()) return invalid("Upload the PDF guide first.", "data.module.file");
    if (m.file.content_type != "application/pdf") return invalid("A PDF guide is a PDF file.", "data.module.file.content_type");
    break;
  case ModuleKind::text:
    if (m.sections.empty()) return invalid("A text lesson needs at least one section.", "data.module.sections");
    if (key.size() != m.sections.size()) return invalid("The quiz key lists one row per section.", "data.quiz_key");
    for (std::size_t i = 0; i < m.sections.size(); ++i) {
      const auto& quiz = m.sections[i].quiz;
      if (key[i].size() != quiz.size()) return invalid("Give the right option of every quiz question.", "data.quiz_key[" + std::to_string(i) + "]");
      for (std::size_t k = 0; k < quiz.size(); ++k)
        if (key[i][k] >= static_cast<int>(quiz[k].options.size()))
          return invalid("A quiz question's right option must be one of its options.", "data.quiz_key[" + std::to_string(i) + "]");
    }
    break;
  case ModuleKind::demo_script:
    if (m.script.empty()) return invalid("A demo script needs its script.", "data.module.script");
    break;
  case ModuleKind::faq:
    if (m.faq.empty()) return invalid("An FAQ module needs at least one question.", "data.module.faq");
    break;
  }
  if (m.kind != ModuleKind::video && m.kind != ModuleKind::pdf && !m.file.sha256.empty())
    return invalid("Only video lessons and PDF guides have a file.", "data.module.file");
  return std::nullopt;
}

std::optional<core::Error> check_question(const Question& q) {
  switch (q.kind) {
  case QuestionKind::multiple_choice: {
    if (q.options.size() < 2) return invalid("A multiple-choice question needs at least two options.", "data.question.options");
    if (q.correct.empty()) return invalid("Mark at least one right option.", "data.question.correct");
    std::set<int> seen;
    for (int c : q.correct) {
      if (c >= static_cast<int>(q.options.size())) return invalid("A right option must be one of the options.", "data.question.correct");
      if (!seen.insert(c).second) return invalid("A right option is listed twice.", "data.question.correct");
    }
    if (!q.rubric.empty() || !q.situation.empty()) return invalid("A multiple-choice question has no situation or rubric.", "data.question.rubric");
    break;
  }
  case QuestionKind::scenario:
    if (q.situation.empty()) return invalid("A scenario question describes the customer's situation.", "data.question.situation");
    [[fallthrough]];
  case QuestionKind::short_answer:
    if (q.rubric.empty()) return invalid("Write the rubric the answer is graded against.", "data.question.rubric");
    if (!q.options.empty() || !q.correct.empty()) return invalid("A free-answer question has no options.", "data.question.options");
    break;
  }
  return std::nullopt;
}

} // namespace

Outcome decide(const ProgramState& s, const ChangeCertificationSettings& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_training)) return forbidden("Only an owner or admin changes the certification settings.");
  if (c.access == s.certification.access && c.rules == s.certification.rules) return Events{};
  return Events{CertificationSettingsChanged{c.access, c.rules}};
}

Outcome decide(const ProgramState& s, const SaveTrainingModule& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_training)) return forbidden("Only an owner or admin edits the training modules.");
  TrainingModule m = c.module;
  if (m.id != 0) {
    auto old = s.certification.module(m.id);
    if (!old) return make_error(ErrorCode::not_found, "No such training module.", "data.module.id");
  } else {
    if (s.certification.modules.size() >= max_modules) return invalid("A program has at most 50 training modules.", "data.module");
    m.id = s.certification.next_module_id;
  }
  if (auto e = check_module(m, c.quiz_key)) return *e;
  if (m.kind != ModuleKind::video) m.duration_seconds = 0;
  if (m.kind != ModuleKind::text) m.sections.clear();
  if (m.kind != ModuleKind::demo_script) m.script.clear();
  if (m.kind != ModuleKind::faq) m.faq.clear();
  Events out;
  auto old = s.certification.module(m.id);
  if (!old || !(*old == m)) out.push_back(TrainingModuleSaved{m});
  if (m.kind == ModuleKind::text) {
    auto k = s.certification.quiz_keys.find(m.id);
    if (k == s.certification.quiz_keys.end() || k->second != c.quiz_key) out.push_back(QuizKeySaved{m.id, c.quiz_key});
  }
  return out;
}

Outcome decide(const ProgramState& s, const RemoveTrainingModule& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_training)) return forbidden("Only an owner or admin edits the training modules.");
  if (!s.certification.module(c.module_id)) return make_error(ErrorCode::not_found, "No such training module.", "data.module_id");
  return Events{TrainingModuleRemoved{c.module_id}};
}

Outcome decide(const ProgramState& s, const SaveQuestion& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_training)) return forbidden("Only an owner or admin edits the assessment.");
  Question q = c.question;
  if (q.id != 0) {
    if (!s.certification.question(q.id)) return make_error(ErrorCode::not_found, "No such question.", "data.question.id");
  } else {
    if (s.certification.bank.size() >= max_bank) return invalid("The question bank holds at most 500 questions.", "data.question");
    q.id = s.certification.next_question_id;
  }
  if (auto e = check_question(q)) return *e;
  if (auto old = s.certification.question(q.id); old && *old == q) return Events{};
  return Events{QuestionSaved{q}};
}

Outcome decide(const ProgramState& s, const RemoveQuestion& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_training)) return forbidden("Only an owner or admin edits the assessment.");
  if (!s.certification.question(c.question_id)) return make_error(ErrorCode::not_found, "No such question.", "data.question_id");
  // A running attempt is scored against the bank when it is submitted.
  for (const auto& [p, rec] : s.certification.agents)
    if (auto running = rec.running_attempt())
      for (const auto& q : running->paper)
        if (q.id == c.question_id) return conflict("This question is on an attempt still running: remove it once that attempt is submitted.", "data.question_id");
  return Events{QuestionRemoved{c.question_id}};
}

Outcome decide(const ProgramState& s, const RequestSupportAccess&, const Actor& a, TimeMs) {
  if (auto e = check_active_agent(s, a)) return *e;
  if (s.certification.access == AccessMode::automatic) return conflict("This program gives every approved agent training access: no request is needed.");
  if (record_of(s, a.id).access_requested_at != 0) return conflict("You have already requested support access.");
  return Events{SupportAccessRequested{a.id}};
}

Outcome decide(const ProgramState& s, const RecordTrainingProgress& c, const Actor& a, TimeMs now) {
  if (auto e = check_active_agent(s, a)) return *e;
  if (!has_training_access(s.certification, a.id)) return forbidden("Request support access first: it unlocks the training modules.");
  auto m = s.certification.module(c.module_id);
  if (!m) return make_error(ErrorCode::not_found, "No such training module.", "data.module_id");
  const auto& rec = record_of(s, a.id);
  ModuleProgress p;
  if (auto it = rec.modules.find(c.module_id); it != rec.modules.end()) p = it->second;
  const ModuleProgress before = p;
  p.started = true;
  int quiz_correct = -1, quiz_total = 0;
  auto wrong_step = [&] { return invalid(std::string("'") + c.step + "' is not a step of a " + label_of(m->kind) + ".", "data.step"); };

  if (c.step == "watch") {
    if (m->kind != ModuleKind::video) return wrong_step();
    const auto elapsed = p.last_report_at ? now - p.last_report_at : 0;
    const auto reachable = p.watched_seconds + max_watch_advance_seconds(elapsed);
    // Seeking ahead does not count: the watched position grows only as fast as time passes.
    p.watched_seconds = std::max(p.watched_seconds, std::min({c.position_seconds, reachable, m->duration_seconds}));
    p.last_report_at = now;
    if (p.watched_seconds >= m->duration_seconds - 1) p.completed = true;
  } else if (c.step == "open") {
    if (m->kind != ModuleKind::pdf) return wrong_step();
    p.opened = true;
  } else if (c.step == "acknowledge") {
    if (m->kind != ModuleKind::pdf) return wrong_step();
    if (!p.opened) return conflict("Open the guide before acknowledging it.", "data.step");
    p.completed = true;
  } else if (c.step == "answer_quiz") {
    if (m->kind != ModuleKind::text) return wrong_step();
    if (c.section >= static_cast<int>(m->sections.size())) return invalid("No such section.", "data.section");
    if (c.section > p.sections_passed) return conflict("Pass the earlier sections' quizzes first.", "data.section");
    if (c.section < p.sections_passed) return conflict("You have already passed this section.", "data.section");
    const auto& quiz = m->sections[static_cast<std::size_t>(c.section)].quiz;
    if (c.answers.size() != quiz.size()) return invalid("Answer every question of the section's quiz.", "data.answers");
    auto key = s.certification.quiz_keys.find(m->id);
    quiz_total = static_cast<int>(quiz.size());
    quiz_correct = 0;
    for (std::size_t i = 0; i < quiz.size(); ++i) {
      if (c.answers[i] >= static_cast<int>(quiz[i].options.size())) return invalid("No such option.", "data.answers");
      const bool right = key != s.certification.quiz_keys.end() && static_cast<std::size_t>(c.section) < key->second.size() &&
                         i < key->second[static_cast<std::size_t>(c.section)].size() &&
                         key->second[static_cast<std::size_t>(c.section)][i] == c.answers[i];
      quiz_correct += right ? 1 : 0;
    }
    ++p.quiz_tries;
    if (quiz_correct == quiz_total) ++p.sections_passed;
    if (p.sections_passed >= static_cast<int>(m->sections.size())) p.completed = true;
  } else if (c.step == "practice") {
    if (m->kind != ModuleKind::demo_script) return wrong_step();
    ++p.sessions;
    if (p.sessions >= m->practice_sessions) p.completed = true;
  } else if (c.step == "review") {
    if (m->kind != ModuleKind::faq) return wrong_step();
    if (c.item >= static_cast<int>(m->faq.size())) return invalid("No such question in this FAQ module.", "data.item");
    if (std::find(p.faq_seen.begin(), p.faq_seen.end(), c.item) == p.faq_seen.end()) p.faq_seen.push_back(c.item);
    if (p.faq_seen.size() >= m->faq.size()) p.completed = true;
  } else {
    return invalid("Unknown step.", "data.step");
  }
  if (p.completed && !before.completed) p.completed_at = now;
  if (p == before && quiz_correct < 0) return Events{};
  Events out{TrainingProgressed{a.id, m->id, p, c.step, quiz_correct, quiz_total}};
  if (rec.status == S::not_started) out.push_back(CertificationStatusChanged{a.id, S::in_progress, "Started the training.", 0, 0});
  return out;
}

Outcome decide(const ProgramState& s, const StartAssessment&, const Actor& a, TimeMs now) {
  if (auto e = check_active_agent(s, a)) return *e;
  if (auto why = why_no_attempt(s.certification, a.id, now)) return conflict(why->message);
  const auto& rec = record_of(s, a.id);
  const auto& rules = s.certification.rules;
  Attempt attempt;
  attempt.number = static_cast<int>(rec.attempts.size()) + 1;
  attempt.started_at = now;
  attempt.deadline = now + static_cast<std::int64_t>(rules.time_limit_minutes) * minute_ms;
  // Draw draw_count questions at random (draw_paper: a seeded Fisher-Yates shuffle of the bank).
  for (auto i : draw_paper(s.certification.bank.size(), rules.draw_count, s.id, a.id, attempt.number, now))
    attempt.paper.push_back(paper_question(s.certification.bank[i]));
  Events out{AttemptStarted{a.id, std::move(attempt)}};
  if (rec.status != S::in_progress) out.push_back(CertificationStatusChanged{a.id, S::in_progress, "Started assessment attempt " + std::to_string(rec.attempts.size() + 1) + ".", 0, 0});
  return out;
}

Outcome decide(const ProgramState& s, const SaveAnswers& c, const Actor& a, TimeMs now) {
  if (auto e = check_active_agent(s, a)) return *e;
  auto attempt = record_of(s, a.id).running_attempt();
  if (!attempt || attempt->number != c.attempt) return make_error(ErrorCode::not_found, "No such running attempt.", "data.attempt");
  if (now > attempt->deadline) return conflict("The time for this attempt is up: answers are no longer accepted.", "data.attempt");
  if (auto e = check_answers(*attempt, c.answers)) return *e;
  auto merged = merge_answers(attempt->answers, c.answers);
  if (merged == attempt->answers) return Events{};
  return Events{AnswersSaved{a.id, c.attempt, std::move(merged)}};
}

Outcome decide(const ProgramState& s, const SubmitAssessment& c, const Actor& a, TimeMs now) {
  if (auto e = check_active_agent(s, a)) return *e;
  auto attempt = record_of(s, a.id).running_attempt();
  if (!attempt || attempt->number != c.attempt) return make_error(ErrorCode::not_found, "No such running attempt.", "data.attempt");
  if (now > attempt->deadline + submit_grace_ms) return conflict("The time for this attempt is up: it is submitted with the answers saved before the deadline.", "data.attempt");
  if (auto e = check_answers(*attempt, c.answers)) return *e;
  return submit(s, a.id, *attempt, merge_answers(attempt->answers, c.answers), false, now);
}

Outcome decide(const ProgramState& s, const RequestCertificationException& c, const Actor& a, TimeMs) {
  if (s.role_of(a.id) != Role::agent) return forbidden("Only agents ask for a certification exception.");
  const auto& rec = record_of(s, a.id);
  if (rec.status != S::failed && rec.status != S::revoked) return conflict("An exception is asked for after a failed attempt or a revocation.");
  if (!rec.exception_request.empty()) return conflict("Your request is already with the business.");
  (void)c;
  return Events{CertificationExceptionRequested{a.id, c.message}};
}

Outcome decide(const ProgramState& s, const GradeAttempt& c, const Actor& a, TimeMs now) {
  if (auto e = why_not(s, a.id, c.person_id, CertificationDecision::grade, c.attempt)) return *e; // certification_actions.hpp
  const auto& rec = record_of(s, c.person_id);
  auto it = std::find_if(rec.attempts.begin(), rec.attempts.end(), [&](const Attempt& x) { return x.number == c.attempt; });
  if (it == rec.attempts.end()) return make_error(ErrorCode::not_found, "No such attempt.", "data.attempt");
  std::vector<QuestionGrade> grades = it->grades; // the automatic ones
  std::set<QuestionId> given;
  for (std::size_t i = 0; i < c.grades.size(); ++i) {
    const auto& g = c.grades[i];
    const auto field = "data.grades[" + std::to_string(i) + "]";
    auto q = std::find_if(it->paper.begin(), it->paper.end(), [&](const PaperQuestion& p) { return p.id == g.question_id; });
    if (q == it->paper.end()) return invalid("That question is not on this attempt's paper.", field + ".question_id");
    if (q->kind == QuestionKind::multiple_choice) return invalid("Multiple-choice questions are scored automatically.", field + ".question_id");
    if (!given.insert(g.question_id).second) return invalid("A question is graded twice.", field + ".question_id");
    if (g.score > q->points) return invalid("The score is at most the question's " + std::to_string(q->points) + " points.", field + ".score");
    grades.push_back(QuestionGrade{g.question_id, g.score, g.comment, false});
  }
  for (const auto& q : it->paper)
    if (q.kind != QuestionKind::multiple_choice && !given.count(q.id)) return invalid("Grade every free answer of the attempt.", "data.grades");
  Events out;
  conclude(s, c.person_id, *it, std::move(grades), now, out);
  return out;
}

Outcome decide(const ProgramState& s, const DecideCertification& c, const Actor& a, TimeMs now) {
  if (auto e = why_not(s, a.id, c.person_id, c.approve ? CertificationDecision::approve : CertificationDecision::decline)) return *e;
  if (!c.approve && c.note.empty()) return make_error(ErrorCode::missing_field, "Say why you decline: the agent will see it.", "data.note");
  if (c.approve) return Events{certified(s, c.person_id, now, c.note.empty() ? "Approved by the business." : c.note)};
  return Events{failed(s, c.person_id, now, c.note)};
}

Outcome decide(const ProgramState& s, const GrantCertificationException& c, const Actor& a, TimeMs) {
  const auto decision = c.kind == "waive_retry" ? CertificationDecision::waive_retry : CertificationDecision::extra_attempt;
  if (auto e = why_not(s, a.id, c.person_id, decision)) return *e;
  return Events{CertificationExceptionGranted{c.person_id, c.kind, c.note}};
}

Outcome decide(const ProgramState& s, const RevokeCertification& c, const Actor& a, TimeMs) {
  if (auto e = why_not(s, a.id, c.person_id, CertificationDecision::revoke)) return *e;
  if (c.reason.empty()) return make_error(ErrorCode::missing_field, "A revocation needs a reason: the agent will see it.", "data.reason");
  Events out{CertificationStatusChanged{c.person_id, S::revoked, c.reason, 0, 0}};
  support_rules::hold_customers(s, c.person_id, out); // its customers' tickets go to the business's queue
  return out;
}

bool timers_due(const ProgramState& s, TimeMs now) {
  for (const auto& [p, rec] : s.certification.agents) {
    if (auto at = rec.running_attempt(); at && now > at->deadline) return true;
    if (rec.status == S::certified && rec.expires_at != 0 && now >= rec.expires_at) return true;
  }
  return false;
}

std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now) {
  Events out;
  for (const auto& [p, rec] : s.certification.agents) {
    if (auto at = rec.running_attempt(); at && now > at->deadline) {
      auto events = submit(s, p, *at, at->answers, true, now);
      out.insert(out.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
    }
    if (rec.status == S::certified && rec.expires_at != 0 && now >= rec.expires_at) {
      out.push_back(CertificationStatusChanged{p, S::expired, "The certification reached its expiry date.", 0, 0});
      support_rules::hold_customers(s, p, out);
    }
  }
  return out;
}

} // namespace pd::domain::certification_rules
