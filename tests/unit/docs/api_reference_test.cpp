// docs/api.md is the reference a client is written from. These tests hold it to the code: every
// command and event type the domain knows has its row (or section) in the reference, and that
// row names every field the type carries on the wire. A new type, or a new field, without its
// documentation fails here.
#include "shared/domain/commands.hpp"
#include "tests/test_paths.hpp"
#include "shared/domain/events.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace test_unit_docs_api_reference { // one namespace per test file: unity batches (PD_UNITY) share a unit

namespace {

using namespace pd::domain;

std::string read_reference() {
  std::ifstream in(pd::testing::source_dir() + "/docs/api.md");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Commands that do not go through POST …/commands are documented under their own route.
const std::map<std::string, std::string> route_headings = {
    {"CreateProgram", "POST /api/v1/programs: create a program"},
    {"AcceptInvitation", "POST /api/v1/invitations/accept"},
};

// Fields the server fills in from the route rather than from the client's body (accepting an
// invitation names its token; the server finds the invitation).
const std::set<std::string> server_filled = {"AcceptInvitation.invitation_id"};

// Every table row that starts with the type's name, and the section under a heading that is
// the type's name (or its route's, above), up to the next heading. Empty when the reference
// has none of them.
std::string documentation_of(const std::vector<std::string>& lines, const std::string& type) {
  const std::string row = "| `" + type + "` |";
  std::string heading = type;
  if (auto it = route_headings.find(type); it != route_headings.end()) heading = it->second;
  std::string out;
  for (const auto& line : lines)
    if (line.rfind(row, 0) == 0) out += line + "\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    auto hashes = line.find_first_not_of('#');
    if (hashes == 0 || hashes == std::string::npos || line.size() <= hashes + 1) continue;
    if (line.substr(hashes + 1) != heading) continue;
    for (std::size_t k = i + 1; k < lines.size() && lines[k].rfind('#', 0) != 0; ++k) out += lines[k] + "\n";
  }
  return out;
}

std::set<std::string> keys_of(const nlohmann::json& data) {
  std::set<std::string> out;
  if (data.is_object())
    for (const auto& [key, value] : data.items()) out.insert(key);
  return out;
}

template <class Variant, class F, std::size_t... I>
void for_each_alternative(F&& f, std::index_sequence<I...>) {
  (f(Variant{std::in_place_index<I>}), ...);
}
template <class Variant, class F>
void for_each_alternative(F&& f) {
  for_each_alternative<Variant>(std::forward<F>(f), std::make_index_sequence<std::variant_size_v<Variant>>{});
}

struct Gap {
  std::string type;
  std::string missing; // empty: the type itself is not documented
};

std::string describe(const std::vector<Gap>& gaps) {
  std::string out;
  for (const auto& g : gaps)
    out += g.missing.empty() ? "  " + g.type + ": no row or section\n" : "  " + g.type + ": field `" + g.missing + "` not named\n";
  return out;
}

} // namespace

TEST_CASE("every event type has a row in docs/api.md naming each of its fields") {
  const auto lines = lines_of(read_reference());
  REQUIRE(lines.size() > 100);
  std::vector<Gap> gaps;
  std::size_t types = 0;
  for_each_alternative<EventBody>([&](const EventBody& body) {
    ++types;
    const std::string type = type_of(body);
    const auto doc = documentation_of(lines, type);
    if (doc.empty()) return gaps.push_back({type, ""});
    for (const auto& key : keys_of(body_to_json(body, false)))
      if (doc.find("`" + key + "`") == std::string::npos) gaps.push_back({type, key});
  });
  INFO("docs/api.md lacks:\n" << describe(gaps));
  CHECK(gaps.empty());
  CHECK(types == std::variant_size_v<EventBody>);
}

TEST_CASE("every command type has a row or section in docs/api.md naming each of its fields") {
  const auto lines = lines_of(read_reference());
  REQUIRE(lines.size() > 100);
  std::vector<Gap> gaps;
  for_each_alternative<Command>([&](const Command& command) {
    const std::string type = type_of(command);
    const auto doc = documentation_of(lines, type);
    if (doc.empty()) return gaps.push_back({type, ""});
    const auto encoded = encode_command(CommandEnvelope{"c-doc", command});
    for (const auto& key : keys_of(encoded.at("data")))
      if (!server_filled.count(type + "." + key) && doc.find("`" + key + "`") == std::string::npos) gaps.push_back({type, key});
  });
  INFO("docs/api.md lacks:\n" << describe(gaps));
  CHECK(gaps.empty());
}

TEST_CASE("the reference finds a documented type and notices a missing field") {
  const std::vector<std::string> lines = {"## Things", "| `Known` | `a`, `b` | business |", "### Sectioned",
                                          "text with `c`", "## Next"};
  CHECK(documentation_of(lines, "Known") == "| `Known` | `a`, `b` | business |\n");
  CHECK(documentation_of(lines, "Sectioned") == "text with `c`\n");
  CHECK(documentation_of(lines, "Unknown").empty());
  CHECK(documentation_of(lines, "Known").find("`c`") == std::string::npos);
}

} // namespace test_unit_docs_api_reference
