// What the store does when a certification command succeeds: a toast saying what happened,
// and the form buffers it no longer needs cleared (the FormId::cert_* forms).
#include "client/app/store.hpp"

namespace pd::client {

void Store::on_certification_done(FormId form, const CommandAnswer& answer) {
  auto& t = ui_.training;
  auto& d = ui_.certification;
  const auto score = [](const domain::AttemptGraded& g) { return std::to_string(g.score) + " of " + std::to_string(g.max_score); };
  switch (form) {
  case FormId::cert_access: toast("Support access requested: the training library is open."); break;
  case FormId::cert_progress:
    if (const auto* p = find_event<domain::TrainingProgressed>(answer)) {
      if (p->quiz_correct >= 0) {
        const int right = p->quiz_correct, total = p->quiz_total;
        toast(right == total ? "All answers right: the next section is open."
                             : std::to_string(right) + " of " + std::to_string(total) + " right. Read the section again and retry.");
      } else if (p->progress.completed) {
        toast("Module complete.");
      }
    }
    break;
  case FormId::cert_start:
    t.answers.clear();
    t.attempt = 0;
    toast("Assessment started: the clock is running.");
    break;
  case FormId::cert_save: break; // the replica's answers now match; nothing to clear
  case FormId::cert_submit:
    t.dirty = false;
    if (const auto* graded = find_event<domain::AttemptGraded>(answer))
      toast(graded->passed ? "Passed: " + score(*graded) + "." : "Not passed this time: " + score(*graded) + ".");
    else toast("Submitted: the business grades your written answers.");
    break;
  case FormId::cert_exception:
    t.exception_message.clear();
    toast("Your request was sent to the business.");
    break;
  case FormId::cert_settings: toast("Certification settings saved."); break;
  case FormId::cert_question:
    d.q_prompt.clear(), d.q_situation.clear(), d.q_options.clear(), d.q_correct.clear(), d.q_rubric.clear();
    d.q_points = 1;
    toast("Question added to the bank.");
    break;
  case FormId::cert_module:
    d.m_title.clear(), d.m_description.clear(), d.m_body.clear(), d.m_quiz_prompt.clear(), d.m_quiz_options.clear();
    d.m_file = {};
    d.m_duration_seconds = 0;
    toast("Training module added.");
    break;
  case FormId::cert_remove: toast("Removed."); break;
  case FormId::cert_grade: {
    const auto* graded = find_event<domain::AttemptGraded>(answer);
    toast(graded && graded->passed ? "Graded: passed." : "Graded: not passed.");
    break;
  }
  case FormId::cert_decide: {
    const auto* changed = find_event<domain::CertificationStatusChanged>(answer);
    toast(changed && changed->status == domain::CertificationStatus::certified ? "Certified: the agent can now be assigned customers." : "Declined.");
    break;
  }
  case FormId::cert_exception_grant: toast("Exception granted."); break;
  case FormId::cert_revoke: toast("Certification revoked."); break;
  default: break; // not a certification form (store_forms.cpp)
  }
}

void Store::handle(const UploadTrainingFile& a) {
  auto& d = ui_.certification;
  if (!app_.route.program_id || d.upload_id) return;
  d.upload_error.clear();
  d.m_file = {};
  d.m_duration_seconds = 0;
  d.upload_id = next_upload_++;
  effects_.push_back(PickAndUpload{d.upload_id, app_.route.program_id, a.accept, "training"});
}

// The types the server accepts as attachments (server/storage/file_store.cpp).
constexpr const char* attachment_types =
    "image/png,image/jpeg,image/gif,image/webp,application/pdf,video/mp4,video/webm,application/zip,text/plain,text/csv,application/json";

void Store::handle(const AttachFile& a) {
  if (!app_.route.program_id) return;
  auto& draft = a.draft == FormId::reply ? ui_.ticket.reply_files : ui_.new_ticket.files;
  if (draft.upload_id || draft.files.size() >= domain::max_attachments) return;
  draft.error.clear();
  draft.upload_id = next_upload_++;
  effects_.push_back(PickAndUpload{draft.upload_id, app_.route.program_id, attachment_types, "attachment"});
}

bool Store::apply_uploads(std::vector<platform::UploadResult> uploads) {
  auto& d = ui_.certification;
  for (const auto& u : uploads) {
    // A ticket's or a reply's attachment.
    for (auto* draft : {&ui_.new_ticket.files, &ui_.ticket.reply_files}) {
      if (u.id != draft->upload_id) continue;
      draft->upload_id = 0;
      if (u.status == 0 && u.body.empty()) continue; // the picker was closed
      auto body = nlohmann::json::parse(u.body, nullptr, false);
      if (u.status != 200 || !body.is_object())
        draft->error = body.is_object() && body.contains("error") ? body["error"].value("message", "The upload failed.")
                                                                  : "The upload failed: check the connection and try again.";
      else
        draft->files.push_back(domain::Attachment{body.value("name", ""), body.value("content_type", ""), body.value("size", std::int64_t{0}),
                                                  body.value("sha256", "")});
    }
    if (u.id != d.upload_id) continue;
    d.upload_id = 0;
    if (u.status == 0 && u.body.empty()) continue; // the picker was closed
    auto body = nlohmann::json::parse(u.body, nullptr, false);
    if (u.status != 200 || !body.is_object()) {
      d.upload_error = body.is_object() && body.contains("error") ? body["error"].value("message", "The upload failed.")
                                                                   : "The upload failed: check the connection and try again.";
      continue;
    }
    d.m_file = domain::Attachment{body.value("name", ""), body.value("content_type", ""), body.value("size", std::int64_t{0}),
                                  body.value("sha256", "")};
    d.m_duration_seconds = static_cast<std::int64_t>(u.duration + 0.5);
    if (d.m_title.empty()) d.m_title = d.m_file.name;
  }
  return !uploads.empty();
}

} // namespace pd::client
