// Reports over the commission ledger, shared by the browser's earnings pages and the server's
// CSV exports: earnings per month and per customer (referral and support apart), and an agent's
// monthly statement. Pure functions of CommissionState; nothing here writes a line.
#pragma once

#include "shared/domain/commissions/commission.hpp"

#include <string>
#include <vector>

namespace pd::domain {

// What an agent earned in a month, each side apart: accruals, reversals and adjustments (payout
// lines record money leaving and are not earnings). A support accrual counts in the month it was
// earned (its `month`), every other line in the month it was written.
struct MonthEarnings {
  MonthIndex month = 0;
  std::int64_t referral = 0;
  std::int64_t support = 0;
};
// Months from..to inclusive, one entry each (zeros included), oldest first.
std::vector<MonthEarnings> earnings_by_month(const CommissionState& c, PersonId agent, const std::string& currency, MonthIndex from,
                                             MonthIndex to);
MonthIndex earning_month(const LedgerLine& line);

// What an agent earned per customer, each side apart; customers by id. Lines without a customer
// (adjustments that name none) are left out.
struct CustomerEarnings {
  CustomerId customer_id = 0;
  std::int64_t referral = 0;
  std::int64_t support = 0;
};
std::vector<CustomerEarnings> earnings_by_customer(const CommissionState& c, PersonId agent, const std::string& currency);

// An agent's statement for one month in one currency: the balance still owed before the month
// (every line written earlier, payouts included, summed), the lines written during the month,
// and the balance after it. Per side.
struct StatementSide {
  std::int64_t opening = 0;
  std::int64_t earned = 0;   // accruals, reversals, adjustments written in the month
  std::int64_t paid_out = 0; // payout lines written in the month (negative or zero)
  std::int64_t closing() const { return opening + earned + paid_out; }
};
struct Statement {
  PersonId agent_id = 0;
  MonthIndex month = 0;
  std::string currency;
  StatementSide referral;
  StatementSide support;
  std::vector<LedgerLine> lines; // written in the month, in the order they were written
};
Statement statement(const CommissionState& c, PersonId agent, const std::string& currency, MonthIndex month);
// The notice an agent's statement carries once its referral commission was stopped for fraud
// (StopReferralCommission), on the earnings page and in the statement's CSV alike: "Referral
// commission stopped on 2026-03-03, after the partnership was terminated for fraud: <reason>.
// Payments made since earn ..."; empty when it was not stopped.
std::string referral_stop_notice(const CommissionState& c, PersonId agent);
// Months in which the agent's ledger has a line in `currency`, newest first.
std::vector<MonthIndex> statement_months(const CommissionState& c, PersonId agent, const std::string& currency);

// The currencies the ledger speaks: every plan's and every line's, sorted; `fallback` when none.
std::vector<std::string> commission_currencies(const CommissionState& c, const std::string& fallback);

} // namespace pd::domain
