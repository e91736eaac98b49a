#include "shared/domain/security/step_up.hpp"

namespace pd::domain {

namespace {

struct StepUp {
  // Paying out and approving commission, the billing system's keys, roles and removals, the
  // support settings (restricted topics among them), ledger adjustments, ending an agent's
  // partnership, and the sign-in security itself.
  bool operator()(const RecordPayout&) const { return true; }
  bool operator()(const ApproveCommissionLines&) const { return true; }
  bool operator()(const CreateApiKey&) const { return true; }
  bool operator()(const RevokeApiKey&) const { return true; }
  bool operator()(const ChangeMemberRole&) const { return true; }
  bool operator()(const RemoveMember&) const { return true; }
  bool operator()(const ChangeSupportSettings&) const { return true; }
  bool operator()(const ChangeQualitySettings&) const { return true; }
  bool operator()(const ChangeMentionWords&) const { return true; }
  bool operator()(const AdjustCommission&) const { return true; }
  bool operator()(const StopReferralCommission&) const { return true; }
  bool operator()(const ChangeSecurityPolicy&) const { return true; }
  bool operator()(const RequestErasure&) const { return true; } // the business's request; a customer also confirms by mail
  bool operator()(const DecideErasure&) const { return true; }
  bool operator()(const SetDataRetention&) const { return true; } // a shorter period erases
  bool operator()(const SetAgentStatus& c) const {
    return c.status == PartnerStatus::terminated || c.status == PartnerStatus::removed;
  }
  template <class C>
  bool operator()(const C&) const { return false; }
};

} // namespace

bool needs_step_up(const Command& command) { return std::visit(StepUp{}, command); }

} // namespace pd::domain
