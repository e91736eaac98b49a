// The client's two kinds of state.
//   AppState: a replica of what the server told us plus where the app is (route, network).
//             Only the store changes it.
//   UiState:  what belongs to the screen only (form buffers, the errors shown, the program
//             picked in the switcher, open dialogs). Views may edit form buffers directly
//             (text fields); everything else changes through actions.
#pragma once

#include "shared/api/session_wire.hpp"
#include "shared/domain/retention/churn.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/support/mail_preferences.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pd::client {

// [SECTION] Route
enum class Page {
  loading,      // the session check on start-up has not answered yet
  signin,       // #/signin
  signup,       // #/signup
  invite,       // #/invite/{token}
  forgot_password, // #/forgot             ask for a password reset mail (views/password_reset_view.cpp)
  reset_password,  // #/reset/{token}      choose a new password from the mailed link
  verify_email,    // #/verify/{token}     confirm the email address from the mailed link (views/verify_email_view.cpp)
  new_program,  // #/programs/new
  overview,     // #/p/{id}/overview    every role's entry page
  customers,    // #/p/{id}/customers   business: all customers; agent: "My customers"
  customer,     // #/p/{id}/customers/{customer id}
  new_customer, // #/p/{id}/customers/new
  agents,       // #/p/{id}/agents
  agent,        // #/p/{id}/agents/{person id}  an agent's page: performance history (business; an agent its own)
  people,       // #/p/{id}/people      members and invitations
  settings,     // #/p/{id}/settings
  profile,      // #/p/{id}/profile     a customer's own record
  tickets,      // #/p/{id}/tickets[?view=open|overdue|escalated|closed|all]
  ticket,       // #/p/{id}/tickets/{ticket id}
  new_ticket,   // #/p/{id}/tickets/new  customers and business
  support,      // #/p/{id}/support      the business's support overview
  metrics,      // #/p/{id}/metrics      support metrics: the weekly figures and trends (views/support/metrics_view.cpp)
  retention,    // #/p/{id}/retention    churn risk and retention cases (views/support/retention_view.cpp)
  reports,      // #/p/{id}/reports      the weekly reports and the quarterly review (views/support/reports_view.cpp)
  support_settings, // #/p/{id}/settings/support  SLA tiers, topics, ... (owners and admins edit)
  responses,    // #/p/{id}/settings/responses  product areas, response templates, canned triggers (views/desk/responses_view.cpp)
  training,     // #/p/{id}/training       an agent's certification: access, modules, assessment
  certification, // #/p/{id}/certification the business's certification desk: rules, bank, grading
  earnings,     // #/p/{id}/earnings       an agent's commissions: chart, balances, ledger, statements
  commissions,  // #/p/{id}/commissions    the business's commissions: owed, approvals, payouts, payments, plan
  routing,      // #/p/{id}/routing        the business's teams, rota and routing rules (views/desk/routing_view.cpp)
  knowledge,    // #/p/{id}/knowledge      the knowledge base: articles, editor, hygiene (views/desk/knowledge_view.cpp)
  account,      // #/account               the person's own sign-in security: two-factor, sessions, mail (views/account_view.cpp)
  unsubscribe,  // #/unsubscribe/{token}   stop one kind of mail from a mail's link, signed in or not (views/mail_view.cpp)
  erasure,      // #/erasure/{token}       a customer confirms its erasure request from the mailed link (views/mail_view.cpp)
};

// Filters of the customer list, kept in the URL (#/p/1/customers?q=sam&segment=Growth).
struct CustomerFilter {
  std::string q;
  std::string subscription; // "", "trialing", "active", "past_due", "cancelled"
  std::string segment;
  std::int64_t agent = -1;  // -1 any, 0 the business queue, else an agent's person id
  bool operator==(const CustomerFilter&) const = default;
  bool empty() const { return q.empty() && subscription.empty() && segment.empty() && agent < 0; }
};

struct Route {
  Route() = default;
  explicit Route(Page p) : page(p) {}
  Page page = Page::loading;
  std::int64_t program_id = 0; // program pages
  std::int64_t item_id = 0;    // Page::customer, Page::ticket, Page::agent (a person id)
  std::string token;           // Page::invite, Page::reset_password, Page::verify_email
  CustomerFilter filter;       // Page::customers
  std::string ticket_view;     // Page::tickets: "" (open), overdue, escalated, closed, all
  bool operator==(const Route&) const = default;
};

bool is_program_page(Page page);

// [SECTION] Replica
enum class LiveStatus {
  off,          // no program open
  connecting,   // loading the snapshot or opening the stream
  live,         // the stream is connected
  reconnecting, // the connection dropped (or the browser is offline); catching up when back
};

