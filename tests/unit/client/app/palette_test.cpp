// Both palettes meet WCAG AA (4.5:1) for every pair of colours the UI draws text in.
#include "client/app/palette.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace test_unit_client_app_palette_test {

using pd::client::contrast_ratio;
using pd::client::Palette;

struct Pair {
  std::string what;
  std::uint32_t fg, bg;
};

std::vector<Pair> text_pairs(const Palette& p) {
  return {
      {"text on page", p.text, p.page},
      {"text on surface", p.text, p.surface},
      {"text on a table header", p.text, p.table_header},
      {"muted on page", p.muted, p.page},
      {"muted on surface", p.muted, p.surface},
      {"muted on a table header", p.muted, p.table_header},
      {"a field's hint (disabled) on surface", p.disabled, p.surface},
      {"link (accent) on surface", p.accent, p.surface},
      {"link (accent) on page", p.accent, p.page},
      {"error text on surface", p.error, p.surface},
      {"a primary button's label", p.surface, p.accent},
      {"a hovered primary button's label", p.surface, p.accent_hover},
      {"a pressed primary button's label", p.surface, p.accent_active},
      {"a danger button's label", p.surface, p.error},
      {"a hovered danger button's label", p.surface, p.error_hover},
      {"a pressed danger button's label", p.surface, p.error_active},
      {"accent tone", p.accent, p.accent_soft},
      {"success tone", p.success, p.success_soft},
      {"warning tone", p.warning, p.warning_soft},
      {"danger tone", p.error, p.error_soft},
      {"neutral tone", p.neutral, p.neutral_soft},
      {"violet tone", p.violet, p.violet_soft},
      {"text in a selected row", p.text, p.accent_soft},
      {"success on surface", p.success, p.surface},
      {"warning on surface", p.warning, p.surface},
      {"neutral on surface", p.neutral, p.surface},
      {"violet on surface", p.violet, p.surface},
  };
}

void check_palette(const Palette& p, const char* name) {
  for (const Pair& pair : text_pairs(p)) {
    const double ratio = contrast_ratio(pair.fg, pair.bg);
    const std::string what = std::string(name) + ": " + pair.what;
    CAPTURE(what);
    CAPTURE(ratio);
    CHECK(ratio >= 4.5);
  }
}

TEST_CASE("palette: the WCAG contrast ratio of black on white is 21, of a colour on itself 1") {
  CHECK(contrast_ratio(pd::client::rgba(0, 0, 0), pd::client::rgba(0xFF, 0xFF, 0xFF)) == doctest::Approx(21.0));
  CHECK(contrast_ratio(pd::client::rgba(0x35, 0x59, 0xC7), pd::client::rgba(0x35, 0x59, 0xC7)) == doctest::Approx(1.0));
  // Order does not matter; a known pair: #767676 on white is 4.54.
  CHECK(contrast_ratio(pd::client::rgba(0xFF, 0xFF, 0xFF), pd::client::rgba(0x76, 0x76, 0x76)) ==
        doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("palette: the light theme's text meets WCAG AA on every background it is drawn on") {
  check_palette(pd::client::light_palette, "light");
}

TEST_CASE("palette: the dark theme's text meets WCAG AA on every background it is drawn on") {
  check_palette(pd::client::dark_palette, "dark");
}

TEST_CASE("palette: the dark theme is dark and the light one light") {
  CHECK(pd::client::relative_luminance(pd::client::dark_palette.page) < 0.05);
  CHECK(pd::client::relative_luminance(pd::client::light_palette.page) > 0.8);
}

} // namespace test_unit_client_app_palette_test
