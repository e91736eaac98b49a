// Commands of the triage lists and the response library (part of Command, see commands.hpp).
// The business only; limits and checks in desk/templates.hpp (docs/api.md).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/desk/templates.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

struct SetProductAreas {
  static constexpr const char* type = "SetProductAreas";
  std::vector<std::string> product_areas;
  bool operator==(const SetProductAreas&) const = default;
};
// Adds a template (template_id 0) or edits one.
struct SaveResponseTemplate {
  static constexpr const char* type = "SaveResponseTemplate";
  desk::TemplateId template_id = 0;
  std::string name;
  std::string category; // "" for any
  std::string text;
  bool operator==(const SaveResponseTemplate&) const = default;
};
struct RemoveResponseTemplate {
  static constexpr const char* type = "RemoveResponseTemplate";
  desk::TemplateId template_id = 0;
  bool operator==(const RemoveResponseTemplate&) const = default;
};
struct SetCannedTriggers {
  static constexpr const char* type = "SetCannedTriggers";
  std::vector<desk::CannedTrigger> triggers;
  bool operator==(const SetCannedTriggers&) const = default;
};

// T names a type, which cannot be parenthesised in a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_RESPONSES_COMMAND_CODEC(T)                                                                                        \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_RESPONSES_COMMAND_CODEC(SetProductAreas)
PD_RESPONSES_COMMAND_CODEC(SaveResponseTemplate)
PD_RESPONSES_COMMAND_CODEC(RemoveResponseTemplate)
PD_RESPONSES_COMMAND_CODEC(SetCannedTriggers)
#undef PD_RESPONSES_COMMAND_CODEC

} // namespace pd::domain