// The part of one program the signed-in person may see, kept current by the live stream.
struct Replica {
  std::int64_t program_id = 0;
  std::optional<domain::ProgramState> state; // set once the first snapshot arrived
  // Every customer's churn score, kept with the state: the store notes each event, and the
  // Retention page refreshes it to the time it draws (a cache of the state, hence mutable).
  mutable domain::ChurnBoard churn;
  bool snapshot_loading = false;
  LiveStatus live = LiveStatus::off;
  std::int64_t cursor = 0;       // the last sequence number the stream reported
  std::string problem;           // the snapshot could not be loaded
};

struct NetworkStatus {
  int in_flight = 0;     // requests sent and not answered
  bool reachable = true; // false after a request could not reach the server
  std::string problem;   // one sentence for the person, empty when all is well
};

// What an invitation link is for (GET /api/v1/invitations/{token}).
struct InvitationPreview {
  std::string token;
  bool loading = false;
  bool found = false;
  std::string problem; // the link is not valid, or the server could not be reached
  std::string program_name;
  identity::Role role = identity::Role::unknown;
  std::string email;
  std::string status; // pending, accepted, revoked, expired
  std::int64_t expires_at = 0;
  bool has_account = false;
};

struct AppState {
  std::optional<api::Me> me; // set while signed in
  Route route;
  NetworkStatus network;
  Replica replica;
  InvitationPreview invitation;
  bool session_checked = false; // the start-up GET /api/v1/me has answered
  bool signing_in = false;
  bool signing_out = false;
};

// [SECTION] Forms
// Server errors per form field ("segment", "mrr", ...) and one for the form as a whole.
struct FormErrors {
  std::map<std::string, std::string> fields;
  std::string general;
  bool empty() const { return fields.empty() && general.empty(); }
  void clear() { fields.clear(), general.clear(); }
  const std::string* field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : &it->second;
  }
};

// A customer profile as typed (money as text, "1450.00").
struct ProfileFields {
  std::string name, email, segment, started_on, mrr, renews_on;
  domain::SubscriptionStatus subscription = domain::SubscriptionStatus::active;
  std::int64_t referring_agent = 0;
  bool operator==(const ProfileFields&) const = default;
};

// One edited field the person had changed when someone else's version won (shown after a
// conflict so the edit is not lost silently).
struct SetAsideEdit {
  std::string field; // "segment"
  std::string label; // "Segment"
  std::string mine;  // what the person had typed, as shown
};

struct CustomerForm {
  std::int64_t program_id = 0;
  std::int64_t customer_id = 0; // 0: a new customer
  bool ready = false;           // filled from the record (or a draft)
  std::int64_t base_version = 0;
  ProfileFields base; // the record the edit started from
  ProfileFields fields;
  bool saving = false;
  FormErrors errors;
  std::string notice;   // "Changes saved."
  bool conflict = false; // the last save lost to someone else's change
  bool reloading = false;
  std::vector<SetAsideEdit> set_aside; // the person's edits that were not saved
  ProfileFields mine;                  // the whole form as it was when the conflict happened
  // Assignment (sent as soon as an agent or the business queue is picked)
  bool assigning = false;
  std::string assign_notice;
  std::string assign_error;
  // Restricting the customer's tickets (views/support/conduct_parts.cpp): 7, 14, 30 or 90 days
  int restrict_days = 1;
  std::string restrict_reason;
  bool dirty() const { return !(fields == base); }
};

struct InviteForm {
  std::int64_t program_id = 0;
  std::string email;
  identity::Role role = identity::Role::agent;
  std::int64_t customer_id = 0; // customer invitations: 0 = matched by email
  int hours = 168;
  bool sending = false;
  FormErrors errors;
  std::string link;       // the invitation link, shown once
  std::string link_email; // whom it is for
  identity::Role link_role = identity::Role::unknown;
  bool copied = false;
};

struct RenameForm {
  std::int64_t program_id = 0;
  bool ready = false;
  bool edited = false; // typed in since the last save (otherwise it follows the program's name)
  std::string name;
  bool saving = false;
  FormErrors errors;
  std::string notice;
};

struct SignUpForm {
  std::string email, name, password; // the password is never stored
  bool sending = false;
  FormErrors errors;
};

// A forgotten password: the email to send the link to (#/forgot), then the new password chosen
// from the link (#/reset/{token}).
struct PasswordResetForm {
  std::string email;
  std::string password; // never stored
  bool sending = false;
  bool sent = false; // the reset mail was asked for (the confirmation is shown)
  FormErrors errors;
};

// Two-factor sign-in on the account page (views/account_view.cpp): a pending setup shows the
// QR code and the secret until a first code confirms it; the recovery codes are shown once.
struct TwoFactorForm {
  bool sending = false;
  std::string secret;      // a pending setup (empty: none)
  std::string otpauth_uri;
  int qr_size = 0;         // modules per side (0: no code)
  std::vector<std::string> qr_rows; // '1' dark, '0' light
  std::string code;        // the code typed to turn it on, off, or for new recovery codes
  enum class Step { none, turning_off, new_codes } step = Step::none; // the open form of a person with it on
  std::vector<std::string> recovery_codes; // just made: shown until dismissed, never again
  bool focus = false;
  FormErrors errors;
};

