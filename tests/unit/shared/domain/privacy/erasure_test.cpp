// Erasure (privacy/erasure.hpp, sealing.hpp): who may ask and decide, the request's path
// (confirmation by the mailed link, the business's approval), what erasing leaves of the state,
// and the erased form of events: a replay of the erased forms gives the state erasure left.
#include "../program_fixture.hpp"

#include "shared/domain/privacy/erasure.hpp"
#include "shared/domain/privacy/sealing.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_privacy_erasure { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {
constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;

TicketId jordans_ticket(Given& g) {
  auto opened = run(g, OpenTicket{0, "Invoices for Lumen Dental", "Please send March to jordan.private@example.org", {}, Category::billing, {}, {}},
                    jordan, t0);
  const auto id = std::get<TicketOpened>(opened.at(0)).ticket_id;
  run(g, ReplyToTicket{id, "Sent to jordan.private@example.org, Jordan.", false, {}, {}, false}, ava, t0 + 60'000);
  run(g, ReplyToTicket{id, "Internal: Jordan is the practice owner.", true, {}, {}, false}, ava, t0 + 120'000);
  return id;
}
} // namespace

TEST_CASE("the customer asks for itself and confirms by mail; an owner or admin decides; others may not") {
  auto g = acme();
  CHECK(why_not_request_erasure(g.state, ava, 1)->code == ErrorCode::forbidden);
  CHECK(why_not_request_erasure(g.state, staff, 1)->code == ErrorCode::forbidden);
  CHECK(why_not_request_erasure(g.state, jordan, 2)->code == ErrorCode::not_found);
  auto asked = run(g, RequestErasure{1, "Please delete everything."}, jordan, t0);
  const auto id = std::get<ErasureRequested>(asked.at(0)).request.id;
  CHECK(g.state.erasure.requests.at(id).status == ErasureStatus::awaiting_confirmation);
  CHECK(when_refused(g.state, RequestErasure{1, ""}, owner).code == ErrorCode::conflict); // one open at a time
  CHECK(when_refused(g.state, DecideErasure{id, true, ""}, owner).code == ErrorCode::conflict); // not confirmed yet
  CHECK(when_refused(g.state, ConfirmErasure{id, false}, jordan).code == ErrorCode::forbidden); // only through the mailed link
  CHECK(when_refused(g.state, ConfirmErasure{id, true}, ava).code == ErrorCode::not_found);
  run(g, ConfirmErasure{id, true}, jordan, t0 + 60'000);
  CHECK(g.state.erasure.requests.at(id).status == ErasureStatus::awaiting_approval);
  CHECK(when_refused(g.state, DecideErasure{id, true, ""}, staff).code == ErrorCode::forbidden);
  run(g, DecideErasure{id, false, "An open chargeback: we must keep the records until it is settled."}, admin, t0 + 120'000);
  CHECK(g.state.erasure.requests.at(id).status == ErasureStatus::rejected);
  CHECK(g.state.erasure.requests.at(id).reason.find("chargeback") != std::string::npos);
}

TEST_CASE("erasing leaves no personal text of the customer in the state, and keeps ids, dates, amounts and scores") {
  auto g = acme();
  const auto ticket = jordans_ticket(g);
  run(g, CloseTicket{ticket, ""}, jordan, t0 + 3'600'000);
  run(g, RateTicket{ticket, 5, 5, 5, 5, "Jordan says thanks"}, jordan, t0 + 3'700'000);
  const auto before = g.state;
  auto asked = run(g, RequestErasure{1, ""}, owner, t0 + 4'000'000);
  const auto id = std::get<ErasureRequested>(asked.at(0)).request.id;
  auto erased = run(g, DecideErasure{id, true, ""}, owner, t0 + 4'100'000);
  REQUIRE(std::holds_alternative<CustomerErased>(erased.at(0)));
  CHECK_FALSE(std::get<CustomerErased>(erased.at(0)).report.erased.empty());

  const auto text = state_to_json(g.state).dump();
  for (const std::string personal : {"Jordan", "jordan", "Lumen", "example.org", "practice owner", "says thanks"}) {
    INFO(personal << " in " << text.substr(text.find(personal) == std::string::npos ? 0 : text.find(personal) - std::min<std::size_t>(text.find(personal), 120), 240));
    CHECK(text.find(personal) == std::string::npos);
  }
  const auto& c = g.state.customers.at(1);
  CHECK(c.profile.name == erased_customer_name(1));
  CHECK(c.profile.mrr == before.customers.at(1).profile.mrr);
  CHECK(c.erased_at == t0 + 4'100'000);
  const auto& t = g.state.tickets.at(ticket);
  CHECK(t.opened_at == before.tickets.at(ticket).opened_at);
  CHECK(t.customer_rating->overall == 5);
  CHECK(t.messages.size() == before.tickets.at(ticket).messages.size());
  CHECK(when_refused(g.state, RequestErasure{1, ""}, owner).code == ErrorCode::conflict); // erased already
}

TEST_CASE("a replay of the erased forms gives the state erasure left") {
  auto g = acme();
  std::vector<Event> log;
  Given live = acme();
  // Every event the commands below make, kept as the event store keeps them: the subject of
  // each judged before it is applied.
  auto record = [&](const Command& c, PersonId who, TimeMs at) {
    for (auto& body : when_ok(live.state, c, who, at)) {
      Event e{++live.seq, 1, who, at, body};
      const auto subject = data_subject(live.state, e);
      apply(live.state, e);
      if (subject && subject->customer == 1) e.body = erased_form(e.body, 1); // what a read gives once the key is gone
      log.push_back(e);
    }
  };
  record(OpenTicket{0, "Invoices for Lumen Dental", "Send March to jordan.private@example.org", {}, Category::billing, {}, {}}, jordan, t0);
  record(ReplyToTicket{1, "Sent, Jordan.", false, {}, {}, false}, ava, t0 + 60'000);
  record(UpdateCustomer{1, profile("Jordan Lee (Lumen)", "jordan@acme.test", 4), live.state.customers.at(1).version}, owner, t0 + 90'000);
  record(RequestErasure{1, ""}, owner, t0 + 100'000);
  record(DecideErasure{1, true, ""}, owner, t0 + 200'000);

  Given replay = acme();
  for (const auto& e : log) apply(replay.state, Event{++replay.seq, 1, e.actor, e.at, e.body});
  CHECK(state_to_json(replay.state) == state_to_json(live.state));
}

} // namespace test_unit_shared_domain_privacy_erasure
