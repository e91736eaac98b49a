// The store owns AppState and UiState and is the only place that changes AppState. It
// applies, in this order each frame: server responses, stream messages, network and URL
// changes (before the frame), then the actions the views emitted (after it). Business
// rules stay in shared/ (apply, is_allowed) and on the server; the store only moves data.
//
// Actions are a closed set (actions.hpp, one handle() each). Every support, certification and
// commissions command arrives as SendCommand{FormId, command}: the FormId (app_state.hpp)
// names the form whose progress and errors UiState::support_forms keeps, and a switch over it
// chooses the follow-up once the server accepts. A command's answer is decoded once into typed
// events (command_answer.hpp, domain::event_from_json); follow-ups read them with
// find_event<domain::XxxEvent>, never by type name.
//
// The store does nothing outside itself: requests, the event stream, the file picker and the
// clipboard are effects (effects.hpp) it appends as values; take_effects() hands them to
// whoever runs them (the browser's frame, a unit test). Its own ids name each request, stream
// and upload, and the answers come back under them.
//
// Implementation files:
//   store.cpp               start-up, session, routing, HTTP plumbing, retries
//   store_replica.cpp       the live replica of the open program (snapshot + event stream)
//   store_forms.cpp         forms, drafts, the commands they send and the support follow-ups
//   store_certification.cpp the FormId::cert_* follow-ups, training uploads, attachments
//   store_commissions.cpp   the FormId::comm_* follow-ups, the API key shown once
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "client/app/command_answer.hpp"
#include "client/app/effects.hpp"
#include "client/platform/browser.hpp"
#include "client/platform/event_stream.hpp"
#include "client/platform/http.hpp"
#include "client/platform/media.hpp"

#include "shared/core/error.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/events.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pd::client {

class Store {
public:
  explicit Store(platform::Browser& browser);

  const AppState& app() const { return app_; }
  UiState& ui() { return ui_; }

  // Restores the sign-in draft and asks the server who is signed in.
  void start();
  // Each returns true when something on screen may have changed.
  bool apply_responses(std::vector<platform::HttpResponse> responses);
  bool apply_stream(std::vector<platform::StreamMessage> messages);
  bool apply_online(bool online);
  bool apply_uploads(std::vector<platform::UploadResult> uploads); // store_certification.cpp
  bool apply_location(std::string_view hash);
  bool apply(std::vector<Action> actions);
  bool tick(double now_ms); // timers: retries, stream reopening, toasts

  // The effects appended since the last call, oldest first; run them before the next step.
  std::vector<Effect> take_effects() { return std::exchange(effects_, {}); }

private:
  enum class Request {
    session_check,
    me_refresh,
    sign_in,
    sign_out,
    sign_out_everywhere,
    sign_up,
    create_program,
    snapshot,
    customer_reload,
    invitation_preview,
    invitation_accept,
    password_reset_request,
    password_reset_complete,
    email_verification, // store_verification.cpp
    verification_resend,
    email_change, // store_verification.cpp: asked (POST) or cancelled (DELETE)
    two_factor_setup,
    two_factor_code, // enable, disable or new recovery codes (TwoFactorForm::step)
    step_up,
    sessions_list,
    session_end,
    mail_preferences, // loaded or saved: the answer is the whole list
    unsubscribe,
    erasure_confirm,
    mail_status,
    held_mail,          // store_held_mail.cpp: the list
    held_mail_decision, // discard or add to the ticket (Pending::item_id: the mail)
    quarterly_review,   // store_held_mail.cpp: the reports page's quarterly review
    data_export,        // store_privacy.cpp: what a customer's export holds (then the ZIP is saved)
    command,
    time_zones,
  };
  enum class CommandKind { rename, invite, revoke, change_role, remove_member, agent_status, add_customer, update_customer, assign, support };
  struct Pending {
    Request kind = Request::session_check;
    CommandKind command = CommandKind::rename;
    std::int64_t program_id = 0;
    std::int64_t item_id = 0;
    platform::Method method = platform::Method::get;
    std::string path;
    std::string body;
    FormId form = FormId::reply; // CommandKind::support: the form that sent it
    int attempts = 0;
  };
  struct Retry {
    Pending pending;
    double due = 0;
  };

