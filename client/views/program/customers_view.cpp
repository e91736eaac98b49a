// The customer list (#/p/{id}/customers). Business: every customer, searchable and filtered by
// subscription, segment and assigned agent (the filters live in the URL), sortable, with
// "Add customer". Agent: "My customers", the customers assigned to them with their tenure.
// Rows are clipped (ImGuiListClipper) so long lists stay cheap; each row opens the customer.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/views/layout.hpp"
#include "client/views/tones.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

using domain::Customer;

enum Column { col_name, col_email, col_segment, col_subscription, col_mrr, col_since, col_tenure, col_agent };

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The order picked by a header (ImGui column user id and direction); column -1: none.
struct CustomerSort {
  int column = -1;
  bool descending = false;
  bool operator==(const CustomerSort&) const = default;
};

CustomerSort sort_of(const ImGuiTableSortSpecs* specs) {
  if (!specs || specs->SpecsCount == 0) return {};
  return {static_cast<int>(specs->Specs[0].ColumnUserID), specs->Specs[0].SortDirection == ImGuiSortDirection_Descending};
}

void sort_rows(std::vector<const Customer*>& rows, const domain::ProgramState& s, CustomerSort sort) {
  if (sort.column < 0) return;
  const bool asc = !sort.descending;
  const auto key = static_cast<Column>(sort.column);
  std::stable_sort(rows.begin(), rows.end(), [&](const Customer* a, const Customer* b) {
    const auto& pa = a->profile;
    const auto& pb = b->profile;
    int cmp = 0;
    switch (key) {
    case col_name: cmp = lower(pa.name).compare(lower(pb.name)); break;
    case col_email: cmp = pa.email.compare(pb.email); break;
    case col_segment: cmp = pa.segment.compare(pb.segment); break;
    case col_subscription: cmp = static_cast<int>(pa.subscription) - static_cast<int>(pb.subscription); break;
    case col_mrr: cmp = pa.mrr.minor < pb.mrr.minor ? -1 : pa.mrr.minor > pb.mrr.minor ? 1 : 0; break;
    case col_since:
    case col_tenure: cmp = pa.started_on.compare(pb.started_on) * (key == col_tenure ? -1 : 1); break;
    case col_agent: cmp = lower(member_name(s, a->assigned_agent)).compare(lower(member_name(s, b->assigned_agent))); break;
    }
    if (cmp == 0) return a->id < b->id;
    return asc ? cmp < 0 : cmp > 0;
  });
}

// What the list shows: the business's filtered customers, or an agent's own (agent != 0), as of a
// replica version.
struct CustomerQuery {
  domain::ProgramId program = -1;
  domain::Sequence version = -1;
  std::size_t customer_count = 0;
  CustomerFilter filter;
  domain::PersonId agent = 0;
  bool operator==(const CustomerQuery&) const = default;
};

// The rows for a query, in the order picked; filtered again only when the query changes and sorted
// again only then or when the order changes (a business may hold many thousands of customers).
struct CustomerList {
  CustomerQuery query;
  CustomerSort sort;
  std::vector<domain::CustomerId> rows; // ids: the replica may be replaced
};

CustomerList& customer_list(const domain::ProgramState& s, const CustomerFilter& filter, domain::PersonId agent) {
  static CustomerList cache;
  const CustomerQuery query{s.id, s.version, s.customers.size(), agent ? CustomerFilter{} : filter, agent};
  if (cache.query == query) return cache;
  cache = CustomerList{};
  cache.query = query;
  cache.sort.column = -2; // not sorted yet
  for (const auto* c : agent ? customers_of_agent(s, agent) : filter_customers(s, filter)) cache.rows.push_back(c->id);
  return cache;
}

// Sorts the list's rows when the order picked differs from theirs.
void sort_list(CustomerList& list, const domain::ProgramState& s, CustomerSort sort) {
  if (list.sort == sort) return;
  list.sort = sort;
  std::vector<const Customer*> rows;
  rows.reserve(list.rows.size());
  for (auto id : list.rows)
    if (auto c = s.customers.find(id); c != s.customers.end()) rows.push_back(&c->second);
  sort_rows(rows, s, sort);
  list.rows.clear();
  for (const auto* c : rows) list.rows.push_back(c->id);
}

void cell_text(const std::string& s, float row_h, ImU32 col = ui::color::text) {
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  ui::text(s, col);
}

void cell_right(const std::string& s, float row_h) {
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  const float w = ImGui::CalcTextSize(s.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w));
  ui::text(s);
}

void cell_pill(std::string_view s, ui::Tone t, float row_h) {
  ui::center_in_row(row_h, ui::pill_size(s).y);
  ui::pill(s, t);
}

