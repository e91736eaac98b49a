// Reads the fields of one JSON object strictly and keeps the first error, so decoders stay
// short:
//   FieldReader r(object, {"name", "email"});
//   auto name = r.text("name", {1, 120});
//   if (auto e = r.error()) return *e;
// Unknown fields, wrong types, out-of-range numbers, overlong strings and invalid UTF-8 are
// all refused with the field's name (nested fields as "mrr.currency").
#pragma once

#include "shared/core/error.hpp"
#include "shared/core/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::core {

class FieldReader {
public:
  FieldReader(const nlohmann::json& object, std::initializer_list<std::string_view> allowed, std::string prefix = {});

  std::string text(const char* field, StringRule rule = {});
  std::optional<std::string> optional_text(const char* field, StringRule rule = {});
  std::int64_t integer(const char* field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_integer(const char* field, std::int64_t min, std::int64_t max);
  bool boolean(const char* field);
  // One of the given words.
  std::string word(const char* field, std::initializer_list<std::string_view> allowed_values);
  // A nested object (empty json on error).
  const nlohmann::json& object(const char* field);
  // A list of at most `max` items; nullptr when absent (an error when required) or on error.
  const nlohmann::json* list(const char* field, std::size_t max, bool required = false);
  bool has(const char* field) const;

  void fail(Error e);
  const std::optional<Error>& error() const { return error_; }
  std::string name_of(const char* field) const { return prefix_.empty() ? field : prefix_ + "." + field; }

private:
  const nlohmann::json* present(const char* field, bool required);
  const nlohmann::json& json_;
  std::string prefix_;
  std::optional<Error> error_;
};

// The enum E whose JSON name (NLOHMANN_JSON_SERIALIZE_ENUM) is `word`; nullopt for any other
// word. The one way shared/ reads an enum from text.
template <class E>
std::optional<E> enum_from_word(std::string_view word) {
  if (word.empty()) return std::nullopt;
  const E value = nlohmann::json(word).get<E>();
  return nlohmann::json(value).get<std::string>() == word ? std::optional<E>(value) : std::nullopt;
}

// One of `words` read as the enum E whose JSON names they are (fallback after an error).
template <class E>
E enum_word(FieldReader& r, const char* field, std::initializer_list<std::string_view> words, E fallback) {
  auto w = r.word(field, words);
  if (r.error()) return fallback;
  return enum_from_word<E>(w).value_or(fallback);
}

} // namespace pd::core
