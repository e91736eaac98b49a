// [SECTION] Store: forms, drafts and the commands they send
// Index:
//   [SECTION] Helpers
//   [SECTION] Commands
//   [SECTION] Forms follow the page and the replica
//   [SECTION] Customer form
//   [SECTION] Confirmed changes
//   [SECTION] People and settings
//
// Drafts: what a person typed is kept in sessionStorage (this tab, survives a reload; never
// a password), under "partnerdesk.draft.<person>.<form>", and removed once saved or
// discarded, and on sign-out.
#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/store.hpp"
#include "client/app/text.hpp"

#include "shared/core/money_parse.hpp"

#include <algorithm>

namespace pd::client {

// [SECTION] Helpers
namespace {

ProfileFields fields_of(const domain::CustomerProfile& p) {
  ProfileFields f;
  f.name = p.name;
  f.email = p.email;
  f.segment = p.segment;
  f.subscription = p.subscription;
  f.started_on = p.started_on;
  f.renews_on = p.renews_on;
  f.mrr = money_input(p.mrr);
  f.referring_agent = p.referring_agent;
  return f;
}

nlohmann::json fields_json(const ProfileFields& f) {
  return {{"name", f.name},           {"email", f.email}, {"segment", f.segment}, {"subscription", f.subscription},
          {"started_on", f.started_on}, {"mrr", f.mrr},     {"referring_agent", f.referring_agent}, {"renews_on", f.renews_on}};
}

ProfileFields fields_from(const nlohmann::json& j) {
  ProfileFields f;
  if (!j.is_object()) return f;
  f.name = j.value("name", "");
  f.email = j.value("email", "");
  f.segment = j.value("segment", "");
  f.subscription = j.value("subscription", domain::SubscriptionStatus::active);
  f.started_on = j.value("started_on", "");
  f.renews_on = j.value("renews_on", "");
  f.mrr = j.value("mrr", "");
  f.referring_agent = j.value("referring_agent", std::int64_t{0});
  return f;
}

// "data.profile.mrr.minor" -> "mrr": the form field a server error is about.
std::string form_field(const std::string& api_field) {
  constexpr std::string_view prefix = "data.profile.";
  if (api_field.rfind(prefix, 0) != 0) return {};
  std::string rest = api_field.substr(prefix.size());
  if (rest.rfind("mrr", 0) == 0) return "mrr";
  return rest;
}

const char* field_label(const std::string& field) {
  if (field == "name") return "Name";
  if (field == "email") return "Email";
  if (field == "segment") return "Segment";
  if (field == "subscription") return "Subscription";
  if (field == "started_on") return "Customer since";
  if (field == "mrr") return "MRR";
  if (field == "referring_agent") return "Referred by";
  if (field == "renews_on") return "Renews on";
  return "";
}

// Server messages name fields by their wire path ("'data.profile.started_on' must be ..."); next
// to the field, its label reads better ("Customer since must be ...").
std::string readable(std::string message, const std::string& api_field, const std::string& label) {
  if (label.empty()) return message;
  for (const std::string& quoted : {"'" + api_field + "'", "'" + api_field.substr(api_field.rfind('.') + 1) + "'"}) {
    if (auto pos = message.find(quoted); pos != std::string::npos) message.replace(pos, quoted.size(), label);
  }
  return message;
}

std::string person_name(const domain::ProgramState* s, domain::PersonId id) {
  if (!id) return "Nobody";
  if (s)
    if (auto m = s->member(id)) return m->name.empty() ? m->email : m->name;
  return "Person " + std::to_string(id);
}

// A whole list saved (the routing, the product areas, the triggers): what was sent is the new
// base, and the notice says whether anything changed. Returns the toast.
template <class List>
std::string list_saved(List& base, const List& fields, std::string& notice, const CommandAnswer& answer, const std::string& what, std::string saved) {
  base = fields;
  notice = answer.events.empty() ? "Nothing to save: " + what + " already look like this." : saved;
  return saved;
}

} // namespace

// [SECTION] Commands
void Store::send_command(CommandKind kind, std::int64_t program_id, domain::Command command, std::int64_t item_id) {
  domain::CommandEnvelope envelope{platform::random_hex(16), std::move(command)};
  Pending p;
  p.kind = Request::command;
  p.command = kind;
  p.program_id = program_id;
  p.item_id = item_id;
  p.method = platform::Method::post;
  p.path = "/api/v1/programs/" + std::to_string(program_id) + "/commands";
  p.body = dump(domain::encode_command(envelope));
  send(std::move(p));
}

void Store::on_command(const Pending& p, const platform::HttpResponse& r) {
  if (r.status != 200) return on_command_error(p, error_of(r));
  const CommandAnswer answer = decode_answer(r.body); // command_answer.hpp: the one place answers are read
  const auto& events = answer.events;
  const domain::ProgramState* state = app_.replica.program_id == p.program_id && app_.replica.state ? &*app_.replica.state : nullptr;

  switch (p.command) {
  case CommandKind::support: on_support_done(p, answer); break;
  case CommandKind::add_customer: {
    auto& f = ui_.customer;
    f.saving = false;
    std::int64_t id = 0;
    if (const auto* added = find_event<domain::CustomerAdded>(answer)) id = added->customer_id;
    browser_.session_remove(draft_key("customer." + std::to_string(p.program_id) + ".new"));
    f = CustomerForm{};
    toast("Customer added.");
    if (id) go(program_route(Page::customer, p.program_id, id), false);
    break;
  }
  case CommandKind::update_customer: {
    auto& f = ui_.customer;
    if (f.program_id != p.program_id || f.customer_id != p.item_id) break;
    f.saving = false;
    f.base = f.fields;
    for (const auto& e : events)
      if (std::holds_alternative<domain::CustomerUpdated>(e.body)) f.base_version = e.seq;
    f.conflict = false;
    f.set_aside.clear();
    f.notice = events.empty() ? "Nothing to save: the customer already looks like this." : "Changes saved.";
    clear_customer_draft();
    break;
  }
  case CommandKind::assign: {
    auto& f = ui_.customer;
    if (f.program_id == p.program_id && f.customer_id == p.item_id) {
      f.assigning = false;
      std::int64_t agent = 0;
      for (const auto& e : events)
        if (const auto* assigned = std::get_if<domain::CustomerAssigned>(&e.body)) agent = assigned->agent_id;
      f.assign_notice = agent ? "Assigned to " + person_name(state, agent) + "." : "Moved to the business queue.";
    }
    break;
  }
  case CommandKind::agent_status:
  case CommandKind::change_role:
  case CommandKind::remove_member:
  case CommandKind::revoke: {
    const auto& c = ui_.confirm;
    std::string done;
    if (p.command == CommandKind::agent_status)
      done = c.status == domain::PartnerStatus::active
                 ? c.subject + " is active again."
                 : c.subject + " is now " + std::string(domain::to_string(c.status)) + ".";
    else if (p.command == CommandKind::change_role)
      done = c.subject + (c.role == identity::Role::staff ? " is now on the staff." : c.role == identity::Role::owner ? " is now an owner." : " is now an admin.");
    else if (p.command == CommandKind::remove_member) done = c.subject + " was removed from the program.";
    else done = "The invitation for " + c.subject + " was revoked.";
    ui_.confirm = Confirm{};
    toast(done);
    break;
  }
  case CommandKind::invite: {
    auto& f = ui_.invite;
    f.sending = false;
    f.copied = false;
    f.link_email = trim(f.email);
    f.link_role = f.role;
    if (!answer.invitation_link.empty()) {
      f.link = browser_.origin() + answer.invitation_link;
    } else {
      f.link.clear();
      f.errors.general = "The invitation was created, but its link could not be shown. Revoke it below and invite again.";
    }
    f.email.clear();
    f.customer_id = 0;
    browser_.session_remove(draft_key("invite." + std::to_string(p.program_id)));
    break;
  }
  case CommandKind::rename: {
    auto& f = ui_.rename;
    f.saving = false;
    f.edited = false;
    f.notice = "Program renamed.";
    browser_.session_remove(draft_key("rename." + std::to_string(p.program_id)));
    break;
  }
  }
}

void Store::on_command_error(const Pending& p, const core::Error& e) {
  switch (p.command) {
  case CommandKind::support: {
    auto& f = ui_.support_forms[p.form];
    f.sending = false;
    std::string field = e.field;
    if (field.rfind("data.", 0) == 0) field = field.substr(5);
    if (p.form == FormId::reply && field == "send_despite_warning") {
      // The server saw a restricted topic the agent was not warned about: ask now.
      ui_.ticket.warned = true;
      ui_.ticket.despite = true;
      break;
    }
    if (!field.empty()) f.errors.fields[field] = e.message;
    else f.errors.general = e.message;
    break;
  }
  case CommandKind::add_customer:
  case CommandKind::update_customer: {
    auto& f = ui_.customer;
    if (f.program_id != p.program_id || f.customer_id != p.item_id) break;
    f.saving = false;
    if (e.code == core::ErrorCode::conflict && e.current_version > 0 && p.command == CommandKind::update_customer) {
      // Someone else's change won. Their version is loaded into the form; the person's own
      // edits are kept aside, listed, and can be put back on top with one click.
      const domain::ProgramState* state = app_.replica.state ? &*app_.replica.state : nullptr;
      f.conflict = true;
      f.mine = f.fields;
      f.set_aside.clear();
      auto add = [&](const char* field, const std::string& mine, const std::string& base) {
        if (mine != base) f.set_aside.push_back(SetAsideEdit{field, field_label(field), mine});
      };
      add("name", f.fields.name, f.base.name);
      add("email", f.fields.email, f.base.email);
      add("segment", f.fields.segment, f.base.segment);
      add("subscription", subscription_label(f.fields.subscription), subscription_label(f.base.subscription));
      add("started_on", f.fields.started_on, f.base.started_on);
      add("renews_on", f.fields.renews_on, f.base.renews_on);
      add("mrr", f.fields.mrr, f.base.mrr);
      add("referring_agent", person_name(state, f.fields.referring_agent), person_name(state, f.base.referring_agent));
      f.reloading = true;
      Pending reload;
      reload.kind = Request::customer_reload;
      reload.program_id = p.program_id;
      reload.item_id = p.item_id;
      reload.path = "/api/v1/programs/" + std::to_string(p.program_id) + "/customers/" + std::to_string(p.item_id);
      send(std::move(reload));
      save_customer_draft();
      break;
    }
    const auto field = form_field(e.field);
    if (!field.empty()) f.errors.fields[field] = readable(e.message, e.field, field_label(field));
    else f.errors.general = e.message;
    break;
  }
  case CommandKind::assign: {
    auto& f = ui_.customer;
    if (f.program_id == p.program_id && f.customer_id == p.item_id) {
      f.assigning = false;
      f.assign_error = e.message;
    }
    break;
  }
  case CommandKind::agent_status:
  case CommandKind::change_role:
  case CommandKind::remove_member:
  case CommandKind::revoke: {
    auto& c = ui_.confirm;
    c.sending = false;
    if (e.field == "data.reason") c.errors.fields["reason"] = e.message;
    else c.errors.general = e.message;
    break;
  }
  case CommandKind::invite: {
    auto& f = ui_.invite;
    f.sending = false;
    if (e.field == "data.email") f.errors.fields["email"] = e.message;
    else if (e.field == "data.role") f.errors.fields["role"] = e.message;
    else if (e.field == "data.customer_id") f.errors.fields["customer"] = e.message;
    else if (e.field == "data.expires_in_hours") f.errors.fields["hours"] = e.message;
    else f.errors.general = e.message;
    break;
  }
  case CommandKind::rename: {
    auto& f = ui_.rename;
    f.saving = false;
    if (e.field == "data.name") f.errors.fields["name"] = e.message;
    else f.errors.general = e.message;
    break;
  }
  }
}

void Store::on_support_done(const Pending& p, const CommandAnswer& answer) {
  auto& f = ui_.support_forms[p.form];
  f.sending = false;
  f.errors.clear();
  auto& t = ui_.ticket;
  switch (p.form) {
  case FormId::reply: {
    const bool internal = t.internal;
    t.reply.clear();
    t.reply_files = {};
    t.internal = false;
    t.warned = t.despite = false;
    t.reply_template = 0;
    for (bool& tick : t.self_check) tick = false;
    toast(internal ? "Internal note added." : "Reply sent.");
    browser_.session_remove(draft_key("reply." + std::to_string(p.program_id) + "." + std::to_string(p.item_id)));
    break;
  }
  case FormId::support_settings: {
    auto& s = ui_.support_settings;
    s.base = s.fields;
    s.changed_elsewhere = false;
    s.notice = answer.events.empty() ? "Nothing to save: the settings already look like this." : "Changes saved.";
    // The replica's copy carries the calendars' offsets the server filled in. It replaces the
    // form's when its event arrives (sync_forms), or now if the event came first.
    const domain::ProgramState* state = app_.replica.program_id == p.program_id && app_.replica.state ? &*app_.replica.state : nullptr;
    const auto without_offsets = [](domain::SupportSettings x) {
      for (auto& tier : x.tiers) tier.calendar.offsets.clear();
      return x;
    };
    if (state && s.program_id == p.program_id && without_offsets(state->support_settings) == without_offsets(s.fields)) {
      s.base = s.fields = s.seen = state->support_settings;
    }
    break;
  }
  case FormId::escalate:
    // The draft that raised the restricted-topic warning is handed over with the escalation.
    t.reply.clear();
    t.warned = t.despite = false;
    browser_.session_remove(draft_key("reply." + std::to_string(p.program_id) + "." + std::to_string(p.item_id)));
    t.escalate_open = false;
    t.esc_reason.clear(), t.esc_summary.clear(), t.esc_attempts.clear(), t.esc_impact.clear(), t.esc_recommended.clear();
    toast("Ticket escalated.");
    break;
  case FormId::triage:
    t.triage_priority = t.triage_category = -1;
    t.triage_tags_touched = false;
    t.triage_tags.clear();
    t.triage_entries_touched = false;
    toast("Triage saved.");
    break;
  case FormId::take_over: toast("You are handling this ticket now."); break;
  case FormId::resolve:
    t.resolve_open = false;
    t.resolve_note.clear();
    toast("Ticket resolved.");
    break;
  case FormId::confirm_answer: toast("Glad it helped. Your ticket is resolved."); break;
  case FormId::close:
    t.close_open = false;
    t.close_note.clear();
    toast("Ticket closed.");
    break;
  case FormId::merge:
    t.merge_open = false;
    t.merge_pick.clear();
    toast("Tickets merged into this one.");
    break;
  case FormId::estimate:
    t.estimate_open = false;
    toast("The customer sees the estimate.");
    break;
  case FormId::third_party:
    t.third_party_open = false;
    toast("The ticket waits on " + t.party + ".");
    break;
  case FormId::accept_wait: toast("Wait accepted: the resolution time is held."); break;
  case FormId::end_wait: toast("The wait ended: the resolution time runs again."); break;
  case FormId::conversation:
    toast(t.conversation_chat ? "Chat logged; its summary was sent to the customer." : "Call logged; its summary was sent to the customer.");
    t.conversation_open = t.conversation_despite = false;
    t.conversation_minutes = 0;
    t.conversation_record.clear(), t.conversation_summary.clear();
    break;
  case FormId::rate:
    for (auto& r : t.rating) r = 0;
    t.rating_comment.clear();
    toast("Thank you for your rating.");
    break;
  case FormId::handling:
    t.handling_score = 0;
    t.use_checklist = false;
    for (auto& c : t.checklist) c = 0;
    t.handling_comment.clear();
    toast("Rating saved.");
    break;
  case FormId::answer:
    t.answer.clear();
    toast("Answer sent to the customer.");
    break;
  case FormId::abuse:
    t.abuse_text.clear(); // the next step starts from its own words
    toast("Recorded in the ticket's audit trail.");
    break;
  case FormId::restrict_customer:
    ui_.customer.restrict_reason.clear();
    toast("The customer's tickets are updated.");
    break;
  case FormId::erasure: {
    const bool asked = find_event<domain::ErasureRequested>(answer) != nullptr;
    const bool erased = find_event<domain::CustomerErased>(answer) != nullptr;
    ui_.erasure.asking_customer = ui_.erasure.rejecting = 0;
    ui_.erasure.note.clear();
    ui_.erasure.reason.clear();
    toast(erased ? "The customer's data is erased." : asked ? "Erasure requested." : "The request is rejected; the customer is told.");
    break;
  }
  case FormId::new_ticket: {
    const auto* opened = find_event<domain::TicketOpened>(answer);
    const std::int64_t id = opened ? opened->ticket_id : 0;
    ui_.new_ticket = NewTicketForm{};
    toast("Ticket opened.");
    go(id ? program_route(Page::ticket, p.program_id, id) : program_route(Page::tickets, p.program_id), false);
    break;
  }
  case FormId::notifications: break;
  case FormId::warn:
    toast(ui_.warn.subject + " was warned.");
    ui_.warn = WarnForm{};
    break;
  case FormId::remediation:
    toast("Remediation recorded for " + ui_.remediation.subject + ".");
    ui_.remediation = RemediationForm{};
    break;
  case FormId::held: toast("Done: the customers' tickets are where you chose."); break;
  case FormId::stop_referral:
    toast(ui_.stop_referral.subject + "'s referral commission is stopped.");
    ui_.stop_referral = StopReferralForm{};
    break;
  case FormId::check_in_done: toast("Check-in marked done."); break;
  case FormId::quality:
    toast(answer.events.empty() ? "Nothing to save: the thresholds already look like this." : "Thresholds saved.");
    ui_.quality.edited = false;
    break;
  case FormId::data_retention:
    toast(answer.events.empty() ? "Nothing to save: the periods already look like this." : "Retention periods saved.");
    ui_.data_retention.edited = false;
    break;
  case FormId::nps:
    toast(answer.events.empty() ? "Thank you." : "Thank you for your answer.");
    ui_.nps = {};
    break;
  case FormId::retention_open: {
    const auto* opened = find_event<domain::RetentionCaseOpened>(answer);
    if (opened) ui_.retention.case_id = opened->retention_case.id;
    toast("Retention case opened.");
    break;
  }
  case FormId::retention_reason: toast("Reason recorded. Match the response, then make an offer."); break;
  case FormId::retention_offer:
    toast(find_event<domain::RetentionOfferMade>(answer) && find_event<domain::RetentionOfferMade>(answer)->offer.status == domain::OfferStatus::pending_approval
              ? "The offer is beyond this customer's band: it waits for an owner or admin."
              : "Offer made: the customer sees it on their overview.");
    ui_.retention.offer_note.clear();
    break;
  case FormId::retention_decide: toast("Decision recorded."); break;
  case FormId::retention_close:
    toast("Case closed.");
    ui_.retention.exit_feedback.clear();
    ui_.retention.mrr_kept.clear();
    break;
  case FormId::plan_request:
    toast("We have your request. Someone will be in touch shortly.");
    ui_.retention.request_note.clear();
    break;
  case FormId::offer_answer: toast(find_event<domain::RetentionCaseClosed>(answer) ? "Offer accepted. Thank you for staying!" : "Offer declined."); break;
  case FormId::report_action:
    toast("Action item added.");
    ui_.reports.action.clear();
    ui_.reports.owner.clear();
    ui_.reports.due_on.clear();
    break;
  case FormId::report_action_done: toast("Marked done."); break;
  case FormId::support_cost: toast(answer.events.empty() ? "Nothing changed." : "Support cost saved."); break;
  case FormId::competitors:
    toast("Competitor list saved.");
    ui_.retention.competitors_edited = false;
    break;
  case FormId::mention_words:
    toast(answer.events.empty() ? "Nothing changed." : "Mention words saved.");
    ui_.mention_words.edited = false;
    break;
  case FormId::outreach:
    toast("Outreach sent.");
    ui_.retention.outreach_customer = 0;
    ui_.retention.outreach_text.clear();
    break;
  case FormId::check_in_move:
    toast("Check-in moved.");
    ui_.check_in = CheckInForm{};
    break;
  case FormId::check_in_schedule:
    toast("Check-in scheduled.");
    ui_.check_in = CheckInForm{};
    break;
  case FormId::cert_access:
  case FormId::cert_progress:
  case FormId::cert_start:
  case FormId::cert_save:
  case FormId::cert_submit:
  case FormId::cert_exception:
  case FormId::cert_settings:
  case FormId::cert_question:
  case FormId::cert_module:
  case FormId::cert_remove:
  case FormId::cert_grade:
  case FormId::cert_decide:
  case FormId::cert_exception_grant:
  case FormId::cert_revoke: on_certification_done(p.form, answer); break; // store_certification.cpp
  case FormId::comm_approve:
  case FormId::comm_payout:
  case FormId::comm_payment:
  case FormId::comm_adjust:
  case FormId::comm_plan:
  case FormId::comm_threshold:
  case FormId::comm_key:
  case FormId::comm_revoke: on_commission_done(p.form, answer); break; // store_commissions.cpp
  case FormId::routing: toast(list_saved(ui_.routing.base, ui_.routing.fields, ui_.routing.notice, answer, "the teams and rules", "Routing saved.")); break;
  case FormId::product_areas: // views/desk/responses_view.cpp
    toast(list_saved(ui_.responses.areas_base, ui_.responses.areas, ui_.responses.areas_notice, answer, "the product areas", "Product areas saved."));
    break;
  case FormId::response_template: {
    auto& r = ui_.responses;
    const auto* saved = find_event<domain::ResponseTemplateSaved>(answer);
    r.template_notice = saved ? "Template saved: " + saved->response_template.name + "." : "Nothing to save: the template already looks like this.";
    r.editor_open = false;
    r.editing = 0;
    r.name.clear(), r.category.clear(), r.text.clear();
    toast("Template saved.");
    break;
  }
  case FormId::remove_template: {
    auto& r = ui_.responses;
    if (const auto* removed = find_event<domain::ResponseTemplateRemoved>(answer); removed && r.editing == removed->template_id) {
      r.editor_open = false;
      r.editing = 0;
    }
    r.confirm_remove = 0;
    r.template_notice = "Template removed.";
    toast("Template removed.");
    break;
  }
  case FormId::canned_triggers:
    toast(list_saved(ui_.responses.triggers_base, ui_.responses.triggers, ui_.responses.triggers_notice, answer, "the triggers", "Triggers saved."));
    break;
  case FormId::knowledge: { // views/desk/knowledge_view.cpp: the article is in the replica now
    auto& k = ui_.knowledge;
    if (const auto* saved = find_event<domain::ArticleSaved>(answer)) {
      const bool created = k.editing == 0 && k.editor_open;
      k.editing = saved->article.id;
      k.open_article = saved->article.id; // shown in the list, with what may be done next (publish, ...)
      k.editor_open = false;
      if (created || saved->article.status != domain::ArticleStatus::draft) k.from_tickets.clear();
      k.notice = std::string("Article ") + domain::label_of(saved->article.status) + ": " + saved->article.content.question;
      toast(created ? "Draft saved." : std::string("Article ") + domain::label_of(saved->article.status) + ".");
    } else {
      toast("Nothing changed.");
    }
    break;
  }
  case FormId::security_policy:
    toast(answer.events.empty() ? "Nothing changed." : "Sign-in security saved.");
    refresh_me(); // the owner may now be required to turn two-factor on
    break;
  case FormId::deflection: break; // the view moved on already
  }
}

void Store::handle(const SendCommand& a) {
  const std::int64_t program = app_.route.program_id;
  if (!program) return;
  auto& f = ui_.support_forms[a.form];
  if (f.sending && a.form != FormId::notifications) return;
  f.errors.clear();
  f.sending = true;
  domain::CommandEnvelope envelope{platform::random_hex(16), a.command};
  Pending p;
  p.kind = Request::command;
  p.command = CommandKind::support;
  p.program_id = program;
  p.item_id = app_.route.item_id;
  p.form = a.form;
  p.method = platform::Method::post;
  p.path = "/api/v1/programs/" + std::to_string(program) + "/commands";
  p.body = dump(domain::encode_command(envelope));
  send(std::move(p));
}

void Store::handle(const ReplyEdited&) {
  const auto& t = ui_.ticket;
  const auto key = draft_key("reply." + std::to_string(t.program_id) + "." + std::to_string(t.ticket_id));
  if (t.reply.empty()) browser_.session_remove(key);
  else browser_.session_set(key, t.reply);
}

void Store::on_time_zones(const platform::HttpResponse& r) {
  auto& f = ui_.support_settings;
  f.tz_loading = false;
  f.time_zones.clear();
  if (r.status == 200) {
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    if (body.is_object() && body.contains("items") && body["items"].is_array())
      for (const auto& z : body["items"])
        if (z.is_string()) f.time_zones.push_back(z.get<std::string>());
  }
  if (f.time_zones.empty()) f.time_zones.push_back("UTC"); // never asked again in a loop
}

// The responses page (views/desk/responses_view.cpp): a list the person has not edited shows every
// change to the replica's as it happens; an edited one keeps the person's edits, and saving
// replaces the list whole. A list just saved is not put back while its event is on its way.
void Store::sync_responses_form(const domain::ProgramState& s) {
  auto& f = ui_.responses;
  const auto& lib = s.responses;
  if (f.program_id != s.id || !f.ready) {
    f = ResponsesForm{};
    f.program_id = s.id;
    for (FormId id : {FormId::product_areas, FormId::response_template, FormId::remove_template, FormId::canned_triggers})
      ui_.support_forms.erase(id);
    f.areas_base = f.areas = f.areas_seen = lib.product_areas;
    f.triggers_base = f.triggers = f.triggers_seen = lib.triggers;
    f.ready = true;
    return;
  }
  if (lib.product_areas != f.areas_seen) {
    f.areas_seen = lib.product_areas;
    if (!f.areas_dirty() && !ui_.form(FormId::product_areas).sending) f.areas_base = f.areas = lib.product_areas;
  }
  if (!(lib.triggers == f.triggers_seen)) {
    f.triggers_seen = lib.triggers;
    if (!f.triggers_dirty() && !ui_.form(FormId::canned_triggers).sending) f.triggers_base = f.triggers = lib.triggers;
  }
}

void Store::on_customer_reload(const Pending& p, const platform::HttpResponse& r) {
  auto& f = ui_.customer;
  if (f.program_id != p.program_id || f.customer_id != p.item_id) return;
  f.reloading = false;
  if (r.status != 200) {
    f.errors.general = r.status == 404 ? "This customer is no longer visible to you." : error_of(r).message;
    return;
  }
  auto json = nlohmann::json::parse(r.body, nullptr, false);
  try {
    const auto c = json.get<domain::Customer>();
    f.base = fields_of(c.profile);
    f.fields = f.base;
    f.base_version = c.version;
    f.errors.clear();
    save_customer_draft();
  } catch (const nlohmann::json::exception&) {
    f.errors.general = "The customer could not be read. Reload the page.";
  }
}

// [SECTION] Forms follow the page and the replica
void Store::load_customer_form(const domain::Customer& c) {
  auto& f = ui_.customer;
  f.base = fields_of(c.profile);
  f.fields = f.base;
  f.base_version = c.version;
  f.ready = true;
}

void Store::save_customer_draft() {
  const auto& f = ui_.customer;
  if (!f.program_id || !app_.me) return;
  const std::string key =
      draft_key("customer." + std::to_string(f.program_id) + "." + (f.customer_id ? std::to_string(f.customer_id) : "new"));
  if (!f.dirty() && !f.conflict) {
    browser_.session_remove(key);
    return;
  }
  nlohmann::json aside = nlohmann::json::array();
  for (const auto& a : f.set_aside) aside.push_back({{"field", a.field}, {"label", a.label}, {"mine", a.mine}});
  browser_.session_set(key, dump({{"base_version", f.base_version},
                                  {"base", fields_json(f.base)},
                                  {"fields", fields_json(f.fields)},
                                  {"conflict", f.conflict},
                                  {"mine", fields_json(f.mine)},
                                  {"set_aside", aside}}));
}

void Store::clear_customer_draft() {
  const auto& f = ui_.customer;
  browser_.session_remove(
      draft_key("customer." + std::to_string(f.program_id) + "." + (f.customer_id ? std::to_string(f.customer_id) : "new")));
}

void Store::sync_forms() {
  const Route& route = app_.route;
  const auto& rep = app_.replica;
  const domain::ProgramState* state = rep.program_id == route.program_id && rep.state ? &*rep.state : nullptr;

  if (route.page == Page::customer || route.page == Page::new_customer) {
    auto& f = ui_.customer;
    const std::int64_t cid = route.page == Page::customer ? route.item_id : 0;
    if (f.program_id != route.program_id || f.customer_id != cid) {
      f = CustomerForm{};
      f.program_id = route.program_id;
      f.customer_id = cid;
      const auto key = draft_key("customer." + std::to_string(f.program_id) + "." + (cid ? std::to_string(cid) : "new"));
      if (auto draft = browser_.session_get(key)) {
        auto j = nlohmann::json::parse(*draft, nullptr, false);
        if (j.is_object()) {
          f.base_version = j.value("base_version", std::int64_t{0});
          f.base = fields_from(j.value("base", nlohmann::json::object()));
          f.fields = fields_from(j.value("fields", nlohmann::json::object()));
          f.conflict = j.value("conflict", false);
          f.mine = fields_from(j.value("mine", nlohmann::json::object()));
          for (const auto& a : j.value("set_aside", nlohmann::json::array()))
            if (a.is_object()) f.set_aside.push_back(SetAsideEdit{a.value("field", ""), a.value("label", ""), a.value("mine", "")});
          f.ready = true;
        }
      }
    }
    if (!f.ready && state) {
      if (!cid) {
        f.base.subscription = domain::SubscriptionStatus::trialing;
        f.base.started_on = iso_day_ms(static_cast<std::int64_t>(platform::wall_clock_ms()));
        f.base.mrr = money_input(domain::Money{0, state->currency});
        f.fields = f.base;
        f.ready = true;
      } else if (auto c = state->customer(cid)) {
        load_customer_form(*c);
      }
    }
    // Without edits of their own, the person sees every change as it happens.
    if (f.ready && cid && state && !f.saving && !f.reloading && !f.dirty() && !f.conflict)
      if (auto c = state->customer(cid); c && c->version > f.base_version) load_customer_form(*c);
  }

  if (route.page == Page::settings && state) {
    auto& f = ui_.rename;
    if (f.program_id != route.program_id) {
      f = RenameForm{};
      f.program_id = route.program_id;
      if (auto draft = browser_.session_get(draft_key("rename." + std::to_string(f.program_id)))) {
        f.name = *draft;
        f.edited = true;
      }
      f.ready = true;
    }
    if (!f.edited && !f.saving) f.name = state->name;
  }

  if (route.page != Page::support_settings) ui_.support_settings.notice.clear();
  if (route.page == Page::support_settings && state) {
    auto& f = ui_.support_settings;
    if (f.program_id != route.program_id) {
      f = SupportSettingsForm{};
      f.program_id = route.program_id;
      ui_.support_forms.erase(FormId::support_settings);
    }
    if (!f.ready) {
      f.base = f.fields = f.seen = state->support_settings;
      f.ready = true;
    } else if (!(f.seen == state->support_settings)) {
      // Without edits of their own, the person sees every change as it happens; with edits,
      // they are told their save would replace it.
      f.seen = state->support_settings;
      if (!f.dirty() && !ui_.form(FormId::support_settings).sending) f.base = f.fields = state->support_settings;
      else if (!ui_.form(FormId::support_settings).sending) f.changed_elsewhere = true;
    }
    if (f.time_zones.empty() && !f.tz_loading) {
      f.tz_loading = true;
      send(Request::time_zones, platform::Method::get, "/api/v1/time-zones");
    }
  }

  if (route.page != Page::responses) ui_.responses.areas_notice.clear(), ui_.responses.template_notice.clear(), ui_.responses.triggers_notice.clear();
  if (route.page == Page::responses && state) sync_responses_form(*state);

  if (route.page == Page::people && ui_.invite.program_id != route.program_id) {
    auto& f = ui_.invite;
    f = InviteForm{};
    f.program_id = route.program_id;
    if (auto draft = browser_.session_get(draft_key("invite." + std::to_string(f.program_id)))) {
      auto j = nlohmann::json::parse(*draft, nullptr, false);
      if (j.is_object()) {
        f.email = j.value("email", "");
        f.role = identity::role_from_string(j.value("role", "agent")).value_or(identity::Role::agent);
        f.customer_id = j.value("customer_id", std::int64_t{0});
        f.hours = j.value("hours", 168);
      }
    }
  }

  if (route.page == Page::ticket && (ui_.ticket.program_id != route.program_id || ui_.ticket.ticket_id != route.item_id)) {
    ui_.ticket = TicketForms{};
    ui_.ticket.program_id = route.program_id;
    ui_.ticket.ticket_id = route.item_id;
    for (FormId k : {FormId::reply, FormId::escalate, FormId::triage, FormId::take_over, FormId::resolve, FormId::close, FormId::rate,
                     FormId::handling, FormId::answer, FormId::confirm_answer, FormId::abuse})
      ui_.support_forms.erase(k);
    if (auto draft = browser_.session_get(draft_key("reply." + std::to_string(route.program_id) + "." + std::to_string(route.item_id))))
      ui_.ticket.reply = *draft;
  }
  if (route.page == Page::new_ticket && ui_.new_ticket.program_id != route.program_id) {
    ui_.new_ticket = NewTicketForm{};
    ui_.new_ticket.program_id = route.program_id;
    ui_.support_forms.erase(FormId::new_ticket);
  }

  if (route.page == Page::new_program && app_.me && !ui_.new_program.ready) {
    auto& f = ui_.new_program;
    f.ready = true;
    if (auto draft = browser_.session_get(draft_key("program.new"))) {
      auto j = nlohmann::json::parse(*draft, nullptr, false);
      if (j.is_object()) {
        f.name = j.value("name", "");
        f.currency = j.value("currency", "USD");
      }
    }
  }
}

// [SECTION] Customer form
void Store::handle(const FilterChanged& a) {
  if (app_.route.page != Page::customers) return;
  app_.route.filter = a.filter;
  browser_.replace_hash(format_route(app_.route));
}

void Store::handle(const CustomerEdited&) {
  ui_.customer.notice.clear();
  save_customer_draft();
}

void Store::handle(const SaveCustomer&) {
  auto& f = ui_.customer;
  const auto& rep = app_.replica;
  if (f.saving || !f.ready || !rep.state || rep.program_id != f.program_id) return;
  f.errors.clear();
  f.notice.clear();
  const std::string currency = rep.state->currency;
  const auto minor = core::parse_money(f.fields.mrr, currency);
  if (!minor) {
    f.errors.fields["mrr"] = trim(f.fields.mrr).empty() ? "Enter the monthly recurring revenue (0 when there is none)."
                                                         : "Enter an amount such as 1450.00, in " + currency + ".";
    return;
  }
  f.fields.mrr = money_input(domain::Money{*minor, currency});
  domain::CustomerProfile profile{trim(f.fields.name),       trim(f.fields.email),           trim(f.fields.segment),
                                  f.fields.subscription,     trim(f.fields.started_on),      domain::Money{*minor, currency},
                                  f.fields.referring_agent,  trim(f.fields.renews_on)};
  f.saving = true;
  if (!f.customer_id) send_command(CommandKind::add_customer, f.program_id, domain::AddCustomer{profile});
  else send_command(CommandKind::update_customer, f.program_id, domain::UpdateCustomer{f.customer_id, profile, f.base_version}, f.customer_id);
}

void Store::handle(const DiscardCustomerEdits&) {
  auto& f = ui_.customer;
  if (f.saving) return;
  f.fields = f.base;
  f.errors.clear();
  f.notice.clear();
  f.conflict = false;
  f.set_aside.clear();
  clear_customer_draft();
  // The record may have moved on meanwhile.
  if (const auto& rep = app_.replica; f.customer_id && rep.state)
    if (auto c = rep.state->customer(f.customer_id)) load_customer_form(*c);
}

void Store::handle(const ReapplyMyEdits&) {
  auto& f = ui_.customer;
  for (const auto& a : f.set_aside) {
    if (a.field == "name") f.fields.name = f.mine.name;
    else if (a.field == "email") f.fields.email = f.mine.email;
    else if (a.field == "segment") f.fields.segment = f.mine.segment;
    else if (a.field == "subscription") f.fields.subscription = f.mine.subscription;
    else if (a.field == "started_on") f.fields.started_on = f.mine.started_on;
    else if (a.field == "renews_on") f.fields.renews_on = f.mine.renews_on;
    else if (a.field == "mrr") f.fields.mrr = f.mine.mrr;
    else if (a.field == "referring_agent") f.fields.referring_agent = f.mine.referring_agent;
  }
  f.conflict = false;
  f.set_aside.clear();
  save_customer_draft();
}

void Store::handle(const DismissSetAside&) {
  auto& f = ui_.customer;
  f.conflict = false;
  f.set_aside.clear();
  save_customer_draft();
}

void Store::handle(const AssignCustomer& a) {
  auto& f = ui_.customer;
  if (f.assigning || !f.customer_id) return;
  f.assigning = true;
  f.assign_notice.clear();
  f.assign_error.clear();
  send_command(CommandKind::assign, f.program_id, domain::AssignCustomer{f.customer_id, a.agent_id}, f.customer_id);
}

// [SECTION] Confirmed changes
void Store::handle(const AskConfirm& a) {
  if (ui_.confirm.sending) return;
  ui_.confirm = a.confirm;
  ui_.confirm.focus = true;
}

void Store::handle(const CancelConfirm&) {
  if (ui_.confirm.sending) return;
  ui_.confirm = Confirm{};
}

void Store::handle(const SubmitConfirm&) {
  auto& c = ui_.confirm;
  if (c.sending || c.kind == Confirm::Kind::none) return;
  c.errors.clear();
  switch (c.kind) {
  case Confirm::Kind::agent_status: {
    domain::SetAgentStatus cmd;
    cmd.person_id = c.person_id;
    cmd.status = c.status;
    cmd.reason = trim(c.reason);
    if (c.expected_version > 0) cmd.expected_version = c.expected_version;
    if (c.status == domain::PartnerStatus::suspended) {
      cmd.remediation_required = c.remediation_required;
      cmd.reassign_customers = c.reassign_customers;
    }
    // Reinstating an agent whose customers wait in the business queue: the business's choice.
    if (const auto* st = app_.replica.program_id == c.program_id && app_.replica.state ? &*app_.replica.state : nullptr;
        st && c.status == domain::PartnerStatus::active && !domain::held_customers(*st, c.person_id).empty())
      cmd.customers_come_back = c.come_back;
    send_command(CommandKind::agent_status, c.program_id, cmd, c.person_id);
    break;
  }
  case Confirm::Kind::member_role:
    send_command(CommandKind::change_role, c.program_id, domain::ChangeMemberRole{c.person_id, c.role}, c.person_id);
    break;
  case Confirm::Kind::remove_member:
    send_command(CommandKind::remove_member, c.program_id, domain::RemoveMember{c.person_id}, c.person_id);
    break;
  case Confirm::Kind::revoke_invitation:
    send_command(CommandKind::revoke, c.program_id, domain::RevokeInvitation{c.invitation_id}, c.invitation_id);
    break;
  case Confirm::Kind::sign_out_everywhere: handle(SignOutEverywhere{}); return;
  case Confirm::Kind::none: return;
  }
  c.sending = true;
}

// [SECTION] People and settings
void Store::handle(const InviteEdited&) {
  const auto& f = ui_.invite;
  ui_.invite.errors.clear();
  browser_.session_set(draft_key("invite." + std::to_string(f.program_id)),
                       dump({{"email", f.email}, {"role", identity::to_string(f.role)}, {"customer_id", f.customer_id}, {"hours", f.hours}}));
}

void Store::handle(const SubmitInvite&) {
  auto& f = ui_.invite;
  if (f.sending || !f.program_id) return;
  f.errors.clear();
  f.link.clear();
  domain::InviteMember cmd;
  cmd.email = trim(f.email);
  cmd.role = f.role;
  cmd.customer_id = f.role == identity::Role::customer ? f.customer_id : 0;
  cmd.expires_in_hours = f.hours;
  f.sending = true;
  send_command(CommandKind::invite, f.program_id, cmd);
}

void Store::handle(const CopyInvitationLink&) {
  auto& f = ui_.invite;
  if (f.link.empty()) return;
  effects_.push_back(CopyText{f.link});
  f.copied = true;
  toast("Invitation link copied.");
}

void Store::handle(const DismissInvitationLink&) {
  ui_.invite.link.clear();
  ui_.invite.copied = false;
}

void Store::handle(const RenameEdited&) {
  auto& f = ui_.rename;
  f.edited = true;
  f.notice.clear();
  f.errors.clear();
  browser_.session_set(draft_key("rename." + std::to_string(f.program_id)), f.name);
}

void Store::handle(const SubmitRename&) {
  auto& f = ui_.rename;
  if (f.saving || !f.program_id) return;
  f.errors.clear();
  f.notice.clear();
  f.saving = true;
  send_command(CommandKind::rename, f.program_id, domain::RenameProgram{trim(f.name)});
}

void Store::handle(const RetrySnapshot&) {
  if (!app_.replica.program_id || app_.replica.snapshot_loading) return;
  retry_snapshot_at_ = 0;
  app_.replica.problem.clear();
  load_snapshot();
}

} // namespace pd::client
