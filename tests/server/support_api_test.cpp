// The support desk over HTTP, against the demo program: a customer's ticket reaches the
// assigned agent and back, who may read what, the scheduler's overdue flags and
// auto-escalations, the overview, notifications, settings with time zones, and bad input.
#include "api_client.hpp"
#include "own_support_program.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace test_server_support_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

json find_ticket(const json& list, const std::string& subject) {
  for (const auto& t : list["items"])
    if (t["subject"] == subject) return t;
  return nullptr;
}

// Events after `after` sent by a person. The scheduler's own events (actor 0: overdue flags and
// escalations, on its first pass and whenever a demo deadline passes) come at any moment.
json events_by_people(Session& reader, std::int64_t after) {
  json out = json::array();
  const auto feed = json_of(reader.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after)));
  for (const auto& e : feed["events"])
    if (e["actor"] != 0) out.push_back(e);
  return out;
}

// Every event the reader may see, page by page (at most 1000 a page).
json whole_feed(Session& reader) {
  json out = json::array();
  for (std::int64_t after = 0;;) {
    auto r = reader.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after));
    REQUIRE(r->status == 200);
    const auto page = json_of(r);
    for (const auto& e : page["events"]) out.push_back(e);
    const auto next = page["next_after"].get<std::int64_t>();
    if (next <= after) return out;
    after = next;
  }
}

std::int64_t open_ticket(Session& customer, const std::string& subject, const std::string& text) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", text}, {"category", "how-to"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}
} // namespace

TEST_CASE("a customer opens a ticket, the assigned agent answers, the customer sees the reply but never the internal note") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  auto id = open_ticket(jordan, "Report totals look off", "The weekly totals differ from the daily ones.");
  const auto path = "/api/v1/programs/1/tickets/" + std::to_string(id);
  auto seen = json_of(ava.get(path));
  CHECK(seen["agent_id"] == ava.person_id());
  CHECK(seen["status"] == "new");
  CHECK(seen["sla"]["first_response_due"].get<std::int64_t>() > seen["opened_at"].get<std::int64_t>());
  auto notes = json_of(ava.get("/api/v1/programs/1/notifications"));
  // Hers among the newest (the scheduler may have told her of an overdue ticket since; the exact
  // count is asserted on a program of its own below).
  CHECK(std::any_of(notes["items"].begin(), notes["items"].end(),
                    [&](const json& n) { return n["ticket_id"] == id && n["kind"] == "ticket_opened" && n["id"] > notes["read_up_to"]; }));

  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Weekly totals use your time zone; daily ones UTC."}})->status == 200);
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Check their time zone setting"}, {"internal", true}})->status == 200);
  auto mine = json_of(jordan.get(path));
  CHECK(mine["status"] == "waiting_on_customer");
  CHECK(mine["messages"].size() == 3); // the customer's, the automatic acknowledgement, Ava's reply
  for (const auto& m : mine["messages"]) CHECK(m["kind"] != "internal_note");
  CHECK(json_of(daniel.get(path))["messages"].size() == 4);
  // The customer's feed does not carry the internal note either.
  auto feed = json_of(jordan.get("/api/v1/programs/1/events?after=0&limit=1000"));
  for (const auto& e : feed["events"])
    if (e["type"] == "TicketReplied") CHECK(e["data"]["message"]["kind"] != "internal_note");
}

TEST_CASE("tickets are invisible to those who may not read them") {
  Session jordan(server(), "customer@acme.test"), priya(server(), "priya@acme.test"), daniel(server(), "staff@acme.test");
  auto all = json_of(daniel.get("/api/v1/programs/1/tickets?view=all&limit=200"));
  auto sam = find_ticket(all, "Webhook deliveries failing since Monday"); // Sam's, with Ava
  REQUIRE(sam.is_object());
  const auto path = "/api/v1/programs/1/tickets/" + std::to_string(sam["id"].get<std::int64_t>());
  CHECK(jordan.get(path)->status == 404);
  CHECK(priya.get(path)->status == 404);
  auto refused = priya.command(1, "ReplyToTicket", {{"ticket_id", sam["id"]}, {"text", "hi"}});
  CHECK(refused->status == 404);
  auto own = json_of(jordan.get("/api/v1/programs/1/tickets?view=all"));
  std::size_t jordans = 0; // every ticket of Jordan's customer record, and only those
  for (const auto& t : all["items"]) jordans += t["customer_id"] == 1 ? 1 : 0;
  CHECK(own["items"].size() == jordans);
  for (const auto& t : own["items"]) CHECK(t["customer_id"] == 1);
  CHECK(priya.get("/api/v1/programs/1/support/overview")->status == 403);
  CHECK(jordan.command(1, "OpenTicket", {{"customer_id", 2}, {"subject", "x"}, {"text", "y"}})->status == 404);
}

