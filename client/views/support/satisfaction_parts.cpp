#include "client/views/support/satisfaction_parts.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/platform/browser.hpp"
#include "client/views/layout.hpp"

#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "imgui_stdlib.h"

namespace pd::client::views {

void nps_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  const auto* cust = s.customer_of_person(my_id(app));
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  if (!cust || domain::nps_refusal(s, cust->id, now)) return;
  auto& f = ui_state.nps;
  const auto& form = ui_state.form(FormId::nps);
  if (ui::begin_card("nps-card", width)) {
    ui::heading("How likely are you to recommend " + s.name + " to a friend or colleague?", 16);
    ui::text("0 is not at all likely, 10 is extremely likely.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    // One row of eleven where they fit at a comfortable size; 0-5 and 6-10 on a phone.
    const float gap = ui::dp(6);
    const float avail = ImGui::GetContentRegionAvail().x;
    const int per_row = (avail - gap * 10) / 11 >= ui::dp(34) ? 11 : 6;
    const float button = std::min(ui::dp(44), (avail - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row));
    for (int i = 0; i <= 10; ++i) {
      if (i % per_row != 0) ImGui::SameLine(0, gap);
      const std::string label = std::to_string(i) + "##nps";
      const bool chosen = f.score == i;
      if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ui::color::accent_soft);
      if (ImGui::Button(label.c_str(), ImVec2(button, ui::tap_height(ui::dp(36))))) f.score = i;
      if (chosen) ImGui::PopStyleColor();
    }
    ImGui::Dummy(ui::dp(0, 4));
    bool edited = false;
    ui::field_label("What is the main reason for your score? (optional)");
    ui::input_text("##NPS comment", "", f.comment, edited);
    if (const auto* e = form.errors.field("data.score")) ui::field_error(e);
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    ImGui::Dummy(ui::dp(0, 4));
    const auto footer = ui::form_footer("Send", "Sending\xE2\x80\xA6", form.sending, f.score >= 0, "Not now", "nps");
    if (footer.submit) dispatch(SendCommand{FormId::nps, domain::AnswerNps{f.score, f.comment}});
    if (footer.cancel && !form.sending) dispatch(SendCommand{FormId::nps, domain::AnswerNps{-1, ""}});
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

void red_flags_card(const domain::ProgramState& s, float width, Dispatch& dispatch) {
  const auto active = domain::active_red_flags(s);
  if (ui::begin_card("red-flags", width)) {
    ui::heading("Red flags", 16);
    if (active.empty()) ui::text("None now: CSAT, first responses, reopens, repeat customers and NPS answers are within the thresholds.", ui::color::muted);
    for (const auto* f : active) {
      ImGui::PushID(f->key.c_str());
      ImGui::Dummy(ui::dp(0, 4));
      ui::dot(ui::color::error);
      ImGui::SameLine(0, ui::dp(6));
      {
        ui::FontScope font(ui::fonts().bold, 14.5f);
        ui::text(domain::red_flag_title(f->kind), ui::color::error);
      }
      ui::text_wrapped(f->evidence);
      ui::text_wrapped("Suggested: " + f->action, ui::color::muted);
      int shown = 0;
      for (auto id : f->tickets) {
        if (shown++ >= 8) break;
        if (shown > 1) ImGui::SameLine(0, ui::dp(8));
        const std::string label = "#" + std::to_string(id) + "##flag";
        if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, id)});
      }
      if (f->customer_id != 0) {
        if (shown > 0) ImGui::SameLine(0, ui::dp(12));
        if (ui::link("Open the customer##flag")) dispatch(Navigate{program_route(Page::customer, s.id, f->customer_id)});
      }
      ImGui::PopID();
    }
    const auto cleared = s.red_flags.size() - active.size();
    if (cleared > 0) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::text(std::to_string(cleared) + " earlier red flag" + (cleared == 1 ? " was" : "s were") + " cleared; the history is kept.", ui::color::muted);
    }
  }
  ui::end_card();
}

void quality_settings_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.quality;
  if (!f.edited) f.fields = s.quality;
  const auto& form = ui_state.form(FormId::quality);
  const bool can_edit = allowed(app, domain::Action::manage_support_settings);
  struct Field {
    const char* label;
    int* value;
    const char* key;
  };
  auto& q = f.fields;
  const Field fields[] = {
      {"Ask the NPS question at most once in (days)", &q.nps_period_days, "nps_period_days"},
      {"CSAT floor, in tenths (40 is 4.0)", &q.csat_floor_tenths, "csat_floor_tenths"},
      {"... from at least this many ratings in 4 weeks", &q.csat_min_ratings, "csat_min_ratings"},
      {"First response unanswered beyond (% of its window)", &q.response_factor_percent, "response_factor_percent"},
      {"Reopen rate above (%)", &q.reopen_max_percent, "reopen_max_percent"},
      {"... of at least this many resolved tickets in 4 weeks", &q.reopen_min_resolved, "reopen_min_resolved"},
      {"The same customer with this many tickets", &q.repeat_tickets, "repeat_tickets"},
      {"... within (days)", &q.repeat_days, "repeat_days"},
  };
  if (ui::begin_card("quality-settings", width)) {
    ui::heading("Red flags and the NPS survey", 16);
    ui::text_wrapped("When the support overview raises a red flag, and how often customers are asked how likely they are to recommend " +
                         s.name + ".",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::BeginDisabled(!can_edit || form.sending);
    for (const auto& field : fields) {
      ui::field_label(field.label);
      ImGui::SetNextItemWidth(ui::dp(140));
      if (ImGui::InputInt((std::string("##") + field.key).c_str(), field.value, 1, 10)) f.edited = true;
      ui::field_error(form.errors.field(std::string("data.settings.") + field.key));
    }
    ImGui::EndDisabled();
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    if (can_edit) {
      ImGui::Dummy(ui::dp(0, 4));
      const auto footer = ui::form_footer("Save thresholds", "Saving\xE2\x80\xA6", form.sending, f.edited, "Undo", "quality");
      if (footer.submit) dispatch(SendCommand{FormId::quality, domain::ChangeQualitySettings{q}});
      if (footer.cancel) f.edited = false;
    }
  }
  ui::end_card();
}

