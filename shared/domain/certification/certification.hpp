// The support certification's part of a program's state (docs/requirements.md, Certification
// pathway): how agents get training access, the training modules in their five formats, the
// assessment's rules and question bank, and each agent's record (status of the nine, module
// progress, attempts with their papers, answers and grades, exceptions, history). Built only by
// apply(); the rules live in decide_certification.cpp and the pure helpers below.
//
// What agents may never see: the question bank (correct answers, rubrics) and the answer keys
// of the text lessons' quizzes. They live in separate parts of the state (bank, quiz_keys) and
// reach the business only; an agent sees the questions of its own attempts as a paper.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/support/support.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

using ModuleId = std::int64_t;
using QuestionId = std::int64_t;

// Exactly the nine statuses (docs/requirements.md, Certification statuses).
enum class CertificationStatus { not_started, in_progress, submitted, passed, awaiting_manual_review, certified, failed, expired, revoked };
NLOHMANN_JSON_SERIALIZE_ENUM(CertificationStatus, {{CertificationStatus::not_started, "not_started"},
                                                   {CertificationStatus::in_progress, "in_progress"},
                                                   {CertificationStatus::submitted, "submitted"},
                                                   {CertificationStatus::passed, "passed"},
                                                   {CertificationStatus::awaiting_manual_review, "awaiting_manual_review"},
                                                   {CertificationStatus::certified, "certified"},
                                                   {CertificationStatus::failed, "failed"},
                                                   {CertificationStatus::expired, "expired"},
                                                   {CertificationStatus::revoked, "revoked"}})
const char* label_of(CertificationStatus s);   // "Awaiting Manual Review"
const char* meaning_of(CertificationStatus s); // its meaning for the agent (docs/requirements.md, Certification statuses)

// Support access: agents ask for it, or every approved (active) agent has it.
enum class AccessMode { request, automatic };
NLOHMANN_JSON_SERIALIZE_ENUM(AccessMode, {{AccessMode::request, "request"}, {AccessMode::automatic, "automatic"}})

// The final review after a passing score: certified at once, or the business approves.
enum class FinalReview { automatic, manual };
NLOHMANN_JSON_SERIALIZE_ENUM(FinalReview, {{FinalReview::automatic, "automatic"}, {FinalReview::manual, "manual"}})

// ---- Training modules (five formats: docs/requirements.md, Certification pathway) --------

enum class ModuleKind { video, pdf, text, demo_script, faq };
NLOHMANN_JSON_SERIALIZE_ENUM(ModuleKind, {{ModuleKind::video, "video"},
                                          {ModuleKind::pdf, "pdf"},
                                          {ModuleKind::text, "text"},
                                          {ModuleKind::demo_script, "demo_script"},
                                          {ModuleKind::faq, "faq"}})
const char* label_of(ModuleKind k); // "Video lesson"

// A question of a text lesson's embedded quiz, as agents see it (the key is kept apart).
struct QuizQuestion {
  std::string prompt;
  std::vector<std::string> options;
  bool operator==(const QuizQuestion&) const = default;
};
struct LessonSection {
  std::string title;
  std::string body;
  std::vector<QuizQuestion> quiz; // passed (every answer right) before the next section opens
  bool operator==(const LessonSection&) const = default;
};
struct FaqItem {
  std::string question;
  std::string answer;
  bool operator==(const FaqItem&) const = default;
};

struct TrainingModule {
  ModuleId id = 0;
  ModuleKind kind = ModuleKind::text;
  std::string title;
  std::string description;
  bool required = true;
  Attachment file;                    // video (mp4/webm) or PDF, uploaded to the program's file store
  std::int64_t duration_seconds = 0;  // video: its length; complete when watched to the end
  std::vector<LessonSection> sections; // text lesson
  std::string script;                 // demo script
  int practice_sessions = 3;          // demo script: complete after this many practice sessions
  std::vector<FaqItem> faq;           // FAQ module: complete when every item has been worked through
  bool operator==(const TrainingModule&) const = default;
};

// The answer key of a text lesson: for each section, for each quiz question, the right option.
using QuizKey = std::vector<std::vector<int>>;

// ---- Assessment --------------------------------------------------------------------------

enum class QuestionKind { multiple_choice, short_answer, scenario };
NLOHMANN_JSON_SERIALIZE_ENUM(QuestionKind, {{QuestionKind::multiple_choice, "multiple_choice"},
                                            {QuestionKind::short_answer, "short_answer"},
                                            {QuestionKind::scenario, "scenario"}})
const char* label_of(QuestionKind k);

// A question of the bank, with its answer: the right options of a multiple-choice question
// (one or several), the rubric of a free answer.
struct Question {
  QuestionId id = 0;
  QuestionKind kind = QuestionKind::multiple_choice;
  std::string prompt;
  std::string situation; // scenario: the customer situation
  std::vector<std::string> options;
  std::vector<int> correct; // multiple choice: indices into options
  std::string rubric;       // short answer and scenario: what a good answer holds
  int points = 1;
  bool operator==(const Question&) const = default;
};

