#include "server/http/user_agent.hpp"

#include <array>
#include <utility>

namespace pd::http {

std::string describe_user_agent(std::string_view ua) {
  if (ua.empty()) return "Unknown browser";
  auto has = [&](std::string_view s) { return ua.find(s) != std::string_view::npos; };
  // Order matters: Edge and Opera say Chrome too, Chrome says Safari, Chromium-based tools
  // say HeadlessChrome.
  const char* browser = nullptr;
  if (has("Edg/")) browser = "Edge";
  else if (has("OPR/")) browser = "Opera";
  else if (has("Firefox/") || has("FxiOS/")) browser = "Firefox";
  else if (has("HeadlessChrome/")) browser = "Headless Chrome";
  else if (has("Chrome/") || has("CriOS/")) browser = "Chrome";
  else if (has("Safari/")) browser = "Safari";
  else if (has("curl/")) browser = "curl";
  const char* system = nullptr;
  constexpr std::array<std::pair<std::string_view, const char*>, 7> systems = {{{"iPhone", "iPhone"},
                                                                                {"iPad", "iPad"},
                                                                                {"Android", "Android"},
                                                                                {"Windows", "Windows"},
                                                                                {"Mac OS X", "macOS"},
                                                                                {"CrOS", "ChromeOS"},
                                                                                {"Linux", "Linux"}}};
  for (const auto& [needle, name] : systems)
    if (has(needle)) {
      system = name;
      break;
    }
  if (!browser) {
    std::string cut(ua.substr(0, 60));
    for (auto& c : cut)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
    return cut;
  }
  return system ? std::string(browser) + " on " + system : std::string(browser);
}

} // namespace pd::http
