// One customer (#/p/{id}/customers/{customer}) and "Add customer" (#/p/{id}/customers/new).
// Business: the profile form (validated by the server, its field errors shown under the
// fields), the assignment to an agent or the business queue, the customer's account.
// Agent: the same record, read-only, with the customer's tenure.
//
// Concurrent edits: while the person has not typed anything, the form follows the live
// record. When their save loses to someone else's (409), the other version is loaded into
// the form and the person's own edits are listed beside it, with "Apply my edits again" to
// put them back on top (then review and save) or "Discard my edits".
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/support/check_in_parts.hpp"
#include "client/views/program/privacy_parts.hpp"
#include "client/views/support/conduct_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/retention_parts.hpp"
#include "client/views/tones.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

using domain::SubscriptionStatus;

constexpr SubscriptionStatus subscriptions[] = {SubscriptionStatus::trialing, SubscriptionStatus::active, SubscriptionStatus::past_due,
                                                SubscriptionStatus::cancelled};

// A labeled field of the profile form; dispatches CustomerEdited when it changes.
void profile_input(const char* label, const char* id, const char* hint, std::string& value, const CustomerForm& f,
                   const char* field, Dispatch& dispatch, ImGuiInputTextFlags flags = 0) {
  if (labeled_input(label, id, hint, value, f.errors.field(field), flags)) dispatch(CustomerEdited{});
}

void subscription_field(CustomerForm& f, Dispatch& dispatch) {
  ui::field_label("Subscription");
  std::vector<std::string> labels;
  int index = 0;
  for (int i = 0; i < 4; ++i) {
    labels.emplace_back(subscription_label(subscriptions[i]));
    if (f.fields.subscription == subscriptions[i]) index = i;
  }
  if (choice("##Subscription", labels, index, -FLT_MIN)) {
    f.fields.subscription = subscriptions[index];
    dispatch(CustomerEdited{});
  }
  ui::field_error(f.errors.field("subscription"));
  ImGui::Dummy(ui::dp(0, 2));
}

void referrer_field(const domain::ProgramState& s, CustomerForm& f, Dispatch& dispatch) {
  ui::field_label("Referred by");
  std::vector<std::string> labels = {"Nobody (came directly)"};
  std::vector<domain::PersonId> values = {0};
  for (const auto* a : agents_by_name(s)) {
    labels.push_back(member_name(s, a->person_id));
    values.push_back(a->person_id);
  }
  int index = -1;
  for (int i = 0; i < static_cast<int>(values.size()); ++i)
    if (values[static_cast<std::size_t>(i)] == f.fields.referring_agent) index = i;
  if (index < 0) {
    labels.push_back(member_name(s, f.fields.referring_agent));
    values.push_back(f.fields.referring_agent);
    index = static_cast<int>(values.size()) - 1;
  }
  if (choice("##Referred by", labels, index, -FLT_MIN)) {
    f.fields.referring_agent = values[static_cast<std::size_t>(index)];
    dispatch(CustomerEdited{});
  }
  ui::field_error(f.errors.field("referring_agent"));
}

void conflict_box(const CustomerForm& f, Dispatch& dispatch) {
  ui::begin_tinted(ui::tone::warning);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text("Someone else changed this customer \xE2\x80\x94 their version is loaded.", ui::color::warning);
  }
  if (f.reloading) {
    ui::text("Loading their version\xE2\x80\xA6", ui::color::warning);
  } else if (!f.set_aside.empty()) {
    ui::text("The form now shows their version. Your edits were not saved:", ui::color::text);
    for (const auto& a : f.set_aside) {
      ImGui::PushID(a.field.c_str());
      ui::dot(ui::color::warning);
      ui::text(a.label + ": " + (a.mine.empty() ? std::string("(empty)") : a.mine));
      ImGui::PopID();
    }
    ImGui::Dummy(ui::dp(0, 2));
    if (ui::secondary_button("Apply my edits again")) dispatch(ReapplyMyEdits{});
    ImGui::SameLine();
    if (ui::secondary_button("Discard my edits")) dispatch(DismissSetAside{});
  } else {
    ui::text("Review it, then make your change again if it is still needed.", ui::color::text);
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 4));
}

