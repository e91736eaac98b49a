// The business's certification desk (#/p/{id}/certification): every agent's status; the
// grading queue (free answers scored against the rubric, auto-scored answers shown); final
// approval or decline; exceptions (an extra attempt, waiving the retry wait); revocation with
// a reason; the access mode and assessment rules; the question bank; the training modules.
// Owners and admins edit the rules, bank and modules; every business member grades.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/tones.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/support/support_access_parts.hpp"
#include "shared/core/number_format.hpp"
#include "shared/domain/certification/certification_actions.hpp"

#include <algorithm>

namespace pd::client::views {

using namespace domain;

namespace {


// The non-empty pieces of `text` between `sep`s. No string streams: they would link the C++
// locales into the browser's module (about 15 KB with brotli, docs/performance.md).
std::vector<std::string> pieces(const std::string& text, char sep) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> lines(const std::string& text) { return pieces(text, '\n'); }

int number(const char* id, int value, int lo, int hi, float width) {
  ImGui::SetNextItemWidth(width);
  ImGui::InputInt(id, &value, 0, 0); // no step buttons: a plain field the tests can read
  testing::record_value(std::to_string(value));
  return std::clamp(value, lo, hi);
}

std::string tries(const AgentCertification& rec) {
  return std::to_string(rec.attempts.size()) + (rec.attempts.size() == 1 ? " attempt" : " attempts");
}

const AnswerGiven* answer_to(const Attempt& a, QuestionId q) {
  auto it = std::find_if(a.answers.begin(), a.answers.end(), [&](const AnswerGiven& x) { return x.question_id == q; });
  return it == a.answers.end() ? nullptr : &*it;
}

void grading_card(const ProgramState& s, const AgentCertification& rec, const Attempt& a, CertificationDeskForm& f, const UiState& ui_state,
                  Dispatch& dispatch) {
  ImGui::PushID(static_cast<int>(rec.person_id));
  ui::begin_tinted(ui::tone::neutral);
  ui::heading(member_name(s, rec.person_id) + " \xC2\xB7 attempt " + std::to_string(a.number), 15.5f);
  ui::text("Submitted " + format_day_ms(a.submitted_at) + (a.auto_submitted ? " (automatically, time ran out)" : ""), ui::color::muted);
  std::vector<QuestionGrade> grades;
  for (const auto& q : a.paper) {
    ImGui::PushID(static_cast<int>(q.id));
    const auto* ans = answer_to(a, q.id);
    ui::text_wrapped(std::string(label_of(q.kind)) + ": " + q.prompt, ui::color::text);
    if (!q.situation.empty()) ui::text_wrapped("Situation: " + q.situation, ui::color::muted);
    if (q.kind == QuestionKind::multiple_choice) {
      std::string chosen;
      if (ans)
        for (int c : ans->choices) chosen += (chosen.empty() ? "" : ", ") + q.options[static_cast<std::size_t>(c)];
      auto g = std::find_if(a.grades.begin(), a.grades.end(), [&](const QuestionGrade& x) { return x.question_id == q.id; });
      ui::text_wrapped("Answer: " + (chosen.empty() ? std::string("(none)") : chosen) + "  \xE2\x80\x94 scored " +
                           std::to_string(g != a.grades.end() ? g->score : 0) + " of " + std::to_string(q.points) + " automatically",
                       ui::color::neutral);
    } else {
      ui::text_wrapped("Answer: " + (ans && !ans->text.empty() ? ans->text : std::string("(none)")), ui::color::neutral);
      if (auto bank = s.certification.question(q.id)) ui::text_wrapped("Rubric: " + bank->rubric, ui::color::muted);
      const auto key = std::to_string(rec.person_id) + "." + std::to_string(a.number) + "." + std::to_string(q.id);
      auto& score = f.scores[key];
      score = number(("Points##score-" + std::to_string(rec.person_id) + "-" + std::to_string(q.id)).c_str(), score, 0, q.points, ui::dp(120));
      ImGui::SameLine(0, ui::dp(6));
      ui::text("of " + std::to_string(q.points), ui::color::muted);
      bool edited = false;
      ui::input_text(("##Comment-" + std::to_string(q.id)).c_str(), "Comment for the agent", f.comments[key], edited);
      grades.push_back(QuestionGrade{q.id, score, f.comments[key], false});
    }
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
  const auto& form = ui_state.form(FormId::cert_grade);
  if (ui::primary_button(("Save grades##" + std::to_string(rec.person_id)).c_str(), ImVec2(0, ui::dp(34)), !form.sending))
    dispatch(SendCommand{FormId::cert_grade, GradeAttempt{rec.person_id, a.number, grades}});
  form_errors(form);
  ui::end_tinted();
  ImGui::PopID();
}

void agent_row(const ProgramState& s, PersonId me, const AgentCertification& rec, CertificationDeskForm& f, const UiState& ui_state,
               Dispatch& dispatch) {
  const auto& c = s.certification;
  ImGui::PushID(static_cast<int>(rec.person_id));
  ui::list_row(0);
  ui::list_next_cell();
  ui::text(member_name(s, rec.person_id));
  // What the business looks at before deciding (docs/requirements.md, Certification pathway):
  // the profile, the referral history and the notes on the agent's record.
  if (ImGui::TreeNodeEx("Profile and referrals", ImGuiTreeNodeFlags_NoTreePushOnOpen)) {
    if (auto m = s.member(rec.person_id)) ui::text("Member since " + format_day_ms(m->joined_at), ui::color::muted);
    if (auto a = s.agents.find(rec.person_id); a != s.agents.end())
      ui::text(std::string("Partner status: ") + partner_status_label(a->second.status), ui::color::muted);
    std::vector<std::string> referred;
    for (const auto& [id, cust] : s.customers)
      if (cust.profile.referring_agent == rec.person_id) referred.push_back(cust.profile.name);
    ui::text_wrapped(referred.empty() ? std::string("Referred no customers yet.")
                                      : "Referred " + std::to_string(referred.size()) + ": " + [&] {
                                          std::string all;
                                          for (const auto& n : referred) all += (all.empty() ? "" : ", ") + n;
                                          return all;
                                        }(),
                     ui::color::muted);
    if (auto sup = s.agent_support.find(rec.person_id); sup != s.agent_support.end()) {
      for (const auto& w : sup->second.warnings) ui::text_wrapped("Warning " + format_day_ms(w.at) + ": " + w.reason, ui::color::warning);
      if (sup->second.customer_ratings)
        ui::text("Customer rating " + core::one_decimal(sup->second.customer_rating_sum, sup->second.customer_ratings) + "/5 over " +
                     std::to_string(sup->second.customer_ratings) + " tickets",
                 ui::color::muted);
    }
    for (const auto& h : rec.history)
      if (!h.note.empty()) ui::text_wrapped(format_day_ms(h.at) + " " + label_of(h.status) + ": " + h.note, ui::color::muted);
  }
  ui::list_next_cell();
  ui::pill(label_of(rec.status), certification_tone(rec.status));
  remediation_pill(s, rec.person_id); // a suspension that requires remediation (support_access.hpp)
  // The Certified Support Partner badge (domain::certified_badge) with its certification date
  // and expiry beneath it, as on the agents list.
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  if (const auto badge = domain::certified_badge(c, rec.person_id, now)) {
    certified_badge(s, rec.person_id, now, false);
    ui::text_wrapped(badge_dates_text(*badge), ui::color::muted); // the column is narrow
  }
  ui::list_next_cell();
  const auto [done, required] = required_module_progress(c, rec.person_id);
  ui::text(std::to_string(done) + "/" + std::to_string(required));
  ui::list_next_cell();
  if (auto last = rec.last_attempt(); last && last->graded)
    ui::text(std::to_string(last->score) + "/" + std::to_string(last->max_score) + " (" + tries(rec) + ")");
  else ui::text(rec.attempts.empty() ? "\xE2\x80\x94" : tries(rec), ui::color::muted);
  ui::list_next_cell();
  // The decisions offered are exactly those the server accepts now (certification_actions.hpp).
  auto& note = f.notes[rec.person_id];
  const auto offered = [&](CertificationDecision d) { return certification_decision_offered(s, me, rec.person_id, d); };
  const bool approve = offered(CertificationDecision::approve), decline = offered(CertificationDecision::decline);
  const bool extra = offered(CertificationDecision::extra_attempt), waive = offered(CertificationDecision::waive_retry);
  const bool revoke = offered(CertificationDecision::revoke);
  if (approve || decline || extra || waive || revoke) {
    bool edited = false;
    const char* hint = decline && revoke ? "Note (needed to decline or revoke)"
                       : decline         ? "Note (needed to decline)"
                       : revoke          ? "Reason (needed to revoke)"
                                         : "Note";
    ui::input_text("##Note", hint, note, edited, 0, ui::dp(200));
  }
  if (!rec.exception_request.empty()) ui::text_wrapped("Asks: " + rec.exception_request, ui::color::warning);
  // Approving without a decline to weigh it against is the manual review a failed agent asked for.
  if (approve && ui::primary_button(decline ? "Approve" : "Approve on manual review", ImVec2(0, 0)))
    dispatch(SendCommand{FormId::cert_decide, DecideCertification{rec.person_id, true, note}});
  if (approve && decline) ImGui::SameLine(0, ui::dp(6));
  if (decline && ui::danger_button("Decline")) dispatch(SendCommand{FormId::cert_decide, DecideCertification{rec.person_id, false, note}});
  if (extra && ui::secondary_button("Grant an extra attempt"))
    dispatch(SendCommand{FormId::cert_exception_grant, GrantCertificationException{rec.person_id, "extra_attempt", note}});
  if (extra && waive) ImGui::SameLine(0, ui::dp(6));
  if (waive && ui::secondary_button("Waive the retry wait"))
    dispatch(SendCommand{FormId::cert_exception_grant, GrantCertificationException{rec.person_id, "waive_retry", note}});
  if (revoke && ui::danger_button("Revoke")) dispatch(SendCommand{FormId::cert_revoke, RevokeCertification{rec.person_id, note}});
  (void)ui_state;
  ImGui::PopID();
}

// What every card of the desk reads.
struct DeskPage {
  const AppState& app;
  UiState& ui_state;
  Dispatch& dispatch;
  const ProgramState& s;
  CertificationDeskForm& f;
  bool can_edit;
  float avail;
};

// Agents: every agent's status, with the decisions the server accepts now in the row.
void agents_card(const DeskPage& p) {
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const ProgramState& s = p.s;
  const CertificationState& c = p.s.certification;
  CertificationDeskForm& f = p.f;
  const float avail = p.avail;
  if (ui::begin_card("agents", avail)) {
    ui::heading("Agents", 17);
    // Inside a card: inner rules only, the cells padded.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ui::begin_list_table("cert-agents", 5, flags, ImVec2(0, 0), ImVec2(8, 6))) {
      ui::list_column("Agent", ImGuiTableColumnFlags_WidthStretch, 1.2f, 0, ui::CardPart::title);
      ui::list_column("Status", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ui::list_column("Modules", ImGuiTableColumnFlags_WidthStretch, 0.5f);
      ui::list_column("Assessment", ImGuiTableColumnFlags_WidthStretch, 0.8f);
      ui::list_column("Decide", ImGuiTableColumnFlags_WidthStretch, 2.2f, 0, ui::CardPart::plain);
      ui::table_header_row(5);
      for (const auto* agent : agents_by_name(s)) {
        static const AgentCertification none{};
        auto rec = c.agent(agent->person_id);
        AgentCertification shown = rec ? *rec : none;
        shown.person_id = agent->person_id;
        agent_row(s, my_id(app), shown, f, ui_state, dispatch);
      }
      ui::end_list_table();
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// The grading queue.
void grading_queue(const DeskPage& p) {
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const ProgramState& s = p.s;
  const CertificationState& c = p.s.certification;
  CertificationDeskForm& f = p.f;
  const float avail = p.avail;
  if (ui::begin_card("grading", avail)) {
    ui::heading("Waiting to be graded", 17);
    int shown = 0;
    for (const auto& [person, rec] : c.agents)
      for (const auto& a : rec.attempts)
        if (certification_decision_offered(s, my_id(app), person, CertificationDecision::grade, a.number)) {
          grading_card(s, rec, a, f, ui_state, dispatch);
          ImGui::Dummy(ui::dp(0, 4));
          ++shown;
        }
    if (!shown) ui::text("Nothing to grade.", ui::color::muted);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Settings: the access mode and the assessment rules.
void rules_card(const DeskPage& p) {
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const CertificationState& c = p.s.certification;
  CertificationDeskForm& f = p.f;
  const bool can_edit = p.can_edit;
  const float avail = p.avail;
  if (ui::begin_card("rules", avail)) {
    ui::heading("Access and assessment rules", 17);
    ImGui::BeginDisabled(!can_edit);
    if (ImGui::RadioButton("Agents request support access", f.access == AccessMode::request)) f.access = AccessMode::request;
    if (!ui::narrow()) ImGui::SameLine(0, ui::dp(16)); // on a phone, one choice a line
    if (ImGui::RadioButton("Every approved agent has access", f.access == AccessMode::automatic)) f.access = AccessMode::automatic;
    auto& r = f.rules;
    const float w = ui::dp(130);
    r.draw_count = number("Questions per attempt", r.draw_count, 1, 500, w);
    r.time_limit_minutes = number("Time limit (minutes)", r.time_limit_minutes, 1, 600, w);
    r.pass_percent = number("Pass mark (%)", r.pass_percent, 1, 100, w);
    r.retry_days = number("Retry period (days)", r.retry_days, 0, 365, w);
    r.max_attempts = number("Maximum attempts (0: no limit)", r.max_attempts, 0, 100, w);
    r.validity_months = number("Valid for (months; 0: no expiry)", r.validity_months, 0, 120, w);
    if (ImGui::RadioButton("Certified at once on a pass", r.final_review == FinalReview::automatic)) r.final_review = FinalReview::automatic;
    if (!ui::narrow()) ImGui::SameLine(0, ui::dp(16)); // on a phone, one choice a line
    if (ImGui::RadioButton("The business approves", r.final_review == FinalReview::manual)) r.final_review = FinalReview::manual;
    const auto& form = ui_state.form(FormId::cert_settings);
    if (ui::primary_button("Save rules", ImVec2(0, ui::dp(36)), can_edit && !form.sending && (f.access != c.access || !(f.rules == c.rules))))
      dispatch(SendCommand{FormId::cert_settings, ChangeCertificationSettings{f.access, f.rules}});
    form_errors(form);
    ImGui::EndDisabled();
    if (!can_edit) ui::text("Only owners and admins change these.", ui::color::muted);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// A question for the bank, from the form.
void new_question_form(const DeskPage& p) {
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  CertificationDeskForm& f = p.f;
  ImGui::Separator();
  ui::field_label("New question");
  std::vector<std::string> kinds = {"Multiple choice", "Short answer", "Scenario"};
  enum_choice("Question kind", kinds, {QuestionKind::multiple_choice, QuestionKind::short_answer, QuestionKind::scenario}, f.q_kind, ui::dp(200));
  bool edited = false;
  ui::input_text("##Question prompt", "The question", f.q_prompt, edited);
  if (f.q_kind == QuestionKind::scenario) ui::input_text("##Situation", "The customer's situation", f.q_situation, edited);
  if (f.q_kind == QuestionKind::multiple_choice) {
    ui::text("Options, one per line:", ui::color::muted);
    multiline("##Options", f.q_options, ui::dp(80));
    ui::input_text("##Right options", "Right options by number, e.g. 1, 3", f.q_correct, edited);
  } else {
    ui::input_text("##Rubric", "What a good answer holds", f.q_rubric, edited);
  }
  f.q_points = number("Points", f.q_points, 1, 100, ui::dp(120));
  const auto& form = ui_state.form(FormId::cert_question);
  if (ui::primary_button("Add question", ImVec2(0, ui::dp(34)), !form.sending && !f.q_prompt.empty())) {
    Question q;
    q.kind = f.q_kind;
    q.prompt = f.q_prompt;
    q.points = f.q_points;
    if (f.q_kind == QuestionKind::multiple_choice) {
      q.options = lines(f.q_options);
      for (const auto& tok : pieces(f.q_correct, ',')) {
        try {
          q.correct.push_back(std::stoi(tok) - 1);
        } catch (...) {
        }
      }
    } else {
      q.rubric = f.q_rubric;
      if (f.q_kind == QuestionKind::scenario) q.situation = f.q_situation;
    }
    dispatch(SendCommand{FormId::cert_question, SaveQuestion{q}});
  }
  form_errors(form);
}

// Question bank.
void bank_card(const DeskPage& p) {
  Dispatch& dispatch = p.dispatch;
  const CertificationState& c = p.s.certification;
  const bool can_edit = p.can_edit;
  const float avail = p.avail;
  if (ui::begin_card("bank", avail)) {
    ui::heading("Question bank (" + std::to_string(c.bank.size()) + ")", 17);
    for (const auto& q : c.bank) {
      ImGui::PushID(static_cast<int>(q.id));
      std::string right;
      for (int i : q.correct) right += (right.empty() ? "" : ", ") + q.options[static_cast<std::size_t>(i)];
      ui::text_wrapped(std::string(label_of(q.kind)) + " \xC2\xB7 " + std::to_string(q.points) + " pt \xC2\xB7 " + q.prompt);
      if (!right.empty()) ui::text_wrapped("Right: " + right, ui::color::success);
      if (!q.rubric.empty()) ui::text_wrapped("Rubric: " + q.rubric, ui::color::muted);
      if (can_edit && ui::link("Remove question")) dispatch(SendCommand{FormId::cert_remove, RemoveQuestion{q.id}});
      ImGui::PopID();
    }
    if (can_edit) new_question_form(p);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// The module the form describes, with its quiz key.
SaveTrainingModule module_from_form(const CertificationDeskForm& f) {
  SaveTrainingModule cmd;
  auto& m = cmd.module;
  m.title = f.m_title;
  m.description = f.m_description;
  m.required = f.m_required;
  m.kind = f.m_kind;
  if (f.m_kind == ModuleKind::text) {
    LessonSection sec{f.m_title, f.m_body, {}};
    if (!f.m_quiz_prompt.empty()) sec.quiz.push_back(QuizQuestion{f.m_quiz_prompt, lines(f.m_quiz_options)});
    m.sections.push_back(sec);
    cmd.quiz_key.push_back(sec.quiz.empty() ? std::vector<int>{} : std::vector<int>{f.m_quiz_right - 1});
  } else if (f.m_kind == ModuleKind::video || f.m_kind == ModuleKind::pdf) {
    m.file = f.m_file;
    m.duration_seconds = f.m_kind == ModuleKind::video ? f.m_duration_seconds : 0;
  } else if (f.m_kind == ModuleKind::demo_script) {
    m.script = f.m_body;
    m.practice_sessions = f.m_sessions;
  } else {
    for (const auto& l : lines(f.m_body)) {
      auto bar = l.find('|');
      if (bar != std::string::npos) m.faq.push_back(FaqItem{l.substr(0, bar), l.substr(bar + 1)});
    }
  }
  return cmd;
}

// A training module, from the form.
void new_module_form(const DeskPage& p) {
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  CertificationDeskForm& f = p.f;
  ImGui::Separator();
  ui::field_label("New module");
  std::vector<std::string> kinds = {"Text lesson", "Demo script", "FAQ module", "Video lesson", "PDF guide"};
  const ModuleKind kind_before = f.m_kind;
  enum_choice("Module kind", kinds, {ModuleKind::text, ModuleKind::demo_script, ModuleKind::faq, ModuleKind::video, ModuleKind::pdf}, f.m_kind,
              ui::dp(200));
  if (f.m_kind != kind_before) f.m_file = {}, f.m_duration_seconds = 0, f.upload_error.clear();
  bool edited = false;
  ui::input_text("##Module title", "Title", f.m_title, edited);
  ui::input_text("##Module description", "What the agent learns", f.m_description, edited);
  ImGui::Checkbox("Required", &f.m_required);
  if (f.m_kind == ModuleKind::video || f.m_kind == ModuleKind::pdf) {
    const bool video = f.m_kind == ModuleKind::video;
    if (f.upload_id) ui::text("Uploading\xE2\x80\xA6", ui::color::muted);
    else if (ui::secondary_button(video ? "Choose a video (MP4 or WebM)" : "Choose a PDF"))
      dispatch(UploadTrainingFile{video ? "video/mp4,video/webm" : "application/pdf"});
    if (!f.m_file.sha256.empty())
      ui::text(f.m_file.name + " (" + std::to_string(f.m_file.size / 1024) + " KB" +
                   (video ? ", " + std::to_string(f.m_duration_seconds) + " s" : std::string()) + ")",
               ui::color::success);
    if (!f.upload_error.empty()) ui::error_box(f.upload_error);
  } else {
    ui::text(f.m_kind == ModuleKind::text ? "Lesson text:" : f.m_kind == ModuleKind::demo_script ? "Script:" : "Questions and answers, one per line as: question | answer", ui::color::muted);
    multiline("##Module body", f.m_body, ui::dp(100));
  }
  if (f.m_kind == ModuleKind::text) {
    ui::input_text("##Quiz question", "Quiz question (optional)", f.m_quiz_prompt, edited);
    ui::text("Quiz options, one per line:", ui::color::muted);
    multiline("##Quiz options", f.m_quiz_options, ui::dp(60));
    f.m_quiz_right = number("Right option (number)", f.m_quiz_right, 1, 10, ui::dp(120));
  }
  if (f.m_kind == ModuleKind::demo_script) f.m_sessions = number("Practice sessions", f.m_sessions, 1, 100, ui::dp(120));
  const auto& form = ui_state.form(FormId::cert_module);
  if (ui::primary_button("Add module", ImVec2(0, ui::dp(34)), !form.sending && !f.m_title.empty()))
    dispatch(SendCommand{FormId::cert_module, module_from_form(f)});
  form_errors(form);
}

// Training modules.
void modules_card(const DeskPage& p) {
  Dispatch& dispatch = p.dispatch;
  const CertificationState& c = p.s.certification;
  const bool can_edit = p.can_edit;
  const float avail = p.avail;
  if (ui::begin_card("modules", avail)) {
    ui::heading("Training modules (" + std::to_string(c.modules.size()) + ")", 17);
    for (const auto& m : c.modules) {
      ImGui::PushID(static_cast<int>(m.id));
      ui::text(m.title + "  \xC2\xB7  " + label_of(m.kind) + (m.required ? "" : " (optional)"));
      if (can_edit) {
        ImGui::SameLine(0, ui::dp(10));
        if (ui::link("Remove module")) dispatch(SendCommand{FormId::cert_remove, RemoveTrainingModule{m.id}});
      }
      ImGui::PopID();
    }
    if (can_edit) new_module_form(p);
  }
  ui::end_card();
}

} // namespace

void draw_certification(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto& c = s.certification;
    auto& f = ui_state.certification;
    if (f.program_id != s.id || !f.ready) {
      f = CertificationDeskForm{};
      f.program_id = s.id;
      f.access = c.access;
      f.rules = c.rules;
      f.ready = true;
    }
    const bool can_edit = allowed(app, domain::Action::manage_training);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(1000));
    ui::begin_column("certification-page", avail);
    page_title("Certification", "Who may support " + s.name + "'s customers: training, assessment, grading and approval.");

    // Errors of the decisions taken in the table.
    for (FormId k : {FormId::cert_decide, FormId::cert_exception_grant, FormId::cert_revoke, FormId::cert_remove}) form_errors(ui_state.form(k));

    const DeskPage p{app, ui_state, dispatch, s, f, can_edit, avail};
    agents_card(p);
    grading_queue(p);
    rules_card(p);
    bank_card(p);
    modules_card(p);
    ImGui::Dummy(ui::dp(0, 20));
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