// The mail the person gets, on the account page (GET/PUT /api/v1/account/mail-preferences):
// per kind of mail every message, a daily digest or none (shared/domain/support/mail_preferences.hpp).
struct MailPreferenceRow {
  std::string key;
  std::string label;
  std::string description;
  domain::MailMode mode = domain::MailMode::each;
};
struct MailPreferencesForm {
  bool loading = false;
  bool loaded = false;
  bool relay = true;   // false: this server sends no mail (no relay configured)
  int digest_hour = 8; // UTC
  std::vector<MailPreferenceRow> rows;
  std::string saving;  // the key being saved ("": none)
  std::string error;
};

// Owners' and admins' view of the program's mail still waiting for the relay, on the settings
// page (GET /api/v1/programs/{id}/mail-status).
struct WaitingMail {
  std::string kind;
  std::string recipient;
  std::string subject;
  int attempts = 0;
  std::string last_error;
};
struct MailStatus {
  std::int64_t program_id = 0;
  bool loading = false;
  bool loaded = false;
  bool relay = true;
  std::int64_t queued = 0;
  std::int64_t failing = 0;
  std::int64_t sent = 0;
  std::vector<WaitingMail> waiting;
  std::string error;
};

// The page a mail's "Stop these" link opens (#/unsubscribe/{token}).
struct UnsubscribeForm {
  bool sending = false;
  bool done = false;
  std::string error;
};

// The person's sessions on the account page (GET /api/v1/account/sessions).
struct SessionRow {
  std::int64_t id = 0;
  std::string browser;
  std::string address;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  bool current = false;
};
struct SessionsList {
  bool loading = false;
  bool loaded = false;
  std::vector<SessionRow> rows;
  std::int64_t ending = 0; // the session being ended (0: none)
  std::string error;
};

// A sensitive command the server held back for a fresh second factor (403 step_up_required):
// the code dialog (views/account_view.cpp); on success the same request is sent again.
struct StepUpForm {
  bool open = false;
  std::string code;
  bool sending = false;
  bool focus = false;
  FormErrors errors;
};

// The program's sign-in security on the settings page: the replica's policy until edited.
struct SecurityPolicyForm {
  std::int64_t program_id = 0;
  domain::SecurityPolicy seen;   // the replica's policy the fields started from
  domain::SecurityPolicy fields; // as ticked
};

struct NewProgramForm {
  bool ready = false; // the draft was looked for
  std::string name;
  std::string currency = "USD";
  bool sending = false;
  FormErrors errors;
};

struct JoinForm {
  std::string name, password; // the password is never stored
  bool sending = false;
  FormErrors errors;
  std::string unverified; // why joining waits: the email address is not confirmed yet (403 email_unverified)
};

// Confirming the email address: the page of the mailed link (#/verify/{token}), and asking
// for a fresh link (the invitation page, the verify page when the link failed).
// Changing the person's email address on the account page (views/account_view.cpp): the new
// address and the current password go together; the server keeps the address pending until
// the link mailed to it is opened (Me::pending_email).
struct EmailChangeForm {
  bool open = false;
  std::string email;
  std::string password; // never stored
  bool sending = false;
  std::string notice; // the server's words on the last request or cancel
  FormErrors errors;
};

struct EmailVerification {
  std::string token; // the link being (or last) confirmed
  bool sending = false;
  bool done = false;
  std::string message; // the server's words on success
  std::string error;   // the link did not work
  std::int64_t joined_program_id = 0; // the link also joined this program (an account made through an invitation)
  std::string joined_program_name;
  bool resending = false;
  std::string resend_notice; // "We sent a new link to ..."
  std::string resend_error;
};

// The in-page find (Ctrl/Cmd+F): the page's text containing the query, one of them current.
struct FindBar {
  bool open = false;
  bool focus = false; // put the keyboard in the query field on the next frame
  std::string query;
  int current = 0;    // index of the current match, in drawing order
  bool scroll = false; // bring the current match into view on the next frame
};

// A change that asks for confirmation first (a dialog).
struct Confirm {
  enum class Kind { none, agent_status, member_role, remove_member, revoke_invitation, sign_out_everywhere };
  Kind kind = Kind::none;
  std::int64_t program_id = 0;
  std::int64_t person_id = 0;
  std::int64_t invitation_id = 0;
  std::int64_t expected_version = 0;
  domain::PartnerStatus status = domain::PartnerStatus::unknown;
  identity::Role role = identity::Role::unknown;
  std::string subject; // whom it is about ("Priya Nair")
  std::string reason;
  bool remediation_required = false; // suspension
  bool reassign_customers = false;   // suspension: move every customer to internal support now
  bool come_back = true;             // reinstatement: held customers come back to the agent (else internal support)
  bool sending = false;
  FormErrors errors;
  bool focus = true;
};

