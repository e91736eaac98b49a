// A support form after a refusal and after success: the escalation form on a ticket.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_support_forms { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

struct Escalating : StoreFixture {
  Escalating() {
    open_signed_in("#/p/7/tickets/3");
    load(acme());
    auto& t = ui().ticket;
    t.escalate_open = true;
    t.esc_reason = "Customer cannot export invoices";
    t.esc_summary = "Exports fail since Monday";
    t.esc_recommended = "";
  }
  void submit() {
    const auto& t = ui().ticket;
    domain::EscalateTicket cmd{3, t.esc_reason, domain::EscalationNote{t.esc_summary, t.esc_attempts, "calm", t.esc_impact, t.esc_recommended}};
    act(SendCommand{FormId::escalate, cmd});
  }
};

} // namespace

TEST_CASE("an escalation refused shows the server's message under its field and the form stays open") {
  Escalating t;
  t.submit();
  CHECK(t.ui().form(FormId::escalate).sending);
  CHECK(t.last_command()["type"] == "EscalateTicket");
  t.answer(Method::post, program_path("/commands"), 400,
           error_json(core::make_error(core::ErrorCode::missing_field, "Say what should happen next.", "data.note.recommended_action")));

  const auto& form = t.ui().form(FormId::escalate);
  CHECK_FALSE(form.sending);
  REQUIRE(form.errors.field("note.recommended_action") != nullptr); // where the view shows it, under the field
  CHECK(*form.errors.field("note.recommended_action") == "Say what should happen next.");
  CHECK(form.errors.general.empty());
  CHECK(t.ui().ticket.escalate_open);
  CHECK(t.ui().ticket.esc_summary == "Exports fail since Monday");
  CHECK(t.ui().toast.empty());

  SUBCASE("the corrected escalation is sent, closes the form and clears it") {
    t.ui().ticket.esc_recommended = "Engineering checks the export job";
    t.submit();
    CHECK(t.ui().form(FormId::escalate).errors.empty()); // cleared as soon as it is sent again
    t.answer(Method::post, program_path("/commands"), 200, R"({"events":[{"seq":5,"type":"TicketEscalated"}]})");
    CHECK_FALSE(t.ui().form(FormId::escalate).sending);
    CHECK(t.ui().form(FormId::escalate).errors.empty());
    CHECK_FALSE(t.ui().ticket.escalate_open);
    CHECK(t.ui().ticket.esc_summary.empty());
    CHECK(t.ui().ticket.esc_recommended.empty());
    CHECK(t.ui().toast == "Ticket escalated.");
  }
}

TEST_CASE("a form sends once while its command is on its way") {
  Escalating t;
  t.submit();
  t.submit();
  CHECK(t.http.waiting_count() == 1);
}

TEST_CASE("an error without a field shows above the form") {
  Escalating t;
  t.submit();
  t.answer(Method::post, program_path("/commands"), 409,
           error_json(core::make_error(core::ErrorCode::conflict, "This ticket is already escalated.")));
  CHECK(t.ui().form(FormId::escalate).errors.general == "This ticket is already escalated.");
  CHECK(t.ui().form(FormId::escalate).errors.fields.empty());
  CHECK(t.ui().ticket.escalate_open);
}

TEST_CASE("a command that could not reach the server is sent again with the same id, and succeeds once") {
  Escalating t;
  t.ui().ticket.esc_recommended = "Engineering checks the export job";
  t.submit();
  const auto first = t.last_command();
  t.answer(Method::post, program_path("/commands"), 0, "");
  CHECK(t.app().network.problem == "Connection lost. Trying again\xE2\x80\xA6");
  CHECK(t.ui().form(FormId::escalate).sending);
  CHECK(t.http.waiting_count() == 0);
  t.now += 1000; // the first retry is due after a second
  t.deliver();
  REQUIRE(t.http.waiting_count() == 1);
  CHECK(t.last_command()["command_id"] == first["command_id"]); // never applied twice by the server
  t.answer(Method::post, program_path("/commands"), 200, R"({"events":[{"seq":5,"type":"TicketEscalated"}]})");
  CHECK(t.app().network.problem.empty());
  CHECK_FALSE(t.ui().ticket.escalate_open);
}

// The answer's events are read as typed events (command_answer.hpp): what the store does next
// depends on which events the command produced.
TEST_CASE("a ticket opened takes the person to its page, named by the answer's TicketOpened") {
  StoreFixture t;
  t.open_signed_in("#/p/7/tickets/new");
  t.load(acme());
  t.act(SendCommand{FormId::new_ticket, domain::CloseTicket{1, ""}}); // the store does not look inside the command
  CHECK(t.ui().form(FormId::new_ticket).sending);
  domain::Event opened{9, program_id, 1, t0, domain::TicketOpened{}};
  std::get<domain::TicketOpened>(opened.body).ticket_id = 12;
  t.answer(Method::post, program_path("/commands"), 200, R"({"events":[)" + event_json(opened) + "]}");
  CHECK_FALSE(t.ui().form(FormId::new_ticket).sending);
  CHECK(t.browser.hash == "#/p/7/tickets/12");
  CHECK(t.ui().toast == "Ticket opened.");
}

TEST_CASE("a payment the server already had says nothing changed; a new one says it was recorded") {
  StoreFixture t;
  t.open_signed_in("#/p/7/commissions");
  t.load(acme());
  auto& d = t.ui().commissions;
  d.pay_kind = domain::PaymentKind::refund;
  d.pay_amount = "450.00";
  const domain::RecordPayment cmd{"inv-1", 1, domain::PaymentKind::refund, domain::Money{45000, "USD"}, 0, "inv-0"};

  SUBCASE("repeated: no PaymentRecorded in the answer") {
    t.act(SendCommand{FormId::comm_payment, cmd});
    t.answer(Method::post, program_path("/commands"), 200, R"({"events":[]})");
    CHECK(t.ui().toast == "That billing id was recorded before: nothing changed.");
  }
  SUBCASE("recorded: the form is emptied and back to a payment") {
    t.act(SendCommand{FormId::comm_payment, cmd});
    const domain::Event recorded{9, program_id, 1, t0, domain::PaymentRecorded{}};
    t.answer(Method::post, program_path("/commands"), 200, R"({"events":[)" + event_json(recorded) + "]}");
    CHECK(t.ui().toast == "Refund recorded.");
    CHECK(t.ui().commissions.pay_kind == domain::PaymentKind::payment);
    CHECK(t.ui().commissions.pay_amount.empty());
  }
  CHECK_FALSE(t.ui().form(FormId::comm_payment).sending);
}

} // namespace test_unit_client_app_store_support_forms
