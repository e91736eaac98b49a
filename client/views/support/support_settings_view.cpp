// The program's support settings (#/p/{id}/settings/support): SLA tiers with their calendars,
// which tier each customer segment gets, the priority matrix, reopen / auto-escalation /
// follow-up rules, the attachment size limit and the restricted topics. Owners and admins edit
// (Action::manage_support_settings) and save the whole object with ChangeSupportSettings; other
// business members see it read-only. Server errors name fields as "settings.tiers[0]...".
#include "client/views/views.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "client/views/program/privacy_parts.hpp"
#include "client/views/support/retention_parts.hpp"
#include "client/views/support/satisfaction_parts.hpp"
#include "client/views/support/held_mail_parts.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace pd::client::views {

namespace {

const char* const weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// Server errors name fields by their wire path, "data.settings.tiers[0].first_response_minutes"
// (the store drops "data."), restricted topics' too: "settings.restricted_topics[0].name".
const std::string* err(const FormErrors& e, const std::string& field) { return e.field("settings." + field); }
std::string topic_field(std::size_t i, const std::string& rest) {
  return "restricted_topics[" + std::to_string(i) + "]" + (rest.empty() ? "" : "." + rest);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

// "9:30", "09:30", "24:00" -> minutes of the day; -1 when not a time.
int parse_hhmm(const std::string& s) {
  int h = 0, m = 0;
  char c = 0;
  if (std::sscanf(s.c_str(), "%d%c%d", &h, &c, &m) != 3 || c != ':' || h < 0 || m < 0 || m > 59 || h * 60 + m > 1440)
    return -1;
  return h * 60 + m;
}

// A key not used yet: base-1, base-2, ...
template <class List, class KeyOf> std::string fresh_key(const std::string& base, const List& list, KeyOf key_of) {
  for (int i = 1;; ++i) {
    std::string k = base + "-" + std::to_string(i);
    if (std::none_of(list.begin(), list.end(), [&](const auto& x) { return key_of(x) == k; })) return k;
  }
}

// On the same line, at x (window coordinates, as GetCursorPosX; SameLine's offset would count
// from the start of an enclosing group instead).
void at_x(float x) {
  ImGui::SameLine();
  ImGui::SetCursorPosX(x);
}

// A whole number field (its value is in the item table for tests); returns true when changed.
bool number(const std::string& id, std::int64_t& value, float width, std::int64_t min = 0) {
  ImGui::SetNextItemWidth(width);
  std::int64_t v = value;
  const bool changed = ImGui::InputScalar(id.c_str(), ImGuiDataType_S64, &v);
  if (changed) value = std::max(min, v);
  testing::record_value(std::to_string(value));
  return changed;
}

// A window in minutes, typed as hours and minutes: fields "##<what> hours (<whose>)" and
// "##<what> minutes (<whose>)", e.g. "First response hours (standard)". 90 minutes typed
// read 1 h 30 min once the field is left.
void window_input(const std::string& what, const std::string& whose, std::int64_t& minutes, const std::string* error) {
  std::int64_t h = minutes / 60, m = minutes % 60;
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, ui::color::error);
  bool changed = number("##" + what + " hours (" + whose + ")", h, ui::dp(80));
  ImGui::SameLine(0, ui::dp(6));
  ImGui::AlignTextToFramePadding();
  ui::text("h", ui::color::muted);
  ImGui::SameLine(0, ui::dp(12));
  changed |= number("##" + what + " minutes (" + whose + ")", m, ui::dp(80));
  ImGui::SameLine(0, ui::dp(6));
  ImGui::AlignTextToFramePadding();
  ui::text("min", ui::color::muted);
  if (error) ImGui::PopStyleColor();
  if (changed) minutes = h * 60 + m;
}

// The zone's combo, with a search box over the server's zone names (several hundred).
void time_zone_combo(SupportSettingsForm& f, std::string& zone) {
  const float w = ui::dp(280);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::SetNextItemWidth(w);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(8, 6));
  const bool open =
      ui::begin_combo("##Time zone", zone.c_str(), ImGuiComboFlags_HeightLarge | ImGuiComboFlags_NoArrowButton);
  ImGui::PopStyleVar();
  // A light chevron, as the other choices have.
  const float cx = pos.x + w - ui::dp(16), cy = pos.y + ImGui::GetFrameHeight() * 0.5f, r = ui::dp(4);
  const ImVec2 points[] = {ImVec2(cx - r, cy - r * 0.5f), ImVec2(cx, cy + r * 0.5f), ImVec2(cx + r, cy - r * 0.5f)};
  ImGui::GetWindowDrawList()->AddPolyline(points, 3, ui::color::muted, ImDrawFlags_None, ui::dp(1.5f));
  if (open) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool edited = false;
    ui::input_text("##Search time zones", "Search time zones", f.tz_search, edited);
    if (f.time_zones.empty())
      ui::text(f.tz_loading ? "Loading time zones\xE2\x80\xA6" : "No time zones.", ui::color::muted);
    const std::string q = lower(f.tz_search);
    constexpr int max_shown = 300;
    int shown = 0;
    for (const auto& z : f.time_zones) {
      if (!q.empty() && lower(z).find(q) == std::string::npos) continue;
      if (++shown > max_shown) {
        ui::text("Type to narrow the list.", ui::color::muted);
        break;
      }
      if (ImGui::Selectable(z.c_str(), z == zone)) {
        zone = z;
        f.tz_search.clear();
      }
    }
    ImGui::EndCombo();
  }
}