// [SECTION] Command forms
// Every command a view sends with SendCommand names the form it belongs to. The form's
// in-flight flag and the server's errors are kept per form (UiState::support_forms, field names
// without "data."), and the store's follow-up on success (a toast, buffers cleared) is chosen
// by it (store_forms.cpp, store_certification.cpp, store_commissions.cpp).
enum class FormId {
  // A ticket (ticket_view.cpp) and a new ticket
  reply, escalate, triage, take_over, resolve, close, merge, conversation, estimate, third_party, accept_wait, end_wait, rate, handling, answer, new_ticket, confirm_answer,
  abuse, // the abuse procedure's steps (views/support/conduct_parts.cpp)
  // Support desk: notifications, settings, agents, held customers, check-ins
  notifications, support_settings, warn, stop_referral, remediation, held,
  check_in_done, check_in_schedule, check_in_move,
  // The quality loop: a customer's NPS answer, the red flags' thresholds
  nps, quality,
  // Certification: the agent's training page and the business's desk
  cert_access, cert_progress, cert_start, cert_save, cert_submit, cert_exception,
  cert_settings, cert_question, cert_module, cert_remove, cert_grade, cert_decide, cert_exception_grant, cert_revoke,
  // Commissions desk
  comm_approve, comm_payout, comm_payment, comm_adjust, comm_plan, comm_threshold, comm_key, comm_revoke,
  // Routing rules (views/desk/routing_view.cpp)
  routing,
  // Knowledge base (views/desk/knowledge_view.cpp): article commands, a customer's deflection
  knowledge, deflection,
  // Responses and triage (views/desk/responses_view.cpp): one form per card, and a template's removal
  product_areas, response_template, remove_template, canned_triggers,
  // Program settings: which members must sign in with two-factor
  security_policy,
  // Churn and retention (views/support/retention_view.cpp): a case's steps, the customer's
  // request and answer to an offer, the competitor list
  retention_open, retention_reason, retention_offer, retention_decide, retention_close, plan_request, offer_answer, competitors,
  outreach,
  // The mention rule's word lists (views/support/satisfaction_parts.cpp)
  mention_words,
  // Weekly reports (views/support/reports_view.cpp): action items, the quarter's support cost
  report_action, report_action_done, support_cost,
  // A customer's tickets restricted after repeated abuse, or lifted (views/support/conduct_parts.cpp)
  restrict_customer,
  // Erasure of a customer's data: asked, approved or rejected; the retention periods
  // (views/program/privacy_parts.cpp)
  erasure, data_retention,
};

struct SupportForm {
  bool sending = false;
  FormErrors errors;
};

// Files attached to a ticket or a reply before it is sent: uploaded one at a time through the
// file picker, sent with the command by their content address.
struct AttachmentDraft {
  std::uint32_t upload_id = 0; // the upload in progress (0: none)
  std::string error;           // why the last upload failed (type, size, network)
  std::vector<domain::Attachment> files;
};

struct TicketForms {
  std::int64_t program_id = 0;
  std::int64_t ticket_id = 0;
  // Composer
  std::string reply;
  AttachmentDraft reply_files;
  bool internal = false;
  domain::TicketStatus reply_status = domain::TicketStatus::waiting_on_customer; // agent/business public replies: waiting on customer, open or resolved
  bool warned = false;  // the restricted-topic warning is shown for the current draft
  bool despite = false; // the server refused: it asks for send_despite_warning
  bool focus_composer = false; // a shortcut (R, N) puts the keyboard in the reply box next frame
  bool send_now = false;       // Ctrl/Cmd+Enter in the reply box: as Send reply
  // Escalation
  bool escalate_open = false;
  bool escalate_scroll = false; // bring the form's submit button into view on the next frame
  std::string esc_reason, esc_summary, esc_attempts, esc_impact, esc_recommended;
  int esc_sentiment = 0; // frustrated, angry, calm, threatening
  // Triage (index into the lists the view shows; -1: not touched yet, shows the ticket's)
  int triage_priority = -1, triage_category = -1;
  bool triage_tags_touched = false;       // triage_tags holds the person's choice (else the ticket's show)
  std::vector<domain::Category> triage_tags;
  // The rest of the triage checklist (views/desk/triage_parts.cpp): once touched, sent with Save triage
  bool triage_entries_touched = false;
  std::string triage_summary, triage_area, triage_steps, triage_errors, triage_environment;
  bool triage_screenshots = false;
  bool triage_save_now = false; // Ctrl/Cmd+Enter in the triage panel: as Save triage
  // Response templates in the composer (views/desk/template_parts.cpp)
  bool template_picker_open = false;
  bool focus_template_search = false; // the T shortcut puts the keyboard in the picker's search next frame
  std::string template_query;
  std::int64_t reply_template = 0; // the template the draft was written from (0: none)
  bool self_check[5] = {false, false, false, false, false}; // the quality checklist, ticked by the agent before sending
  // The abuse procedure's next reply (the warning or the pause; the seed's words to start)
  std::string abuse_text;
  // Resolve / close
  bool resolve_open = false, close_open = false;
  std::string resolve_note, close_note;
  // Merge: the customer's other open tickets chosen to merge into this one
  bool merge_open = false;
  std::vector<domain::TicketId> merge_pick;
  // A call or chat logged on the ticket (views/support/conversation_parts.cpp)
  bool conversation_open = false;
  bool conversation_chat = false; // a chat transcript, else a phone call
  int conversation_minutes = 0;
  std::string conversation_record, conversation_summary;
  domain::TicketStatus conversation_status = domain::TicketStatus::waiting_on_customer;
  bool conversation_despite = false; // send the summary despite the restricted-topic warning
  // The ticket's progress (views/support/progress_parts.cpp): the estimate, a third party
  bool estimate_open = false;
  std::string estimate_date, estimate_time, estimate_note;
  bool third_party_open = false;
  std::string party, party_reference, follow_up_date, follow_up_time;
  // Customer rating
  int rating[4] = {0, 0, 0, 0}; // responsiveness, knowledge, professionalism, overall
  std::string rating_comment;
  // Business rating of the handling, and the answer to the customer's rating
  int handling_score = 0;
  bool use_checklist = false;
  int checklist[5] = {0, 0, 0, 0, 0};
  std::string handling_comment;
  std::string answer;
};

