#include "server/log/redact.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_log_redact { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::log::redact_path;

TEST_CASE("invitation tokens and API keys never reach the log; other paths stay as they are") {
  const std::string token(64, 'a');
  CHECK(redact_path("/api/v1/invitations/" + token) == "/api/v1/invitations/[redacted]");
  CHECK(redact_path("/api/v1/invitations/" + token + "/") == "/api/v1/invitations/[redacted]/");
  CHECK(redact_path("/api/v1/invitations/" + token + "/x") == "/api/v1/invitations/[redacted]/[redacted]");
  CHECK(redact_path("/api/v1//invitations/" + token) == "/api/v1//invitations/[redacted]");
  CHECK(redact_path("/api/v1/invitations/accept") == "/api/v1/invitations/accept");
  CHECK(redact_path("/api/v1/programs/1/invitations") == "/api/v1/programs/1/invitations");
  CHECK(redact_path("/x/pdk_" + token) == "/x/[redacted]");
  CHECK(redact_path("/api/v1/programs/12/tickets/3") == "/api/v1/programs/12/tickets/3");
  CHECK(redact_path("/") == "/");
  CHECK(redact_path("") == "");
  CHECK(redact_path("//etc/passwd") == "//etc/passwd");
}

} // namespace test_unit_server_log_redact