// The profile fields, two a row.
void profile_fields(const domain::ProgramState& s, CustomerForm& f, Dispatch& dispatch) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ui::dp(8, 2));
  const bool table = ImGui::BeginTable("##fields", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoPadOuterX);
  auto row = [&](auto left, auto right) {
    if (!table) return;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    left();
    ImGui::TableSetColumnIndex(1);
    right();
  };
  ImGui::PushID("name-email");
  row([&] { profile_input("Name", "##Name", "Contact and company", f.fields.name, f, "name", dispatch); },
      [&] { profile_input("Email", "##Email", "name@company.com", f.fields.email, f, "email", dispatch, ImGuiInputTextFlags_CharsNoBlank); });
  ImGui::PopID();
  ImGui::PushID("segment-sub");
  row([&] { profile_input("Segment", "##Segment", "Enterprise, Growth, Starter\xE2\x80\xA6", f.fields.segment, f, "segment", dispatch); },
      [&] { subscription_field(f, dispatch); });
  ImGui::PopID();
  ImGui::PushID("since-mrr");
  row([&] { profile_input("Customer since", "##Customer since", "YYYY-MM-DD", f.fields.started_on, f, "started_on", dispatch); },
      [&] {
        const std::string label = "Monthly recurring revenue (" + s.currency + ")";
        profile_input(label.c_str(), "##MRR", "0.00", f.fields.mrr, f, "mrr", dispatch);
      });
  ImGui::PopID();
  ImGui::PushID("referrer");
  row([&] { referrer_field(s, f, dispatch); },
      [&] { profile_input("Renews on (optional)", "##Renews on", "YYYY-MM-DD", f.fields.renews_on, f, "renews_on", dispatch); });
  ImGui::PopID();
  if (table) ImGui::EndTable();
  ImGui::PopStyleVar();
}

// Save (or Add customer), then Cancel for a new customer, Discard changes for edits, or "No unsaved changes".
void save_footer(const domain::ProgramState& s, const CustomerForm& f, bool is_new, Dispatch& dispatch) {
  const bool can_save = !f.saving && (is_new || f.dirty());
  const char* save = is_new ? (f.saving ? "Adding\xE2\x80\xA6###Save" : "Add customer###Save")
                            : (f.saving ? "Saving\xE2\x80\xA6###Save" : "Save changes###Save");
  if (ui::primary_button(save, ImVec2(ui::dp(150), ui::dp(40)), can_save)) dispatch(SaveCustomer{});
  ImGui::SameLine(0, ui::dp(10));
  if (is_new) {
    if (ui::secondary_button("Cancel", ImVec2(0, ui::dp(40)))) dispatch(Navigate{program_route(Page::customers, s.id)});
  } else if (f.dirty() && !f.saving) {
    if (ui::secondary_button("Discard changes", ImVec2(0, ui::dp(40)))) dispatch(DiscardCustomerEdits{});
  } else if (!f.dirty()) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ui::dp(40) - ImGui::GetTextLineHeight()) * 0.5f);
    ui::text("No unsaved changes", ui::color::muted);
  }
}

