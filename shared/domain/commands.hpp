// Commands: what a person asks for, imperative. decide() checks every rule for them.
// Client-sent commands arrive as {"command_id":"...","type":"AddCustomer","data":{...}} and
// are decoded strictly (unknown fields, wrong types, overlong strings, bad dates refused).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/certification/certification_commands.hpp"
#include "shared/domain/commissions/commission_commands.hpp"
#include "shared/domain/desk/knowledge_commands.hpp"
#include "shared/domain/desk/responses_commands.hpp"
#include "shared/domain/desk/routing_commands.hpp"
#include "shared/domain/privacy/privacy_commands.hpp"
#include "shared/domain/retention/retention_commands.hpp"
#include "shared/domain/security/security_commands.hpp"
#include "shared/domain/support/support_commands.hpp"
#include "shared/domain/support/support_access.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace pd::domain {

// Documented limits (docs/api.md).
inline constexpr std::size_t max_program_name = 80;
inline constexpr std::size_t max_person_name = 120;
inline constexpr std::size_t max_segment = 60;
inline constexpr std::size_t max_reason = 500;
inline constexpr std::size_t max_command_id = 64;
inline constexpr std::int64_t max_money_minor = 1'000'000'000'000; // 10^12 minor units
inline constexpr std::int64_t default_invitation_hours = 168;
inline constexpr std::int64_t max_invitation_hours = 720;

struct CreateProgram {
  static constexpr const char* type = "CreateProgram";
  std::string name;
  std::string currency;
  bool operator==(const CreateProgram&) const = default;
};
struct RenameProgram {
  static constexpr const char* type = "RenameProgram";
  std::string name;
  bool operator==(const RenameProgram&) const = default;
};
struct InviteMember {
  static constexpr const char* type = "InviteMember";
  std::string email;
  identity::Role role = identity::Role::unknown;
  CustomerId customer_id = 0;
  std::int64_t expires_in_hours = default_invitation_hours;
  std::string token_hash; // set by the server, never read from a request
  bool operator==(const InviteMember&) const = default;
};
struct AcceptInvitation { // built by the server from the invitation link and the account
  static constexpr const char* type = "AcceptInvitation";
  InvitationId invitation_id = 0;
  bool operator==(const AcceptInvitation&) const = default;
};
struct RevokeInvitation {
  static constexpr const char* type = "RevokeInvitation";
  InvitationId invitation_id = 0;
  bool operator==(const RevokeInvitation&) const = default;
};
struct ChangeMemberRole {
  static constexpr const char* type = "ChangeMemberRole";
  PersonId person_id = 0;
  identity::Role role = identity::Role::unknown;
  bool operator==(const ChangeMemberRole&) const = default;
};
// Brings the member list's copy of the sender's own address in step with their account (the
// server sends it after an email change and at sign-in; nothing happens when they agree).
struct RecordMemberEmail {
  static constexpr const char* type = "RecordMemberEmail";
  bool operator==(const RecordMemberEmail&) const = default;
};
struct RemoveMember {
  static constexpr const char* type = "RemoveMember";
  PersonId person_id = 0;
  bool operator==(const RemoveMember&) const = default;
};
struct SetAgentStatus {
  static constexpr const char* type = "SetAgentStatus";
  PersonId person_id = 0;
  PartnerStatus status = PartnerStatus::unknown;
  std::string reason;
  std::optional<Sequence> expected_version;
  bool remediation_required = false; // suspension: remediation needed before reinstatement
  bool reassign_customers = false;   // suspension: move every customer to internal support at once
  std::optional<bool> customers_come_back = std::nullopt; // reinstatement: held customers come back (true) or move to internal support (false); unset: they stay held
  bool operator==(const SetAgentStatus&) const = default;
};
struct AddCustomer {
  static constexpr const char* type = "AddCustomer";
  CustomerProfile profile;
  bool operator==(const AddCustomer&) const = default;
};
struct UpdateCustomer {
  static constexpr const char* type = "UpdateCustomer";
  CustomerId customer_id = 0;
  CustomerProfile profile;
  Sequence expected_version = 0; // the version the editor started from
  bool operator==(const UpdateCustomer&) const = default;
};
struct AssignCustomer {
  static constexpr const char* type = "AssignCustomer";
  CustomerId customer_id = 0;
  PersonId agent_id = 0; // 0: move to the business's own queue
  bool operator==(const AssignCustomer&) const = default;
};

using Command = std::variant<CreateProgram, RenameProgram, InviteMember, AcceptInvitation, RevokeInvitation,
                             ChangeMemberRole, RemoveMember, SetAgentStatus, AddCustomer, UpdateCustomer, AssignCustomer,
                             OpenTicket, ReplyToTicket, TriageTicket, EscalateTicket, TakeOverTicket, ResolveTicket, CloseTicket, MergeTickets, LogConversation,
                             SetResolutionEstimate, WaitOnThirdParty, AcceptThirdPartyWait, EndThirdPartyWait,
                             RateTicket, RateTicketHandling, AnswerRating, ChangeSupportSettings, WarnAgent, MarkNotificationsRead,
                             ScheduleCheckIn, CompleteCheckIn, RescheduleCheckIn, RunTimers, ChangeCertificationSettings, SaveTrainingModule,
                             RemoveTrainingModule, SaveQuestion, RemoveQuestion, RequestSupportAccess, RecordTrainingProgress,
                             StartAssessment, SaveAnswers, SubmitAssessment, RequestCertificationException, GradeAttempt,
                             DecideCertification, GrantCertificationException, RevokeCertification, SaveCommissionPlan,
                             RecordPayment, AdjustCommission, ApproveCommissionLines, RecordPayout, SetAdjustmentThreshold, CreateApiKey,
                             RevokeApiKey, StopReferralCommission, DecideHeldCustomers, RecordRemediation,
                             SaveArticle, SubmitArticle, PublishArticle, ReviewArticle, ArchiveArticle, ChangeKnowledgeSettings, RecordSearchMiss,
                             RecordDeflection, ConfirmAutomaticAnswer, ChangeRouting, SetProductAreas, SaveResponseTemplate, RemoveResponseTemplate, SetCannedTriggers,
                             ChangeSecurityPolicy, AnswerNps, ChangeQualitySettings, ChangeRetentionSettings, RecordUsage, RecordPaymentFailure,
                             RecordSignIn, RequestPlanChange, OpenRetentionCase, RecordRetentionReason, MakeRetentionOffer, DecideRetentionOffer,
                             AnswerRetentionOffer, CloseRetentionCase, AddReportAction, CompleteReportAction, SetSupportCost,
                             ChangeMentionWords, ReachOut, RecordMemberEmail, HandleAbuse, RestrictTicketing,
                             RequestErasure, ConfirmErasure, DecideErasure, SetDataRetention>;

const char* type_of(const Command& command);

// A client-sent command with its client-chosen id (idempotency key).
struct CommandEnvelope {
  std::string command_id;
  Command command;
  bool operator==(const CommandEnvelope&) const = default;
};

// Decodes {"command_id","type","data"} for the program command endpoint. CreateProgram and
// AcceptInvitation have their own routes and are refused here.
core::Result<CommandEnvelope> decode_command_envelope(std::string_view body);
core::Result<Command> decode_command(std::string_view type, const nlohmann::json& data);
core::Result<CreateProgram> decode_create_program(const nlohmann::json& data);

// Encodes a command as the client sends it (the browser client uses this).
nlohmann::json encode_command(const CommandEnvelope& envelope);

} // namespace pd::domain
