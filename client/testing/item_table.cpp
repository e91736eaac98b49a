// [SECTION] Item table (ImGui test-engine hooks)
// Index:
//   [SECTION] Table
//   [SECTION] Hooks called by imgui.cpp (IMGUI_ENABLE_TEST_ENGINE)
//   [SECTION] Export
#include "client/testing/item_table.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <nlohmann/json.hpp>

#include <cstdarg>
#include <vector>

namespace pd::client::testing {

// [SECTION] Table
namespace {

enum class Kind { item, window, text };

struct Item {
  ImGuiID id = 0;
  std::string label; // as submitted, "##" parts included
  std::string window;
  ImRect rect;
  ImGuiItemStatusFlags status = 0;
  bool visible = true;
  bool disabled = false; // drawn inside BeginDisabled(): clicks do nothing
  bool has_value = false;
  std::string value;
  Kind kind = Kind::item;
  bool modal = false; // a window: a modal popup (a dialog)
};

std::vector<Item> g_building;  // the frame being drawn
std::vector<Item> g_published; // the last complete frame
std::uint64_t g_frames = 0;
ImGuiID g_last_active = 0;
ImGuiID g_nav_id = 0;          // the item keyboard navigation is on
bool g_nav_visible = false;    // and its focus ring is shown (a key moved it)
bool g_text_input = false;     // a text field has the keyboard

Item* find_recent(ImGuiID id, std::size_t depth = 16) {
  // Hooks for one item arrive close together; look back a little.
  const std::size_t n = g_building.size();
  for (std::size_t i = 0; i < n && i < depth; ++i)
    if (g_building[n - 1 - i].id == id) return &g_building[n - 1 - i];
  return nullptr;
}

Item& add(ImGuiContext* ctx, ImGuiID id, const ImRect& rect) {
  Item item;
  item.id = id;
  item.rect = rect;
  if (ImGuiWindow* w = ctx->CurrentWindow) {
    item.window = w->Name;
    item.visible = w->ClipRect.Overlaps(rect) && !w->SkipItems;
  }
  g_building.push_back(std::move(item));
  return g_building.back();
}

void on_new_frame(ImGuiContext*, ImGuiContextHook*) { g_building.clear(); }
void on_end_frame(ImGuiContext* ctx, ImGuiContextHook*) {
  g_published.swap(g_building);
  g_building.clear();
  g_last_active = ctx->ActiveId;
  g_nav_id = ctx->NavId;
  g_nav_visible = ctx->NavCursorVisible;
  g_text_input = ctx->IO.WantTextInput;
  ++g_frames;
}

std::string visible_part(const std::string& label) {
  // "Text##id" shows "Text"; "Text###id" as well.
  auto pos = label.find("##");
  return pos == std::string::npos ? label : label.substr(0, pos);
}

const char* kind_name(Kind k, ImGuiItemStatusFlags status) {
  if (k == Kind::window) return "window";
  if (k == Kind::text) return "text";
  if (status & ImGuiItemStatusFlags_Inputable) return "input";
  if (status & ImGuiItemStatusFlags_Checkable) return "checkable";
  if (status & ImGuiItemStatusFlags_Openable) return "openable";
  return "item";
}

} // namespace

void enable(ImGuiContext* ctx) {
  ctx->TestEngineHookItems = true;
  ImGuiContextHook begin;
  begin.Type = ImGuiContextHookType_NewFramePre;
  begin.Callback = on_new_frame;
  ImGui::AddContextHook(ctx, &begin);
  ImGuiContextHook end;
  end.Type = ImGuiContextHookType_EndFramePost;
  end.Callback = on_end_frame;
  ImGui::AddContextHook(ctx, &end);
}

void record_text(std::string_view text) {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  const std::string label(text);
  Item& item = add(ctx, ImGui::GetID(label.c_str()), ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()));
  item.label = label;
  item.kind = Kind::text;
}

void record_value(std::string_view value) {
  const ImGuiID id = ImGui::GetItemID();
  if (Item* item = find_recent(id)) {
    item->has_value = true;
    item->value = std::string(value);
  }
}

void record_label(unsigned int id, std::string_view label) {
  if (Item* item = find_recent(id)) item->label = std::string(label);
}

