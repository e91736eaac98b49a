// PD_JSON_TYPE(Type, fields...): the JSON codec of a plain struct, as
// NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT defines it (every field written; a field
// missing when read keeps the value of the object read into, the type's default for get<T>()),
// with a smaller reader: each field is one call of read_json_field for its type instead of a
// copy of a default object and an inlined value() per field, which keeps the browser's module
// small (docs/performance.md).
#pragma once

#include "shared/core/json_type.hpp"
#include <nlohmann/json.hpp>

namespace pd::core {

// Reads `key` of a JSON object into `out` when it is there; anything but an object is refused
// as nlohmann's value() refuses it (type_error).
template <class T>
void read_json_field(const nlohmann::json& j, const char* key, T& out) {
  if (!j.is_object()) (void)j.at(key); // throws type_error for a non-object
  auto it = j.find(key);
  if (it != j.end()) it->get_to(out);
}

} // namespace pd::core

// The field and type names cannot be parenthesised in these expansions.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_JSON_FROM_FIELD(v1) ::pd::core::read_json_field(nlohmann_json_j, #v1, nlohmann_json_t.v1);
#define PD_JSON_TYPE(Type, ...)                                                                                              \
  inline void to_json(nlohmann::json& nlohmann_json_j, const Type& nlohmann_json_t) {                                       \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))                                                 \
  }                                                                                                                          \
  inline void from_json(const nlohmann::json& nlohmann_json_j, Type& nlohmann_json_t) {                                     \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(PD_JSON_FROM_FIELD, __VA_ARGS__))                                               \
  }
// NOLINTEND(bugprone-macro-parentheses)
