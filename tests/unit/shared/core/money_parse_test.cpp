#include "shared/core/money_parse.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>

namespace test_unit_shared_core_money_parse { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("an amount typed the way people write it reads as minor units") {
  CHECK(parse_money("1450.00", "USD") == 145000);
  CHECK(parse_money("1,450.00", "USD") == 145000);
  CHECK(parse_money("1 450", "USD") == 145000);
  CHECK(parse_money("99.5", "USD") == 9950); // one decimal of two
  CHECK(parse_money("99", "USD") == 9900);
  CHECK(parse_money(".5", "USD") == 50);
  CHECK(parse_money("5.", "USD") == 500);
  CHECK(parse_money("0", "USD") == 0);
  CHECK(parse_money("-5", "USD") == -500); // a refund or a negative adjustment
  CHECK(parse_money("-0.05", "USD") == -5);
}

TEST_CASE("a leading currency symbol or code is allowed") {
  CHECK(parse_money("$1,450", "USD") == 145000);
  CHECK(parse_money("USD 1450", "USD") == 145000);
  CHECK(parse_money("\xE2\x82\xAC" "49.00", "EUR") == 4900); // €49.00
  CHECK(parse_money("\xC2\xA5" "1,200", "JPY") == 1200);     // ¥1,200
  CHECK(parse_money("CHF 12.50", "CHF") == 1250);
}

TEST_CASE("an amount follows the currency's minor digits") {
  CHECK(parse_money("1200", "JPY") == 1200);
  CHECK(parse_money("12.345", "KWD") == 12345);
  CHECK(parse_money("0.001", "KWD") == 1);
  CHECK(parse_money("12.5", "JPY") == std::nullopt); // yen have no decimals
  CHECK(parse_money("1.005", "USD") == std::nullopt); // more decimals than cents
}

TEST_CASE("text that is not an amount is refused") {
  CHECK(parse_money("", "USD") == std::nullopt);
  CHECK(parse_money("   ", "USD") == std::nullopt);
  CHECK(parse_money("-", "USD") == std::nullopt);
  CHECK(parse_money(".", "USD") == std::nullopt);
  CHECK(parse_money("$", "USD") == std::nullopt);
  CHECK(parse_money("abc", "USD") == std::nullopt);
  CHECK(parse_money("12a", "USD") == std::nullopt);
  CHECK(parse_money("1.2.3", "USD") == std::nullopt);
  CHECK(parse_money("--5", "USD") == std::nullopt);
  CHECK(parse_money("#5", "USD") == std::nullopt);
  CHECK(parse_money("5$", "USD") == std::nullopt);
}

TEST_CASE("an amount has at most fifteen whole digits, so it never overflows") {
  CHECK(parse_money("999999999999999.99", "USD") == 99999999999999999);
  CHECK(parse_money("-999999999999999.99", "USD") == -99999999999999999);
  CHECK(parse_money("1000000000000000", "USD") == std::nullopt);
  CHECK(parse_money("99999999999999999999999999", "USD") == std::nullopt);
}

} // namespace test_unit_shared_core_money_parse
