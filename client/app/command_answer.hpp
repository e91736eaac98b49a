// A command's answer, decoded in one place: the events the command produced, typed
// (domain::event_from_json, the same decoder the live stream uses), and the values some
// answers carry beside them (a new billing API key's secret, shown once; an invitation's
// link). The store's
// follow-ups read typed events (find_event<domain::TicketOpened>(answer)), never type names.
#pragma once

#include "shared/domain/events.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pd::client {

struct CommandAnswer {
  std::vector<domain::Event> events; // in the order the server wrote them
  std::string api_key;               // CreateApiKey: the secret, shown once
  std::string invitation_link;       // InviteMember: the link's path ("/#/invite/...")
};

// The body of a 200 answer of POST /api/v1/programs/{id}/commands ({"events":[...]}).
// An event this client cannot read is left out (the live stream skips it too).
inline CommandAnswer decode_answer(std::string_view body) {
  CommandAnswer answer;
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return answer;
  if (auto it = json.find("events"); it != json.end() && it->is_array())
    for (const auto& j : *it)
      if (auto e = domain::event_from_json(j)) answer.events.push_back(std::move(e).value());
  if (auto it = json.find("api_key"); it != json.end() && it->is_string()) answer.api_key = it->get<std::string>();
  if (auto it = json.find("invitation_link"); it != json.end() && it->is_string()) answer.invitation_link = it->get<std::string>();
  return answer;
}

// The first event of type T in the answer (nullptr when none).
template <class T> const T* find_event(const CommandAnswer& answer) {
  for (const auto& e : answer.events)
    if (const auto* body = std::get_if<T>(&e.body)) return body;
  return nullptr;
}

// How many events of type T the answer holds.
template <class T> int count_events(const CommandAnswer& answer) {
  int n = 0;
  for (const auto& e : answer.events) n += std::holds_alternative<T>(e.body) ? 1 : 0;
  return n;
}

} // namespace pd::client
