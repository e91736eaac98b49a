// Commission exports as CSV: the ledger and an agent's monthly statement. Business staff export
// every agent's (optionally one agent's); an agent only its own, whatever it asks for.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/csv.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/dates.hpp"
#include "shared/core/money_format.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/commissions/commission_reports.hpp"

#include <set>

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

// Whose lines the reader exports: every agent's (0) or one agent's; nullopt after answering
// (404 for a program the reader is not in). The `agent` parameter narrows a business export;
// an agent always gets its own.
std::optional<PersonId> export_target(const ProgramState& s, PersonId reader, std::int64_t asked, httplib::Response& res) {
  if (!is_allowed(s, reader, Action::read_program)) {
    http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    return std::nullopt;
  }
  if (asked == 0 && is_allowed(s, reader, Action::read_commissions)) return 0;
  const PersonId target = asked != 0 ? asked : s.role_of(reader) == identity::Role::agent ? reader : 0;
  if (target == 0 || !is_allowed(s, reader, Action::read_commissions, {.person = target})) {
    http::send_error(res, 403, ErrorCode::forbidden,
                     asked != 0 ? "You may export only your own commission ledger." : "Only business staff and agents export commissions.",
                     asked != 0 ? "agent" : "");
    return std::nullopt;
  }
  return target;
}

std::string id_text(std::int64_t id) { return id ? std::to_string(id) : std::string{}; }

std::string agent_name(const ProgramState& s, PersonId agent) {
  auto m = s.member(agent);
  return m ? m->name : std::string{};
}

// A customer's name as far as the reader may see the customer.
std::string customer_name(const ProgramState& s, PersonId reader, CustomerId id) {
  auto c = s.customer(id);
  return c && is_allowed(s, reader, Action::read_customer, {.customer = id}) ? c->profile.name : std::string{};
}

const char* word(LedgerSide v) { return v == LedgerSide::referral ? "referral" : "support"; }
std::string word(LineKind v) { return nlohmann::json(v).get<std::string>(); }
std::string word(LineState v) { return nlohmann::json(v).get<std::string>(); }

bool is_currency_code(const std::string& c) {
  if (c.size() != 3) return false;
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') return false;
  return true;
}

// Query parameters shared by both exports; nullopt after answering 400.
struct Filters {
  std::int64_t agent = 0;
  std::string side, state, currency;
};
std::optional<Filters> read_filters(const httplib::Request& req, httplib::Response& res) {
  auto refuse = [&](const core::Error& e) -> std::optional<Filters> {
    http::send_error(res, 400, e);
    return std::nullopt;
  };
  auto agent = http::int_param(req, "agent", 0, INT64_MAX, 0);
  if (!agent) return refuse(agent.error());
  auto side = http::text_param(req, "side", 20), state = http::text_param(req, "state", 20), currency = http::text_param(req, "currency", 20);
  if (!side || (!side.value().empty() && side.value() != "referral" && side.value() != "support"))
    return refuse(core::make_error(ErrorCode::invalid_field, "'side' is referral or support.", "side"));
  if (!state || (!state.value().empty() && state.value() != "pending" && state.value() != "approved" && state.value() != "paid"))
    return refuse(core::make_error(ErrorCode::invalid_field, "'state' is pending, approved or paid.", "state"));
  if (!currency || (!currency.value().empty() && !is_currency_code(currency.value())))
    return refuse(core::make_error(ErrorCode::invalid_field, "'currency' is a three-letter ISO 4217 code such as USD.", "currency"));
  return Filters{agent.value(), side.value(), state.value(), currency.value()};
}

std::string file_suffix(PersonId agent, const std::string& currency) {
  std::string out;
  if (agent) out += "-agent-" + std::to_string(agent);
  if (!currency.empty()) out += "-" + currency;
  return out;
}

const std::vector<std::string> ledger_columns = {"line_id", "date",  "agent_id", "agent_name", "side",   "kind",     "state",   "customer_id",
                                                 "customer_name", "month", "days",  "amount",     "currency", "note", "batch_id"};

std::vector<std::string> ledger_cells(const ProgramState& s, PersonId reader, const LedgerLine& l) {
  return {std::to_string(l.id),
          core::format_date(core::date_of_ms(l.at)),
          std::to_string(l.agent_id),
          agent_name(s, l.agent_id),
          word(l.side),
          word(l.kind),
          word(l.state),
          id_text(l.customer_id),
          customer_name(s, reader, l.customer_id),
          l.month,
          l.days ? std::to_string(l.days) : std::string{},
          core::decimal_amount(l.amount.minor, l.amount.currency),
          l.amount.currency,
          l.note,
          id_text(l.batch_id)};
}

} // namespace

