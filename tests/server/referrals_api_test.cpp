// Referral commission over HTTP, each case on a program of its own (no demo, so nothing else
// writes lines or moves the version): an agent removed through People keeps its referrals, the
// customer it referred stays editable and its payments keep earning it exactly one line each;
// termination for fraud stops referral commission only through StopReferralCommission, confirmed
// apart with a reason, seen by the agent, never reaching back. A newly joined agent is listed
// Not Started in the snapshot's certification.
#include "api_client.hpp"
#include "mail_join.hpp"

#include "shared/core/dates.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>

namespace test_server_referrals_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string today() { return pd::core::format_date(pd::core::date_of_ms(now_ms())); }

// A program of its own: an owner, a commission plan (20% of the first payment, 10% recurring),
// an agent who joined by invitation, and a customer she referred.
struct ReferralProgram {
  SmtpSink sink; // the agent joins through the mailed confirmation link
  ServerProcess server{sink_relay_flags(sink), false};
  std::unique_ptr<Session> owner;
  std::unique_ptr<Session> agent;
  std::int64_t id = 0;
  std::int64_t agent_id = 0;
  std::int64_t customer_id = 0;

  ReferralProgram() {
    Session anon(server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", "owner@refer.test"}, {"name", "Olga Owner"}, {"password", "a-long-password"}})->status == 202);
    owner = std::make_unique<Session>(server, "owner@refer.test", "a-long-password");
    auto created = owner->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Refer Co"}, {"currency", "USD"}});
    REQUIRE(created->status == 201);
    id = json_of(created)["program_id"].get<std::int64_t>();
    auto invited = owner->command(id, "InviteMember", {{"email", "ava@refer.test"}, {"role", "agent"}});
    REQUIRE(invited->status == 200);
    const auto token = json_of(invited)["invitation_link"].get<std::string>().substr(10);
    join_through_mail(server, sink, token, "ava@refer.test", "Ava Martinez", "a-long-password");
    agent = std::make_unique<Session>(server, "ava@refer.test", "a-long-password");
    agent_id = agent->person_id();
    REQUIRE(owner->command(id, "SaveCommissionPlan",
                           {{"plan", {{"currency", "USD"}, {"effective_from", today()}, {"referral_first_bps", 2000}, {"referral_recurring_bps", 1000}}}})
                ->status == 200);
    auto added = owner->command(id, "AddCustomer", {{"profile", profile()}});
    REQUIRE(added->status == 200);
    customer_id = json_of(added)["events"][0]["data"]["customer_id"].get<std::int64_t>();
  }
  json profile(const std::string& subscription = "active") const {
    return {{"name", "Li Wei"},     {"email", "li@harborline.test"}, {"segment", "Growth"}, {"subscription", subscription},
            {"started_on", "2026-03-01"}, {"mrr", {{"minor", 4900}, {"currency", "USD"}}}, {"referring_agent", agent_id}};
  }
  std::string path(const std::string& rest) const { return "/api/v1/programs/" + std::to_string(id) + rest; }
  json snapshot(Session& who) { return json_of(who.get(path("/snapshot"))); }
  httplib::Result pay(const std::string& external_id, std::int64_t minor) {
    return owner->command(id, "RecordPayment",
                          {{"external_id", external_id}, {"customer_id", customer_id}, {"kind", "payment"}, {"amount", {{"minor", minor}, {"currency", "USD"}}}});
  }
  // The agent's referral lines as the business sees them: amounts in the order written.
  std::vector<std::int64_t> referral_amounts() {
    std::vector<std::int64_t> out;
    const auto snap = snapshot(*owner); // a range-for over a temporary's member would dangle
    for (const auto& l : snap["commissions"]["lines"])
      if (l["agent_id"] == agent_id && l["side"] == "referral") out.push_back(l["amount"]["minor"].get<std::int64_t>());
    return out;
  }
};

} // namespace

