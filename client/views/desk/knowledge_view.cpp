// The knowledge base (#/p/{id}/knowledge): the articles the reader may read (customers: the
// published public ones, "Help articles"), searched with the shared search_articles(); the
// editor with the seed's article structure (business staff and agents write, agents their own
// drafts; the business publishes, reviews and archives); and for the business the weekly hygiene
// list (knowledge_hygiene() on the replica, as GET .../knowledge/hygiene computes it) with "Write
// an article from these tickets", and the self-serve deflection and automation rates.
#include "client/views/views.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/desk/knowledge_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "shared/core/dates.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

using domain::Article;
using domain::ArticleStatus;
using domain::KnowledgeReader;

const std::vector<domain::Difficulty> difficulties = {domain::Difficulty::none, domain::Difficulty::beginner, domain::Difficulty::intermediate,
                                                      domain::Difficulty::advanced};

std::string percent_text(int permille) { return permille < 0 ? std::string("\xE2\x80\x94") : std::to_string((permille + 5) / 10) + "%"; }

void open_editor(KnowledgeForm& k, const domain::ArticleContent& c, domain::ArticleId editing) {
  k.editor_open = true;
  k.editing = editing;
  k.question = c.question;
  k.applies_to = c.applies_to;
  k.quick_answer = c.quick_answer;
  k.steps.clear();
  for (const auto& st : c.steps) k.steps += (k.steps.empty() ? "" : "\n") + st;
  k.still_stuck = c.still_stuck;
  k.product_area = c.product_area;
  k.difficulty = static_cast<int>(std::find(difficulties.begin(), difficulties.end(), c.difficulty) - difficulties.begin());
  k.audience = c.audience == domain::ArticleAudience::internal ? 1 : 0;
  k.tab = 0;
}

domain::ArticleContent content_of(const KnowledgeForm& k, const Article* before) {
  domain::ArticleContent c;
  if (before) c = before->content; // variations and related articles stay as they are
  c.question = k.question;
  c.applies_to = k.applies_to;
  c.quick_answer = k.quick_answer;
  c.steps.clear();
  std::string line;
  for (std::size_t i = 0; i <= k.steps.size(); ++i) {
    if (i == k.steps.size() || k.steps[i] == '\n') {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      if (!line.empty()) c.steps.push_back(line);
      line.clear();
    } else if (!(line.empty() && k.steps[i] == ' ')) {
      line.push_back(k.steps[i]);
    }
  }
  c.still_stuck = k.still_stuck;
  c.product_area = k.product_area;
  c.difficulty = difficulties[static_cast<std::size_t>(std::clamp(k.difficulty, 0, 3))];
  c.audience = k.audience == 1 ? domain::ArticleAudience::internal : domain::ArticleAudience::customers;
  return c;
}

ui::Tone status_tone(ArticleStatus s) {
  switch (s) {
  case ArticleStatus::published: return ui::tone::success;
  case ArticleStatus::in_review: return ui::tone::warning;
  case ArticleStatus::archived: return ui::tone::neutral;
  default: return ui::tone::accent;
  }
}

struct KbPage {
  const domain::ProgramState& s;
  domain::PersonId me;
  KnowledgeReader reader;
  KnowledgeForm& k;
  Dispatch& dispatch;
  const SupportForm& form;
};

