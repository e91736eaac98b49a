// The free platform functions client/app calls, for native builds (the unit tests of
// tests/unit/client/app): the system clocks, random ids from std::random_device, a clipboard
// kept in memory, and a file picker that never opens (no upload ever finishes). The browser's
// versions are in client/platform/*_emscripten.cpp; the Http, Browser and EventStreams
// interfaces have no native implementation here: a native program (a test) brings its own.
#include "client/platform/browser.hpp"
#include "client/platform/media.hpp"

#include <chrono>
#include <random>
#include <string>

namespace pd::client::platform {

namespace {

std::string g_clipboard;

} // namespace

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

double wall_clock_ms() {
  using namespace std::chrono;
  return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

std::string random_hex(int bytes) {
  static std::random_device device;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned>(device()) & 0xFFu;
    out += digits[byte >> 4];
    out += digits[byte & 15u];
  }
  return out;
}

const char* clipboard_text() { return g_clipboard.c_str(); }
void set_clipboard_text(const char* text) { g_clipboard = text ? text : ""; }

void pick_and_upload(std::uint32_t, std::int64_t, const char*, const char*) {}
void download(const char*) {} // a native program has no browser to save a file
std::vector<UploadResult> take_uploads() { return {}; }
double upload_progress(std::uint32_t) { return -1; }

} // namespace pd::client::platform
