// The home page of the program picked in the switcher: one per kind of role (business
// dashboard, agent workspace, customer portal), naming the person, role and program.
#include "client/views/views.hpp"

#include "client/app/role_text.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"

#include <algorithm>
#include <string>

namespace pd::client::views {

namespace {

// A label/value row in the "signed in as" card.
void fact(const char* label, const std::string& value, float label_w) {
  const float x = ImGui::GetCursorPosX();
  ui::text(label, ui::color::muted);
  ImGui::SameLine(x + label_w);
  ui::FontScope font(ui::fonts().bold, 0.0f);
  ui::text(value);
}

void role_pill(const char* role) {
  ui::FontScope font(ui::fonts().bold, 13);
  const ImVec2 pad = ui::dp(10, 4);
  const ImVec2 t = ImGui::CalcTextSize(role);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(t.x + pad.x * 2, t.y + pad.y * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui::color::accent_soft, size.y * 0.5f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
  ui::text(role, ui::color::accent);
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(size);
}

bool begin_panel(const char* id, float width) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(24, 22));
  const bool open = ImGui::BeginChild(id, ImVec2(width, 0),
                                      ImGuiChildFlags_Borders | ImGuiChildFlags_AutoResizeY |
                                          ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  return open;
}

} // namespace

void draw_home(const AppState& app, UiState& ui_state, Dispatch&) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, std::max(1.0f, vp->WorkSize.y - top)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(32, 36));
  ImGui::Begin("Home", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();

  // A centered column of readable width.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float column = std::min(avail, ui::dp(880));
  const float left = ImGui::GetCursorPosX() + (avail - column) * 0.5f;
  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();

  const api::Membership* m = current_membership(app, ui_state);
  const api::Person& person = app.me->person;
  const std::string name = person.name.empty() ? person.email : person.name;
  if (!m) {
    ui::heading("Welcome, " + name, 30);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PushTextWrapPos(left + column);
    ui::text_wrapped("You are not a member of any program yet. When a business adds you to its partner "
                     "program, it appears here.",
                     ui::color::muted);
    ImGui::PopTextWrapPos();
  } else {
    const auto home = identity::home_for(m->role);
    ui::heading(home_title(home), 30);
    ui::heading(m->program_name, 19, ui::color::accent);
    ImGui::Dummy(ui::dp(0, 10));

    const float gap = ui::dp(20);
    const bool two_columns = column >= ui::dp(640);
    const float first_w = two_columns ? (column - gap) * 0.42f : column;
    const float second_w = two_columns ? column - gap - first_w : column;

    if (begin_panel("Signed in as", first_w)) {
      ui::text("SIGNED IN AS", ui::color::muted);
      ImGui::Dummy(ui::dp(0, 2));
      ui::heading(name, 22);
      ui::text(person.email, ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      role_pill(role_label(m->role));
    }
    ImGui::EndChild();
    if (two_columns) ImGui::SameLine(0, gap);

    if (begin_panel("About this page", second_w)) {
      ui::text("IN THIS PROGRAM", ui::color::muted);
      ImGui::Dummy(ui::dp(0, 2));
      const float label_w = ui::dp(80);
      fact("Program", m->program_name, label_w);
      fact("Role", role_label(m->role), label_w);
      ImGui::Dummy(ui::dp(0, 4));
      ui::text_wrapped(home_summary(home));
    }
    ImGui::EndChild();
  }
  ImGui::EndGroup();
  ImGui::End();
}

} // namespace pd::client::views
