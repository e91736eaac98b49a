// The billing system over HTTP, against the demo program: API keys made by the commands route
// and shown once, payments and refunds sent with a key (repeats change nothing, conflicts and
// bad input are refused with the field named), bad and revoked keys, CSRF still guarding cookie
// requests, who may list keys, and the CSV exports of the ledger and the monthly statement.
// Separation of duties on money: an adjustment above the threshold waits for an owner or admin
// other than its author, nobody approves their own, and only owners and admins set the threshold.
#include "api_client.hpp"

#include "shared/core/dates.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

namespace test_server_commission_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Whether the scheduler has nothing left to do in the commissions: every month before this one
// closed, and no pending line past its holding period (adjustments wait for a person instead).
bool commissions_settled(const json& commissions) {
  const auto today = pd::core::date_of_ms(now_ms());
  if (commissions["next_close"].get<std::int64_t>() < std::int64_t{today.year} * 12 + (today.month - 1)) return false;
  for (const auto& l : commissions["lines"])
    if (l["state"] == "pending" && l["kind"] != "adjustment" && l["approve_at"].get<std::int64_t>() <= now_ms()) return false;
  return true;
}

// The demo's server, once the scheduler's first pass is done: it closes the months the demo
// left open and approves lines past their holding period beside the first requests, and the
// tests here compare the ledger before and after what they send.
ServerProcess& server() {
  static ServerProcess s;
  static const bool settled = [] {
    Session staff(s, "staff@acme.test");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!commissions_settled(json_of(staff.get("/api/v1/programs/1/snapshot"))["commissions"])) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }();
  REQUIRE_MESSAGE(settled, "the scheduler's first pass over the demo's commissions did not finish");
  return s;
}
std::string today() { return pd::core::format_date(pd::core::date_of_ms(now_ms())); }
std::string this_month() { return today().substr(0, 7); }

// The demo has no commission plan: referral commission of 20% on a first payment, 10% recurring.
void save_plan(Session& owner) {
  auto r = owner.command(1, "SaveCommissionPlan",
                         {{"plan", {{"currency", "USD"}, {"effective_from", today()}, {"referral_first_bps", 2000},
                                    {"referral_recurring_bps", 1000}, {"hold_days", 30}}}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
}

std::string create_key(Session& owner, const std::string& label) {
  auto r = owner.command(1, "CreateApiKey", {{"label", label}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["api_key"].get<std::string>();
}

// A request as a billing system sends it: the key, no cookie, no X-Requested-With.
httplib::Result pay(const std::string& key, const json& body, std::int64_t program = 1, const ServerProcess* on = nullptr) {
  auto c = (on ? *on : server()).client();
  httplib::Headers h;
  if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
  return c.Post("/api/v1/programs/" + std::to_string(program) + "/billing/payments", h, body.dump(), "application/json");
}

json payment(const std::string& id, std::int64_t customer, std::int64_t minor, const std::string& currency = "USD") {
  return {{"payment_id", id}, {"customer_id", customer}, {"amount", {{"minor", minor}, {"currency", currency}}}};
}

// What the billing routes may change, as the business sees it: payments, ledger lines, keys.
// (The program's version alone would also move with the scheduler's ticket timers.)
json version(Session& staff) {
  auto s = json_of(staff.get("/api/v1/programs/1/snapshot"));
  return {{"payments", s["commissions"]["payments"]}, {"lines", s["commissions"]["lines"]}, {"api_keys", s["api_keys"]}};
}
std::size_t ledger_size(Session& staff) { return json_of(staff.get("/api/v1/programs/1/snapshot"))["commissions"]["lines"].size(); }

std::string unique(const std::string& prefix) { return prefix + "-" + std::to_string(now_ms()) + "-" + fresh_command_id(); }

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell), cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(cell), cell.clear();
      rows.push_back(row), row.clear();
      ++i;
    } else {
      cell += c;
    }
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  REQUIRE(it != header.end());
  return static_cast<std::size_t>(it - header.begin());
}

} // namespace

