// The item table: every ImGui item of the last drawn frame (id, label, window, rectangle,
// status), collected through ImGui's test-engine hooks. The browser tests find widgets in it,
// and the page's accessibility tree (client/platform/accessibility_emscripten.cpp) is built
// from it, so it is part of the product, not only of the tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImGuiContext;

namespace pd::client::testing {

// Turns the hooks on for ctx and registers the frame boundaries.
void enable(ImGuiContext* ctx);

// Plain text is not an ImGui item; these register the last drawn text (or a field's value,
// never a secret one) so tests can find it.
void record_text(std::string_view text);
void record_value(std::string_view value);
// The label of a widget that does not report one (a table's column header), by id.
void record_label(unsigned int id, std::string_view label);
// Label and status for a widget that does not report them itself (e.g. a combo), by id.
void record_info(unsigned int id, std::string_view label, int status_flags, std::string_view value);

// The table of the last drawn frame as a JSON array. Rectangles are converted from device
// pixels to CSS pixels of the page (divided by pixel_ratio, then offset by the canvas origin).
std::string items_json(float pixel_ratio, float canvas_x, float canvas_y);
std::uint64_t frame_count();

// The text of the last frame containing `needle` (ASCII letters compared without case), in
// drawing order, for the in-page find: the window each lies in and its rectangle in device
// pixels. Windows whose name starts with `skip_window` (the find bar itself) are left out.
struct TextHit {
  std::string window;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
std::vector<TextHit> find_text(std::string_view needle, std::string_view skip_window);

// The centre of an item of the last frame, in device pixels; false when it is not in it.
bool item_center(unsigned int id, float& x, float& y);

} // namespace pd::client::testing
