// Look and building blocks of the Partnerdesk UI: theme, fonts, and the few widgets every
// view uses. Sizes passed in are CSS pixels; dp() converts them to the device pixels ImGui
// draws in.
#pragma once

#include "client/app/palette.hpp"
#include "imgui.h"

#include <string>
#include <string_view>

namespace pd::client::ui {

// [SECTION] Theme
// The colours of the active palette (client/app/palette.hpp: light or dark). They are references
// into it, so apply_theme switching the palette recolours every view on the next frame.
namespace detail {
inline Palette palette = light_palette;
} // namespace detail
namespace color {
inline const ImU32& page = detail::palette.page;
inline const ImU32& surface = detail::palette.surface;
inline const ImU32& border = detail::palette.border;
inline const ImU32& text = detail::palette.text;
inline const ImU32& muted = detail::palette.muted;
inline const ImU32& disabled = detail::palette.disabled;
inline const ImU32& accent = detail::palette.accent;
inline const ImU32& accent_hover = detail::palette.accent_hover;
inline const ImU32& accent_active = detail::palette.accent_active;
inline const ImU32& accent_soft = detail::palette.accent_soft;
inline const ImU32& error = detail::palette.error;
inline const ImU32& error_hover = detail::palette.error_hover;
inline const ImU32& error_active = detail::palette.error_active;
inline const ImU32& error_soft = detail::palette.error_soft;
inline const ImU32& error_border = detail::palette.error_border;
inline const ImU32& success = detail::palette.success;
inline const ImU32& success_soft = detail::palette.success_soft;
inline const ImU32& warning = detail::palette.warning;
inline const ImU32& warning_soft = detail::palette.warning_soft;
inline const ImU32& neutral = detail::palette.neutral;
inline const ImU32& neutral_soft = detail::palette.neutral_soft;
inline const ImU32& violet = detail::palette.violet;
inline const ImU32& violet_soft = detail::palette.violet_soft;
inline const ImU32& row_hover = detail::palette.row_hover;
inline const ImU32& table_header = detail::palette.table_header;
inline const ImU32& table_rule = detail::palette.table_rule;
inline const ImU32& list_row_alt = detail::palette.list_row_alt;
inline const ImU32& scrim = detail::palette.scrim;
inline const ImU32& shadow = detail::palette.shadow;
inline const ImU32& attention = detail::palette.attention;
} // namespace color

// A foreground/background pair for pills, dots and boxes.
struct Tone {
  ImU32 fg;
  ImU32 bg;
};
namespace detail {
struct Tones {
  Tone accent, success, warning, danger, neutral, violet;
};
constexpr Tones tones_of(const Palette& p) {
  return {{p.accent, p.accent_soft}, {p.success, p.success_soft}, {p.warning, p.warning_soft},
          {p.error, p.error_soft},   {p.neutral, p.neutral_soft}, {p.violet, p.violet_soft}};
}
inline Tones tones = tones_of(light_palette);
} // namespace detail
namespace tone {
inline const Tone& accent = detail::tones.accent;
inline const Tone& success = detail::tones.success;
inline const Tone& warning = detail::tones.warning;
inline const Tone& danger = detail::tones.danger;
inline const Tone& neutral = detail::tones.neutral;
inline const Tone& violet = detail::tones.violet;
} // namespace tone

inline constexpr float base_font_size = 15.0f;

// Builds ImGui's style for a pixel ratio in the light or dark palette (at start, on a pixel-ratio
// change, and when the colour scheme changes).
void apply_theme(float pixel_ratio, bool dark);
// Switches to the dark or light palette, keeping the last pixel ratio; does nothing when unchanged.
// Between frames only: the colours pushed during a frame would pop back to the old palette.
void set_dark(bool dark);
bool dark();
inline float dp(float css_px) { return css_px * ImGui::GetStyle().FontScaleDpi; }
inline ImVec2 dp(float x, float y) { return ImVec2(dp(x), dp(y)); }

// [SECTION] Widths and touch
// Below narrow_width CSS pixels (a phone, a narrow window, a zoomed-in page) the layout is the
// phone one: the navigation behind a menu button, lists as stacked cards, forms and dialogs
// full width.
inline constexpr float narrow_width = 900;  // CSS pixels
inline constexpr float tap_target = 44;     // CSS pixels: the least height of a control on touch or narrow layouts
bool narrow();  // the viewport is narrower than narrow_width
bool touch();   // the last pointer input came from a touch screen
// A control's height raised to the tap target on touch or narrow layouts (device pixels in and out).
float tap_height(float h);
// Sets the frame padding for the current width and input (called once a frame, before drawing).
void adapt_style();

// [SECTION] Fonts
struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
};
bool load_fonts(); // from the subset font files the page downloaded before starting (web/boot.js); false when one is missing
const Fonts& fonts();

// Pushes the bold (or regular) font at a CSS size for the lifetime of the object.
class FontScope {
public:
  FontScope(ImFont* font, float size) { ImGui::PushFont(font, size); }
  ~FontScope() { ImGui::PopFont(); }
  FontScope(const FontScope&) = delete;
  FontScope& operator=(const FontScope&) = delete;
};

// [SECTION] Widgets (text is registered in the item table so tests can find it)
void text(std::string_view s, ImU32 col = color::text);
void text_wrapped(std::string_view s, ImU32 col = color::text);
// Wrapped text the reader can select (drag, double or triple click) and copy (Ctrl/Cmd+C, or
// Copy from a right click or long press): messages, notes, articles, a ticket's fields.
void selectable_text(std::string_view s, ImU32 col = color::text);
// The part of a selectable text the reader selected, if that text is still on the page ("" if none).
std::string selected_text();
void heading(std::string_view s, float size, ImU32 col = color::text);
void error_box(std::string_view message);
void brand_mark(float size);
bool primary_button(const char* label, ImVec2 size, bool enabled = true);
bool secondary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A text field; returns true when Enter was pressed. edited tells whether it changed.
bool input_text(const char* label, const char* hint, std::string& value, bool& edited,
                ImGuiInputTextFlags flags = 0, float width = -FLT_MIN);
