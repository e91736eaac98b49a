// Response templates, placeholders and canned-response triggers (seed 002, sections 3 and 8), and
// the triage command's checklist entries and untriaged queue (section 1).
#include "../program_fixture.hpp"

#include "shared/domain/desk/templates.hpp"
#include "shared/domain/desk/triage.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_desk_templates { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, theo = 5, jordan = 6;

Given desk() {
  auto g = acme();
  g.event(owner, ProductAreasChanged{{"Reports", "Billing portal"}});
  for (const auto& t : desk::default_library().templates) g.event(owner, ResponseTemplateSaved{t});
  g.event(owner, CannedTriggersChanged{desk::default_library().triggers});
  return g;
}

TicketId open(Given& g, const char* subject, const char* text, TimeMs at = t0) {
  auto events = run(g, OpenTicket{0, subject, text, {}, {}, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

ReplyToTicket reply(TicketId t, std::string text, desk::TemplateId tpl) {
  ReplyToTicket r;
  r.ticket_id = t;
  r.text = std::move(text);
  r.template_id = tpl;
  return r;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST_CASE("new programs start with the seed's six templates and five triggers; the defaults pass their own checks") {
  const auto lib = desk::default_library();
  REQUIRE(lib.templates.size() == 6);
  for (const auto& t : lib.templates) {
    const auto name = t.name;
    CHECK_MESSAGE(!desk::check_template(t, "data"), name);
  }
  CHECK_FALSE(desk::check_triggers(lib, lib.triggers, "data.triggers"));
  CHECK(lib.triggers.size() == 5);
  // A program created now has them; one replayed from an older log (no flag) has none.
  auto created = when_ok(ProgramState{}, CreateProgram{"Northwind", "USD"}, 1);
  ProgramState fresh;
  apply(fresh, Event{1, 1, 1, t0, created.at(0)});
  CHECK(fresh.responses.templates.size() == 6);
  ProgramState old;
  apply(old, Event{1, 1, 1, t0, ProgramCreated{"Northwind", "USD", 1, "Maya", "maya@acme.test"}});
  CHECK(old.responses.templates.empty());
}

TEST_CASE("a template's placeholders are filled from the ticket; the agent's blanks stay") {
  auto g = desk();
  const auto id = open(g, "Exporting reports", "The export button does nothing.");
  const auto& t = g.state.tickets.at(id);
  const auto values = desk::template_values(g.state, t, ava);
  CHECK(values.value_of("name") == "Jordan");
  CHECK(values.value_of("Agent name") == "Ava");
  CHECK(values.value_of("Program") == "Acme Analytics");
  CHECK(values.value_of("Plan") == "Growth");
  CHECK(values.value_of("Ticket") == "#" + std::to_string(id));
  CHECK_FALSE(values.value_of("SLA time").empty());
  const auto filled = desk::fill_template("Hi [Name], [Agent name] here about [Subject] in [Product area]: [specific issue]. [Nobody]", values);
  CHECK(filled == "Hi Jordan, Ava here about Exporting reports in [Product area]: [specific issue]. [Nobody]");
  // A link is not a placeholder.
  CHECK(desk::placeholders_in("See [the guide](https://x.test/guide) and [Name]").size() == 1);
}

TEST_CASE("a template naming a field the desk does not know is refused, with the field named") {
  auto g = desk();
  auto e = when_refused(g.state, SaveResponseTemplate{0, "Welcome", "", "Hi [Nmae], welcome!"}, owner);
  CHECK(e.field == "data.text");
  CHECK(e.message.find("[Nmae]") != std::string::npos);
  CHECK(when_refused(g.state, SaveResponseTemplate{0, "", "", "Hi"}, owner).field == "data.name");
  CHECK(when_refused(g.state, SaveResponseTemplate{0, "Welcome", "billingz", "Hi"}, owner).field == "data.category");
  CHECK(when_refused(g.state, SaveResponseTemplate{999, "Welcome", "", "Hi"}, owner).field == "data.template_id");
  CHECK(when_refused(g.state, SaveResponseTemplate{0, "Welcome", "", "Hi [Name]"}, ava).code == ErrorCode::forbidden);
  // Words for the agent to write are fine; the business adds, edits and removes its own.
  auto saved = run(g, SaveResponseTemplate{0, "Welcome", "onboarding", "Hi [Name], welcome to [Program]! [first tip for their setup]"}, owner);
  const auto tid = std::get<ResponseTemplateSaved>(saved.at(0)).response_template.id;
  CHECK(tid == 7);
  run(g, SaveResponseTemplate{tid, "Welcome aboard", "onboarding", "Hi [Name]!"}, owner);
  CHECK(g.state.responses.find(tid)->name == "Welcome aboard");
  run(g, RemoveResponseTemplate{tid}, owner);
  CHECK_FALSE(g.state.responses.find(tid));
  // A template a trigger suggests stays until the trigger changes.
  CHECK(when_refused(g.state, RemoveResponseTemplate{4}, owner).field == "data.template_id");
}

TEST_CASE("the unknown placeholders of a text are listed as the editor shows them; save refuses the first") {
  // Fields (any case) and words for the agent pass; one word naming no field does not, each listed once in text order.
  CHECK(desk::unknown_placeholders("Hi [name], [Agent name] here. [specific issue] [Sign-off]").empty());
  CHECK(desk::unknown_placeholders("Your [Coupon] and [Nmae]; again [Coupon], [Name] and [the coupon code]") ==
        std::vector<std::string>{"[Coupon]", "[Nmae]"});
  // A link and an unclosed bracket are not placeholders.
  CHECK(desk::unknown_placeholders("See [Guide](https://x.test/guide) or [Coupon").empty());
  // The seed's own templates hold none.
  for (const auto& t : desk::default_library().templates) CHECK_MESSAGE(desk::unknown_placeholders(t.text).empty(), t.name);
  // Saving names the first unknown one under data.text, with the fields the desk does fill in.
  auto g = desk();
  auto e = when_refused(g.state, SaveResponseTemplate{0, "Coupon", "billing", "Hi [Name], use [Coupon] or [Voucher]."}, owner);
  CHECK(e.field == "data.text");
  CHECK(e.message.rfind("[Coupon] is not a field", 0) == 0);
  CHECK(e.message.find("[Resolution time]") != std::string::npos);
}

TEST_CASE("a reply from a template is not sent while a placeholder is left; filled, it goes, and the topic guard still checks it") {
  auto g = desk();
  const auto id = open(g, "Exporting reports", "How do I export a report to CSV?");
  const auto& t = g.state.tickets.at(id);
  const auto* how_to = g.state.responses.find(2);
  REQUIRE(how_to);
  const auto draft = desk::fill_template(how_to->text, desk::template_values(g.state, t, ava));
  CHECK(draft.find("Hi Jordan,") == 0);
  CHECK(draft.find("Best regards,\nAva") != std::string::npos);
  const auto left = desk::unfilled_placeholders(g.state, t, ava, 2, draft);
  CHECK(std::find(left.begin(), left.end(), "[do the thing]") != left.end());
  auto refused = when_refused(g.state, reply(id, draft, 2), ava);
  CHECK(refused.field == "data.text");
  CHECK(refused.message.find("[do the thing]") != std::string::npos);

  auto done = replaced(draft, "[do the thing]", "export a report");
  done = replaced(done, "[Step one \xE2\x80\x94 be specific]", "Open Reports");
  done = replaced(done, "[Step two]", "Choose Export");
  done = replaced(done, "[Step three]", "Pick CSV");
  auto still = when_refused(g.state, reply(id, done, 2), ava);
  CHECK(still.message.find("[Related shortcut or feature they might not know about]") != std::string::npos);
  done = replaced(done, "Quick tip: [Related shortcut or feature they might not know about]\n\n", "");
  CHECK(desk::unfilled_placeholders(g.state, t, ava, 2, done).empty());
  auto sent = run(g, reply(id, done, 2), ava);
  CHECK(std::get<TicketReplied>(sent.at(0)).message.text == done);
  // Without a template the reply is not checked for brackets; an unknown template is refused.
  CHECK(when_refused(g.state, reply(id, "Thanks", 99), ava).field == "data.template_id");

  // The billing template speaks of refunds: the restricted-topic guard still warns the agent.
  const auto* billing = g.state.responses.find(4);
  auto text = "Hi Jordan, your refund of $49 was processed on 2026-01-02 and will show within 5 days.";
  CHECK(billing);
  CHECK(when_refused(g.state, reply(id, text, 4), ava).field == "data.send_despite_warning");
}

TEST_CASE("canned-response triggers: a customer's phrase suggests a template; \"How do I cancel?\" starts the retention workflow first") {
  auto g = desk();
  const auto refund = desk::matching_triggers(g.state.responses, "Hi, WHERE'S my refund?? It has been a week.");
  REQUIRE(refund.size() == 1);
  CHECK(refund[0]->template_id == 4);
  CHECK(desk::matching_triggers(g.state.responses, "Is there an outage right now?").size() == 1);
  CHECK(desk::matching_triggers(g.state.responses, "I cancelled nothing").empty());

  auto events = run(g, OpenTicket{0, "Leaving", "Hello, how do I cancel? We are moving to another tool.", {}, {}, {}, {}}, jordan, t0);
  REQUIRE(events.size() >= 2);
  const auto& started = std::get<RetentionWorkflowStarted>(events.at(1)); // right after the opening
  const auto id = started.ticket_id;
  CHECK(g.state.tickets.at(id).triage.retention_trigger == "How do I cancel?");
  const auto trail = audit_trail(g.state, g.state.tickets.at(id), ava);
  CHECK(std::any_of(trail.begin(), trail.end(), [](const AuditEntry& a) { return a.kind == TicketChangeKind::retention_started; }));
  const auto customer_trail = audit_trail(g.state, customer_view(g.state.tickets.at(id)), jordan);
  CHECK(std::none_of(customer_trail.begin(), customer_trail.end(), [](const AuditEntry& a) { return a.kind == TicketChangeKind::retention_started; }));
  // Once started, asking again does not start it again.
  auto again = run(g, ReplyToTicket{id, "So how do I cancel?", false, {}, {}, false}, jordan, t0 + hour_ms);
  CHECK(again.size() == 1);
  // The business edits the triggers; a bad one is refused with its field.
  auto bad = when_refused(g.state, SetCannedTriggers{{{"", 1, "", false}}}, owner);
  CHECK(bad.field == "data.triggers[0].phrase");
  CHECK(when_refused(g.state, SetCannedTriggers{{{"Help", 42, "", false}}}, owner).field == "data.triggers[0].template_id");
  CHECK(when_refused(g.state, SetCannedTriggers{{{"Help", 1, "", false}, {"help!", 2, "", false}}}, owner).field == "data.triggers[1].phrase");
  CHECK(when_refused(g.state, SetCannedTriggers{{{"Help", 1, "", false}}}, ava).code == ErrorCode::forbidden);
  run(g, SetCannedTriggers{{{"Can I pause my plan?", 6, "Offer a pause instead of a cancellation.", true}}}, owner);
  CHECK(g.state.responses.triggers.size() == 1);
}

TEST_CASE("triage records the checklist in one step; the untriaged queue empties; customers never see the entries") {
  auto g = desk();
  const auto id = open(g, "Export broken", "The export button does nothing.");
  auto queue = desk::untriaged_tickets(g.state, ava);
  REQUIRE(queue.size() == 1);
  CHECK(queue[0]->id == id);
  CHECK(desk::untriaged_tickets(g.state, theo).empty()); // not Theo's customer

  TriageTicket c{id, Priority::p1, Category::bug, {Category::performance}};
  c.summary = "CSV export does nothing on large reports.";
  c.product_area = "Reports";
  c.steps_to_reproduce = "1. Open Reports\n2. Export a 10k-row report";
  c.error_messages = "";
  c.screenshots = true;
  c.environment = "Chrome 131, macOS";
  TriageTicket unknown_area = c;
  unknown_area.product_area = "Dashboards";
  CHECK(when_refused(g.state, unknown_area, ava).field == "data.product_area");
  run(g, c, ava, t0 + minute_ms);
  const auto& t = g.state.tickets.at(id);
  CHECK(t.triage.summary == "CSV export does nothing on large reports.");
  CHECK(t.triage.product_area == "Reports");
  CHECK(t.triage.screenshots);
  CHECK(t.triage.environment == "Chrome 131, macOS");
  CHECK(t.triage.triaged_by == ava);
  CHECK(t.triage.triaged_at == t0 + minute_ms);
  CHECK(t.priority == Priority::p1);
  CHECK(desk::untriaged_tickets(g.state, ava).empty());
  // A later triage that leaves the entries out keeps them.
  run(g, TriageTicket{id, Priority::p2, Category::bug, {}}, ava, t0 + 2 * minute_ms);
  CHECK(g.state.tickets.at(id).triage.product_area == "Reports");
  // The customer's copy holds none of it.
  const auto theirs = customer_view(g.state.tickets.at(id)).triage;
  CHECK(theirs.summary.empty());
  CHECK(theirs.product_area.empty());
  CHECK(theirs.environment.empty());
  CHECK_FALSE(theirs.screenshots);
  CHECK(theirs.triaged_at == g.state.tickets.at(id).triage.triaged_at); // as a replica fed TicketTriaged has it
  const auto told = customer_facing(TicketTriaged{id, Priority::p1, Category::bug, {}, {}, g.state.tickets.at(id).triage});
  REQUIRE(told);
  CHECK(std::get<TicketTriaged>(*told).triage == TicketTriage{});
  // Confirming what a new ticket already had still takes it off the queue.
  const auto second = open(g, "Question", "How do I invite a colleague?", t0 + hour_ms);
  CHECK(desk::untriaged_tickets(g.state, ava).size() == 1);
  const auto& s2 = g.state.tickets.at(second);
  run(g, TriageTicket{second, s2.priority, s2.category, s2.tags}, ava, t0 + hour_ms);
  CHECK(desk::untriaged_tickets(g.state, ava).empty());
}

TEST_CASE("a triage event from an older log (no entries) still decodes and marks the ticket triaged") {
  auto g = desk();
  const auto id = open(g, "Export broken", "The export button does nothing.");
  const nlohmann::json old = {{"ticket_id", id}, {"priority", "P1"}, {"category", "bug"}, {"tags", nlohmann::json::array()}};
  const auto decoded = old.get<TicketTriaged>();
  CHECK(decoded.triage == TicketTriage{});
  g.event(ava, decoded, t0 + minute_ms);
  CHECK(g.state.tickets.at(id).triage.triaged_at == t0 + minute_ms);
  CHECK(g.state.tickets.at(id).priority == Priority::p1);
}

TEST_CASE("product areas: the business's list, names present and not repeated") {
  auto g = desk();
  CHECK(when_refused(g.state, SetProductAreas{{"Reports", "reports"}}, owner).field == "data.product_areas[1]");
  CHECK(when_refused(g.state, SetProductAreas{{"Reports", ""}}, owner).field == "data.product_areas[1]");
  CHECK(when_refused(g.state, SetProductAreas{{"Reports"}}, ava).code == ErrorCode::forbidden);
  run(g, SetProductAreas{{"Reports", "Integrations", "Billing portal"}}, owner);
  CHECK(g.state.responses.product_areas.size() == 3);
  // Agents see the list and the templates; customers do not.
  CHECK(visible_state(g.state, ava).responses.product_areas.size() == 3);
  CHECK(visible_state(g.state, jordan).responses.templates.empty());
  CHECK(visible_state(g.state, staff).responses.templates.size() == 6);
}

TEST_CASE("each agent's quality checklist average is shown against the seed's target of 8/10") {
  auto g = desk();
  CHECK(desk::quality_average(g.state, ava).rated == 0);
  auto& a = g.state.tickets[open(g, "One", "First question")];
  a.business_rating = BusinessRating{4, std::array<int, 5>{2, 2, 2, 1, 1}, "", owner, t0};
  auto& b = g.state.tickets[open(g, "Two", "Second question")];
  b.business_rating = BusinessRating{3, std::array<int, 5>{2, 1, 1, 1, 1}, "", owner, t0};
  auto& c = g.state.tickets[open(g, "Three", "Third question")];
  c.business_rating = BusinessRating{5, std::nullopt, "", owner, t0}; // no checklist: not counted
  const auto q = desk::quality_average(g.state, ava);
  CHECK(q.rated == 2);
  CHECK(q.total == 14);
  CHECK(q.average() == doctest::Approx(7.0));
  CHECK_FALSE(q.meets_target());
  CHECK(desk::quality_average(g.state, theo).rated == 0);
}

} // namespace test_unit_shared_domain_desk_templates