struct NewTicketForm {
  std::int64_t program_id = 0;
  std::string subject, text;
  AttachmentDraft files;
  int category = 2;     // index into domain::all_categories (how-to)
  int priority = 2;     // P0..P3
  std::vector<domain::Category> tags; // up to two secondary tags besides the category
  std::int64_t customer_id = 0; // business: the customer it is for
  std::vector<std::int64_t> read_articles; // suggested articles the customer opened while writing (deflection)
  std::int64_t open_article = 0;           // the suggestion shown whole (0: none)
};

// The knowledge-base page (#/p/{id}/knowledge) and the composer's article search.
struct KnowledgeForm {
  std::int64_t program_id = 0;
  int tab = 0;                 // 0 articles, 1 hygiene (business)
  std::string query;           // the page's search box
  std::int64_t open_article = 0; // the article shown whole (0: none)
  // The editor (editing 0 and editor_open: a new article)
  bool editor_open = false;
  std::int64_t editing = 0;
  std::string question, applies_to, quick_answer, steps, still_stuck, product_area; // steps: one a line
  int difficulty = 0;          // none, beginner, intermediate, advanced
  int audience = 0;            // public, internal
  std::vector<std::int64_t> from_tickets;
  std::string composer_query;  // the reply composer's article search
  std::string notice;
};

// The program's support settings as edited (#/p/{id}/settings/support); saved whole with
// ChangeSupportSettings under FormId::support_settings.
// The routing page's editor (#/p/{id}/routing): the teams and rules being edited, and the rule
// being written with its trial against the program's tickets (desk::try_rule on the replica).
struct RoutingForm {
  std::int64_t program_id = 0;
  bool ready = false;
  domain::desk::RoutingSettings base;   // the replica's routing when the edit started
  domain::desk::RoutingSettings fields; // being edited; saved whole with ChangeRouting
  domain::desk::RoutingRule draft;      // the new rule being written
  std::string cond_value, action_value; // the text fields of the draft's next condition and action
  int cond_field = 0, action_kind = 0, team_index = 0, member_choice = 0;
  std::optional<domain::desk::RuleTrial> trial; // the draft's trial, until it changes
  std::string notice;
  bool dirty() const { return !(fields == base); }
};

// The response library and triage lists as edited (#/p/{id}/settings/responses): the product
// areas and the canned triggers are saved whole (SetProductAreas, SetCannedTriggers), a template
// one at a time (SaveResponseTemplate, RemoveResponseTemplate).
struct ResponsesForm {
  std::int64_t program_id = 0;
  bool ready = false;
  // Product areas
  std::vector<std::string> areas_base; // the replica's list when the edit started
  std::vector<std::string> areas;
  std::string new_area;
  // Templates: the list's filter, the one open in the editor (editing 0 and editor_open: a new one)
  std::string query;
  bool editor_open = false;
  std::int64_t editing = 0;
  std::string name, category, text; // category: a tag, "" for any
  bool editor_scroll = false;       // bring the editor into view on the next frame (opened from the list)
  std::int64_t confirm_remove = 0;  // a template whose Remove was clicked once: asks to confirm
  // Canned triggers
  std::vector<domain::desk::CannedTrigger> triggers_base;
  std::vector<domain::desk::CannedTrigger> triggers;
  // The replica's lists when last looked at: a change there reaches an unedited list.
  std::vector<std::string> areas_seen;
  std::vector<domain::desk::CannedTrigger> triggers_seen;
  // What the last save of each card did ("Product areas saved.")
  std::string areas_notice, template_notice, triggers_notice;
  bool areas_dirty() const { return areas != areas_base; }
  bool triggers_dirty() const { return !(triggers == triggers_base); }
};

