// One ticket (#/p/{id}/tickets/{tid}): the header with its SLA countdown, the restricted-topic
// banner, the thread, the composer (with the restricted-topic warning before sending) and the
// actions the person's role allows (escalate, triage, take over, resolve, close, ratings).
// Every command goes out as SendCommand naming its form (FormId); the store keeps its errors.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/desk/knowledge_parts.hpp"
#include "client/views/desk/template_parts.hpp"
#include "client/views/desk/triage_parts.hpp"
#include "client/views/desk/routing_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/conduct_parts.hpp"
#include "client/views/support/conversation_parts.hpp"
#include "client/views/support/progress_parts.hpp"
#include "client/views/support/escalation_parts.hpp"
#include "client/views/support/tag_parts.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"
#include "client/views/support/support_access_parts.hpp"

#include "shared/domain/desk/templates.hpp"
#include "shared/domain/support/ticket_actions.hpp"
#include "shared/domain/support/restricted_topics.hpp"
#include "shared/domain/support/response_target.hpp"

#include "imgui_internal.h" // ImGui::ScrollToItem

#include <algorithm>
#include <utility>

namespace pd::client::views {

namespace {

using domain::Action;
using domain::TicketStatus;

constexpr auto& sentiments = domain::escalation_sentiments; // the decoder's own list
const char* const checklist_items[] = {"Personalization", "Completeness", "Clarity", "Tone match", "Proactive value"};

const domain::RestrictedTopic* topic_of(const domain::ProgramState& s, const std::string& key) {
  for (const auto& t : s.support_settings.restricted_topics)
    if (t.key == key) return &t;
  return nullptr;
}

void errors_of(const SupportForm& f) {
  if (!f.errors.general.empty()) ui::error_box(f.errors.general);
}

void header(const domain::ProgramState& s, const domain::Ticket& t, bool staff, std::int64_t now) {
  ImGui::PushFont(ui::fonts().bold, 22); // a long subject wraps on a phone; it can be selected and copied
  ui::selectable_text(t.subject);
  ImGui::PopFont();
  ui::text("#" + std::to_string(t.id) + " \xC2\xB7 opened " + relative_time(t.opened_at, now), ui::color::muted);
  // The pills follow on the line while they fit, else on the next (a phone).
  ui::flow_next(ui::pill_size(domain::label_of(t.status)).x, ui::dp(12));
  ui::pill(domain::label_of(t.status), ticket_status_tone(t));
  ui::flow_next(ui::pill_size(domain::label_of(t.priority)).x, ui::dp(6));
  ui::pill(domain::label_of(t.priority), priority_tone(t.priority));
  std::string cats = category_label(t.category);
  for (auto c : t.tags) cats += std::string(" \xC2\xB7 ") + category_label(c);
  ui::flow_next(ui::pill_size(cats).x, ui::dp(6));
  ui::pill(cats, ui::tone::violet);
  ImGui::Dummy(ui::dp(0, 4));
  const float lw = ui::dp(ui::narrow() ? 104 : 130);
  if (staff) {
    if (auto c = s.customer(t.customer_id)) {
      fact("Customer", c->profile.name + " (" + c->profile.segment + ")", lw);
      ImGui::SameLine(0, ui::dp(10));
      ui::pill(subscription_label(c->profile.subscription), subscription_tone(c->profile.subscription));
      fact("Tenure", tenure_text(c->profile.started_on, now), lw);
    }
  }
  fact("Agent", t.agent_id ? member_name(s, t.agent_id) : "Business support team", lw);
  if (staff && domain::certified_badge(s.certification, t.agent_id, now)) { // the Certified Support Partner badge, with its dates
    ImGui::SameLine(0, ui::dp(10));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (ui::pill_size(certified_badge_label).y - ImGui::GetTextLineHeight()) * 0.5f);
    certified_badge(s, t.agent_id, now, true);
  }
  if (t.taken_over_by) fact("Taken over by", member_name(s, t.taken_over_by), lw);
  ui::text("Next deadline", ui::color::muted);
  ImGui::SameLine(ImGui::GetCursorStartPos().x + lw);
  countdown(t, now);
  // Overdue flags name who was responsible when the deadline passed (stored then, not looked up).
  if (staff) {
    auto responsible = [&](domain::PersonId p) { return p ? member_name(s, p) : std::string("the business queue"); };
    if (t.sla.first_response_overdue_at)
      fact("Overdue", "No first response in time (" + responsible(t.sla.first_response_overdue_agent) + " responsible then)", lw);
    if (t.sla.resolution_overdue_at)
      fact("Overdue", "Not resolved in time (" + responsible(t.sla.resolution_overdue_agent) + " responsible then)", lw);
  }
  // The targets that apply and why (docs/requirements.md, Response standards;
  // response_target.hpp, as the ticket read), to the customer too.
  for (const auto& target : domain::sla::response_targets(s.support_settings, t)) {
    ui::text(std::string(target.key) == "first_response" ? "First response" : "Resolution", ui::color::muted);
    ImGui::SameLine(ImGui::GetCursorStartPos().x + lw);
    ui::text_wrapped(target.text, target.state == "due" ? ui::color::text : ui::color::muted);
  }
  if (t.escalation.source != domain::EscalationSource::none) {
    const char* src = t.escalation.source == domain::EscalationSource::customer ? "the customer"
                      : t.escalation.source == domain::EscalationSource::agent  ? "the agent"
                      : t.escalation.source == domain::EscalationSource::rule   ? "the routing rules"
                                                                                : "the SLA rules";
    fact("Escalated", std::string("by ") + src + ", " + relative_time(t.escalation.at, now) +
                          (staff ? (t.escalation.agent_id ? ", " + member_name(s, t.escalation.agent_id) + " handling it then"
                                                           : std::string(", in the business queue then"))
                                 : std::string{}) +
                          (t.escalation.pending ? " (awaiting the business)" : ""),
         lw);
    if (!t.escalation.reason.empty()) fact("Reason", t.escalation.reason, lw);
  }
}

// The messages and the audit trail's system entries (audit_trail()), newest first; an entry
// made by a message (a status the reply set) shows above it.
void thread(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const std::vector<domain::AuditEntry>& audit,
            std::int64_t now, Dispatch& dispatch) {
  // Newest first by time: the messages of merged tickets follow the ticket's own in the thread
  // (numbered after them) but were written among them.
  std::vector<const domain::TicketMessage*> order;
  order.reserve(t.messages.size());
  for (const auto& m : t.messages) order.push_back(&m);
  if (!t.merged.empty())
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->at < b->at; });
  auto entry = audit.rbegin();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    for (; entry != audit.rend() && entry->at >= (*it)->at; ++entry) {
      ImGui::PushID(static_cast<int>(entry - audit.rbegin()) + 1'000'000);
      audit_entry(*entry, now);
      ImGui::PopID();
    }
    const auto& m = **it;
    ImGui::PushID(static_cast<int>(m.id));
    const bool internal = m.kind == domain::MessageKind::internal_note;
    const bool system = m.kind == domain::MessageKind::system;
    ui::begin_tinted(internal ? ui::tone::warning : system ? ui::tone::neutral : ui::Tone{ui::color::text, ui::color::surface});
    {
      ui::FontScope font(ui::fonts().bold, 0.0f);
      ui::text(system ? std::string("Partnerdesk") : m.author_name.empty() ? std::string("Someone") : m.author_name);
    }
    const char* role = system ? "system" : !m.automatic.empty() ? "automatic" : identity::to_string(m.author_role);
    const std::string meta = std::string(role) + " \xC2\xB7 " + relative_time(m.at, now) +
                             " \xC2\xB7 " + format_day_ms(m.at);
    ui::flow_next(ImGui::CalcTextSize(meta.c_str()).x, ui::dp(8)); // under the name when the line is too short
    ui::text(meta, ui::color::muted);
    if (internal) {
      ui::flow_next(ui::pill_size("Internal note").x, ui::dp(10));
      ui::pill("Internal note", ui::tone::warning);
    }
    if (m.sent_despite_warning) {
      ui::flow_next(ui::pill_size("Sent despite warning").x, ui::dp(6));
      ui::pill("Sent despite warning", ui::tone::danger);
    }
    conversation_pill(m); // a call or chat, or its summary (conversation_parts.cpp)
    if (m.merged_from != 0) {
      const std::string from = "From #" + std::to_string(m.merged_from);
      ui::flow_next(ui::pill_size(from.c_str()).x, ui::dp(6));
      ui::pill(from.c_str(), ui::tone::neutral);
    }
    ui::selectable_text(m.text);
    attachment_links(m.attachments, s.id);
    if (m.author_role == identity::Role::customer && m.kind == domain::MessageKind::reply) abuse_mark(s, me, t, m, dispatch); // staff
    ui::end_tinted();
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
}