TEST_CASE("a new ticket gives its agent exactly one more unread notification, and reading it clears the count") {
  OwnSupportProgram p; // nothing else writes to this program
  const auto before = p.get(*p.agent, "/notifications");
  const auto id = p.open_ticket("Exports stopped");
  const auto after = p.get(*p.agent, "/notifications");
  CHECK(after["unread"].get<int>() == before["unread"].get<int>() + 1);
  REQUIRE(after["items"].size() == before["items"].size() + 1);
  const auto& newest = after["items"][0]; // newest first
  CHECK(newest["ticket_id"] == id);
  CHECK(newest["kind"] == "ticket_opened");
  p.ok(*p.agent, "MarkNotificationsRead", {{"up_to", newest["id"]}});
  CHECK(p.get(*p.agent, "/notifications")["unread"] == 0);
}

TEST_CASE("the scheduler flags overdue tickets and escalates at 2x the window; the overview shows them") {
  ServerProcess own; // a demo program of this case's own: the counts below are exact
  Session daniel(own, "staff@acme.test"), ava(own, "agent@acme.test");
  // The demo's Enterprise ticket opened 5 h ago with a 2 h window: overdue, and escalated at 4 h,
  // by the scheduler's first pass (which runs beside the first requests, so it is waited for).
  json sam;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  do {
    sam = find_ticket(json_of(ava.get("/api/v1/programs/1/tickets?view=overdue")), "Webhook deliveries failing since Monday");
    if (sam.is_object() && sam["status"] == "escalated") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
  REQUIRE(sam.is_object());
  CHECK(sam["overdue"] == true);
  CHECK(sam["status"] == "escalated");
  auto o = json_of(daniel.get("/api/v1/programs/1/support/overview?period_days=30"));
  // The overview counts what the lists show (at this version: the scheduler's pass is done).
  CHECK(o["overdue_count"].get<std::size_t>() == json_of(daniel.get("/api/v1/programs/1/tickets?view=overdue&limit=200"))["items"].size());
  bool ava_group = false;
  for (const auto& g : o["overdue_by_agent"]) ava_group |= g["agent_name"] == "Ava Martinez";
  CHECK(ava_group);
  CHECK(o["awaiting_escalation"].size() == json_of(daniel.get("/api/v1/programs/1/tickets?view=escalated&limit=200"))["items"].size());
  CHECK(o["sla_total"].get<int>() > 0);
  CHECK(o["sla_health"].get<double>() < 100.0);
  // Recent ratings: the program's rated tickets (at most 20), newest first; Ava's overdue flags:
  // one per deadline the scheduler found her responsible for. Read at one version.
  for (int tries = 0;; ++tries) {
    REQUIRE(tries < 20);
    const auto snap = json_of(daniel.get("/api/v1/programs/1/snapshot"));
    const auto ratings = json_of(daniel.get("/api/v1/programs/1/support/overview?period_days=30"))["recent_ratings"];
    const auto record = json_of(daniel.get("/api/v1/programs/1/agents/" + std::to_string(ava.person_id()) + "/support"));
    const auto feed = whole_feed(daniel);
    if (json_of(daniel.get("/api/v1/programs/1/snapshot"))["version"] != snap["version"]) continue;
    std::size_t rated = 0;
    for (const auto& t : snap["tickets"]) rated += t.contains("customer_rating") && t["customer_rating"].is_object() ? 1 : 0;
    int missed = 0;
    for (const auto& e : feed) missed += e["type"] == "TicketSlaMissed" && e["data"]["agent_id"] == ava.person_id() ? 1 : 0;
    REQUIRE(rated > 0);
    CHECK(ratings.size() == std::min<std::size_t>(rated, 20));
    REQUIRE(missed > 0);
    CHECK(record["overdue_flags"].get<int>() == missed);
    CHECK(record["performance"]["weights"]["sla_compliance"] == 0.4);
    break;
  }
}

TEST_CASE("support settings: a business-hours calendar in a named time zone, and bad windows refused") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test");
  auto snapshot = json_of(maya.get("/api/v1/programs/1/snapshot"));
  auto settings = snapshot["support"];
  settings["tiers"][2]["calendar"] = {{"around_the_clock", false}, {"time_zone", "Europe/Berlin"},
                                      {"hours", json::array({{{"weekday", 1}, {"start_minute", 540}, {"end_minute", 1020}}})}};
  auto ok = maya.command(1, "ChangeSupportSettings", {{"settings", settings}});
  REQUIRE(ok->status == 200);
  auto after = json_of(maya.get("/api/v1/programs/1/snapshot"))["support"]["tiers"][2]["calendar"];
  CHECK(after["time_zone"] == "Europe/Berlin");
  CHECK(after["offsets"].size() > 40); // the server filled the zone's offset changes
  auto bad = settings;
  bad["tiers"][0]["first_response_minutes"] = 0;
  auto r = maya.command(1, "ChangeSupportSettings", {{"settings", bad}});
  CHECK(r->status == 400);
  CHECK(json_of(r)["error"]["field"] == "data.settings.tiers[0].first_response_minutes");
  bad = settings;
  bad["tiers"][1]["calendar"]["time_zone"] = "Atlantis/Central";
  r = maya.command(1, "ChangeSupportSettings", {{"settings", bad}});
  CHECK(json_of(r)["error"]["field"] == "data.settings.tiers[1].calendar.time_zone");
  CHECK(daniel.command(1, "ChangeSupportSettings", {{"settings", settings}})->status == 403);
  auto zones = json_of(maya.get("/api/v1/time-zones"))["items"];
  CHECK(std::find(zones.begin(), zones.end(), "America/New_York") != zones.end());
}