struct SupportSettingsForm {
  std::int64_t program_id = 0;
  bool ready = false;
  domain::SupportSettings base;   // what the edit started from (the replica's settings)
  domain::SupportSettings fields;
  domain::SupportSettings seen;   // the replica's settings when last looked at
  bool changed_elsewhere = false; // the replica changed under the person's own edits
  std::string notice;      // "Changes saved."
  std::string new_segment; // the segment typed to add a mapping
  std::string tz_search;   // the time-zone combo's filter
  std::vector<std::string> time_zones; // GET /api/v1/time-zones
  bool tz_loading = false;
  std::map<std::string, bool> open_topics; // restricted topics opened for editing, by key
  bool dirty() const { return !(fields == base); }
};

// An agent's certification page (#/p/{id}/training): the running attempt's answers (resumed
// from the replica on load), the quiz choices of text lessons, the exception request.
struct TrainingForm {
  std::int64_t program_id = 0;
  int attempt = 0; // the attempt the answers belong to (0: none loaded)
  std::map<std::int64_t, domain::AnswerGiven> answers; // by question id
  bool dirty = false;       // answers changed since the last save
  double changed_at = 0;    // when (platform::now_ms), for saving a moment later
  std::map<std::string, std::vector<int>> quiz; // "module.section" -> the option chosen per question (-1: none)
  std::string exception_message;
  double last_watch_report = 0; // platform::now_ms of the last video progress sent
};

// The business's certification desk (#/p/{id}/certification).
struct CertificationDeskForm {
  std::int64_t program_id = 0;
  bool ready = false;
  domain::AccessMode access = domain::AccessMode::request;
  domain::AssessmentRules rules;
  // A new question.
  domain::QuestionKind q_kind = domain::QuestionKind::multiple_choice;
  std::string q_prompt, q_situation, q_options, q_correct, q_rubric; // options one per line; correct "1, 3"
  int q_points = 1;
  // A new module.
  domain::ModuleKind m_kind = domain::ModuleKind::text;
  std::string m_title, m_description, m_body, m_quiz_prompt, m_quiz_options;
  int m_quiz_right = 1; // 1-based
  int m_sessions = 3;
  bool m_required = true;
  // The file of a new video lesson or PDF guide, once uploaded.
  std::uint32_t upload_id = 0; // the upload in progress (0: none)
  std::string upload_error;
  domain::Attachment m_file;
  std::int64_t m_duration_seconds = 0;
  // Grading and decisions, keyed "person.attempt.question" and by person.
  std::map<std::string, int> scores;
  std::map<std::string, std::string> comments;
  std::map<std::int64_t, std::string> notes;
};

// Commissions: what an agent's earnings page (and the business's view of one agent) shows.
struct EarningsForm {
  int currency = 0;        // index into commission_currencies()
  int statement_month = 0; // index into statement_months() (newest first)
  int side = 0;            // ledger filter: 0 both, 1 referral, 2 support
  int state = 0;           // ledger filter: 0 any, 1 pending, 2 approved, 3 paid
};

// The business's commissions desk (#/p/{id}/commissions).
struct CommissionDeskForm {
  std::int64_t program_id = 0;
  int currency = 0;                     // index into commission_currencies()
  std::int64_t agent = 0;               // the agent whose statement is shown (0: none picked)
  EarningsForm statement;               // that agent's statement and ledger filters
  std::map<std::int64_t, bool> approve; // pending lines ticked for approval
  std::map<std::int64_t, bool> skip;    // approved lines left out of the next payout
  std::string payout_reference;
  // A payment or refund entered by hand.
  std::int64_t pay_customer = 0;
  domain::PaymentKind pay_kind = domain::PaymentKind::payment;
  std::string pay_amount, pay_external_id, pay_refund_of, pay_date; // date YYYY-MM-DD, empty: now
  // An adjustment.
  std::int64_t adj_agent = 0;
  int adj_side = 0; // 0 referral, 1 support
  std::int64_t adj_customer = 0;
  std::string adj_amount, adj_reason;
  // A new plan version, as typed (percentages and amounts as text).
  bool plan_ready = false;
  std::string plan_currency, plan_from, plan_first_pct, plan_recurring_pct, plan_flat, plan_mrr_pct;
  int plan_months = 0, plan_hold_days = 30;
  domain::SupportBasis plan_basis = domain::SupportBasis::none;
  // The threshold above which an adjustment needs a second person, as typed.
  bool threshold_ready = false;
  std::string threshold_currency, threshold_text;
  // Billing API keys: the label of a new key, and a new key's secret, shown once.
  std::string key_label;
  std::string new_key;
  bool key_copied = false;
  std::int64_t revoke_key = 0; // a key whose Revoke was clicked once: asks to confirm
  std::string customer_search; // the payment form's customer picker
  std::string open_tab;        // a tab to bring forward on the next frame ("Statements")
  std::string shown_tab;       // the tab shown in the last frame (the list of tabs on a phone)
};

