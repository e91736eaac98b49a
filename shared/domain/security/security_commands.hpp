// The command of a program's sign-in security (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/security/security.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

// Owners and admins: which members must sign in with two-factor (the whole policy).
struct ChangeSecurityPolicy {
  static constexpr const char* type = "ChangeSecurityPolicy";
  SecurityPolicy policy;
  bool operator==(const ChangeSecurityPolicy&) const = default;
};

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeSecurityPolicy& command);
nlohmann::json write_command(const ChangeSecurityPolicy& command);

} // namespace pd::domain