  // [SECTION] store.cpp
  void send(Pending p);
  void send(Request kind, platform::Method method, std::string path, std::string body = {});
  void on_response(const Pending& p, const platform::HttpResponse& r);
  bool retry_later(const Pending& p); // a request that never reached the server; false when given up
  void on_session_check(const platform::HttpResponse& r);
  void on_me_refresh(const platform::HttpResponse& r);
  void on_sign_in(const platform::HttpResponse& r);
  void on_sign_out(const platform::HttpResponse& r);
  void on_sign_up(const platform::HttpResponse& r);
  void on_create_program(const Pending& p, const platform::HttpResponse& r);
  void on_invitation_preview(const Pending& p, const platform::HttpResponse& r);
  void on_invitation_accept(const platform::HttpResponse& r);
  void signed_in(api::Me me);
  void signed_out(std::string notice = {});
  void refresh_me();

  // The page the session and role allow for the wanted route.
  Route resolve(const Route& wanted) const;
  identity::Role role_in(std::int64_t program_id) const;
  // Shows the route and writes it to the URL (push: a new history entry).
  void go(const Route& wanted, bool push);
  void after_route_change();
  void update_title();
  void toast(std::string text);
  std::string draft_key(std::string_view what) const;

  // [SECTION] store_replica.cpp
  void ensure_replica();
  void load_snapshot();
  void on_snapshot(const Pending& p, const platform::HttpResponse& r);
  void open_stream();
  void close_stream();
  void on_event(const domain::Event& e);
  void after_events(); // keeps Me and the route in step with what the events changed

  // [SECTION] store_forms.cpp
  void send_command(CommandKind kind, std::int64_t program_id, domain::Command command, std::int64_t item_id = 0);
  void on_command(const Pending& p, const platform::HttpResponse& r);
  void on_command_error(const Pending& p, const core::Error& error);
  void on_support_done(const Pending& p, const CommandAnswer& answer);
  void on_customer_reload(const Pending& p, const platform::HttpResponse& r);
  void on_time_zones(const platform::HttpResponse& r);
  void on_certification_done(FormId form, const CommandAnswer& answer); // store_certification.cpp
  void on_commission_done(FormId form, const CommandAnswer& answer);    // store_commissions.cpp
  void sync_forms(); // fills forms for the page shown (from drafts or the replica)
  void sync_responses_form(const domain::ProgramState& s); // the responses page's lists follow the replica
  void save_customer_draft();
  void clear_customer_draft();
  void load_customer_form(const domain::Customer& c);

  void handle(const SubmitSignIn&);
  void handle(const EmailEdited&);
  void handle(const SignOut&);
  void handle(const SignOutEverywhere&);
  void handle(const SelectProgram&);
  void handle(const RetrySessionCheck&);
  void handle(const Navigate&);
  void handle(const RetrySnapshot&);
  void handle(const SubmitSignUp&);
  void handle(const SignUpEdited&);
  void handle(const SubmitNewProgram&);
  void handle(const NewProgramEdited&);
  void handle(const SubmitJoin&);
  void handle(const JoinEdited&);
  void handle(const SignInToAccept&);
  void handle(const SubmitForgotPassword&); // store_password.cpp
  void handle(const SubmitNewPassword&);    // store_password.cpp
  void on_password_reset_request(const platform::HttpResponse& r);  // store_password.cpp
  void on_password_reset_complete(const platform::HttpResponse& r); // store_password.cpp
  void handle(const ResendVerification&);                            // store_verification.cpp
  void start_email_verification();                                   // store_verification.cpp: the route's link
  void on_email_verification(const Pending& p, const platform::HttpResponse& r); // store_verification.cpp
  void on_verification_resend(const platform::HttpResponse& r);      // store_verification.cpp
  void handle(const SubmitEmailChange&);                             // store_verification.cpp
  void handle(const CancelEmailChange&);                             // store_verification.cpp
  void on_email_change(const platform::HttpResponse& r);             // store_verification.cpp
  void handle(const FilterChanged&);
  void handle(const CustomerEdited&);
  void handle(const SaveCustomer&);
  void handle(const DiscardCustomerEdits&);
  void handle(const ReapplyMyEdits&);
  void handle(const DismissSetAside&);
  void handle(const AssignCustomer&);
  void handle(const AskConfirm&);
  void handle(const SubmitConfirm&);
  void handle(const CancelConfirm&);
  void handle(const InviteEdited&);
  void handle(const SubmitInvite&);
  void handle(const CopyInvitationLink&);
  void handle(const DismissInvitationLink&);
  void handle(const RenameEdited&);
  void handle(const SubmitRename&);
  void handle(const SendCommand&);
  void handle(const ReplyEdited&);
  void handle(const UploadTrainingFile&); // store_certification.cpp
  void handle(const AttachFile&);         // store_certification.cpp
  void handle(const CopyApiKey&);         // store_commissions.cpp
  void handle(const DismissApiKey&);      // store_commissions.cpp

