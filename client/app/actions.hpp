// What views ask for: a closed set of typed actions (the Action variant; the store has one
// handle() per alternative, so a new action without its handler does not compile). A view
// never changes AppState: it emits an action, and the store applies the queued actions after
// the frame. Commands go out as SendCommand{FormId, command}; no string chooses what a form does.
#pragma once

#include "client/app/app_state.hpp"

#include "shared/domain/commands.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pd::client {

// Session and navigation
struct SubmitSignIn {};                       // sign in with UiState's email and password
struct EmailEdited {};                        // the email field changed (saved as a draft)
struct SignOut {};
struct SignOutEverywhere {};                  // end every session of this person (all devices)
struct SelectProgram { std::int64_t program_id = 0; };
struct RetrySessionCheck {};                  // the start-up check failed; try again
struct Navigate { Route route; };             // a new history entry
struct RetrySnapshot {};                      // the program could not be loaded; try again

// Sign-up, new program, invitation links
struct SubmitSignUp {};
struct SignUpEdited {};
struct SubmitNewProgram {};
struct NewProgramEdited {};
struct SubmitJoin {};                         // accept the open invitation (creating the account if needed)
struct JoinEdited {};                         // the name typed to join (saved as a draft; never the password)
struct SignInToAccept {};                     // the invited email has an account: sign in, then come back
struct SubmitForgotPassword {};               // mail a reset link to PasswordResetForm's email
struct SubmitNewPassword {};                  // set PasswordResetForm's password with the route's token
struct ResendVerification {};                 // mail a fresh email confirmation link (on the invitation page: it also joins)
struct SubmitEmailChange {};                  // ask for EmailChangeForm's address, with the current password
struct CancelEmailChange {};                  // cancel the change waiting for its link

// Two-factor sign-in (views/account_view.cpp) and step-up
struct StartTwoFactorSetup {};               // a new secret and its QR code
struct CancelTwoFactorSetup {};
struct SubmitTwoFactorCode {};               // TwoFactorForm's code: turn it on, off, or new recovery codes (by its step)
struct DismissRecoveryCodes {};
struct CopyRecoveryCodes {};
struct SubmitStepUp {};                      // StepUpForm's code, then the held command again
struct CancelStepUp {};
struct EndSession { std::int64_t id = 0; };  // one of the person's sessions (the account page's list)
struct SetMailMode { std::string key; domain::MailMode mode = domain::MailMode::each; }; // one kind of mail, saved at once
struct SubmitUnsubscribe {};                 // the #/unsubscribe/{token} page's button
struct SubmitErasureConfirm {};              // the #/erasure/{token} page's button
struct RefreshMailStatus {};                 // the settings page's Email delivery card

// Customers
struct FilterChanged { CustomerFilter filter; };
struct CustomerEdited {};                     // a field of the customer form changed (draft)
struct SaveCustomer {};
struct DiscardCustomerEdits {};
struct ReapplyMyEdits {};                     // after a conflict: put the set-aside edits back
struct DismissSetAside {};
struct AssignCustomer { std::int64_t agent_id = 0; }; // 0: the business queue

// Changes confirmed in a dialog (agent status, member role, removal, revocation)
struct AskConfirm { Confirm confirm; };
struct SubmitConfirm {};
struct CancelConfirm {};

// People and settings
struct InviteEdited {};
struct SubmitInvite {};
struct CopyInvitationLink {};
struct DismissInvitationLink {};
struct RenameEdited {};
struct SubmitRename {};

// Every command of the support desk, certification and commissions: sent to the program's
// commands endpoint; `form` names the form that shows its progress and errors
// (UiState::support_forms) and chooses what the store does once the server accepts it.
struct SendCommand {
  FormId form = FormId::reply;
  domain::Command command;
};

struct ReplyEdited {}; // the ticket composer changed (saved as a draft)

// Tickets: pick a file and upload it as an attachment of the new ticket (FormId::new_ticket) or
// of the reply being written (FormId::reply).
struct AttachFile {
  FormId draft = FormId::reply;
};

// Certification desk: pick a training video or PDF guide and upload it to the program.
struct UploadTrainingFile {
  std::string accept; // "video/mp4,video/webm" or "application/pdf"
};

// Held mail (support settings page): look again, or discard one / add it to its ticket.
struct LoadHeldMail {};
struct DecideHeldMail { std::int64_t mail_id = 0; bool add_to_ticket = false; };

// Reports page: the quarterly review of a quarter ("2026-Q4"), read from the API.
struct LoadQuarterlyReview { std::string quarter; };

// A customer's data export (store_privacy.cpp): what it holds, then the ZIP saved.
struct ExportCustomerData { std::int64_t customer_id = 0; };

// Commissions desk: the new billing API key, shown once.
struct CopyApiKey {};
struct DismissApiKey {};

using Action = std::variant<SubmitSignIn, EmailEdited, SignOut, SignOutEverywhere, SelectProgram, RetrySessionCheck, Navigate,
                            RetrySnapshot, SubmitSignUp, SignUpEdited, SubmitNewProgram, NewProgramEdited, SubmitJoin,
                            JoinEdited, SignInToAccept, SubmitForgotPassword, SubmitNewPassword, ResendVerification, SubmitEmailChange, CancelEmailChange, FilterChanged, CustomerEdited, SaveCustomer, DiscardCustomerEdits, ReapplyMyEdits,
                            DismissSetAside, AssignCustomer, AskConfirm, SubmitConfirm, CancelConfirm, InviteEdited,
                            SubmitInvite, CopyInvitationLink, DismissInvitationLink, RenameEdited, SubmitRename, SendCommand, ReplyEdited,
                            UploadTrainingFile, AttachFile, CopyApiKey, DismissApiKey, StartTwoFactorSetup, CancelTwoFactorSetup,
                            SubmitTwoFactorCode, DismissRecoveryCodes, CopyRecoveryCodes, SubmitStepUp, CancelStepUp, EndSession,
                            SetMailMode, SubmitUnsubscribe, SubmitErasureConfirm, RefreshMailStatus,
                            LoadHeldMail, DecideHeldMail, LoadQuarterlyReview, ExportCustomerData>;

class Dispatch {
public:
  void operator()(Action action) { queue_.push_back(std::move(action)); }
  std::vector<Action> take() { return std::exchange(queue_, {}); }

private:
  std::vector<Action> queue_;
};

} // namespace pd::client
