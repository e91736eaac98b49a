// Real text entry. While an ImGui text field is being edited, a DOM input of the matching kind
// (textarea for a multiline field, type password for a password) has the browser's focus and
// mirrors the field both ways: its value, selection and caret. The DOM element is where text
// arrives (typing, a phone's on-screen keyboard, IME composition, dictation, autocorrect, paste),
// so each character reaches ImGui exactly once; Tab, Escape and Enter (Enter only in a single-line
// field, or with Ctrl/Cmd) still go to ImGui through GLFW. The element is invisible and placed at
// the caret, where the IME shows its candidates.
//
// Sign-in and sign-up are also real HTML <form>s laid over the ImGui card (invisible, so the
// person sees one form): their inputs carry autocomplete="username", "current-password",
// "new-password" (or "one-time-code") so that password managers fill them and offer to save them.
#pragma once

#include <string>

namespace pd::client::platform {

// What a text field holds: the DOM input's type, inputmode and autocomplete follow it.
enum class FieldKind { text, email, username, current_password, new_password, one_time_code, name };

// Installs the page listeners. Call before open_window(): the key listener must run before
// GLFW's (and the page's paste shortcut) to keep keys typed into the DOM element from them.
void install_text_input();
// Before each frame: what was typed into the DOM element goes into ImGui's active field. True
// when something changed (a frame should be drawn).
bool text_input_before_frame();
// After each frame: the DOM element follows the active field (which element, focus, value,
// selection, place); forms not drawn in this frame are removed from the page.
void text_input_after_frame();

// Views: the kind of the text field just drawn, when it is not plain text (an email, a code).
void text_field_kind(FieldKind kind);

// A real HTML form around ImGui fields, drawn every frame the ImGui form is:
//   form_begin("signin");
//   ui::input_text("##Email", ...);    if (form_field(FieldKind::username, email)) ...
//   ui::input_text("##Password", ...); if (form_field(FieldKind::current_password, password)) ...
//   primary_button("Sign in", ...);    form_submit_button("Sign in");
//   if (form_end(submitted_in_imgui)) ...   // the page submitted it
// form_field follows the ImGui field just drawn; true when the page changed its value (a
// password manager filled it), which is then in value. form_end tells the browser when the app
// submitted the form (so a password manager offers to save) and returns true when the page
// submitted it (a password manager, the Enter key of the DOM form, its button).
void form_begin(const char* name);
bool form_field(FieldKind kind, std::string& value);
void form_submit_button(const char* label);
// The account's email in a form without a field for it (joining with an invitation).
void form_username(const std::string& email);
bool form_end(bool submitted_in_app);

} // namespace pd::client::platform