namespace {

// The words comma-separated, a new line before the one that would pass `per_line` bytes (the
// field does not wrap text itself).
std::string joined_words(const std::vector<std::string>& words, std::size_t per_line) {
  std::string out;
  std::size_t line = 0;
  for (const auto& w : words) {
    if (!out.empty()) {
      out += line + 2 + w.size() > per_line ? ",\n" : ", ";
      line = out.back() == '\n' ? 0 : line + 2;
    }
    out += w;
    line += w.size();
  }
  return out;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (c == ',' || c == '\n') {
      const auto b = word.find_first_not_of(' '), e = word.find_last_not_of(' ');
      if (b != std::string::npos) out.push_back(word.substr(b, e - b + 1));
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

} // namespace

void mention_words_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.mention_words;
  const float field_w = std::min(width - ui::dp(48), ui::dp(560));
  if (!f.edited) {
    const auto per_line = static_cast<std::size_t>(std::max(20.0f, (field_w - ui::dp(16)) / (ImGui::CalcTextSize("abcdefghij").x / 10.0f)));
    f.rows.clear();
    for (const auto& l : s.mention_lists) f.rows.push_back({l.language, joined_words(l.positive, per_line), joined_words(l.negative, per_line)});
  }
  const auto& form = ui_state.form(FormId::mention_words);
  const bool can_edit = allowed(app, domain::Action::manage_support_settings);
  if (ui::begin_card("mention-words", width)) {
    ui::heading("Positive and negative mentions", 16);
    ui::text_wrapped("A customer message or rating comment holding one of these words is a mention in the metrics. Separate words by "
                     "commas; thank* matches every word that begins with thank.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::BeginDisabled(!can_edit || form.sending);
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < f.rows.size(); ++i) {
      auto& row = f.rows[i];
      ImGui::PushID(static_cast<int>(i));
      const auto at = "data.lists[" + std::to_string(i) + "]";
      ImGui::Separator();
      ui::field_label("Language");
      ImGui::SetNextItemWidth(ui::dp(90));
      if (ImGui::InputText(("##Mention language " + std::to_string(i)).c_str(), &row.language)) f.edited = true;
      testing::record_value(row.language);
      if (can_edit) {
        ImGui::SameLine(0, ui::dp(10));
        if (ui::link(("Remove " + (row.language.empty() ? std::string("this language") : row.language) + "##mention-remove").c_str())) remove = i;
      }
      ui::field_error(form.errors.field(at + ".language"));
      ui::field_label("Positive words");
      if (ImGui::InputTextMultiline(("##Positive words " + std::to_string(i)).c_str(), &row.positive, ImVec2(field_w, ui::dp(76))))
        f.edited = true;
      testing::record_value(row.positive);
      for (const auto& [field, message] : form.errors.fields)
        if (field.rfind(at + ".positive", 0) == 0) ui::field_error(&message);
      ui::field_label("Negative words");
      if (ImGui::InputTextMultiline(("##Negative words " + std::to_string(i)).c_str(), &row.negative, ImVec2(field_w, ui::dp(76))))
        f.edited = true;
      testing::record_value(row.negative);
      for (const auto& [field, message] : form.errors.fields)
        if (field.rfind(at + ".negative", 0) == 0) ui::field_error(&message);
      ImGui::PopID();
    }
    if (remove) {
      f.rows.erase(f.rows.begin() + static_cast<std::ptrdiff_t>(*remove));
      f.edited = true;
    }
    if (can_edit && f.rows.size() < domain::max_mention_languages && ui::secondary_button("Add a language")) {
      f.rows.push_back({"", "", ""});
      f.edited = true;
    }
    ImGui::EndDisabled();
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    if (can_edit) {
      ImGui::Dummy(ui::dp(0, 4));
      const auto footer = ui::form_footer("Save words", "Saving\xE2\x80\xA6", form.sending, f.edited, "Undo", "mention-words");
      if (footer.submit) {
        domain::ChangeMentionWords c;
        for (const auto& row : f.rows) c.lists.push_back({row.language, split_words(row.positive), split_words(row.negative)});
        dispatch(SendCommand{FormId::mention_words, std::move(c)});
      }
      if (footer.cancel) f.edited = false;
    }
  }
  ui::end_card();
}

} // namespace pd::client::views
