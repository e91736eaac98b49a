#include "shared/core/percent_parse.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_core_percent_parse { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("a share typed as a percentage reads as basis points") {
  CHECK(parse_percent("12.5") == 1250);
  CHECK(parse_percent("12.5%") == 1250);
  CHECK(parse_percent(" 12.5 % ") == 1250);
  CHECK(parse_percent("7.25") == 725);
  CHECK(parse_percent("10") == 1000);
  CHECK(parse_percent("0") == 0);
  CHECK(parse_percent("0.01") == 1);
  CHECK(parse_percent(".5") == 50);
  CHECK(parse_percent("100") == 10000);
  CHECK(parse_percent("100.00") == 10000);
}

TEST_CASE("an empty share is none") {
  CHECK(parse_percent("") == 0);
  CHECK(parse_percent("  ") == 0);
  CHECK(parse_percent("%") == 0);
}

TEST_CASE("a share outside 0 to 100 or with more than two decimals is refused") {
  CHECK(parse_percent("100.01") == -1);
  CHECK(parse_percent("101") == -1);
  CHECK(parse_percent("99999999999") == -1); // never overflows
  CHECK(parse_percent("-3") == -1);
  CHECK(parse_percent("1.234") == -1);
  CHECK(parse_percent("1.2.3") == -1);
  CHECK(parse_percent("abc") == -1);
  CHECK(parse_percent("1 2") == -1);
  CHECK(parse_percent("12,5") == -1);
}

} // namespace test_unit_shared_core_percent_parse