// Business hours of one weekday: a checkbox, then opening and closing times ("09:00").
void weekday_hours(domain::sla::Calendar& c, int d) {
  ImGui::PushID(d);
  const auto of_day = [&] {
    return std::find_if(c.hours.begin(), c.hours.end(), [&](const auto& h) { return h.weekday == d; });
  };
  auto it = of_day();
  bool open = it != c.hours.end();
  const float x = ImGui::GetCursorPosX();
  if (ImGui::Checkbox(weekday_names[d], &open)) {
    if (open)
      c.hours.push_back(domain::sla::BusinessHours{d, 540, 1020});
    else
      std::erase_if(c.hours, [&](const auto& h) { return h.weekday == d; });
    it = of_day();
  }
  at_x(x + ui::dp(80));
  if (it != c.hours.end()) {
    std::string start = hhmm(it->start_minute), end = hhmm(it->end_minute);
    bool edited = false;
    ui::input_text("##Opens", "09:00", start, edited, 0, ui::dp(76));
    if (edited && parse_hhmm(start) >= 0) it->start_minute = parse_hhmm(start);
    ImGui::SameLine(0, ui::dp(8));
    ImGui::AlignTextToFramePadding();
    ui::text("to", ui::color::muted);
    ImGui::SameLine(0, ui::dp(8));
    ui::input_text("##Closes", "17:00", end, edited, 0, ui::dp(76));
    if (edited && parse_hhmm(end) >= 0) it->end_minute = parse_hhmm(end);
  } else {
    ImGui::AlignTextToFramePadding();
    ui::text("Closed", ui::color::muted);
  }
  ImGui::PopID();
}

// A tier's calendar: around the clock, or business hours with a time zone and holidays.
void tier_calendar(SupportSettingsForm& f, const FormErrors& e, domain::sla::Calendar& c, const std::string& p, float avail) {
  ui::field_label("Calendar");
  if (ImGui::RadioButton("Around the clock", c.around_the_clock)) c.around_the_clock = true;
  ImGui::SameLine(0, ui::dp(20));
  ui::fit_on_line(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("Business hours").x); // a phone: under it
  if (ImGui::RadioButton("Business hours", !c.around_the_clock)) {
    c.around_the_clock = false;
    if (c.hours.empty())
      for (int d = 1; d <= 5; ++d)
        c.hours.push_back(domain::sla::BusinessHours{d, 540, 1020});
  }
  ui::field_error(err(e, p + ".calendar"));
  if (!c.around_the_clock) {
    ImGui::Dummy(ui::dp(0, 2));
    // Monday first, Sunday last.
    for (int d : {1, 2, 3, 4, 5, 6, 0})
      weekday_hours(c, d);
    ui::field_error(err(e, p + ".calendar.hours"));
    ImGui::Dummy(ui::dp(0, 2));
    ui::field_label("Time zone");
    time_zone_combo(f, c.time_zone);
    ui::field_error(err(e, p + ".calendar.time_zone"));
    ui::field_label("Holidays (YYYY-MM-DD, separated by commas)");
    std::string holidays;
    for (const auto& h : c.holidays)
      holidays += (holidays.empty() ? "" : ", ") + h;
    bool edited = false;
    ui::input_text("##Holidays", "2026-12-25, 2027-01-01", holidays, edited, 0,
                   std::min(avail - ui::dp(32), ui::dp(520)));
    if (edited) {
      c.holidays.clear();
      std::string cur;
      for (char ch : holidays + ",") {
        if (ch == ',' || ch == ' ' || ch == ';') {
          if (!cur.empty()) c.holidays.push_back(cur);
          cur.clear();
        } else {
          cur += ch;
        }
      }
    }
    ui::field_error(err(e, p + ".calendar.holidays"));
  }
}

