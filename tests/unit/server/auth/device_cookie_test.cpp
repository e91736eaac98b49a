#include "server/auth/device_cookie.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_auth_device_cookie { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::auth;

TEST_CASE("the device token is read from among other cookies, by the name the request's scheme uses") {
  const std::string token(64, 'b');
  CHECK(device_token_from_cookie_header("pd_session=" + std::string(64, 'a') + "; pd_device=" + token, false) == token);
  CHECK(device_token_from_cookie_header("__Host-pd_device=" + token, true) == token);
  CHECK_FALSE(device_token_from_cookie_header("pd_device=" + token, true).has_value()); // over https only the __Host- one
  CHECK_FALSE(device_token_from_cookie_header("__Host-pd_device=" + token, false).has_value());
  CHECK_FALSE(device_token_from_cookie_header("pd_device=short", false).has_value());
  CHECK_FALSE(device_token_from_cookie_header("pd_device=" + std::string(64, 'G'), false).has_value());
  CHECK_FALSE(device_token_from_cookie_header("", false).has_value());
}

TEST_CASE("the device cookie is HttpOnly, SameSite=Strict, long-lived, and Secure with the __Host- name over https") {
  CHECK(set_device_cookie("abc", false) == "pd_device=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=34560000");
  CHECK(set_device_cookie("abc", true) == "__Host-pd_device=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=34560000; Secure");
}

} // namespace test_unit_server_auth_device_cookie