// What every part of the ticket page reads: who is looking, the ticket, its form.
struct TicketPage {
  const AppState& app;
  UiState& ui_state;
  Dispatch& dispatch;
  const domain::ProgramState& s;
  const domain::Ticket& t;
  domain::Target target;
  bool business;
  bool agent;
  bool customer;
  bool staff;
  std::int64_t now;
  TicketForms& f;
};

// Restricted topics of the ticket (agents and business).
void restricted_banner(const TicketPage& p) {
  if (!p.staff || p.t.restricted_topics.empty()) return;
  const domain::ProgramState& s = p.s;
  const domain::Ticket& t = p.t;
  ui::begin_tinted(ui::tone::danger);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text("Restricted topic: do not handle this yourself", ui::color::error);
  }
  for (const auto& key : t.restricted_topics) {
    const auto* topic = topic_of(s, key);
    ui::text_wrapped(std::string("\xE2\x80\xA2 ") + (topic ? topic->name : key) + ": " +
                         (topic ? topic->escalation_path : std::string("escalate to the business.")),
                     ui::color::error);
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// The customer's other tickets this person may merge into this one (MergeTickets' rule).
std::vector<const domain::Ticket*> merge_candidates(const TicketPage& p) {
  std::vector<const domain::Ticket*> out;
  const auto me = my_id(p.app);
  if (!domain::ticket_action_offered(p.s, me, p.t, domain::TicketAction::merge)) return out;
  auto it = p.s.tickets_by_customer.find(p.t.customer_id);
  if (it == p.s.tickets_by_customer.end()) return out;
  for (auto id : it->second) {
    const auto* other = p.s.ticket(id);
    if (other && id != p.t.id && domain::ticket_action_offered(p.s, me, *other, domain::TicketAction::merge)) out.push_back(other);
  }
  return out;
}

// Actions row: escalate, take over, resolve, close, merge.
void actions_row(const TicketPage& p) {
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::ProgramState& s = p.s;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const bool customer = p.customer;
  const auto& tk = ui_state.form(FormId::take_over);
  errors_of(tk);
  bool any = false;
  // The buttons follow on the line while they fit, else on the next (a phone). Ids after "###"
  // are not drawn.
  auto gap = [&](const char* label) {
    const std::string_view text(label);
    const float w = ImGui::CalcTextSize(std::string(text.substr(0, text.find("##"))).c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (any) ui::flow_next(w, ui::dp(6));
    any = true;
  };
  // Each button is offered by the rule decide() applies (shared/domain/ticket_actions).
  const auto offered = [&](domain::TicketAction a) { return domain::ticket_action_offered(s, my_id(app), t, a); };
  if (offered(domain::TicketAction::escalate)) {
    gap(customer ? "Request escalation" : "Escalate");
    if (ui::secondary_button(customer ? "Request escalation" : "Escalate")) {
      f.escalate_open = !f.escalate_open;
      f.escalate_scroll = f.escalate_open;
    }
  }
  if (offered(domain::TicketAction::take_over)) {
    gap("Taking over\xE2\x80\xA6");
    if (ui::secondary_button(tk.sending ? "Taking over\xE2\x80\xA6###Take over" : "Take over###Take over"))
      dispatch(SendCommand{FormId::take_over, domain::TakeOverTicket{t.id}});
  }
  if (offered(domain::TicketAction::resolve)) {
    gap("Resolve");
    if (ui::secondary_button("Resolve")) f.resolve_open = !f.resolve_open;
  }
  if (offered(domain::TicketAction::close)) {
    gap("Close ticket");
    if (ui::secondary_button("Close ticket")) f.close_open = !f.close_open;
  }
  if (!customer && !merge_candidates(p).empty()) {
    gap("Merge tickets");
    if (ui::secondary_button("Merge tickets")) f.merge_open = !f.merge_open;
  }
  if (!customer && conversation_offered(p.s, my_id(app), p.t)) {
    gap("Log a call or chat");
    if (ui::secondary_button("Log a call or chat")) f.conversation_open = !f.conversation_open;
  }
  // The ticket's progress (progress_parts.cpp): set here, changed on the Progress card once set.
  if (!customer && offered(domain::TicketAction::progress)) {
    if (t.progress.estimate == 0) {
      gap("Set estimate");
      if (ui::secondary_button("Set estimate")) {
        if (f.estimate_open) f.estimate_open = false;
        else open_estimate_form(f, t, p.now);
      }
    }
    if (t.progress.third_party.empty()) {
      gap("Wait on a third party");
      if (ui::secondary_button("Wait on a third party")) {
        if (f.third_party_open) f.third_party_open = false;
        else open_wait_form(f, t, p.now);
      }
    }
  }
  if (any) ImGui::Dummy(ui::dp(0, 6));
}

// The escalation note (agents; docs/requirements.md, Escalation), two fields a row.
void escalation_note_fields(const TicketPage& p, const SupportForm& ef) {
  TicketForms& f = p.f;
  const float gap = ui::dp(14);
  const float half = (ImGui::GetContentRegionAvail().x - ui::dp(28) - gap) * 0.5f;
  auto field = [&](const char* label, const char* id, std::string& value, const std::string* error) {
    ui::field_label(label);
    bool edited = false;
    ui::input_text(id, "", value, edited, 0, half);
    ui::field_error(error);
  };
  ImGui::BeginGroup();
  ImGui::BeginGroup();
  field("Summary (one sentence)", "##Escalation summary", f.esc_summary, ef.errors.field("note.summary"));
  ImGui::EndGroup();
  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  field("Attempts so far", "##Escalation attempts", f.esc_attempts, ef.errors.field("note.attempts_so_far"));
  ImGui::EndGroup();
  ImGui::BeginGroup();
  ui::field_label("Customer sentiment");
  std::vector<std::string> labels(std::begin(sentiments), std::end(sentiments));
  choice("##Customer sentiment", labels, f.esc_sentiment, half);
  ui::field_error(ef.errors.field("note.customer_sentiment"));
  ImGui::EndGroup();
  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  field("Business impact", "##Escalation impact", f.esc_impact, ef.errors.field("note.business_impact"));
  ImGui::EndGroup();
  ImGui::EndGroup();
  ImGui::Dummy(ui::dp(0, 4));
  labeled_input("Recommended action", "##Escalation recommended", "", f.esc_recommended, ef.errors.field("note.recommended_action"));
}

// Escalation form
void escalation_form(const TicketPage& p) {
  if (!p.f.escalate_open) return;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const bool agent = p.agent;
  const bool customer = p.customer;
  const auto& ef = ui_state.form(FormId::escalate);
  ui::begin_tinted(ui::tone::warning);
  ui::heading(customer ? "Request escalation" : "Escalate to the business", 16);
  errors_of(ef);
  labeled_input(customer ? "Why should someone else look at this?" : "Reason", "##Escalation reason", "", f.esc_reason,
                ef.errors.field("reason"));
  if (agent) escalation_note_fields(p, ef);
  const auto footer = ui::form_footer("Submit escalation", "Escalating\xE2\x80\xA6", ef.sending, true, "Cancel##escalation");
  if (footer.submit) {
    domain::EscalateTicket cmd;
    cmd.ticket_id = t.id;
    cmd.reason = f.esc_reason;
    if (agent) {
      cmd.note.summary = f.esc_summary;
      cmd.note.attempts_so_far = f.esc_attempts;
      cmd.note.customer_sentiment = sentiments[static_cast<std::size_t>(std::clamp(f.esc_sentiment, 0, static_cast<int>(sentiments.size()) - 1))];
      cmd.note.business_impact = f.esc_impact;
      cmd.note.recommended_action = f.esc_recommended;
    }
    dispatch(SendCommand{FormId::escalate, cmd});
  }
  if (f.escalate_scroll) {
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    f.escalate_scroll = false;
  }
  if (footer.cancel) f.escalate_open = false;
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// Resolve / close
void resolve_form(const TicketPage& p) {
  if (!p.f.resolve_open) return;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const auto& rf = ui_state.form(FormId::resolve);
  ui::begin_tinted(ui::tone::success);
  errors_of(rf);
  labeled_input("Resolution note (internal, optional)", "##Resolution note", "", f.resolve_note, rf.errors.field("note"));
  const auto footer = ui::form_footer("Confirm resolve", {}, rf.sending, true, "Cancel##resolve");
  if (footer.submit) dispatch(SendCommand{FormId::resolve, domain::ResolveTicket{t.id, f.resolve_note}});
  if (footer.cancel) f.resolve_open = false;
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

void close_form(const TicketPage& p) {
  if (!p.f.close_open) return;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const bool business = p.business;
  const auto& cf = ui_state.form(FormId::close);
  ui::begin_tinted(ui::tone::neutral);
  errors_of(cf);
  if (business) labeled_input("Resolution note (internal, optional)", "##Close note", "", f.close_note, cf.errors.field("note"));
  else ui::text_wrapped("Closing ends the ticket for good. Open a new ticket if the problem comes back.");
  const auto footer = ui::form_footer("Confirm close", {}, cf.sending, true, "Cancel##close");
  if (footer.submit) dispatch(SendCommand{FormId::close, domain::CloseTicket{t.id, business ? f.close_note : std::string()}});
  if (footer.cancel) f.close_open = false;
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// Merge: the customer's other open tickets, each with a checkbox; merged into this one, they
// close with a pointer here (domain::MergeTickets).
void merge_form(const TicketPage& p) {
  if (!p.f.merge_open) return;
  TicketForms& f = p.f;
  const auto candidates = merge_candidates(p);
  const auto& mf = p.ui_state.form(FormId::merge);
  ui::begin_tinted(ui::tone::neutral);
  ui::heading("Merge other tickets into this one", 16);
  errors_of(mf);
  ui::text_wrapped("The chosen tickets close with a pointer here; their messages join this conversation, marked with their number, "
                   "and the SLA clock of the earliest opened applies.",
                   ui::color::muted);
  ImGui::Dummy(ui::dp(0, 4));
  std::erase_if(f.merge_pick, [&](domain::TicketId id) {
    return std::none_of(candidates.begin(), candidates.end(), [&](const auto* c) { return c->id == id; });
  });
  for (const auto* c : candidates) {
    bool on = std::find(f.merge_pick.begin(), f.merge_pick.end(), c->id) != f.merge_pick.end();
    const std::string label = "#" + std::to_string(c->id) + " " + c->subject + " (" + domain::label_of(c->status) + ", opened " +
                              format_day_ms(c->opened_at) + ")##merge " + std::to_string(c->id);
    if (ImGui::Checkbox(label.c_str(), &on)) {
      if (on) f.merge_pick.push_back(c->id);
      else std::erase(f.merge_pick, c->id);
    }
  }
  for (const auto& [field, message] : mf.errors.fields) ui::field_error(&message); // merged_ids[i]: which ticket, in its words
  const auto footer = ui::form_footer("Merge into this ticket", {}, mf.sending, !f.merge_pick.empty(), "Cancel##merge");
  if (footer.submit) p.dispatch(SendCommand{FormId::merge, domain::MergeTickets{p.t.id, f.merge_pick}});
  if (footer.cancel) f.merge_open = false;
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// Where a merged ticket continues; which tickets were merged into this one.
void merge_banner(const TicketPage& p) {
  const auto& t = p.t;
  if (t.merged_into == 0 && t.merged.empty()) return;
  ui::begin_tinted(ui::tone::neutral);
  if (t.merged_into != 0) {
    ui::text_wrapped("This ticket was merged into #" + std::to_string(t.merged_into) + ": the conversation continues there.");
    const std::string link = "Open #" + std::to_string(t.merged_into);
    if (ui::link(link.c_str())) p.dispatch(Navigate{program_route(Page::ticket, p.s.id, t.merged_into)});
  } else {
    ui::text("Merged into this ticket:", ui::color::muted);
    for (auto id : t.merged) {
      ImGui::SameLine(0, ui::dp(8));
      const std::string link = "#" + std::to_string(id);
      if (ui::link(link.c_str())) p.dispatch(Navigate{program_route(Page::ticket, p.s.id, id)});
    }
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// Triage (agent / business)
void triage(const TicketPage& p) {
  if (!domain::ticket_action_offered(p.s, my_id(p.app), p.t, domain::TicketAction::triage)) return;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const auto& tf = ui_state.form(FormId::triage);
  const int prio = f.triage_priority >= 0 ? f.triage_priority : static_cast<int>(t.priority);
  int cat = f.triage_category;
  if (cat < 0)
    for (std::size_t i = 0; i < domain::all_categories.size(); ++i)
      if (domain::all_categories[i] == t.category) cat = static_cast<int>(i);
  std::vector<std::string> prios, cats;
  for (int i = 0; i < 4; ++i) prios.push_back(domain::label_of(static_cast<domain::Priority>(i)));
  for (auto c : domain::all_categories) cats.push_back(category_label(c));
  // What the desk knows, then the agent's entries (desk/triage_parts.cpp).
  ui::begin_tinted(t.triage.triaged_at == 0 ? ui::tone::warning : ui::tone::neutral);
  const bool checklist = ImGui::CollapsingHeader(t.triage.triaged_at == 0 ? "Triage checklist (not triaged yet)###Triage checklist"
                                                                          : "Triage checklist###Triage checklist");
  if (checklist) desk_views::triage_facts(p.s, t, p.now, p.business);
  ImGui::Dummy(ui::dp(0, 4));
  ImGui::AlignTextToFramePadding();
  ui::text("Triage", ui::color::muted);
  ImGui::SameLine(0, ui::dp(10));
  int p2 = prio, c2 = cat;
  if (choice("##Triage priority", prios, p2, ui::dp(170))) f.triage_priority = p2;
  ImGui::SameLine(0, ui::dp(6));
  if (choice("##Triage category", cats, c2, ui::dp(180))) f.triage_category = c2;
  ImGui::SameLine(0, ui::dp(6));
  // Secondary tags on the line below, then Save triage.
  const auto primary = domain::all_categories[static_cast<std::size_t>(std::clamp(c2, 0, 9))];
  if (!f.triage_tags_touched) f.triage_tags = t.tags;
  ImGui::NewLine();
  ImGui::AlignTextToFramePadding();
  ui::text("Secondary tags (up to two)", ui::color::muted);
  ImGui::SameLine(0, ui::dp(10));
  if (secondary_tags(primary, f.triage_tags)) f.triage_tags_touched = true;
  const bool entries_changed = checklist && desk_views::triage_entries(p.s, t, f);
  const bool changed = (f.triage_priority >= 0 && f.triage_priority != static_cast<int>(t.priority)) ||
                       (f.triage_category >= 0 && domain::all_categories[static_cast<std::size_t>(f.triage_category)] != t.category) ||
                       (f.triage_tags_touched && f.triage_tags != t.tags) || entries_changed || t.triage.triaged_at == 0;
  const bool save_key = std::exchange(f.triage_save_now, false) && changed && !tf.sending; // Ctrl/Cmd+Enter in the panel
  if (ui::primary_button("Save triage", ImVec2(0, 0), changed && !tf.sending) || save_key) {
    domain::TriageTicket cmd;
    cmd.ticket_id = t.id;
    cmd.priority = static_cast<domain::Priority>(p2);
    cmd.category = domain::all_categories[static_cast<std::size_t>(std::clamp(c2, 0, 9))];
    cmd.tags = f.triage_tags;
    desk_views::fill_triage(f, cmd);
    dispatch(SendCommand{FormId::triage, cmd});
  }
  errors_of(tf);
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

// Ratings: the customer's (shown, answered by the business, or asked for once finished).
void customer_rating(const TicketPage& p, bool finished) {
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::ProgramState& s = p.s;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const domain::Target& target = p.target;
  const bool business = p.business;
  const bool customer = p.customer;
  if (t.customer_rating) {
    const auto& r = *t.customer_rating;
    ui::begin_tinted(ui::tone::accent);
    ui::heading("Customer rating", 16);
    ui::text("Overall " + std::to_string(r.overall) + "/5 \xC2\xB7 responsiveness " + std::to_string(r.responsiveness) +
             " \xC2\xB7 product knowledge " + std::to_string(r.knowledge) + " \xC2\xB7 professionalism " +
             std::to_string(r.professionalism));
    if (!r.comment.empty()) ui::selectable_text("\xE2\x80\x9C" + r.comment + "\xE2\x80\x9D");
    if (!r.business_response.empty()) ui::text_wrapped("Answer from " + s.name + ": " + r.business_response, ui::color::muted);
    ui::end_tinted();
    ImGui::Dummy(ui::dp(0, 6));
    if (r.business_response.empty() && business && allowed(app, Action::rate_handling, target) && t.text_expired_at == 0) {
      const auto& af = ui_state.form(FormId::answer);
      errors_of(af);
      labeled_input("Answer the rating", "##Answer rating text", "Thank the customer, or say what changes", f.answer,
                    af.errors.field("text"));
      if (ui::primary_button("Answer rating", ImVec2(0, 0), !f.answer.empty() && !af.sending))
        dispatch(SendCommand{FormId::answer, domain::AnswerRating{t.id, f.answer}});
      ImGui::Dummy(ui::dp(0, 6));
    }
  } else if (finished && customer && allowed(app, Action::rate_ticket, target)) {
    const auto& rf = ui_state.form(FormId::rate);
    ui::begin_tinted(ui::tone::accent);
    ui::heading("How did we do?", 16);
    errors_of(rf);
    const char* names[] = {"Responsiveness", "Product knowledge", "Professionalism", "Overall"};
    for (int i = 0; i < 4; ++i) score_row(names[i], names[i], f.rating[i], 1, 5);
    labeled_input("Comment (optional)", "##Rating comment", "", f.rating_comment, rf.errors.field("comment"));
    const bool ready = f.rating[0] && f.rating[1] && f.rating[2] && f.rating[3];
    if (ui::primary_button("Submit rating", ImVec2(0, 0), ready && !rf.sending))
      dispatch(SendCommand{FormId::rate, domain::RateTicket{t.id, f.rating[0], f.rating[1], f.rating[2], f.rating[3], f.rating_comment}});
    ui::end_tinted();
    ImGui::Dummy(ui::dp(0, 6));
  }
}

// The business's rating of the handling (shown to staff, or its form once finished).
void handling_rating(const TicketPage& p, bool finished) {
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::ProgramState& s = p.s;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const domain::Target& target = p.target;
  const bool business = p.business;
  const bool staff = p.staff;
  if (t.business_rating && staff) {
    const auto& b = *t.business_rating;
    std::string line = "Handling rated " + std::to_string(b.score) + "/5 by " + member_name(s, b.by);
    if (b.checklist) {
      int sum = 0;
      for (int v : *b.checklist) sum += v;
      line += " \xC2\xB7 checklist " + std::to_string(sum) + "/10";
    }
    ui::text(line, ui::color::muted);
    if (!b.comment.empty()) ui::text_wrapped(b.comment, ui::color::muted);
  } else if (finished && business && allowed(app, Action::rate_handling, target)) {
    const auto& hf = ui_state.form(FormId::handling);
    ui::begin_tinted(ui::tone::neutral);
    ui::heading("Handling quality", 16);
    errors_of(hf);
    score_row("Score", "Handling score", f.handling_score, 1, 5);
    ImGui::Checkbox("Use the quality checklist", &f.use_checklist);
    if (f.use_checklist)
      for (int i = 0; i < 5; ++i) score_row(checklist_items[i], checklist_items[i], f.checklist[i], 0, 2);
    ui::field_error(hf.errors.field("checklist"));
    labeled_input("Comment (optional)", "##Handling comment", "", f.handling_comment, hf.errors.field("comment"));
    if (ui::primary_button("Rate handling", ImVec2(0, 0), f.handling_score > 0 && !hf.sending)) {
      domain::RateTicketHandling cmd;
      cmd.ticket_id = t.id;
      cmd.score = f.handling_score;
      if (f.use_checklist) cmd.checklist = std::array<int, 5>{f.checklist[0], f.checklist[1], f.checklist[2], f.checklist[3], f.checklist[4]};
      cmd.comment = f.handling_comment;
      dispatch(SendCommand{FormId::handling, cmd});
    }
    ui::end_tinted();
  }
}

// Send reply; once warned, "Escalate instead", "Send anyway" or "Keep editing" in its place.
void composer_buttons(const TicketPage& p, const SupportForm& rf, const std::vector<domain::TopicMatch>& matches, bool warn) {
  Dispatch& dispatch = p.dispatch;
  const domain::Ticket& t = p.t;
  TicketForms& f = p.f;
  const bool staff = p.staff;
  if (staff) ImGui::SameLine(0, ui::dp(16));
  else ImGui::Dummy(ui::dp(0, 4));
  if (warn && f.warned) {
    if (ui::primary_button("Escalate instead", ImVec2(0, 0))) {
      f.escalate_open = true;
      f.escalate_scroll = true;
      f.esc_reason = matches.empty() ? std::string("Restricted topic") : "Restricted topic: " + matches.front().name;
      if (f.esc_summary.empty()) f.esc_summary = "The customer asks about a restricted topic (" + (matches.empty() ? std::string("flagged") : matches.front().name) + ").";
      if (f.esc_recommended.empty() && !matches.empty()) f.esc_recommended = matches.front().escalation_path;
      f.warned = false;
    }
    ImGui::SameLine(0, ui::dp(6));
    if (ui::danger_button(rf.sending ? "Sending\xE2\x80\xA6###Send anyway" : "Send anyway###Send anyway", ImVec2(0, 0), !rf.sending)) {
      domain::ReplyToTicket cmd;
      cmd.ticket_id = t.id;
      cmd.text = f.reply;
      if (staff) cmd.status = f.reply_status;
      cmd.send_despite_warning = true;
      cmd.attachments = f.reply_files.files;
      cmd.template_id = f.reply_template;
      dispatch(SendCommand{FormId::reply, cmd});
    }
    ImGui::SameLine(0, ui::dp(6));
    if (ui::secondary_button("Keep editing")) f.warned = false;
  } else {
    const char* send_label = f.internal ? (rf.sending ? "Saving\xE2\x80\xA6###Send reply" : "Add internal note###Send reply")
                                        : (rf.sending ? "Sending\xE2\x80\xA6###Send reply" : "Send reply###Send reply");
    // A draft from a template waits until its placeholders are filled in or removed (desk/templates.hpp).
    const bool placeholders_left =
        !f.internal && !domain::desk::unfilled_placeholders(p.s, t, my_id(p.app), f.reply_template, f.reply).empty();
    const bool can_send = !f.reply.empty() && !rf.sending && !f.reply_files.upload_id && !placeholders_left;
    const bool send_key = std::exchange(f.send_now, false) && can_send; // Ctrl/Cmd+Enter in the reply box
    if (ui::primary_button(send_label, ImVec2(0, 0), can_send) || send_key) {
      if (warn) {
        f.warned = true; // ask first: escalate instead, or send anyway
      } else {
        domain::ReplyToTicket cmd;
        cmd.ticket_id = t.id;
        cmd.text = f.reply;
        cmd.internal = f.internal;
        if (staff && !f.internal) cmd.status = f.reply_status;
        if (!f.internal) cmd.template_id = f.reply_template;
        cmd.attachments = f.reply_files.files;
        dispatch(SendCommand{FormId::reply, cmd});
      }
    }
  }
}

// The restricted-topic warning under the draft.
void restricted_warning(const std::vector<domain::TopicMatch>& matches) {
  ImGui::Dummy(ui::dp(0, 4));
  ui::begin_tinted(ui::tone::danger);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text("This reply touches a restricted topic. Escalate instead, or send it anyway.", ui::color::error);
  }
  for (const auto& m : matches)
    ui::text_wrapped("\xE2\x80\xA2 " + m.name + " (\xE2\x80\x9C" + m.phrase + "\xE2\x80\x9D): " + m.escalation_path, ui::color::error);
  if (matches.empty()) ui::text_wrapped("The server flagged this reply as touching a restricted topic.", ui::color::error);
  ui::end_tinted();
}

// Composer
void composer(const TicketPage& p) {
  if (!allowed(p.app, Action::reply_ticket, p.target) && !allowed(p.app, Action::write_internal_note, p.target)) return;
  if (p.customer && customer_refusal_notice(p.s, p.t.customer_id, &p.t, p.now)) return; // paused, or restricted
  if (p.t.status == TicketStatus::closed) { // the server takes no reply or note on a closed ticket
    ImGui::Dummy(ui::dp(0, 6));
    ui::text_wrapped(p.customer ? std::string("This ticket is closed. To continue, open a new ticket.")
                                : std::string("This ticket is closed: it takes no more replies or notes. The customer can open a new one."),
                     ui::color::muted);
    if (p.customer && ui::link("Open a new ticket")) p.dispatch(Navigate{program_route(Page::new_ticket, p.s.id)});
    return;
  }
  const AppState& app = p.app;
  UiState& ui_state = p.ui_state;
  Dispatch& dispatch = p.dispatch;
  const domain::ProgramState& s = p.s;
  TicketForms& f = p.f;
  const domain::Target& target = p.target;
  const bool agent = p.agent;
  const bool staff = p.staff;
  const auto& rf = ui_state.form(FormId::reply);
  ImGui::Dummy(ui::dp(0, 6));
  ui::heading(f.internal ? "Internal note" : "Reply", 16);
  errors_of(rf);
  // Held for the business (routing rules): internal notes only, with the reason (desk::why_not_reply()).
  const bool held = desk_views::reply_hold_notice(s, my_id(app), p.t);
  if (held) f.internal = true;
  if (f.focus_composer) {
    ImGui::SetKeyboardFocusHere();
    f.focus_composer = false;
  }
  if (multiline("##Reply text", f.reply, ui::dp(90))) {
    f.warned = false;
    f.despite = false;
    dispatch(ReplyEdited{});
  }
  const ImGuiIO& io = ImGui::GetIO();
  // Ctrl/Cmd+Enter ends the editing (ImGui's multiline validation) and sends.
  if ((ImGui::IsItemActive() || ImGui::IsItemDeactivated()) && (io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_Enter, false))
    f.send_now = true;
  ui::field_error(rf.errors.field("text"));
  attachment_draft(f.reply_files, FormId::reply, s.support_settings.max_attachment_bytes, dispatch);
  for (const auto& [field, message] : rf.errors.fields)
    if (field.starts_with("attachments")) ui::field_error(&message);
  // The knowledge base: insert an article's link or quick answer (desk/knowledge_parts.cpp).
  if (staff && desk_views::composer_article_search(s, my_id(app), f.reply, ui_state.knowledge)) {
    f.warned = false;
    dispatch(ReplyEdited{});
  }
  // Response templates, the customer's trigger phrases and the placeholders left (desk/template_parts.cpp).
  if (staff && !held && desk_views::trigger_suggestions(s, my_id(app), p.t, f)) dispatch(ReplyEdited{});
  if (staff && !held && desk_views::template_picker(s, my_id(app), p.t, f)) dispatch(ReplyEdited{});
  if (staff) desk_views::unfilled_notice(s, my_id(app), p.t, f);
  if (staff && !f.internal) desk_views::heard_guidance(f);
  if (staff && allowed(app, Action::write_internal_note, target)) {
    ImGui::BeginDisabled(held);
    ImGui::Checkbox("Internal note", &f.internal);
    ImGui::EndDisabled();
  }
  if (staff && !f.internal) {
    ui::flow_next(ImGui::CalcTextSize("Reply and set:").x, ui::dp(16)); // on a phone, under the tick box
    ImGui::AlignTextToFramePadding();
    ui::text("Reply and set:", ui::color::muted);
    ui::flow_next(ui::dp(210), ui::dp(6));
    const std::vector<std::string> statuses{"Waiting on customer", "Open", "Resolved"};
    enum_choice("##Reply and set", statuses, {TicketStatus::waiting_on_customer, TicketStatus::open, TicketStatus::resolved}, f.reply_status,
                ui::dp(210));
  }
  // The restricted-topic warning, before sending (agents' public replies): live under the
  // draft; Send reply then asks "Escalate instead" or "Send anyway" in its place.
  std::vector<domain::TopicMatch> matches;
  if (agent && !f.internal && !f.reply.empty()) matches = domain::match_restricted_topics(s.support_settings.restricted_topics, f.reply);
  const bool warn = !f.internal && (!matches.empty() || f.despite);
  composer_buttons(p, rf, matches, warn);
  if (warn) restricted_warning(matches);
}

} // namespace

void draw_ticket(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch)) {
    end_page();
    return;
  }
  const auto& s = *program_state(app);
  const auto role = current_role(app, ui_state);
  const bool business = identity::is_business_role(role);
  const bool agent = role == identity::Role::agent;
  const bool customer = role == identity::Role::customer;
  const bool staff = business || agent;
  const auto now = clock_ms();
  auto& f = ui_state.ticket;
  const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(900));
  ui::begin_column("ticket-page", avail);
  if (back_link(customer ? "My tickets" : "Tickets")) dispatch(Navigate{program_route(Page::tickets, s.id)});
  const auto* tp = s.ticket(app.route.item_id);
  if (!tp) {
    ui::heading("Ticket not found", 20);
    ui::text("This ticket does not exist or is not visible to you.", ui::color::muted);
    ui::end_column();
    end_page();
    return;
  }
  const auto& t = *tp;
  const domain::Target target{.ticket = t.id};
  const TicketPage p{app, ui_state, dispatch, s, t, target, business, agent, customer, staff, now, f};

  header(s, t, staff, now);
  ImGui::Dummy(ui::dp(0, 8));
  // An agent who may not work support reads its customers' tickets only (support_access.hpp).
  if (agent) off_support_notice(s, my_id(app));
  if (staff) escalation_card(s, t, now); // the escalation with the agent's whole note
  if (staff) desk_views::routing_card(s, t); // which routing rules fired, and the team's queue

  restricted_banner(p);
  merge_banner(p);
  progress_card(s, my_id(app), t, ui_state, dispatch, customer, now); // the estimate, updates owed, a third party (progress_parts.cpp)
  retention_banner(s, t); // ticket_parts.cpp
  if (staff) abuse_card(s, my_id(app), t, ui_state, dispatch, now); // the abuse procedure (conduct_parts.cpp)
  if (customer) desk_views::confirm_answer_card(t, ui_state.form(FormId::confirm_answer), dispatch);
  actions_row(p);
  escalation_form(p);
  resolve_form(p);
  close_form(p);
  merge_form(p);
  conversation_form(s, my_id(app), t, ui_state, dispatch); // conversation_parts.cpp
  progress_forms(s, t, ui_state, dispatch, now);           // the estimate's and the wait's (progress_parts.cpp)
  triage(p);
  // A ticket whose text the retention period erased takes no rating (privacy/data_retention.hpp).
  const bool finished = (t.status == TicketStatus::resolved || t.status == TicketStatus::closed) && t.text_expired_at == 0;
  customer_rating(p, finished);
  handling_rating(p, finished);
  composer(p);

  ImGui::Dummy(ui::dp(0, 10));
  ImGui::Separator();
  ImGui::Dummy(ui::dp(0, 4));
  ui::caption("CONVERSATION, NEWEST FIRST");
  ImGui::Dummy(ui::dp(0, 4));
  thread(s, my_id(app), t, domain::audit_trail(s, t, my_id(app)), now, dispatch);
  ImGui::Dummy(ui::dp(0, 24));
  ui::end_column();
  end_page();
}

} // namespace pd::client::views
