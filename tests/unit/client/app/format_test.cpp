// The words and figures the client shows for numbers: counts, shares, money.
#include "client/app/format.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_format { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;

TEST_CASE("a share is shown as a whole percentage, rounded") {
  CHECK(percent_text(0.0) == "0%");
  CHECK(percent_text(0.356) == "36%");
  CHECK(percent_text(0.25) == "25%");
  CHECK(percent_text(1.0) == "100%");
  CHECK(percent_text(0.926) == "93%"); // an SLA health of 92.6 (per cent) passed as 0.926
}

TEST_CASE("a count names one or many") {
  CHECK(count_text(1, "customer", "customers") == "1 customer");
  CHECK(count_text(0, "customer", "customers") == "0 customers");
  CHECK(count_text(4, "customer", "customers") == "4 customers");
}

TEST_CASE("money is shown in its currency's digits") {
  CHECK(format_money(domain::Money{145000, "USD"}) == "$1,450.00");
  CHECK(format_money(domain::Money{5000, "JPY"}) == "\xC2\xA5" "5,000");
}

} // namespace test_unit_client_app_format
