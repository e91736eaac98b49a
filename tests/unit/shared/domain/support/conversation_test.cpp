// Calls and chats (LogConversation, docs/api.md "Calls and chats"): the agent logs a phone call or
// a chat held outside the desk; its notes or transcript stay internal and the written summary
// reaches the customer in the thread, as a reply does.
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/ticket_actions.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_conversation { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId staff = 3, ava = 4, theo = 5, jordan = 6;

TicketId jordan_opens(Given& g, TimeMs at) {
  auto events = run(g, OpenTicket{0, "Export fails", "The CSV export stops at 80%.", {}, Category::bug, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

LogConversation call(TicketId id) {
  return LogConversation{id, "phone", 12, "Jordan's export has 40,000 rows; the job times out at 60 s. Private number +1 555 0100.",
                         "Thanks for the call. We agreed to split the export by month; I will confirm once the limit is raised.",
                         {}, false};
}

} // namespace

TEST_CASE("a logged call: the notes as an internal note, the written summary as the reply the customer gets") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  const auto before = g.state.tickets.at(id);
  REQUIRE(before.sla.first_responded_at == 0);

  auto events = run(g, call(id), ava, t0 + hour_ms);
  REQUIRE(events.size() == 2);
  const auto& t = g.state.tickets.at(id);
  REQUIRE(t.messages.size() == before.messages.size() + 2);
  const auto& record = t.messages.at(t.messages.size() - 2);
  const auto& summary = t.messages.back();
  CHECK(record.kind == MessageKind::internal_note);
  CHECK(record.channel == "phone");
  CHECK(record.duration_minutes == 12);
  CHECK(record.text.find("40,000 rows") != std::string::npos);
  CHECK(summary.kind == MessageKind::reply);
  CHECK(summary.channel == "phone");
  CHECK(summary.summary_of == record.id);
  CHECK(summary.id == record.id + 1);
  CHECK(summary.text.find("split the export by month") != std::string::npos);
  // As a reply: the first response is made and the ticket waits on the customer.
  CHECK(t.sla.first_responded_at == t0 + hour_ms);
  CHECK(t.status == TicketStatus::waiting_on_customer);

  // The customer sees the summary, never the notes (the private number in them).
  const auto view = visible_state(g.state, jordan);
  const auto& seen = view.tickets.at(id);
  CHECK(std::any_of(seen.messages.begin(), seen.messages.end(), [&](const auto& m) { return m.summary_of == record.id; }));
  CHECK(state_to_json(view).dump().find("+1 555 0100") == std::string::npos);
  CHECK(state_to_json(visible_state(g.state, ava)).dump().find("+1 555 0100") != std::string::npos);
}

TEST_CASE("a chat transcript with the status the agent chose; the summary follows the reply's rules") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  run(g, LogConversation{id, "chat", 0, "[10:02] Jordan: export stuck\n[10:03] Ava: try by month", "We split the export by month: it works now.",
                         TicketStatus::resolved, false},
      ava, t0 + hour_ms);
  const auto& t = g.state.tickets.at(id);
  CHECK(t.status == TicketStatus::resolved);
  CHECK(t.messages.back().channel == "chat");

  // Held open while escalated: the agent may not resolve with a summary, as with a reply.
  const auto other = jordan_opens(g, t0 + 2 * hour_ms);
  run(g, EscalateTicket{other, "", {"Export fails", "Split by month", "calm", "Month end", "Engineering"}}, ava, t0 + 3 * hour_ms);
  auto held = when_refused(g.state, LogConversation{other, "phone", 5, "Notes", "Summary", TicketStatus::resolved, false}, ava);
  CHECK(held.code == ErrorCode::conflict);
}

TEST_CASE("who may log a call, and on which ticket") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  CHECK(when_refused(g.state, call(id), jordan).code == ErrorCode::forbidden); // the customer
  CHECK(when_refused(g.state, call(id), theo).code == ErrorCode::not_found);   // not Theo's customer
  CHECK_FALSE(ticket_action_offered(g.state, jordan, g.state.tickets.at(id), TicketAction::log_conversation));
  CHECK(ticket_action_offered(g.state, ava, g.state.tickets.at(id), TicketAction::log_conversation));
  run(g, call(id), staff, t0 + hour_ms); // the business too
  run(g, CloseTicket{id, ""}, jordan, t0 + 2 * hour_ms);
  auto closed = when_refused(g.state, call(id), ava);
  CHECK(closed.code == ErrorCode::conflict);
  CHECK_FALSE(ticket_action_offered(g.state, ava, g.state.tickets.at(id), TicketAction::log_conversation));
}

TEST_CASE("LogConversation decodes strictly and round-trips") {
  auto ok = decode_command("LogConversation", {{"ticket_id", 7}, {"channel", "chat"}, {"record", "a"}, {"summary", "b"}, {"status", "open"}});
  REQUIRE(ok);
  const auto& c = std::get<LogConversation>(ok.value());
  CHECK(c.channel == "chat");
  CHECK(c.status == TicketStatus::open);
  auto back = decode_command("LogConversation", encode_command({"x", c}).at("data"));
  REQUIRE(back);
  CHECK(std::get<LogConversation>(back.value()) == c);
  const nlohmann::json base = {{"ticket_id", 7}, {"channel", "phone"}, {"record", "a"}, {"summary", "b"}};
  auto with = [&](const char* key, nlohmann::json v) {
    auto j = base;
    j[key] = std::move(v);
    return decode_command("LogConversation", j);
  };
  CHECK(with("channel", "fax").error().field == "data.channel");
  CHECK(with("summary", "").error().field == "data.summary");
  CHECK(with("record", std::string(max_transcript + 1, 'x')).error().field == "data.record");
  CHECK(with("duration_minutes", max_call_minutes + 1).error().field == "data.duration_minutes");
  CHECK(with("duration_minutes", -1).error().field == "data.duration_minutes");
  CHECK(with("status", "closed").error().field == "data.status");
  CHECK(with("to", "x").error().field == "data.to");
}

} // namespace test_unit_shared_domain_support_conversation