// The rules every agent may read.
struct AssessmentRules {
  int draw_count = 10;          // questions drawn at random from the bank per attempt (shuffled)
  int time_limit_minutes = 30;  // the server refuses answers after the deadline and submits the attempt itself
  int pass_percent = 70;        // of the drawn questions' points
  FinalReview final_review = FinalReview::manual;
  int retry_days = 3;           // wait after a failed attempt
  int max_attempts = 3;         // per certification cycle; 0: no limit
  int validity_months = 12;     // a certification expires after this; 0: never
  bool operator==(const AssessmentRules&) const = default;
};

// ---- An agent's record -------------------------------------------------------------------

struct ModuleProgress {
  bool started = false;
  bool completed = false;
  TimeMs completed_at = 0;
  std::int64_t watched_seconds = 0; // video: watched without skipping, from the start
  TimeMs last_report_at = 0;        // video: when watching was last reported
  bool opened = false;              // PDF
  int sections_passed = 0;          // text lesson
  int quiz_tries = 0;               // text lesson: quiz answers sent
  int sessions = 0;                 // demo script
  std::vector<int> faq_seen;        // FAQ module: the items worked through
  bool operator==(const ModuleProgress&) const = default;
};

// A question as it appears on an agent's paper: no answer, no rubric.
struct PaperQuestion {
  QuestionId id = 0;
  QuestionKind kind = QuestionKind::multiple_choice;
  std::string prompt;
  std::string situation;
  std::vector<std::string> options;
  bool several = false; // more than one right option
  int points = 1;
  bool operator==(const PaperQuestion&) const = default;
};
struct AnswerGiven {
  QuestionId question_id = 0;
  std::vector<int> choices; // multiple choice
  std::string text;         // short answer and scenario
  bool operator==(const AnswerGiven&) const = default;
};
struct QuestionGrade {
  QuestionId question_id = 0;
  int score = 0;
  std::string comment;
  bool automatic = false; // scored by the rules (multiple choice)
  bool operator==(const QuestionGrade&) const = default;
};

struct Attempt {
  int number = 0; // 1, 2, ... over the agent's whole record
  TimeMs started_at = 0;
  TimeMs deadline = 0;
  std::vector<PaperQuestion> paper;
  std::vector<AnswerGiven> answers;
  TimeMs submitted_at = 0; // 0 while running
  bool auto_submitted = false;
  std::vector<QuestionGrade> grades; // automatic ones at submission; free answers when the business grades
  bool graded = false;
  int score = 0;
  int max_score = 0;
  bool passed = false;
  PersonId graded_by = 0;
  bool running() const { return submitted_at == 0; }
  bool operator==(const Attempt&) const = default;
};

// One line of an agent's certification history: a status change, with who and when.
struct CertificationEntry {
  TimeMs at = 0;
  CertificationStatus status = CertificationStatus::not_started;
  PersonId by = 0; // 0: the system (automatic grading, the scheduler)
  std::string note;
  bool operator==(const CertificationEntry&) const = default;
};

struct AgentCertification {
  PersonId person_id = 0;
  CertificationStatus status = CertificationStatus::not_started;
  TimeMs status_since = 0;
  TimeMs access_requested_at = 0; // 0: not requested
  std::map<ModuleId, ModuleProgress> modules;
  std::vector<Attempt> attempts;
  int cycle_start = 0;      // attempts before this index belong to earlier cycles (before a certification)
  int extra_attempts = 0;   // granted by the business as an exception (this cycle)
  TimeMs retry_after = 0;   // no new attempt before this, unless waived
  bool retry_waived = false;
  TimeMs certified_at = 0;
  TimeMs expires_at = 0;    // 0: does not expire
  std::string revoked_reason;
  std::string exception_request; // the agent's request for a manual review or an exception
  TimeMs exception_requested_at = 0;
  std::vector<CertificationEntry> history;
  Sequence version = 0;

  const Attempt* running_attempt() const;
  const Attempt* last_attempt() const { return attempts.empty() ? nullptr : &attempts.back(); }
  int attempts_this_cycle() const { return static_cast<int>(attempts.size()) - cycle_start; }
  bool operator==(const AgentCertification&) const = default;
};

struct CertificationState {
  AccessMode access = AccessMode::request;
  AssessmentRules rules;
  std::vector<TrainingModule> modules; // in the order agents work through them
  ModuleId next_module_id = 1;
  // Business only (never in an agent's replica).
  std::vector<Question> bank;
  QuestionId next_question_id = 1;
  std::map<ModuleId, QuizKey> quiz_keys;
  // Every agent of the program from the moment it joins (Not Started until it requests access),
  // and every one the business acted on.
  std::map<PersonId, AgentCertification> agents;