TEST_CASE("an owner creates a billing API key through the commands route and gets it once; only its prefix is kept in view") {
  ServerProcess own; // a program of this case's own: the key count below is exact
  Session maya(own, "owner@acme.test"), daniel(own, "staff@acme.test"), ava(own, "agent@acme.test"), jordan(own, "customer@acme.test");
  const auto start = json_of(daniel.get("/api/v1/programs/1/snapshot"));
  const auto since = start["version"].get<std::int64_t>();
  const auto keys_before = start["api_keys"].size();
  const auto command_id = fresh_command_id();
  auto first = maya.command(1, "CreateApiKey", {{"label", "Stripe webhook"}}, command_id);
  REQUIRE(first->status == 200);
  const auto body = json_of(first);
  const auto key = body["api_key"].get<std::string>();
  CHECK(std::regex_match(key, std::regex("pdk_[0-9a-f]{64}")));
  REQUIRE(body["events"].size() == 1);
  const auto& created = body["events"][0];
  CHECK(created["type"] == "ApiKeyCreated");
  CHECK(created["data"]["key_prefix"] == key.substr(0, 12));
  CHECK_FALSE(created["data"].contains("key_hash"));
  const auto key_id = created["data"]["key_id"].get<std::int64_t>();

  // A retry of the same command is answered the same, without the key.
  auto again = maya.command(1, "CreateApiKey", {{"label", "Stripe webhook"}}, command_id);
  REQUIRE(again->status == 200);
  CHECK(again->get_header_value("Idempotent-Replayed") == "true");
  CHECK_FALSE(json_of(again).contains("api_key"));

  // Business staff list the keys; the hash and the key itself appear nowhere.
  auto list = daniel.get("/api/v1/programs/1/billing/api-keys");
  REQUIRE(list->status == 200);
  CHECK(list->body.find("key_hash") == std::string::npos);
  CHECK(list->body.find(key.substr(12)) == std::string::npos);
  bool listed = false;
  const auto items = json_of(list)["items"];
  for (const auto& k : items)
    if (k["id"] == key_id) {
      listed = true;
      CHECK(k["label"] == "Stripe webhook");
      CHECK(k["key_prefix"] == key.substr(0, 12));
      CHECK(k["created_by"] == maya.person_id());
      CHECK(k["revoked_at"] == 0);
    }
  CHECK(listed);
  auto snapshot = maya.get("/api/v1/programs/1/snapshot");
  CHECK(snapshot->body.find("key_hash") == std::string::npos);
  CHECK(json_of(snapshot)["api_keys"].size() == keys_before + 1); // the replay made no second key
  CHECK(items.size() == keys_before + 1);
  const auto feed_path = "/api/v1/programs/1/events?limit=1000&after=" + std::to_string(since);
  auto feed = daniel.get(feed_path);
  CHECK(feed->body.find("ApiKeyCreated") != std::string::npos);
  CHECK(feed->body.find("key_hash") == std::string::npos);

  // Agents and customers never see the keys.
  CHECK(ava.get("/api/v1/programs/1/billing/api-keys")->status == 403);
  CHECK(jordan.get("/api/v1/programs/1/billing/api-keys")->status == 403);
  CHECK(json_of(ava.get("/api/v1/programs/1/snapshot"))["api_keys"].empty());
  CHECK(json_of(jordan.get("/api/v1/programs/1/snapshot"))["api_keys"].empty());
  CHECK(ava.get(feed_path)->body.find("ApiKeyCreated") == std::string::npos);

  // Staff may not make keys; a label is 1-60 characters; a request cannot bring its own hash.
  CHECK(daniel.command(1, "CreateApiKey", {{"label", "Mine"}})->status == 403);
  auto long_label = maya.command(1, "CreateApiKey", {{"label", std::string(61, 'x')}});
  CHECK(long_label->status == 400);
  CHECK(json_of(long_label)["error"]["field"] == "data.label");
  auto own_hash = maya.command(1, "CreateApiKey", {{"label", "Mine"}, {"key_hash", std::string(64, 'a')}});
  CHECK(own_hash->status == 400);
  CHECK(json_of(own_hash)["error"]["field"] == "data.key_hash");
}

