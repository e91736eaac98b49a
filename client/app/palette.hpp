// The UI's two colour palettes (light and dark) as plain RGBA numbers, and the WCAG contrast
// ratio between two of them. No ImGui here, so the unit tests can check every pair of colours
// the UI draws text in; client/ui/ui.hpp turns the active palette into ui::color and ui::tone.
// Colours are packed like ImGui's IM_COL32: red in the low byte, alpha in the high one.
#pragma once

#include <cmath>
#include <cstdint>

namespace pd::client {

constexpr std::uint32_t rgba(std::uint32_t r, std::uint32_t g, std::uint32_t b, std::uint32_t a = 0xFF) {
  return (a << 24) | (b << 16) | (g << 8) | r;
}

struct Palette {
  std::uint32_t page, surface, border, text, muted, disabled;
  std::uint32_t accent, accent_hover, accent_active, accent_soft;
  std::uint32_t error, error_hover, error_active, error_soft, error_border;
  std::uint32_t success, success_soft, warning, warning_soft, neutral, neutral_soft, violet, violet_soft;
  std::uint32_t row_hover, table_header, table_rule, list_row_alt;
  std::uint32_t frame_hover, button_hover, button_active, tab;
  std::uint32_t scroll_grab, scroll_grab_hover, scroll_grab_active;
  std::uint32_t scrim;     // behind a sheet or a dialog (its alpha is set where it is drawn)
  std::uint32_t shadow;    // one layer of a card's soft shadow
  std::uint32_t attention; // a state that needs a look soon (reconnecting)
};

inline constexpr Palette light_palette{
    .page = rgba(0xF4, 0xF6, 0xF9), .surface = rgba(0xFF, 0xFF, 0xFF), .border = rgba(0xDD, 0xE3, 0xEA),
    .text = rgba(0x1E, 0x29, 0x3B), .muted = rgba(0x5B, 0x67, 0x7A), .disabled = rgba(0x6B, 0x76, 0x88),
    .accent = rgba(0x35, 0x59, 0xC7), .accent_hover = rgba(0x2C, 0x4D, 0xB0), .accent_active = rgba(0x24, 0x3F, 0x93),
    .accent_soft = rgba(0xE8, 0xEE, 0xFB),
    .error = rgba(0xB4, 0x23, 0x18), .error_hover = rgba(0x9B, 0x1C, 0x13), .error_active = rgba(0x7F, 0x16, 0x0F),
    .error_soft = rgba(0xFD, 0xEC, 0xEA), .error_border = rgba(0xF3, 0xC1, 0xBC),
    .success = rgba(0x15, 0x7F, 0x3C), .success_soft = rgba(0xE3, 0xF6, 0xEA),
    .warning = rgba(0xA1, 0x5C, 0x07), .warning_soft = rgba(0xFE, 0xF4, 0xDC),
    .neutral = rgba(0x47, 0x55, 0x69), .neutral_soft = rgba(0xEE, 0xF1, 0xF5),
    .violet = rgba(0x6D, 0x28, 0xD9), .violet_soft = rgba(0xF1, 0xEB, 0xFE),
    .row_hover = rgba(0xF5, 0xF7, 0xFB), .table_header = rgba(0xF8, 0xFA, 0xFC), .table_rule = rgba(0xE9, 0xED, 0xF3),
    .list_row_alt = rgba(0xFA, 0xFB, 0xFD),
    .frame_hover = rgba(0xF8, 0xFA, 0xFC), .button_hover = rgba(0xF1, 0xF4, 0xF8), .button_active = rgba(0xE4, 0xE9, 0xF0),
    .tab = rgba(0xE2, 0xE8, 0xF0),
    .scroll_grab = rgba(0xC5, 0xCD, 0xD8), .scroll_grab_hover = rgba(0xAE, 0xB8, 0xC6),
    .scroll_grab_active = rgba(0x94, 0xA0, 0xB2),
    .scrim = rgba(0x1E, 0x29, 0x3B), .shadow = rgba(0x1E, 0x29, 0x3B, 3), .attention = rgba(0xD9, 0x77, 0x06),
};

// A calm dark slate. Accents are light, so the filled buttons carry the surface's dark text.
inline constexpr Palette dark_palette{
    .page = rgba(0x12, 0x18, 0x23), .surface = rgba(0x1B, 0x23, 0x31), .border = rgba(0x33, 0x3F, 0x52),
    .text = rgba(0xE5, 0xEA, 0xF1), .muted = rgba(0xA3, 0xAF, 0xC0), .disabled = rgba(0x95, 0xA1, 0xB3),
    .accent = rgba(0x8F, 0xAD, 0xFF), .accent_hover = rgba(0xA8, 0xC0, 0xFF), .accent_active = rgba(0x7C, 0x9D, 0xF5),
    .accent_soft = rgba(0x22, 0x2F, 0x4F),
    .error = rgba(0xF8, 0x8A, 0x80), .error_hover = rgba(0xFA, 0xA3, 0x9B), .error_active = rgba(0xF0, 0x78, 0x6D),
    .error_soft = rgba(0x3A, 0x1F, 0x22), .error_border = rgba(0x6B, 0x30, 0x2C),
    .success = rgba(0x5B, 0xD6, 0x8E), .success_soft = rgba(0x16, 0x33, 0x26),
    .warning = rgba(0xF2, 0xB8, 0x4B), .warning_soft = rgba(0x37, 0x2C, 0x14),
    .neutral = rgba(0xB8, 0xC3, 0xD2), .neutral_soft = rgba(0x2A, 0x34, 0x44),
    .violet = rgba(0xC6, 0xA8, 0xFF), .violet_soft = rgba(0x2E, 0x25, 0x4A),
    .row_hover = rgba(0x22, 0x2C, 0x3C), .table_header = rgba(0x1F, 0x28, 0x37), .table_rule = rgba(0x2A, 0x34, 0x45),
    .list_row_alt = rgba(0x1E, 0x26, 0x34),
    .frame_hover = rgba(0x20, 0x29, 0x38), .button_hover = rgba(0x26, 0x30, 0x41), .button_active = rgba(0x2E, 0x3A, 0x4E),
    .tab = rgba(0x24, 0x2E, 0x3E),
    .scroll_grab = rgba(0x3A, 0x46, 0x59), .scroll_grab_hover = rgba(0x4B, 0x58, 0x6C),
    .scroll_grab_active = rgba(0x5E, 0x6B, 0x80),
    .scrim = rgba(0x00, 0x00, 0x00), .shadow = rgba(0x00, 0x00, 0x00, 10), .attention = rgba(0xF5, 0x9E, 0x0B),
};

// WCAG 2.1 relative luminance of an opaque colour (alpha ignored).
inline double relative_luminance(std::uint32_t c) {
  const auto channel = [](std::uint32_t v) {
    const double s = static_cast<double>(v & 0xFFu) / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c) + 0.7152 * channel(c >> 8) + 0.0722 * channel(c >> 16);
}

// WCAG contrast ratio, 1 (none) to 21 (black on white); AA asks 4.5 for body text.
inline double contrast_ratio(std::uint32_t a, std::uint32_t b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

} // namespace pd::client
