// Retention periods (privacy/data_retention.hpp): who sets them and within which bounds, when the
// scheduler expires a closed ticket's text and attachments (never before, never an open ticket),
// what an expiry leaves of the ticket, and the replay of the ticket's erased events giving the
// state the expiry left.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/privacy/data_retention.hpp"
#include "shared/domain/privacy/sealing.hpp"
#include "shared/domain/security/step_up.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_privacy_data_retention { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::core::ms_per_day;

namespace {
constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;
constexpr PersonId scheduler = support_rules::system_actor;

const Attachment invoice{"march-invoice.pdf", "application/pdf", 1200, "a1b2c3"};

// Jordan's ticket with a file, answered by Ava, closed at t0 + 1 h.
TicketId closed_ticket(Given& g, const char* subject = "Invoices for Lumen Dental") {
  auto opened = run(g, OpenTicket{0, subject, "Please send March to jordan.private@example.org", {}, Category::billing, {}, {invoice}},
                    jordan, t0);
  const auto id = std::get<TicketOpened>(opened.at(0)).ticket_id;
  run(g, ReplyToTicket{id, "Sent to jordan.private@example.org, Jordan.", false, {}, {}, false}, ava, t0 + 60'000);
  run(g, CloseTicket{id, ""}, jordan, t0 + 3'600'000);
  return id;
}

// The midnight UTC after `at`: when a period that ran out at `at` takes effect.
TimeMs next_midnight(TimeMs at) { return (at / ms_per_day + 1) * ms_per_day; }

std::optional<TicketsExpired> expiry_at(Given& g, TimeMs now) {
  for (auto& e : run(g, RunTimers{}, scheduler, now))
    if (auto* x = std::get_if<TicketsExpired>(&e)) return *x;
  return std::nullopt;
}
} // namespace

TEST_CASE("only an owner or admin sets the periods, with step-up, 30 days to 10 years or 0 to keep") {
  auto g = acme();
  CHECK(needs_step_up(Command{SetDataRetention{365, 90}}));
  CHECK(when_refused(g.state, SetDataRetention{365, 90}, staff).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, SetDataRetention{365, 90}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, SetDataRetention{365, 90}, jordan).code == ErrorCode::forbidden);
  auto short_text = when_refused(g.state, SetDataRetention{29, 0}, owner);
  CHECK(short_text.code == ErrorCode::invalid_field);
  CHECK(short_text.field == "data.closed_ticket_days");
  CHECK(when_refused(g.state, SetDataRetention{0, 3651}, owner).field == "data.attachment_days");
  run(g, SetDataRetention{365, 90}, admin, t0);
  CHECK(g.state.erasure.retention == DataRetention{365, 90, admin, t0});
  CHECK(when_ok(g.state, SetDataRetention{365, 90}, owner).empty()); // unchanged: nothing to record
  // Every reader holds the periods: a customer is told how long its closed tickets are kept.
  CHECK(visible_state(g.state, jordan).erasure.retention.closed_ticket_days == 365);
  CHECK(visible_state(g.state, ava).erasure.retention.attachment_days == 90);
}

TEST_CASE("the scheduler expires a closed ticket's attachments, then its text, at the midnight after each period and not before") {
  auto g = acme();
  const auto ticket = closed_ticket(g);
  auto open = run(g, OpenTicket{0, "Still open", "An open ticket is never expired.", {}, Category::billing, {}, {invoice}}, jordan, t0);
  const auto open_id = std::get<TicketOpened>(open.at(0)).ticket_id;
  run(g, SetDataRetention{365, 90}, owner, t0 + 7'200'000);
  const TimeMs closed = g.state.tickets.at(ticket).closed_at;

  const TimeMs files_day = next_midnight(closed + 90 * ms_per_day); // closed at 01:00: the period ends at 01:00
  CHECK_FALSE(expiry_at(g, closed + 90 * ms_per_day - 1));
  CHECK_FALSE(expiry_at(g, files_day - 1)); // ran out, takes effect at midnight
  auto files = expiry_at(g, files_day);
  REQUIRE(files);
  CHECK(files->attachments == std::vector<TicketId>{ticket});
  CHECK(files->text.empty());
  const auto& t = g.state.tickets.at(ticket);
  CHECK(t.attachments_expired_at == files_day);
  CHECK(t.messages.at(0).attachments.at(0).sha256.empty());
  CHECK(t.messages.at(0).attachments.at(0).name == "march-invoice.pdf"); // the thread keeps its name and size
  CHECK(t.subject == "Invoices for Lumen Dental");
  CHECK_FALSE(expiry_at(g, closed + 200 * ms_per_day)); // nothing more until the text's day

  CHECK_FALSE(expiry_at(g, next_midnight(closed + 365 * ms_per_day) - 1));
  auto text = expiry_at(g, next_midnight(closed + 365 * ms_per_day));
  REQUIRE(text);
  CHECK(text->text == std::vector<TicketId>{ticket});
  CHECK_FALSE(expiry_at(g, closed + 400 * ms_per_day)); // once
  CHECK(g.state.tickets.at(open_id).text_expired_at == 0);
  CHECK_FALSE(g.state.tickets.at(open_id).messages.at(0).attachments.at(0).sha256.empty());
}

