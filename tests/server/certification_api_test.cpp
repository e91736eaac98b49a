// The support certification over HTTP, against the demo program: only certified agents take
// customers; a failed agent waits out the retry period unless the business waives it, takes
// a fresh attempt, is graded and approved, and can then be assigned; the server submits an
// attempt whose time ran out and refuses answers after it; agents never see the question bank.
#include "api_client.hpp"
#include "shared/core/dates.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <thread>

namespace test_server_certification_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

json snapshot(Session& s) { return json_of(s.get("/api/v1/programs/1/snapshot")); }

json record_of(const json& snap, std::int64_t person) {
  for (const auto& a : snap["certification"]["agents"])
    if (a["person_id"] == person) return a;
  return nullptr;
}

json bank_question(const json& bank, std::int64_t id) {
  for (const auto& q : bank)
    if (q["id"] == id) return q;
  return nullptr;
}

std::int64_t customer_id(const json& snap, const std::string& email) {
  for (const auto& c : snap["customers"])
    if (c["profile"]["email"] == email) return c["id"].get<std::int64_t>();
  return 0;
}

// Polls `done` until it holds (true) or `limit` passes (false): a wait on a condition, whose
// limit only bounds a failure.
template <class Done>
bool eventually(Done done, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Marco's attempt in the demo, once the scheduler has submitted it (it started an hour ago with
// 20 minutes: due on the scheduler's first pass, which runs beside the first requests).
json marcos_submitted_record(Session& staff, std::int64_t marco) {
  json rec;
  const bool submitted = eventually([&] {
    rec = record_of(snapshot(staff), marco);
    return rec.is_object() && !rec["attempts"].empty() && rec["attempts"].back()["submitted_at"] != 0;
  });
  INFO("Marco's record: " << rec.dump());
  REQUIRE(submitted);
  return rec;
}
} // namespace

TEST_CASE("a failed agent retries once the business waives the wait, is graded and approved, and only then takes customers") {
  ServerProcess own; // a demo program of this case's own: the bank and the counts below are exact
  Session theo(own, "trainee@acme.test"), daniel(own, "staff@acme.test"), maya(own, "owner@acme.test");
  auto snap = snapshot(daniel);
  auto rec = record_of(snap, theo.person_id());
  REQUIRE(rec.is_object());
  CHECK(rec["status"] == "failed");
  const auto kenji = customer_id(snap, "kenji@tidewater.test");
  REQUIRE(kenji != 0);

  // Not certified: no customers.
  auto refused = daniel.command(1, "AssignCustomer", {{"customer_id", kenji}, {"agent_id", theo.person_id()}});
  REQUIRE(refused->status == 400);
  CHECK(json_of(refused)["error"]["field"] == "data.agent_id");
  CHECK(json_of(refused)["error"]["message"].get<std::string>().find("Failed") != std::string::npos);

  // Inside the retry period: refused, nothing changes.
  auto early = theo.command(1, "StartAssessment", json::object());
  CHECK(early->status == 409);
  // The refusal says until when.
  const auto until = "you may try again from " + pd::core::format_utc_minute(rec["retry_after"].get<std::int64_t>());
  CHECK(json_of(early)["error"]["message"].get<std::string>().find(until) != std::string::npos);
  CHECK(record_of(snapshot(daniel), theo.person_id())["attempts"].size() == rec["attempts"].size());

  // The business waives the wait; a fresh attempt with a paper drawn from the bank.
  REQUIRE(daniel.command(1, "GrantCertificationException", {{"person_id", theo.person_id()}, {"kind", "waive_retry"}, {"note", "Go again"}})->status == 200);
  auto started = theo.command(1, "StartAssessment", json::object());
  REQUIRE(started->status == 200);
  auto attempt = json_of(started)["events"][0]["data"]["attempt"];
  const int number = attempt["number"].get<int>();
  CHECK(attempt["paper"].size() == 6);
  for (const auto& q : attempt["paper"]) {
    CHECK_FALSE(q.contains("correct"));
    CHECK_FALSE(q.contains("rubric"));
  }
  // A second tab resumes the same attempt; starting again is refused.
  CHECK(theo.command(1, "StartAssessment", json::object())->status == 409);
  auto mine = record_of(snapshot(theo), theo.person_id());
  CHECK(mine["attempts"].back()["paper"] == attempt["paper"]);

  // Answer everything right (the owner's snapshot holds the bank): the paper is six different
  // questions of the bank, as many as the rules draw.
  const auto cert = snapshot(maya)["certification"];
  const auto& bank = cert["bank"];
  REQUIRE(attempt["paper"].size() == cert["rules"]["draw_count"].get<std::size_t>());
  std::set<std::int64_t> drawn;
  for (const auto& p : attempt["paper"]) drawn.insert(p["id"].get<std::int64_t>());
  CHECK(drawn.size() == attempt["paper"].size());
  json answers = json::array();
  for (const auto& p : attempt["paper"]) {
    auto q = bank_question(bank, p["id"].get<std::int64_t>());
    REQUIRE(q.is_object());
    if (q["kind"] == "multiple_choice") answers.push_back({{"question_id", p["id"]}, {"choices", q["correct"]}});
    else answers.push_back({{"question_id", p["id"]}, {"text", "I hear you; I am passing this to billing with a note and will follow up tomorrow."}});
  }
  auto submitted = theo.command(1, "SubmitAssessment", {{"attempt", number}, {"answers", answers}});
  REQUIRE(submitted->status == 200);
  // Free answers go to the grading queue; the business scores them against the rubric.
  auto after = record_of(snapshot(daniel), theo.person_id());
  if (after["status"] == "submitted") {
    json grades = json::array();
    for (const auto& p : attempt["paper"])
      if (p["kind"] != "multiple_choice") grades.push_back({{"question_id", p["id"]}, {"score", p["points"]}, {"comment", "Good"}});
    auto over = grades;
    over[0]["score"] = over[0]["score"].get<int>() + 1;
    auto too_much = daniel.command(1, "GradeAttempt", {{"person_id", theo.person_id()}, {"attempt", number}, {"grades", over}});
    CHECK(too_much->status == 400);
    REQUIRE(daniel.command(1, "GradeAttempt", {{"person_id", theo.person_id()}, {"attempt", number}, {"grades", grades}})->status == 200);
    after = record_of(snapshot(daniel), theo.person_id());
  }
  CHECK(after["status"] == "awaiting_manual_review");
  CHECK(after["attempts"].back()["passed"] == true);

  // Declining needs a note; approving certifies with an expiry a year on.
  CHECK(daniel.command(1, "DecideCertification", {{"person_id", theo.person_id()}, {"approve", false}})->status == 400);
  REQUIRE(maya.command(1, "DecideCertification", {{"person_id", theo.person_id()}, {"approve", true}, {"note", "Welcome aboard"}})->status == 200);
  after = record_of(snapshot(theo), theo.person_id());
  CHECK(after["status"] == "certified");
  CHECK(after["expires_at"].get<std::int64_t>() > after["certified_at"].get<std::int64_t>() + 360LL * 86'400'000);
  // Who and when of every step.
  std::vector<std::string> statuses;
  for (const auto& h : after["history"]) statuses.push_back(h["status"]);
  CHECK(statuses.back() == "certified");
  CHECK(after["history"].back()["by"] == maya.person_id());

  // Now the business can assign it a customer.
  CHECK(daniel.command(1, "AssignCustomer", {{"customer_id", kenji}, {"agent_id", theo.person_id()}})->status == 200);
}

