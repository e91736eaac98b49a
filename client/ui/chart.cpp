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

std::int64_t round_axis_top(std::int64_t top, int steps) {
  if (top <= 0 || steps <= 0) return 0;
  std::int64_t magnitude = 1;
  while (magnitude * 10 < (top + steps - 1) / steps) magnitude *= 10;
  std::int64_t step = magnitude;
  for (const std::int64_t f : {10, 20, 25, 50, 100})
    if (magnitude * f / 10 * steps >= top) {
      step = magnitude * f / 10;
      break;
    }
  return step * steps;
}

void bar_chart(const char* id, const std::vector<BarSeries>& series, const std::vector<BarGroup>& groups, float width, float height,
               const std::function<std::string(std::int64_t)>& axis_label) {
  ImGui::PushID(id);
  // Legend.
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (i > 0) ImGui::SameLine(0, dp(18));
    dot(series[i].color);
    text(series[i].name, color::muted);
  }
  ImGui::Dummy(dp(0, 4));

  std::int64_t top = 0;
  for (const auto& g : groups)
    for (auto v : g.values) top = std::max(top, v);
  top = round_axis_top(top, 4);
  const float axis_w = dp(84), label_h = dp(22);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float plot_w = std::max(dp(100), width - axis_w);
  const float plot_h = std::max(dp(60), height - label_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0(origin.x + axis_w, origin.y);
  // Grid: four lines with their values.
  for (int g = 0; g <= 4; ++g) {
    const float y = p0.y + plot_h - plot_h * static_cast<float>(g) / 4.0f;
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p0.x + plot_w, y), g == 0 ? color::muted : color::border, 1.0f);
    if (top > 0) {
      const auto label = axis_label(top * g / 4);
      const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
      dl->AddText(ImVec2(p0.x - sz.x - dp(8), y - sz.y * 0.5f), color::muted, label.c_str());
    }
  }
  const float slot = groups.empty() ? plot_w : plot_w / static_cast<float>(groups.size());
  const float bar = std::min(dp(22), slot * 0.32f);
  const float gap = dp(2);
  const std::size_t n = series.size();
  const float bars_w = static_cast<float>(n) * bar + static_cast<float>(n > 0 ? n - 1 : 0) * gap;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    const float cx = p0.x + slot * (static_cast<float>(i) + 0.5f);
    for (std::size_t k = 0; k < n && k < g.values.size(); ++k) {
      const auto v = g.values[k];
      if (top <= 0 || v <= 0) continue;
      const float x = cx - bars_w * 0.5f + static_cast<float>(k) * (bar + gap);
      const float h = plot_h * static_cast<float>(v) / static_cast<float>(top);
      dl->AddRectFilled(ImVec2(x, p0.y + plot_h - h), ImVec2(x + bar, p0.y + plot_h), series[k].color, dp(3), ImDrawFlags_RoundCornersTop);
    }
    const ImVec2 sz = ImGui::CalcTextSize(g.label.c_str());
    dl->AddText(ImVec2(cx - sz.x * 0.5f, p0.y + plot_h + dp(4)), color::muted, g.label.c_str());
    if (mouse.x >= cx - slot * 0.5f && mouse.x < cx + slot * 0.5f && mouse.y >= p0.y && mouse.y < p0.y + plot_h + label_h)
      hovered = static_cast<int>(i);
  }
  ImGui::Dummy(ImVec2(width, plot_h + label_h));
  if (hovered >= 0 && ImGui::IsWindowHovered()) {
    const auto& tip = groups[static_cast<std::size_t>(hovered)].tooltip;
    if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  }
  ImGui::PopID();
}

} // namespace pd::client::ui