// Scheduling a check-in, or moving one (check_in_views.cpp). Times are UTC, like every date shown.
struct CheckInForm {
  bool open = false;
  std::string where;              // the panel showing the form: "customer" or "follow-ups"
  std::int64_t check_in_id = 0;   // 0: a new check-in; else the one being moved
  std::int64_t customer_id = 0;   // the customer it is for
  std::string date;               // YYYY-MM-DD
  std::string time = "09:00";     // HH:MM
  std::string note;
  std::string problem;            // the date or time cannot be read
};

struct WarnForm {
  std::int64_t person_id = 0; // 0: closed
  std::string subject;
  std::string reason;
};
// Stopping a terminated agent's referral commission for fraud (StopReferralCommission): its own
// form, confirmed apart from the termination.
// Recording a suspension's remediation as done (RecordRemediation).
struct RemediationForm {
  std::int64_t person_id = 0; // 0: closed
  std::string subject;
  std::string what;
};
struct StopReferralForm {
  std::int64_t person_id = 0; // 0: closed
  std::string subject;
  std::string reason;
  bool fraud_confirmed = false;
  bool bring_into_view = true; // the form opens below the agents list: scrolled to once, when opened
};

// Mail held for the business (GET /api/v1/programs/{id}/held-mail): replies by email that were
// not added to a ticket by themselves; the support settings page's Held mail card.
struct HeldMailItem {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0; // 0: it names no ticket
  std::string sender;
  std::string subject;
  std::string text;
  std::string reason;
  std::int64_t received_at = 0;
};
struct HeldMailList {
  std::int64_t program_id = 0; // whose list `items` is
  bool loading = false;
  bool loaded = false;
  std::int64_t busy_id = 0; // a Discard or Add to ticket in flight
  std::vector<HeldMailItem> items;
  std::string error;
};

// A customer's data export (the customer page's Customer data card, the customer's own Your data
// card): asked, then what the archive holds once the browser saves it.
struct DataExport {
  std::int64_t program_id = 0;
  std::int64_t customer_id = 0; // whose export `summary` or `error` is about
  bool busy = false;
  bool saved = false;     // the archive below was handed to the browser to save
  std::string file_name;  // "partnerdesk-customer-1-2026-12-07.zip"
  std::int64_t tickets = 0, messages = 0, ratings = 0, attachments = 0, attachment_bytes = 0;
  std::string error;
};

// Erasure (views/program/privacy_parts.cpp): the requester's note while it asks, the decider's
// reason while it rejects, and the confirmation page of the mailed link (#/erasure/{token}).
struct ErasureForms {
  std::int64_t asking_customer = 0; // the customer whose "Erase…" was pressed: the note and the final button show
  std::string note;
  std::int64_t rejecting = 0; // the request whose "Reject" was pressed
  std::string reason;
  bool confirm_sending = false;
  bool confirm_done = false;
  std::string confirm_error;
};

struct UiState {
  std::string email;    // sign-in form; kept as a draft across reloads
  std::string password; // sign-in form; never stored
  std::string signin_error;
  std::string signin_notice; // e.g. "Sign in as x to accept the invitation."
  bool focus_signin = true;  // put the keyboard focus in the form on the next frame
  bool signin_needs_code = false; // the password was right; the two-factor code is asked next
  std::string signin_code;        // never stored
  std::int64_t selected_program_id = 0;
  bool nav_open = false; // the navigation sheet on a narrow layout (views/nav_view.cpp)

  SignUpForm signup;
  PasswordResetForm password_reset;
  EmailChangeForm email_change;
  TwoFactorForm two_factor;
  StepUpForm step_up;
  SecurityPolicyForm security_policy;
  SessionsList sessions;
  MailPreferencesForm mail_preferences;
  MailStatus mail_status;
  UnsubscribeForm unsubscribe;
  ErasureForms erasure;
  NewProgramForm new_program;
  JoinForm join;
  EmailVerification verification;
  CustomerForm customer;
  InviteForm invite;
  RenameForm rename;
  Confirm confirm;
  FindBar find; // views/find_view.cpp
  bool shortcuts_open = false;  // the list of keyboard shortcuts ("?", views/shortcuts_view.cpp)
  char shortcut_prefix = 0;     // "g" pressed: the next key chooses where to go
  std::vector<std::int64_t> ticket_order; // the ticket list as last shown (J and K follow it)
  bool focus_search = false;    // "/" puts the keyboard in the ticket list's search box
  std::string search; // the customer list's search box (mirrors the route's filter)
  std::string toast;  // a short confirmation shown at the bottom of the page
  double toast_until = 0;
  std::string page_notice; // a sentence shown on top of the current page (e.g. after a redirect)

