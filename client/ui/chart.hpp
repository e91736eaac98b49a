// Charts drawn with ImGui draw lists (no plotting library): a line over time with a fixed
// value axis, gaps where there is no value, and the hovered point's value in a tooltip.
#pragma once

#include "imgui.h"

#include <cstdint>
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
  ImU32 line = IM_COL32(0x35, 0x59, 0xC7, 0xFF);
  double threshold = -1;       // a dashed reference line (e.g. a warning level); < min: none
  ImU32 threshold_color = IM_COL32(0xB4, 0x23, 0x18, 0xFF);
};

// A line chart `width` x `height` CSS-px-scaled device pixels at the cursor; the chart is one
// item (id) that reports the hovered point to the item table as the tooltip text.
void line_chart(const char* id, const std::vector<LinePoint>& points, float width, float height, const LineChartStyle& style = {});

} // namespace pd::client::ui