void tier_card(SupportSettingsForm& f, const FormErrors& e, std::size_t i, float avail, bool can_edit, bool& remove) {
  auto& t = f.fields.tiers[i];
  const std::string p = "tiers[" + std::to_string(i) + "]";
  ImGui::PushID(static_cast<int>(i));
  ui::begin_tinted(ui::tone::neutral);
  const float x0 = ImGui::GetCursorPosX();
  const float col = std::max(ui::dp(260), (avail - ui::dp(32)) / 2);

  ui::field_label("Tier name");
  bool edited = false;
  ui::input_text("##Tier name", "Standard", t.name, edited, 0, std::min(ui::dp(320), avail - ui::dp(32)));
  ImGui::SameLine(0, ui::dp(12));
  ImGui::AlignTextToFramePadding();
  ui::text("Key: " + t.key, ui::color::muted);
  ui::field_error(err(e, p + ".name"));
  ui::field_error(err(e, p + ".key"));
  ImGui::Dummy(ui::dp(0, 2));

  // The two windows side by side (on a phone, one under the other).
  const auto* fr_error = err(e, p + ".first_response_minutes");
  const auto* res_error = err(e, p + ".resolution_minutes");
  if (ui::narrow()) {
    ui::field_label("First response within");
    window_input("First response", t.key, t.first_response_minutes, fr_error);
    ui::field_error(fr_error);
    ui::field_label("Resolution within");
    window_input("Resolution", t.key, t.resolution_minutes, res_error);
    ui::field_error(res_error);
  } else {
    ui::field_label("First response within");
    at_x(x0 + col);
    ui::field_label("Resolution within");
    window_input("First response", t.key, t.first_response_minutes, fr_error);
    at_x(x0 + col);
    window_input("Resolution", t.key, t.resolution_minutes, res_error);
    ui::field_error(fr_error);
    ui::field_error(res_error);
  }
  ui::field_error(err(e, p)); // at most a year
  ImGui::Dummy(ui::dp(0, 2));

  tier_calendar(f, e, t.calendar, p, avail);
  if (can_edit && f.fields.tiers.size() > 1) {
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::secondary_button("Remove tier")) remove = true;
  }
  ui::end_tinted();
  ImGui::PopID();
}

