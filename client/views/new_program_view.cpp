// "Create your program": the page a new account lands on, also reached from the program
// switcher ("New program…"). The creator becomes the program's owner.
#include "client/views/views.hpp"

#include "client/views/layout.hpp"

#include <array>

namespace pd::client::views {

namespace {
constexpr std::array<const char*, 10> currencies = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "JPY", "INR", "BRL"};
constexpr std::array<const char*, 10> currency_names = {
    "USD \xE2\x80\x94 US dollar",        "EUR \xE2\x80\x94 Euro",           "GBP \xE2\x80\x94 British pound",
    "CAD \xE2\x80\x94 Canadian dollar",  "AUD \xE2\x80\x94 Australian dollar", "CHF \xE2\x80\x94 Swiss franc",
    "SEK \xE2\x80\x94 Swedish krona",    "JPY \xE2\x80\x94 Japanese yen",   "INR \xE2\x80\x94 Indian rupee",
    "BRL \xE2\x80\x94 Brazilian real"};
} // namespace

void draw_new_program(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.new_program;
  const bool first = !app.me || app.me->memberships.empty();
  begin_centered_card("New program", 480, shell_height(app));
  ui::heading(first ? "Create your program" : "Create another program", 24);
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("A program holds your partner agents, the customers they support and everything they work on. "
                   "You will be its owner and can invite your team next.",
                   ui::color::muted);
  ImGui::Dummy(ui::dp(0, 10));

  bool submit = false;
  ImGui::BeginDisabled(f.sending);
  ui::field_label("Program name");
  bool edited = false;
  submit |= ui::input_text("##Program name", "Acme Analytics", f.name, edited);
  if (edited) dispatch(NewProgramEdited{});
  ui::field_error(f.errors.field("name"));
  ImGui::Dummy(ui::dp(0, 4));

  ui::field_label("Currency");
  ui::text_wrapped("Customer revenue and commissions are kept in this currency.", ui::color::muted);
  std::vector<std::string> labels(currency_names.begin(), currency_names.end());
  int index = -1;
  for (int i = 0; i < static_cast<int>(currencies.size()); ++i)
    if (f.currency == currencies[i]) index = i;
  if (index < 0) {
    labels.push_back(f.currency + " \xE2\x80\x94 other");
    index = static_cast<int>(labels.size()) - 1;
  }
  if (choice("##Currency", labels, index, -FLT_MIN) && index < static_cast<int>(currencies.size())) {
    f.currency = currencies[index];
    dispatch(NewProgramEdited{});
  }
  ui::field_error(f.errors.field("currency"));
  ImGui::EndDisabled();

  if (!f.errors.general.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(f.errors.general);
  }
  ImGui::Dummy(ui::dp(0, 8));
  const char* button = f.sending ? "Creating\xE2\x80\xA6###Create program" : "Create program###Create program";
  if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
  if (submit && !f.sending) dispatch(SubmitNewProgram{});

  ImGui::Dummy(ui::dp(0, 8));
  if (first) {
    ui::text_wrapped("Were you invited to a business's program? Open the invitation link they sent you instead.",
                     ui::color::muted);
  } else if (ui::link("Back to your programs")) {
    dispatch(Navigate{Route{Page::overview}});
  }
  end_centered_card();
}

} // namespace pd::client::views
