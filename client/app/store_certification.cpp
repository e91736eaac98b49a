// What the store does when a certification command succeeds: a toast saying what happened,
// and the form buffers it no longer needs cleared. Form keys start with "cert.".
#include "client/app/store.hpp"

namespace pd::client {

namespace {

// The data of the first event of `type` in a command's answer (null when none).
nlohmann::json event_data(const nlohmann::json& events, const char* type) {
  for (const auto& e : events)
    if (e.value("type", "") == type) return e.value("data", nlohmann::json::object());
  return nullptr;
}

} // namespace

void Store::on_certification_done(const std::string& k, const nlohmann::json& events) {
  auto& t = ui_.training;
  auto& d = ui_.certification;
  if (k == "cert.access") {
    toast("Support access requested: the training library is open.");
  } else if (k == "cert.progress") {
    auto p = event_data(events, "TrainingProgressed");
    if (p.is_object() && p.value("quiz_correct", -1) >= 0) {
      const int right = p.value("quiz_correct", 0), total = p.value("quiz_total", 0);
      toast(right == total ? "All answers right: the next section is open." : std::to_string(right) + " of " + std::to_string(total) + " right. Read the section again and retry.");
    } else if (p.is_object() && p.value("progress", nlohmann::json::object()).value("completed", false)) {
      toast("Module complete.");
    }
  } else if (k == "cert.start") {
    t.answers.clear();
    t.attempt = 0;
    toast("Assessment started: the clock is running.");
  } else if (k == "cert.save") {
    // The replica's answers now match; nothing to clear.
  } else if (k == "cert.submit") {
    t.dirty = false;
    auto graded = event_data(events, "AttemptGraded");
    if (graded.is_object())
      toast(graded.value("passed", false) ? "Passed: " + std::to_string(graded.value("score", 0)) + " of " + std::to_string(graded.value("max_score", 0)) + "."
                                           : "Not passed this time: " + std::to_string(graded.value("score", 0)) + " of " +
                                                 std::to_string(graded.value("max_score", 0)) + ".");
    else toast("Submitted: the business grades your written answers.");
  } else if (k == "cert.exception") {
    t.exception_message.clear();
    toast("Your request was sent to the business.");
  } else if (k == "cert.settings") {
    toast("Certification settings saved.");
  } else if (k == "cert.question") {
    d.q_prompt.clear(), d.q_situation.clear(), d.q_options.clear(), d.q_correct.clear(), d.q_rubric.clear();
    d.q_points = 1;
    toast("Question added to the bank.");
  } else if (k == "cert.module") {
    d.m_title.clear(), d.m_description.clear(), d.m_body.clear(), d.m_quiz_prompt.clear(), d.m_quiz_options.clear();
    d.m_file = {};
    d.m_duration_seconds = 0;
    toast("Training module added.");
  } else if (k == "cert.remove") {
    toast("Removed.");
  } else if (k == "cert.grade") {
    auto graded = event_data(events, "AttemptGraded");
    toast(graded.is_object() && graded.value("passed", false) ? "Graded: passed." : "Graded: not passed.");
  } else if (k == "cert.decide") {
    auto s = event_data(events, "CertificationStatusChanged");
    toast(s.is_object() && s.value("status", "") == "certified" ? "Certified: the agent can now be assigned customers." : "Declined.");
  } else if (k == "cert.exception_grant") {
    toast("Exception granted.");
  } else if (k == "cert.revoke") {
    toast("Certification revoked.");
  }
}

void Store::handle(const UploadTrainingFile& a) {
  auto& d = ui_.certification;
  if (!app_.route.program_id || d.upload_id) return;
  d.upload_error.clear();
  d.m_file = {};
  d.m_duration_seconds = 0;
  d.upload_id = platform::pick_and_upload(app_.route.program_id, a.accept.c_str(), "training");
}

// The types the server accepts as attachments (server/storage/file_store.cpp).
constexpr const char* attachment_types =
    "image/png,image/jpeg,image/gif,image/webp,application/pdf,video/mp4,video/webm,application/zip,text/plain,text/csv,application/json";

void Store::handle(const AttachFile& a) {
  if (!app_.route.program_id) return;
  auto& draft = a.draft == "reply" ? ui_.ticket.reply_files : ui_.new_ticket.files;
  if (draft.upload_id || draft.files.size() >= domain::max_attachments) return;
  draft.error.clear();
  draft.upload_id = platform::pick_and_upload(app_.route.program_id, attachment_types, "attachment");
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
