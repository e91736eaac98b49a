// Charts drawn with ImGui draw lists (no plotting library), the one chart module of the client:
// a line over time with a fixed value axis, gaps where there is no value, and the hovered
// point's value in a tooltip; grouped bars (one bar per series in each group) with a legend, a
// value axis in round steps and the hovered group's tooltip.
#pragma once

#include "client/ui/ui.hpp"
#include "imgui.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pd::client::ui {

struct LinePoint {
  double value = 0;
  bool has_value = false; // false: a gap in the line
  std::string label;      // under the axis, for every `label_every`-th point ("Jan 3")
  std::string tooltip;    // shown while the pointer is over the point
};

struct LineChartStyle {
  double min = 0, max = 100;   // the value axis
  int grid_lines = 4;          // between min and max
  int label_every = 7;         // x-axis labels on every n-th point (and the last)
  ImU32 line = color::accent;
  double threshold = -1;       // a dashed reference line (e.g. a warning level); < min: none
  ImU32 threshold_color = color::error;
};

// A line chart `width` x `height` CSS-px-scaled device pixels at the cursor; the chart is one
// item (id) that reports the hovered point to the item table as the tooltip text.
void line_chart(const char* id, const std::vector<LinePoint>& points, float width, float height, const LineChartStyle& style = {});

struct BarSeries {
  std::string name; // in the legend
  ImU32 color = ui::color::accent;
};
struct BarGroup {
  std::string label;                // under the axis ("Jan")
  std::vector<std::int64_t> values; // one per series (missing or <= 0: no bar)
  std::string tooltip;              // shown while the pointer is over the group
};
// The top of a value axis of `steps` round steps (1, 2, 2.5 or 5 times a power of ten) that
// holds `top`; 0 for 0.
std::int64_t round_axis_top(std::int64_t top, int steps = 4);
// Grouped bars `width` x `height` at the cursor, the legend above them: each group's bars side
// by side in their series' colours over a value axis of four round steps, labelled by
// `axis_label` (e.g. money).
void bar_chart(const char* id, const std::vector<BarSeries>& series, const std::vector<BarGroup>& groups, float width, float height,
               const std::function<std::string(std::int64_t)>& axis_label);

} // namespace pd::client::ui
