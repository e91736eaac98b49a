#include "client/views/desk/knowledge_parts.hpp"

#include "client/app/route.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"
#include "shared/core/dates.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"

#include <imgui.h>

#include <algorithm>

namespace pd::client::views::desk_views {

namespace {

domain::KnowledgeReader reader_of(const domain::ProgramState& s, domain::PersonId me) { return domain::desk_rules::reader_of(s, me); }

} // namespace

std::string article_link_text(const domain::ProgramState& s, const domain::Article& a) {
  return "Help article #" + std::to_string(a.id) + ": " + a.content.question + " (" + "Help articles, " + format_route(program_route(Page::knowledge, s.id)) + ")";
}

void confirm_answer_card(const domain::Ticket& t, const SupportForm& form, Dispatch& dispatch) {
  if (domain::desk_rules::why_not_confirm(t)) return;
  ui::begin_tinted(ui::tone::accent);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text_wrapped("Did the automatic answer solve your problem?");
  }
  ui::text_wrapped("If it did, tell us and we close the ticket. If not, reply below and a person from the team will help.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 4));
  if (ui::primary_button(form.sending ? "Saving\xE2\x80\xA6###This solved my problem" : "This solved my problem###This solved my problem", ImVec2(0, 0),
                         !form.sending))
    dispatch(SendCommand{FormId::confirm_answer, domain::ConfirmAutomaticAnswer{t.id}});
  if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

void article_body(const domain::ProgramState& s, const domain::Article& a) {
  const auto& c = a.content;
  std::string facts;
  if (!c.applies_to.empty()) facts += "Applies to: " + c.applies_to + "   ";
  facts += "Last updated: " + core::format_date(core::date_of_ms(a.updated_at));
  if (c.difficulty != domain::Difficulty::none) facts += std::string("   Difficulty: ") + domain::label_of(c.difficulty);
  if (!c.product_area.empty()) facts += "   Area: " + c.product_area;
  ui::caption(facts);
  ImGui::Dummy(ui::dp(0, 4));
  ui::heading("Quick answer", 14);
  ui::text_wrapped(c.quick_answer);
  if (!c.steps.empty()) {
    ImGui::Dummy(ui::dp(0, 4));
    ui::heading("Step-by-step", 14);
    for (std::size_t i = 0; i < c.steps.size(); ++i) ui::text_wrapped(std::to_string(i + 1) + ". " + c.steps[i]);
  }
  if (!c.variations.empty()) {
    ImGui::Dummy(ui::dp(0, 4));
    ui::heading("Common variations", 14);
    for (const auto& v : c.variations) ui::text_wrapped("\xE2\x80\xA2 " + v.when + ": " + v.what);
  }
  if (!c.related.empty()) {
    ImGui::Dummy(ui::dp(0, 4));
    ui::heading("Related articles", 14);
    for (auto id : c.related)
      if (auto r = s.knowledge.article(id)) ui::text_wrapped("\xE2\x80\xA2 " + r->content.question);
  }
  if (!c.still_stuck.empty()) {
    ImGui::Dummy(ui::dp(0, 4));
    ui::heading("Still stuck?", 14);
    ui::text_wrapped(c.still_stuck);
  }
}

bool composer_article_search(const domain::ProgramState& s, domain::PersonId me, std::string& reply, KnowledgeForm& k) {
  const auto reader = reader_of(s, me);
  if (reader != domain::KnowledgeReader::agent && reader != domain::KnowledgeReader::business) return false;
  bool changed = false;
  ImGui::Dummy(ui::dp(0, 4));
  ImGui::PushID("composer-articles");
  bool edited = false;
  ui::input_text("##Search articles", "Search the knowledge base to link an article\xE2\x80\xA6", k.composer_query, edited, 0, std::min(ui::dp(420), ImGui::GetContentRegionAvail().x));
  if (!k.composer_query.empty()) {
    // Published articles only: a reply links what customers (or agents) can read now.
    const auto hits = domain::search_articles(s.knowledge, k.composer_query, domain::KnowledgeReader::agent, 0, 5);
    if (hits.empty()) ui::caption("No published article matches.");
    for (const auto& h : hits) {
      const auto& a = s.knowledge.articles.at(h.id);
      ImGui::PushID(static_cast<int>(h.id));
      ui::text_wrapped(a.content.question + (a.content.audience == domain::ArticleAudience::internal ? "  (internal)" : ""));
      const bool internal = a.content.audience == domain::ArticleAudience::internal;
      ImGui::BeginDisabled(internal); // customers cannot open an internal article
      if (ui::secondary_button(("Insert link###Insert link " + std::to_string(h.id)).c_str())) {
        reply += (reply.empty() || reply.back() == '\n' ? "" : "\n\n") + article_link_text(s, a);
        changed = true;
      }
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ui::secondary_button(("Insert answer###Insert answer " + std::to_string(h.id)).c_str())) {
        reply += (reply.empty() || reply.back() == '\n' ? "" : "\n\n") + a.content.quick_answer;
        changed = true;
      }
      ImGui::PopID();
    }
  }
  ImGui::PopID();
  return changed;
}

void new_ticket_suggestions(const domain::ProgramState& s, domain::PersonId me, NewTicketForm& f, Dispatch& dispatch) {
  if (reader_of(s, me) != domain::KnowledgeReader::customer) return;
  // Articles holding most of the subject's words as it is typed; else most of the description's.
  const auto mode = domain::SearchMode::most_words;
  const auto hits = domain::search_articles(s.knowledge, f.subject, domain::KnowledgeReader::customer, me, 3, mode);
  const auto by_subject = hits.empty() ? domain::search_articles(s.knowledge, f.text.substr(0, domain::max_search_query), domain::KnowledgeReader::customer, me, 3, mode) : hits;
  if (by_subject.empty()) return;
  ImGui::Dummy(ui::dp(0, 6));
  ui::begin_tinted(ui::tone::accent);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text("These articles may answer your question");
  }
  for (const auto& h : by_subject) {
    const auto& a = s.knowledge.articles.at(h.id);
    ImGui::PushID(static_cast<int>(h.id));
    const bool open = f.open_article == a.id;
    if (ui::link((std::string(open ? "\xE2\x96\xBE " : "\xE2\x96\xB8 ") + a.content.question + "###Suggested article " + std::to_string(a.id)).c_str())) {
      f.open_article = open ? 0 : a.id;
      if (!open && std::find(f.read_articles.begin(), f.read_articles.end(), a.id) == f.read_articles.end()) f.read_articles.push_back(a.id);
    }
    if (f.open_article == a.id) {
      ImGui::Indent(ui::dp(14));
      article_body(s, a);
      ImGui::Dummy(ui::dp(0, 4));
      if (ui::primary_button("This answered my question", ImVec2(0, 0))) {
        dispatch(SendCommand{FormId::deflection, domain::RecordDeflection{a.id, false}});
        f = NewTicketForm{};
        dispatch(Navigate{program_route(Page::tickets, s.id)});
      }
      ImGui::Unindent(ui::dp(14));
    }
    ImGui::PopID();
  }
  ui::end_tinted();
}

} // namespace pd::client::views::desk_views