TEST_CASE("an expired ticket keeps its dates, status and scores, its customer's name, and takes no new rating") {
  auto g = acme();
  const auto ticket = closed_ticket(g);
  run(g, RateTicket{ticket, 4, 5, 5, 4, "Jordan says thanks for the invoice"}, jordan, t0 + 3'700'000);
  run(g, SetDataRetention{30, 0}, owner, t0 + 7'200'000);
  const auto before = g.state.tickets.at(ticket);
  const TimeMs day = next_midnight(before.closed_at + 30 * ms_per_day);
  REQUIRE(expiry_at(g, day));

  const auto& t = g.state.tickets.at(ticket);
  CHECK(t.text_expired_at == day);
  CHECK(t.subject == erased_text);
  CHECK(t.messages.size() == before.messages.size());
  for (const auto& m : t.messages) CHECK((m.text.empty() || m.text == erased_text));
  CHECK(t.messages.at(0).author_name == "Jordan Lee"); // still a customer: only what it wrote goes
  CHECK(t.messages.at(0).attachments.at(0).sha256.empty()); // its files go with its text
  CHECK(t.customer_rating->overall == 4);
  CHECK(t.customer_rating->comment == erased_text);
  CHECK(t.opened_at == before.opened_at);
  CHECK(t.closed_at == before.closed_at);
  CHECK(t.status == TicketStatus::closed);
  const auto text = state_to_json(g.state).dump();
  for (const std::string personal : {"Lumen", "example.org", "says thanks"}) {
    INFO(personal);
    CHECK(text.find(personal) == std::string::npos);
  }
  CHECK(g.state.customers.at(1).profile.name == "Jordan Lee"); // the customer itself stays
  CHECK(when_refused(g.state, RateTicketHandling{ticket, 4, {}, ""}, owner).code == ErrorCode::conflict);
  CHECK(when_refused(g.state, AnswerRating{ticket, "Thanks!"}, owner).code == ErrorCode::conflict);
}

TEST_CASE("a replay that reads the expired ticket's events in their erased form gives the state the expiry left") {
  Given live = acme();
  std::vector<std::pair<Event, std::optional<DataSubject>>> log;
  auto record = [&](const Command& c, PersonId who, TimeMs at) {
    for (auto& body : when_ok(live.state, c, who, at)) {
      Event e{++live.seq, 1, who, at, body};
      const auto subject = data_subject(live.state, e);
      apply(live.state, e);
      log.emplace_back(e, subject);
    }
  };
  record(OpenTicket{0, "Invoices for Lumen Dental", "Send March to jordan.private@example.org", {}, Category::billing, {}, {invoice}}, jordan, t0);
  record(OpenTicket{0, "A second question", "Kept: this one stays open.", {}, Category::how_to, {}, {}}, jordan, t0 + 1000);
  record(ReplyToTicket{1, "Sent, Jordan.", false, {}, {}, false}, ava, t0 + 60'000);
  record(CloseTicket{1, ""}, jordan, t0 + 3'600'000);
  record(SetDataRetention{30, 0}, owner, t0 + 7'200'000);
  record(RunTimers{}, scheduler, t0 + 32 * ms_per_day);
  REQUIRE(live.state.tickets.at(1).text_expired_at != 0);
  REQUIRE(live.state.tickets.at(2).subject == "A second question");

  Given replay = acme();
  for (const auto& [e, subject] : log) {
    // What a read gives once ticket 1's key is gone; every other event opens as it was written.
    const bool gone = subject && subject->ticket == 1;
    apply(replay.state, Event{++replay.seq, 1, e.actor, e.at, gone ? erased_form(e.body, subject->customer) : e.body});
  }
  CHECK(state_to_json(replay.state) == state_to_json(live.state));
}

} // namespace test_unit_shared_domain_privacy_data_retention