TEST_CASE("the server submits an attempt whose time ran out and refuses answers after it") {
  Session marco(server(), "marco@acme.test"), daniel(server(), "staff@acme.test");
  // Marco started an hour ago with 20 minutes and never submitted: the scheduler does it.
  const json rec = marcos_submitted_record(daniel, marco.person_id());
  const auto& attempt = rec["attempts"].back();
  CHECK(attempt["auto_submitted"] == true);
  CHECK(attempt["answers"].size() == attempt["paper"].size()); // the answers saved in time were kept
  CHECK((rec["status"] == "submitted" || rec["status"] == "awaiting_manual_review"));
  auto late = marco.command(1, "SaveAnswers", {{"attempt", attempt["number"]}, {"answers", json::array()}});
  CHECK(late->status == 404);
  auto late_submit = marco.command(1, "SubmitAssessment", {{"attempt", attempt["number"]}, {"answers", json::array()}});
  CHECK(late_submit->status == 404);
  CHECK(record_of(snapshot(daniel), marco.person_id())["attempts"].back() == attempt);
}

TEST_CASE("agents never see the question bank or another agent's record; customers see no certification") {
  Session ava(server(), "agent@acme.test"), jordan(server(), "customer@acme.test"), daniel(server(), "staff@acme.test");
  auto mine = snapshot(ava)["certification"];
  CHECK(mine["bank"].empty());
  CHECK(mine["quiz_keys"].empty());
  CHECK(mine["agents"].size() == 1);
  CHECK(mine["agents"][0]["person_id"] == ava.person_id());
  CHECK(mine["modules"].size() == snapshot(daniel)["certification"]["modules"].size()); // every module, as the business sees them
  CHECK_FALSE(snapshot(daniel)["certification"]["bank"].empty());
  auto feed_page = ava.get("/api/v1/programs/1/events?after=0&limit=1000"); // the most a page holds
  REQUIRE(feed_page->status == 200);
  auto feed = json_of(feed_page);
  REQUIRE_FALSE(feed["events"].empty()); // (a limit above 1000 is refused: the loop below then checked nothing)
  for (const auto& e : feed["events"]) {
    CHECK(e["type"] != "QuestionSaved");
    CHECK(e["type"] != "QuizKeySaved");
    if (e["data"].contains("person_id") && e["type"].get<std::string>().find("Certification") != std::string::npos)
      CHECK(e["data"]["person_id"] == ava.person_id());
  }
  auto customer = snapshot(jordan)["certification"];
  CHECK(customer["agents"].empty());
  CHECK(customer["modules"].empty());
  // Agents cannot write the bank, grade or approve; customers cannot start.
  CHECK(ava.command(1, "SaveQuestion", {{"question", {{"kind", "short_answer"}, {"prompt", "x"}, {"rubric", "y"}}}})->status == 403);
  CHECK(ava.command(1, "DecideCertification", {{"person_id", ava.person_id()}, {"approve", true}})->status == 403);
  CHECK(jordan.command(1, "StartAssessment", json::object())->status == 403);
}

