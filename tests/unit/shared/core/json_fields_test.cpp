#include "shared/core/json_fields.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_core_json_fields { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("parse_object refuses text that is not a JSON object") {
  CHECK(parse_object("{\"a\":1}").ok());
  CHECK(parse_object("{").error().code == ErrorCode::invalid_json);
  CHECK(parse_object("[1,2]").error().code == ErrorCode::invalid_json);
  CHECK(parse_object("").error().code == ErrorCode::invalid_json);
  CHECK(parse_object("\"text\"").error().message == "The request body must be a JSON object.");
}

TEST_CASE("unknown fields are named in the error") {
  auto o = parse_object(R"({"email":"a@b.test","admin":true})").value();
  auto e = reject_unknown_fields(o, {"email", "password"});
  REQUIRE(e.has_value());
  CHECK(e->code == ErrorCode::unknown_field);
  CHECK(e->field == "admin");
  CHECK_FALSE(reject_unknown_fields(o, {"email", "admin"}).has_value());
}

TEST_CASE("required_string checks presence, type, emptiness, length and UTF-8") {
  auto o = parse_object(R"({"s":"  hello  ","n":5,"empty":"   ","long":"abcdefghijk","bad":"a\u0001b"})").value();
  CHECK(required_string(o, "s").value() == "hello");
  CHECK(required_string(o, "s", {0, 200, false}).value() == "  hello  ");
  auto missing = required_string(o, "x");
  CHECK(missing.error().code == ErrorCode::missing_field);
  CHECK(missing.error().field == "x");
  CHECK(required_string(o, "n").error().code == ErrorCode::invalid_field);
  CHECK(required_string(o, "empty", {1, 10, true}).error().code == ErrorCode::missing_field);
  auto too_long = required_string(o, "long", {1, 10, true});
  CHECK(too_long.error().code == ErrorCode::invalid_field);
  CHECK(too_long.error().message == "'long' must be at most 10 bytes.");
  CHECK(required_string(o, "bad").error().field == "bad");
}

TEST_CASE("required_integer enforces the documented range") {
  auto o = parse_object(R"({"a":5,"b":-1,"c":1.5,"d":"5","e":18446744073709551615})").value();
  CHECK(required_integer(o, "a", 0, 10).value() == 5);
  CHECK(required_integer(o, "b", 0, 10).error().code == ErrorCode::invalid_field);
  CHECK(required_integer(o, "c", 0, 10).error().code == ErrorCode::invalid_field);
  CHECK(required_integer(o, "d", 0, 10).error().code == ErrorCode::invalid_field);
  CHECK(required_integer(o, "e", 0, 10).error().code == ErrorCode::invalid_field);
}

TEST_CASE("is_clean_utf8 accepts text and refuses malformed or control bytes") {
  CHECK(is_clean_utf8("plain ascii"));
  CHECK(is_clean_utf8("Inês Costa — 東京 🎉"));
  CHECK(is_clean_utf8("tab\tand\nnewline"));
  CHECK_FALSE(is_clean_utf8(std::string("\xC3", 1)));         // truncated
  CHECK_FALSE(is_clean_utf8(std::string("\xC0\xAF", 2)));     // overlong '/'
  CHECK_FALSE(is_clean_utf8(std::string("\xED\xA0\x80", 3))); // surrogate
  CHECK_FALSE(is_clean_utf8(std::string("\xF4\x90\x80\x80", 4))); // beyond U+10FFFF
  CHECK_FALSE(is_clean_utf8(std::string("a\0b", 3)));
  CHECK_FALSE(is_clean_utf8("\x1b[31m"));
}

TEST_CASE("the error body has one shape and reads back") {
  auto e = make_error(ErrorCode::missing_field, "'email' is required.", "email");
  auto body = to_json_body(e);
  CHECK(body.dump() == R"({"error":{"code":"missing_field","field":"email","message":"'email' is required."}})");
  auto back = error_from_json_body(body);
  CHECK(back.code == ErrorCode::missing_field);
  CHECK(back.field == "email");
  CHECK(error_from_json_body(nlohmann::json::array()).code == ErrorCode::unknown);
}

} // namespace test_unit_shared_core_json_fields
