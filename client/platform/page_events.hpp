// Page listeners shared by the platform files (not used outside client/platform/).
#pragma once

#include <string>

namespace pd::client::platform {

// Listens for the URL fragment, paste events, and Ctrl/Cmd+V (kept from GLFW until the
// pasted text has arrived). Call before glfwInit.
void install_page_listeners();
bool is_mac();
// The window was resized since the last call (true once at start).
bool take_window_resized();
// Text pasted since the last call.
bool take_paste(std::string& text);
// Remembers text as the clipboard content without writing to the system clipboard.
void set_clipboard_text_local(const char* text);

} // namespace pd::client::platform