  const TrainingModule* module(ModuleId id) const;
  const Question* question(QuestionId id) const;
  const AgentCertification* agent(PersonId p) const;
  bool operator==(const CertificationState&) const = default;
};

// ---- Pure rules shared by decide() and the views -----------------------------------------

// The agent's status (not_started for agents with no record).
CertificationStatus certification_status(const CertificationState& c, PersonId agent);
bool is_certified(const CertificationState& c, PersonId agent);
// The Certified Support Partner badge on the agent's profile (docs/requirements.md, Badge),
// visible to every business that looks at the agent (agents list, people, customer
// assignment, ticket header, the agent's own profile). Shown while the agent is Certified and
// the certification has not run past its expiry at `now`; with the date it was certified and
// the date it expires (0: never).
struct CertifiedBadge {
  TimeMs certified_at = 0;
  TimeMs expires_at = 0;
  bool operator==(const CertifiedBadge&) const = default;
};
std::optional<CertifiedBadge> certified_badge(const CertificationState& c, PersonId agent, TimeMs now);
// Whether the agent can open the training library: access requested, or granted to all.
bool has_training_access(const CertificationState& c, PersonId agent);
// The agent's required modules: how many there are and how many are complete.
struct ModuleProgressCount {
  int done = 0;
  int required = 0;
};
ModuleProgressCount required_module_progress(const CertificationState& c, PersonId agent);
// Every required module complete.
bool required_modules_complete(const CertificationState& c, PersonId agent);
// The file types a training module may have: MP4 or WebM video, PDF guides.
bool is_training_file_type(std::string_view content_type);
// Attempts left in this cycle (-1: no limit).
int attempts_left(const CertificationState& c, PersonId agent);

// Why the agent may not start an attempt at `now`, or nullopt when it may. The message is
// what the agent sees; the code is the error's.
struct StartRefusal {
  std::string message;
  bool conflict = false; // a state the agent can wait out or ask about (409), else 422-like
};
// bank_known: false in an agent's replica, which does not hold the question bank.
std::optional<StartRefusal> why_no_attempt(const CertificationState& c, PersonId agent, TimeMs now, bool bank_known = true);

// The questions on an attempt's paper, as indices into the bank in paper order: draw_count of
// them, drawn by a Fisher-Yates shuffle seeded (splitmix64) by the program, the agent, the
// attempt's number and the instant it starts, so the same attempt always gets the same paper.
std::vector<std::size_t> draw_paper(std::size_t bank_size, int draw_count, std::int64_t program, PersonId agent, int attempt_number,
                                    TimeMs started_at);

// Score a multiple-choice answer: the question's points when exactly the right options are chosen.
int score_choice(const Question& q, const std::vector<int>& choices);

// A video counts as watched only as fast as time passes: from `watched`, a report made
// `elapsed_ms` after the previous one moves the watched position by at most this (2x speed
// plus 5 s, with at most a minute of the elapsed time counted).
std::int64_t max_watch_advance_seconds(std::int64_t elapsed_ms);

// Calendar months after an instant (same day of month, clamped to the month's end; UTC).
TimeMs add_months(TimeMs at, int months);

// The default certification of a new program: request mode, the rules above, no modules.
CertificationState default_certification();

// JSON codecs.
PD_JSON_TYPE(QuizQuestion, prompt, options)
PD_JSON_TYPE(LessonSection, title, body, quiz)
PD_JSON_TYPE(FaqItem, question, answer)
PD_JSON_TYPE(TrainingModule, id, kind, title, description, required, file, duration_seconds, sections,
                                                script, practice_sessions, faq)
PD_JSON_TYPE(Question, id, kind, prompt, situation, options, correct, rubric, points)
PD_JSON_TYPE(AssessmentRules, draw_count, time_limit_minutes, pass_percent, final_review, retry_days,
                                                max_attempts, validity_months)
PD_JSON_TYPE(ModuleProgress, started, completed, completed_at, watched_seconds, last_report_at, opened,
                                                sections_passed, quiz_tries, sessions, faq_seen)
PD_JSON_TYPE(PaperQuestion, id, kind, prompt, situation, options, several, points)
PD_JSON_TYPE(AnswerGiven, question_id, choices, text)
PD_JSON_TYPE(QuestionGrade, question_id, score, comment, automatic)
PD_JSON_TYPE(Attempt, number, started_at, deadline, paper, answers, submitted_at, auto_submitted, grades,
                                                graded, score, max_score, passed, graded_by)
PD_JSON_TYPE(CertificationEntry, at, status, by, note)
void to_json(nlohmann::json& j, const AgentCertification& a);
void from_json(const nlohmann::json& j, AgentCertification& a);
void to_json(nlohmann::json& j, const CertificationState& c);
void from_json(const nlohmann::json& j, CertificationState& c);

} // namespace pd::domain
