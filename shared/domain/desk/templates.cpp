#include "shared/domain/desk/templates.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/support/sla.hpp"

#include <algorithm>
#include <cctype>

namespace pd::domain::desk {

using core::invalid;
using core::missing;

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool same_words(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

bool has_space(std::string_view s) { return s.find(' ') != std::string_view::npos; }

const char* sign_off = "[Sign-off]";

ResponseTemplate seed_template(TemplateId id, const char* key, const char* name, const char* category, std::string text) {
  return ResponseTemplate{id, key, name, category, std::move(text)};
}

} // namespace

const ResponseTemplate* ResponseLibrary::find(TemplateId id) const {
  for (const auto& t : templates)
    if (t.id == id) return &t;
  return nullptr;
}

ResponseLibrary default_library() {
  ResponseLibrary lib;
  const std::string end = std::string("\n\n") + sign_off;
  lib.templates.push_back(seed_template(
      1, "bug-report", "First response: bug report", "bug",
      "Hi [Name],\n\nThanks for reporting this \xE2\x80\x94 I can see exactly what you mean about [specific issue].\n\n"
      "I've reproduced this on my end [OR: I'm looking into this now] and here's what I've found so far:\n\n[Finding or status update]\n\n"
      "Next steps:\n1. [What you're doing]\n2. [What they should expect]\n3. [Timeline for update]\n\n"
      "While I'm working on this \xE2\x80\x94 [proactive tip related to their use case]." +
          end));
  lib.templates.push_back(seed_template(
      2, "how-to", "First response: how-to question", "how-to",
      "Hi [Name],\n\nGreat question! Here's how to [do the thing]:\n\n1. [Step one \xE2\x80\x94 be specific]\n2. [Step two]\n3. [Step three]\n\n"
      "Quick tip: [Related shortcut or feature they might not know about]\n\n"
      "If that doesn't match what you're trying to do, let me know more about your workflow and I'll find the right path." +
          end));
  lib.templates.push_back(seed_template(
      3, "feature-request", "Saying no: feature request", "feature-request",
      "Hi [Name],\n\nI appreciate you suggesting this \xE2\x80\x94 [restate the idea to show understanding].\n\n"
      "This isn't something we offer today, but I want to make sure your underlying need is met. A few alternatives:\n"
      "- [Workaround 1]\n- [Workaround 2]\n- [Integration that might help]\n\n"
      "I've logged this as a feature request with the product team. When similar requests hit critical mass, they get prioritized \xE2\x80\x94 "
      "so your voice counts here." +
          end));
  lib.templates.push_back(seed_template(
      4, "billing", "Billing issue or refund request", "billing",
      "Hi [Name],\n\nI've looked into your account and here's what I see:\n\n[Specific billing details \xE2\x80\x94 amount, date, plan]\n\n"
      "[Resolution: refund processed / credit applied / explanation of charge]\n\n"
      "To prevent this going forward: [proactive step \xE2\x80\x94 e.g., updated billing settings, notification preferences]\n\n"
      "You should see [the refund or credit] reflected within [how many days]. If anything looks off, reply here and I'll sort it immediately." +
          end));
  lib.templates.push_back(seed_template(
      5, "angry-customer", "Angry customer: de-escalation", "",
      "Hi [Name],\n\nI hear you, and I'd be frustrated too if [restate their experience]. This isn't the experience you should be having.\n\n"
      "Here's what I'm doing right now:\n1. [Immediate action]\n2. [Follow-up action]\n3. [Prevention measure]\n\n"
      "[If applicable: compensation \xE2\x80\x94 credit, extended trial, upgrade]\n\n"
      "I'm personally tracking this to make sure it's fully resolved. I'll update you by [SLA time]." +
          end));
  lib.templates.push_back(seed_template(
      6, "at-risk", "Proactive outreach: at-risk customer", "churn-risk",
      "Hi [Name],\n\nI noticed [specific signal \xE2\x80\x94 decreased usage, failed payments, support frustration] and wanted to check in personally.\n\n"
      "How's everything going with [Product]? I want to make sure you're getting full value from your [Plan] plan.\n\n"
      "A few things that might help:\n- [Feature they're not using]\n- [Resource or guide relevant to their use case]\n"
      "- [Offer: call, demo, training session]\n\nNo pressure at all \xE2\x80\x94 just want to make sure we're supporting you well." +
          end));
  lib.next_template_id = 7;
  lib.triggers = {{"Where's my refund?", 4, "Check the payment processor and give the exact date.", false},
                  {"I forgot my password", 0, "Send the reset link with two-factor authentication guidance.", false},
                  {"Is there an outage?", 0, "Check the status page and report known issues.", false},
                  {"How do I cancel?", 6, "Retention workflow first: understand what is driving the decision before offering anything.", true},
                  {"Can I get a discount?", 4, "Check eligibility and offer it if they qualify.", false}};
  return lib;
}

bool is_template_field(std::string_view name) {
  for (const char* f : template_fields)
    if (same_words(name, f)) return true;
  return false;
}

std::vector<Placeholder> placeholders_in(std::string_view text) {
  std::vector<Placeholder> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '[') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && text[j] != ']' && text[j] != '[' && text[j] != '\n' && j - i - 1 <= max_placeholder) ++j;
    if (j < text.size() && text[j] == ']' && j > i + 1 && j - i - 1 <= max_placeholder && !(j + 1 < text.size() && text[j + 1] == '(')) {
      Placeholder p{i, j + 1, std::string(text.substr(i + 1, j - i - 1)), false};
      p.field = is_template_field(p.name);
      out.push_back(std::move(p));
      i = j + 1;
    } else {
      i = j;
    }
  }
  return out;
}

