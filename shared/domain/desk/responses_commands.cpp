#include "shared/domain/desk/responses_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

namespace {

std::string item_name(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, SetProductAreas& c) {
  FieldReader r(data, {"product_areas"}, "data");
  if (auto list = r.list("product_areas", desk::max_product_areas, true))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      const auto name = item_name(r.name_of("product_areas"), i);
      const auto& v = (*list)[i];
      if (!v.is_string()) {
        r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a name.", name));
        break;
      }
      const nlohmann::json wrapped = {{"area", v}};
      FieldReader one(wrapped, {"area"});
      auto area = one.text("area", {1, desk::max_product_area});
      if (one.error()) r.fail(make_error(one.error()->code, "'" + name + "' must be a name of 1 to " + std::to_string(desk::max_product_area) + " characters.", name));
      else c.product_areas.push_back(std::move(area));
    }
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SaveResponseTemplate& c) {
  FieldReader r(data, {"template_id", "name", "category", "text"}, "data");
  c.template_id = r.optional_integer("template_id", 0, INT64_MAX).value_or(0);
  c.name = r.text("name", {1, desk::max_template_name});
  c.category = r.optional_text("category", {0, 32}).value_or("");
  c.text = r.text("text", {1, desk::max_template_text, false});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RemoveResponseTemplate& c) {
  FieldReader r(data, {"template_id"}, "data");
  c.template_id = r.integer("template_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SetCannedTriggers& c) {
  FieldReader r(data, {"triggers"}, "data");
  if (auto list = r.list("triggers", desk::max_triggers, true))
    for (std::size_t i = 0; i < list->size() && !r.error(); ++i) {
      FieldReader t((*list)[i], {"phrase", "template_id", "hint", "starts_retention"}, item_name(r.name_of("triggers"), i));
      desk::CannedTrigger trigger;
      trigger.phrase = t.text("phrase", {1, desk::max_trigger_phrase});
      trigger.template_id = t.optional_integer("template_id", 0, INT64_MAX).value_or(0);
      trigger.hint = t.optional_text("hint", {0, desk::max_trigger_hint}).value_or("");
      trigger.starts_retention = t.has("starts_retention") && t.boolean("starts_retention");
      if (t.error()) r.fail(*t.error());
      else c.triggers.push_back(std::move(trigger));
    }
  return r.error();
}

nlohmann::json write_command(const SetProductAreas& c) { return {{"product_areas", c.product_areas}}; }
nlohmann::json write_command(const SaveResponseTemplate& c) {
  nlohmann::json j = {{"name", c.name}, {"text", c.text}};
  if (c.template_id != 0) j["template_id"] = c.template_id;
  if (!c.category.empty()) j["category"] = c.category;
  return j;
}
nlohmann::json write_command(const RemoveResponseTemplate& c) { return {{"template_id", c.template_id}}; }
nlohmann::json write_command(const SetCannedTriggers& c) { return {{"triggers", c.triggers}}; }

} // namespace pd::domain
