#include "client/views/support/tag_parts.hpp"

#include "client/ui/ui.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <algorithm>
#include <string>

namespace pd::client::views {

bool secondary_tags(domain::Category primary, std::vector<domain::Category>& tags) {
  bool changed = std::erase(tags, primary) > 0;
  const bool full = tags.size() >= domain::max_secondary_tags;
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  ImGui::PushID("secondary-tags");
  for (auto c : domain::all_categories) {
    if (c == primary) continue;
    const std::string label = std::string(category_label(c)) + "##tag";
    const bool on = std::find(tags.begin(), tags.end(), c) != tags.end();
    const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(category_label(c)).x;
    if (!first) {
      ImGui::SameLine(0, ui::dp(14));
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    first = false;
    bool value = on;
    ImGui::BeginDisabled(full && !on);
    if (ImGui::Checkbox(label.c_str(), &value)) {
      if (value) tags.push_back(c);
      else std::erase(tags, c);
      changed = true;
    }
    ImGui::EndDisabled();
  }
  ImGui::PopID();
  return changed;
}

} // namespace pd::client::views