// One customer's row: the whole row opens the customer.
void customer_row(const domain::ProgramState& s, const Customer& c, bool business, float row_h, std::int64_t now, Dispatch& dispatch) {
  ImGui::PushID(static_cast<int>(c.id));
  ui::list_row(row_h);
  ui::list_cell(0);
  const std::string label = c.profile.name + "##row";
  if (ui::row_button(label.c_str(), row_h)) dispatch(Navigate{program_route(Page::customer, s.id, c.id)});
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    const float two = ImGui::GetTextLineHeight() * 2 + ui::dp(1);
    ui::center_in_row(row_h, business ? two : ImGui::GetTextLineHeight());
    ui::text(c.profile.name);
  }
  if (business) {
    ui::FontScope font(ui::fonts().regular, 13);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui::dp(8));
    ui::text(c.profile.email, ui::color::muted);
  }
  ui::list_cell(1);
  cell_text(c.profile.segment, row_h);
  ui::list_cell(2);
  cell_pill(subscription_label(c.profile.subscription), subscription_tone(c.profile.subscription), row_h);
  ui::list_cell(3);
  cell_right(format_money(c.profile.mrr), row_h);
  ui::list_cell(4);
  cell_text(format_day(c.profile.started_on), row_h);
  ui::list_cell(5);
  if (business) {
    if (c.assigned_agent) cell_text(member_name(s, c.assigned_agent), row_h);
    else cell_text("Business queue", row_h, ui::color::muted);
  } else {
    cell_text(tenure_text(c.profile.started_on, now), row_h);
  }
  ImGui::PopID();
}

// The table of customers; business shows the assignee, agents the tenure.
void customer_table(const domain::ProgramState& s, CustomerList& list, bool business, Dispatch& dispatch) {
  const auto& rows = list.rows;
  const float row_h = ui::dp(business ? 50 : 44);
  const ImGuiTableFlags flags = ui::list_table_flags | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable;
  // As tall as the rows need, up to the bottom of the page (then it scrolls under a frozen header).
  const float wanted = ui::dp(36) + row_h * static_cast<float>(rows.size()) + ui::dp(2);
  const float height = std::min(wanted, std::max(ui::dp(240), ImGui::GetContentRegionAvail().y - ui::dp(4)));
  const int columns = 6;
  if (!ui::begin_list_table("customers", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ui::list_column("Customer", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 2.6f, col_name, ui::CardPart::title);
  ui::list_column("Segment", ImGuiTableColumnFlags_WidthStretch, 1.1f, col_segment);
  ui::list_column("Subscription", ImGuiTableColumnFlags_WidthStretch, 1.1f, col_subscription);
  ui::list_column("MRR", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 1.0f, col_mrr);
  ui::list_column("Customer since", ImGuiTableColumnFlags_WidthStretch, 1.2f, col_since);
  if (business) ui::list_column("Assigned to", ImGuiTableColumnFlags_WidthStretch, 1.4f, col_agent);
  else ui::list_column("Tenure", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 1.1f, col_tenure);
  ui::table_header_row(columns);
  sort_list(list, s, sort_of(ImGui::TableGetSortSpecs()));

  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), ui::clip_height(row_h));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto found = s.customers.find(rows[static_cast<std::size_t>(i)]);
      if (found != s.customers.end()) customer_row(s, found->second, business, row_h, now, dispatch);
    }
  }
  ui::end_list_table();
}