TEST_CASE("an agent removed through People keeps its referrals: the customer stays editable and each payment earns it one line") {
  ReferralProgram p;
  REQUIRE(p.pay("inv-1", 10'000)->status == 200);
  REQUIRE(p.referral_amounts() == std::vector<std::int64_t>{3'000}); // 20% + 10% of 100.00

  REQUIRE(p.owner->command(p.id, "RemoveMember", {{"person_id", p.agent_id}})->status == 200);
  auto snap = p.snapshot(*p.owner);
  bool member = false;
  for (const auto& m : snap["members"]) member = member || m["person_id"] == p.agent_id;
  CHECK_FALSE(member);
  // The referrer record stays, marked as having left.
  REQUIRE(snap["commissions"]["referrers"].size() == 1);
  CHECK(snap["commissions"]["referrers"][0]["person_id"] == p.agent_id);
  CHECK(snap["commissions"]["referrers"][0]["name"] == "Ava Martinez");
  CHECK(snap["commissions"]["referrers"][0]["left_at"].get<std::int64_t>() > 0);

  // Recording the cancellation keeps the attribution: no need to wipe the referrer.
  auto customer = snap["customers"][0];
  auto update = p.owner->command(p.id, "UpdateCustomer",
                                 {{"customer_id", p.customer_id}, {"profile", p.profile("past_due")}, {"expected_version", customer["version"]}});
  REQUIRE(update);
  CHECK(update->status == 200);
  CHECK(p.snapshot(*p.owner)["customers"][0]["profile"]["referring_agent"] == p.agent_id);

  // Her referral commission runs on: exactly one more line, 10% of 50.00.
  REQUIRE(p.pay("inv-2", 5'000)->status == 200);
  CHECK(p.referral_amounts() == std::vector<std::int64_t>{3'000, 500});
}

TEST_CASE("termination alone leaves referral commission running; StopReferralCommission stops it from then on, confirmed and with a reason") {
  ReferralProgram p;
  REQUIRE(p.pay("inv-1", 10'000)->status == 200);

  // Before the termination: refused, naming the field.
  auto early = p.owner->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "Invented customers"}, {"fraud_confirmed", true}});
  CHECK(early->status == 409);
  CHECK(json_of(early)["error"]["field"] == "data.person_id");

  REQUIRE(p.owner->command(p.id, "SetAgentStatus", {{"person_id", p.agent_id}, {"status", "terminated"}, {"reason", "Fraud: invented customers."}})
              ->status == 200);
  REQUIRE(p.pay("inv-2", 10'000)->status == 200);
  CHECK(p.referral_amounts() == std::vector<std::int64_t>{3'000, 1'000});

  // Not confirmed, no reason, a key too many: refused by the decoder or decide, nothing written.
  const auto version = p.snapshot(*p.owner)["version"];
  auto unconfirmed = p.owner->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "Invented customers"}, {"fraud_confirmed", false}});
  CHECK(unconfirmed->status == 400);
  CHECK(json_of(unconfirmed)["error"]["field"] == "data.fraud_confirmed");
  auto missing = p.owner->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "Invented customers"}});
  CHECK(json_of(missing)["error"]["field"] == "data.fraud_confirmed");
  auto extra = p.owner->command(p.id, "StopReferralCommission",
                                {{"person_id", p.agent_id}, {"reason", "x"}, {"fraud_confirmed", true}, {"retroactive", true}});
  CHECK(json_of(extra)["error"]["field"] == "data.retroactive");
  auto agent_tries = p.agent->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "x"}, {"fraud_confirmed", true}});
  CHECK(agent_tries->status == 403);
  CHECK(p.snapshot(*p.owner)["version"] == version);

  auto stop = p.owner->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "Invented customers"}, {"fraud_confirmed", true}});
  REQUIRE(stop->status == 200);
  const auto events = json_of(stop)["events"];
  REQUIRE(events.size() == 1);
  CHECK(events[0]["type"] == "ReferralCommissionStopped");
  CHECK(events[0]["data"] == json{{"person_id", p.agent_id}, {"reason", "Invented customers"}});
  auto again = p.owner->command(p.id, "StopReferralCommission", {{"person_id", p.agent_id}, {"reason", "Again"}, {"fraud_confirmed", true}});
  CHECK(again->status == 409);

  // From then on no referral line; the two written before stay exactly as they were.
  REQUIRE(p.pay("inv-3", 10'000)->status == 200);
  CHECK(p.referral_amounts() == std::vector<std::int64_t>{3'000, 1'000});

  // The agent (still a member, terminated) sees the stop on its own record, with the reason.
  const auto mine = p.snapshot(*p.agent);
  REQUIRE(mine["commissions"]["referrers"].size() == 1);
  CHECK(mine["commissions"]["referrers"][0]["referral_stop_reason"] == "Invented customers");
  CHECK(mine["commissions"]["referrers"][0]["referral_stopped_at"].get<std::int64_t>() > 0);
  std::int64_t lines = 0;
  for (const auto& l : mine["commissions"]["lines"]) lines += l["side"] == "referral" ? 1 : 0;
  CHECK(lines == 2);

  // The statement's CSV carries the notice its on-screen statement shows, for the agent and the
  // business alike: one `notice` row after the balances.
  const auto month = today().substr(0, 7);
  for (Session* reader : {p.agent.get(), p.owner.get()}) {
    auto csv = reader->get("/api/v1/programs/" + std::to_string(p.id) + "/commissions/statements/" + month + ".csv?agent=" +
                           std::to_string(p.agent_id));
    REQUIRE(csv->status == 200);
    const std::string notice = "Referral commission stopped on " + today() +
                               ", after the partnership was terminated for fraud: Invented customers. Payments made since earn no "
                               "referral commission; every line written before stays on this ledger.";
    CHECK(csv->body.find("\n" + month + ",notice," + std::to_string(p.agent_id) + ",") != std::string::npos);
    CHECK(csv->body.find(notice) != std::string::npos);
  }
}

TEST_CASE("a newly joined agent is listed Not Started in the snapshot's certification") {
  ReferralProgram p;
  const auto agents = p.snapshot(*p.owner)["certification"]["agents"];
  REQUIRE(agents.size() == 1);
  CHECK(agents[0]["person_id"] == p.agent_id);
  CHECK(agents[0]["status"] == "not_started");
  CHECK(agents[0]["access_requested_at"] == 0);
  const auto own = p.snapshot(*p.agent)["certification"]["agents"];
  REQUIRE(own.size() == 1);
  CHECK(own[0]["status"] == "not_started");
}

} // namespace test_server_referrals_api
