// An agent's certification page (#/p/{id}/training), the pathway of docs/requirements.md,
// Certification pathway, top to bottom: the status and what it means, Request Support Access,
// the progress tracker with every training module worked in place, and the assessment (Take
// Assessment only once every required module is complete; a running attempt with its countdown;
// the result, the retry date and the attempts left; a request for a manual review or an
// exception).
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/platform/media.hpp"
#include "client/views/layout.hpp"
#include "client/views/tones.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

using namespace domain;

namespace {


std::string clock_text(std::int64_t ms) {
  if (ms < 0) ms = 0;
  const auto s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

void progress(const char* module_key, Dispatch& dispatch, RecordTrainingProgress c) {
  (void)module_key;
  dispatch(SendCommand{FormId::cert_progress, std::move(c)});
}

// A text lesson: its sections in order, each opening once the one before is passed (its quiz answered).
void text_lesson(const TrainingModule& m, const ModuleProgress& p, TrainingForm& f, Dispatch& dispatch) {
  for (std::size_t i = 0; i < m.sections.size(); ++i) {
    const auto& sec = m.sections[i];
    ImGui::PushID(static_cast<int>(i));
    const bool passed = static_cast<int>(i) < p.sections_passed;
    const bool current = static_cast<int>(i) == p.sections_passed;
    ui::heading(std::to_string(i + 1) + ". " + sec.title + (passed ? "  \xE2\x9C\x93" : ""), 15.5f, passed ? ui::color::success : ui::color::text);
    if (!passed && !current) {
      ui::text("Opens when the section before it is passed.", ui::color::muted);
      ImGui::PopID();
      continue;
    }
    ui::text_wrapped(sec.body);
    if (current) {
      auto& choices = f.quiz[std::to_string(m.id) + "." + std::to_string(i)];
      choices.resize(sec.quiz.size(), -1);
      for (std::size_t q = 0; q < sec.quiz.size(); ++q) {
        ImGui::PushID(static_cast<int>(q));
        ui::field_label(sec.quiz[q].prompt);
        for (std::size_t o = 0; o < sec.quiz[q].options.size(); ++o)
          if (ImGui::RadioButton(sec.quiz[q].options[o].c_str(), choices[q] == static_cast<int>(o))) choices[q] = static_cast<int>(o);
        ImGui::PopID();
      }
      const bool ready = std::none_of(choices.begin(), choices.end(), [](int c) { return c < 0; });
      if (ui::primary_button(sec.quiz.empty() ? "Mark section as read" : "Check answers", ImVec2(0, ui::dp(34)), ready))
        progress("", dispatch, RecordTrainingProgress{m.id, "answer_quiz", 0, static_cast<int>(i), choices, 0});
    }
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
}

// A video lesson: the player lies over the room kept for it; the page reports the stretch watched from
// the start without skipping, every few seconds and at the end.
void video_lesson(const TrainingModule& m, const ModuleProgress& p, TrainingForm& f, const SupportForm& form, Dispatch& dispatch,
                  std::int64_t program) {
  const float w = std::min(ImGui::GetContentRegionAvail().x, ui::dp(640));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, w * 9 / 16));
  const std::string key = "module-" + std::to_string(m.id);
  const std::string url = "/api/v1/programs/" + std::to_string(program) + "/files/" + m.file.sha256;
  if (ImGui::IsItemVisible()) {
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin(), clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    platform::place_video(key.c_str(), url.c_str(), at.x, at.y, w, w * 9 / 16, clip_min.x, clip_min.y, clip_max.x, clip_max.y,
                          platform::device_pixel_ratio());
  }
  const double watched = platform::watched_seconds(key.c_str());
  if (platform::video_playing(key.c_str())) platform::wake();
  const bool at_end = watched >= static_cast<double>(m.duration_seconds) - 1;
  if (!p.completed && watched > static_cast<double>(p.watched_seconds) + (at_end ? 0.5 : 5.0) && !form.sending &&
      platform::now_ms() - f.last_watch_report > 4000) {
    f.last_watch_report = platform::now_ms();
    progress("", dispatch, RecordTrainingProgress{m.id, "watch", static_cast<std::int64_t>(watched), 0, {}, 0});
  }
  ui::text(p.completed ? "Watched to the end." : "Watched " + std::to_string(p.watched_seconds) + " of " + std::to_string(m.duration_seconds) +
                                                  " seconds. Skipping ahead does not count.",
           p.completed ? ui::color::success : ui::color::muted);
}

// One module, worked in place.
void module_body(const TrainingModule& m, const ModuleProgress& p, TrainingForm& f, const SupportForm& form, Dispatch& dispatch,
                 std::int64_t program) {
  if (!m.description.empty()) ui::text_wrapped(m.description, ui::color::muted);
  ImGui::Dummy(ui::dp(0, 4));
  ImGui::BeginDisabled(form.sending);
  switch (m.kind) {
  case ModuleKind::text:
    text_lesson(m, p, f, dispatch);
    break;
  case ModuleKind::demo_script:
    ui::begin_tinted(ui::tone::neutral);
    ui::text_wrapped(m.script);
    ui::end_tinted();
    ui::text("Practice sessions: " + std::to_string(p.sessions) + " of " + std::to_string(m.practice_sessions), ui::color::muted);
    if (ui::secondary_button("Log a practice session")) progress("", dispatch, RecordTrainingProgress{m.id, "practice", 0, 0, {}, 0});
    break;
  case ModuleKind::faq:
    for (std::size_t i = 0; i < m.faq.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const bool seen = std::find(p.faq_seen.begin(), p.faq_seen.end(), static_cast<int>(i)) != p.faq_seen.end();
      if (ImGui::CollapsingHeader((m.faq[i].question + (seen ? "  \xE2\x9C\x93" : "") + "###faq").c_str())) {
        ui::text_wrapped(m.faq[i].answer);
        if (!seen && ui::secondary_button("Worked through")) progress("", dispatch, RecordTrainingProgress{m.id, "review", 0, 0, {}, static_cast<int>(i)});
      }
      ImGui::PopID();
    }
    break;
  case ModuleKind::pdf:
    if (ui::secondary_button("Open the guide")) {
      platform::open_url(("/api/v1/programs/" + std::to_string(program) + "/files/" + m.file.sha256).c_str());
      if (!p.opened) progress("", dispatch, RecordTrainingProgress{m.id, "open", 0, 0, {}, 0});
    }
    ImGui::SameLine(0, ui::dp(8));
    if (ui::primary_button("I have read this guide", ImVec2(0, 0), p.opened && !p.completed))
      progress("", dispatch, RecordTrainingProgress{m.id, "acknowledge", 0, 0, {}, 0});
    if (!p.opened) ui::text("Open the guide first.", ui::color::muted);
    break;
  case ModuleKind::video:
    video_lesson(m, p, f, form, dispatch, program);
    break;
  }
  ImGui::EndDisabled();
}

void attempt_view(const Attempt& a, const CertificationState& c, TrainingForm& f, const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  const auto now = clock_ms();
  const auto left = a.deadline - now;
  const auto& form = ui_state.form(FormId::cert_submit);
  if (f.attempt != a.number) { // resume: the answers saved on the server
    f.attempt = a.number;
    f.answers.clear();
    for (const auto& ans : a.answers) f.answers[ans.question_id] = ans;
    f.dirty = false;
  }
  ui::heading("Attempt " + std::to_string(a.number), 17);
  ui::pill("Time left " + clock_text(left), left < 2 * 60'000 ? ui::tone::danger : ui::tone::accent);
  ImGui::SameLine(0, ui::dp(8));
  ui::text(std::to_string(a.paper.size()) + " questions, " + std::to_string(c.rules.pass_percent) + "% to pass. Answers are kept as you go.",
           ui::color::muted);
  ImGui::Dummy(ui::dp(0, 6));
  ImGui::BeginDisabled(left <= 0 || form.sending);
  for (std::size_t i = 0; i < a.paper.size(); ++i) {
    const auto& q = a.paper[i];
    ImGui::PushID(static_cast<int>(q.id));
    auto& ans = f.answers[q.id];
    ans.question_id = q.id;
    ui::begin_tinted(ui::tone::neutral);
    ui::text(std::to_string(i + 1) + ". " + label_of(q.kind) + " \xC2\xB7 " + std::to_string(q.points) + (q.points == 1 ? " point" : " points"),
             ui::color::muted);
    if (!q.situation.empty()) ui::text_wrapped(q.situation, ui::color::neutral);
    ui::text_wrapped(q.prompt);
    if (q.kind == QuestionKind::multiple_choice) {
      if (q.several) ui::text("Choose every right answer.", ui::color::muted);
      for (std::size_t o = 0; o < q.options.size(); ++o) {
        const int oi = static_cast<int>(o);
        bool on = std::find(ans.choices.begin(), ans.choices.end(), oi) != ans.choices.end();
        const bool changed = q.several ? ImGui::Checkbox(q.options[o].c_str(), &on) : ImGui::RadioButton(q.options[o].c_str(), on);
        if (changed) {
          if (!q.several) ans.choices = {oi};
          else if (on) ans.choices.push_back(oi);
          else std::erase(ans.choices, oi);
          f.dirty = true, f.changed_at = platform::now_ms();
        }
      }
    } else if (multiline(("##Answer-" + std::to_string(q.id)).c_str(), ans.text, ui::dp(110))) {
      f.dirty = true, f.changed_at = platform::now_ms();
    }
    ui::end_tinted();
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  std::vector<AnswerGiven> answers;
  for (const auto& [id, ans] : f.answers)
    if (!ans.choices.empty() || !ans.text.empty()) answers.push_back(ans);
  // Saved a moment after the last change, so a reload or a second tab resumes them.
  if (f.dirty && platform::now_ms() - f.changed_at > 1500 && !ui_state.form(FormId::cert_save).sending && left > 0) {
    f.dirty = false;
    dispatch(SendCommand{FormId::cert_save, SaveAnswers{a.number, answers}});
  }
  form_errors(form);
  if (left <= 0) ui::message_box("Time is up: the server submits the attempt with the answers saved before the deadline.", ui::tone::warning);
  if (ui::primary_button("Submit assessment", ImVec2(ui::dp(200), ui::dp(40)), left > 0 && !form.sending))
    dispatch(SendCommand{FormId::cert_submit, SubmitAssessment{a.number, answers}});
  (void)app;
}

// Status: the certification status and what it means; Request Support Access.
void status_card(const CertificationState& c, PersonId me, const AgentCertification& rec, float avail, UiState& ui_state, Dispatch& dispatch) {
  if (ui::begin_card("status", avail)) {
    ui::caption("YOUR CERTIFICATION STATUS");
    ui::pill(label_of(rec.status), certification_tone(rec.status));
    ui::text_wrapped(meaning_of(rec.status), ui::color::muted);
    if (rec.status == CertificationStatus::certified && rec.expires_at)
      ui::text("Valid until " + format_day_ms(rec.expires_at) + ".", ui::color::muted);
    if (rec.status == CertificationStatus::revoked && !rec.revoked_reason.empty()) ui::text_wrapped("Reason: " + rec.revoked_reason, ui::color::error);
    if (!rec.history.empty() && !rec.history.back().note.empty() && rec.status != CertificationStatus::revoked)
      ui::text_wrapped(rec.history.back().note, ui::color::neutral);
    const bool access = has_training_access(c, me);
    if (!access) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::text_wrapped("Requesting support access tells the business you want to pursue certification and opens the training library.", ui::color::muted);
      const auto& form = ui_state.form(FormId::cert_access);
      if (ui::primary_button("Request Support Access", ImVec2(ui::dp(220), ui::dp(40)), !form.sending))
        dispatch(SendCommand{FormId::cert_access, RequestSupportAccess{}});
      form_errors(form);
    } else if (c.access == AccessMode::automatic && rec.access_requested_at == 0) {
      ui::text("This program gives every approved agent training access.", ui::color::muted);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Training modules with the progress tracker.
void training_card(const ProgramState& s, PersonId me, const AgentCertification& rec, float avail, UiState& ui_state, Dispatch& dispatch) {
  const auto& c = s.certification;
  auto& f = ui_state.training;
  if (has_training_access(c, me) && ui::begin_card("training", avail)) {
    const auto [done, required] = required_module_progress(c, me);
    ui::heading("Training", 17);
    ui::text(std::to_string(done) + " of " + std::to_string(required) + " required modules complete", ui::color::muted);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, done == required ? ui::color::success : ui::color::accent);
    ImGui::ProgressBar(required ? static_cast<float>(done) / static_cast<float>(required) : 1.0f, ImVec2(-FLT_MIN, ui::dp(8)), "");
    ImGui::PopStyleColor();
    ImGui::Dummy(ui::dp(0, 4));
    const auto& form = ui_state.form(FormId::cert_progress);
    form_errors(form);
    for (const auto& m : c.modules) {
      ImGui::PushID(static_cast<int>(m.id));
      ModuleProgress p;
      if (auto it = rec.modules.find(m.id); it != rec.modules.end()) p = it->second;
      const std::string state = p.completed ? "Complete" : p.started ? "Started" : "Not started";
      const std::string title = m.title + "  \xC2\xB7  " + label_of(m.kind) + (m.required ? "" : " (optional)") + "  \xC2\xB7  " + state;
      if (ImGui::CollapsingHeader((title + "###module").c_str())) module_body(m, p, f, form, dispatch, s.id);
      ImGui::PopID();
    }
    if (!s.support_settings.restricted_topics.empty() && ImGui::CollapsingHeader("Restricted topics and their escalation paths###topics")) {
      for (const auto& t : s.support_settings.restricted_topics)
        if (t.enabled) ui::text_wrapped("\xE2\x80\xA2 " + t.name + ": " + t.escalation_path);
    }
  }
  if (has_training_access(c, me)) ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// No attempt running: the last result, what is left, Take Assessment, and asking the business for an exception.
void next_attempt(const CertificationState& c, PersonId me, const AgentCertification& rec, std::int64_t now, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.training;
  if (auto last = rec.last_attempt()) {
    std::string line = "Last attempt " + std::to_string(last->number) + ", " + format_day_ms(last->submitted_at) + ": ";
    line += last->graded ? std::to_string(last->score) + " of " + std::to_string(last->max_score) + (last->passed ? " (passed)" : " (not passed)")
                         : "waiting to be graded";
    ui::text(line);
  }
  const int left = attempts_left(c, me);
  if (left >= 0) ui::text("Attempts left: " + std::to_string(left), ui::color::muted);
  if (rec.status == CertificationStatus::failed && rec.retry_after > now && !rec.retry_waived)
    ui::text("You can retry from " + format_day_ms(rec.retry_after) + ".", ui::color::warning);
  const auto why = why_no_attempt(c, me, now, /*bank_known=*/false);
  const auto& form = ui_state.form(FormId::cert_start);
  ImGui::Dummy(ui::dp(0, 4));
  if (ui::primary_button("Take Assessment", ImVec2(ui::dp(200), ui::dp(40)), !why && !form.sending))
    dispatch(SendCommand{FormId::cert_start, StartAssessment{}});
  if (why) ui::text_wrapped(why->message, ui::color::muted);
  form_errors(form);
  // Exhausted attempts, a failure or a revocation: ask the business.
  if ((rec.status == CertificationStatus::failed || rec.status == CertificationStatus::revoked)) {
    ImGui::Dummy(ui::dp(0, 6));
    if (!rec.exception_request.empty()) {
      ui::message_box("Your request for a manual review or an exception is with the business.", ui::tone::neutral);
    } else {
      ui::field_label("Request a manual review or an exception");
      bool edited = false;
      ui::input_text("##Exception message", "Why you ask, briefly", f.exception_message, edited);
      const auto& ef = ui_state.form(FormId::cert_exception);
      if (ui::secondary_button("Send request") && !f.exception_message.empty())
        dispatch(SendCommand{FormId::cert_exception, RequestCertificationException{f.exception_message}});
      form_errors(ef);
    }
  }
}

// Assessment.
void assessment_card(const AppState& app, const CertificationState& c, PersonId me, const AgentCertification& rec, std::int64_t now, float avail,
                     UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.training;
  if (has_training_access(c, me) && ui::begin_card("assessment", avail)) {
    ui::heading("Assessment", 17);
    const auto& r = c.rules;
    ui::text_wrapped(std::to_string(r.draw_count) + " questions drawn at random, " + std::to_string(r.time_limit_minutes) + " minutes, " +
                         std::to_string(r.pass_percent) + "% to pass; " +
                         (r.final_review == FinalReview::manual ? "the business approves the final result." : "certified at once on a pass.") +
                         " Retry period " + std::to_string(r.retry_days) + " days" +
                         (r.max_attempts ? ", at most " + std::to_string(r.max_attempts) + " attempts." : "."),
                     ui::color::muted);
    if (auto running = rec.running_attempt()) {
      attempt_view(*running, c, f, app, ui_state, dispatch);
    } else {
      next_attempt(c, me, rec, now, ui_state, dispatch);
    }
  }
  if (has_training_access(c, me)) ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

} // namespace

void draw_training(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto& c = s.certification;
    const auto me = my_id(app);
    auto& f = ui_state.training;
    if (f.program_id != s.id) f = TrainingForm{}, f.program_id = s.id;
    static const AgentCertification none{};
    const auto* rec_ptr = c.agent(me);
    const auto& rec = rec_ptr ? *rec_ptr : none;
    const auto now = clock_ms();
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(860));
    ui::begin_column("training-page", avail);
    page_title("Support certification", "Training, the assessment and the business's approval for " + s.name + ".");

    status_card(c, me, rec, avail, ui_state, dispatch);
    training_card(s, me, rec, avail, ui_state, dispatch);
    assessment_card(app, c, me, rec, now, avail, ui_state, dispatch);
    ImGui::Dummy(ui::dp(0, 20));
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