void editor(const KbPage& p) {
  auto& k = p.k;
  const Article* before = k.editing ? p.s.knowledge.article(k.editing) : nullptr;
  ImGui::PushID("article-editor");
  ui::heading(before ? "Edit article" : "New article", 18);
  if (!k.from_tickets.empty()) ui::caption("Written from " + std::to_string(k.from_tickets.size()) + " tickets; they are linked to the article.");
  form_errors(p.form);
  labeled_input("Question (the title)", "##Question", "How do I \xE2\x80\xA6?", k.question, p.form.errors.field("article.question"));
  labeled_input("Applies to", "##Applies to", "Plans or products", k.applies_to, p.form.errors.field("article.applies_to"));
  ui::field_label("Quick answer (2-3 sentences)");
  multiline("##Quick answer", k.quick_answer, ui::dp(70));
  ui::field_error(p.form.errors.field("article.quick_answer"));
  ui::field_label("Step-by-step (one step a line)");
  multiline("##Steps", k.steps, ui::dp(90));
  for (const auto& [field, message] : p.form.errors.fields)
    if (field.starts_with("article.steps")) ui::field_error(&message);
  labeled_input("Still stuck?", "##Still stuck", "Contact support at \xE2\x80\xA6 include \xE2\x80\xA6", k.still_stuck, p.form.errors.field("article.still_stuck"));
  labeled_input("Product area", "##Product area", "Billing, Reports, \xE2\x80\xA6", k.product_area, p.form.errors.field("article.product_area"));
  ui::field_label("Difficulty");
  choice("##Difficulty", {"Not set", "Beginner", "Intermediate", "Advanced"}, k.difficulty, ui::dp(220));
  ui::field_label("Who reads it");
  choice("##Audience", {"Public: customers, agents and the business", "Internal: agents and the business"}, k.audience, ui::dp(360));
  ui::field_error(p.form.errors.field("article.audience"));
  ImGui::Dummy(ui::dp(0, 8));
  const bool ready = !k.question.empty() && !k.quick_answer.empty() && !p.form.sending;
  ImGui::BeginDisabled(!ready);
  if (ui::primary_button(before ? "Save article" : "Save draft", ImVec2(0, 0))) {
    domain::SaveArticle cmd;
    cmd.article_id = k.editing;
    cmd.content = content_of(k, before);
    cmd.expected_version = before ? before->version : 0;
    cmd.from_tickets = k.from_tickets;
    p.dispatch(SendCommand{FormId::knowledge, cmd});
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::secondary_button("Close editor")) {
    k.editor_open = false;
    k.from_tickets.clear();
  }
  ImGui::PopID();
}

// The status changes the reader may make on an article, as buttons.
void article_actions(const KbPage& p, const Article& a) {
  const bool business = p.reader == KnowledgeReader::business;
  const bool own_draft = a.author == p.me && a.status == ArticleStatus::draft;
  if (business || own_draft) {
    if (ui::secondary_button("Edit")) open_editor(p.k, a.content, a.id);
    ImGui::SameLine();
  }
  if (a.status == ArticleStatus::draft && (business || a.author == p.me)) {
    if (ui::secondary_button("Submit for review")) p.dispatch(SendCommand{FormId::knowledge, domain::SubmitArticle{a.id}});
    ImGui::SameLine();
  }
  if (!business) return;
  if (a.status == ArticleStatus::draft || a.status == ArticleStatus::in_review) {
    if (ui::primary_button("Publish", ImVec2(0, 0))) p.dispatch(SendCommand{FormId::knowledge, domain::PublishArticle{a.id}});
    ImGui::SameLine();
  }
  if (a.status == ArticleStatus::published) {
    if (ui::secondary_button("Mark reviewed")) p.dispatch(SendCommand{FormId::knowledge, domain::ReviewArticle{a.id}});
    ImGui::SameLine();
  }
  if (a.status != ArticleStatus::archived && ui::secondary_button("Archive")) p.dispatch(SendCommand{FormId::knowledge, domain::ArchiveArticle{a.id}});
}

void article_list(const KbPage& p) {
  auto& k = p.k;
  bool edited = false;
  ui::input_text("##Search articles", "Search articles\xE2\x80\xA6", k.query, edited, 0, std::min(ui::dp(420), ImGui::GetContentRegionAvail().x));
  ImGui::Dummy(ui::dp(0, 6));
  std::vector<const Article*> shown;
  if (!k.query.empty()) {
    for (const auto& h : domain::search_articles(p.s.knowledge, k.query, p.reader, p.me, domain::max_search_results))
      shown.push_back(&p.s.knowledge.articles.at(h.id));
  } else {
    for (auto it = p.s.knowledge.articles.rbegin(); it != p.s.knowledge.articles.rend() && shown.size() < 200; ++it)
      if (domain::article_visible(it->second, p.reader, p.me)) shown.push_back(&it->second);
  }
  if (shown.empty()) {
    ui::empty_state(k.query.empty() ? "No articles yet" : "No article matches", k.query.empty() ? "Articles appear here once published." : "Try other words.");
    return;
  }
  for (const auto* a : shown) {
    ImGui::PushID(static_cast<int>(a->id));
    const bool open = k.open_article == a->id;
    if (ui::link((a->content.question + "###Article " + std::to_string(a->id)).c_str())) k.open_article = open ? 0 : a->id;
    if (p.reader != KnowledgeReader::customer) {
      ImGui::SameLine();
      ui::pill(domain::label_of(a->status), status_tone(a->status));
      if (a->content.audience == domain::ArticleAudience::internal) {
        ImGui::SameLine();
        ui::pill("Internal", ui::tone::violet);
      }
    }
    if (open) {
      ImGui::Indent(ui::dp(14));
      desk_views::article_body(p.s, *a);
      ImGui::Dummy(ui::dp(0, 4));
      if (p.reader != KnowledgeReader::customer) article_actions(p, *a);
      ImGui::Unindent(ui::dp(14));
      ImGui::Dummy(ui::dp(0, 6));
    }
    ImGui::PopID();
  }
}

