#include "client/views/program/privacy_parts.hpp"

#include "client/app/format.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/domain/privacy/customer_export.hpp"

namespace pd::client::views {

void data_export_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, const UiState& ui_state,
                      Dispatch& dispatch, float width, bool own) {
  if (!domain::may_export_customer(s, me, c.id)) return;
  const auto& x = ui_state.data_export;
  const bool this_one = x.program_id == s.id && x.customer_id == c.id;
  if (ui::begin_card("customer-data", width)) {
    ui::heading(own ? "Your data" : "Customer data", 17);
    ui::text_wrapped(own ? "Download a copy of everything " + s.name +
                               " holds about you: your profile, your tickets with their messages, your ratings and survey answers, "
                               "and the files attached to your tickets, as a ZIP with a manifest."
                         : "Export everything the program holds about " + c.profile.name +
                               ": profile, tickets with their public messages, ratings, survey answers and attached files, as a ZIP "
                               "with a manifest (the customer's right of access). Internal notes are not included.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    const bool busy = this_one && x.busy;
    if (ui::primary_button(busy ? "Preparing\xE2\x80\xA6" : own ? "Download my data" : "Export data (ZIP)", ImVec2(0, 0), !busy))
      dispatch(ExportCustomerData{c.id});
    if (this_one && !x.error.empty()) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::message_box(x.error, ui::tone::danger);
    } else if (this_one && x.saved) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::message_box("Saved " + x.file_name + ": " + count_text(x.tickets, "ticket", "tickets") + ", " +
                          count_text(x.messages, "message", "messages") + ", " + count_text(x.ratings, "rating", "ratings") + ", " +
                          count_text(x.attachments, "file", "files") + (x.attachments ? " (" + size_text(x.attachment_bytes) + ")" : std::string()) +
                          ".",
                      ui::tone::success);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 4));
}

} // namespace pd::client::views
