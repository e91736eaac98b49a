#include "shared/domain/certification/certification_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::enum_word;
using core::make_error;

namespace {

// The JSON array at data[field] with at most `max` items (nullptr when absent or on error).
const nlohmann::json* list(FieldReader& r, const nlohmann::json&, const char* field, std::size_t max, bool required = false) {
  return r.list(field, max, required);
}

std::vector<std::string> strings(FieldReader& r, const nlohmann::json& data, const char* field, std::size_t max, std::size_t max_len) {
  std::vector<std::string> out;
  auto a = list(r, data, field, max);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto& v = (*a)[i];
    const auto name = r.name_of(field) + "[" + std::to_string(i) + "]";
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > max_len ||
        !core::is_clean_utf8(v.get<std::string>())) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be text of 1-" + std::to_string(max_len) + " characters.", name));
      return {};
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<int> integers(FieldReader& r, const nlohmann::json& data, const char* field, std::size_t max, int lo, int hi) {
  std::vector<int> out;
  auto a = list(r, data, field, max);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto& v = (*a)[i];
    const auto name = r.name_of(field) + "[" + std::to_string(i) + "]";
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ".", name));
      return {};
    }
    out.push_back(v.get<int>());
  }
  return out;
}

// Runs `read` on each object of data[field], with a reader named "field[i]".
template <class F>
void each_object(FieldReader& r, const nlohmann::json& data, const char* field, std::size_t max, F read, bool required = false) {
  auto a = list(r, data, field, max, required);
  if (!a) return;
  for (std::size_t i = 0; i < a->size() && !r.error(); ++i) {
    const auto name = r.name_of(field) + "[" + std::to_string(i) + "]";
    if (!(*a)[i].is_object()) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be an object.", name));
      return;
    }
    read((*a)[i], name);
  }
}

