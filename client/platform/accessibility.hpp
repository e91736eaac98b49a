// The page's accessibility tree. The dashboard is drawn on a canvas, which a screen reader
// sees as one picture; after each drawn frame that changed what is on screen, the item table
// (client/testing) is mirrored into transparent DOM elements laid over the canvas at the
// items' places: buttons, checkboxes, fields with their values, text, the navigation, the
// page, dialogs, and a live region that announces toasts. The elements never take the
// mouse (pointer-events: none), so a touch screen reader's double tap lands on the canvas
// under them; activating one from a screen reader's browse mode clicks its item. When the
// keyboard moves ImGui's focus, the browser's focus follows to the matching element, so a
// screen reader says where the focus is.
#pragma once

namespace pd::client::platform {

// Installs the tree's root and live region in the page.
void install_accessibility_tree();
// Mirrors the last drawn frame if it differs from what the tree shows (call after a frame).
void update_accessibility_tree();

} // namespace pd::client::platform