TEST_CASE("bad input on tickets gets a clear error and changes nothing") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  const auto before = json_of(daniel.get("/api/v1/programs/1/snapshot"))["version"].get<std::int64_t>();
  auto big = jordan.post("/api/v1/programs/1/uploads", {{"name", "dump.zip"}, {"content_type", "application/zip"}, {"size", 60 * 1024 * 1024}});
  CHECK(big->status == 413);
  CHECK(json_of(big)["error"]["field"] == "size");
  auto exe = jordan.post("/api/v1/programs/1/uploads", {{"name", "setup.exe"}, {"content_type", "application/x-msdownload"}, {"size", 10}});
  CHECK(exe->status == 415);
  CHECK(json_of(exe)["error"]["field"] == "content_type");
  auto phantom = jordan.command(1, "OpenTicket", {{"subject", "Logs"}, {"text", "attached"},
                                                  {"attachments", json::array({{{"name", "x.pdf"}, {"content_type", "application/pdf"},
                                                                                {"size", 10}, {"sha256", std::string(64, 'a')}}})}});
  CHECK(phantom->status == 400);
  CHECK(json_of(phantom)["error"]["field"] == "data.attachments[0].sha256");
  auto no_subject = jordan.command(1, "OpenTicket", {{"text", "x"}});
  CHECK(no_subject->status == 400);
  CHECK(json_of(no_subject)["error"]["field"] == "data.subject");
  auto bad_priority = jordan.command(1, "OpenTicket", {{"subject", "x"}, {"text", "y"}, {"priority", "P9"}});
  CHECK(json_of(bad_priority)["error"]["field"] == "data.priority");
  auto timers = ava.command(1, "RunTimers", json::object());
  CHECK(timers->status == 400);
  CHECK(events_by_people(daniel, before).empty());

  auto id = open_ticket(jordan, "Quick question", "Where is the billing page?");
  REQUIRE(jordan.command(1, "CloseTicket", {{"ticket_id", id}})->status == 200);
  auto closed = ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "It's under Settings"}});
  CHECK(closed->status == 409);
  CHECK(json_of(closed)["error"]["message"] == "This ticket is closed. Open a new ticket to continue.");
}

TEST_CASE("an agent's reply on a restricted topic is refused until sent anyway; escalating instead holds the ticket for the business") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  auto id = open_ticket(jordan, "Refund please", "I was charged twice and would like a refund.");
  auto t = json_of(ava.get("/api/v1/programs/1/tickets/" + std::to_string(id)));
  CHECK(std::find(t["restricted_topics"].begin(), t["restricted_topics"].end(), "refund") != t["restricted_topics"].end());
  auto warned = ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "I've approved a refund for you."}});
  CHECK(warned->status == 400);
  CHECK(json_of(warned)["error"]["field"] == "data.send_despite_warning");
  auto esc = ava.command(1, "EscalateTicket", {{"ticket_id", id},
                                               {"note", {{"summary", "Duplicate charge, refund requested"}, {"customer_sentiment", "calm"},
                                                         {"recommended_action", "Billing refunds the duplicate"}}}});
  REQUIRE(esc->status == 200);
  CHECK(ava.command(1, "ResolveTicket", {{"ticket_id", id}})->status == 409);
  REQUIRE(daniel.command(1, "TakeOverTicket", {{"ticket_id", id}})->status == 200);
  REQUIRE(daniel.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Refund issued for the duplicate charge."}, {"status", "resolved"}})->status ==
          200);
  auto done = json_of(jordan.get("/api/v1/programs/1/tickets/" + std::to_string(id)));
  CHECK(done["status"] == "resolved");
  CHECK(done["taken_over_by"] == 0); // the customer sees one conversation
  REQUIRE(jordan.command(1, "RateTicket", {{"ticket_id", id}, {"responsiveness", 5}, {"knowledge", 4}, {"professionalism", 5}, {"overall", 5}})
              ->status == 200);
  CHECK(jordan.command(1, "RateTicket", {{"ticket_id", id}, {"responsiveness", 6}, {"knowledge", 4}, {"professionalism", 5}, {"overall", 5}})
            ->status == 400);
}