bool has_topic_error(const FormErrors& e, std::size_t i) {
  const std::string prefix = "settings." + topic_field(i, "");
  return std::any_of(e.fields.begin(), e.fields.end(), [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
}

// A restricted topic: its name, escalation path and phrases as text; opened (Edit) for editing.
// A topic the server found fault with opens by itself.
void topic_card(SupportSettingsForm& f, const FormErrors& e, std::size_t i, float avail, bool can_edit, bool& remove) {
  auto& t = f.fields.restricted_topics[i];
  ImGui::PushID(static_cast<int>(i));
  ui::begin_tinted(ui::tone::neutral);
  const float w = avail - ui::dp(28);
  const float x0 = ImGui::GetCursorPosX();
  const bool open = can_edit && (f.open_topics[t.key] || has_topic_error(e, i));
  const char* toggle = open ? "Done##topic" : "Edit##topic";
  const float toggle_w = ImGui::CalcTextSize(open ? "Done" : "Edit").x + ImGui::GetStyle().FramePadding.x * 2;

  if (!open) {
    ImGui::AlignTextToFramePadding();
    ui::heading(t.name.empty() ? "Unnamed topic" : t.name, 15);
    ImGui::SameLine(0, ui::dp(10));
    ui::text(std::to_string(t.rules.size()) + (t.rules.size() == 1 ? " phrase" : " phrases"), ui::color::muted);
    if (!t.enabled) {
      ImGui::SameLine(0, ui::dp(10));
      ui::pill("Off", ui::tone::neutral);
    }
    if (can_edit) {
      at_x(x0 + w - toggle_w);
      if (ui::secondary_button(toggle)) f.open_topics[t.key] = true;
    }
    ui::text_wrapped("Instead: " + t.escalation_path, ui::color::muted);
    std::string phrases;
    for (const auto& r : t.rules) {
      if (!phrases.empty()) phrases += ", ";
      phrases += r.phrase;
      if (r.language != "en") phrases += " (" + r.language + ")";
    }
    if (!phrases.empty()) ui::text_wrapped("Phrases: " + phrases, ui::color::muted);
  } else {
    ui::field_label("Topic name");
    bool edited = false;
    ui::input_text("##Topic name", "Billing disputes", t.name, edited, 0,
                   std::min(ui::dp(320), w - toggle_w - ui::dp(130)));
    ImGui::SameLine(0, ui::dp(16));
    ImGui::Checkbox("Enabled", &t.enabled);
    at_x(x0 + w - toggle_w);
    if (ui::secondary_button(toggle)) f.open_topics[t.key] = false;
    ui::field_error(err(e, topic_field(i, "name")));
    ui::field_error(err(e, topic_field(i, "key")));
    ImGui::Dummy(ui::dp(0, 2));
    ui::field_label("Escalation path (where agents send the customer instead)");
    ui::input_text("##Escalation path", "Send the customer to billing@...", t.escalation_path, edited, 0, w);
    ui::field_error(err(e, topic_field(i, "escalation_path")));
    ImGui::Dummy(ui::dp(0, 2));
    ui::field_label("Phrases (language, phrase)");
    std::optional<std::size_t> drop;
    const float remove_w = ImGui::CalcTextSize("Remove").x + ImGui::GetStyle().FramePadding.x * 2;
    for (std::size_t r = 0; r < t.rules.size(); ++r) {
      ImGui::PushID(static_cast<int>(r));
      auto& rule = t.rules[r];
      ui::input_text("##Language", "en", rule.language, edited, 0, ui::dp(56));
      ImGui::SameLine(0, ui::dp(6));
      ui::input_text("##Phrase", "refund* my money", rule.phrase, edited, 0,
                     std::max(ui::dp(160), w - ui::dp(56 + 12) - remove_w));
      ImGui::SameLine(0, ui::dp(6));
      if (ui::secondary_button("Remove##rule")) drop = r;
      const std::string rp = "rules[" + std::to_string(r) + "]";
      ui::field_error(err(e, topic_field(i, rp + ".language")));
      ui::field_error(err(e, topic_field(i, rp + ".phrase")));
      ui::field_error(err(e, topic_field(i, rp)));
      ImGui::PopID();
    }
    if (drop) t.rules.erase(t.rules.begin() + static_cast<std::ptrdiff_t>(*drop));
    ui::field_error(err(e, topic_field(i, "rules")));
    ImGui::Dummy(ui::dp(0, 2));
    if (ui::secondary_button("Add phrase")) t.rules.push_back(domain::PhraseRule{"en", ""});
    ImGui::SameLine(0, ui::dp(8));
    if (ui::secondary_button("Remove topic")) remove = true;
  }
  ui::end_tinted();
  ImGui::PopID();
}

// A whole number under its label, with the server's message about it.
void number_field(const char* label, const char* id, std::int64_t& value, const std::string* error,
                  std::int64_t min = 0) {
  ui::field_label(label);
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, ui::color::error);
  number(id, value, ui::dp(140), min);
  if (error) ImGui::PopStyleColor();
  ui::field_error(error);
  ImGui::Dummy(ui::dp(0, 2));
}

// What every card of the page reads: the form, the server's errors, the widths, whether it edits.
struct SettingsPage {
  SupportSettingsForm& f;
  const FormErrors& e;
  float avail; // the column
  float inner; // inside a card's padding
  bool can_edit;
};

// SLA tiers
void tiers_card(const SettingsPage& p) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  const float avail = p.avail;
  const float inner = p.inner;
  const bool can_edit = p.can_edit;
  if (ui::begin_card("tiers", avail)) {
    ui::heading("SLA tiers", 17);
    ui::text_wrapped("How fast tickets are answered and resolved, counted on each tier's calendar.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ui::field_error(err(e, "tiers"));
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < f.fields.tiers.size(); ++i) {
      bool r = false;
      tier_card(f, e, i, inner, can_edit, r);
      if (r) remove = i;
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (remove) {
      // Segments of a removed tier fall back to the default tier; a removed default tier
      // hands that role to the first tier left.
      const std::string key = f.fields.tiers[*remove].key;
      f.fields.tiers.erase(f.fields.tiers.begin() + static_cast<std::ptrdiff_t>(*remove));
      std::erase_if(f.fields.segment_tiers, [&](const auto& kv) { return kv.second == key; });
      if (f.fields.default_tier == key) f.fields.default_tier = f.fields.tiers.front().key;
    }
    if (can_edit && f.fields.tiers.size() < 10 && ui::secondary_button("Add tier")) {
      domain::SlaTier t;
      t.key = fresh_key("tier", f.fields.tiers, [](const auto& x) { return x.key; });
      t.name = "New tier";
      f.fields.tiers.push_back(t);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Segments -> tiers
void segments_card(const SettingsPage& p, const domain::ProgramState& s) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  const float avail = p.avail;
  const bool can_edit = p.can_edit;
  std::vector<std::string> tier_labels, tier_keys;
  for (const auto& t : f.fields.tiers)
    tier_labels.push_back(t.name.empty() ? t.key : t.name), tier_keys.push_back(t.key);
  if (ui::begin_card("segments", avail)) {
    ui::heading("Segments", 17);
    ui::text_wrapped("Which tier each customer segment gets; other segments get the default tier.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    const float x0 = ImGui::GetCursorPosX();
    const float combo_x = x0 + ui::dp(200);
    {
      int idx =
          static_cast<int>(std::find(tier_keys.begin(), tier_keys.end(), f.fields.default_tier) - tier_keys.begin());
      if (idx >= static_cast<int>(tier_keys.size())) idx = -1;
      ImGui::AlignTextToFramePadding();
      ui::text("Default tier");
      at_x(combo_x);
      if (choice("##Default tier", tier_labels, idx, ui::dp(240)) && idx >= 0)
        f.fields.default_tier = tier_keys[static_cast<std::size_t>(idx)];
      ui::field_error(err(e, "default_tier"));
    }
    std::set<std::string> segments;
    for (const auto& [id, c] : s.customers)
      if (!c.profile.segment.empty()) segments.insert(c.profile.segment);
    for (const auto& [seg, tier] : f.fields.segment_tiers)
      segments.insert(seg);
    std::vector<std::string> labels = {"Default tier"};
    labels.insert(labels.end(), tier_labels.begin(), tier_labels.end());
    int row = 0;
    for (const auto& seg : segments) {
      ImGui::PushID(row++);
      ImGui::AlignTextToFramePadding();
      ui::text(seg, ui::color::muted);
      at_x(combo_x);
      auto it = f.fields.segment_tiers.find(seg);
      int idx = 0;
      if (it != f.fields.segment_tiers.end()) {
        auto k = std::find(tier_keys.begin(), tier_keys.end(), it->second);
        idx = k == tier_keys.end() ? 0 : static_cast<int>(k - tier_keys.begin()) + 1;
      }
      if (choice(("##Tier for " + seg).c_str(), labels, idx, ui::dp(240))) {
        if (idx <= 0)
          f.fields.segment_tiers.erase(seg);
        else
          f.fields.segment_tiers[seg] = tier_keys[static_cast<std::size_t>(idx - 1)];
      }
      ImGui::PopID();
    }
    ui::field_error(err(e, "segment_tiers"));
    if (can_edit) {
      ImGui::Dummy(ui::dp(0, 2));
      bool edited = false;
      const bool enter = ui::input_text("##New segment", "Another segment", f.new_segment, edited, 0, ui::dp(188));
      at_x(combo_x);
      if ((ui::secondary_button("Add segment") || enter) && !f.new_segment.empty() && !tier_keys.empty()) {
        f.fields.segment_tiers.emplace(f.new_segment, f.fields.default_tier);
        f.new_segment.clear();
      }
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Priority matrix
void priorities_card(const SettingsPage& p) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  const float avail = p.avail;
  const float inner = p.inner;
  if (ui::begin_card("priorities", avail)) {
    ui::heading("Priority matrix", 17);
    ui::text_wrapped("When on, a ticket gets the stricter of its tier's and its priority's windows.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::Checkbox("Use the priority matrix", &f.fields.priority_matrix);
    ImGui::Dummy(ui::dp(0, 4));
    const float x0 = ImGui::GetCursorPosX();
    const float c1 = x0 + ui::dp(140), c2 = c1 + std::max(ui::dp(270), (inner - ui::dp(140)) / 2);
    ui::text("Priority", ui::color::muted);
    at_x(c1);
    ui::text("First response within", ui::color::muted);
    at_x(c2);
    ui::text("Resolution within", ui::color::muted);
    for (int i = 0; i < 4; ++i) {
      ImGui::PushID(i);
      auto& t = f.fields.priority_targets[static_cast<std::size_t>(i)];
      const auto priority = static_cast<domain::Priority>(i);
      const std::string whose = "P" + std::to_string(i);
      const auto* error = err(e, "priority_targets[" + std::to_string(i) + "]");
      ImGui::AlignTextToFramePadding();
      ui::text(domain::label_of(priority));
      at_x(c1);
      window_input("First response", whose, t.first_response_minutes, error);
      at_x(c2);
      window_input("Resolution", whose, t.resolution_minutes, error);
      ui::field_error(error);
      ImGui::PopID();
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Rules
void rules_card(const SettingsPage& p) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  const float avail = p.avail;
  if (ui::begin_card("rules", avail)) {
    ui::heading("Reopening, escalation, updates and follow-ups", 17);
    ImGui::Dummy(ui::dp(0, 4));
    number_field("Reopen window (hours): a customer reply within it reopens a resolved ticket", "##Reopen window",
                 f.fields.reopen_window_hours, err(e, "reopen_window_hours"));
    number_field("Auto-escalation threshold (% of the window; 200 = unanswered at twice the window)",
                 "##Auto-escalation threshold", f.fields.auto_escalate_factor_percent,
                 err(e, "auto_escalate_factor_percent"));
    number_field("Quiet-customer reminder (days without contact)", "##Quiet days", f.fields.quiet_days,
                 err(e, "quiet_days"));
    // Tickets with an estimated resolution get an update this often (shared/domain/support/progress.hpp).
    number_field("Updates on a ticket with an estimate (every N hours)", "##Update hours", f.fields.update_hours, err(e, "update_hours"), 1);
    number_field("Updates on a critical (P0) ticket with an estimate (every N hours)", "##Critical update hours",
                 f.fields.critical_update_hours, err(e, "critical_update_hours"), 1);
    std::int64_t mb = (f.fields.max_attachment_bytes + 1024 * 1024 - 1) / (1024 * 1024);
    const std::int64_t mb_before = mb;
    number_field("Largest attachment (MB)", "##Largest attachment", mb, err(e, "max_attachment_bytes"), 1);
    if (mb != mb_before) f.fields.max_attachment_bytes = mb * 1024 * 1024;
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// Restricted topics
void topics_card(const SettingsPage& p) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  const float avail = p.avail;
  const float inner = p.inner;
  const bool can_edit = p.can_edit;
  if (ui::begin_card("topics", avail)) {
    ui::heading("Restricted topics", 17);
    ui::text_wrapped(
        "Agents are warned before they answer on these topics. Phrases: words in order, a * at a word's end "
        "matches any ending (refund* matches refunds, refunded).",
        ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ui::field_error(err(e, "restricted_topics"));
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < f.fields.restricted_topics.size(); ++i) {
      bool r = false;
      topic_card(f, e, i, inner, can_edit, r);
      if (r) remove = i;
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (remove)
      f.fields.restricted_topics.erase(f.fields.restricted_topics.begin() + static_cast<std::ptrdiff_t>(*remove));
    if (can_edit && f.fields.restricted_topics.size() < domain::max_restricted_topics &&
        ui::secondary_button("Add topic")) {
      domain::RestrictedTopic t;
      t.key = fresh_key("topic", f.fields.restricted_topics, [](const auto& x) { return x.key; });
      t.name = "New topic";
      t.rules.push_back(domain::PhraseRule{"en", ""});
      f.open_topics[t.key] = true;
      f.fields.restricted_topics.push_back(t);
    }
  }
  ui::end_card();
}

// The messages about the save, Save support settings and Discard changes (editors only).
void save_footer(const SettingsPage& p, const SupportForm& form, Dispatch& dispatch) {
  SupportSettingsForm& f = p.f;
  const FormErrors& e = p.e;
  ImGui::Dummy(ui::dp(0, 6));
  if (!e.general.empty()) ui::error_box(e.general);
  for (const auto& [field, message] : e.fields)
    ui::error_box("Not saved: " + message);
  if (!f.notice.empty()) ui::message_box(f.notice, ui::tone::success);
  if (f.changed_elsewhere && f.dirty())
    ui::message_box(
        "Someone else changed these settings while you were editing. Saving replaces their version with yours; "
        "Discard shows theirs.",
        ui::tone::warning);
  else if (f.dirty() && !form.sending)
    ui::message_box("You have unsaved changes.", ui::tone::warning);
  const char* label =
      form.sending ? "Saving\xE2\x80\xA6###Save support settings" : "Save support settings###Save support settings";
  if (ui::primary_button(label, ImVec2(ui::dp(200), ui::dp(40)), f.dirty() && !form.sending)) {
    domain::ChangeSupportSettings c;
    c.settings = f.fields;
    dispatch(SendCommand{FormId::support_settings, c});
  }
  ImGui::SameLine(0, ui::dp(8));
  ImGui::BeginDisabled(!f.dirty() || form.sending);
  if (ui::secondary_button("Discard changes", ImVec2(0, ui::dp(40)))) {
    f.fields = f.base = f.seen;
    f.changed_elsewhere = false;
  }
  ImGui::EndDisabled();
}

} // namespace

void draw_support_settings(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    auto& f = ui_state.support_settings;
    const auto& form = ui_state.form(FormId::support_settings);
    const auto& e = form.errors;
    const bool can_edit = allowed(app, domain::Action::manage_support_settings);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(820));
    const float inner = avail - ui::dp(48); // inside a card's padding
    ui::begin_column("support-settings-page", avail);
    if (back_link("Settings")) dispatch(Navigate{program_route(Page::settings, s.id)});
    page_title("Support settings", "SLA tiers, segments, priorities and restricted topics of " + s.name + ".");
    if (!can_edit) {
      ui::message_box("Only the program's owners and admins can change these settings.", ui::tone::neutral);
      ImGui::Dummy(ui::dp(0, 6));
    }
    if (!f.ready) {
      ImGui::EndChild();
      end_page();
      return;
    }
    const SettingsPage p{f, e, avail, inner, can_edit};
    const domain::SupportSettings before = f.fields;
    ImGui::BeginDisabled(!can_edit || form.sending);
    tiers_card(p);
    segments_card(p, s);
    priorities_card(p);
    rules_card(p);
    topics_card(p);
    ImGui::EndDisabled();

    if (!(f.fields == before)) f.notice.clear();
    if (can_edit) save_footer(p, form, dispatch);
    if (identity::is_business_role(current_role(app, ui_state))) {
      draw_held_mail(app, ui_state, dispatch, avail); // held_mail_parts.cpp
      ImGui::Dummy(ui::dp(0, 12));
      quality_settings_card(app, ui_state, dispatch, s, avail); // satisfaction_parts.cpp
      ImGui::Dummy(ui::dp(0, 12));
      mention_words_card(app, ui_state, dispatch, s, avail); // satisfaction_parts.cpp
      ImGui::Dummy(ui::dp(0, 12));
      competitors_card(app, ui_state, dispatch, s, avail); // retention_view.cpp
      ImGui::Dummy(ui::dp(0, 12));
      data_retention_card(app, ui_state, dispatch, s, avail); // program/privacy_parts.cpp
    }
    ImGui::Dummy(ui::dp(0, 20));
    ImGui::EndChild();
  }
  end_page();
}

} // namespace pd::client::views
