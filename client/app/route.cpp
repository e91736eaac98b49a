#include "client/app/route.hpp"

#include <charconv>

namespace pd::client {

namespace {

std::optional<std::int64_t> parse_program(std::string_view query) {
  // query: "program=12" possibly among other "&"-separated pairs
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    constexpr std::string_view key = "program=";
    if (pair.substr(0, key.size()) != key) continue;
    auto digits = pair.substr(key.size());
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc{} && end == digits.data() + digits.size() && id > 0) return id;
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace

Route parse_route(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  auto q = hash.find('?');
  auto path = hash.substr(0, q);
  auto query = q == std::string_view::npos ? std::string_view{} : hash.substr(q + 1);
  Route route;
  if (path == "/signin") {
    route.page = Page::signin;
  } else if (path == "/home") {
    route.page = Page::home;
    route.program_id = parse_program(query);
  }
  return route;
}

std::string format_route(const Route& route) {
  switch (route.page) {
  case Page::signin: return "#/signin";
  case Page::home:
    return route.program_id ? "#/home?program=" + std::to_string(*route.program_id) : "#/home";
  case Page::loading: break;
  }
  return "";
}

} // namespace pd::client
