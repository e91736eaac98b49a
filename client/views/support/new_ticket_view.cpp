// The new-ticket form (#/p/{id}/tickets/new): a customer opens one for themselves, the business
// on behalf of a customer (picked first); subject, description, attachments, category with up to
// two secondary tags, and the priority (as urgency for customers).
#include "client/views/views.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/desk/knowledge_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/conduct_parts.hpp"
#include "client/views/support/tag_parts.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <algorithm>
#include <ctime>

namespace pd::client::views {

namespace {

// Minutes east of UTC where the browser is (the C library follows the browser's time zone).
int utc_offset_minutes() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return static_cast<int>(std::clamp<long>(local.tm_gmtoff / 60, -14 * 60, 14 * 60));
}

// The business opens a ticket on behalf of a customer, picked first.
void customer_choice(const domain::ProgramState& s, NewTicketForm& f, const SupportForm& form) {
  ui::field_label("Customer");
  std::vector<std::string> labels{"Pick a customer\xE2\x80\xA6"};
  std::vector<domain::CustomerId> ids{0};
  int index = 0;
  for (const auto& [id, c] : s.customers) {
    if (id == f.customer_id) index = static_cast<int>(ids.size());
    labels.push_back(c.profile.name + " (" + c.profile.email + ")");
    ids.push_back(id);
  }
  if (choice("##Customer", labels, index, -FLT_MIN)) f.customer_id = ids[static_cast<std::size_t>(index)];
  ui::field_error(form.errors.field("customer_id"));
  ImGui::Dummy(ui::dp(0, 6));
}

} // namespace

void draw_new_ticket(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const bool business = identity::is_business_role(role);
    auto& f = ui_state.new_ticket;
    const auto& form = ui_state.form(FormId::new_ticket);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(720));
    ui::begin_column("new-ticket-page", avail);
    if (back_link(business ? "Tickets" : "My tickets")) dispatch(Navigate{program_route(Page::tickets, s.id)});
    page_title("Open a ticket", business ? "On behalf of a customer." : "Tell us what is going on; we answer within the SLA of your plan.");
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    // A customer whose tickets are restricted after repeated abuse is told so up front.
    const auto* own = business ? nullptr : s.customer_of_person(my_id(app));
    const bool refused = own && customer_refusal_notice(s, own->id, nullptr, clock_ms());

    if (business) customer_choice(s, f, form);
    labeled_input("Subject", "##Subject", "A short summary", f.subject, form.errors.field("subject"));
    ImGui::Dummy(ui::dp(0, 6));
    ui::field_label("Description");
    multiline("##Description", f.text, ui::dp(160));
    ui::field_error(form.errors.field("text"));
    desk_views::new_ticket_suggestions(s, my_id(app), f, dispatch); // matching articles before submitting (deflection)
    attachment_draft(f.files, FormId::new_ticket, s.support_settings.max_attachment_bytes, dispatch);
    for (const auto& [field, message] : form.errors.fields)
      if (field.starts_with("attachments")) ui::field_error(&message);
    ImGui::Dummy(ui::dp(0, 6));
    {
      std::vector<std::string> cats;
      for (auto c : domain::all_categories) cats.push_back(category_label(c));
      ui::field_label("Category");
      choice("##Category", cats, f.category, ui::dp(240));
      ui::field_error(form.errors.field("category"));
      ImGui::Dummy(ui::dp(0, 4));
      ui::field_label("Also about (up to two secondary tags)");
      secondary_tags(domain::all_categories[static_cast<std::size_t>(std::clamp(f.category, 0, 9))], f.tags);
      ui::field_error(form.errors.field("tags"));
    }
    ImGui::Dummy(ui::dp(0, 6));
    {
      std::vector<std::string> prios;
      for (auto p : {domain::Priority::p0, domain::Priority::p1, domain::Priority::p2, domain::Priority::p3})
        prios.push_back(business ? std::string(domain::label_of(p))
                                 : std::string(p == domain::Priority::p0   ? "Critical: we cannot work"
                                               : p == domain::Priority::p1 ? "High: a key feature is broken"
                                               : p == domain::Priority::p2 ? "Normal"
                                                                           : "Low: a question"));
      ui::field_label(business ? "Priority" : "Urgency");
      choice("##Priority", prios, f.priority, ui::dp(300));
      ui::field_error(form.errors.field("priority"));
    }
    ImGui::Dummy(ui::dp(0, 12));
    const bool ready = !f.subject.empty() && !f.text.empty() && (!business || f.customer_id) && !f.files.upload_id && !refused;
    const auto footer = ui::form_footer("Submit ticket", "Opening\xE2\x80\xA6", form.sending, ready);
    if (footer.submit) {
      domain::OpenTicket cmd;
      cmd.customer_id = business ? f.customer_id : 0;
      cmd.subject = f.subject;
      cmd.text = f.text;
      cmd.category = domain::all_categories[static_cast<std::size_t>(std::clamp(f.category, 0, 9))];
      cmd.priority = static_cast<domain::Priority>(std::clamp(f.priority, 0, 3));
      cmd.tags = f.tags;
      cmd.attachments = f.files.files;
      cmd.utc_offset_minutes = utc_offset_minutes(); // the acknowledgement names the reply time in the customer's own time zone
      // Read a suggested article and submitted anyway: not deflected.
      if (!f.read_articles.empty()) dispatch(SendCommand{FormId::deflection, domain::RecordDeflection{f.read_articles.front(), true}});
      dispatch(SendCommand{FormId::new_ticket, cmd});
    }
    if (footer.cancel) {
      // Read a suggested article and left without submitting: deflected.
      if (!f.read_articles.empty() && !business) dispatch(SendCommand{FormId::deflection, domain::RecordDeflection{f.read_articles.front(), false}});
      f.read_articles.clear();
      dispatch(Navigate{program_route(Page::tickets, s.id)});
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
