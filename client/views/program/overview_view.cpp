// The entry page of each role's navigation (#/p/{id}/overview), and a customer's own
// profile page:
//   business: counts of customers by subscription, agents by partner status, the MRR total,
//             pending invitations, what needs attention;
//   agent:    their partner status (with the reason when not active) and their customers;
//   customer: their account and the agent who supports them.
// Each ends with the "signed in as" and "in this program" cards of the first home page.
#include "client/views/support/retention_parts.hpp"
#include "client/views/support/satisfaction_parts.hpp"
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/role_text.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/program/privacy_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/support_access_parts.hpp"
#include "client/views/tones.hpp"

#include "shared/domain/support/support_access.hpp"

#include <algorithm>
#include <array>

namespace pd::client::views {

namespace {

using domain::PartnerStatus;
using domain::SubscriptionStatus;

std::int64_t now_ms() { return static_cast<std::int64_t>(platform::wall_clock_ms()); }

void title_block(const AppState& app, UiState& ui_state, identity::Home home) {
  const auto* m = current_membership(app, ui_state);
  ui::heading(home_title(home), 28);
  if (!m) return;
  {
    ui::FontScope font(ui::fonts().bold, 17);
    ui::text(m->program_name, ui::color::accent);
  }
  ImGui::SameLine(0, ui::dp(10));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui::dp(1));
  ui::pill(role_label(current_role(app, ui_state)), ui::tone::accent);
  ImGui::Dummy(ui::dp(0, 10));
}

// A card with a caption, a big figure and a line under it.
void stat_card(const char* id, float width, std::string_view caption, std::string_view figure, std::string_view note,
               ImU32 note_col = ui::color::muted) {
  if (ui::begin_card(id, width)) {
    ui::caption(caption);
    ImGui::Dummy(ui::dp(0, 2));
    ui::heading(figure, 28);
    ui::text(note, note_col);
  }
  ui::end_card();
}

// One row of a breakdown: dot, label, count, and a bar of its share.
void breakdown_row(std::string_view label, std::int64_t n, std::int64_t total, ImU32 col, float width) {
  const float x = ImGui::GetCursorPosX();
  ui::dot(col);
  ui::text(label);
  const std::string count = std::to_string(n);
  ImGui::SameLine(x + width - ImGui::CalcTextSize(count.c_str()).x);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(count);
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ui::dp(5);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ui::color::neutral_soft, h * 0.5f);
  if (n > 0 && total > 0)
    dl->AddRectFilled(p, ImVec2(p.x + width * static_cast<float>(n) / static_cast<float>(total), p.y + h), col, h * 0.5f);
  ImGui::Dummy(ImVec2(width, h + ui::dp(4)));
}