TEST_CASE("an attachment is uploaded in pieces, attached to a ticket and served with ranges to those who may see it") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), priya(server(), "priya@acme.test");
  const std::string pdf = "%PDF-1.4\n" + std::string(3000, 'x') + "\n%%EOF\n";
  auto begin = jordan.post("/api/v1/programs/1/uploads", {{"name", "invoice.pdf"}, {"content_type", "application/pdf"}, {"size", pdf.size()}});
  REQUIRE(begin->status == 201);
  const auto id = json_of(begin)["upload_id"].get<std::string>();
  httplib::Client raw("127.0.0.1", server().port());
  httplib::Headers h{{"Cookie", jordan.cookie()}, {"X-Requested-With", "partnerdesk"}};
  const auto base = "/api/v1/programs/1/uploads/" + id;
  CHECK(raw.Put(base + "?offset=0", h, pdf.substr(0, 2000), "application/octet-stream")->status == 200);
  auto wrong = raw.Put(base + "?offset=100", h, pdf.substr(2000), "application/octet-stream");
  CHECK(wrong->status == 409);
  CHECK(json_of(wrong)["error"]["current_version"] == 2000); // resume from here
  CHECK(raw.Put(base + "?offset=2000", h, pdf.substr(2000), "application/octet-stream")->status == 200);
  auto done = raw.Post(base + "/complete", h, "", "application/json");
  REQUIRE(done->status == 200);
  auto file = json_of(done);
  CHECK(file["size"] == pdf.size());
  CHECK(file["sha256"].get<std::string>().size() == 64);
  auto opened = jordan.command(1, "OpenTicket", {{"subject", "Invoice attached"}, {"text", "See the PDF."},
                                                 {"attachments", json::array({{{"name", "invoice.pdf"}, {"content_type", "application/pdf"},
                                                                               {"size", 1}, {"sha256", file["sha256"]}}})}});
  REQUIRE(opened->status == 200);
  auto stored = json_of(opened)["events"][0]["data"]["message"]["attachments"][0];
  CHECK(stored["size"] == pdf.size()); // from the upload, not the request
  const auto url = "/api/v1/programs/1/files/" + file["sha256"].get<std::string>();
  auto got = ava.get(url);
  REQUIRE(got->status == 200);
  CHECK(got->body == pdf);
  CHECK(got->get_header_value("Content-Type") == "application/pdf");
  httplib::Client c2("127.0.0.1", server().port());
  auto part = c2.Get(url, {{"Cookie", ava.cookie()}, {"Range", "bytes=0-7"}});
  CHECK(part->status == 206);
  CHECK(part->body == "%PDF-1.4");
  CHECK(priya.get(url)->status == 404);
  // A file whose bytes do not match its declared type is refused at completion.
  auto fake = jordan.post("/api/v1/programs/1/uploads", {{"name", "fake.pdf"}, {"content_type", "application/pdf"}, {"size", 5}});
  const auto fake_base = "/api/v1/programs/1/uploads/" + json_of(fake)["upload_id"].get<std::string>();
  CHECK(raw.Put(fake_base + "?offset=0", h, "hello", "application/octet-stream")->status == 200);
  auto refused = raw.Post(fake_base + "/complete", h, "", "application/json");
  CHECK(refused->status == 400);
  CHECK(json_of(refused)["error"]["field"] == "content_type");
}

TEST_CASE("the customer's ticket read names the response target that applies and why, in the business's words") {
  Session jordan(server(), "customer@acme.test"), daniel(server(), "staff@acme.test");
  const auto id = open_ticket(jordan, "Targets for my ticket", "How soon will someone answer?");
  const auto path = "/api/v1/programs/1/tickets/" + std::to_string(id);
  const auto mine = json_of(jordan.get(path));
  const auto theirs = json_of(daniel.get(path));
  REQUIRE(mine["targets"].size() == 2);
  CHECK(mine["targets"][0]["key"] == "first_response");
  CHECK(mine["targets"][0]["state"] == "due");
  CHECK(mine["targets"][0]["text"].get<std::string>().rfind("First response due ", 0) == 0);
  CHECK_FALSE(mine["targets"][0]["reason"].get<std::string>().empty());
  CHECK(mine["targets"][1]["key"] == "resolution");
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(mine["targets"][i]["text"] == theirs["targets"][i]["text"]);
    CHECK(mine["targets"][i]["source"] == theirs["targets"][i]["source"]);
  }
}

} // namespace test_server_support_api
