#include "client/views/support/held_mail_parts.hpp"

#include "client/app/format.hpp"
#include "client/platform/browser.hpp"
#include "client/ui/ui.hpp"

#include <imgui.h>

#include <string>

namespace pd::client::views {

void draw_held_mail(const AppState& /*app*/, UiState& ui_state, Dispatch& dispatch, float avail) {
  const auto& list = ui_state.held_mail;
  ImGui::Dummy(ui::dp(0, 10));
  if (ui::begin_card("held-mail", avail)) {
    ui::heading("Held mail", 17);
    ui::text_wrapped("Replies by email that were not added to a ticket by themselves: from another address than the "
                     "ticket's customer, to an old reply address, or refused by the ticket. Add one to its ticket as "
                     "your reply, or discard it.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (!list.error.empty()) ui::error_box(list.error);
    if (list.loading && !list.loaded)
      ui::text("Loading…", ui::color::muted);
    else if (list.items.empty())
      ui::text("No held mail.", ui::color::muted);
    for (const auto& m : list.items) {
      const auto id = std::to_string(m.id);
      ImGui::PushID(static_cast<int>(m.id));
      ImGui::Separator();
      ImGui::Dummy(ui::dp(0, 2));
      ui::text(m.sender + (m.ticket_id ? "  ·  ticket #" + std::to_string(m.ticket_id) : std::string()));
      if (!m.subject.empty()) ui::text(m.subject, ui::color::muted);
      ui::caption(relative_time(m.received_at, static_cast<std::int64_t>(platform::wall_clock_ms())) + "  ·  " +
                  m.reason);
      ui::text_wrapped(m.text);
      ImGui::Dummy(ui::dp(0, 2));
      const bool busy = list.busy_id != 0;
      ImGui::BeginDisabled(busy);
      if (m.ticket_id != 0) {
        if (ui::secondary_button(("Add to ticket##held-" + id).c_str())) dispatch(DecideHeldMail{m.id, true});
        ImGui::SameLine(0, ui::dp(8));
      }
      if (ui::secondary_button(("Discard##held-" + id).c_str())) dispatch(DecideHeldMail{m.id, false});
      ImGui::EndDisabled();
      ImGui::Dummy(ui::dp(0, 4));
      ImGui::PopID();
    }
    if (ui::secondary_button("Check for held mail")) dispatch(LoadHeldMail{});
  }
  ui::end_card();
}

} // namespace pd::client::views