void profile_form(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s,
                  const domain::Customer* record, float width) {
  auto& f = ui_state.customer;
  const bool is_new = f.customer_id == 0;
  if (!ui::begin_card("profile-form", width)) {
    ui::end_card();
    return;
  }
  ui::heading(is_new ? "New customer" : "Profile", 17);
  ImGui::Dummy(ui::dp(0, 4));
  if (!f.ready) {
    ui::text("Loading\xE2\x80\xA6", ui::color::muted);
    ui::end_card();
    return;
  }
  if (f.conflict) conflict_box(f, dispatch);
  else if (record && f.dirty() && record->version > f.base_version) {
    ui::message_box("Someone else changed this customer while you were editing. Saving shows you their version first.",
                    ui::tone::accent);
    ImGui::Dummy(ui::dp(0, 4));
  }
  if (!f.notice.empty()) {
    ui::message_box(f.notice, ui::tone::success);
    ImGui::Dummy(ui::dp(0, 4));
  }
  if (!f.errors.general.empty()) {
    ui::error_box(f.errors.general);
    ImGui::Dummy(ui::dp(0, 4));
  }

  const bool editable = allowed(app, domain::Action::write_customer);
  ImGui::BeginDisabled(f.saving || !editable);
  profile_fields(s, f, dispatch);
  ImGui::EndDisabled();

  ImGui::Dummy(ui::dp(0, 8));
  if (editable) save_footer(s, f, is_new, dispatch);
  ui::end_card();
}

void support_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s,
                  const domain::Customer& c, float width) {
  auto& f = ui_state.customer;
  if (ui::begin_card("support", width)) {
    ui::heading("Support", 17);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("Who answers this customer's support requests: a partner agent, or your own team.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ui::field_label("Assigned to");
    // Only active, certified agents can take customers; the current assignee stays listed.
    std::vector<std::string> labels = {"Business queue (your team)"};
    std::vector<domain::PersonId> values = {0};
    for (const auto* a : agents_by_name(s)) {
      const bool assignable = domain::can_be_assigned_customers(s, a->person_id);
      if (!assignable && a->person_id != c.assigned_agent) continue;
      std::string label = member_name(s, a->person_id);
      if (!domain::can_take_customers(*a))
        label += std::string(" (") + partner_status_label(a->status) + ")";
      else if (!assignable)
        label += std::string(" (certification ") + domain::label_of(domain::certification_status(s.certification, a->person_id)) + ")";
      labels.push_back(label);
      values.push_back(a->person_id);
    }
    int index = 0;
    for (int i = 0; i < static_cast<int>(values.size()); ++i)
      if (values[static_cast<std::size_t>(i)] == c.assigned_agent) index = i;
    const bool can_assign = allowed(app, domain::Action::assign_customer, {.customer = c.id});
    ImGui::BeginDisabled(f.assigning || !can_assign);
    if (choice("##Assigned to", labels, index, -FLT_MIN)) dispatch(AssignCustomer{values[static_cast<std::size_t>(index)]});
    ImGui::EndDisabled();
    if (f.assigning) ui::text("Assigning\xE2\x80\xA6", ui::color::muted);
    else if (!f.assign_error.empty()) ui::field_error(&f.assign_error);
    else if (!f.assign_notice.empty()) ui::text(f.assign_notice, ui::color::success);
    // The assigned agent's Certified Support Partner badge, with its dates.
    if (c.assigned_agent) {
      ImGui::Dummy(ui::dp(0, 2));
      certified_badge(s, c.assigned_agent, static_cast<std::int64_t>(platform::wall_clock_ms()), true);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 4));
  if (ui::begin_card("account", width)) {
    ui::heading("Customer portal", 17);
    ImGui::Dummy(ui::dp(0, 2));
    if (c.erased_at) {
      ui::pill("Erased", ui::tone::neutral);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped("The customer's data was erased on " + format_day_ms(c.erased_at) + ": its account can no longer sign in.", ui::color::muted);
    } else if (c.person_id) {
      ui::pill("Has an account", ui::tone::success);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped(member_name(s, c.person_id) + " signs in to follow their support requests.", ui::color::muted);
    } else {
      ui::pill("No account yet", ui::tone::neutral);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped("Invite the customer so they can follow their support requests.", ui::color::muted);
      if (allowed(app, domain::Action::invite, {.role = identity::Role::customer}) && ui::link("Invite from People"))
        dispatch(Navigate{program_route(Page::people, s.id)});
    }
  }
  ui::end_card();
}

void read_only(const AppState& app, const domain::ProgramState& s, const domain::Customer& c, float width) {
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  const float gap = ui::dp(18);
  const bool two = width >= ui::dp(760);
  const float w1 = two ? (width - gap) * 0.58f : width;
  const float w2 = two ? width - gap - w1 : width;
  if (ui::begin_card("profile", w1)) {
    ui::heading("Profile", 17);
    ImGui::Dummy(ui::dp(0, 4));
    const float lw = ui::dp(150);
    fact("Email", c.profile.email, lw);
    fact("Segment", c.profile.segment, lw);
    fact("Subscription", subscription_label(c.profile.subscription), lw);
    fact("MRR", format_money(c.profile.mrr), lw);
    fact("Customer since", format_day(c.profile.started_on), lw);
    fact("Tenure", tenure_text(c.profile.started_on, now), lw);
    fact("Referred by", c.profile.referring_agent ? member_name(s, c.profile.referring_agent) : "Nobody (came directly)", lw);
  }
  ui::end_card();
  if (two) ImGui::SameLine(0, gap);
  if (ui::begin_card("support", w2)) {
    ui::heading("Support", 17);
    ImGui::Dummy(ui::dp(0, 4));
    if (c.assigned_agent == my_id(app)) {
      ui::pill("Assigned to you", ui::tone::success);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped("You handle this customer's support requests.", ui::color::muted);
    } else {
      ui::pill("No longer assigned to you", ui::tone::neutral);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped(s.name + " moved this customer to someone else.", ui::color::muted);
    }
  }
  ui::end_card();
}

} // namespace