std::optional<core::Error> check_template(const ResponseTemplate& t, const std::string& at) {
  if (t.name.empty()) return missing("Give the template a name.", at + ".name");
  if (t.name.size() > max_template_name)
    return invalid("'" + at + ".name' must be at most " + std::to_string(max_template_name) + " characters.", at + ".name");
  if (t.text.empty()) return missing("Write the template's text.", at + ".text");
  if (t.text.size() > max_template_text)
    return invalid("'" + at + ".text' must be at most " + std::to_string(max_template_text) + " characters.", at + ".text");
  if (!t.category.empty()) {
    bool known = false;
    for (Category c : all_categories) known = known || t.category == to_string(c);
    if (!known) return invalid("'" + at + ".category' must be a category tag such as how-to or billing.", at + ".category");
  }
  const auto found = placeholders_in(t.text);
  if (found.size() > max_placeholders)
    return invalid("A template may hold at most " + std::to_string(max_placeholders) + " placeholders.", at + ".text");
  if (const auto unknown = unknown_placeholders(t.text); !unknown.empty()) {
    std::string fields;
    for (const char* f : template_fields) fields += std::string(fields.empty() ? "" : ", ") + "[" + f + "]";
    return invalid(unknown.front() + " is not a field the desk fills in. Use one of " + fields +
                       ", or describe in words what the agent should write.",
                   at + ".text");
  }
  return std::nullopt;
}

std::vector<std::string> unknown_placeholders(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : placeholders_in(text)) {
    if (p.field || has_space(p.name)) continue;
    std::string spelled = "[" + p.name + "]";
    if (std::find(out.begin(), out.end(), spelled) == out.end()) out.push_back(std::move(spelled));
  }
  return out;
}

std::string TemplateValues::value_of(std::string_view field) const {
  for (const auto& [name, value] : values)
    if (same_words(name, field)) return value;
  return {};
}

TemplateValues template_values(const ProgramState& s, const Ticket& t, PersonId agent) {
  TemplateValues v;
  const Customer* c = s.customer(t.customer_id);
  const std::string full = c ? c->profile.name : std::string();
  const std::string first = full.substr(0, full.find(' '));
  const Member* m = s.member(agent);
  const std::string agent_name = m ? m->name : std::string();
  const auto next = sla::next_deadline(t);
  v.values = {{"Name", first},
              {"Customer name", full},
              {"Customer email", c ? c->profile.email : std::string()},
              {"Plan", c ? c->profile.segment : std::string()},
              {"Agent name", agent_name},
              {"Sign-off", agent_name.empty() ? std::string() : "Best regards,\n" + agent_name + (s.name.empty() ? "" : "\n" + s.name + " support")},
              {"Program", s.name},
              {"Product", s.name},
              {"Ticket", "#" + std::to_string(t.id)},
              {"Subject", t.subject},
              {"Priority", label_of(t.priority)},
              {"Category", to_string(t.category)},
              {"Product area", t.triage.product_area},
              {"Summary", t.triage.summary},
              {"SLA time", next.at > 0 && next.at < sla::no_deadline ? core::format_utc_minute(next.at) : std::string()},
              {"Resolution time", t.sla.resolution_due > 0 ? core::format_utc_minute(t.sla.resolution_due) : std::string()}};
  return v;
}

std::string fill_template(std::string_view text, const TemplateValues& values) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (const auto& p : placeholders_in(text)) {
    if (!p.field) continue;
    const auto value = values.value_of(p.name);
    if (value.empty()) continue;
    out.append(text.substr(from, p.begin - from));
    out += value;
    from = p.end;
  }
  out.append(text.substr(from));
  return out;
}