// ImGui::BeginCombo, reported to the item table with its label and preview.
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
// The rectangle of the current window, drawn as a card with a soft shadow behind it.
void card_shadow();

// A rounded label ("Active", "Agent") in a tone.
void pill(std::string_view text, Tone t);
ImVec2 pill_size(std::string_view text);
// A small filled circle centered on the current text line, then SameLine.
void dot(ImU32 col);
// Text that works like a link; returns true when clicked.
bool link(const char* label);
bool danger_button(const char* label, ImVec2 size = ImVec2(0, 0), bool enabled = true);
// A tinted box with a message (info, success, warning); error_box above is the danger one.
void message_box(std::string_view message, Tone t);
// A tinted panel around whatever is drawn between begin_tinted and end_tinted (no tables).
void begin_tinted(Tone t);
void end_tinted();
// Label above a form field, and the server's message about the field under it.
void field_label(std::string_view label);
void field_error(const std::string* message);
// A white card (child window) of the given width with padding; pair with end_card().
bool begin_card(const char* id, float width, float height = 0);
void end_card();
// A page's column: as tall as what is drawn in it, never scrolled itself, so the mouse wheel over
// it (a gap between cards, a margin) scrolls the page. Pair with end_column().
void begin_column(const char* id, float width);
void end_column();
// A small uppercase caption ("CUSTOMERS").
void caption(std::string_view s);
// Between two items of a row (buttons, filters): the next one, next_width wide, goes on the
// same line when it fits, else on a new line (a narrow screen).
void flow_next(float next_width, float spacing);
// On a narrow layout, after SameLine: moves to a new line when what comes next (width wide) has
// no room left on this one (ui::text, pills, the ui buttons and links do it themselves). Returns
// whether it stayed on the line.
bool fit_on_line(float width);

// The footer of a small form: its primary button, then a secondary one (Cancel) on the same line.
// While sending, the primary button reads busy ("Sending…") under the same ID ("###" + id, id
// being the label unless given); it is enabled when ready and not sending. Without busy, the
// label is used as it is.
struct FormFooter {
  bool submit = false;
  bool cancel = false;
};
FormFooter form_footer(std::string_view label, std::string_view busy, bool sending, bool ready,
                       const char* cancel = "Cancel", std::string_view id = {});

// [SECTION] Tables
// The house list table (agents, customers, people, tickets, the certification desk): white rows,
// every other one faintly tinted, hairline borders in the theme's border colour. Pair a true
// begin_list_table with end_list_table. cell_padding in CSS pixels.
// On a narrow layout the same calls draw stacked cards instead: one card per row, the title
// column bold on top, then each fact column as a "Label: value" line (see CardPart). A view
// declares columns with list_column and moves between cells with list_cell (never ImGui's
// TableSetupColumn/TableSetColumnIndex directly), so it gets both layouts.
inline constexpr ImGuiTableFlags list_table_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                                    ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                                    ImGuiTableFlags_PadOuterX;
bool begin_list_table(const char* id, int columns, ImGuiTableFlags flags = list_table_flags, ImVec2 size = ImVec2(0, 0),
                      ImVec2 cell_padding = ImVec2(10, 0));
void end_list_table();
// Any other table of rows (the ledgers): ImGui's own look on a wide layout (flags as given), the
// list table's cards on a narrow one. Pair a true begin_table with end_table.
bool begin_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size = ImVec2(0, 0));
void end_table();
// How a column shows in a card: lead (small, on the title's line before it: "#12"), title (bold,
// no label), fact ("Status: Open"; a column without a name is drawn on its own line), plain (on
// its own line without a label: buttons, a badge).
enum class CardPart { fact, title, lead, plain };
// Declares a column (ImGui::TableSetupColumn on a wide layout). weight: the stretch weight or
// fixed width in device pixels, as ImGui takes it.
void list_column(const char* name, ImGuiTableColumnFlags flags = ImGuiTableColumnFlags_WidthStretch, float weight = 0.0f,
                 ImGuiID user_id = 0, CardPart part = CardPart::fact);
// Moves to a cell of the current row (a wide layout) or to its line in the card; false when the
// cell is not drawn (clipped column).
bool list_cell(int column);
bool list_next_cell(); // the cell after the last one (ImGui::TableNextColumn on a wide layout)
// The current list table draws cards.
bool cards();
// The item height a list clipper is given: the row height on a wide layout, measured on cards.
float clip_height(float row_h);
// The header row of any table (taller than ImGui's, bold muted labels on the header colour),
// after TableSetupColumn. Cards have none.
void table_header_row(int columns);
// Starts a row height tall (device pixels); on cards, a new card.
void list_row(float height);
// Moves the cursor down so that content content_h tall sits in the middle of a row row_h tall
// (nothing on cards).
void center_in_row(float row_h, float content_h);
// The whole row as one button under its cells (call in the first column, then draw the cells over
// it); true when clicked. label names the row for the item table ("Ticket 12##row").
bool row_button(const char* label, float row_h);
// What a list shows with nothing in it: a heading and a muted line, top CSS pixels below.
void empty_state(std::string_view heading, std::string_view text, float top = 12);

} // namespace pd::client::ui
