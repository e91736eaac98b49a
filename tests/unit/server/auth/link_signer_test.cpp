#include "server/auth/link_signer.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include <unistd.h>

namespace test_unit_server_auth_link_signer { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::auth::LinkSigner;

namespace {

std::array<unsigned char, LinkSigner::key_bytes> key_of(unsigned char fill) {
  std::array<unsigned char, LinkSigner::key_bytes> k{};
  k.fill(fill);
  return k;
}

} // namespace

TEST_CASE("a signed value verifies only with its key, its purpose and unchanged") {
  const LinkSigner signer(key_of(7));
  const auto signed_value = signer.sign("unsubscribe", "12-ticket_updates");
  REQUIRE(signed_value.size() == std::string("12-ticket_updates.").size() + LinkSigner::tag_hex_digits);
  CHECK(signer.verify("unsubscribe", signed_value) == std::optional<std::string>("12-ticket_updates"));
  CHECK_FALSE(signer.verify("reply", signed_value));                                // another purpose
  CHECK_FALSE(LinkSigner(key_of(8)).verify("unsubscribe", signed_value));           // another server
  CHECK_FALSE(signer.verify("unsubscribe", "13-ticket_updates" + signed_value.substr(signed_value.find('.')))); // another person
  CHECK_FALSE(signer.verify("unsubscribe", "12-ticket_updates"));                    // no tag
  CHECK_FALSE(signer.verify("unsubscribe", signed_value.substr(0, signed_value.size() - 1))); // cut short
  // Lowercase hex only: safe in an address's local part.
  const auto tag = signer.tag("reply", "1-42");
  CHECK(tag.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("the key is made once per database and kept across restarts") {
  const auto dir = std::filesystem::temp_directory_path() / ("pd-links-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string first;
  {
    pd::storage::Database db(dir / "partnerdesk.db");
    first = LinkSigner::from_database(db).sign("reply", "1-42");
  }
  {
    pd::storage::Database db(dir / "partnerdesk.db");
    CHECK(LinkSigner::from_database(db).sign("reply", "1-42") == first);
  }
  const auto other = std::filesystem::temp_directory_path() / ("pd-links-test-other-" + std::to_string(::getpid()));
  std::filesystem::create_directories(other);
  {
    pd::storage::Database db(other / "partnerdesk.db");
    CHECK(LinkSigner::from_database(db).sign("reply", "1-42") != first);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::remove_all(other, ec);
}

} // namespace test_unit_server_auth_link_signer
