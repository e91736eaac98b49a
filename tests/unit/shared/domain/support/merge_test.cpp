// Merging tickets (MergeTickets, docs/api.md "Merging tickets"): one customer's tickets about
// one problem become one conversation; the others close with a pointer; the SLA clock of the
// earliest applies; replies and ratings on a merged ticket are sent where it continues.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/privacy/data_retention.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/ticket_actions.hpp"
#include "shared/domain/support/ticket_audit.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_merge { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::core::ms_per_day;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, theo = 5, jordan = 6;

TicketId jordan_opens(Given& g, const char* subject, const char* text, TimeMs at) {
  auto events = run(g, OpenTicket{0, subject, text, {}, Category::billing, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

int count_from(const Ticket& t, TicketId from) {
  return static_cast<int>(std::count_if(t.messages.begin(), t.messages.end(), [&](const auto& m) { return m.merged_from == from; }));
}

} // namespace

TEST_CASE("the agent merges a customer's earlier ticket into a later one: one thread, the other closed with a pointer, the earliest clock") {
  auto g = acme();
  const auto first = jordan_opens(g, "Invoice wrong", "The November invoice has our old address.", t0);
  const auto second = jordan_opens(g, "Invoice address", "Still the old address on my invoice.", t0 + 2 * hour_ms);
  run(g, ReplyToTicket{first, "Checking with billing.", false, {}, {}, false}, ava, t0 + hour_ms); // first answered at 1 h
  const auto before_first = g.state.tickets.at(first);
  const auto before_second = g.state.tickets.at(second);
  REQUIRE(before_first.sla.first_response_due < before_second.sla.first_response_due);

  auto events = run(g, MergeTickets{second, {first}}, ava, t0 + 3 * hour_ms);
  REQUIRE(events.size() == 1);
  const auto& merged = std::get<TicketsMerged>(events.at(0));
  CHECK(merged.first_ids == std::vector<std::int64_t>{before_second.messages.back().id + 1});

  const auto& kept = g.state.tickets.at(second);
  const auto& gone = g.state.tickets.at(first);
  // The kept ticket: its own messages, then the first ticket's, numbered on and marked.
  REQUIRE(kept.messages.size() == before_second.messages.size() + before_first.messages.size());
  CHECK(count_from(kept, first) == static_cast<int>(before_first.messages.size()));
  for (std::size_t i = 0; i < kept.messages.size(); ++i) CHECK(kept.messages[i].id == static_cast<std::int64_t>(i) + 1);
  CHECK(kept.messages.back().text == "Checking with billing.");
  CHECK(kept.merged == std::vector<TicketId>{first});
  CHECK(is_open(kept.status));
  // The SLA clock of the earliest, with the first answer it already had.
  CHECK(kept.sla.first_response_due == before_first.sla.first_response_due);
  CHECK(kept.sla.first_responded_at == t0 + hour_ms);
  CHECK(kept.sla.resolution_due == before_first.sla.resolution_due);
  // The merged ticket: closed with a pointer, its own thread kept.
  CHECK(gone.status == TicketStatus::closed);
  CHECK(gone.closed_at == t0 + 3 * hour_ms);
  CHECK(gone.merged_into == second);
  CHECK(gone.messages == before_first.messages);
  // Counted once in the metrics: through the kept ticket.
  CHECK_FALSE(gone.metric_facts.counted);
  CHECK(kept.metric_facts.counted);
  CHECK(g.state.open_tickets.count(first) == 0);
}

TEST_CASE("the audit trail says where a merged ticket went and what joined the kept one, to the customer too") {
  auto g = acme();
  const auto a = jordan_opens(g, "Login fails", "I cannot sign in.", t0);
  const auto b = jordan_opens(g, "Locked out", "Locked out since this morning.", t0 + hour_ms);
  run(g, MergeTickets{a, {b}}, staff, t0 + 2 * hour_ms);
  for (PersonId reader : {staff, ava, jordan}) {
    CAPTURE(reader);
    const auto kept = audit_trail(g.state, g.state.tickets.at(a), reader);
    CHECK(std::any_of(kept.begin(), kept.end(), [&](const auto& e) {
      return e.kind == TicketChangeKind::merged && e.text.find("Merged #" + std::to_string(b) + " into this ticket") != std::string::npos;
    }));
    const auto gone = audit_trail(g.state, g.state.tickets.at(b), reader);
    CHECK(std::any_of(gone.begin(), gone.end(), [&](const auto& e) {
      return e.kind == TicketChangeKind::merged && e.text.find("Merged into #" + std::to_string(a)) != std::string::npos;
    }));
  }
  // Jordan hears where the conversation continues.
  const auto& inbox = g.state.inboxes.at(jordan).items;
  CHECK(std::any_of(inbox.begin(), inbox.end(), [](const auto& n) { return n.kind == "merged"; }));
}

TEST_CASE("a merge is refused for the ticket itself, a ticket named twice, another customer's, a closed one, and by the customer") {
  auto g = acme();
  const auto a = jordan_opens(g, "One", "First.", t0);
  const auto b = jordan_opens(g, "Two", "Second.", t0 + 1);
  const auto samm = std::get<TicketOpened>(run(g, OpenTicket{2, "Webhooks", "502s.", {}, Category::bug, {}, {}}, staff, t0 + 2).at(0)).ticket_id;

  auto self = when_refused(g.state, MergeTickets{a, {b, a}}, ava);
  CHECK(self.code == ErrorCode::invalid_field);
  CHECK(self.field == "data.merged_ids[1]");
  auto twice = when_refused(g.state, MergeTickets{a, {b, b}}, ava);
  CHECK(twice.code == ErrorCode::invalid_field);
  CHECK(twice.field == "data.merged_ids[1]");
  // Ava cannot see Sam's ticket (Theo's customer): not found; the business is told why.
  CHECK(when_refused(g.state, MergeTickets{a, {samm}}, ava).code == ErrorCode::not_found);
  auto other = when_refused(g.state, MergeTickets{a, {samm}}, staff);
  CHECK(other.code == ErrorCode::invalid_field);
  CHECK(other.message.find("another customer") != std::string::npos);
  CHECK(when_refused(g.state, MergeTickets{a, {b}}, jordan).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, MergeTickets{a, {b}}, theo).code == ErrorCode::not_found); // not Theo's customer
  CHECK(when_refused(g.state, MergeTickets{a, {999}}, ava).field == "data.merged_ids[0]");

  run(g, CloseTicket{b, ""}, jordan, t0 + hour_ms);
  auto closed = when_refused(g.state, MergeTickets{a, {b}}, ava);
  CHECK(closed.code == ErrorCode::conflict);
  CHECK(closed.field == "data.merged_ids[0]");
  CHECK(when_refused(g.state, MergeTickets{b, {a}}, ava).field == "data.ticket_id"); // the kept one closed
  CHECK_FALSE(ticket_action_offered(g.state, ava, g.state.tickets.at(b), TicketAction::merge));
  CHECK(ticket_action_offered(g.state, ava, g.state.tickets.at(a), TicketAction::merge));
  CHECK_FALSE(ticket_action_offered(g.state, jordan, g.state.tickets.at(a), TicketAction::merge));
}

TEST_CASE("a merged ticket takes no reply and no rating: they belong to the ticket it continues in") {
  auto g = acme();
  const auto a = jordan_opens(g, "One", "First.", t0);
  const auto b = jordan_opens(g, "Two", "Second.", t0 + 1);
  run(g, MergeTickets{b, {a}}, ava, t0 + hour_ms);
  auto reply = when_refused(g.state, ReplyToTicket{a, "Any news?", false, {}, {}, false}, jordan, t0 + 2 * hour_ms);
  CHECK(reply.code == ErrorCode::conflict);
  CHECK(reply.message.find("merged into #" + std::to_string(b)) != std::string::npos);
  auto rate = when_refused(g.state, RateTicket{a, 5, 5, 5, 5, ""}, jordan, t0 + 2 * hour_ms);
  CHECK(rate.code == ErrorCode::conflict);
  CHECK(rate.message.find("merged into") != std::string::npos);
  run(g, ReplyToTicket{b, "Any news?", false, {}, {}, false}, jordan, t0 + 2 * hour_ms); // where it continues
}

TEST_CASE("a merged ticket expires under the retention period together with the ticket it was merged into") {
  auto g = acme();
  const auto a = jordan_opens(g, "One", "First, from jordan.private@example.org.", t0);
  const auto b = jordan_opens(g, "Two", "Second.", t0 + 1);
  run(g, MergeTickets{b, {a}}, ava, t0 + hour_ms);
  run(g, SetDataRetention{30, 0}, owner, t0 + 2 * hour_ms);
  // a closed at the merge: its own period would end first, but b is still open.
  auto none = run(g, RunTimers{}, support_rules::system_actor, t0 + 40 * ms_per_day);
  CHECK(std::none_of(none.begin(), none.end(), [](const auto& e) { return std::holds_alternative<TicketsExpired>(e); }));
  run(g, CloseTicket{b, ""}, jordan, t0 + 41 * ms_per_day);
  auto due = run(g, RunTimers{}, support_rules::system_actor, t0 + 80 * ms_per_day);
  const auto it = std::find_if(due.begin(), due.end(), [](const auto& e) { return std::holds_alternative<TicketsExpired>(e); });
  REQUIRE(it != due.end());
  auto expired = std::get<TicketsExpired>(*it).text;
  std::sort(expired.begin(), expired.end());
  CHECK(expired == std::vector<TicketId>{a, b});
  const auto text = state_to_json(g.state).dump();
  CHECK(text.find("jordan.private@example.org") == std::string::npos);
}

TEST_CASE("MergeTickets decodes strictly and round-trips") {
  auto ok = decode_command("MergeTickets", {{"ticket_id", 7}, {"merged_ids", {3, 5}}});
  REQUIRE(ok);
  const auto& c = std::get<MergeTickets>(ok.value());
  CHECK(c == MergeTickets{7, {3, 5}});
  auto back = decode_command("MergeTickets", encode_command({"x", c}).at("data"));
  REQUIRE(back);
  CHECK(std::get<MergeTickets>(back.value()) == c);
  CHECK(decode_command("MergeTickets", {{"ticket_id", 7}, {"merged_ids", nlohmann::json::array()}}).error().field == "data.merged_ids");
  CHECK(decode_command("MergeTickets", {{"ticket_id", 7}}).error().field == "data.merged_ids");
  CHECK(decode_command("MergeTickets", {{"ticket_id", 7}, {"merged_ids", {3, "5"}}}).error().field == "data.merged_ids[1]");
  CHECK(decode_command("MergeTickets", {{"ticket_id", 7}, {"merged_ids", {3, 0}}}).error().field == "data.merged_ids[1]");
  CHECK(decode_command("MergeTickets", {{"ticket_id", 7}, {"merged_ids", {3}}, {"into", 1}}).error().field == "data.into");
  nlohmann::json eleven = nlohmann::json::array();
  for (int i = 1; i <= 11; ++i) eleven.push_back(i);
  CHECK(decode_command("MergeTickets", {{"ticket_id", 70}, {"merged_ids", eleven}}).error().field == "data.merged_ids");
}

} // namespace test_unit_shared_domain_support_merge