  // [SECTION] store_security.cpp: two-factor sign-in, step-up, the business's requirement
  void handle(const StartTwoFactorSetup&);
  void handle(const CancelTwoFactorSetup&);
  void handle(const SubmitTwoFactorCode&);
  void handle(const DismissRecoveryCodes&);
  void handle(const CopyRecoveryCodes&);
  void handle(const SubmitStepUp&);
  void handle(const CancelStepUp&);
  void handle(const EndSession&);
  void load_sessions();
  void on_sessions_list(const platform::HttpResponse& r);
  void on_session_end(const Pending& p, const platform::HttpResponse& r);
  // [SECTION] store_mail.cpp: the mail a person gets, and unsubscribing from a mail's link
  void handle(const SetMailMode&);
  void handle(const SubmitUnsubscribe&);
  void handle(const SubmitErasureConfirm&);
  void load_mail_preferences();
  void on_mail_preferences(const platform::HttpResponse& r);
  void on_unsubscribe(const platform::HttpResponse& r);
  void on_erasure_confirm(const platform::HttpResponse& r);
  void handle(const RefreshMailStatus&);
  void load_mail_status();
  void on_mail_status(const Pending& p, const platform::HttpResponse& r);
  // [SECTION] store_held_mail.cpp: mail held for the business (support settings page)
  void handle(const LoadHeldMail&);
  void handle(const DecideHeldMail&);
  void load_held_mail();
  void on_held_mail(const platform::HttpResponse& r);
  void on_held_mail_decision(const Pending& p, const platform::HttpResponse& r);
  void handle(const LoadQuarterlyReview&);
  void on_quarterly_review(const Pending& p, const platform::HttpResponse& r);
  // [SECTION] store_privacy.cpp
  void handle(const ExportCustomerData&);
  void on_data_export(const Pending& p, const platform::HttpResponse& r);
  void on_two_factor_setup(const platform::HttpResponse& r);
  void on_two_factor_code(const platform::HttpResponse& r);
  void on_step_up(const platform::HttpResponse& r);
  // A 403 the security rules answered: step_up_required holds the request for the code dialog
  // (true: it is held); two_factor_enrolment_required asks for /me again, which leads to the
  // account page.
  bool held_for_security(const Pending& p, const platform::HttpResponse& r);

  platform::Browser& browser_;
  std::vector<Effect> effects_;
  platform::RequestId next_request_ = 1;
  platform::StreamId next_stream_ = 1;
  std::uint32_t next_upload_ = 1;
  AppState app_;
  UiState ui_;
  std::unordered_map<platform::RequestId, Pending> pending_;
  std::vector<Retry> retries_;
  double now_ = 0;

  platform::StreamId stream_ = 0;
  double reopen_stream_at_ = 0; // 0: not scheduled
  double retry_snapshot_at_ = 0;
  int stream_failures_ = 0;
  std::vector<domain::Event> buffered_; // events that arrived while a snapshot was loading
  std::optional<Route> after_signin_;   // where to go once signed in (an invitation)
  std::optional<Pending> held_for_step_up_; // a command waiting for a fresh second factor
  std::string title_;
  std::string before_token_; // the unsubscribe page's token last shown (a new one starts a fresh form)
};

// The API's error shape, or a sentence naming the status when the body is something else.
core::Error error_of(const platform::HttpResponse& r);

} // namespace pd::client
