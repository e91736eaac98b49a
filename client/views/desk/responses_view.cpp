// The business's response library and triage lists (#/p/{id}/settings/responses), reached from
// Settings and from the Routing page. Three cards:
//   Product areas: the list agents triage tickets into, in its order; saved whole (SetProductAreas).
//   Response templates: what agents start a reply from, searched with the shared
//     search_templates(); one template at a time in the editor (SaveResponseTemplate, template_id 0
//     for a new one), removed after a confirm (RemoveResponseTemplate). Beside the text, the
//     fields a placeholder may name (desk::template_fields) and, as they are typed, the unknown
//     ones (desk::unknown_placeholders, the check saving runs).
//   Canned triggers: phrases in a customer's message that show the agent a hint and suggest a
//     template, one of them starting the retention workflow first; saved whole (SetCannedTriggers).
// Owners and admins edit (Action::manage_support_settings, as decide_responses.cpp checks); other
// business members read it; agents and customers never reach it (selectors.cpp page_allowed).
// Server errors name fields as "product_areas[1]", "text", "triggers[0].phrase" (the store drops
// "data."), each shown under its field.
#include "client/views/views.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "shared/domain/desk/templates.hpp"

#include "imgui_internal.h" // ImGui::ScrollToItem
#include "imgui_stdlib.h"

#include <algorithm>
#include <optional>

namespace pd::client::views {

namespace responses_page { // named: the unity build puts neighbouring views in one unit

namespace desk = domain::desk;

// What every card of the page reads.
struct ResponsesPage {
  const domain::ProgramState& s;
  UiState& uis;
  ResponsesForm& f;
  Dispatch& dispatch;
  float avail; // the column
  float inner; // inside a card's padding
  bool can_edit;
};

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A template's first line, cut at about 90 bytes (on a character's boundary). A greeting alone on
// its line ("Hi [Name],", which every template of the seed starts with) tells templates apart no
// better than a blank one: the line after it is shown instead.
std::string first_line(const std::string& text) {
  std::string line;
  for (std::size_t from = 0; from < text.size();) {
    const auto end = std::min(text.find('\n', from), text.size());
    line = trimmed(text.substr(from, end - from));
    from = end + 1;
    const bool greeting = !line.empty() && line.back() == ',' && line.size() < 40 &&
                          (line.rfind("Hi ", 0) == 0 || line.rfind("Hello ", 0) == 0 || line.rfind("Dear ", 0) == 0);
    if (!line.empty() && !greeting) break;
  }
  constexpr std::size_t most = 90;
  if (line.size() <= most) return line;
  std::size_t cut = most;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "\xE2\x80\xA6";
}

float button_width(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  return ImGui::CalcTextSize(label, end).x + ImGui::GetStyle().FramePadding.x * 2;
}

// A text field of the given width, its border red while the server finds fault with it.
bool field(const std::string& id, const char* hint, std::string& value, const std::string* error, float width) {
  bool edited = false;
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, ui::color::error);
  const bool enter = ui::input_text(id.c_str(), hint, value, edited, 0, width);
  if (error) ImGui::PopStyleColor();
  return enter;
}

enum class FooterChoice { none, save, discard };

// Under a card saved whole: the server's messages, what the last save did or that there are
// unsaved changes, then Save and Discard changes (editors only).
FooterChoice save_footer(const char* save, const SupportForm& form, bool dirty, const std::string& notice, bool can_edit) {
  ImGui::Dummy(ui::dp(0, 4));
  if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  for (const auto& [name, message] : form.errors.fields) ui::error_box("Not saved: " + message);
  if (!notice.empty() && !dirty) ui::message_box(notice, ui::tone::success);
  else if (dirty && !form.sending && can_edit) ui::message_box("You have unsaved changes.", ui::tone::warning);
  if (!can_edit) return FooterChoice::none;
  auto choice_made = FooterChoice::none;
  const std::string label = (form.sending ? std::string("Saving\xE2\x80\xA6") : std::string(save)) + "###" + save;
  if (ui::primary_button(label.c_str(), ImVec2(0, ui::dp(40)), dirty && !form.sending)) choice_made = FooterChoice::save;
  ImGui::SameLine(0, ui::dp(8));
  ImGui::BeginDisabled(!dirty || form.sending);
  if (ui::secondary_button((std::string("Discard changes##") + save).c_str(), ImVec2(0, ui::dp(40)))) choice_made = FooterChoice::discard;
  ImGui::EndDisabled();
  return choice_made;
}

