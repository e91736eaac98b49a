// The customer data export's rules (privacy/customer_export.hpp): who may export whose data,
// what the document holds of a customer (as the customer reads it: never an internal note or
// another customer), and names that stay inside the archive's folder.
#include "../program_fixture.hpp"

#include "shared/domain/privacy/customer_export.hpp"

namespace test_unit_shared_domain_privacy_customer_export { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {
constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;
}

TEST_CASE("an owner or admin exports any customer's data, a customer only its own, agents and staff never") {
  auto g = acme();
  CHECK(may_export_customer(g.state, owner, 2));
  CHECK(may_export_customer(g.state, admin, 3));
  CHECK(may_export_customer(g.state, jordan, 1));
  CHECK(why_not_export_customer(g.state, jordan, 2)->code == ErrorCode::not_found); // another's: as if it did not exist
  CHECK(why_not_export_customer(g.state, jordan, 99)->code == ErrorCode::not_found);
  CHECK(why_not_export_customer(g.state, staff, 1)->code == ErrorCode::forbidden);
  CHECK(why_not_export_customer(g.state, ava, 1)->code == ErrorCode::forbidden); // its own assigned customer too
  CHECK(why_not_export_customer(g.state, owner, 99)->code == ErrorCode::not_found);
  CHECK(why_not_export_customer(g.state, 42, 1)->code == ErrorCode::not_found); // not a member
}

TEST_CASE("the document holds the customer's tickets as it reads them, its ratings and survey answers, and the attachments' places") {
  auto g = acme();
  const Attachment shot{"screen/../shot.png", "image/png", 2048, std::string(64, 'a')};
  auto opened = run(g, OpenTicket{0, "Export fails", "It fails at 80%.", {}, Category::bug, {}, {shot}}, jordan, t0);
  const auto id = std::get<TicketOpened>(opened.at(0)).ticket_id;
  run(g, ReplyToTicket{id, "Looking into it now.", false, {}, {}, false}, ava, t0 + 60'000);
  run(g, ReplyToTicket{id, "Internal: the queue is stuck again.", true, {}, {}, false}, ava, t0 + 120'000);
  run(g, OpenTicket{2, "Sam's own ticket", "Sam writes here.", {}, Category::how_to, {}, {}}, staff, t0);

  const auto x = customer_export(g.state, 1, ExportAccount{"jordan@acme.test", "Jordan", true}, t0 + 3'600'000);
  const auto text = x.document.dump();
  CHECK(x.document["format"] == customer_export_format);
  CHECK(x.document["generated_at"] == "2026-01-01T01:00:00Z");
  CHECK(x.document["profile"]["name"] == "Jordan Lee");
  CHECK(x.document["account"]["email"] == "jordan@acme.test");
  CHECK(x.tickets == 1);
  CHECK(text.find("Looking into it now.") != std::string::npos);
  CHECK(text.find("queue is stuck") == std::string::npos);  // the internal note
  CHECK(text.find("Sam writes here.") == std::string::npos); // another customer's
  REQUIRE(x.files.size() == 1);
  CHECK(x.files[0].path == "files/" + std::to_string(id) + "-1-1-screen_._shot.png");
  CHECK(x.files[0].sha256 == shot.sha256);
  CHECK(x.document["tickets"][0]["messages"][0]["attachments"][0]["path"] == x.files[0].path);

  // Nothing for a customer that does not exist.
  CHECK(customer_export(g.state, 99, std::nullopt, t0).document.is_null());
}

TEST_CASE("a name inside the archive has no folders, no dot-dot, no control characters and a bounded length") {
  CHECK(archive_safe_name("../../etc/passwd") == "_._etc_passwd");
  CHECK(archive_safe_name("..") == "file");
  CHECK(archive_safe_name("") == "file");
  CHECK(archive_safe_name("C:\\boot.ini") == "C__boot.ini");
  CHECK(archive_safe_name(".hidden") == "hidden");
  CHECK(archive_safe_name(std::string("a\nb\x01" "c")) == "a_b_c");
  CHECK(archive_safe_name("report.pdf") == "report.pdf");
  const auto long_name = archive_safe_name(std::string(98, 'x') + "\xc3\xa9\xc3\xa9"); // a cut "é" is dropped, not half kept
  CHECK(long_name.size() <= 100);
  CHECK(long_name == std::string(98, 'x'));
  CHECK(iso_utc(t0) == "2026-01-01T00:00:00Z");
}

} // namespace test_unit_shared_domain_privacy_customer_export
