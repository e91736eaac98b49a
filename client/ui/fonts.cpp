// Noto Sans, regular and bold, from the files embedded in the wasm module. ImGui 1.92
// rasterizes glyphs on demand at the size in use (times style.FontScaleDpi), so text stays
// sharp at every pixel ratio.
#include "client/ui/ui.hpp"

namespace pd::client::ui {

namespace {
Fonts g_fonts;
}

bool load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  g_fonts.regular = io.Fonts->AddFontFromFileTTF("/fonts/ui-regular.ttf", base_font_size);
  g_fonts.bold = io.Fonts->AddFontFromFileTTF("/fonts/ui-bold.ttf", base_font_size);
  return g_fonts.regular && g_fonts.bold;
}

const Fonts& fonts() { return g_fonts; }

} // namespace pd::client::ui