// [SECTION] Product areas
void areas_card(const ResponsesPage& p) {
  auto& f = p.f;
  const auto& form = p.uis.form(FormId::product_areas);
  const auto& e = form.errors;
  if (ui::begin_card("areas", p.avail)) {
    ui::heading("Product areas", 17);
    ui::text_wrapped("The parts of your product a ticket can be about, in the order agents see them in the triage checklist.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::BeginDisabled(!p.can_edit || form.sending);
    if (f.areas.empty()) ui::text_wrapped("No product areas yet: the triage checklist offers none.", ui::color::muted);
    std::optional<std::size_t> remove;
    const float remove_w = p.can_edit ? button_width("Remove") + ui::dp(6) : 0;
    for (std::size_t i = 0; i < f.areas.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const std::string n = std::to_string(i + 1);
      const auto* error = e.field("product_areas[" + std::to_string(i) + "]");
      field("##Product area " + n, "Reports", f.areas[i], error, p.inner - remove_w);
      if (p.can_edit) {
        ImGui::SameLine(0, ui::dp(6));
        if (ui::secondary_button(("Remove##area " + n).c_str())) remove = i;
      }
      ui::field_error(error);
      ImGui::PopID();
    }
    if (remove) f.areas.erase(f.areas.begin() + static_cast<std::ptrdiff_t>(*remove));
    ui::field_error(e.field("product_areas"));
    if (p.can_edit && f.areas.size() < desk::max_product_areas) {
      ImGui::Dummy(ui::dp(0, 2));
      const float add_w = button_width("Add area") + ui::dp(6);
      const bool enter = field("##New product area", "Another product area", f.new_area, nullptr, p.inner - add_w);
      ImGui::SameLine(0, ui::dp(6));
      if ((ui::secondary_button("Add area") || enter) && !trimmed(f.new_area).empty()) {
        f.areas.push_back(trimmed(f.new_area));
        f.new_area.clear();
      }
    }
    ImGui::EndDisabled();
    switch (save_footer("Save product areas", form, f.areas_dirty(), f.areas_notice, p.can_edit)) {
    case FooterChoice::save: p.dispatch(SendCommand{FormId::product_areas, domain::SetProductAreas{f.areas}}); break;
    case FooterChoice::discard: f.areas = f.areas_base; break;
    case FooterChoice::none: break;
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// [SECTION] Response templates
void open_editor(const ResponsesPage& p, const desk::ResponseTemplate* t) {
  auto& f = p.f;
  f.editor_open = true;
  f.editor_scroll = true;
  f.editing = t ? t->id : 0;
  f.name = t ? t->name : std::string();
  f.category = t ? t->category : std::string();
  f.text = t ? t->text : std::string();
  f.confirm_remove = 0;
  f.template_notice.clear();
  p.uis.support_forms.erase(FormId::response_template); // the last template's errors are not this one's
}

// The fields a placeholder may name: a column beside the text, or a wrapped line on a phone.
void field_list(bool column) {
  ui::field_label("Fields the desk fills in");
  for (std::size_t i = 0; i < desk::template_fields.size(); ++i) {
    const std::string spelled = std::string("[") + desk::template_fields[i] + "]";
    if (!column && i > 0) ImGui::SameLine(0, ui::dp(10));
    ui::text(spelled, ui::color::muted);
  }
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("Words with a space, such as [specific issue], are left for the agent to write.", ui::color::muted);
}

// The text, with the unknown placeholders it holds as it is typed.
void template_text(const ResponsesPage& p, const std::string* error, float height) {
  auto& f = p.f;
  ui::field_label("Text");
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, ui::color::error);
  ImGui::InputTextMultiline("##Template text", &f.text, ImVec2(-FLT_MIN, height));
  testing::record_value(f.text);
  if (error) ImGui::PopStyleColor();
  ui::field_error(error);
  const auto unknown = desk::unknown_placeholders(f.text);
  if (unknown.empty()) return;
  ImGui::Dummy(ui::dp(0, 2));
  ui::text(unknown.size() == 1 ? "Not a field the desk fills in:" : "Not fields the desk fills in:", ui::color::error);
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    ImGui::SameLine(0, ui::dp(6));
    ui::pill(unknown[i], ui::tone::danger);
  }
  ui::text_wrapped("Use one of the fields, or say in words what the agent should write ([the coupon code]).", ui::color::muted);
}

void template_editor(const ResponsesPage& p) {
  auto& f = p.f;
  const auto& form = p.uis.form(FormId::response_template);
  const auto& e = form.errors;
  const desk::ResponseTemplate* before = f.editing ? p.s.responses.find(f.editing) : nullptr;
  ui::begin_tinted(ui::tone::neutral);
  const float w = p.inner - ui::dp(28); // inside the tinted panel's padding
  ui::heading(f.editing ? (p.can_edit ? "Edit template" : "Template") : "New template", 16);
  if (f.editor_scroll) {
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    f.editor_scroll = false;
  }
  if (f.editing && !before) ui::message_box("This template was removed. Saving adds nothing; close the editor.", ui::tone::warning);
  ImGui::Dummy(ui::dp(0, 2));
  ImGui::BeginDisabled(!p.can_edit || form.sending);
  ui::field_label("Name");
  field("##Template name", "First response: password reset", f.name, e.field("name"), w);
  ui::field_error(e.field("name"));
  ImGui::Dummy(ui::dp(0, 2));
  ui::field_label("Category");
  std::vector<std::string> labels{"Any"};
  for (auto c : domain::all_categories) labels.emplace_back(domain::to_string(c));
  int index = 0;
  for (std::size_t i = 1; i < labels.size(); ++i)
    if (labels[i] == f.category) index = static_cast<int>(i);
  if (choice("##Template category", labels, index, ui::narrow() ? w : std::min(ui::dp(260), w)))
    f.category = index <= 0 ? std::string() : labels[static_cast<std::size_t>(index)];
  ui::field_error(e.field("category"));
  ImGui::Dummy(ui::dp(0, 2));
  // The text, and beside it (under it on a phone) the fields a placeholder may name. Each in a
  // column of its own, so that messages wrap inside it.
  const float list_w = ui::dp(200), gap = ui::dp(16);
  const bool side = !ui::narrow() && w - list_w - gap >= ui::dp(360);
  if (side) {
    ui::begin_column("template-text", w - list_w - gap);
    template_text(p, e.field("text"), ui::dp(330));
    ui::end_column();
    ImGui::SameLine(0, gap);
    ui::begin_column("template-fields", list_w);
    field_list(true);
    ui::end_column();
  } else {
    ui::begin_column("template-text", w);
    template_text(p, e.field("text"), ui::dp(240));
    ImGui::Dummy(ui::dp(0, 4));
    field_list(false);
    ui::end_column();
  }
  ImGui::EndDisabled();
  ImGui::Dummy(ui::dp(0, 4));
  if (!e.general.empty()) ui::error_box(e.general);
  if (const auto* other = e.field("template_id")) ui::error_box(*other);
  if (p.can_edit) {
    const char* label = form.sending ? "Saving\xE2\x80\xA6###Save template" : "Save template###Save template";
    if (ui::primary_button(label, ImVec2(0, ui::dp(40)), !form.sending && (before || !f.editing)))
      p.dispatch(SendCommand{FormId::response_template, domain::SaveResponseTemplate{f.editing, f.name, f.category, f.text}});
    ImGui::SameLine(0, ui::dp(8));
  }
  if (ui::secondary_button("Close editor", ImVec2(0, ui::dp(40)))) {
    f.editor_open = false;
    f.editing = 0;
    p.uis.support_forms.erase(FormId::response_template);
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 8));
}

// One template's buttons in the list: Edit (View for readers) and Remove, which asks first.
void template_actions(const ResponsesPage& p, const desk::ResponseTemplate& t) {
  auto& f = p.f;
  const std::string id = std::to_string(t.id);
  if (f.confirm_remove == t.id) {
    const bool sending = p.uis.form(FormId::remove_template).sending;
    if (ui::danger_button(("Yes, remove##template " + id).c_str(), ImVec2(0, 0), !sending))
      p.dispatch(SendCommand{FormId::remove_template, domain::RemoveResponseTemplate{t.id}});
    ImGui::SameLine(0, ui::dp(6));
    if (ui::secondary_button(("Keep##template " + id).c_str())) f.confirm_remove = 0;
    return;
  }
  if (ui::secondary_button(((p.can_edit ? "Edit##template " : "View##template ") + id).c_str())) open_editor(p, &t);
  if (p.can_edit) {
    ImGui::SameLine(0, ui::dp(6));
    if (ui::secondary_button(("Remove##template " + id).c_str())) {
      f.confirm_remove = t.id;
      f.template_notice.clear();
      p.uis.support_forms.erase(FormId::remove_template);
    }
  }
}

void template_list(const ResponsesPage& p) {
  const auto& lib = p.s.responses;
  const auto found = desk::search_templates(lib, p.f.query);
  if (lib.templates.empty()) {
    ui::empty_state("No templates", "Agents write every reply from scratch.");
    return;
  }
  if (found.empty()) {
    ui::text("No template matches.", ui::color::muted);
    return;
  }
  if (!ui::begin_list_table("##Templates", 4)) return;
  ui::list_column("Name", ImGuiTableColumnFlags_WidthStretch, 1.3f, 0, ui::CardPart::title);
  ui::list_column("Category", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ui::list_column("First line", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ui::list_column("", ImGuiTableColumnFlags_WidthStretch, 1.2f, 0, ui::CardPart::plain);
  ui::table_header_row(4);
  for (const auto* t : found) {
    ImGui::PushID(static_cast<int>(t->id));
    ui::list_row(ui::dp(44));
    if (ui::list_cell(0)) ui::text_wrapped(t->name);
    if (ui::list_cell(1)) ui::text(t->category.empty() ? "Any" : t->category, ui::color::muted);
    if (ui::list_cell(2)) ui::text_wrapped(first_line(t->text), ui::color::muted);
    if (ui::list_cell(3)) template_actions(p, *t);
    ImGui::PopID();
  }
  ui::end_list_table();
}

void templates_card(const ResponsesPage& p) {
  auto& f = p.f;
  const auto& removing = p.uis.form(FormId::remove_template);
  if (ui::begin_card("templates", p.avail)) {
    ui::heading("Response templates", 17);
    ui::text_wrapped("What agents start a reply from (Insert a template, under the ticket's reply box). Placeholders in square "
                     "brackets are filled in from the ticket, or tell the agent what to write.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (f.editor_open) template_editor(p);
    if (!f.template_notice.empty()) ui::message_box(f.template_notice, ui::tone::success);
    if (!removing.errors.general.empty()) ui::error_box(removing.errors.general);
    for (const auto& [name, message] : removing.errors.fields) ui::error_box("Not removed: " + message);
    const float new_w = p.can_edit ? button_width("New template") + ui::dp(8) : 0;
    bool edited = false;
    ui::input_text("##Search templates", "Search the templates", f.query, edited, 0, std::min(ui::dp(360), p.inner - new_w));
    if (p.can_edit) {
      ImGui::SameLine(0, ui::dp(8));
      ImGui::BeginDisabled(f.editor_open && f.editing == 0);
      if (ui::secondary_button("New template")) open_editor(p, nullptr);
      ImGui::EndDisabled();
    }
    ImGui::Dummy(ui::dp(0, 4));
    template_list(p);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// [SECTION] Canned triggers
void trigger_row(const ResponsesPage& p, std::size_t i, const std::vector<std::string>& labels,
                 const std::vector<desk::TemplateId>& ids, bool& remove) {
  auto& t = p.f.triggers[i];
  const auto& e = p.uis.form(FormId::canned_triggers).errors;
  const std::string n = std::to_string(i + 1);
  const std::string at = "triggers[" + std::to_string(i) + "]";
  ImGui::PushID(static_cast<int>(i));
  ui::begin_tinted(ui::tone::neutral);
  const float w = p.inner - ui::dp(28);
  const float gap = ui::dp(12);
  const float col = column_width(w, 2, gap, ui::dp(260));
  const bool two = col < w;
  const float x0 = ImGui::GetCursorPosX();
  int index = 0;
  for (std::size_t k = 1; k < ids.size(); ++k)
    if (ids[k] == t.template_id) index = static_cast<int>(k);
  const auto* phrase_error = e.field(at + ".phrase");
  if (two) {
    ui::field_label("The customer says");
    ImGui::SameLine();
    ImGui::SetCursorPosX(x0 + col + gap);
    ui::field_label("Suggests");
  } else {
    ui::field_label("The customer says");
  }
  field("##Trigger phrase " + n, "Where's my refund?", t.phrase, phrase_error, col);
  if (two) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(x0 + col + gap);
  } else {
    ui::field_error(phrase_error);
    ui::field_label("Suggests");
  }
  if (choice(("##Trigger template " + n).c_str(), labels, index, col)) t.template_id = ids[static_cast<std::size_t>(std::max(index, 0))];
  if (two) ui::field_error(phrase_error);
  ui::field_error(e.field(at + ".template_id"));
  ImGui::Dummy(ui::dp(0, 2));
  ui::field_label("Hint for the agent");
  const auto* hint_error = e.field(at + ".hint");
  field("##Trigger hint " + n, "Check the payment processor and give the exact date.", t.hint, hint_error, w);
  ui::field_error(hint_error);
  ImGui::Dummy(ui::dp(0, 2));
  ImGui::Checkbox(("Starts the retention workflow first##trigger " + n).c_str(), &t.starts_retention);
  if (p.can_edit) {
    ImGui::SameLine(0, ui::dp(16));
    if (ui::secondary_button(("Remove##trigger " + n).c_str())) remove = true;
  }
  ui::field_error(e.field(at));
  ui::end_tinted();
  ImGui::PopID();
}

void triggers_card(const ResponsesPage& p) {
  auto& f = p.f;
  const auto& form = p.uis.form(FormId::canned_triggers);
  if (ui::begin_card("triggers", p.avail)) {
    ui::heading("Canned-response triggers", 17);
    ui::text_wrapped("When a customer's message holds one of these phrases (ignoring case and punctuation), the agent sees the hint and "
                     "the template it suggests above the reply box. A trigger can start the retention workflow first.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    std::vector<std::string> labels{"No template"};
    std::vector<desk::TemplateId> ids{0};
    for (const auto& t : p.s.responses.templates) labels.push_back(t.name), ids.push_back(t.id);
    ImGui::BeginDisabled(!p.can_edit || form.sending);
    if (f.triggers.empty()) ui::text_wrapped("No triggers: agents are shown no suggestion.", ui::color::muted);
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < f.triggers.size(); ++i) {
      bool r = false;
      trigger_row(p, i, labels, ids, r);
      if (r) remove = i;
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (remove) f.triggers.erase(f.triggers.begin() + static_cast<std::ptrdiff_t>(*remove));
    ui::field_error(form.errors.field("triggers"));
    if (p.can_edit && f.triggers.size() < desk::max_triggers && ui::secondary_button("Add trigger")) f.triggers.emplace_back();
    ImGui::EndDisabled();
    switch (save_footer("Save triggers", form, f.triggers_dirty(), f.triggers_notice, p.can_edit)) {
    case FooterChoice::save: p.dispatch(SendCommand{FormId::canned_triggers, domain::SetCannedTriggers{f.triggers}}); break;
    case FooterChoice::discard: f.triggers = f.triggers_base; break;
    case FooterChoice::none: break;
    }
  }
  ui::end_card();
}

} // namespace responses_page

void draw_responses(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch)) {
    end_page();
    return;
  }
  const auto& s = *program_state(app);
  auto& f = ui_state.responses;
  const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(900));
  ui::begin_column("responses-page", avail);
  if (back_link("Settings")) dispatch(Navigate{program_route(Page::settings, s.id)});
  page_title("Responses and triage", "The product areas, response templates and canned triggers agents work with.");
  if (!identity::is_business_role(current_role(app, ui_state))) {
    ui::message_box("Only the business sees this page.", ui::tone::neutral);
  } else if (f.ready && f.program_id == s.id) {
    const bool can_edit = allowed(app, domain::Action::manage_support_settings);
    if (!can_edit) {
      ui::message_box("Only the program's owners and admins can change the product areas, templates and triggers.", ui::tone::neutral);
      ImGui::Dummy(ui::dp(0, 6));
    }
    const responses_page::ResponsesPage p{s, ui_state, f, dispatch, avail, avail - ui::dp(48), can_edit};
    responses_page::areas_card(p);
    responses_page::templates_card(p);
    responses_page::triggers_card(p);
  }
  ImGui::Dummy(ui::dp(0, 20));
  ui::end_column();
  end_page();
}

} // namespace pd::client::views
