// Commands of the routing rules (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/desk/routing.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

// The business saves its teams and ordered rules (the whole of them). Refused with the field
// named: a team without members, a rule that can never match or repeats an earlier one, more
// than 100 rules or 10 conditions (desk::check_routing()).
struct ChangeRouting {
  static constexpr const char* type = "ChangeRouting";
  desk::RoutingSettings routing;
  bool operator==(const ChangeRouting&) const = default;
};

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeRouting& command);
nlohmann::json write_command(const ChangeRouting& command);

// The strict reader of one rule (the trial route reads its body with it): errors name the field
// under `at` ("data.routing.rules[2]", "rule").
desk::RoutingRule read_rule(const nlohmann::json& j, const std::string& at, std::optional<core::Error>& error);

} // namespace pd::domain