  // Support desk
  std::map<FormId, SupportForm> support_forms; // by the form a SendCommand names
  TicketForms ticket;
  NewTicketForm new_ticket;
  SupportSettingsForm support_settings;
  HeldMailList held_mail; // store_held_mail.cpp
  DataExport data_export; // store_privacy.cpp
  RoutingForm routing;
  ResponsesForm responses;
  KnowledgeForm knowledge;
  WarnForm warn;
  StopReferralForm stop_referral;
  RemediationForm remediation; // support_access_parts.cpp
  CheckInForm check_in;
  TrainingForm training;
  CertificationDeskForm certification;
  EarningsForm earnings;
  CommissionDeskForm commissions;
  std::string ticket_search; // the ticket list's search box
  // The ticket list's filters and order (column ids of tickets_view.cpp; newest first by default).
  int ticket_priority = -1;        // -1 any, else P0..P3
  std::int64_t ticket_agent = -1;  // -1 any, 0 the business queue, else an agent
  std::string ticket_team;         // "" any, else a team's queue (routing rules)
  int ticket_sort_column = 0;
  bool ticket_sort_descending = true;
  int overview_period = 1;   // 0: 7 days, 1: 30 days, 2: 90 days
  struct {
    std::string scope = "program"; // domain::parse_metric_scope's form
    int period = 0;                // this week, last week, last 4 weeks, last 12 weeks
    int mentions = 0;              // the messages listed: 1 positive, -1 negative, 0 none
  } metrics;                       // views/support/metrics_view.cpp
  struct {
    int score = -1;      // the button chosen, 0-10 (-1: none yet)
    std::string comment;
  } nps;                 // views/support/satisfaction_parts.cpp
  struct {
    bool edited = false;             // the fields differ from the program's (else they follow it)
    domain::QualitySettings fields;
  } quality;                         // the red flags' thresholds (satisfaction_parts.cpp)
  struct {
    bool edited = false;             // the fields differ from the program's (else they follow it)
    int closed_ticket_days = 0;
    int attachment_days = 0;
  } data_retention;                  // the retention periods (privacy_parts.cpp)
  struct MentionRow {
    std::string language, positive, negative; // the words comma-separated, as typed
  };
  struct {
    bool edited = false;             // the rows differ from the program's (else they follow it)
    std::vector<MentionRow> rows;
  } mention_words;                   // the mention rule's word lists (satisfaction_parts.cpp)
  struct {
    std::int64_t customer = 0;     // the customer whose signals and history are shown (0: none)
    std::int64_t case_id = 0;      // the case worked (0: none)
    int level = 0;                 // the list's filter: 0 every level, else ChurnLevel + 1
    int reason = 0;                // step 1: index into reason_responses()
    std::string understanding;
    int offer_kind = 0;            // step 3
    int months = 1, percent = 20;
    std::string offer_note;
    int outcome = 0;               // step 4: saved, paused, downgraded, lost
    std::string mrr_kept;          // e.g. "49.00"
    std::string exit_feedback;
    bool win_back = true;
    int request = 0;               // a customer's: 0 cancel, 1 downgrade
    std::string request_note;
    bool competitors_edited = false;
    std::string competitors;       // one per line
    std::int64_t outreach_customer = 0; // the customer the outreach draft below is for (0: none yet)
    std::string outreach_subject, outreach_text;
    std::int64_t outreach_template = 0;
  } retention;                     // views/support/retention_view.cpp
  struct {
    std::int32_t week = 0;         // the report shown (0: the newest)
    std::string action, owner, due_on;
    int quarter = 0;               // 0: this quarter, 1: the one before, ...
    std::string cost;              // the quarter's support cost as typed
    std::string cost_quarter;      // the quarter the typed cost belongs to
    // The quarterly review as the API answered it (GET .../support/quarterly), for the key
    // "<program>/<quarter>/<program version>/<day>"; asked again when the key changes.
    std::string review_key, review_asked;
    std::vector<domain::ReportSection> review;
    std::string review_error;
  } reports;                       // views/support/reports_view.cpp
  std::int64_t escalation_note_open = 0;     // the escalation queue's ticket whose whole note is shown (0: none)
  std::int64_t escalations_agent = 0;        // the agent whose history of escalations the Agents page shows (0: none)
  std::int64_t agent_escalation_open = 0;    // the escalation of that history whose whole note is shown
  const SupportForm& form(FormId id) const {
    static const SupportForm none;
    auto it = support_forms.find(id);
    return it == support_forms.end() ? none : it->second;
  }
};

} // namespace pd::client
