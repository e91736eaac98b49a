// The person's colour-scheme switch (System, Light, Dark), in the account menu of the top bar
// and in the navigation sheet of a narrow layout.
#pragma once

namespace pd::client::views {

// A button reading "Theme: System" that moves to Light, Dark and back to System; width in
// device pixels (0: as wide as its label).
void theme_switch(float width);

} // namespace pd::client::views
