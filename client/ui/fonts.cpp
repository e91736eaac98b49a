// Noto Sans, regular and bold, subset at build time (scripts/web/subset_fonts.py) and
// downloaded by web/boot.js as files of their own, cached by the browser; the signs Noto Sans
// lacks (check mark, arrows) come from a small DejaVu Sans subset merged into both. boot.js
// starts the module only once all three are in Module.pdFonts, so no text is ever drawn
// without them. ImGui 1.92 rasterizes glyphs on demand at the size in use (times
// style.FontScaleDpi), so text stays sharp at every pixel ratio.
#include "client/ui/ui.hpp"

#include <emscripten.h>

// clang-format off
// The length of font `which` handed over by boot.js (0 when it is not there).
EM_JS(int, pd_font_length, (int which), {
  var fonts = Module["pdFonts"];
  return fonts && fonts[which] ? fonts[which].length : 0;
});
// Copies font `which` into the module's memory at `dest` (pd_font_length bytes).
EM_JS(void, pd_font_copy, (int which, void* dest), {
  HEAPU8.set(Module["pdFonts"][which], dest);
});
// Lets the page's copies go once the atlas owns its own.
EM_JS(void, pd_fonts_release, (), {
  Module["pdFonts"] = null;
});
// clang-format on

namespace pd::client::ui {

namespace {

Fonts g_fonts;

enum FontFile : int { regular_file = 0, bold_file = 1, symbols_file = 2 };

// Adds font file `which` to the atlas, which takes ownership of the copy (IM_ALLOC'd, so the
// atlas frees it with IM_FREE); merge adds its glyphs to the font added last.
ImFont* add_font(FontFile which, bool merge) {
  const int length = pd_font_length(which);
  if (length <= 0) return nullptr;
  void* data = IM_ALLOC(static_cast<size_t>(length));
  pd_font_copy(which, data);
  ImFontConfig config;
  config.FontDataOwnedByAtlas = true;
  config.MergeMode = merge;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, length, base_font_size, &config);
}

} // namespace

bool load_fonts() {
  g_fonts.regular = add_font(regular_file, false);
  const bool regular_signs = g_fonts.regular && add_font(symbols_file, true);
  g_fonts.bold = add_font(bold_file, false);
  const bool bold_signs = g_fonts.bold && add_font(symbols_file, true);
  pd_fonts_release();
  return g_fonts.regular && g_fonts.bold && regular_signs && bold_signs;
}

const Fonts& fonts() { return g_fonts; }

} // namespace pd::client::ui
