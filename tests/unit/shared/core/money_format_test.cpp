#include "shared/core/money_format.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

namespace test_unit_shared_core_money_format { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("a currency's minor digits follow ISO 4217") {
  CHECK(currency_digits("USD") == 2);
  CHECK(currency_digits("EUR") == 2);
  CHECK(currency_digits("JPY") == 0);
  CHECK(currency_digits("KRW") == 0);
  CHECK(currency_digits("KWD") == 3);
  CHECK(currency_digits("BHD") == 3);
  CHECK(currency_digits("XYZ") == 2); // unknown codes: two, the common case
}

TEST_CASE("amounts are written as plain decimal text in the currency's minor digits") {
  CHECK(decimal_amount(123450, "USD") == "1234.50");
  CHECK(decimal_amount(0, "USD") == "0.00");
  CHECK(decimal_amount(5, "USD") == "0.05");
  CHECK(decimal_amount(-5, "USD") == "-0.05");
  CHECK(decimal_amount(-123456, "EUR") == "-1234.56");
  CHECK(decimal_amount(100000000000, "USD") == "1000000000.00"); // no grouping
  CHECK(decimal_amount(1200, "JPY") == "1200");
  CHECK(decimal_amount(-1200, "JPY") == "-1200");
  CHECK(decimal_amount(1, "KWD") == "0.001");
  CHECK(decimal_amount(12345, "KWD") == "12.345");
  CHECK(decimal_amount(std::numeric_limits<std::int64_t>::min(), "USD") == "-92233720368547758.08");
  CHECK(decimal_amount(std::numeric_limits<std::int64_t>::max(), "USD") == "92233720368547758.07");
}

} // namespace test_unit_shared_core_money_format
