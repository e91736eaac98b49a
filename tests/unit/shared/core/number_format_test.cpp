#include "shared/core/number_format.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

namespace test_unit_shared_core_number_format { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("a percentage reads as a multiplier with the decimals it needs") {
  // The auto-escalation threshold: 1000% printed "10.x" and 125% "1.2x" before.
  CHECK(multiplier_text(1000) == "10x");
  CHECK(multiplier_text(125) == "1.25x");
  CHECK(multiplier_text(200) == "2x");
  CHECK(multiplier_text(150) == "1.5x");
  CHECK(multiplier_text(101) == "1.01x");
  CHECK(multiplier_text(100) == "1x");
  CHECK(multiplier_text(110) == "1.1x");
  CHECK(multiplier_text(0) == "0x");
  CHECK(multiplier_text(-250) == "-2.5x");
  CHECK(multiplier_text(std::numeric_limits<std::int64_t>::min()) == "-92233720368547758.08x");
}

TEST_CASE("a ratio with one decimal is rounded, not cut") {
  // The certification desk's customer rating average: 23 over 5 tickets is 4.6, shown as 4 before.
  CHECK(one_decimal(23, 5) == "4.6");
  CHECK(one_decimal(9, 2) == "4.5");
  CHECK(one_decimal(14, 3) == "4.7"); // 4.666...
  CHECK(one_decimal(13, 3) == "4.3"); // 4.333...
  CHECK(one_decimal(10, 2) == "5.0");
  CHECK(one_decimal(1, 20) == "0.1"); // 0.05 rounds half up
  CHECK(one_decimal(1, 21) == "0.0");
  CHECK(one_decimal(-23, 5) == "-4.6");
  CHECK(one_decimal(5, 0) == "0.0");
  CHECK(one_decimal(std::numeric_limits<std::int64_t>::max(), 1) == "9223372036854775807.0");
}

} // namespace test_unit_shared_core_number_format
