#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_auth_session_cookie { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::auth;

TEST_CASE("the session token is read from among other cookies and must be 64 hex chars") {
  std::string token(64, 'a');
  CHECK(session_token_from_cookie_header("theme=dark; pd_session=" + token + "; other=1") == token);
  CHECK(session_token_from_cookie_header("pd_session=" + token) == token);
  CHECK_FALSE(session_token_from_cookie_header("pd_session=short").has_value());
  CHECK_FALSE(session_token_from_cookie_header("pd_session=" + std::string(64, 'Z')).has_value());
  CHECK_FALSE(session_token_from_cookie_header("xpd_session=" + token).has_value());
  CHECK_FALSE(session_token_from_cookie_header("").has_value());
}

TEST_CASE("Set-Cookie is HttpOnly, SameSite=Strict, scoped to / and expiring") {
  auto c = set_session_cookie("abc", 3600, false);
  CHECK(c == "pd_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
  CHECK(set_session_cookie("abc", 60, true).find("; Secure") != std::string::npos);
  CHECK(clear_session_cookie(false).find("Max-Age=0") != std::string::npos);
}

TEST_CASE("tokens are random 256-bit values and only their hash is stored") {
  auto a = new_token(), b = new_token();
  CHECK(a.size() == 64);
  CHECK(a != b);
  CHECK(token_hash(a).size() == 64);
  CHECK(token_hash(a) == token_hash(a));
  CHECK(token_hash(a) != a);
  CHECK(token_hash(a) != token_hash(b));
}

TEST_CASE("billing API keys are pdk_ and 64 hex characters, random, stored as their hash") {
  auto a = new_api_key(), b = new_api_key();
  CHECK(a.size() == 68);
  CHECK(a.rfind("pdk_", 0) == 0);
  CHECK(a != b);
  CHECK(is_api_key(a));
  CHECK_FALSE(is_api_key(a.substr(0, 67)));
  CHECK_FALSE(is_api_key("pdk_" + std::string(64, 'G')));
  CHECK_FALSE(is_api_key("pdx_" + a.substr(4)));
  CHECK_FALSE(is_api_key(""));
  CHECK(token_hash(a) != token_hash(b));
}

TEST_CASE("over TLS the session cookie is Secure and __Host- prefixed, and each kind of request reads only its own name") {
  const std::string token(64, 'c');
  auto c = set_session_cookie(token, 60, true);
  CHECK(c.rfind("__Host-pd_session=" + token + "; Path=/;", 0) == 0);
  CHECK(c.find("; Secure") != std::string::npos);
  CHECK(c.find("Domain") == std::string::npos);
  CHECK(clear_session_cookie(true).rfind("__Host-pd_session=;", 0) == 0);
  CHECK(session_token_from_cookie_header("__Host-pd_session=" + token, true) == token);
  CHECK_FALSE(session_token_from_cookie_header("pd_session=" + token, true).has_value());
  CHECK_FALSE(session_token_from_cookie_header("__Host-pd_session=" + token, false).has_value());
  CHECK(session_token_from_cookie_header("pd_session=" + token + "; __Host-pd_session=" + std::string(64, 'd'), true) == std::string(64, 'd'));
}

} // namespace test_unit_server_auth_session_cookie
