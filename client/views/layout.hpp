// Layout pieces the views share: the centered card of the public pages, the page area of
// program pages (right of the navigation, under the top bar), headers and small helpers.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "client/ui/ui.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pd::client::views {

// [SECTION] Public pages: a card centered on the page (below the top bar when top > 0).
void begin_centered_card(const char* name, float width, float top = 0);
void end_centered_card();
void brand_header(); // the mark, the product name and its tagline
bool centered_link(const char* label); // a link alone on its line, centered in the card

// [SECTION] Program pages
// Opens the "Page" window; false while the program is still loading (a message is drawn
// instead and end_page() must still be called).
bool begin_page(const AppState& app, UiState& ui, Dispatch& dispatch);
void end_page();
// Title (and a muted line under it); the right-hand side can hold buttons placed by the
// caller after calling header_actions_x().
void page_title(std::string_view title, std::string_view subtitle = {});
// A link back to a list ("← Customers").
bool back_link(const char* label);

// [SECTION] Dialogs
// A modal dialog named `name` (opened when not open yet): centered, `width` wide, on a wide
// layout; a full-screen sheet on a phone. True while it is drawn: then call end_dialog() after
// EndPopup(). Always pair with end_dialog_style().
bool begin_dialog(const char* name, float width);
void end_dialog_style();

// [SECTION] Helpers
// A combo of strings; returns true when the choice changed. labels[i] is shown for values[i].
bool choice(const char* id, const std::vector<std::string>& labels, int& index, float width);
// The same combo over the values of an enum: labels[i] is shown for values[i]; `value` is the
// enum field of a form. Returns true when the choice changed.
template <class E>
bool enum_choice(const char* id, const std::vector<std::string>& labels, const std::vector<E>& values, E& value, float width) {
  int index = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) index = static_cast<int>(i);
  if (!choice(id, labels, index, width) || index < 0 || static_cast<std::size_t>(index) >= values.size()) return false;
  value = values[static_cast<std::size_t>(index)];
  return true;
}
// A text field under a label, with the field's server error below it. Returns edited.
bool labeled_input(const char* label, const char* id, const char* hint, std::string& value,
                   const std::string* error, ImGuiInputTextFlags flags = 0);
// A label/value row.
void fact(std::string_view label, std::string_view value, float label_width);
// Two columns side by side when wide enough: the width of one, and whether they fit.
float column_width(float avail, int columns, float gap, float min_width);
// A support form's errors in boxes: the general one, then each field's message.
void form_errors(const SupportForm& form);
// The person's display name.
std::string display_name(const api::Person& p);

inline constexpr float page_max_width = 1180; // CSS pixels

} // namespace pd::client::views