void register_commission_routes(httplib::Server& server, app::Services& services) {
  // The ledger, one row per line in the order written.
  server.Get(R"(/api/v1/programs/(\d+)/commissions/ledger\.csv)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto filters = read_filters(req, res);
    if (!filters) return;
    const auto program = http::path_id(req, 1);
    PersonId exported = 0;
    auto csv = services.commands.read(program, [&](const ProgramState& s) -> std::optional<std::string> {
      auto target = export_target(s, actor->id, filters->agent, res);
      if (!target) return std::nullopt;
      exported = *target;
      http::CsvWriter w;
      w.row(ledger_columns);
      for (const auto& [id, l] : s.commissions.lines) {
        if (*target != 0 && l.agent_id != *target) continue;
        if (!filters->side.empty() && filters->side != word(l.side)) continue;
        if (!filters->state.empty() && filters->state != word(l.state)) continue;
        if (!filters->currency.empty() && filters->currency != l.amount.currency) continue;
        w.row(ledger_cells(s, actor->id, l));
      }
      return w.text();
    });
    if (!csv) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (!*csv) return; // answered
    http::send_csv(res, **csv, "commission-ledger-p" + std::to_string(program) + file_suffix(exported, filters->currency) + ".csv");
  });

  // A month's statement: per agent and side the balance owed at the start, earned, paid out and
  // owed at the end; then the lines written in the month.
  server.Get(R"(/api/v1/programs/(\d+)/commissions/statements/([0-9-]+)\.csv)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const std::string label = req.matches[2].str();
    auto month = parse_month(label);
    if (!month) return http::send_error(res, 400, ErrorCode::invalid_field, "The month is a real month as YYYY-MM.", "month");
    auto filters = read_filters(req, res);
    if (!filters) return;
    if (!filters->side.empty() || !filters->state.empty())
      return http::send_error(res, 400, ErrorCode::unknown_field, "A statement is filtered by agent and currency only.",
                              filters->side.empty() ? "state" : "side");
    const auto program = http::path_id(req, 1);
    std::string currency = filters->currency;
    PersonId exported = 0;
    auto csv = services.commands.read(program, [&](const ProgramState& s) -> std::optional<std::string> {
      auto target = export_target(s, actor->id, filters->agent, res);
      if (!target) return std::nullopt;
      exported = *target;
      if (currency.empty()) currency = s.currency;
      // The agents on the statement: the one asked for, or everyone with a line in the currency
      // written before the month's end.
      std::set<PersonId> agents;
      if (*target != 0) agents.insert(*target);
      else
        for (const auto& [id, l] : s.commissions.lines)
          if (l.amount.currency == currency && l.at < month_start(*month + 1)) agents.insert(l.agent_id);
      http::CsvWriter w;
      w.row({"month", "row", "agent_id", "agent_name", "side", "currency", "opening", "earned", "paid_out", "closing", "line_id", "date",
             "kind", "state", "customer_id", "customer_name", "amount", "note", "batch_id"});
      auto amount = [&](std::int64_t minor) { return core::decimal_amount(minor, currency); };
      for (auto agent : agents) {
        const auto st = statement(s.commissions, agent, currency, *month);
        const auto name = agent_name(s, agent);
        for (auto side : {LedgerSide::referral, LedgerSide::support}) {
          const auto& b = side == LedgerSide::referral ? st.referral : st.support;
          w.row({label, "balance", std::to_string(agent), name, word(side), currency, amount(b.opening), amount(b.earned), amount(b.paid_out),
                 amount(b.closing()), "", "", "", "", "", "", "", "", ""});
        }
        // Referral commission stopped for fraud: the notice the on-screen statement shows.
        if (const auto notice = referral_stop_notice(s.commissions, agent); !notice.empty())
          w.row({label, "notice", std::to_string(agent), name, "referral", currency, "", "", "", "", "", "", "", "", "", "", "", notice, ""});
        for (const auto& l : st.lines) {
          auto cells = ledger_cells(s, actor->id, l);
          w.row({label, "line", std::to_string(agent), name, word(l.side), currency, "", "", "", "", cells[0], cells[1], cells[5], cells[6],
                 cells[7], cells[8], cells[11], cells[13], cells[14]});
        }
      }
      return w.text();
    });
    if (!csv) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (!*csv) return; // answered
    http::send_csv(res, **csv, "commission-statement-" + label + file_suffix(exported, currency) + ".csv");
  });
}

} // namespace pd::routes