TEST_CASE("bad certification input is refused with the field named, and nothing changes") {
  Session maya(server(), "owner@acme.test");
  // The demo's one certification timer has run, so nothing but these commands could change it.
  marcos_submitted_record(maya, Session(server(), "marco@acme.test").person_id());
  const auto before = snapshot(maya)["certification"];
  auto over = maya.command(1, "ChangeCertificationSettings",
                           {{"access", "request"},
                            {"rules", {{"draw_count", 6}, {"time_limit_minutes", 20}, {"pass_percent", 101}, {"final_review", "manual"},
                                       {"retry_days", 3}, {"max_attempts", 3}, {"validity_months", 12}}}});
  CHECK(over->status == 400);
  CHECK(json_of(over)["error"]["field"] == "data.rules.pass_percent");
  auto no_answer = maya.command(1, "SaveQuestion", {{"question", {{"kind", "multiple_choice"}, {"prompt", "Which?"}, {"options", {"a", "b"}}}}});
  CHECK(no_answer->status == 400);
  CHECK(json_of(no_answer)["error"]["field"] == "data.question.correct");
  std::string guide_sha; // the demo's PDF guide: a file of the program, of the wrong type for a video
  for (const auto& m : before["modules"])
    if (m["kind"] == "pdf") guide_sha = m["file"]["sha256"].get<std::string>();
  auto wrong_type = maya.command(1, "SaveTrainingModule",
                                 {{"module",
                                   {{"kind", "video"},
                                    {"title", "Tour"},
                                    {"duration_seconds", 60},
                                    {"file", {{"name", "a.pdf"}, {"content_type", "application/pdf"}, {"size", 10}, {"sha256", guide_sha}}}}}});
  CHECK(wrong_type->status == 400);
  CHECK(json_of(wrong_type)["error"]["field"] == "data.module.file.content_type");
  auto unknown = maya.command(1, "RevokeCertification", {{"person_id", 3}, {"reason", "x"}, {"extra", 1}});
  CHECK(unknown->status == 400);
  CHECK(snapshot(maya)["certification"] == before);
}

TEST_CASE("training files: only owners and admins upload them, as MP4, WebM or PDF, within their own limit; agents with access read them") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test"), ava(server(), "agent@acme.test"), jordan(server(), "customer@acme.test");
  auto training = [](const char* name, const char* type, std::int64_t size) {
    return json{{"name", name}, {"content_type", type}, {"size", size}, {"purpose", "training"}};
  };
  // A video larger than a ticket attachment may be (10 MB) is fine for training (500 MB).
  auto video = maya.post("/api/v1/programs/1/uploads", training("tour.webm", "video/webm", 80LL * 1024 * 1024));
  CHECK(video->status == 201);
  auto huge = maya.post("/api/v1/programs/1/uploads", training("tour.webm", "video/webm", 600LL * 1024 * 1024));
  CHECK(huge->status == 413);
  CHECK(json_of(huge)["error"]["field"] == "size");
  auto image = maya.post("/api/v1/programs/1/uploads", training("slide.png", "image/png", 1000));
  CHECK(image->status == 415);
  CHECK(json_of(image)["error"]["field"] == "content_type");
  auto staff = daniel.post("/api/v1/programs/1/uploads", training("guide.pdf", "application/pdf", 1000));
  CHECK(staff->status == 403);
  CHECK(json_of(staff)["error"]["field"] == "purpose");
  CHECK(ava.post("/api/v1/programs/1/uploads", training("guide.pdf", "application/pdf", 1000))->status == 403);
  auto bad_purpose = maya.post("/api/v1/programs/1/uploads", json{{"name", "a.pdf"}, {"content_type", "application/pdf"}, {"size", 10}, {"purpose", "x"}});
  CHECK(bad_purpose->status == 400);

  // The demo's PDF guide: agents with training access read it (with ranges), customers do not.
  auto snap = snapshot(maya);
  std::string sha;
  for (const auto& m : snap["certification"]["modules"])
    if (m["kind"] == "pdf") sha = m["file"]["sha256"].get<std::string>();
  REQUIRE(!sha.empty());
  const auto path = "/api/v1/programs/1/files/" + sha;
  auto full = ava.get(path);
  REQUIRE(full->status == 200);
  CHECK(full->get_header_value("Content-Type") == "application/pdf");
  CHECK(full->body.rfind("%PDF-", 0) == 0);
  CHECK(jordan.get(path)->status == 404);
}

} // namespace test_server_certification_api