std::vector<std::string> unfilled_placeholders(const ProgramState& s, const Ticket& t, PersonId agent, TemplateId id, std::string_view reply) {
  std::vector<std::string> out;
  const ResponseTemplate* tpl = s.responses.find(id);
  if (!tpl) return out;
  const auto filled = fill_template(tpl->text, template_values(s, t, agent));
  for (const auto& p : placeholders_in(filled)) {
    const std::string spelled = "[" + p.name + "]";
    if (reply.find(spelled) != std::string_view::npos && std::find(out.begin(), out.end(), spelled) == out.end()) out.push_back(spelled);
  }
  return out;
}

std::optional<core::Error> check_template_reply(const ProgramState& s, const Ticket& t, PersonId agent, TemplateId id, std::string_view reply) {
  if (id == 0) return std::nullopt;
  if (!s.responses.find(id)) return core::not_found("That template no longer exists.", "data.template_id");
  const auto left = unfilled_placeholders(s, t, agent, id, reply);
  if (left.empty()) return std::nullopt;
  std::string list;
  for (const auto& p : left) list += (list.empty() ? "" : ", ") + p;
  return invalid("Fill in or remove " + list + " before sending.", "data.text");
}

std::vector<const ResponseTemplate*> search_templates(const ResponseLibrary& lib, std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += lower(c);
    }
  }
  if (!word.empty()) words.push_back(word);
  std::vector<const ResponseTemplate*> out;
  for (const auto& t : lib.templates) {
    const std::string hay = lowered(t.name) + "\n" + t.category + "\n" + lowered(t.text);
    bool all = true;
    for (const auto& w : words) all = all && hay.find(w) != std::string::npos;
    if (all) out.push_back(&t);
  }
  return out;
}

std::string normalize_phrase(std::string_view text) {
  std::string out;
  bool space = true; // no leading space
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\'' || c == '`') continue; // where's -> wheres
    if (std::isalnum(u) || u >= 0x80) {
      out += lower(c);
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<const CannedTrigger*> matching_triggers(const ResponseLibrary& lib, std::string_view message) {
  std::vector<const CannedTrigger*> out;
  const std::string hay = " " + normalize_phrase(message) + " ";
  for (const auto& t : lib.triggers) {
    const std::string needle = normalize_phrase(t.phrase);
    if (!needle.empty() && hay.find(" " + needle + " ") != std::string::npos) out.push_back(&t);
  }
  return out;
}

std::optional<core::Error> check_triggers(const ResponseLibrary& lib, const std::vector<CannedTrigger>& triggers, const std::string& at) {
  if (triggers.size() > max_triggers) return invalid("At most " + std::to_string(max_triggers) + " triggers.", at);
  for (std::size_t i = 0; i < triggers.size(); ++i) {
    const auto& t = triggers[i];
    const std::string here = at + "[" + std::to_string(i) + "]";
    const auto norm = normalize_phrase(t.phrase);
    if (norm.empty()) return missing("Write the phrase customers use.", here + ".phrase");
    if (t.phrase.size() > max_trigger_phrase)
      return invalid("'" + here + ".phrase' must be at most " + std::to_string(max_trigger_phrase) + " characters.", here + ".phrase");
    for (std::size_t k = 0; k < i; ++k)
      if (normalize_phrase(triggers[k].phrase) == norm) return invalid("\"" + t.phrase + "\" is already a trigger.", here + ".phrase");
    if (t.template_id != 0 && !lib.find(t.template_id)) return core::not_found("No template has that id.", here + ".template_id");
    if (t.hint.size() > max_trigger_hint)
      return invalid("'" + here + ".hint' must be at most " + std::to_string(max_trigger_hint) + " characters.", here + ".hint");
    if (t.template_id == 0 && t.hint.empty() && !t.starts_retention)
      return missing("Choose the template it suggests, or say what the agent should do.", here + ".template_id");
  }
  return std::nullopt;
}

QualityAverage quality_average(const ProgramState& s, PersonId agent) {
  QualityAverage q;
  for (const auto& [id, t] : s.tickets) {
    if (t.agent_id != agent || !t.business_rating || !t.business_rating->checklist) continue;
    ++q.rated;
    for (int v : *t.business_rating->checklist) q.total += v;
  }
  return q;
}

std::optional<core::Error> check_product_areas(const std::vector<std::string>& areas, const std::string& at) {
  if (areas.size() > max_product_areas) return invalid("At most " + std::to_string(max_product_areas) + " product areas.", at);
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const std::string here = at + "[" + std::to_string(i) + "]";
    if (areas[i].empty()) return missing("Name the product area.", here);
    if (areas[i].size() > max_product_area)
      return invalid("'" + here + "' must be at most " + std::to_string(max_product_area) + " characters.", here);
    for (std::size_t k = 0; k < i; ++k)
      if (same_words(areas[k], areas[i])) return invalid("\"" + areas[i] + "\" is already in the list.", here);
  }
  return std::nullopt;
}

} // namespace pd::domain::desk
