#include "server/http/user_agent.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_http_user_agent { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::http::describe_user_agent;

TEST_CASE("a session's browser is named by its User-Agent, the look-alikes first") {
  CHECK(describe_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 "
                            "Edg/126.0") == "Edge on Windows");
  CHECK(describe_user_agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
                            "Safari/537.36") == "Chrome on macOS");
  CHECK(describe_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                            "Version/17.5 Mobile/15E148 Safari/604.1") == "Safari on iPhone");
  CHECK(describe_user_agent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36") ==
        "Chrome on Android");
  CHECK(describe_user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0") == "Firefox on Linux");
  CHECK(describe_user_agent("curl/8.0.1") == "curl");
  CHECK(describe_user_agent("") == "Unknown browser");
}

TEST_CASE("an unknown User-Agent is shown cut short, with control and non-ASCII bytes replaced") {
  CHECK(describe_user_agent("MyTool/1.0") == "MyTool/1.0");
  CHECK(describe_user_agent(std::string(100, 'x')).size() == 60);
  CHECK(describe_user_agent("a\nb\xC3\xA9") == "a?b??");
}

} // namespace test_unit_server_http_user_agent
