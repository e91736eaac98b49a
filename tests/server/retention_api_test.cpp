// Churn risk and retention over HTTP (seed 002 section 7): the billing system's usage figures
// and failed payments through the program's API key, the customer's sign-in, the scores and
// levels in the JSON and the CSV, a customer's cancellation request worked to an offer the
// customer accepts, the churn saves, and who may read what (customers no scores, agents their
// own customers).
#include "own_support_program.hpp"

#include <doctest/doctest.h>

namespace test_server_retention_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

httplib::Result billing(const OwnSupportProgram& p, const std::string& key, const std::string& what, const json& body) {
  auto c = p.server.client();
  httplib::Headers h;
  if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
  return c.Post(p.path("/billing/" + what).c_str(), h, body.dump(), "application/json");
}

json item_of(const json& list, std::int64_t customer) {
  for (const auto& i : list["items"])
    if (i["customer_id"] == customer) return i;
  return json{};
}

} // namespace

TEST_CASE("usage and failed payments from the billing system, a cancellation request and an accepted offer move the churn score and the saves") {
  OwnSupportProgram p;
  const auto key = p.ok(*p.owner, "CreateApiKey", {{"label", "Billing"}})["api_key"].get<std::string>();

  // The billing system's signals: by customer email, checked field by field, only with the key.
  CHECK(billing(p, "pdk_not_a_key_of_this_program_000000000000", "usage", {{"customer_email", "li@harborline.test"}, {"month", "2026-09"}, {"units", 1000}})->status == 401);
  auto bad = billing(p, key, "usage", {{"customer_email", "li@harborline.test"}, {"month", "2026-13"}, {"units", 1000}});
  REQUIRE(bad->status == 400);
  CHECK(json::parse(bad->body)["error"]["field"] == "month");
  CHECK(billing(p, key, "usage", {{"customer_email", "nobody@nowhere.test"}, {"month", "2026-09"}, {"units", 5}})->status == 404);
  CHECK(billing(p, key, "usage", {{"customer_id", p.customer_id}, {"month", "2026-09"}, {"units", -5}})->status == 400);
  REQUIRE(billing(p, key, "usage", {{"customer_email", "li@harborline.test"}, {"month", "2026-09"}, {"units", 1000}})->status == 200);
  auto usage = billing(p, key, "usage", {{"customer_id", p.customer_id}, {"month", "2026-10"}, {"units", 300}});
  REQUIRE(usage->status == 200);
  CHECK(json::parse(usage->body)["signals"]["usage"].size() == 2);
  auto failed = billing(p, key, "payment-failures",
                        {{"customer_id", p.customer_id}, {"payment_id", "in_77"}, {"amount", {{"minor", 4900}, {"currency", "USD"}}}, {"reason", "Card declined"}});
  REQUIRE(failed->status == 200);

  // Usage fell by 70% (+15) and a payment failed (+10): Monitor. The customer signed in (the
  // test harness's session), so no "no login".
  auto list = p.get(*p.owner, "/support/churn");
  auto li = item_of(list, p.customer_id);
  REQUIRE(li.is_object());
  CHECK(li["score"] == 25);
  CHECK(li["level"] == "monitor");
  CHECK(li["signals"].size() == 2);
  CHECK(list["levels"]["monitor"] == 1);

  // Customers never read scores; the agent reads its own customer's.
  CHECK(p.customer->get(p.path("/support/churn"))->status == 403);
  CHECK(p.customer->get(p.path("/customers/" + std::to_string(p.customer_id) + "/churn"))->status == 403);
  CHECK(item_of(p.get(*p.agent, "/support/churn"), p.customer_id)["score"] == 25);
  CHECK(p.owner->get(p.path("/support/churn?level=worried"))->status == 400);

  // The customer asks to cancel: +40, High Risk.
  auto asked = p.ok(*p.customer, "RequestPlanChange", {{"request", "cancel"}, {"note", "Too expensive this year"}});
  const auto case_id = asked["events"][0]["data"]["retention_case"]["id"].get<std::int64_t>();
  auto high = p.get(*p.owner, "/support/churn?level=high_risk");
  CHECK(high["total"] == 1);
  CHECK(item_of(high, p.customer_id)["score"] == 65);
  CHECK(item_of(high, p.customer_id)["open_case"] == case_id);

  // The agent understands, then offers within Li's band (MRR 49: 20% off for 3 months at most).
  auto early = p.agent->command(p.id, "MakeRetentionOffer", {{"case_id", case_id}, {"kind", "discount"}, {"months", 3}, {"percent", 20}});
  CHECK(early->status == 400);
  p.ok(*p.agent, "RecordRetentionReason", {{"case_id", case_id}, {"reason", "price"}, {"understanding", "Budget cut"}});
  auto offer = p.ok(*p.agent, "MakeRetentionOffer", {{"case_id", case_id}, {"kind", "discount"}, {"months", 3}, {"percent", 20}});
  CHECK(offer["events"][0]["data"]["offer"]["status"] == "made");
  auto accepted = p.ok(*p.customer, "AnswerRetentionOffer", {{"case_id", case_id}, {"offer", 0}, {"accept", true}});
  CHECK(accepted["events"][1]["type"] == "RetentionCaseClosed");

  auto retention = p.get(*p.owner, "/support/retention");
  CHECK(retention["saves"]["this_month"]["saved"] == 1);
  CHECK(retention["saves"]["this_month"]["mrr_retained_minor"] == 4900);
  CHECK(retention["cases"][0]["outcome"] == "saved");
  CHECK(retention["bands"].size() == 4);
  CHECK(item_of(p.get(*p.owner, "/support/churn"), p.customer_id)["score"] == 25);

  // One customer: its signals, the cases, a history of 4 weeks and now.
  auto one = p.get(*p.owner, "/customers/" + std::to_string(p.customer_id) + "/churn?weeks=4");
  CHECK(one["history"].size() == 5);
  CHECK(one["cases"].size() == 1);
  CHECK(p.owner->get(p.path("/customers/999/churn"))->status == 404);

  auto csv = p.owner->get(p.path("/support/churn.csv"));
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->body.find("customer_id,name,score,level") == 0);
  CHECK(csv->body.find("Li Wei,25,monitor") != std::string::npos);
}

} // namespace test_server_retention_api
