#include "client/views/support/support_access_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"

#include "shared/domain/support/support_access.hpp"

namespace pd::client::views {

namespace {

const domain::AgentSupport* record_of(const domain::ProgramState& s, domain::PersonId agent) {
  auto it = s.agent_support.find(agent);
  return it == s.agent_support.end() ? nullptr : &it->second;
}

std::string remediation_text(const domain::ProgramState& s, const domain::Remediation& r) {
  return "Recorded by " + member_name(s, r.by) + " on " + format_day_ms(r.at) + ": " + r.what;
}

std::string first_name(const std::string& name) {
  auto space = name.find(' ');
  return space == std::string::npos ? name : name.substr(0, space);
}

} // namespace

bool remediation_pill(const domain::ProgramState& s, domain::PersonId agent, bool compact) {
  const auto* rec = record_of(s, agent);
  if (!rec || !rec->remediation_required) return false;
  if (rec->remediation.at == 0) {
    ui::pill(compact ? "Remediation" : "Remediation required", ui::tone::danger);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The suspension requires remediation: record what was done before reinstating.");
  } else {
    ui::pill(compact ? "Remediated" : "Remediation recorded", ui::tone::success);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", remediation_text(s, rec->remediation).c_str());
  }
  return true;
}

bool support_access_pending(const domain::ProgramState& s, domain::PersonId agent) {
  const auto* rec = record_of(s, agent);
  return (rec && rec->remediation_required) || !domain::held_customers(s, agent).empty();
}

void support_access_card(const domain::ProgramState& s, domain::PersonId agent, bool can_manage, UiState& ui, Dispatch& dispatch,
                         std::int64_t) {
  const std::string name = member_name(s, agent);
  const std::string who = first_name(name);
  const auto held = domain::held_customers(s, agent);
  const auto* rec = record_of(s, agent);
  ImGui::PushID(static_cast<int>(agent));
  ui::heading(name + ": support access", 16);
  const auto why = domain::why_no_support(s, agent);
  if (!why.empty()) ui::text_wrapped(who + " may not work support now (" + why + "): no new tickets, and no answers on tickets.", ui::color::muted);

  // The remediation a suspension requires (docs/requirements.md, Partner status), recorded
  // before reinstatement.
  if (rec && rec->remediation_required) {
    ImGui::Dummy(ui::dp(0, 4));
    if (rec->remediation.at == 0) {
      ui::message_box("Remediation required before " + who + " can be reinstated. Record what was done, then reinstate.", ui::tone::danger);
      if (can_manage) {
        auto& f = ui.remediation;
        const auto& form = ui.form(FormId::remediation);
        if (f.person_id != agent) {
          if (ui::secondary_button(("Record " + who + "'s remediation").c_str())) {
            f = RemediationForm{agent, name, {}};
            ui.support_forms.erase(FormId::remediation);
          }
        } else {
          if (!form.errors.general.empty()) ui::error_box(form.errors.general);
          labeled_input("What was done", "##Remediation done", "e.g. Retook the restricted-topics module and passed its quiz", f.what,
                        form.errors.field("what"));
          const auto footer = ui::form_footer("Record as done", "Recording\xE2\x80\xA6", form.sending, !f.what.empty(), "Cancel##remediation");
          if (footer.submit) dispatch(SendCommand{FormId::remediation, domain::RecordRemediation{agent, f.what}});
          if (footer.cancel) f = RemediationForm{};
        }
      }
    } else {
      ui::message_box("Remediation done. " + remediation_text(s, rec->remediation), ui::tone::success);
    }
  }

  // The customers waiting in the business queue, and the choice whether they come back.
  if (!held.empty()) {
    ImGui::Dummy(ui::dp(0, 4));
    std::string names;
    for (auto id : held)
      if (auto c = s.customer(id)) names += (names.empty() ? "" : ", ") + c->profile.name;
    ui::text_wrapped(count_text(static_cast<std::int64_t>(held.size()), "customer", "customers") + " of " + who +
                     (held.size() == 1 ? "'s is" : "'s are") + " handled in your queue: " + names + ". " + who +
                     " reads their tickets without answering.");
    if (can_manage) {
      const auto& form = ui.form(FormId::held);
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (domain::may_work_support(s, agent)) {
        if (ui::primary_button(("Give the customers back to " + who + "###customers come back").c_str(), ImVec2(0, 0), !form.sending))
          dispatch(SendCommand{FormId::held, domain::DecideHeldCustomers{agent, true}});
        ImGui::SameLine();
        if (ui::secondary_button("Keep them with internal support###customers stay"))
          dispatch(SendCommand{FormId::held, domain::DecideHeldCustomers{agent, false}});
      } else {
        ui::text_wrapped("When " + who + " is reinstated or certified again, you choose whether they come back.", ui::color::muted);
        if (ui::secondary_button("Move them to internal support now###customers stay"))
          dispatch(SendCommand{FormId::held, domain::DecideHeldCustomers{agent, false}});
      }
    }
  }
  ImGui::PopID();
}

void off_support_notice(const domain::ProgramState& s, domain::PersonId agent) {
  const auto notice = domain::off_support_notice_text(s, agent); // support_access.hpp
  if (notice.empty()) return;
  ui::message_box(notice, ui::tone::warning);
}

} // namespace pd::client::views