void filters(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s) {
  CustomerFilter f = app.route.filter;
  bool changed = false;
  const float gap = ui::dp(10);
  // The row shares the page's width: search first, then three equal filters, then "Clear filters".
  const float avail = ImGui::GetContentRegionAvail().x;
  const float clear_w = ImGui::CalcTextSize("Clear filters").x + gap * 1.5f;
  // A phone: the search takes the width, the filters two a line.
  const bool narrow = ui::narrow();
  const float search_w = narrow ? avail : std::clamp(avail * 0.3f, ui::dp(170), ui::dp(300));
  const float combo_w = narrow ? (avail - gap) / 2 : std::clamp((avail - search_w - 3 * gap - clear_w) / 3, ui::dp(118), ui::dp(200));
  bool edited = false;
  ui::input_text("##Search customers", "Search by name or email", ui_state.search, edited, 0, search_w);
  if (edited) {
    f.q = ui_state.search;
    changed = true;
  }

  ui::flow_next(combo_w, gap);
  static const std::vector<std::string> sub_values = {"", "trialing", "active", "past_due", "cancelled"};
  static const std::vector<std::string> sub_labels = {"All subscriptions", "Trialing", "Active", "Past due", "Cancelled"};
  int sub = 0;
  for (int i = 0; i < static_cast<int>(sub_values.size()); ++i)
    if (sub_values[static_cast<std::size_t>(i)] == f.subscription) sub = i;
  if (choice("##Subscription filter", sub_labels, sub, combo_w)) {
    f.subscription = sub_values[static_cast<std::size_t>(sub)];
    changed = true;
  }

  ui::flow_next(combo_w, gap);
  auto segs = segments(s);
  std::vector<std::string> seg_labels = {"All segments"};
  seg_labels.insert(seg_labels.end(), segs.begin(), segs.end());
  int seg = 0;
  for (int i = 0; i < static_cast<int>(segs.size()); ++i)
    if (segs[static_cast<std::size_t>(i)] == f.segment) seg = i + 1;
  if (!f.segment.empty() && seg == 0) {
    seg_labels.push_back(f.segment);
    seg = static_cast<int>(seg_labels.size()) - 1;
  }
  if (choice("##Segment filter", seg_labels, seg, combo_w)) {
    f.segment = seg == 0 ? "" : seg_labels[static_cast<std::size_t>(seg)];
    changed = true;
  }

  ui::flow_next(combo_w, gap);
  const auto agents = agents_by_name(s);
  std::vector<std::string> agent_labels = {"All agents", "Business queue"};
  std::vector<std::int64_t> agent_values = {-1, 0};
  for (const auto* a : agents) {
    agent_labels.push_back(member_name(s, a->person_id));
    agent_values.push_back(a->person_id);
  }
  int ag = 0;
  for (int i = 0; i < static_cast<int>(agent_values.size()); ++i)
    if (agent_values[static_cast<std::size_t>(i)] == f.agent) ag = i;
  if (choice("##Agent filter", agent_labels, ag, combo_w)) {
    f.agent = agent_values[static_cast<std::size_t>(ag)];
    changed = true;
  }

  if (!f.empty()) {
    ui::flow_next(clear_w, gap * 1.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    if (ui::link("Clear filters")) {
      f = CustomerFilter{};
      ui_state.search.clear();
      changed = true;
    }
  }
  if (changed) dispatch(FilterChanged{f});
}

} // namespace

void draw_customers(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const bool business = identity::is_business_role(role);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ImGui::BeginChild("customers-page", ImVec2(avail, 0), ImGuiChildFlags_NavFlattened, ImGuiWindowFlags_NoScrollbar);
    if (business) {
      auto& list = customer_list(s, app.route.filter, 0);
      const auto& rows = list.rows;
      const std::string subtitle = app.route.filter.empty()
                                       ? count_text(static_cast<std::int64_t>(s.customers.size()), "customer", "customers")
                                       : std::to_string(rows.size()) + " of " +
                                             count_text(static_cast<std::int64_t>(s.customers.size()), "customer", "customers");
      const float title_y = ImGui::GetCursorPosY();
      const float right_x = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
      page_title("Customers", subtitle);
      if (allowed(app, domain::Action::write_customer)) {
        const float bw = ui::dp(150);
        const float after_y = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(right_x - bw, title_y + ui::dp(4)));
        if (ui::primary_button("Add customer", ImVec2(bw, ui::dp(40))))
          dispatch(Navigate{program_route(Page::new_customer, s.id)});
        ImGui::SetCursorPosY(after_y);
      }
      filters(app, ui_state, dispatch, s);
      ImGui::Dummy(ui::dp(0, 4));
      if (rows.empty()) {
        ui::empty_state(s.customers.empty() ? "No customers yet" : "No customers match these filters",
                        s.customers.empty() ? "Add your first customer to start assigning them to agents."
                                            : "Try another search, or clear the filters.",
                        20);
      } else {
        customer_table(s, list, true, dispatch);
      }
    } else {
      const auto me = my_id(app);
      auto& list = customer_list(s, {}, me);
      const auto& rows = list.rows;
      page_title("My customers", count_text(static_cast<std::int64_t>(rows.size()), "customer", "customers") +
                                     " of " + s.name + " assigned to you");
      if (auto it = s.agents.find(me); it != s.agents.end() && it->second.status != domain::PartnerStatus::active) {
        const auto& a = it->second;
        ui::message_box(std::string("Your partner status is ") + partner_status_label(a.status) + ". Reason: " +
                            (a.status_reason.empty() ? "none given" : a.status_reason),
                        partner_tone(a.status));
        ImGui::Dummy(ui::dp(0, 4));
      }
      if (rows.empty()) {
        ui::empty_state("No customers assigned to you yet", "When " + s.name + " assigns you a customer, it appears here at once.", 20);
      } else {
        customer_table(s, list, false, dispatch);
      }
    }
    ImGui::EndChild();
  }
  end_page();
}

} // namespace pd::client::views
