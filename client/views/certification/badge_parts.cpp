#include "client/views/certification/badge_parts.hpp"

#include "client/app/format.hpp"
#include "client/ui/ui.hpp"

namespace pd::client::views {

std::string badge_dates_text(const domain::CertifiedBadge& b) {
  return "Certified " + format_day_ms(b.certified_at) + " \xC2\xB7 " +
         (b.expires_at ? "expires " + format_day_ms(b.expires_at) : std::string("does not expire"));
}

std::string badge_span_text(const domain::CertifiedBadge& b) {
  return b.expires_at ? format_day_ms(b.certified_at) + " \xE2\x80\x93 " + format_day_ms(b.expires_at) : "since " + format_day_ms(b.certified_at);
}

bool certified_badge(const domain::ProgramState& s, domain::PersonId agent, std::int64_t now, bool with_dates) {
  const auto badge = domain::certified_badge(s.certification, agent, now);
  if (!badge) return false;
  const auto dates = badge_dates_text(*badge);
  ui::pill(certified_badge_label, ui::tone::success);
  if (with_dates) {
    // Beside the pill when the line has room, else beneath it.
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ui::dp(8);
    if (ImGui::CalcTextSize(dates.c_str()).x <= room) ImGui::SameLine(0, ui::dp(8));
    ui::text(dates, ui::color::muted);
  } else if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", dates.c_str());
  }
  return true;
}

} // namespace pd::client::views
