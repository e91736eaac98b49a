#include "client/ui/chart.hpp"

#include "client/ui/ui.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pd::client::ui {

void line_chart(const char* id, const std::vector<LinePoint>& points, float width, float height, const LineChartStyle& style) {
  ImGui::PushID(id);
  const float axis_w = dp(40), label_h = dp(22);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float plot_w = std::max(dp(80), width - axis_w - dp(8));
  const float plot_h = std::max(dp(40), height - label_h);
  const ImVec2 p0(origin.x + axis_w, origin.y + dp(4));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double span = style.max > style.min ? style.max - style.min : 1.0;
  auto y_of = [&](double v) {
    const double t = (std::clamp(v, style.min, style.max) - style.min) / span;
    return p0.y + plot_h - static_cast<float>(t) * plot_h;
  };
  // Grid and value labels.
  const int lines = std::max(1, style.grid_lines);
  for (int g = 0; g <= lines; ++g) {
    const double v = style.min + span * g / lines;
    const float y = y_of(v);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p0.x + plot_w, y), g == 0 ? color::muted : color::border, 1.0f);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    const ImVec2 sz = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(p0.x - sz.x - dp(8), y - sz.y * 0.5f), color::muted, buf);
  }
  if (style.threshold >= style.min && style.threshold <= style.max) {
    const float y = y_of(style.threshold);
    for (float x = p0.x; x < p0.x + plot_w; x += dp(8))
      dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + dp(4), p0.x + plot_w), y), style.threshold_color, 1.0f);
  }
  // The line, broken where a point has no value; a dot on a point standing alone.
  const std::size_t n = points.size();
  auto x_of = [&](std::size_t i) { return n <= 1 ? p0.x + plot_w * 0.5f : p0.x + plot_w * static_cast<float>(i) / static_cast<float>(n - 1); };
  for (std::size_t i = 0; i < n; ++i) {
    if (!points[i].has_value) continue;
    const ImVec2 here(x_of(i), y_of(points[i].value));
    const bool joined_before = i > 0 && points[i - 1].has_value;
    const bool joined_after = i + 1 < n && points[i + 1].has_value;
    if (joined_before) dl->AddLine(ImVec2(x_of(i - 1), y_of(points[i - 1].value)), here, style.line, dp(2));
    if (!joined_before && !joined_after) dl->AddCircleFilled(here, dp(3), style.line);
  }
  // Labels under the axis.
  for (std::size_t i = 0; i < n; ++i) {
    const bool last = i + 1 == n;
    const auto every = static_cast<std::size_t>(std::max(1, style.label_every));
    // Every n-th point's label, and the last one's (the n-th before it is left out when close).
    if (points[i].label.empty() || (!last && (i % every != 0 || n - 1 - i < (every + 1) / 2))) continue;
    const ImVec2 sz = ImGui::CalcTextSize(points[i].label.c_str());
    const float x = std::clamp(x_of(i) - sz.x * 0.5f, p0.x - sz.x * 0.5f, p0.x + plot_w - sz.x);
    dl->AddText(ImVec2(x, p0.y + plot_h + dp(4)), color::muted, points[i].label.c_str());
  }
  // The hovered point: a ring and its tooltip.
  ImGui::Dummy(ImVec2(width, plot_h + label_h + dp(4)));
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (n > 0 && ImGui::IsItemHovered() && mouse.x >= p0.x - dp(6) && mouse.x <= p0.x + plot_w + dp(6)) {
    const float t = n <= 1 ? 0.0f : (mouse.x - p0.x) / plot_w * static_cast<float>(n - 1);
    const auto i = static_cast<std::size_t>(std::clamp(std::lround(t), 0L, static_cast<long>(n - 1)));
    const auto& p = points[i];
    if (p.has_value) dl->AddCircle(ImVec2(x_of(i), y_of(p.value)), dp(5), style.line, 0, dp(2));
    if (!p.tooltip.empty()) ImGui::SetTooltip("%s", p.tooltip.c_str());
  }
  ImGui::PopID();
}

} // namespace pd::client::ui
