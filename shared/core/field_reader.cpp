#include "shared/core/field_reader.hpp"

namespace pd::core {

static const nlohmann::json& empty_object() {
  static const nlohmann::json e = nlohmann::json::object();
  return e;
}

FieldReader::FieldReader(const nlohmann::json& object, std::initializer_list<std::string_view> allowed, std::string prefix)
    : json_(object.is_object() ? object : empty_object()), prefix_(std::move(prefix)) {
  if (!object.is_object()) {
    error_ = make_error(ErrorCode::invalid_json, prefix_.empty() ? "Expected a JSON object." : "'" + prefix_ + "' must be an object.", prefix_);
    return;
  }
  if (auto e = reject_unknown_fields(object, allowed)) {
    e->field = name_of(e->field.c_str());
    e->message = "Unknown field '" + e->field + "'.";
    error_ = *e;
  }
}

void FieldReader::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

bool FieldReader::has(const char* field) const { return json_.contains(field) && !json_.at(field).is_null(); }

const nlohmann::json* FieldReader::present(const char* field, bool required) {
  if (error_) return nullptr;
  if (!has(field)) {
    if (required) fail(make_error(ErrorCode::missing_field, "'" + name_of(field) + "' is required.", name_of(field)));
    return nullptr;
  }
  return &json_.at(field);
}

std::string FieldReader::text(const char* field, StringRule rule) {
  if (error_) return {};
  if (!has(field)) {
    fail(make_error(ErrorCode::missing_field, "'" + name_of(field) + "' is required.", name_of(field)));
    return {};
  }
  auto r = required_string(json_, field, rule);
  if (!r) {
    auto e = r.error();
    auto full = name_of(field);
    auto pos = e.message.find("'" + std::string(field) + "'");
    if (pos != std::string::npos) e.message.replace(pos, std::string(field).size() + 2, "'" + full + "'");
    e.field = full;
    fail(e);
    return {};
  }
  return std::move(r).value();
}

std::optional<std::string> FieldReader::optional_text(const char* field, StringRule rule) {
  if (error_ || !has(field)) return std::nullopt;
  auto v = text(field, rule);
  if (error_) return std::nullopt;
  return v;
}

std::int64_t FieldReader::integer(const char* field, std::int64_t min, std::int64_t max) {
  if (!present(field, true)) return 0;
  auto r = required_integer(json_, field, min, max);
  if (!r) {
    auto e = r.error();
    e.field = name_of(field);
    e.message = "'" + e.field + e.message.substr(e.message.find('\'', 1));
    fail(e);
    return 0;
  }
  return r.value();
}

std::optional<std::int64_t> FieldReader::optional_integer(const char* field, std::int64_t min, std::int64_t max) {
  if (error_ || !has(field)) return std::nullopt;
  auto v = integer(field, min, max);
  if (error_) return std::nullopt;
  return v;
}

bool FieldReader::boolean(const char* field) {
  auto v = present(field, true);
  if (!v) return false;
  if (!v->is_boolean()) {
    fail(make_error(ErrorCode::invalid_field, "'" + name_of(field) + "' must be true or false.", name_of(field)));
    return false;
  }
  return v->get<bool>();
}

std::string FieldReader::word(const char* field, std::initializer_list<std::string_view> allowed_values) {
  auto v = text(field, {1, 64, false});
  if (error_) return {};
  for (auto a : allowed_values)
    if (v == a) return v;
  std::string list;
  for (auto a : allowed_values) list += (list.empty() ? "" : ", ") + std::string(a);
  fail(make_error(ErrorCode::invalid_field, "'" + name_of(field) + "' must be one of: " + list + ".", name_of(field)));
  return {};
}

const nlohmann::json* FieldReader::list(const char* field, std::size_t max, bool required) {
  if (error_) return nullptr;
  auto v = present(field, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(make_error(ErrorCode::invalid_field, "'" + name_of(field) + "' must be a list.", name_of(field)));
    return nullptr;
  }
  if (v->size() > max) {
    fail(make_error(ErrorCode::invalid_field, "'" + name_of(field) + "' holds at most " + std::to_string(max) + " items.", name_of(field)));
    return nullptr;
  }
  return v;
}

const nlohmann::json& FieldReader::object(const char* field) {
  auto v = present(field, true);
  if (!v) return empty_object();
  if (!v->is_object()) {
    fail(make_error(ErrorCode::invalid_field, "'" + name_of(field) + "' must be an object.", name_of(field)));
    return empty_object();
  }
  return *v;
}

} // namespace pd::core
