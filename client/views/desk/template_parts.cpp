#include "client/views/desk/template_parts.hpp"

#include "client/testing/item_table.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"
#include "shared/domain/desk/templates.hpp"

#include "imgui_stdlib.h"

#include <imgui.h>

namespace pd::client::views::desk_views {

namespace {

// Puts a template's filled-in text into the draft.
void insert(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const domain::desk::ResponseTemplate& tpl, TicketForms& f) {
  const auto text = domain::desk::fill_template(tpl.text, domain::desk::template_values(s, t, me));
  if (f.reply.empty()) f.reply = text;
  else f.reply += "\n\n" + text;
  f.reply_template = tpl.id;
  f.internal = false;
  f.warned = false;
  f.template_picker_open = false;
}

} // namespace

bool template_picker(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, TicketForms& f) {
  const auto& lib = s.responses;
  if (lib.templates.empty()) return false;
  bool changed = false;
  if (!f.template_picker_open) {
    if (ui::secondary_button("Insert a template (T)")) {
      f.template_picker_open = true;
      f.focus_template_search = true;
    }
    return false;
  }
  ui::begin_tinted(ui::tone::accent);
  ui::text("Response templates", ui::color::muted);
  if (f.focus_template_search) {
    ImGui::SetKeyboardFocusHere();
    f.focus_template_search = false;
  }
  ImGui::SetNextItemWidth(ui::dp(320));
  const bool enter = ImGui::InputTextWithHint("##Template search", "Search the templates", &f.template_query, ImGuiInputTextFlags_EnterReturnsTrue);
  testing::record_value(f.template_query);
  ImGui::SameLine(0, ui::dp(8));
  if (ui::secondary_button("Close##templates") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) f.template_picker_open = false;
  const auto found = domain::desk::search_templates(lib, f.template_query);
  if (found.empty()) ui::text("No template matches.", ui::color::muted);
  for (std::size_t i = 0; i < found.size() && i < 12; ++i) {
    const auto* tpl = found[i];
    ImGui::PushID(static_cast<int>(tpl->id));
    if (ui::link(("Use: " + tpl->name).c_str()) || (enter && i == 0)) {
      insert(s, me, t, *tpl, f);
      changed = true;
    }
    if (!tpl->category.empty()) {
      ImGui::SameLine(0, ui::dp(8));
      ui::text(tpl->category, ui::color::muted);
    }
    ImGui::PopID();
  }
  ui::end_tinted();
  return changed;
}

std::vector<std::string> unfilled_notice(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const TicketForms& f) {
  if (f.reply_template == 0 || f.internal) return {};
  auto left = domain::desk::unfilled_placeholders(s, t, me, f.reply_template, f.reply);
  if (left.empty()) return left;
  ui::begin_tinted(ui::tone::warning);
  ui::text("Fill in or remove these placeholders before sending:", ui::color::error);
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (i > 0) ImGui::SameLine(0, ui::dp(6));
    ui::pill(left[i], ui::tone::danger);
  }
  ui::end_tinted();
  return left;
}

bool trigger_suggestions(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, TicketForms& f) {
  bool changed = false;
  if (!t.triage.retention_trigger.empty()) {
    ui::begin_tinted(ui::tone::warning);
    ui::text_wrapped("Retention workflow first: the customer asked \xE2\x80\x9C" + t.triage.retention_trigger +
                         "\xE2\x80\x9D. Understand what is driving the decision before offering anything.",
                     ui::color::text);
    ui::end_tinted();
  }
  // The customer's latest message.
  const domain::TicketMessage* last = nullptr;
  for (const auto& m : t.messages)
    if (m.kind == domain::MessageKind::reply && m.author_role == identity::Role::customer) last = &m;
  if (!last) return false;
  const auto hits = domain::desk::matching_triggers(s.responses, t.subject + "\n" + last->text);
  for (const auto* hit : hits) {
    ImGui::PushID(hit->phrase.c_str());
    ImGui::AlignTextToFramePadding();
    std::string line = "The customer asks \xE2\x80\x9C" + hit->phrase + "\xE2\x80\x9D";
    if (!hit->hint.empty()) line += ": " + hit->hint;
    ui::text_wrapped(line, ui::color::muted);
    if (const auto* tpl = s.responses.find(hit->template_id)) {
      if (ui::secondary_button(("Use template: " + tpl->name).c_str())) {
        insert(s, me, t, *tpl, f);
        changed = true;
      }
    }
    ImGui::PopID();
  }
  return changed;
}

void heard_guidance(TicketForms& f) {
  if (!ImGui::CollapsingHeader("HEARD and the quality self-check")) return;
  static constexpr const char* heard[] = {
      "Hear: acknowledge what they said (prove you read it)",
      "Empathize: validate their frustration without blame",
      "Act: state what you are doing or have done",
      "Resolve: give the solution or the next step",
      "Delight: add unexpected value (a tip, a shortcut, proactive help)",
  };
  for (const char* line : heard) ui::text_wrapped(line);
  ImGui::Dummy(ui::dp(0, 4));
  ui::text("Before sending (the business scores each 0-2; the target is 8/10 or more):", ui::color::muted);
  static constexpr const char* checks[] = {
      "Personalization: used their name, referenced their situation",
      "Completeness: answered all parts of their message",
      "Clarity: no jargon, one action per step, numbered",
      "Tone match: matched their formality",
      "Proactive value: added something they did not ask for but need",
  };
  for (int i = 0; i < 5; ++i) ImGui::Checkbox(checks[i], &f.self_check[i]);
}

} // namespace pd::client::views::desk_views
