#include "client/views/theme_switch.hpp"

#include "client/platform/theme.hpp"
#include "client/ui/ui.hpp"

#include <string>

namespace pd::client::views {

void theme_switch(float width) {
  const std::string choice = platform::theme_choice();
  const char* label = choice == "light" ? "Theme: Light###Theme" : choice == "dark" ? "Theme: Dark###Theme" : "Theme: System###Theme";
  if (ui::secondary_button(label, ImVec2(width, 0))) {
    // Recoloured before the next frame (client/main.cpp), not in the middle of this one: the
    // style colours pushed by the windows drawn so far would be popped back to the old palette.
    platform::set_theme_choice(choice == "system" ? "light" : choice == "light" ? "dark" : "system");
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("System follows your device's light or dark setting.");
}

} // namespace pd::client::views
