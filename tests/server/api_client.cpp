#include "api_client.hpp"

#include <stdexcept>

namespace pd::testing {

std::string fresh_command_id() {
  static std::atomic<int> n{0};
  return "test-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

Session::Session(const ServerProcess& server) : client_(server.client()) {}

Session::Session(const ServerProcess& server, const std::string& email, const std::string& password) : client_(server.client()) {
  auto r = client_.Post("/api/v1/session", api_headers(), nlohmann::json{{"email", email}, {"password", password}}.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("sign-in failed for " + email);
  cookie_ = session_cookie_of(r);
  person_id_ = json_of(r)["person"]["id"].get<std::int64_t>();
}

httplib::Result Session::get(const std::string& path) { return client_.Get(path, api_headers(cookie_)); }
httplib::Result Session::post(const std::string& path, const nlohmann::json& body) {
  return client_.Post(path, api_headers(cookie_), body.dump(), "application/json");
}
httplib::Result Session::del(const std::string& path) { return client_.Delete(path, api_headers(cookie_)); }

httplib::Result Session::command(std::int64_t program, const std::string& type, const nlohmann::json& data, const std::string& command_id) {
  return post("/api/v1/programs/" + std::to_string(program) + "/commands",
              {{"command_id", command_id.empty() ? fresh_command_id() : command_id}, {"type", type}, {"data", data}});
}

} // namespace pd::testing