void record_info(unsigned int id, std::string_view label, int status_flags, std::string_view value) {
  if (Item* item = find_recent(id, g_building.size())) {
    item->label = std::string(label);
    item->status |= status_flags;
    item->has_value = true;
    item->value = std::string(value);
  }
}

// [SECTION] Export
std::string items_json(float pixel_ratio, float canvas_x, float canvas_y) {
  const float s = pixel_ratio > 0 ? 1.0f / pixel_ratio : 1.0f;
  auto out = nlohmann::json::array();
  for (const Item& item : g_published) {
    nlohmann::json j = {
        {"id", item.id},
        {"label", item.label},
        {"text", visible_part(item.label)},
        {"window", item.window},
        {"kind", kind_name(item.kind, item.status)},
        {"x", canvas_x + item.rect.Min.x * s},
        {"y", canvas_y + item.rect.Min.y * s},
        {"w", item.rect.GetWidth() * s},
        {"h", item.rect.GetHeight() * s},
        {"flags", item.status},
        {"visible", item.visible},
        {"disabled", item.disabled},
        {"active", item.id != 0 && item.id == g_last_active},
        {"focused", item.id != 0 && item.id == g_nav_id && g_nav_visible && !g_text_input},
    };
    if (item.status & ImGuiItemStatusFlags_Checkable) j["checked"] = (item.status & ImGuiItemStatusFlags_Checked) != 0;
    if (item.status & ImGuiItemStatusFlags_Openable) j["expanded"] = (item.status & ImGuiItemStatusFlags_Opened) != 0;
    if (item.modal) j["modal"] = true;
    if (item.has_value) j["value"] = item.value;
    out.push_back(std::move(j));
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::uint64_t frame_count() { return g_frames; }

namespace {
char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool contains_folded(std::string_view hay, std::string_view needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && fold(hay[i + k]) == fold(needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}
} // namespace

std::vector<TextHit> find_text(std::string_view needle, std::string_view skip_window) {
  std::vector<TextHit> out;
  for (const Item& item : g_published) {
    if (item.kind == Kind::window) continue;
    if (!skip_window.empty() && std::string_view(item.window).substr(0, skip_window.size()) == skip_window) continue;
    const std::string shown = item.kind == Kind::text ? item.label : visible_part(item.label);
    const bool hit = contains_folded(shown, needle) || (item.has_value && contains_folded(item.value, needle));
    if (hit) out.push_back(TextHit{item.window, item.rect.Min.x, item.rect.Min.y, item.rect.Max.x, item.rect.Max.y});
  }
  return out;
}

bool item_center(unsigned int id, float& x, float& y) {
  for (const Item& item : g_published) {
    if (item.id != id || item.kind != Kind::item || !item.visible || item.disabled) continue;
    const ImVec2 c = item.rect.GetCenter();
    x = c.x;
    y = c.y;
    return true;
  }
  return false;
}

} // namespace pd::client::testing

// [SECTION] Hooks called by imgui.cpp (IMGUI_ENABLE_TEST_ENGINE)
using pd::client::testing::Item;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
  using namespace pd::client::testing;
  if (ctx->CurrentWindow && ctx->CurrentWindow->IsFallbackWindow) return; // ImGui's hidden "Debug" window
  const ImRect rect = item_data ? item_data->Rect : bb;
  if (Item* existing = find_recent(id)) { // a second registration of the same item
    existing->rect = rect;
    return;
  }
  Item& item = add(ctx, id, rect);
  if (item_data) item.status = item_data->StatusFlags;
  item.disabled = (ctx->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  using namespace pd::client::testing;
  if (ctx->CurrentWindow && ctx->CurrentWindow->IsFallbackWindow) return;
  Item* item = find_recent(id);
  if (!item) item = &add(ctx, id, ctx->LastItemData.Rect);
  item->label = label ? label : "";
  item->status = flags;
  if (ImGuiWindow* w = ImGui::FindWindowByID(id); w && label && w->Name == item->label) {
    item->kind = Kind::window;
    item->window = w->Name;
    item->modal = (w->Flags & ImGuiWindowFlags_Modal) != 0;
  }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
  for (const auto& item : pd::client::testing::g_published)
    if (item.id == id && !item.label.empty()) return item.label.c_str();
  return nullptr;
}
