#include "client/app/effects.hpp"

#include "client/platform/browser.hpp"
#include "client/platform/media.hpp"

#include <type_traits>

namespace pd::client {

void run_effects(std::vector<Effect> effects, platform::Http& http, platform::EventStreams& streams) {
  for (auto& effect : effects) {
    std::visit(
        [&](auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, HttpCall>) http.send(e.id, e.method, e.path, e.body);
          else if constexpr (std::is_same_v<T, OpenStream>) streams.open(e.id, e.url);
          else if constexpr (std::is_same_v<T, CloseStream>) streams.close(e.id);
          else if constexpr (std::is_same_v<T, PickAndUpload>)
            platform::pick_and_upload(e.id, e.program_id, e.accept.c_str(), e.purpose.c_str());
          else if constexpr (std::is_same_v<T, CopyText>) platform::set_clipboard_text(e.text.c_str());
          else if constexpr (std::is_same_v<T, Download>) platform::download(e.url.c_str());
          else static_assert(!sizeof(T), "run_effects: an Effect alternative without a runner (client/app/effects.cpp)");
        },
        effect);
  }
}

} // namespace pd::client