Attachment read_file(FieldReader& r, const nlohmann::json& obj, const std::string& name) {
  FieldReader f(obj, {"name", "content_type", "size", "sha256"}, name);
  Attachment a;
  a.name = f.text("name", {1, 200});
  a.content_type = f.text("content_type", {3, 100});
  a.size = f.integer("size", 1, INT64_MAX);
  a.sha256 = f.text("sha256", {64, 64});
  for (char ch : a.sha256)
    if (!f.error() && !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
      f.fail(make_error(ErrorCode::invalid_field, "'" + name + ".sha256' must be 64 lowercase hex digits.", name + ".sha256"));
  if (f.error()) r.fail(*f.error());
  return a;
}

AssessmentRules read_rules(FieldReader& r, const nlohmann::json& obj) {
  AssessmentRules x;
  FieldReader f(obj, {"draw_count", "time_limit_minutes", "pass_percent", "final_review", "retry_days", "max_attempts", "validity_months"},
                "data.rules");
  x.draw_count = static_cast<int>(f.integer("draw_count", 1, static_cast<std::int64_t>(max_bank)));
  x.time_limit_minutes = static_cast<int>(f.integer("time_limit_minutes", 1, 600));
  x.pass_percent = static_cast<int>(f.integer("pass_percent", 1, 100));
  x.final_review = enum_word(f, "final_review", {"automatic", "manual"}, FinalReview::manual);
  x.retry_days = static_cast<int>(f.integer("retry_days", 0, 365));
  x.max_attempts = static_cast<int>(f.integer("max_attempts", 0, 100));
  x.validity_months = static_cast<int>(f.integer("validity_months", 0, 120));
  if (f.error()) r.fail(*f.error());
  return x;
}

std::vector<AnswerGiven> read_answers(FieldReader& r, const nlohmann::json& data) {
  std::vector<AnswerGiven> out;
  each_object(r, data, "answers", max_bank, [&](const nlohmann::json& obj, const std::string& name) {
    FieldReader f(obj, {"question_id", "choices", "text"}, name);
    AnswerGiven a;
    a.question_id = f.integer("question_id", 1, INT64_MAX);
    a.choices = integers(f, obj, "choices", max_options, 0, static_cast<int>(max_options) - 1);
    a.text = f.optional_text("text", {0, max_answer_text, false}).value_or("");
    if (f.error()) r.fail(*f.error());
    out.push_back(std::move(a));
  });
  return out;
}

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeCertificationSettings& c) {
  FieldReader r(data, {"access", "rules"}, "data");
  c.access = enum_word(r, "access", {"request", "automatic"}, AccessMode::request);
  const auto& rules = r.object("rules");
  if (!r.error()) c.rules = read_rules(r, rules);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SaveTrainingModule& c) {
  FieldReader r(data, {"module", "quiz_key"}, "data");
  const auto& obj = r.object("module");
  if (r.error()) return r.error();
  FieldReader m(obj, {"id", "kind", "title", "description", "required", "file", "duration_seconds", "sections", "script", "practice_sessions", "faq"},
                "data.module");
  auto& x = c.module;
  x.id = m.optional_integer("id", 0, INT64_MAX).value_or(0);
  x.kind = enum_word(m, "kind", {"video", "pdf", "text", "demo_script", "faq"}, ModuleKind::text);
  x.title = m.text("title", {1, 120});
  x.description = m.optional_text("description", {0, 2000}).value_or("");
  x.required = !m.has("required") || m.boolean("required");
  if (m.has("file")) {
    const auto& f = m.object("file");
    if (!m.error()) x.file = read_file(m, f, "data.module.file");
  }
  x.duration_seconds = m.optional_integer("duration_seconds", 0, std::int64_t{24} * 3600).value_or(0);
  each_object(m, obj, "sections", max_sections, [&](const nlohmann::json& so, const std::string& name) {
    FieldReader s(so, {"title", "body", "quiz"}, name);
    LessonSection sec;
    sec.title = s.text("title", {1, 120});
    sec.body = s.text("body", {1, max_lesson_text, false});
    each_object(s, so, "quiz", max_quiz_questions, [&](const nlohmann::json& qo, const std::string& qname) {
      FieldReader q(qo, {"prompt", "options"}, qname);
      QuizQuestion qq;
      qq.prompt = q.text("prompt", {1, 1000});
      qq.options = strings(q, qo, "options", max_options, 300);
      if (!q.error() && qq.options.size() < 2)
        q.fail(make_error(ErrorCode::invalid_field, "A quiz question needs at least two options.", qname + ".options"));
      if (q.error()) s.fail(*q.error());
      sec.quiz.push_back(std::move(qq));
    });
    if (s.error()) m.fail(*s.error());
    x.sections.push_back(std::move(sec));
  });
  x.script = m.optional_text("script", {0, max_lesson_text, false}).value_or("");
  x.practice_sessions = static_cast<int>(m.optional_integer("practice_sessions", 1, 100).value_or(3));
  each_object(m, obj, "faq", max_faq_items, [&](const nlohmann::json& fo, const std::string& name) {
    FieldReader f(fo, {"question", "answer"}, name);
    FaqItem item;
    item.question = f.text("question", {1, 1000});
    item.answer = f.text("answer", {1, 10'000, false});
    if (f.error()) m.fail(*f.error());
    x.faq.push_back(std::move(item));
  });
  if (m.error()) return m.error();
  if (auto a = list(r, data, "quiz_key", max_sections)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const auto name = "data.quiz_key[" + std::to_string(i) + "]";
      std::vector<int> row;
      bool ok = (*a)[i].is_array() && (*a)[i].size() <= max_quiz_questions;
      for (std::size_t k = 0; ok && k < (*a)[i].size(); ++k) {
        const auto& v = (*a)[i][k];
        ok = v.is_number_integer() && v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() < static_cast<std::int64_t>(max_options);
        if (ok) row.push_back(v.get<int>());
      }
      if (!ok) return make_error(ErrorCode::invalid_field, "'" + name + "' lists the right option of each quiz question.", name);
      c.quiz_key.push_back(std::move(row));
    }
  }
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RemoveTrainingModule& c) {
  FieldReader r(data, {"module_id"}, "data");
  c.module_id = r.integer("module_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SaveQuestion& c) {
  FieldReader r(data, {"question"}, "data");
  const auto& obj = r.object("question");
  if (r.error()) return r.error();
  FieldReader q(obj, {"id", "kind", "prompt", "situation", "options", "correct", "rubric", "points"}, "data.question");
  auto& x = c.question;
  x.id = q.optional_integer("id", 0, INT64_MAX).value_or(0);
  x.kind = enum_word(q, "kind", {"multiple_choice", "short_answer", "scenario"}, QuestionKind::multiple_choice);
  x.prompt = q.text("prompt", {1, 2000});
  x.situation = q.optional_text("situation", {0, 5000, false}).value_or("");
  x.options = strings(q, obj, "options", max_options, 300);
  x.correct = integers(q, obj, "correct", max_options, 0, static_cast<int>(max_options) - 1);
  x.rubric = q.optional_text("rubric", {0, 5000, false}).value_or("");
  x.points = static_cast<int>(q.optional_integer("points", 1, 100).value_or(1));
  return q.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RemoveQuestion& c) {
  FieldReader r(data, {"question_id"}, "data");
  c.question_id = r.integer("question_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RequestSupportAccess&) {
  FieldReader r(data, {}, "data");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RecordTrainingProgress& c) {
  FieldReader r(data, {"module_id", "step", "position_seconds", "section", "answers", "item"}, "data");
  c.module_id = r.integer("module_id", 1, INT64_MAX);
  c.step = r.word("step", {"watch", "open", "acknowledge", "answer_quiz", "practice", "review"});
  c.position_seconds = r.optional_integer("position_seconds", 0, std::int64_t{24} * 3600).value_or(0);
  c.section = static_cast<int>(r.optional_integer("section", 0, static_cast<std::int64_t>(max_sections) - 1).value_or(0));
  c.answers = integers(r, data, "answers", max_quiz_questions, 0, static_cast<int>(max_options) - 1);
  c.item = static_cast<int>(r.optional_integer("item", 0, static_cast<std::int64_t>(max_faq_items) - 1).value_or(0));
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, StartAssessment&) {
  FieldReader r(data, {}, "data");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SaveAnswers& c) {
  FieldReader r(data, {"attempt", "answers"}, "data");
  c.attempt = static_cast<int>(r.integer("attempt", 1, 100'000));
  c.answers = read_answers(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SubmitAssessment& c) {
  FieldReader r(data, {"attempt", "answers"}, "data");
  c.attempt = static_cast<int>(r.integer("attempt", 1, 100'000));
  c.answers = read_answers(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RequestCertificationException& c) {
  FieldReader r(data, {"message"}, "data");
  c.message = r.text("message", {1, 2000});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, GradeAttempt& c) {
  FieldReader r(data, {"person_id", "attempt", "grades"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.attempt = static_cast<int>(r.integer("attempt", 1, 100'000));
  each_object(
      r, data, "grades", max_bank,
      [&](const nlohmann::json& obj, const std::string& name) {
        FieldReader f(obj, {"question_id", "score", "comment"}, name);
        QuestionGrade g;
        g.question_id = f.integer("question_id", 1, INT64_MAX);
        g.score = static_cast<int>(f.integer("score", 0, 100));
        g.comment = f.optional_text("comment", {0, 2000}).value_or("");
        if (f.error()) r.fail(*f.error());
        c.grades.push_back(std::move(g));
      },
      true);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, DecideCertification& c) {
  FieldReader r(data, {"person_id", "approve", "note"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.approve = r.boolean("approve");
  c.note = r.optional_text("note", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, GrantCertificationException& c) {
  FieldReader r(data, {"person_id", "kind", "note"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.kind = r.word("kind", {"extra_attempt", "waive_retry"});
  c.note = r.optional_text("note", {0, 2000}).value_or("");
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RevokeCertification& c) {
  FieldReader r(data, {"person_id", "reason"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.reason = r.optional_text("reason", {0, 2000}).value_or("");
  return r.error();
}

nlohmann::json write_command(const ChangeCertificationSettings& c) { return {{"access", c.access}, {"rules", c.rules}}; }
nlohmann::json write_command(const SaveTrainingModule& c) {
  nlohmann::json m = c.module;
  if (c.module.file.sha256.empty()) m.erase("file");
  nlohmann::json j = {{"module", m}};
  if (!c.quiz_key.empty()) j["quiz_key"] = c.quiz_key;
  return j;
}
nlohmann::json write_command(const RemoveTrainingModule& c) { return {{"module_id", c.module_id}}; }
nlohmann::json write_command(const SaveQuestion& c) { return {{"question", c.question}}; }
nlohmann::json write_command(const RemoveQuestion& c) { return {{"question_id", c.question_id}}; }
nlohmann::json write_command(const RequestSupportAccess&) { return nlohmann::json::object(); }
nlohmann::json write_command(const RecordTrainingProgress& c) {
  nlohmann::json j = {{"module_id", c.module_id}, {"step", c.step}};
  if (c.step == "watch") j["position_seconds"] = c.position_seconds;
  if (c.step == "answer_quiz") j["section"] = c.section, j["answers"] = c.answers;
  if (c.step == "review") j["item"] = c.item;
  return j;
}
nlohmann::json write_command(const StartAssessment&) { return nlohmann::json::object(); }
nlohmann::json write_command(const SaveAnswers& c) { return {{"attempt", c.attempt}, {"answers", c.answers}}; }
nlohmann::json write_command(const SubmitAssessment& c) { return {{"attempt", c.attempt}, {"answers", c.answers}}; }
nlohmann::json write_command(const RequestCertificationException& c) { return {{"message", c.message}}; }
nlohmann::json write_command(const GradeAttempt& c) {
  nlohmann::json grades = nlohmann::json::array();
  for (const auto& g : c.grades) grades.push_back({{"question_id", g.question_id}, {"score", g.score}, {"comment", g.comment}});
  return {{"person_id", c.person_id}, {"attempt", c.attempt}, {"grades", grades}};
}
nlohmann::json write_command(const DecideCertification& c) { return {{"person_id", c.person_id}, {"approve", c.approve}, {"note", c.note}}; }
nlohmann::json write_command(const GrantCertificationException& c) { return {{"person_id", c.person_id}, {"kind", c.kind}, {"note", c.note}}; }
nlohmann::json write_command(const RevokeCertification& c) { return {{"person_id", c.person_id}, {"reason", c.reason}}; }

} // namespace pd::domain
