#include "shared/core/password_rule.hpp"
#include "tests/test_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace test_unit_shared_core_password_rule { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("a new password has at least 12 and at most 128 characters, counted as characters, not bytes") {
  CHECK(check_new_password("demo-password") == std::nullopt); // 13: the demo accounts' password
  auto short_one = check_new_password("kettle-lamp");          // 11
  REQUIRE(short_one);
  CHECK(short_one->code == ErrorCode::invalid_field);
  CHECK(short_one->field == "password");
  CHECK(short_one->message == "Choose a password of at least 12 characters.");
  CHECK(check_new_password("kettle-lamp!") == std::nullopt);
  // Twelve characters of two bytes each are twelve characters; eleven are too few.
  std::string accents;
  for (int i = 0; i < 11; ++i) accents += i % 2 ? "\xC3\xA9" : "k\xC3\xB6"; // é or kö
  CHECK(password_chars(accents) == 17);
  CHECK(accents.size() == 28);
  CHECK(check_new_password("\xC3\xA9t\xC3\xA9 \xC3\xA0 g\xC3\xB6teborg") == std::nullopt); // 14 characters
  CHECK(check_new_password("\xC3\xA9\xC3\xA0\xC3\xB6\xC3\xBC\xC3\xA7\xC3\xB1\xC3\xA5\xC3\xB8\xC3\xA6\xC3\xAB\xC3\xAF")); // 11 characters, 22 bytes
  CHECK(check_new_password(std::string(128, 'x')).has_value()); // one letter repeated: common
  std::string long_one;
  for (int i = 0; i < 129; ++i) long_one += static_cast<char>('a' + (i * 7) % 26);
  REQUIRE(check_new_password(long_one));
  CHECK(check_new_password(long_one)->message == "Choose a password of at most 128 characters.");
  CHECK(check_new_password(long_one.substr(0, 128)) == std::nullopt);
  // The field is the caller's.
  CHECK(check_new_password("short", "new_password")->field == "new_password");
}

TEST_CASE("no composition rules: spaces, letters only or digits only are fine when long and not common") {
  CHECK(check_new_password("correct horse battery staple") == std::nullopt);
  CHECK(check_new_password("lanternwhistlemoss") == std::nullopt);
  CHECK(check_new_password("840273916452") == std::nullopt);
}

TEST_CASE("common passwords are refused in any case, with digits and punctuation around them, or as a repeated piece") {
  CHECK(is_common_password("winniethepooh")); // on the list and long enough to pass the length rule
  CHECK(is_common_password("WinnieThePooh"));
  CHECK(is_common_password("password"));
  CHECK(is_common_password("Password2024!"));
  CHECK(is_common_password("2024password!!"));
  CHECK(is_common_password("abcabcabcabc"));
  CHECK(is_common_password("aaaaaaaaaaaaaaaa"));
  CHECK_FALSE(is_common_password("password manager in a drawer"));
  CHECK_FALSE(is_common_password("demo-password"));
  auto common = check_new_password("Password2024!");
  REQUIRE(common);
  CHECK(common->field == "password");
  CHECK(common->message.find("too common") != std::string::npos);
}

TEST_CASE("every entry of the shipped list is refused") {
  std::ifstream in(pd::testing::source_dir() + "/shared/core/common_passwords.txt");
  REQUIRE(in);
  std::string line;
  int entries = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("# ", 0) == 0) continue;
    ++entries;
    if (!is_common_password(line)) FAIL_CHECK("not refused: " << line);
  }
  CHECK(entries > 3000);
}

} // namespace test_unit_shared_core_password_rule