// The hygiene list of the replica, computed again when the program changes (or a minute passed:
// "not reviewed in N days" moves with the clock), not on every frame.
const domain::KnowledgeHygiene& hygiene_of(const domain::ProgramState& s, std::int64_t now) {
  static domain::KnowledgeHygiene cached;
  static domain::ProgramId program = 0;
  static domain::Sequence version = -1;
  static std::int64_t at = 0;
  if (program != s.id || version != s.version || now - at > 60'000) {
    cached = domain::knowledge_hygiene(s, now);
    program = s.id;
    version = s.version;
    at = now;
  }
  return cached;
}

void hygiene(const KbPage& p, std::int64_t now) {
  auto& k = p.k;
  const auto& h = hygiene_of(p.s, now);
  const auto rate = domain::desk_rules::automation_rate(p.s);
  ui::heading("This week's hygiene", 18);
  ui::caption(std::to_string(h.findings()) + " findings. Self-serve deflection " + percent_text(domain::deflection_permille(h.deflection)) + " (" +
              std::to_string(h.deflection.left) + " of " + std::to_string(h.deflection.left + h.deflection.submitted) +
              " customers who read a suggested article did not submit). Automation " + percent_text(rate.permille()) + " (" +
              std::to_string(rate.answered_automatically) + " of " + std::to_string(rate.tickets) + " tickets answered automatically, " +
              std::to_string(rate.solved_automatically) + " confirmed solved by the customer).");
  // The server's weekly reviews (the scheduler, Monday 00:00 UTC): the findings each week began with.
  const auto& weeks = p.s.knowledge.hygiene_weeks;
  if (weeks.empty()) {
    ui::caption("The server reviews the knowledge base every Monday; the first review is still to come.");
  } else {
    const auto& last = weeks.back();
    std::string text = "Weekly review of " + core::format_date(core::date_of_ms(last.week_start)) + ": " + std::to_string(last.counts.total()) +
                       " findings then, " + std::to_string(h.findings()) + " now.";
    if (weeks.size() > 1) {
      text += " Earlier weeks:";
      for (auto it = weeks.rbegin() + 1; it != weeks.rend() && it - weeks.rbegin() <= 4; ++it)
        text += " " + core::format_date(core::date_of_ms(it->week_start)) + " " + std::to_string(it->counts.total()) + ",";
      text.back() = '.';
    }
    ui::caption(text);
  }
  ImGui::Dummy(ui::dp(0, 8));

  ui::heading("Questions asked 3 or more times without an article", 15);
  if (h.unanswered.empty()) ui::caption("None: every repeated question has an article.");
  for (std::size_t i = 0; i < h.unanswered.size(); ++i) {
    const auto& c = h.unanswered[i];
    ImGui::PushID(static_cast<int>(i));
    ui::text_wrapped("\xE2\x80\x9C" + c.subject + "\xE2\x80\x9D  " + category_label(c.category) + ", " + std::to_string(c.tickets.size()) + " tickets");
    if (ui::secondary_button("Write an article from these tickets")) {
      open_editor(k, domain::draft_from_tickets(p.s, c.tickets), 0);
      k.from_tickets = c.tickets;
    }
    ImGui::PopID();
  }
  ImGui::Dummy(ui::dp(0, 8));
  ui::heading("Not reviewed in " + std::to_string(h.review_after_days) + " days", 15);
  if (h.not_reviewed.empty()) ui::caption("None.");
  for (const auto& a : h.not_reviewed) {
    ImGui::PushID(static_cast<int>(a.id));
    ui::text_wrapped(a.question + "  (last reviewed " + std::to_string(a.days) + " days ago)");
    if (ui::secondary_button("Mark reviewed")) p.dispatch(SendCommand{FormId::knowledge, domain::ReviewArticle{a.id}});
    ImGui::PopID();
  }
  ImGui::Dummy(ui::dp(0, 8));
  ui::heading("Searches with no result", 15);
  if (h.missed_searches.empty()) ui::caption("None.");
  for (std::size_t i = 0; i < h.missed_searches.size(); ++i) {
    const auto& m = h.missed_searches[i];
    ImGui::PushID(static_cast<int>(1000 + i));
    ui::text_wrapped("\xE2\x80\x9C" + m.query + "\xE2\x80\x9D  searched " + std::to_string(m.times) + (m.times == 1 ? " time" : " times"));
    ImGui::PopID();
  }
  ImGui::Dummy(ui::dp(0, 8));
  ui::heading("Likely duplicates", 15);
  if (h.duplicates.empty()) ui::caption("None.");
  for (const auto& d : h.duplicates)
    ui::text_wrapped("\xE2\x80\x9C" + d.first_question + "\xE2\x80\x9D and \xE2\x80\x9C" + d.second_question + "\xE2\x80\x9D (" +
                     std::to_string(d.similarity_percent) + "% the same words)");
  ImGui::Dummy(ui::dp(0, 8));
  ui::heading("Without product area or difficulty", 15);
  if (h.untagged.empty()) ui::caption("None.");
  for (const auto& u : h.untagged) {
    ImGui::PushID(static_cast<int>(2000 + u.id));
    ui::text_wrapped(u.question + "  (" + (u.no_product_area && u.no_difficulty ? "no product area, no difficulty" : u.no_product_area ? "no product area" : "no difficulty") +
                     ")");
    if (const auto* a = p.s.knowledge.article(u.id); a && ui::secondary_button("Edit tags")) open_editor(k, a->content, a->id);
    ImGui::PopID();
  }
}

} // namespace