void about_cards(const AppState& app, UiState& ui_state, float avail) {
  const auto* m = current_membership(app, ui_state);
  if (!m || !app.me) return;
  const auto role = current_role(app, ui_state);
  const float gap = ui::dp(20);
  const bool two = avail >= ui::dp(640);
  const float first_w = two ? (avail - gap) * 0.42f : avail;
  const float second_w = two ? avail - gap - first_w : avail;
  if (ui::begin_card("Signed in as", first_w)) {
    ui::caption("SIGNED IN AS");
    ImGui::Dummy(ui::dp(0, 2));
    ui::heading(display_name(app.me->person), 20);
    ui::text(app.me->person.email, ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ui::pill(role_label(role), ui::tone::accent);
  }
  ui::end_card();
  if (two) ImGui::SameLine(0, gap);
  if (ui::begin_card("About this page", second_w)) {
    ui::caption("IN THIS PROGRAM");
    ImGui::Dummy(ui::dp(0, 2));
    const float label_w = ui::dp(80);
    fact("Program", m->program_name, label_w);
    fact("Role", role_label(role), label_w);
    ImGui::Dummy(ui::dp(0, 4));
    ui::text_wrapped(home_summary(identity::home_for(role)));
  }
  ui::end_card();
}

// [SECTION] Business
// What needs attention: customers past due, suspended agents, customers in the business queue.
void needs_attention_card(const domain::ProgramState& s, const std::vector<const domain::Agent*>& agents, std::int64_t queue, float cw,
                          Dispatch& dispatch) {
  const float row_h = 0;
  if (ui::begin_card("attention", cw, row_h)) {
    ui::heading("Needs attention", 16);
    ImGui::Dummy(ui::dp(0, 4));
    int shown = 0;
    for (const auto& [id, c] : s.customers) {
      if (c.profile.subscription != SubscriptionStatus::past_due) continue;
      ImGui::PushID(static_cast<int>(id));
      if (ui::link(c.profile.name.c_str())) dispatch(Navigate{program_route(Page::customer, s.id, id)});
      ImGui::PopID();
      ui::text("Past due \xC2\xB7 " + format_money(c.profile.mrr) + " a month", ui::color::warning);
      ImGui::Dummy(ui::dp(0, 3));
      ++shown;
    }
    for (const auto* a : agents) {
      if (a->status != PartnerStatus::suspended) continue;
      ImGui::PushID(static_cast<int>(a->person_id) + 100000);
      if (ui::link(member_name(s, a->person_id).c_str())) dispatch(Navigate{program_route(Page::agents, s.id)});
      ImGui::PopID();
      ui::text("Suspended agent", ui::color::warning);
      ImGui::Dummy(ui::dp(0, 3));
      ++shown;
    }
    if (queue) {
      if (ui::link((count_text(queue, "customer", "customers") + " in the business queue").c_str())) {
        Route r = program_route(Page::customers, s.id);
        r.filter.agent = 0;
        dispatch(Navigate{r});
      }
      ui::text("Supported by your own team", ui::color::muted);
      ++shown;
    }
    if (!shown) ui::text("Nothing right now.", ui::color::muted);
  }
  ui::end_card();
}

void business_overview(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = ui::dp(18);
  const auto now = now_ms();

  std::array<std::int64_t, 5> by_sub{};
  std::array<std::int64_t, 5> by_status{};
  std::int64_t mrr = 0, paying = 0, queue = 0;
  for (const auto& [id, c] : s.customers) {
    by_sub[static_cast<std::size_t>(c.profile.subscription)]++;
    if (c.profile.subscription != SubscriptionStatus::cancelled) {
      mrr += c.profile.mrr.minor;
      if (c.profile.mrr.minor > 0) ++paying;
    }
    if (c.assigned_agent == 0) ++queue;
  }
  const auto agents = agents_by_name(s);
  for (const auto* a : agents) by_status[static_cast<std::size_t>(a->status)]++;
  std::int64_t pending = 0, expired = 0;
  for (const auto& [id, inv] : s.invitations) {
    if (inv.status != domain::InvitationStatus::pending) continue;
    if (inv.expires_at <= now) ++expired;
    else ++pending;
  }
  const auto customers = static_cast<std::int64_t>(s.customers.size());

  const int columns = avail >= ui::dp(4 * 200 + 3 * 18) ? 4 : 2;
  const float w = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  stat_card("stat-customers", w, "CUSTOMERS", std::to_string(customers),
            queue ? count_text(queue, "customer", "customers") + " in the business queue" : "All assigned to agents");
  ImGui::SameLine(0, gap);
  stat_card("stat-mrr", w, "MONTHLY RECURRING REVENUE", format_money(domain::Money{mrr, s.currency}),
            "from " + count_text(paying, "paying customer", "paying customers"));
  if (columns == 4) ImGui::SameLine(0, gap);
  stat_card("stat-agents", w, "ACTIVE AGENTS",
            std::to_string(by_status[static_cast<std::size_t>(PartnerStatus::active)]) + " of " + std::to_string(agents.size()),
            by_status[static_cast<std::size_t>(PartnerStatus::suspended)]
                ? count_text(by_status[static_cast<std::size_t>(PartnerStatus::suspended)], "agent", "agents") + " suspended"
                : "No suspensions",
            by_status[static_cast<std::size_t>(PartnerStatus::suspended)] ? ui::color::warning : ui::color::muted);
  ImGui::SameLine(0, gap);
  stat_card("stat-invitations", w, "PENDING INVITATIONS", std::to_string(pending),
            expired ? count_text(expired, "invitation has", "invitations have") + " expired" : "Waiting to be accepted");
  ImGui::Dummy(ui::dp(0, 6));

  // Breakdowns and what needs attention.
  const int cols = avail >= ui::dp(900) ? 3 : 1;
  const float cw = (avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float inner = cw - ui::dp(44);
  const float row_h = 0;
  if (ui::begin_card("by-subscription", cw, row_h)) {
    ui::heading("Customers by subscription", 16);
    ImGui::Dummy(ui::dp(0, 4));
    for (auto sub : {SubscriptionStatus::trialing, SubscriptionStatus::active, SubscriptionStatus::past_due, SubscriptionStatus::cancelled})
      breakdown_row(subscription_label(sub), by_sub[static_cast<std::size_t>(sub)], customers, subscription_tone(sub).fg, inner);
  }
  ui::end_card();
  if (cols == 3) ImGui::SameLine(0, gap);
  if (ui::begin_card("by-status", cw, row_h)) {
    ui::heading("Agents by partner status", 16);
    ImGui::Dummy(ui::dp(0, 4));
    for (auto st : {PartnerStatus::active, PartnerStatus::suspended, PartnerStatus::removed, PartnerStatus::terminated})
      breakdown_row(partner_status_label(st), by_status[static_cast<std::size_t>(st)], static_cast<std::int64_t>(agents.size()),
                    partner_tone(st).fg, inner);
  }
  ui::end_card();
  if (cols == 3) ImGui::SameLine(0, gap);
  needs_attention_card(s, agents, queue, cw, dispatch);
  ImGui::Dummy(ui::dp(0, 6));
  about_cards(app, ui_state, avail);
}

// [SECTION] Agent
void agent_status_card(const domain::ProgramState& s, domain::PersonId me, float width) {
  const auto it = s.agents.find(me);
  if (ui::begin_card("partner-status", width)) {
    ui::caption("YOUR PARTNER STATUS");
    ImGui::Dummy(ui::dp(0, 4));
    if (it == s.agents.end()) {
      ui::text("Your partner record is not available.", ui::color::muted);
    } else {
      const auto& a = it->second;
      ui::pill(partner_status_label(a.status), partner_tone(a.status));
      ImGui::Dummy(ui::dp(0, 2));
      if (a.status == PartnerStatus::active) {
        const auto cert = domain::certification_status(s.certification, me);
        if (cert == domain::CertificationStatus::certified)
          ui::text_wrapped("You are an active partner agent of " + s.name + " and a Certified Support Agent: you can be assigned customers.");
        else
          ui::text_wrapped("You are an active partner agent of " + s.name + ". Support customers are assigned to certified agents; your " +
                           "certification is " + domain::label_of(cert) + " (see Certification).");
      } else {
        ui::text_wrapped(std::string("Since ") + format_day_ms(a.status_since) + ".", ui::color::muted);
        ImGui::Dummy(ui::dp(0, 2));
        ui::field_label("Reason given");
        ui::text_wrapped(a.status_reason.empty() ? "No reason was given." : a.status_reason);
      }
      // The Certified Support Partner badge every business sees on your profile, with its dates.
      if (domain::certified_badge(s.certification, me, now_ms())) {
        ImGui::Dummy(ui::dp(0, 2));
        certified_badge(s, me, now_ms(), true);
      }
    }
  }
  ui::end_card();
}

void agent_overview(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = ui::dp(18);
  const auto me = my_id(app);
  const auto mine = customers_of_agent(s, me);
  std::int64_t mrr = 0, past_due = 0;
  for (const auto* c : mine) {
    if (c->profile.subscription != SubscriptionStatus::cancelled) mrr += c->profile.mrr.minor;
    if (c->profile.subscription == SubscriptionStatus::past_due) ++past_due;
  }
  const bool wide = avail >= ui::dp(820);
  const float status_w = wide ? avail * 0.4f : avail;
  // While the agent may not work support: why, and where its customers' tickets are.
  if (!domain::why_no_support(s, me).empty()) {
    off_support_notice(s, me);
    ImGui::Dummy(ui::dp(0, 6));
  }
  agent_status_card(s, me, status_w);
  if (wide) ImGui::SameLine(0, gap);
  const float rest = wide ? avail - status_w - gap : avail;
  const float w = (rest - gap) / 2;
  ImGui::BeginGroup();
  stat_card("stat-mine", w, "ASSIGNED CUSTOMERS", std::to_string(mine.size()),
            past_due ? count_text(past_due, "is past due", "are past due") : "None past due",
            past_due ? ui::color::warning : ui::color::muted);
  ImGui::SameLine(0, gap);
  stat_card("stat-mine-mrr", w, "THEIR MONTHLY REVENUE", format_money(domain::Money{mrr, s.currency}), "across your customers");
  ImGui::EndGroup();
  ImGui::Dummy(ui::dp(0, 6));

  // The customers, newest first, with a way to the full list.
  if (ui::begin_card("your-customers", avail)) {
    ui::heading("Your customers", 16);
    ImGui::Dummy(ui::dp(0, 2));
    if (mine.empty()) {
      ui::text("None yet. When " + s.name + " assigns you a customer, it appears here at once.", ui::color::muted);
    } else {
      auto recent = mine;
      std::sort(recent.begin(), recent.end(),
                [](const auto* a, const auto* b) { return a->profile.started_on > b->profile.started_on; });
      if (recent.size() > 4) recent.resize(4);
      const auto now = now_ms();
      const float name_w = avail * 0.42f;
      for (const auto* c : recent) {
        ImGui::PushID(static_cast<int>(c->id));
        const float x = ImGui::GetCursorPosX();
        if (ui::link(c->profile.name.c_str())) dispatch(Navigate{program_route(Page::customer, s.id, c->id)});
        ImGui::SameLine(x + name_w);
        const char* sub = subscription_label(c->profile.subscription);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (ui::pill_size(sub).y - ImGui::GetTextLineHeight()) * 0.5f);
        ui::pill(sub, subscription_tone(c->profile.subscription));
        ImGui::SameLine(x + name_w + ui::dp(120));
        ui::text(c->profile.segment + " \xC2\xB7 " + tenure_text(c->profile.started_on, now), ui::color::muted);
        ImGui::PopID();
      }
      ImGui::Dummy(ui::dp(0, 2));
      if (ui::link(("See all " + count_text(static_cast<std::int64_t>(mine.size()), "customer", "customers") + "##all").c_str()))
        dispatch(Navigate{program_route(Page::customers, s.id)});
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
  about_cards(app, ui_state, avail);
}

// [SECTION] Customer
void customer_cards(const AppState& app, const domain::ProgramState& s, float avail, bool full) {
  const float gap = ui::dp(18);
  const auto* c = s.customer_of_person(my_id(app));
  const bool two = avail >= ui::dp(700);
  const float w = two ? (avail - gap) / 2 : avail;
  const auto now = now_ms();
  if (ui::begin_card("your-account", w)) {
    ui::caption("YOUR ACCOUNT");
    ImGui::Dummy(ui::dp(0, 2));
    if (!c) {
      ui::text_wrapped("Your customer record is not linked to this account yet.", ui::color::muted);
    } else {
      ui::heading(c->profile.name, 20);
      ui::text(c->profile.email, ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      ui::pill(subscription_label(c->profile.subscription), subscription_tone(c->profile.subscription));
      ImGui::Dummy(ui::dp(0, 4));
      const float lw = ui::dp(130);
      fact("Plan", c->profile.segment, lw);
      fact("Customer since", format_day(c->profile.started_on), lw);
      fact("With us for", tenure_text(c->profile.started_on, now), lw);
      if (full) fact("Monthly price", format_money(c->profile.mrr), lw);
    }
  }
  ui::end_card();
  if (two) ImGui::SameLine(0, gap);
  if (ui::begin_card("your-support", w)) {
    ui::caption("YOUR SUPPORT");
    ImGui::Dummy(ui::dp(0, 2));
    if (c && c->assigned_agent) {
      ui::heading(member_name(s, c->assigned_agent), 20);
      if (auto m = s.member(c->assigned_agent)) ui::text(m->email, ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      ui::text_wrapped("Your partner agent at " + s.name + " handles your support requests.");
    } else {
      ui::heading(s.name + " support team", 20);
      ImGui::Dummy(ui::dp(0, 4));
      ui::text_wrapped("The " + s.name + " team handles your support requests directly.");
    }
  }
  ui::end_card();
}

} // namespace

void draw_overview(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto role = current_role(app, ui_state);
    const auto home = identity::home_for(role);
    ImGui::PushItemWidth(-FLT_MIN);
    ImGui::BeginGroup();
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("overview", avail);
    title_block(app, ui_state, home);
    if (!ui_state.page_notice.empty()) {
      ui::message_box(ui_state.page_notice, ui::tone::warning);
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (home == identity::Home::business) business_overview(app, ui_state, dispatch, s);
    else if (home == identity::Home::agent) agent_overview(app, ui_state, dispatch, s);
    else {
      retention_offer_card(app, ui_state, dispatch, s, ImGui::GetContentRegionAvail().x); // retention_view.cpp
      nps_card(app, ui_state, dispatch, s, ImGui::GetContentRegionAvail().x);
      customer_cards(app, s, ImGui::GetContentRegionAvail().x, false);
      ImGui::Dummy(ui::dp(0, 6));
      about_cards(app, ui_state, ImGui::GetContentRegionAvail().x);
      ImGui::Dummy(ui::dp(0, 6));
      plan_request_card(app, ui_state, dispatch, s, ImGui::GetContentRegionAvail().x);
    }
    ui::end_column();
    ImGui::EndGroup();
    ImGui::PopItemWidth();
  }
  end_page();
}

void draw_profile(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("profile", avail);
    page_title("My profile", "What " + s.name + " knows about your account.");
    customer_cards(app, s, avail, true);
    if (const auto* me = s.customer_of_person(my_id(app))) {
      ImGui::Dummy(ui::dp(0, 8));
      data_export_card(s, my_id(app), *me, ui_state, dispatch, avail, true); // privacy_parts.cpp
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