TEST_CASE("the billing system records a payment with its key: 201 with the ledger lines, a repeat changes nothing, other details 409") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test"), ava(server(), "agent@acme.test");
  save_plan(maya);
  const auto key = create_key(maya, "Billing");
  const auto id = unique("in");

  auto first = pay(key, payment(id, 1, 100'00));
  REQUIRE(first);
  REQUIRE(first->status == 201);
  CHECK_FALSE(first->has_header("Idempotent-Replayed"));
  auto body = json_of(first);
  CHECK(body["payment"]["external_id"] == id);
  CHECK(body["payment"]["customer_id"] == 1);
  CHECK(body["payment"]["amount"]["minor"] == 100'00);
  CHECK(body["payment"]["recorded_by"] == 0);
  REQUIRE(body["lines"].size() == 1);
  const auto& line = body["lines"][0];
  CHECK(line["agent_id"] == ava.person_id()); // Jordan was referred by Ava
  CHECK(line["side"] == "referral");
  CHECK(line["kind"] == "accrual");
  CHECK(line["state"] == "pending");
  CHECK(line["amount"]["minor"].get<std::int64_t>() > 0);
  CHECK(line["payment_id"] == body["payment"]["id"]);

  // The same payment again: answered 200, marked as a replay, nothing written.
  const auto v = version(daniel);
  const auto lines = ledger_size(daniel);
  auto repeat = pay(key, payment(id, 1, 100'00));
  REQUIRE(repeat->status == 200);
  CHECK(repeat->get_header_value("Idempotent-Replayed") == "true");
  CHECK(json_of(repeat)["payment"] == body["payment"]);
  CHECK(json_of(repeat)["lines"] == body["lines"]);
  CHECK(version(daniel) == v);
  CHECK(ledger_size(daniel) == lines);

  // The same id with another amount: a conflict naming payment_id, nothing written.
  auto other = pay(key, payment(id, 1, 90'00));
  REQUIRE(other->status == 409);
  CHECK(json_of(other)["error"]["field"] == "payment_id");
  CHECK(json_of(other)["error"]["code"] == "conflict");
  CHECK(version(daniel) == v);

  // A payment entered by staff under an id, then sent by the billing system: nothing changes.
  const auto staff_id = unique("manual");
  REQUIRE(daniel.command(1, "RecordPayment", {{"external_id", staff_id}, {"customer_id", 2}, {"kind", "payment"},
                                              {"amount", {{"minor", 50'00}, {"currency", "USD"}}}})->status == 200);
  const auto v2 = version(daniel);
  auto known = pay(key, payment(staff_id, 2, 50'00));
  CHECK(known->status == 200);
  CHECK(known->get_header_value("Idempotent-Replayed") == "true");
  CHECK(version(daniel) == v2);

  // By the customer's email, and a refund of part of the first payment.
  auto by_email = pay(key, {{"payment_id", unique("in")}, {"customer_email", "SAM@northwind.test"}, {"kind", "payment"},
                            {"amount", {{"minor", 25'00}, {"currency", "USD"}}}, {"paid_at", now_ms() - 60'000}});
  REQUIRE(by_email->status == 201);
  CHECK(json_of(by_email)["payment"]["customer_id"] == 2);
  auto refund = pay(key, {{"payment_id", unique("re")}, {"customer_id", 1}, {"kind", "refund"}, {"refund_of", id},
                          {"amount", {{"minor", 50'00}, {"currency", "USD"}}}});
  REQUIRE(refund->status == 201);
  auto rb = json_of(refund);
  CHECK(rb["payment"]["kind"] == "refund");
  REQUIRE(rb["lines"].size() == 1);
  CHECK(rb["lines"][0]["kind"] == "reversal");
  CHECK(rb["lines"][0]["amount"]["minor"].get<std::int64_t>() == -line["amount"]["minor"].get<std::int64_t>() / 2);

  // The business sees the payments; the agent sees its line but never a payment.
  auto staff_view = json_of(daniel.get("/api/v1/programs/1/snapshot"))["commissions"];
  bool found = false;
  for (const auto& p : staff_view["payments"]) found |= p["external_id"] == id;
  CHECK(found);
  CHECK(json_of(ava.get("/api/v1/programs/1/snapshot"))["commissions"]["payments"].empty());
}

TEST_CASE("a missing, malformed, wrong or revoked key is refused with 401 naming Authorization, and nothing changes") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test");
  save_plan(maya);
  const auto key = create_key(maya, "Soon revoked");
  const auto before = version(daniel);
  auto check_401 = [&](const httplib::Result& r) {
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(r->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
    auto e = json_of(r)["error"];
    CHECK(e["field"] == "Authorization");
    CHECK(e["code"] == "unauthenticated");
  };
  const auto body = payment(unique("in"), 1, 10'00);
  auto c = server().client();
  // Without a key the request is not exempt from the CSRF header: sent with it, the route
  // asks for the key; sent without it, the guard refuses first.
  check_401(c.Post("/api/v1/programs/1/billing/payments", api_headers(), body.dump(), "application/json"));
  CHECK(pay("", body)->status == 403);
  check_401(c.Post("/api/v1/programs/1/billing/payments", {{"X-Requested-With", "partnerdesk"}, {"Authorization", "Basic " + key}}, body.dump(),
                   "application/json"));
  check_401(pay("not-a-key", body));
  check_401(pay("pdk_" + std::string(64, '0'), body));
  check_401(pay(key.substr(0, 67), body));
  std::string upper = key;
  upper[10] = upper[10] == 'a' ? 'b' : 'a';
  check_401(pay(upper, body));
  check_401(pay(key, body, 2)); // another program's route
  check_401(pay(key, body, 99));
  CHECK(version(daniel) == before);

  // Revoked: refused from then on; revoking again is a clear error.
  std::int64_t key_id = 0;
  const auto keys = json_of(maya.get("/api/v1/programs/1/billing/api-keys"))["items"];
  for (const auto& k : keys)
    if (k["key_prefix"] == key.substr(0, 12)) key_id = k["id"].get<std::int64_t>();
  REQUIRE(key_id > 0);
  REQUIRE(pay(key, payment(unique("in"), 1, 10'00))->status == 201);
  REQUIRE(maya.command(1, "RevokeApiKey", {{"key_id", key_id}})->status == 200);
  const auto after_revoke = version(daniel);
  check_401(pay(key, payment(unique("in"), 1, 10'00)));
  CHECK(version(daniel) == after_revoke);
  auto again = maya.command(1, "RevokeApiKey", {{"key_id", key_id}});
  CHECK(again->status == 409);
  CHECK(json_of(again)["error"]["field"] == "data.key_id");
  auto unknown = maya.command(1, "RevokeApiKey", {{"key_id", 9999}});
  CHECK(unknown->status == 404);
  CHECK(json_of(unknown)["error"]["field"] == "data.key_id");
  const auto after = json_of(maya.get("/api/v1/programs/1/billing/api-keys"))["items"];
  for (const auto& k : after)
    if (k["id"] == key_id) CHECK(k["revoked_by"] == maya.person_id());
}

TEST_CASE("bad payments are refused with the field named and change nothing") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test");
  save_plan(maya);
  const auto key = create_key(maya, "Bad input");
  const auto before = version(daniel);
  struct Case {
    json body;
    int status;
    std::string field;
  };
  auto with = [](json body, const std::string& k, const json& v) {
    body[k] = v;
    return body;
  };
  const auto base = payment(unique("bad"), 1, 10'00);
  auto no_customer = base;
  no_customer.erase("customer_id");
  const Case cases[] = {
      {payment(unique("bad"), 1, 0), 400, "amount.minor"},
      {payment(unique("bad"), 1, -500), 400, "amount.minor"},
      {payment(unique("bad"), 1, 10'00, "EUR"), 400, "amount.currency"},
      {payment(unique("bad"), 1, 10'00, "usd"), 400, "amount.currency"},
      {payment(unique("bad"), 9999, 10'00), 404, "customer_id"},
      {with(no_customer, "customer_email", "nobody@nowhere.test"), 404, "customer_email"},
      {with(base, "customer_email", "customer@acme.test"), 400, "customer_email"},
      {no_customer, 400, "customer_id"},
      {with(base, "fee", 3), 400, "fee"},
      {with(base, "kind", "chargeback"), 400, "kind"},
      {with(base, "kind", "refund"), 400, "refund_of"},
      {with(base, "refund_of", "in-1"), 400, "refund_of"},
      {with(with(base, "kind", "refund"), "refund_of", "never-recorded"), 404, "refund_of"},
      {with(base, "paid_at", now_ms() + 86'400'000), 400, "paid_at"},
      {with(base, "payment_id", ""), 400, "payment_id"},
      {with(base, "payment_id", std::string(101, 'x')), 400, "payment_id"},
      {with(base, "amount", {{"minor", 100}}), 400, "amount.currency"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body.dump());
    auto r = pay(key, c.body);
    REQUIRE(r);
    CHECK(r->status == c.status);
    CHECK(json_of(r)["error"]["field"] == c.field);
  }
  auto c = server().client();
  auto not_json = c.Post("/api/v1/programs/1/billing/payments", {{"Authorization", "Bearer " + key}}, "{oops", "application/json");
  CHECK(not_json->status == 400);
  CHECK(json_of(not_json)["error"]["code"] == "invalid_json");
  CHECK(version(daniel) == before);
  // A payment corrected after a refusal is recorded.
  auto fixed = payment(unique("fixed"), 1, 10'00);
  auto wrong = fixed;
  wrong["amount"]["currency"] = "EUR";
  REQUIRE(pay(key, wrong)->status == 400);
  CHECK(pay(key, fixed)->status == 201);
}

TEST_CASE("cookie requests still need the CSRF header on the billing route; only a bare API key is exempt") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test");
  save_plan(maya);
  const auto key = create_key(maya, "CSRF check");
  const auto before = version(daniel);
  auto c = server().client();
  const auto body = payment(unique("csrf"), 1, 10'00).dump();
  // A signed-in browser without the header: refused before anything else.
  auto cookie_only = c.Post("/api/v1/programs/1/billing/payments", {{"Cookie", maya.cookie()}}, body, "application/json");
  CHECK(cookie_only->status == 403);
  CHECK(json_of(cookie_only)["error"]["field"] == "X-Requested-With");
  // A key alongside a session cookie is not exempt either.
  auto both = c.Post("/api/v1/programs/1/billing/payments", {{"Cookie", maya.cookie()}, {"Authorization", "Bearer " + key}}, body,
                     "application/json");
  CHECK(both->status == 403);
  auto other_cookie_first = c.Post("/api/v1/programs/1/billing/payments",
                                   {{"Cookie", "theme=dark; " + maya.cookie()}, {"Authorization", "Bearer " + key}}, body, "application/json");
  CHECK(other_cookie_first->status == 403);
  // The session alone never authorizes the billing route, header or not.
  auto session_with_header = maya.post("/api/v1/programs/1/billing/payments", json::parse(body));
  CHECK(session_with_header->status == 401);
  // Other routes are not exempt because of a Bearer header.
  auto elsewhere = c.Post("/api/v1/programs/1/commands", {{"Authorization", "Bearer " + key}}, "{}", "application/json");
  CHECK(elsewhere->status == 403);
  CHECK(version(daniel) == before);
  CHECK(pay(key, json::parse(body))->status == 201);
}

TEST_CASE("CSV exports: the ledger and a month's statement, quoted and neutralised; an agent gets only its own") {
  ServerProcess fresh; // a program of this case's own: the counts below are exact
  Session maya(fresh, "owner@acme.test"), daniel(fresh, "staff@acme.test"), ava(fresh, "agent@acme.test"),
      priya(fresh, "priya@acme.test"), jordan(fresh, "customer@acme.test"), rosa(fresh, "owner@brightside.test");
  save_plan(maya);
  const auto key = create_key(maya, "Exports");
  const auto jordan_payment = unique("csv");
  REQUIRE(pay(key, payment(jordan_payment, 1, 200'00), 1, &fresh)->status == 201); // Ava's customer
  REQUIRE(pay(key, payment(unique("csv"), 3, 300'00), 1, &fresh)->status == 201); // Li Wei: Priya's
  const std::string tricky = "=HYPERLINK(\"http://x.test\"), then\nsecond line";
  REQUIRE(daniel.command(1, "AdjustCommission", {{"agent_id", ava.person_id()}, {"side", "support"}, {"reason", tricky},
                                                 {"amount", {{"minor", -150}, {"currency", "USD"}}}})->status == 200);

  auto all = daniel.get("/api/v1/programs/1/commissions/ledger.csv");
  REQUIRE(all->status == 200);
  CHECK(all->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(all->get_header_value("Content-Disposition").rfind("attachment; filename=", 0) == 0);
  CHECK(all->get_header_value("Content-Disposition").find(".csv") != std::string::npos);
  // The formula is neutralised and the cell quoted, quotes doubled.
  CHECK(all->body.find("\"'=HYPERLINK(\"\"http://x.test\"\"), then\nsecond line\"") != std::string::npos);
  auto rows = parse_csv(all->body);
  // One row per ledger line of the program (the header first).
  const auto ledger = json_of(daniel.get("/api/v1/programs/1/snapshot"))["commissions"]["lines"];
  auto lines_of = [&](std::int64_t agent) {
    return static_cast<std::size_t>(std::count_if(ledger.begin(), ledger.end(), [&](const json& l) { return l["agent_id"] == agent; }));
  };
  REQUIRE(rows.size() == ledger.size() + 1);
  const std::vector<std::string> columns = {"line_id", "date",  "agent_id", "agent_name", "side",     "kind", "state",   "customer_id",
                                            "customer_name", "month", "days",  "amount",     "currency", "note", "batch_id"};
  CHECK(rows[0] == columns);
  const auto agent_col = column(rows[0], "agent_id"), amount_col = column(rows[0], "amount"), note_col = column(rows[0], "note");
  std::set<std::string> agents;
  bool adjustment = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == columns.size());
    agents.insert(rows[i][agent_col]);
    CHECK(std::regex_match(rows[i][amount_col], std::regex("-?[0-9]+\\.[0-9]{2}")));
    if (rows[i][note_col] == "'" + tricky) {
      adjustment = true;
      CHECK(rows[i][amount_col] == "-1.50"); // a negative amount stays a number
      CHECK(rows[i][column(rows[0], "agent_name")] == "Ava Martinez");
    }
  }
  CHECK(adjustment);
  CHECK(agents.count(std::to_string(ava.person_id())) == 1);
  CHECK(agents.count(std::to_string(priya.person_id())) == 1);
  // Referral on Jordan's 200.00 as decimal text: 20% + 10% on a first payment, else 10%.
  bool jordan_line = false;
  for (const auto& r : rows)
    if (r[note_col].find("(payment " + jordan_payment + ")") != std::string::npos) {
      jordan_line = true;
      CHECK(r[column(rows[0], "customer_id")] == "1");
      CHECK(r[column(rows[0], "customer_name")] == "Jordan Lee (Lumen Dental)");
      CHECK(r[amount_col] == (r[note_col].find("first payment") != std::string::npos ? "60.00" : "20.00"));
    }
  CHECK(jordan_line);

  // Filters.
  auto support_only = parse_csv(daniel.get("/api/v1/programs/1/commissions/ledger.csv?side=support&currency=USD")->body);
  for (std::size_t i = 1; i < support_only.size(); ++i) CHECK(support_only[i][column(rows[0], "side")] == "support");
  auto priya_rows = parse_csv(maya.get("/api/v1/programs/1/commissions/ledger.csv?agent=" + std::to_string(priya.person_id()))->body);
  CHECK(priya_rows.size() == lines_of(priya.person_id()) + 1);
  for (std::size_t i = 1; i < priya_rows.size(); ++i) CHECK(priya_rows[i][agent_col] == std::to_string(priya.person_id()));
  auto bad_side = daniel.get("/api/v1/programs/1/commissions/ledger.csv?side=both");
  CHECK(bad_side->status == 400);
  CHECK(json_of(bad_side)["error"]["field"] == "side");
  CHECK(json_of(daniel.get("/api/v1/programs/1/commissions/ledger.csv?currency=usd"))["error"]["field"] == "currency");

  // An agent gets its own lines only, asked or not; another agent's id is refused.
  auto own = ava.get("/api/v1/programs/1/commissions/ledger.csv");
  REQUIRE(own->status == 200);
  auto own_rows = parse_csv(own->body);
  CHECK(own_rows.size() == lines_of(ava.person_id()) + 1);
  for (std::size_t i = 1; i < own_rows.size(); ++i) CHECK(own_rows[i][agent_col] == std::to_string(ava.person_id()));
  CHECK(ava.get("/api/v1/programs/1/commissions/ledger.csv?agent=" + std::to_string(ava.person_id()))->status == 200);
  auto other = ava.get("/api/v1/programs/1/commissions/ledger.csv?agent=" + std::to_string(priya.person_id()));
  CHECK(other->status == 403);
  CHECK(json_of(other)["error"]["field"] == "agent");
  CHECK(jordan.get("/api/v1/programs/1/commissions/ledger.csv")->status == 403);
  CHECK(rosa.get("/api/v1/programs/1/commissions/ledger.csv")->status == 404);
  CHECK(Session(fresh).get("/api/v1/programs/1/commissions/ledger.csv")->status == 401);

  // The statement of this month: balances per agent and side, then the month's lines.
  const auto path = "/api/v1/programs/1/commissions/statements/" + this_month() + ".csv";
  auto st = daniel.get(path + "?currency=USD");
  REQUIRE(st->status == 200);
  CHECK(st->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(st->get_header_value("Content-Disposition").find(this_month()) != std::string::npos);
  auto srows = parse_csv(st->body);
  REQUIRE(srows.size() > 4);
  const auto& sh = srows[0];
  for (const char* c : {"month", "row", "agent_id", "agent_name", "side", "currency", "opening", "earned", "paid_out", "closing", "line_id",
                        "amount", "note"})
    CHECK(std::find(sh.begin(), sh.end(), c) != sh.end());
  bool ava_referral = false;
  for (std::size_t i = 1; i < srows.size(); ++i) {
    const auto& r = srows[i];
    REQUIRE(r.size() == sh.size());
    CHECK(r[column(sh, "month")] == this_month());
    if (r[column(sh, "row")] == "balance") {
      CHECK(std::regex_match(r[column(sh, "closing")], std::regex("-?[0-9]+\\.[0-9]{2}")));
      if (r[column(sh, "agent_id")] == std::to_string(ava.person_id()) && r[column(sh, "side")] == "referral") {
        ava_referral = true;
        CHECK(r[column(sh, "earned")] != "0.00");
      }
    } else {
      CHECK(r[column(sh, "row")] == "line");
    }
  }
  CHECK(ava_referral);
  // Exactly: a balance per side for every agent with a USD line written by the month's end (all
  // of them: none is dated ahead), a row per USD line written this month; Ava's own statement
  // the same for her alone. Counted from the ledger of the program at the statement's version.
  for (int tries = 0;; ++tries) {
    REQUIRE(tries < 20);
    const auto snap = json_of(daniel.get("/api/v1/programs/1/snapshot"));
    const auto all_rows = parse_csv(daniel.get(path + "?currency=USD")->body);
    const auto mine = parse_csv(ava.get(path)->body);
    if (json_of(daniel.get("/api/v1/programs/1/snapshot"))["version"] != snap["version"]) continue;
    std::set<std::int64_t> with_lines;
    std::size_t in_month = 0, mine_in_month = 0;
    for (const auto& l : snap["commissions"]["lines"]) {
      if (l["amount"]["currency"] != "USD") continue;
      with_lines.insert(l["agent_id"].get<std::int64_t>());
      if (pd::core::format_date(pd::core::date_of_ms(l["at"].get<std::int64_t>())).substr(0, 7) != this_month()) continue;
      ++in_month;
      mine_in_month += l["agent_id"] == ava.person_id() ? 1 : 0;
    }
    std::size_t balance_rows = 0, line_rows = 0;
    for (std::size_t i = 1; i < all_rows.size(); ++i) (all_rows[i][column(sh, "row")] == "balance" ? balance_rows : line_rows) += 1;
    CHECK(with_lines.count(ava.person_id()) == 1);
    CHECK(with_lines.count(priya.person_id()) == 1);
    CHECK(balance_rows == 2 * with_lines.size());
    CHECK(line_rows == in_month);
    CHECK(mine.size() == 1 + 2 + mine_in_month);
    break;
  }
  auto mine = parse_csv(ava.get(path)->body);
  for (std::size_t i = 1; i < mine.size(); ++i) CHECK(mine[i][column(sh, "agent_id")] == std::to_string(ava.person_id()));
  auto not_mine = ava.get(path + "?agent=" + std::to_string(priya.person_id()));
  CHECK(not_mine->status == 403);
  CHECK(json_of(not_mine)["error"]["field"] == "agent");
  CHECK(jordan.get(path)->status == 403);
  auto bad_month = daniel.get("/api/v1/programs/1/commissions/statements/2026-13.csv");
  CHECK(bad_month->status == 400);
  CHECK(json_of(bad_month)["error"]["field"] == "month");
}

namespace {
json adjust(Session& who, std::int64_t agent, std::int64_t minor, const std::string& reason) {
  auto r = who.command(1, "AdjustCommission", {{"agent_id", agent}, {"side", "referral"}, {"reason", reason},
                                               {"amount", {{"minor", minor}, {"currency", "USD"}}}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  auto body = json_of(r);
  REQUIRE(body["events"].size() == 1);
  REQUIRE(body["events"][0]["type"] == "CommissionAdjusted");
  return body["events"][0]["data"]["line"];
}
json line_in_snapshot(Session& who, std::int64_t id) {
  const auto snapshot = json_of(who.get("/api/v1/programs/1/snapshot"));
  for (const auto& l : snapshot["commissions"]["lines"])
    if (l["id"] == id) return l;
  return nullptr;
}
} // namespace

TEST_CASE("an adjustment above the threshold waits for an owner or admin other than its author; a small one is approved at once") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test"), ava(server(), "agent@acme.test");

  // The demo holds one already: Daniel's, waiting for Maya.
  bool demo_waiting = false;
  const auto demo = json_of(maya.get("/api/v1/programs/1/snapshot"));
  for (const auto& l : demo["commissions"]["lines"])
    demo_waiting |= l["kind"] == "adjustment" && l["state"] == "pending" && l["by"] == daniel.person_id();
  CHECK(demo_waiting);

  // Staff add 750.00: written pending, not approved by anyone.
  const auto big = adjust(daniel, ava.person_id(), 750'00, "Launch bonus for the Northwind rollout");
  CHECK(big["state"] == "pending");
  CHECK(big["approved_by"] == 0);
  CHECK(big["approve_at"] == 0);
  const auto id = big["id"].get<std::int64_t>();

  // Its author approving it: refused, naming the line.
  auto own = daniel.command(1, "ApproveCommissionLines", {{"line_ids", {id}}});
  REQUIRE(own);
  CHECK(own->status == 403);
  CHECK(json_of(own)["error"]["field"] == "data.line_ids[0]");
  CHECK(json_of(own)["error"]["message"].get<std::string>().find("your own adjustment") != std::string::npos);
  CHECK(ava.command(1, "ApproveCommissionLines", {{"line_ids", {id}}})->status == 403);
  CHECK(line_in_snapshot(maya, id)["state"] == "pending");
  // Nor can it be paid out while it waits.
  auto early = maya.command(1, "RecordPayout", {{"reference", unique("TR")}, {"currency", "USD"}, {"line_ids", {id}}});
  CHECK(early->status == 409);
  CHECK(json_of(early)["error"]["field"] == "data.line_ids[0]");

  // The owner approves it.
  auto approved = maya.command(1, "ApproveCommissionLines", {{"line_ids", {id}}});
  REQUIRE(approved->status == 200);
  const auto after = line_in_snapshot(daniel, id);
  CHECK(after["state"] == "approved");
  CHECK(after["approved_by"] == maya.person_id());

  // 25.00 is under the threshold: approved at once by its author, as before.
  const auto small = adjust(daniel, ava.person_id(), 25'00, "Thank-you for the webinar");
  CHECK(small["state"] == "approved");
  CHECK(small["approved_by"] == daniel.person_id());

  // The owner's own large adjustment: she is refused too (no other owner or admin here yet).
  const auto hers = adjust(maya, ava.person_id(), -900'00, "Commission paid twice in error");
  CHECK(hers["state"] == "pending");
  auto self = maya.command(1, "ApproveCommissionLines", {{"line_ids", {hers["id"]}}});
  CHECK(self->status == 403);
  CHECK(json_of(self)["error"]["field"] == "data.line_ids[0]");
  auto staff_for_owner = daniel.command(1, "ApproveCommissionLines", {{"line_ids", {hers["id"]}}});
  CHECK(staff_for_owner->status == 403);
  CHECK(json_of(staff_for_owner)["error"]["message"].get<std::string>().find("owner or admin") != std::string::npos);
}

TEST_CASE("only owners and admins change the adjustment threshold; 0 sends every adjustment to a second person") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test"), ava(server(), "agent@acme.test");
  const json zero = {{"threshold", {{"minor", 0}, {"currency", "USD"}}}};
  auto by_staff = daniel.command(1, "SetAdjustmentThreshold", zero);
  CHECK(by_staff->status == 403);
  CHECK(ava.command(1, "SetAdjustmentThreshold", zero)->status == 403);
  auto negative = maya.command(1, "SetAdjustmentThreshold", {{"threshold", {{"minor", -5}, {"currency", "USD"}}}});
  CHECK(negative->status == 400);
  CHECK(json_of(negative)["error"]["field"] == "data.threshold.minor");
  auto other_currency = maya.command(1, "SetAdjustmentThreshold", {{"threshold", {{"minor", 100}, {"currency", "JPY"}}}});
  CHECK(other_currency->status == 400);
  CHECK(json_of(other_currency)["error"]["field"] == "data.threshold.currency");

  REQUIRE(maya.command(1, "SetAdjustmentThreshold", zero)->status == 200);
  const auto thresholds = json_of(daniel.get("/api/v1/programs/1/snapshot"))["commissions"]["adjustment_thresholds"];
  REQUIRE(thresholds.size() == 1);
  CHECK(thresholds[0]["minor"] == 0);
  CHECK(thresholds[0]["set_by"] == maya.person_id());
  CHECK(json_of(ava.get("/api/v1/programs/1/snapshot"))["commissions"]["adjustment_thresholds"].empty());
  CHECK(adjust(daniel, ava.person_id(), 1, "Rounding")["state"] == "pending");
  // Back to 500.00 for the other tests of this file.
  REQUIRE(maya.command(1, "SetAdjustmentThreshold", {{"threshold", {{"minor", 500'00}, {"currency", "USD"}}}})->status == 200);
  CHECK(adjust(daniel, ava.person_id(), 1, "Rounding")["state"] == "approved");
}

} // namespace test_server_commission_api
