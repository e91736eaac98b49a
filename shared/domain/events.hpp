// Events: what happened, past tense. apply(state, event) is the only place state changes.
// Each event body is a plain struct; an Event wraps one with its envelope (sequence,
// program, actor, time).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/certification/certification_events.hpp"
#include "shared/domain/commissions/commission_events.hpp"
#include "shared/domain/desk/knowledge_events.hpp"
#include "shared/domain/desk/responses_events.hpp"
#include "shared/domain/privacy/privacy_events.hpp"
#include "shared/domain/retention/retention_events.hpp"
#include "shared/domain/security/security_events.hpp"
#include "shared/domain/desk/routing_events.hpp"
#include "shared/domain/support/support_events.hpp"
#include "shared/domain/support/support_access.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <variant>

namespace pd::domain {

struct ProgramCreated {
  static constexpr const char* type = "ProgramCreated";
  std::string name;
  std::string currency;
  PersonId owner_id = 0;
  std::string owner_name;
  std::string owner_email;
  // The program starts with the priority matrix on (the stricter of tier and priority, so that
  // docs/requirements.md, Response standards holds). Programs created before it have no such
  // field and keep the matrix off when their log is replayed.
  bool priority_matrix = false;
  // The program starts with the default teams and routing rules (desk::default_routing());
  // programs created before them keep none when their log is replayed.
  bool routing_defaults = false;
  // The program starts with the seed's six response templates and five canned-response triggers
  // (desk::default_library()); programs created before them keep none when their log is replayed.
  bool response_defaults = false;
  bool operator==(const ProgramCreated&) const = default;
};
struct ProgramRenamed {
  static constexpr const char* type = "ProgramRenamed";
  std::string name;
  bool operator==(const ProgramRenamed&) const = default;
};
struct InvitationCreated {
  static constexpr const char* type = "InvitationCreated";
  InvitationId invitation_id = 0;
  std::string email;
  identity::Role role = identity::Role::unknown;
  std::string token_hash;
  TimeMs expires_at = 0;
  CustomerId customer_id = 0;
  bool operator==(const InvitationCreated&) const = default;
};
struct InvitationAccepted {
  static constexpr const char* type = "InvitationAccepted";
  InvitationId invitation_id = 0;
  PersonId person_id = 0;
  std::string name;
  std::string email;
  bool operator==(const InvitationAccepted&) const = default;
};
struct InvitationRevoked {
  static constexpr const char* type = "InvitationRevoked";
  InvitationId invitation_id = 0;
  bool operator==(const InvitationRevoked&) const = default;
};
struct MemberRoleChanged {
  static constexpr const char* type = "MemberRoleChanged";
  PersonId person_id = 0;
  identity::Role role = identity::Role::unknown;
  bool operator==(const MemberRoleChanged&) const = default;
};
// A member's account address changed: the member list's copy follows it (the server records
// it in every program the person belongs to, after the change and at each sign-in).
struct MemberEmailChanged {
  static constexpr const char* type = "MemberEmailChanged";
  PersonId person_id = 0;
  std::string email;
  bool operator==(const MemberEmailChanged&) const = default;
};
struct MemberRemoved {
  static constexpr const char* type = "MemberRemoved";
  PersonId person_id = 0;
  bool operator==(const MemberRemoved&) const = default;
};
struct AgentStatusChanged {
  static constexpr const char* type = "AgentStatusChanged";
  PersonId person_id = 0;
  PartnerStatus status = PartnerStatus::unknown;
  std::string reason;
  bool remediation_required = false; // a suspension that needs remediation before reinstatement
  bool operator==(const AgentStatusChanged&) const = default;
};
struct CustomerAdded {
  static constexpr const char* type = "CustomerAdded";
  CustomerId customer_id = 0;
  CustomerProfile profile;
  bool operator==(const CustomerAdded&) const = default;
};
struct CustomerUpdated {
  static constexpr const char* type = "CustomerUpdated";
  CustomerId customer_id = 0;
  CustomerProfile profile; // the whole profile after the change
  bool operator==(const CustomerUpdated&) const = default;
};
struct CustomerAssigned {
  static constexpr const char* type = "CustomerAssigned";
  CustomerId customer_id = 0;
  PersonId agent_id = 0;      // 0: moved to the business's own queue
  PersonId previous_agent = 0; // so the agent who loses the customer hears of it
  bool operator==(const CustomerAssigned&) const = default;
};

using EventBody = std::variant<ProgramCreated, ProgramRenamed, InvitationCreated, InvitationAccepted, InvitationRevoked,
                               MemberRoleChanged, MemberRemoved, AgentStatusChanged, CustomerAdded, CustomerUpdated,
                               CustomerAssigned, SupportSettingsChanged, TicketOpened, TicketReplied, TicketTriaged,
                               TicketEscalated, TicketTakenOver, TicketStatusChanged, TicketsMerged, ResolutionEstimated, TicketUpdateWarned,
                               TicketUpdateMissed, ThirdPartyWaitStarted, ThirdPartyWaitAccepted, ThirdPartyWaitEnded,
                               ThirdPartyFollowUpDue, TicketSlaMissed, TicketRated,
                               TicketHandlingRated, RatingAnswered, AgentWarned, NotificationsRead, CheckInScheduled,
                               CheckInCompleted, CheckInRescheduled, CertificationSettingsChanged, TrainingModuleSaved, TrainingModuleRemoved,
                               QuizKeySaved, QuestionSaved, QuestionRemoved, SupportAccessRequested, TrainingProgressed,
                               AttemptStarted, AnswersSaved, AttemptSubmitted, AttemptGraded, CertificationStatusChanged,
                               CertificationExceptionRequested, CertificationExceptionGranted, CommissionPlanSaved,
                               PaymentRecorded, ReferralCommissionAccrued, ReferralCommissionReversed, SupportCommissionAccrued,
                               SupportMonthClosed, CommissionAdjusted, CommissionLinesApproved, PayoutRecorded,
                               AdjustmentThresholdSet, ApiKeyCreated, ApiKeyRevoked,
                               ReferralCommissionStopped, CustomerSupportHeld, RemediationRecorded,
                               ArticleSaved, ArticleWithdrawn, KnowledgeSettingsChanged, KnowledgeSearchMissed, ArticleDeflectionRecorded,
                               KnowledgeHygieneReviewed,
                               RoutingChanged, TicketRouted,
                               ProductAreasChanged, ResponseTemplateSaved, ResponseTemplateRemoved, CannedTriggersChanged, RetentionWorkflowStarted,
                               SecurityPolicyChanged, NpsAnswered, RedFlagRaised, RedFlagCleared, QualitySettingsChanged,
                               RetentionSettingsChanged, UsageRecorded, PaymentFailed, CustomerSignedIn, RetentionCaseOpened,
                               RetentionRequestRecorded, RetentionReasonRecorded, RetentionOfferMade, RetentionOfferDecided, RetentionCaseClosed,
                               WeeklyReportWritten, ReportActionAdded, ReportActionDone, SupportCostSet, MentionWordsChanged, MemberEmailChanged,
                               AbuseHandled, TicketingRestricted, ErasureRequested, ErasureConfirmed, ErasureRejected, CustomerErased,
                               DataRetentionSet, TicketsExpired>;

struct Event {
  Sequence seq = 0;
  ProgramId program_id = 0;
  PersonId actor = 0;
  TimeMs at = 0;
  EventBody body;
  bool operator==(const Event&) const = default;
};

const char* type_of(const EventBody& body);

// Wire form: {"seq":1,"program_id":1,"actor":3,"at":1700000000000,"type":"CustomerAdded","data":{...}}.
// with_secrets=false drops what must never leave the server (invitation token hashes, API key
// hashes).
nlohmann::json to_json(const Event& event, bool with_secrets);
nlohmann::json body_to_json(const EventBody& body, bool with_secrets);
core::Result<Event> event_from_json(const nlohmann::json& j);
core::Result<EventBody> body_from_json(std::string_view type, const nlohmann::json& data);

} // namespace pd::domain
