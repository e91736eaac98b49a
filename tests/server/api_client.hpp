// A signed-in HTTP client for server tests.
#pragma once

#include "server_process.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <string>

namespace pd::testing {

class Session {
public:
  Session(const ServerProcess& server, const std::string& email, const std::string& password = "demo-password");
  Session(const ServerProcess& server); // anonymous

  httplib::Result get(const std::string& path);
  httplib::Result post(const std::string& path, const nlohmann::json& body);
  httplib::Result del(const std::string& path);
  // POST /api/v1/programs/{program}/commands with a fresh command id.
  httplib::Result command(std::int64_t program, const std::string& type, const nlohmann::json& data,
                          const std::string& command_id = {});
  const std::string& cookie() const { return cookie_; }
  std::int64_t person_id() const { return person_id_; }

private:
  httplib::Client client_;
  std::string cookie_;
  std::int64_t person_id_ = 0;
};

inline nlohmann::json json_of(const httplib::Result& r) { return nlohmann::json::parse(r->body, nullptr, false); }
std::string fresh_command_id();

} // namespace pd::testing