void draw_knowledge(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto me = my_id(app);
    const auto reader = domain::desk_rules::reader_of(s, me);
    auto& k = ui_state.knowledge;
    if (k.program_id != s.id) {
      k = KnowledgeForm{};
      k.program_id = s.id;
    }
    const KbPage p{s, me, reader, k, dispatch, ui_state.form(FormId::knowledge)};
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(860));
    ui::begin_column("knowledge-page", avail);
    if (reader == KnowledgeReader::customer)
      page_title("Help articles", "Answers to common questions. Still stuck? Open a ticket and we will help.");
    else
      page_title("Knowledge base", reader == KnowledgeReader::business ? "Articles for customers and for your team; drafts, review and the weekly hygiene."
                                                                       : "Published articles to answer with, and your own drafts.");
    if (reader == KnowledgeReader::business) {
      if (k.tab == 0 ? ui::primary_button("Articles###kb-tab-articles", ImVec2(0, 0)) : ui::secondary_button("Articles###kb-tab-articles")) k.tab = 0;
      ImGui::SameLine();
      if (k.tab == 1 ? ui::primary_button("Hygiene###kb-tab-hygiene", ImVec2(0, 0)) : ui::secondary_button("Hygiene###kb-tab-hygiene")) k.tab = 1;
      ImGui::Dummy(ui::dp(0, 8));
    }
    if (k.tab == 1 && reader == KnowledgeReader::business) {
      hygiene(p, clock_ms());
    } else {
      if (reader == KnowledgeReader::business || reader == KnowledgeReader::agent) {
        if (!k.editor_open && ui::secondary_button("New article")) open_editor(k, domain::ArticleContent{}, 0);
        if (!k.notice.empty()) ui::caption(k.notice);
        if (k.editor_open) {
          ImGui::Dummy(ui::dp(0, 6));
          editor(p);
          ImGui::Dummy(ui::dp(0, 12));
        }
      }
      article_list(p);
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
