#include "client/app/route.hpp"

#include <charconv>
#include <vector>

namespace pd::client {

namespace {

std::optional<std::int64_t> parse_id(std::string_view digits) {
  std::int64_t id = 0;
  if (digits.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec == std::errc{} && end == digits.data() + digits.size() && id > 0) return id;
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return parts;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

} // namespace

std::string url_encode(std::string_view s) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

namespace {

// "key=value&key=value" -> value of key, decoded; nullopt when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  for (auto pair : split(query, '&')) {
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (pair.substr(0, eq) == key) return url_decode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

// "<program>-<erasure request>.<16 hex digits>": the signed value of an erasure confirmation link.
bool is_erasure_token(std::string_view s) {
  const auto dash = s.find('-');
  const auto dot = s.rfind('.');
  if (dash == std::string_view::npos || dash == 0 || dash > 18 || dot == std::string_view::npos || dot <= dash + 1 ||
      dot - dash - 1 > 18 || s.size() - dot - 1 != 16)
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == dash || i == dot) continue;
    const char c = s[i];
    const bool digit = c >= '0' && c <= '9';
    if (i < dot ? !digit : !(digit || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "<person>-<kind of mail>.<16 hex digits>": the signed value of an unsubscribe link.
bool is_unsubscribe_token(std::string_view s) {
  const auto dash = s.find('-');
  const auto dot = s.rfind('.');
  if (dash == std::string_view::npos || dash == 0 || dash > 18 || dot == std::string_view::npos || dot <= dash + 1 ||
      dot - dash - 1 > 40 || s.size() - dot - 1 != 16)
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i < dash ? !(c >= '0' && c <= '9')
        : i > dot ? !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
        : i > dash && i < dot ? !((c >= 'a' && c <= 'z') || c == '_')
                              : false)
      return false;
  }
  return true;
}

bool is_token(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

CustomerFilter parse_filter(std::string_view query) {
  CustomerFilter f;
  f.q = query_value(query, "q").value_or("");
  f.subscription = query_value(query, "subscription").value_or("");
  f.segment = query_value(query, "segment").value_or("");
  if (auto agent = query_value(query, "agent")) {
    if (*agent == "queue") f.agent = 0;
    else if (auto id = parse_id(*agent)) f.agent = *id;
  }
  return f;
}

std::string format_filter(const CustomerFilter& f) {
  std::string q;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    q += q.empty() ? "?" : "&";
    q += key;
    q += '=';
    q += url_encode(value);
  };
  add("q", f.q);
  add("subscription", f.subscription);
  add("segment", f.segment);
  if (f.agent == 0) add("agent", "queue");
  else if (f.agent > 0) add("agent", std::to_string(f.agent));
  return q;
}

} // namespace

bool is_program_page(Page page) {
  switch (page) {
  case Page::overview:
  case Page::customers:
  case Page::customer:
  case Page::new_customer:
  case Page::agents:
  case Page::agent:
  case Page::people:
  case Page::settings:
  case Page::support_settings:
  case Page::responses:
  case Page::training:
  case Page::certification:
  case Page::earnings:
  case Page::commissions:
  case Page::profile:
  case Page::tickets:
  case Page::ticket:
  case Page::new_ticket:
  case Page::routing:
  case Page::knowledge:
  case Page::metrics:
  case Page::retention:
  case Page::reports:
  case Page::support: return true;
  default: return false;
  }
}

Route program_route(Page page, std::int64_t program_id, std::int64_t item_id) {
  Route r;
  r.page = page;
  r.program_id = program_id;
  r.item_id = item_id;
  return r;
}

Route parse_route(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  auto qpos = hash.find('?');
  auto path = hash.substr(0, qpos);
  auto query = qpos == std::string_view::npos ? std::string_view{} : hash.substr(qpos + 1);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  Route route;
  if (path == "/signin") {
    route.page = Page::signin;
  } else if (path == "/signup") {
    route.page = Page::signup;
  } else if (path == "/forgot") {
    route.page = Page::forgot_password;
  } else if (path.substr(0, 7) == "/reset/") {
    if (is_token(path.substr(7))) {
      route.page = Page::reset_password;
      route.token = std::string(path.substr(7));
    }
  } else if (path.substr(0, 8) == "/verify/") {
    if (is_token(path.substr(8))) {
      route.page = Page::verify_email;
      route.token = std::string(path.substr(8));
    }
  } else if (path.substr(0, 13) == "/unsubscribe/") {
    if (is_unsubscribe_token(path.substr(13))) {
      route.page = Page::unsubscribe;
      route.token = std::string(path.substr(13));
    }
  } else if (path.substr(0, 9) == "/erasure/") {
    if (is_erasure_token(path.substr(9))) {
      route.page = Page::erasure;
      route.token = std::string(path.substr(9));
    }
  } else if (path == "/programs/new") {
    route.page = Page::new_program;
  } else if (path == "/account") {
    route.page = Page::account;
  } else if (path.substr(0, 8) == "/invite/") {
    if (is_token(path.substr(8))) {
      route.page = Page::invite;
      route.token = std::string(path.substr(8));
    }
  } else if (path == "/home") {
    // The first scheme: #/home?program=ID
    route.page = Page::overview;
    if (auto p = query_value(query, "program")) route.program_id = parse_id(*p).value_or(0);
  } else if (path.substr(0, 3) == "/p/") {
    auto parts = split(path.substr(3), '/');
    auto program = parse_id(parts[0]);
    if (!program) return route;
    route.program_id = *program;
    const auto section = parts.size() > 1 ? parts[1] : std::string_view{};
    const auto sub = parts.size() > 2 ? parts[2] : std::string_view{};
    if (parts.size() > 3) return Route{};
    if (section.empty() || section == "overview") {
      if (!sub.empty()) return Route{};
      route.page = Page::overview;
    } else if (section == "customers") {
      if (sub.empty()) {
        route.page = Page::customers;
        route.filter = parse_filter(query);
      } else if (sub == "new") {
        route.page = Page::new_customer;
      } else if (auto id = parse_id(sub)) {
        route.page = Page::customer;
        route.item_id = *id;
      } else {
        return Route{};
      }
    } else if (section == "tickets") {
      if (sub.empty()) {
        route.page = Page::tickets;
        auto view = query_value(query, "view").value_or("");
        if (view == "open") view.clear();
        if (view == "overdue" || view == "escalated" || view == "closed" || view == "all" || view == "untriaged") route.ticket_view = view;
      } else if (sub == "new") {
        route.page = Page::new_ticket;
      } else if (auto id = parse_id(sub)) {
        route.page = Page::ticket;
        route.item_id = *id;
      } else {
        return Route{};
      }
    } else if (section == "agents" && !sub.empty()) {
      auto id = parse_id(sub);
      if (!id) return Route{};
      route.page = Page::agent;
      route.item_id = *id;
    } else if (section == "settings" && sub == "support") {
      route.page = Page::support_settings;
    } else if (section == "settings" && sub == "responses") {
      route.page = Page::responses;
    } else if (!sub.empty()) {
      return Route{};
    } else if (section == "support") {
      route.page = Page::support;
    } else if (section == "metrics") {
      route.page = Page::metrics;
    } else if (section == "retention") {
      route.page = Page::retention;
    } else if (section == "reports") {
      route.page = Page::reports;
    } else if (section == "training") {
      route.page = Page::training;
    } else if (section == "certification") {
      route.page = Page::certification;
    } else if (section == "earnings") {
      route.page = Page::earnings;
    } else if (section == "commissions") {
      route.page = Page::commissions;
    } else if (section == "routing") {
      route.page = Page::routing;
    } else if (section == "knowledge") {
      route.page = Page::knowledge;
    } else if (section == "agents") {
      route.page = Page::agents;
    } else if (section == "people") {
      route.page = Page::people;
    } else if (section == "settings") {
      route.page = Page::settings;
    } else if (section == "profile") {
      route.page = Page::profile;
    } else {
      return Route{};
    }
  }
  return route;
}

std::string format_route(const Route& route) {
  const std::string p = "#/p/" + std::to_string(route.program_id);
  switch (route.page) {
  case Page::signin: return "#/signin";
  case Page::signup: return "#/signup";
  case Page::new_program: return "#/programs/new";
  case Page::account: return "#/account";
  case Page::invite: return "#/invite/" + route.token;
  case Page::forgot_password: return "#/forgot";
  case Page::reset_password: return "#/reset/" + route.token;
  case Page::verify_email: return "#/verify/" + route.token;
  case Page::unsubscribe: return "#/unsubscribe/" + route.token;
  case Page::erasure: return "#/erasure/" + route.token;
  case Page::overview: return p + "/overview";
  case Page::customers: return p + "/customers" + format_filter(route.filter);
  case Page::new_customer: return p + "/customers/new";
  case Page::customer: return p + "/customers/" + std::to_string(route.item_id);
  case Page::agents: return p + "/agents";
  case Page::agent: return p + "/agents/" + std::to_string(route.item_id);
  case Page::people: return p + "/people";
  case Page::settings: return p + "/settings";
  case Page::support_settings: return p + "/settings/support";
  case Page::responses: return p + "/settings/responses";
  case Page::profile: return p + "/profile";
  case Page::tickets: return p + "/tickets" + (route.ticket_view.empty() ? std::string() : "?view=" + route.ticket_view);
  case Page::ticket: return p + "/tickets/" + std::to_string(route.item_id);
  case Page::new_ticket: return p + "/tickets/new";
  case Page::support: return p + "/support";
  case Page::metrics: return p + "/metrics";
  case Page::retention: return p + "/retention";
  case Page::reports: return p + "/reports";
  case Page::training: return p + "/training";
  case Page::certification: return p + "/certification";
  case Page::earnings: return p + "/earnings";
  case Page::commissions: return p + "/commissions";
  case Page::routing: return p + "/routing";
  case Page::knowledge: return p + "/knowledge";
  case Page::loading: break;
  }
  return "";
}

} // namespace pd::client
