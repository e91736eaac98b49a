// The person's colour scheme: "system" (the default: follows prefers-color-scheme, also when it
// changes while the page is open), "light" or "dark", kept in localStorage (partnerdesk.theme).
#pragma once

#include <string>
#include <string_view>

namespace pd::client::platform {

std::string theme_choice();                    // "system", "light" or "dark"
void set_theme_choice(std::string_view choice); // anything else is taken as "system"
// Whether the page is drawn dark now (the choice, or the system's scheme for "system"). Also
// keeps the page around the canvas (web/style.css: html.dark, color-scheme) in step.
bool theme_dark();

} // namespace pd::client::platform
