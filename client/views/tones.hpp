// Which tone each status is shown in, so pills and dots agree on every page.
#pragma once

#include "client/ui/ui.hpp"

#include "shared/domain/certification/certification.hpp"
#include "shared/domain/types.hpp"
#include "shared/identity/role.hpp"

namespace pd::client::views {

inline ui::Tone subscription_tone(domain::SubscriptionStatus s) {
  switch (s) {
  case domain::SubscriptionStatus::trialing: return ui::tone::violet;
  case domain::SubscriptionStatus::active: return ui::tone::success;
  case domain::SubscriptionStatus::past_due: return ui::tone::warning;
  case domain::SubscriptionStatus::cancelled: return ui::tone::neutral;
  case domain::SubscriptionStatus::unknown: break;
  }
  return ui::tone::neutral;
}

inline ui::Tone certification_tone(domain::CertificationStatus s) {
  switch (s) {
  case domain::CertificationStatus::certified: return ui::tone::success;
  case domain::CertificationStatus::passed:
  case domain::CertificationStatus::awaiting_manual_review:
  case domain::CertificationStatus::submitted:
  case domain::CertificationStatus::in_progress: return ui::tone::accent;
  case domain::CertificationStatus::failed:
  case domain::CertificationStatus::revoked: return ui::tone::danger;
  case domain::CertificationStatus::expired: return ui::tone::warning;
  case domain::CertificationStatus::not_started: break;
  }
  return ui::tone::neutral;
}

inline ui::Tone partner_tone(domain::PartnerStatus s) {
  switch (s) {
  case domain::PartnerStatus::active: return ui::tone::success;
  case domain::PartnerStatus::suspended: return ui::tone::warning;
  case domain::PartnerStatus::removed: return ui::tone::neutral;
  case domain::PartnerStatus::terminated: return ui::tone::danger;
  case domain::PartnerStatus::unknown: break;
  }
  return ui::tone::neutral;
}

inline ui::Tone role_tone(identity::Role r) {
  switch (r) {
  case identity::Role::owner: return ui::tone::violet;
  case identity::Role::admin:
  case identity::Role::staff: return ui::tone::accent;
  case identity::Role::agent: return ui::tone::success;
  default: return ui::tone::neutral;
  }
}

} // namespace pd::client::views
