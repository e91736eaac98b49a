// The business's routing page (#/p/{id}/routing): the teams with their members and on-call rota,
// the ordered routing rules with their conditions and actions, and a new rule written and tried
// against the program's latest tickets before it is added ("would have matched 42 of the last 500
// tickets", desk::try_rule on the replica, the function GET .../routing/trial runs). Saved whole
// with ChangeRouting; what check_routing() refuses or warns about shows before saving.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "shared/domain/desk/routing.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

namespace pd::client::views {

namespace {

namespace desk = domain::desk;
using desk::ActionKind;
using desk::ConditionField;
using desk::ConditionInput;

const std::vector<ConditionField> condition_fields = {
    ConditionField::category,  ConditionField::tag,          ConditionField::priority,          ConditionField::segment,
    ConditionField::mrr_above, ConditionField::mrr_below,    ConditionField::ltv_above,         ConditionField::ltv_below,
    ConditionField::sentiment, ConditionField::first_contact, ConditionField::repeat_issue,     ConditionField::tenure_under_days,
    ConditionField::restricted_topic};
const std::vector<ActionKind> action_kinds = {ActionKind::route_to_team,  ActionKind::route_to_person, ActionKind::set_priority,
                                              ActionKind::raise_priority, ActionKind::escalate,        ActionKind::hold_for_business,
                                              ActionKind::notify,         ActionKind::add_tag,         ActionKind::retention_workflow,
                                              ActionKind::sla_tier,       ActionKind::auto_response,   ActionKind::flag};

const char* const weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string names_of(const domain::ProgramState& s, const std::vector<domain::PersonId>& people) {
  std::string out;
  for (auto p : people) out += (out.empty() ? "" : ", ") + member_name(s, p);
  return out.empty() ? "No members" : out;
}

std::string rota_text(const domain::ProgramState& s, const desk::Team& t) {
  if (t.rota.empty()) return "No rota";
  std::set<domain::PersonId> people;
  bool whole_days = true;
  for (const auto& slot : t.rota) {
    people.insert(slot.person_id);
    whole_days = whole_days && slot.start_minute == 0 && slot.end_minute == 1440;
  }
  if (t.rota.size() == 7 && whole_days && people.size() == 1) return "Around the clock: " + member_name(s, *people.begin());
  std::string out;
  for (const auto& slot : t.rota) {
    if (out.size() > 120) return out + ", ...";
    out += (out.empty() ? "" : ", ") + std::string(weekday_names[std::clamp(slot.weekday, 0, 6)]) + " " + hhmm(slot.start_minute) + "-" +
           hhmm(slot.end_minute) + " " + member_name(s, slot.person_id);
  }
  return out + " (UTC)";
}

std::string when_text(const desk::RoutingRule& r) {
  std::string out;
  for (const auto& c : r.conditions) out += (out.empty() ? "" : " and ") + desk::describe(c);
  return out;
}

std::string then_text(const domain::ProgramState& s, const desk::RoutingSettings& settings, const desk::RoutingRule& r) {
  std::string out;
  for (const auto& a : r.actions) out += (out.empty() ? "" : "; ") + desk::describe(s, settings, a);
  return out;
}

// A rule id not used yet, from its name.
std::string fresh_id(const std::string& name, const desk::RoutingSettings& r) {
  std::string base;
  for (char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) base += c;
    else if (c >= 'A' && c <= 'Z') base += static_cast<char>(c - 'A' + 'a');
    else if (!base.empty() && base.back() != '-') base += '-';
    if (base.size() >= 30) break;
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  if (base.empty()) base = "rule";
  std::string id = base;
  for (int i = 2; std::any_of(r.rules.begin(), r.rules.end(), [&](const desk::RoutingRule& x) { return x.id == id; }); ++i)
    id = base + "-" + std::to_string(i);
  return id;
}

void sync(RoutingForm& f, const domain::ProgramState& s) {
  if (f.program_id != s.id || !f.ready) {
    f = RoutingForm{};
    f.program_id = s.id;
    f.base = f.fields = s.routing;
    f.ready = true;
  } else if (!f.dirty() && !(f.base == s.routing)) {
    f.base = f.fields = s.routing;
  }
}

void teams_card(const domain::ProgramState& s, RoutingForm& f, float avail, bool can_edit) {
  if (ui::begin_card("teams", avail)) {
    ui::heading("Teams", 17);
    ui::text_wrapped("Routing to a team puts the ticket in its queue (Tickets, filter by team). The agent keeps the customer.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::begin_list_table("##Teams", 4)) {
      ui::list_column("Team", ImGuiTableColumnFlags_WidthStretch, 1.0f, 0, ui::CardPart::title);
      ui::list_column("Kind", ImGuiTableColumnFlags_WidthStretch, 0.8f);
      ui::list_column("Members", ImGuiTableColumnFlags_WidthStretch, 1.6f);
      ui::list_column("On-call rota", ImGuiTableColumnFlags_WidthStretch, 1.6f);
      ui::table_header_row(4);
      for (const auto& t : f.fields.teams) {
        ui::list_row(ui::dp(34));
        if (ui::list_cell(0)) ui::text(t.name);
        if (ui::list_cell(1)) ui::text(desk::to_string(t.kind), ui::color::muted);
        if (ui::list_cell(2)) ui::text_wrapped(names_of(s, t.members));
        if (ui::list_cell(3)) ui::text_wrapped(rota_text(s, t), ui::color::muted);
      }
      ui::end_list_table();
    }
    if (can_edit && !f.fields.teams.empty()) {
      ImGui::Dummy(ui::dp(0, 6));
      ui::caption("EDIT A TEAM");
      std::vector<std::string> names;
      for (const auto& t : f.fields.teams) names.push_back(t.name);
      f.team_index = std::clamp(f.team_index, 0, static_cast<int>(names.size()) - 1);
      choice("##Team to edit", names, f.team_index, ui::dp(220));
      auto& team = f.fields.teams[static_cast<std::size_t>(f.team_index)];
      // Members: remove one, add one of the business or an agent.
      std::optional<std::size_t> remove;
      for (std::size_t i = 0; i < team.members.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ui::text(member_name(s, team.members[i]));
        ImGui::SameLine(0, ui::dp(8));
        if (ui::link(("Remove " + member_name(s, team.members[i]) + "##member").c_str())) remove = i;
        ImGui::PopID();
      }
      if (remove) {
        const auto who = team.members[*remove];
        team.members.erase(team.members.begin() + static_cast<std::ptrdiff_t>(*remove));
        std::erase_if(team.rota, [&](const desk::RotaSlot& slot) { return slot.person_id == who; });
      }
      std::vector<std::string> labels;
      std::vector<domain::PersonId> ids;
      for (const auto& [id, m] : s.members)
        if ((identity::is_business_role(m.role) || m.role == identity::Role::agent) &&
            std::find(team.members.begin(), team.members.end(), id) == team.members.end()) {
          labels.push_back(member_name(s, id));
          ids.push_back(id);
        }
      if (!ids.empty()) {
        f.member_choice = std::clamp(f.member_choice, 0, static_cast<int>(ids.size()) - 1);
        choice("##Member to add", labels, f.member_choice, ui::dp(220));
        ui::flow_next(ui::dp(120), ui::dp(8));
        if (ui::secondary_button("Add member")) team.members.push_back(ids[static_cast<std::size_t>(f.member_choice)]);
      }
      if (!team.members.empty()) {
        if (ui::secondary_button("On call around the clock: first member")) {
          team.rota.clear();
          for (int d = 0; d < 7; ++d) team.rota.push_back({d, 0, 1440, team.members.front()});
        }
        ui::flow_next(ui::dp(120), ui::dp(8));
        if (ui::secondary_button("Clear rota")) team.rota.clear();
      }
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

void rules_card(const domain::ProgramState& s, RoutingForm& f, float avail, bool can_edit) {
  if (ui::begin_card("rules", avail)) {
    ui::heading("Rules, in order", 17);
    ui::text_wrapped("Every rule whose conditions all hold fires, in this order; the first one that routes chooses the team.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    std::optional<std::size_t> up, down, remove;
    if (f.fields.rules.empty()) ui::empty_state("No rules", "Tickets stay where they are opened.");
    else if (ui::begin_list_table("##Rules", 5)) {
      ui::list_column("#", ImGuiTableColumnFlags_WidthFixed, ui::dp(28), 0, ui::CardPart::lead);
      ui::list_column("Rule", ImGuiTableColumnFlags_WidthStretch, 1.2f, 0, ui::CardPart::title);
      ui::list_column("When", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ui::list_column("Then", ImGuiTableColumnFlags_WidthStretch, 1.8f);
      ui::list_column("", ImGuiTableColumnFlags_WidthStretch, 1.0f, 0, ui::CardPart::plain);
      ui::table_header_row(5);
      for (std::size_t i = 0; i < f.fields.rules.size(); ++i) {
        auto& r = f.fields.rules[i];
        ImGui::PushID(static_cast<int>(i));
        ui::list_row(ui::dp(40));
        if (ui::list_cell(0)) ui::text(std::to_string(i + 1), ui::color::muted);
        if (ui::list_cell(1)) ui::text_wrapped(r.name, r.enabled ? ui::color::text : ui::color::muted);
        if (ui::list_cell(2)) ui::text_wrapped(when_text(r));
        if (ui::list_cell(3)) ui::text_wrapped(then_text(s, f.fields, r));
        if (ui::list_cell(4)) {
          ImGui::BeginDisabled(!can_edit);
          ImGui::Checkbox(("On##" + r.id).c_str(), &r.enabled);
          // The links wrap under the checkbox when the column is narrow, never past its edge.
          const float gap = ui::dp(10);
          if (i > 0) {
            ui::flow_next(ImGui::CalcTextSize("Up").x, gap);
            if (ui::link(("Up##" + r.id).c_str())) up = i;
          }
          if (i + 1 < f.fields.rules.size()) {
            ui::flow_next(ImGui::CalcTextSize("Down").x, gap);
            if (ui::link(("Down##" + r.id).c_str())) down = i;
          }
          ui::flow_next(ImGui::CalcTextSize("Remove").x, gap);
          if (ui::link(("Remove##" + r.id).c_str())) remove = i;
          ImGui::EndDisabled();
        }
        ImGui::PopID();
      }
      ui::end_list_table();
    }
    auto& rules = f.fields.rules;
    if (up) std::swap(rules[*up], rules[*up - 1]);
    if (down) std::swap(rules[*down], rules[*down + 1]);
    if (remove) rules.erase(rules.begin() + static_cast<std::ptrdiff_t>(*remove));
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// The rule being written: conditions and actions added one at a time, tried, then added.
void new_rule_card(const domain::ProgramState& s, RoutingForm& f, float avail) {
  auto& d = f.draft;
  const auto before = d;
  if (ui::begin_card("new-rule", avail)) {
    ui::heading("New rule", 17);
    bool edited = false;
    labeled_input("Name", "##Rule name", "Billing from a VIP customer", d.name, nullptr);
    ImGui::Dummy(ui::dp(0, 4));
    ui::caption("WHEN");
    std::optional<std::size_t> drop;
    for (std::size_t i = 0; i < d.conditions.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ui::text(desk::describe(d.conditions[i]));
      ImGui::SameLine(0, ui::dp(8));
      if (ui::link("Remove##condition")) drop = i;
      ImGui::PopID();
    }
    if (drop) d.conditions.erase(d.conditions.begin() + static_cast<std::ptrdiff_t>(*drop));
    if (d.conditions.size() < desk::max_conditions) {
      std::vector<std::string> labels;
      for (auto c : condition_fields) labels.push_back(desk::label_of(c));
      choice("##Condition", labels, f.cond_field, ui::dp(240));
      const auto field = condition_fields[static_cast<std::size_t>(std::clamp(f.cond_field, 0, static_cast<int>(condition_fields.size()) - 1))];
      const auto input = desk::input_of(field);
      ui::flow_next(ui::dp(200), ui::dp(8));
      const char* hint = input == ConditionInput::word      ? "billing, P0, enterprise, angry, any"
                         : input == ConditionInput::money   ? "amount, e.g. 1000"
                         : input == ConditionInput::amount  ? "days, e.g. 30"
                                                            : "yes or no";
      ui::input_text("##Condition value", hint, f.cond_value, edited, 0, ui::dp(200));
      ui::flow_next(ui::dp(120), ui::dp(8));
      if (ui::secondary_button("Add condition")) {
        desk::RuleCondition c;
        c.field = field;
        if (input == ConditionInput::word) c.value = f.cond_value;
        else if (input == ConditionInput::boolean) c.is = f.cond_value != "no" && f.cond_value != "false";
        else {
          double v = 0;
          if (std::sscanf(f.cond_value.c_str(), "%lf", &v) == 1 && v >= 0)
            c.amount = input == ConditionInput::money ? static_cast<std::int64_t>(v * 100 + 0.5) : static_cast<std::int64_t>(v);
        }
        d.conditions.push_back(c);
        f.cond_value.clear();
      }
    }
    ImGui::Dummy(ui::dp(0, 4));
    ui::caption("THEN");
    drop.reset();
    for (std::size_t i = 0; i < d.actions.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ui::text(desk::describe(s, f.fields, d.actions[i]));
      ImGui::SameLine(0, ui::dp(8));
      if (ui::link("Remove##action")) drop = i;
      ImGui::PopID();
    }
    if (drop) d.actions.erase(d.actions.begin() + static_cast<std::ptrdiff_t>(*drop));
    if (d.actions.size() < desk::max_actions) {
      std::vector<std::string> labels;
      for (auto a : action_kinds) labels.push_back(desk::label_of(a));
      choice("##Action", labels, f.action_kind, ui::dp(240));
      const auto kind = action_kinds[static_cast<std::size_t>(std::clamp(f.action_kind, 0, static_cast<int>(action_kinds.size()) - 1))];
      const bool needs_team = kind == ActionKind::route_to_team || kind == ActionKind::notify;
      const bool needs_value = kind == ActionKind::set_priority || kind == ActionKind::add_tag || kind == ActionKind::sla_tier ||
                               kind == ActionKind::auto_response || kind == ActionKind::flag;
      const bool needs_person = kind == ActionKind::route_to_person;
      if (needs_team || needs_person) {
        std::vector<std::string> options;
        if (needs_team)
          for (const auto& t : f.fields.teams) options.push_back(t.name);
        else
          for (const auto& [id, m] : s.members)
            if (identity::is_business_role(m.role)) options.push_back(member_name(s, id));
        ui::flow_next(ui::dp(200), ui::dp(8));
        int index = 0;
        for (std::size_t i = 0; i < options.size(); ++i)
          if (options[i] == f.action_value) index = static_cast<int>(i);
        if (!options.empty()) {
          choice("##Action target", options, index, ui::dp(200));
          f.action_value = options[static_cast<std::size_t>(index)];
        }
      } else if (needs_value) {
        ui::flow_next(ui::dp(200), ui::dp(8));
        ui::input_text("##Action value", "P0, billing, standard, template id, flag", f.action_value, edited, 0, ui::dp(200));
      }
      ui::flow_next(ui::dp(110), ui::dp(8));
      if (ui::secondary_button("Add action")) {
        desk::RuleAction a;
        a.kind = kind;
        if (needs_team) {
          for (const auto& t : f.fields.teams)
            if (t.name == f.action_value) a.team = t.key;
        } else if (needs_person) {
          for (const auto& [id, m] : s.members)
            if (identity::is_business_role(m.role) && member_name(s, id) == f.action_value) a.person_id = id;
        } else if (needs_value) {
          a.value = f.action_value;
        }
        d.actions.push_back(a);
        f.action_value.clear();
      }
    }
    if (!(d == before)) f.trial.reset();
    ImGui::Dummy(ui::dp(0, 6));
    // Try before adding: the shared trial over the replica's tickets (the business holds them all).
    ImGui::BeginDisabled(d.conditions.empty());
    if (ui::secondary_button("Try against past tickets")) f.trial = desk::try_rule(s, d);
    ImGui::EndDisabled();
    if (f.trial) {
      ImGui::SameLine(0, ui::dp(10));
      ImGui::AlignTextToFramePadding();
      ui::text("This rule would have matched " + std::to_string(f.trial->matched) + " of the last " + std::to_string(f.trial->considered) +
               " tickets.");
    }
    if (auto why = desk::never_matches(d); why && !d.conditions.empty()) ui::message_box("This rule can never match: " + *why + ".", ui::tone::danger);
    ImGui::Dummy(ui::dp(0, 4));
    const bool ready = !d.name.empty() && !d.conditions.empty() && !d.actions.empty();
    if (ui::primary_button("Add rule", ImVec2(0, 0), ready && f.fields.rules.size() < desk::max_rules)) {
      d.id = fresh_id(d.name, f.fields);
      d.enabled = true;
      f.fields.rules.push_back(d);
      f.draft = {};
      f.trial.reset();
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

} // namespace

void draw_routing(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch)) {
    end_page();
    return;
  }
  const auto& s = *program_state(app);
  auto& f = ui_state.routing;
  const auto& form = ui_state.form(FormId::routing);
  const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(980));
  ui::begin_column("routing-page", avail);
  page_title("Routing", "Teams, the on-call rota and the rules that route, escalate and flag tickets as they arrive.");
  if (!identity::is_business_role(current_role(app, ui_state))) {
    ui::message_box("Only the business sees its routing rules.", ui::tone::neutral);
    ui::end_column();
    end_page();
    return;
  }
  ui::text("Product areas, response templates and canned triggers:", ui::color::muted);
  ImGui::SameLine(0, ui::dp(6));
  if (ui::link("Responses and triage")) dispatch(Navigate{program_route(Page::responses, s.id)});
  ImGui::Dummy(ui::dp(0, 4));
  const bool can_edit = allowed(app, domain::Action::manage_support_settings);
  if (!can_edit) ui::message_box("Only the program's owners and admins can change the teams and rules.", ui::tone::neutral);
  sync(f, s);
  const auto before = f.fields;
  ImGui::BeginDisabled(form.sending);
  teams_card(s, f, avail, can_edit);
  rules_card(s, f, avail, can_edit);
  if (can_edit) new_rule_card(s, f, avail);
  ImGui::EndDisabled();
  if (!(f.fields == before)) f.notice.clear();

  // What saving would refuse or warn about, before saving (the same check as the server's).
  const auto check = desk::check_routing(s, f.fields);
  for (const auto& w : check.warnings) ui::message_box(w.text, ui::tone::warning);
  if (check.error) ui::error_box("Cannot save: " + check.error->message);
  for (const auto& [field, message] : form.errors.fields) ui::error_box("Not saved: " + message);
  if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  if (!f.notice.empty()) ui::message_box(f.notice, ui::tone::success);
  else if (f.dirty() && !form.sending) ui::message_box("You have unsaved changes.", ui::tone::warning);
  if (can_edit) {
    const char* label = form.sending ? "Saving\xE2\x80\xA6###Save routing" : "Save routing###Save routing";
    if (ui::primary_button(label, ImVec2(ui::dp(180), ui::dp(40)), f.dirty() && !form.sending && !check.error))
      dispatch(SendCommand{FormId::routing, domain::ChangeRouting{f.fields}});
    ImGui::SameLine(0, ui::dp(8));
    ImGui::BeginDisabled(!f.dirty() || form.sending);
    if (ui::secondary_button("Discard changes", ImVec2(0, ui::dp(40)))) f.fields = f.base = s.routing;
    ImGui::EndDisabled();
  }
  ImGui::Dummy(ui::dp(0, 20));
  ui::end_column();
  end_page();
}

} // namespace pd::client::views