void draw_customer(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const bool business = identity::is_business_role(current_role(app, ui_state));
    const bool is_new = app.route.page == Page::new_customer;
    const domain::Customer* c = is_new ? nullptr : s.customer(app.route.item_id);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("customer-page", avail);
    if (back_link(business ? "Customers" : "My customers"))
      dispatch(Navigate{program_route(Page::customers, s.id)});
    if (is_new) {
      page_title("Add customer", "New customers start in the business queue; assign them to an agent once added.");
      profile_form(app, ui_state, dispatch, s, nullptr, std::min(avail, ui::dp(760)));
    } else if (!c && business && app.route.item_id >= s.next_customer_id) { // the program's counter: the business's snapshot only
      ui::text("Loading the customer\xE2\x80\xA6", ui::color::muted); // just added: on its way over the stream
    } else if (!c) {
      page_title("Customer not found", business ? "This customer does not exist in " + s.name + "."
                                                : "This customer is not assigned to you.");
    } else {
      ui::heading(c->profile.name, 26);
      ImGui::SameLine(0, ui::dp(12));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui::dp(6));
      ui::pill(subscription_label(c->profile.subscription), subscription_tone(c->profile.subscription));
      ui::text(c->profile.email + " \xC2\xB7 " + c->profile.segment + " \xC2\xB7 " + format_money(c->profile.mrr) + " a month",
               ui::color::muted);
      ImGui::Dummy(ui::dp(0, 10));
      if (business) {
        const float gap = ui::dp(18);
        const bool two = avail >= ui::dp(900);
        const float w1 = two ? (avail - gap) * 0.64f : avail;
        const float w2 = two ? avail - gap - w1 : avail;
        profile_form(app, ui_state, dispatch, s, c, w1);
        if (two) ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        support_card(app, ui_state, dispatch, s, *c, w2);
        restriction_card(s, my_id(app), *c, ui_state, dispatch, w2, static_cast<std::int64_t>(platform::wall_clock_ms())); // conduct_parts.cpp
        data_export_card(s, my_id(app), *c, ui_state, dispatch, w2, false); // privacy_parts.cpp: owners and admins
        ImGui::EndGroup();
      } else {
        read_only(app, s, *c, avail);
      }
      ImGui::Dummy(ui::dp(0, 12));
      churn_card(app, ui_state, dispatch, s, c->id, avail); // retention_view.cpp: business and the customer's agent
      ImGui::Dummy(ui::dp(0, 12));
      draw_customer_check_ins(s, my_id(app), ui_state, dispatch, *c, avail, static_cast<std::int64_t>(platform::wall_clock_ms()));
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
