// Every command and every event survives its wire form, compared as structs (not JSON with
// JSON, which a field left out of both the encoder and the decoder would pass).
//
// One sample per alternative of Command and EventBody, with every field set to something other
// than its default (checked by field_walk.hpp), so:
//  - a new command or event type fails "has a sample for every ..." until it gets one here;
//  - a new field fails "sets every field" until its sample sets it, and then the round trip
//    until the encoder and the decoder both carry it.
// To add a type: append a line to command_samples() or event_samples() below, every field set.
#include "field_walk.hpp"
#include "program_fixture.hpp"

#include "shared/domain/commands.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/visibility.hpp"

#include <doctest/doctest.h>

#include <array>
#include <set>
#include <sstream>
#include <utility>
#include <variant>

namespace test_unit_shared_domain_round_trip { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using pd::identity::Role;
using pd::testing::fields_left_default;

namespace {

constexpr TimeMs t1 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

// A sample of one alternative. may_stay_default: positions of fields that are never on the
// wire (set by the server, or secrets), with the reason.
template <class V>
struct Sample {
  Sample(V v, std::set<std::size_t> fields = {}, const char* reason = "") : value(std::move(v)), may_stay_default(std::move(fields)), why(reason) {}
  V value;
  std::set<std::size_t> may_stay_default;
  const char* why;
};

// ---- Nested values, every field set ---------------------------------------------------------

CustomerProfile full_profile() { return {"Harbor Line", "ops@harborline.test", "Growth", SubscriptionStatus::past_due, "2024-02-29", {12'900, "EUR"}, 4, "2027-02-28"}; }
RetentionOffer full_offer() {
  return {OfferKind::discount, 6, 30, "For the outages", 4, 1'700'000'000'000, false, OfferStatus::accepted, 6, 1'700'000'100'000};
}
RetentionCase full_case() {
  return {3,       2, CaseTrigger::cancel_question, PlanRequest::cancel, 7, 55, "Asked: how do I cancel?", 6, 1'700'000'000'000, LeaveReason::competitor,
          "Cheaper elsewhere", {full_offer()}, CaseOutcome::saved, 12'900, "Stayed", 9, 4, 1'700'000'200'000};
}
Attachment full_attachment() { return {"logs.pdf", "application/pdf", 2048, std::string(64, 'a')}; }
EscalationNote full_note() { return {"Export fails", "Cleared the cache", "frustrated", "Blocks month-end", "Engineering to check"}; }

SupportSettings full_settings() {
  auto s = default_support_settings();
  s.tiers[0].calendar.around_the_clock = false;
  s.update_hours = 12;
  s.critical_update_hours = 1;
  s.tiers[0].calendar.time_zone = "Europe/Berlin";
  s.tiers[0].calendar.hours = {{1, 540, 1020}, {2, 480, 960}};
  s.tiers[0].calendar.holidays = {"2026-12-25"};
  s.segment_tiers = {{"Growth", s.tiers[0].key}};
  s.default_tier = s.tiers[1].key;
  s.priority_matrix = !s.priority_matrix;
  s.priority_targets[2] = {123, 4567};
  s.reopen_window_hours = 72;
  s.auto_escalate_factor_percent = 150;
  s.quiet_days = 21;
  s.max_attachment_bytes = 2 * 1024 * 1024;
  s.restricted_topics[0].enabled = false;
  s.restricted_topics[1].rules.push_back({"de", "Rückerstattung"});
  return s;
}

TicketMessage full_message() {
  return {3, MessageKind::internal_note, 4, "Ava", Role::agent, "Checked the export", t1 + 5, {full_attachment()}, {"refunds"}, true, "acknowledgement", 9, "phone", 14, 2};
}
SlaClock full_clock() { return {"urgent", 7'200'000, 86'400'000, t1 + 1, t1 + 2, t1 + 3, t1 + 4, 5, t1 + 6, t1 + 7, t1 + 8, t1 + 9, t1 + 10, t1 + 11, 4, 5, true}; }

AssessmentRules full_rules() { return {12, 45, 80, FinalReview::automatic, 5, 4, 24}; }
TrainingModule full_module() {
  return {7,  ModuleKind::text, "Refunds", "How refunds work", false, full_attachment(), 90,
          {{"Basics", "Refunds go back to the card.", {{"Where do refunds go?", {"Card", "Wallet"}}}}},
          "Say hello", 5, {{"When?", "Within 5 days"}}};
}
Question full_question() { return {9, QuestionKind::multiple_choice, "Pick two", "A customer writes", {"A", "B", "C"}, {0, 2}, "Both right ones", 3}; }
std::vector<AnswerGiven> full_answers() { return {{9, {0, 2}, ""}, {10, {}, "I would apologise and act"}}; }
std::vector<QuestionGrade> full_grades() { return {{9, 3, "", true}, {10, 2, "Good", false}}; }
ModuleProgress full_progress() { return {true, true, t1 + 1, 90, t1 + 2, true, 2, 3, 4, {0, 1}}; }
Attempt full_attempt() {
  return {2, t1, t1 + 1'800'000, {{9, QuestionKind::scenario, "What now?", "An angry customer", {}, false, 4}}, full_answers(), t1 + 60'000, true,
          full_grades(), true, 5, 7, true, 3};
}
CommissionPlan full_plan() { return {"EUR", "2026-02-01", 2000, 1000, 12, SupportBasis::flat, 500, 0, 14, 2, t1}; }
// A plan as a request sends it: saved_by and saved_at are set by decide().
CommissionPlan server_free(CommissionPlan p) {
  p.saved_by = 0;
  p.saved_at = 0;
  return p;
}
LedgerLine full_line() {
  return {11, 4, LedgerSide::support, LineKind::adjustment, {-250, "EUR"}, LineState::approved, 1, 6, 4900, 10, "2026-01", 17, "Goodwill",
          t1, t1 + 1, t1 + 2, 2, 3, t1 + 3, 2, 42};
}

// A knowledge-base article's content, every field set (desk/knowledge.hpp).
ArticleContent full_article_content() {
  return {"How do I reset my password?", "All plans", "Use the reset link.", {"Open Settings", "Choose Security"}, {{"On mobile", "Use the app."}},
          {1, 2}, "Contact support", "Accounts", Difficulty::intermediate, ArticleAudience::internal};
}

// ---- Commands ------------------------------------------------------------------------------

ErasureRequest full_erasure() {
  ErasureRequest r;
  r.id = 2;
  r.customer_id = 3;
  r.source = ErasureSource::ticket;
  r.requested_by = 6;
  r.requested_at = 1'700'000'000'000;
  r.ticket_id = 9;
  r.note = "Delete my account";
  r.status = ErasureStatus::erased;
  r.confirmed_at = 1'700'000'100'000;
  r.decided_by = 1;
  r.decided_at = 1'700'000'200'000;
  r.reason = "Approved";
  r.report = ErasureReport{{"Name and email address"}, {"Amounts and dates"}};
  return r;
}

std::vector<Sample<Command>> command_samples() {
  return {
      {CreateProgram{"Acme Analytics", "EUR"}},
      {RenameProgram{"Acme 2"}},
      {InviteMember{"x@y.test", Role::customer, 3, 48, ""}, {4}, "token_hash is set by the server, never read from a request"},
      {AcceptInvitation{5}},
      {RevokeInvitation{5}},
      {ChangeMemberRole{2, Role::admin}},
      {RemoveMember{9}},
      {SetAgentStatus{4, PartnerStatus::suspended, "Overdue tickets", 17, true, true, false}},
      {AddCustomer{full_profile()}},
      {UpdateCustomer{3, full_profile(), 12}},
      {AssignCustomer{3, 4}},
      {OpenTicket{2, "Export fails", "Since Monday", Priority::p0, Category::bug, {Category::billing, Category::churn_risk}, {full_attachment()}, -300}},
      {ReplyToTicket{7, "Fixed", true, TicketStatus::waiting_on_customer, {full_attachment()}, true, 2}},
      {TriageTicket{7, Priority::p1, Category::integration, {Category::security}, "Export fails on big reports", "Reports", "1. Export", "E42",
                    true, "Chrome 131"}},
      {EscalateTicket{7, "Customer threatens to cancel", full_note()}},
      {TakeOverTicket{7}},
      {ResolveTicket{7, "Cache cleared"}},
      {CloseTicket{7, "Duplicate"}},
      {MergeTickets{7, {8, 9}}},
      {LogConversation{7, "chat", 15, "[10:01] hi", "We spoke.", TicketStatus::open, true}},
      {SetResolutionEstimate{7, t1 + 86'400'000, "After the release"}},
      {WaitOnThirdParty{7, "Stripe", "Case 48213", t1 + 3'600'000}},
      {AcceptThirdPartyWait{7}},
      {EndThirdPartyWait{7}},
      {RateTicket{7, 5, 4, 3, 2, "Quick"}},
      {RateTicketHandling{7, 4, std::array<int, 5>{2, 1, 0, 2, 1}, "Good tone"}},
      {AnswerRating{7, "Thank you"}},
      {ChangeSupportSettings{full_settings()}},
      {WarnAgent{4, "Two overdue tickets"}},
      {MarkNotificationsRead{12}},
      {ScheduleCheckIn{1, t1 + 86'400'000, "Quarterly call"}},
      {CompleteCheckIn{3}},
      {RescheduleCheckIn{3, t1 + 2 * 86'400'000, "Moved to Friday"}},
      {RunTimers{}},
      {ChangeCertificationSettings{AccessMode::automatic, full_rules()}},
      {SaveTrainingModule{full_module(), {{1, 0}}}},
      {RemoveTrainingModule{7}},
      {SaveQuestion{full_question()}},
      {RemoveQuestion{9}},
      {RequestSupportAccess{}},
      {RecordTrainingProgress{7, "answer_quiz", 0, 1, {0, 1}, 0}, {2, 5}, "only the step's own fields travel (answer_quiz: section and answers)"},
      {StartAssessment{}},
      {SaveAnswers{2, full_answers()}},
      {SubmitAssessment{2, full_answers()}},
      {RequestCertificationException{"One more try, please"}},
      {GradeAttempt{4, 2, {{9, 3, "", false}, {10, 2, "Good", false}}}}, // `automatic` is the server's word, never read from a request
      {DecideCertification{4, true, "Well done"}},
      {GrantCertificationException{4, "waive_retry", "Network outage"}},
      {RevokeCertification{4, "Shared answers"}},
      {SaveCommissionPlan{server_free(full_plan())}},
      {RecordPayment{"inv-1001", 1, PaymentKind::refund, {4900, "EUR"}, t1, "inv-1000"}},
      {AdjustCommission{4, LedgerSide::support, {-500, "EUR"}, "Goodwill", 1}},
      {ApproveCommissionLines{{3, 4}}},
      {RecordPayout{"BANK-2026-01", "EUR", {3, 4}}},
      {SetAdjustmentThreshold{{10'000, "EUR"}}},
      {CreateApiKey{"Billing", "", ""}, {1, 2}, "key_prefix and key_hash are set by the server, never read from a request"},
      {RevokeApiKey{2}},
      {StopReferralCommission{4, "Fake referrals", true}},
      {DecideHeldCustomers{4, true}},
      {RecordRemediation{4, "Retook the escalation module"}},
      {ChangeRouting{pd::domain::desk::default_routing(1)}},
      {SetProductAreas{{"Reports", "Billing portal"}}},
      {SaveResponseTemplate{3, "Welcome", "onboarding", "Hi [Name]"}},
      {RemoveResponseTemplate{3}},
      {SetCannedTriggers{{{"Where's my refund?", 4, "Check the processor", true}}}},
      {ChangeSecurityPolicy{{true, true}}},
      {AnswerNps{4, "Slow answers last week"}},
      {ChangeQualitySettings{QualitySettings{60, 38, 5, 250, 20, 8, 4, 10}}},
      {ChangeRetentionSettings{RetentionSettings{{"Zendesk", "Help Scout"}}}},
      {AddReportAction{2920, "Add a Monday agent", "Daniel", "2026-12-18"}},
      {CompleteReportAction{2920, 4}},
      {SetSupportCost{"2026-Q4", 1'800'000}},
      {RecordUsage{3, "2026-10", 1200}},
      {RecordPaymentFailure{3, "in_9", {4900, "USD"}, "Card declined", 1'700'000'000'000}},
      {RecordSignIn{}},
      {RecordMemberEmail{}},
      {HandleAbuse{4, AbuseStep::pause, 3, "Pausing this conversation."}},
      {RestrictTicketing{3, 14, "Repeated insults"}},
      {RequestErasure{3, "Leaving for good"}},
      {ConfirmErasure{2, true}},
      {DecideErasure{2, true, "Verified by the mailed link"}},
      {SetDataRetention{730, 90}},
      {RequestPlanChange{PlanRequest::downgrade, "A smaller plan"}},
      {OpenRetentionCase{3, PlanRequest::cancel, "Quiet for weeks"}},
      {RecordRetentionReason{3, LeaveReason::price, "Budget cut"}},
      {MakeRetentionOffer{3, OfferKind::discount, 6, 30, "For the outages"}},
      {DecideRetentionOffer{3, 1, true}},
      {AnswerRetentionOffer{3, 1, true}},
      {CloseRetentionCase{3, CaseOutcome::downgraded, 4'900, "Moved to Starter", false}},
      {ChangeMentionWords{{MentionList{"de", {"danke*", "super"}, {"entt\xC3\xA4uscht*"}}}}},
      {ReachOut{3, "Checking in", "Hi Jordan, how is it going?", 6}},
      {SaveArticle{3, full_article_content(), 5, {7, 8}}},
      {SubmitArticle{3}},
      {PublishArticle{3}},
      {ReviewArticle{3}},
      {ArchiveArticle{3}},
      {ChangeKnowledgeSettings{KnowledgeSettings{30}}},
      {RecordSearchMiss{"okta sso"}},
      {RecordDeflection{3, true}},
      {ConfirmAutomaticAnswer{7}},
  };
}

// Commands the server builds itself: never decoded from a request.
bool server_built(const Command& c) {
  return std::holds_alternative<AcceptInvitation>(c) || std::holds_alternative<RunTimers>(c) || std::holds_alternative<ConfirmErasure>(c);
}

pd::core::Result<Command> command_round_trip(const Command& c) {
  auto data = encode_command({"cmd-round-trip", c})["data"];
  if (std::holds_alternative<CreateProgram>(c)) {
    auto r = decode_create_program(data); // its own route
    if (!r) return r.error();
    return Command{*r};
  }
  return decode_command(type_of(c), data);
}

// ---- Events --------------------------------------------------------------------------------

std::vector<Sample<EventBody>> event_samples() {
  return {
      {ProgramCreated{"Acme", "EUR", 1, "Maya", "m@a.test", true, true, true}},
      {ProgramRenamed{"Acme 2"}},
      {InvitationCreated{3, "x@a.test", Role::agent, "secret-hash", t1, 2}},
      {InvitationAccepted{3, 8, "X", "x@a.test"}},
      {InvitationRevoked{3}},
      {MemberRoleChanged{2, Role::admin}},
      {MemberRemoved{2}},
      {AgentStatusChanged{4, PartnerStatus::removed, "SLA", true}},
      {CustomerAdded{1, full_profile()}},
      {CustomerUpdated{1, full_profile()}},
      {CustomerAssigned{1, 4, 5}},
      {SupportSettingsChanged{full_settings()}},
      {TicketOpened{7, 1, 4, "Export fails", Priority::p0, Category::bug, {Category::billing}, full_message(), full_clock(), true}},
      {TicketReplied{7, full_message(), TicketStatus::waiting_on_customer, full_clock(), true}},
      {TicketTriaged{7, Priority::p1, Category::integration, {Category::security, Category::bug}, full_clock(),
                     TicketTriage{"Export fails", "Reports", "1. Export", "E42", true, "Chrome 131", t1, 4, "How do I cancel?", t1 + 1}}},
      {TicketEscalated{7, {EscalationSource::agent, 4, t1, "Angry customer", full_note(), true, 4}}},
      {TicketTakenOver{7, 2, "Ada"}},
      {TicketStatusChanged{7, TicketStatus::resolved, full_clock()}},
      {TicketsMerged{7, {8, 9}, {4, 9}, full_clock()}},
      {TicketSlaMissed{7, "resolution", 4, t1}},
      {ResolutionEstimated{7, t1 + 86'400'000, "After the release", t1 + 3'600'000, t1 + 2'700'000}},
      {TicketUpdateWarned{7, 4, t1}},
      {TicketUpdateMissed{7, 4, t1}},
      {ThirdPartyWaitStarted{7, "Stripe", "Case 48213", t1 + 3'600'000, true}},
      {ThirdPartyWaitAccepted{7, full_clock()}},
      {ThirdPartyWaitEnded{7, full_clock()}},
      {ThirdPartyFollowUpDue{7, 4}},
      {TicketRated{7, {5, 4, 3, 2, "Quick", t1, "Thanks"}}},
      {TicketHandlingRated{7, {4, std::array<int, 5>{2, 1, 0, 2, 1}, "Good tone", 2, t1}}},
      {RatingAnswered{7, "Thank you"}},
      {AgentWarned{4, "Two overdue tickets", t1 + 14 * 86'400'000}},
      {NotificationsRead{4, 12}},
      {CheckInScheduled{{3, 1, 4, t1, "Quarterly call", true, t1 + 1}}},
      {CheckInCompleted{3}},
      {CheckInRescheduled{3, t1 + 86'400'000, "Moved"}},
      {CertificationSettingsChanged{AccessMode::automatic, full_rules()}},
      {TrainingModuleSaved{full_module()}},
      {TrainingModuleRemoved{7}},
      {QuizKeySaved{7, {{1, 0}}}},
      {QuestionSaved{full_question()}},
      {QuestionRemoved{9}},
      {SupportAccessRequested{4}},
      {TrainingProgressed{4, 7, full_progress(), "answer_quiz", 2, 3}},
      {AttemptStarted{4, full_attempt()}},
      {AnswersSaved{4, 2, full_answers()}},
      {AttemptSubmitted{4, 2, full_answers(), true, full_grades()}},
      {AttemptGraded{4, 2, full_grades(), 5, 7, true}},
      {CertificationStatusChanged{4, CertificationStatus::failed, "Below the pass mark", t1 + 1, t1 + 2}},
      {CertificationExceptionRequested{4, "One more try"}},
      {CertificationExceptionGranted{4, "extra_attempt", "Outage"}},
      {CommissionPlanSaved{full_plan()}},
      {PaymentRecorded{{6, "inv-1001", 1, PaymentKind::refund, {4900, "EUR"}, t1, 5, 100, 2, t1 + 1}}},
      {ReferralCommissionAccrued{full_line()}},
      {ReferralCommissionReversed{full_line()}},
      {SupportCommissionAccrued{full_line()}},
      {SupportMonthClosed{"2026-01"}},
      {CommissionAdjusted{full_line()}},
      {CommissionLinesApproved{4, {3, 4}, "Early approval"}},
      {PayoutRecorded{2, "BANK-2026-01", "EUR", 4, {3, 4}, {full_line()}}},
      {AdjustmentThresholdSet{{10'000, "EUR"}}},
      {ReferralCommissionStopped{4, "Fake referrals"}},
      {CustomerSupportHeld{1, 4, false}},
      {RemediationRecorded{4, "Retook the escalation module"}},
      {ApiKeyCreated{2, "Billing", "pdk_1a2b", "hash-of-key"}},
      {ApiKeyRevoked{2}},
      {RoutingChanged{pd::domain::desk::default_routing(1)}},
      {TicketRouted{7, {t1, "security", "Security", 2, "Security rule", true, {"notified"}, "urgent", "tpl-1", {{"security", "Security rule", {"routed to Security"}}}}, {1, 2}}},
      {ArticleSaved{Article{3, full_article_content(), ArticleStatus::published, 4, t1, t1 + 1, t1 + 2, {7, 8}, 12}}},
      {ArticleWithdrawn{3, true}},
      {KnowledgeSettingsChanged{KnowledgeSettings{30}}},
      {KnowledgeSearchMissed{"okta sso"}},
      {ArticleDeflectionRecorded{3, 1, true}},
      {KnowledgeHygieneReviewed{1'764'547'200'000, HygieneCounts{1, 2, 3, 4, 5}}},
      {ProductAreasChanged{{"Reports", "Billing portal"}}},
      {ResponseTemplateSaved{{3, "how-to", "Welcome", "onboarding", "Hi [Name]"}}},
      {ResponseTemplateRemoved{3}},
      {CannedTriggersChanged{{{"Where's my refund?", 4, "Check the processor", true}}}},
      {RetentionWorkflowStarted{7, "How do I cancel?"}},
      {SecurityPolicyChanged{{true, true}}},
      {NpsAnswered{NpsAnswer{3, 6, 4, "Slow answers last week", 1'700'000'000'000, 4, "Growth", 9}}},
      {RedFlagRaised{RedFlag{"repeat_customer:3", "repeat_customer", 3, {4, 7, 9}, "Li opened 3 tickets in 7 days: #4, #7, #9.",
                             "Reach out before the next ticket.", 1'700'000'000'000, 1'700'000'100'000}}},
      {RedFlagCleared{"csat_low"}},
      {QualitySettingsChanged{QualitySettings{60, 38, 5, 250, 20, 8, 4, 10}}},
      {RetentionSettingsChanged{RetentionSettings{{"Zendesk"}}}},
      {WeeklyReportWritten{WeeklyReport{2920, "2025-12-29", 1'700'000'000'000, {{"Volume", {"Total tickets: 3"}}}, {{"total_tickets", "3"}},
                                        {ReportAction{4, "Add a Monday agent", "Daniel", "2026-01-09", 3, 1'700'000'000'000, true, 1'700'000'100'000}}}}},
      {ReportActionAdded{2920, ReportAction{4, "Add a Monday agent", "Daniel", "2026-01-09", 3, 1'700'000'000'000, true, 1'700'000'100'000}}},
      {ReportActionDone{2920, 4}},
      {SupportCostSet{"2026-Q4", 1'800'000}},
      {MentionWordsChanged{{MentionList{"en", {"thank*"}, {"broken"}}, MentionList{"fr", {"merci"}, {"nul"}}}}},
      {UsageRecorded{3, UsagePoint{"2026-10", 1200, 1'700'000'000'000}}},
      {PaymentFailed{3, PaymentFailure{"in_9", {4900, "USD"}, "Card declined", 1'700'000'000'000}}},
      {CustomerSignedIn{3}},
      {MemberEmailChanged{4, "ava.new@acme.test"}},
      {AbuseHandled{4, AbuseStep::pause, 6, "Continued after the warning", 1'700'000'000'000}},
      {TicketingRestricted{3, 1'700'000'000'000, "Repeated insults"}},
      {ErasureRequested{full_erasure()}},
      {ErasureConfirmed{2}},
      {ErasureRejected{2, "An open chargeback"}},
      {CustomerErased{2, 3, ErasureReport{{"Name and email address"}, {"Amounts and dates"}}}},
      {DataRetentionSet{730, 90}},
      {TicketsExpired{{4, 5}, {6}}},
      {RetentionCaseOpened{full_case()}},
      {RetentionRequestRecorded{3, PlanRequest::cancel, "Too expensive"}},
      {RetentionReasonRecorded{3, LeaveReason::missing_feature, "Needs SSO"}},
      {RetentionOfferMade{3, full_offer()}},
      {RetentionOfferDecided{3, 1, full_offer()}},
      {RetentionCaseClosed{3, CaseOutcome::paused, 4'900, "Back in spring", 12}},
  };
}

// ---- The checks ----------------------------------------------------------------------------

template <class V, std::size_t... I>
std::array<const char*, sizeof...(I)> alternative_names(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, V>::type...};
}

// Fails naming each alternative of V that has no sample.
template <class V>
void require_a_sample_per_alternative(const std::vector<Sample<V>>& samples, const char* table) {
  constexpr auto n = std::variant_size_v<V>;
  const auto names = alternative_names<V>(std::make_index_sequence<n>{});
  std::array<int, n> count{};
  for (const auto& s : samples) ++count[s.value.index()];
  for (std::size_t i = 0; i < n; ++i) {
    if (count[i] == 0)
      FAIL_CHECK("variant index " << i << " (" << std::string(names[i]) << ") has no sample: add one with every field set to "
                                  << std::string(table) << " in tests/unit/shared/domain/round_trip_test.cpp");
    if (count[i] > 1)
      FAIL_CHECK("variant index " << i << " (" << std::string(names[i]) << ") has " << count[i] << " samples in " << std::string(table)
                                  << "; keep one");
  }
}

// Fails naming each field of the sample left at its default value (unless allowed).
template <class V>
void require_every_field_set(const Sample<V>& s) {
  std::visit(
      [&](const auto& value) {
        for (auto field : fields_left_default(value))
          if (!s.may_stay_default.count(field))
            FAIL_CHECK(std::string(std::decay_t<decltype(value)>::type) << ": field " << field
                                                           << " (from 0, in declaration order) keeps its default value in the sample; set it, "
                                                              "so a round trip that loses it fails");
      },
      s.value);
}

} // namespace

TEST_CASE("the round-trip tables have a sample for every command and every event type") {
  require_a_sample_per_alternative(command_samples(), "command_samples()");
  require_a_sample_per_alternative(event_samples(), "event_samples()");
}

TEST_CASE("every sample sets every field, so a field lost on the wire cannot go unnoticed") {
  for (const auto& s : command_samples()) require_every_field_set(s);
  for (const auto& s : event_samples()) require_every_field_set(s);
}

TEST_CASE("every command decodes to exactly the command that was encoded") {
  for (const auto& s : command_samples()) {
    const auto& sent = s.value;
    const std::string type = type_of(sent);
    CAPTURE(type);
    auto back = command_round_trip(sent);
    if (server_built(sent)) {
      // Built by the server from the invitation link or the scheduler: a request cannot send it.
      REQUIRE_FALSE(back.ok());
      CHECK(back.error().field == "type");
      continue;
    }
    if (!back) FAIL_CHECK(back.error().field << ": " << back.error().message);
    REQUIRE(back.ok());
    const std::string wire = encode_command({"cmd-round-trip", sent}).dump();
    CAPTURE(wire);
    CHECK(*back == sent);
  }
}

TEST_CASE("every event reads back from the log's form exactly as it was written") {
  for (const auto& s : event_samples()) {
    const std::string type = type_of(s.value);
    CAPTURE(type);
    const Event written{7, 1, 3, t1, s.value};
    const auto j = to_json(written, true);
    CAPTURE(j.dump());
    auto back = event_from_json(j);
    if (!back) FAIL_CHECK(back.error().field << ": " << back.error().message);
    REQUIRE(back.ok());
    CHECK(*back == written);
  }
}

TEST_CASE("the samples tell a changed value apart (operator== compares every field)") {
  auto a = command_samples().front().value;
  auto b = a;
  std::get<CreateProgram>(b).currency = "USD";
  CHECK_FALSE(a == b);
  Event e1{1, 1, 1, t1, ProgramRenamed{"A"}}, e2 = e1;
  e2.actor = 2;
  CHECK_FALSE(e1 == e2);
}

TEST_CASE("a snapshot reads back as the same program state, derived indexes included") {
  using namespace pd::domain::testing;
  auto g = acme();
  auto opened = when_ok(g.state, OpenTicket{1, "Export fails", "Since Monday", Priority::p1, Category::bug, {Category::billing}, {}}, 3);
  for (auto& e : opened) g.event(3, e);
  for (auto& e : when_ok(g.state, ScheduleCheckIn{1, t0 + 86'400'000, "Call"}, 4)) g.event(4, e);
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  auto expected = g.state;
  for (auto& [id, inv] : expected.invitations) inv.token_hash.clear(); // never in a snapshot
  CHECK(back->tickets == expected.tickets);
  CHECK(back->open_tickets == expected.open_tickets);
  CHECK(*back == expected);
}

} // namespace test_unit_shared_domain_round_trip
