#include "shared/domain/support/support_metrics.hpp"

#include "shared/domain/retention/churn.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/json_fields.hpp"
#include "shared/core/number_format.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/knowledge.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/satisfaction.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>

namespace pd::domain {

namespace {

// 1970-01-01 was a Thursday: the week holding it began on Monday 1969-12-29, three days before.
constexpr std::int64_t epoch_weekday_offset = 3;

std::int64_t week_floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// Adds (or takes out) the parts of the ticket's contribution that happened in week w.
void metric_add_totals(MetricTotals& t, const MetricFacts& f, int sign, bool bulk, std::int32_t w) {
  const bool opened_here = f.opened_week == w, response_here = f.response_week == w, sla_here = f.sla_week == w,
             first_resolved_here = f.first_resolved_week == w, resolved_here = f.resolved_week == w, csat_here = f.csat_week == w;
  if (opened_here) {
    t.opened += sign;
    t.by_priority[static_cast<unsigned char>(f.priority)] += sign; // 0-3
    t.by_category[static_cast<unsigned char>(f.category)] += sign; // 0-9
    t.escalated += f.escalated ? sign : 0;
    t.automated += f.automated ? sign : 0;
    t.positive += sign * f.positive;
    t.negative += sign * f.negative;
    if (bulk) t.customers.emplace_back(f.customer, sign);
    else count_list_add(t.customers, f.customer, sign);
  }
  if (response_here) {
    t.responses += sign;
    t.response_ms += sign * f.response_ms;
    const auto minutes = static_cast<std::int32_t>(f.response_ms / 60'000);
    if (bulk) t.response_minutes.emplace_back(minutes, sign);
    else count_list_add(t.response_minutes, minutes, sign);
  }
  if (sla_here) {
    t.sla_total += sign;
    t.sla_in_time += f.sla_in_time ? sign : 0;
  }
  if (first_resolved_here) {
    t.first_resolved += sign;
    t.reopened += f.reopened ? sign : 0;
    t.first_contact += f.first_contact ? sign : 0;
  }
  if (resolved_here) {
    t.resolved += sign;
    t.resolution_ms += sign * f.resolution_ms;
  }
  if (csat_here) {
    t.csat_count += sign;
    t.csat_sum += sign * f.csat;
  }
}

// Each week the ticket touches, once, with the parts that happened in it: for the program, the
// handling agent and the customer's segment.
void metric_count_weeks(SupportAggregates& a, const MetricFacts& f, int sign) {
  std::int32_t weeks[6] = {f.opened_week, f.response_week, f.sla_week, f.first_resolved_week, f.resolved_week, f.csat_week};
  std::sort(std::begin(weeks), std::end(weeks));
  std::pair<std::string, std::int32_t> segment_key{f.segment, 0};
  for (std::size_t i = 0; i < 6; ++i) {
    const auto w = weeks[i];
    if (w < 0 || (i > 0 && weeks[i - 1] == w)) continue;
    auto add = [&](auto& map, const auto& key) {
      auto at = map.try_emplace(key).first;
      metric_add_totals(at->second, f, sign, a.bulk, w);
      if (!a.bulk && at->second == MetricTotals{}) map.erase(at);
    };
    add(a.weeks, w);
    add(a.agent_weeks, std::make_pair(f.agent, w));
    segment_key.second = w;
    add(a.segment_weeks, segment_key);
  }
}

bool metric_from_desk(const TicketMessage& m) {
  return m.kind == MessageKind::reply && m.author != 0 && m.automatic.empty() && m.author_role != identity::Role::customer;
}

// ASCII letters in lower case (the "C" locale's tolower, without its call per byte).
char metric_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool metric_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string metric_lowered(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = metric_lower(c);
  return out;
}

// The list's entry that the word matches (null when none). `word` is the word in lower case,
// or its first bytes when it is longer (`size` is its whole length): no entry is that long.
const std::string* mention_entry(std::string_view word, std::size_t size, const std::vector<std::string>& list) {
  if (word.empty()) return nullptr;
  for (const auto& entry : list) {
    if (entry.empty() || entry.front() != word.front()) continue; // most entries differ at once
    if (entry.back() == '*') {
      const std::string_view stem(entry.data(), entry.size() - 1);
      if (word.size() >= stem.size() && word.substr(0, stem.size()) == stem) return &entry;
    } else if (size == entry.size() && word == entry) {
      return &entry;
    }
  }
  return nullptr;
}

// How many bytes at `i` separate words (0: a word's byte). Letters, digits and apostrophes
// make words, and so does every multi-byte UTF-8 letter ("enttäuscht"); the Latin-1 signs
// (U+0080-U+00BF: no-break space, "¡", "¿", "«") and the general punctuation block
// (U+2000-U+206F: dashes, curly quotes, "…") separate them.
std::size_t mention_separator(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return metric_alnum(c) || c == '\'' ? 0 : 1;
  if (c == 0xC2 && i + 1 < text.size()) return 2;
  if (c == 0xE2 && i + 2 < text.size() && (static_cast<unsigned char>(text[i + 1]) == 0x80 || static_cast<unsigned char>(text[i + 1]) == 0x81))
    return 3;
  return 0;
}

bool mention_word_ok(std::string_view w) {
  if (w.empty() || w.size() > max_mention_word || w == "*") return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '*' && i + 1 == w.size()) continue;
    if (mention_separator(w, i) != 0) return false;
  }
  return core::is_clean_utf8(w);
}

double metric_pct(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

// Adds the week's sums to `into`, all but the customers (counted apart, see ScopeWeeks).
void metric_sum_into(MetricTotals& into, const MetricTotals& t) {
  into.opened += t.opened;
  for (std::size_t i = 0; i < 4; ++i) into.by_priority[i] += t.by_priority[i];
  for (std::size_t i = 0; i < 10; ++i) into.by_category[i] += t.by_category[i];
  into.escalated += t.escalated;
  into.automated += t.automated;
  into.positive += t.positive;
  into.negative += t.negative;
  into.responses += t.responses;
  into.response_ms += t.response_ms;
  into.response_minutes.insert(into.response_minutes.end(), t.response_minutes.begin(), t.response_minutes.end()); // settled by the reader
  into.sla_total += t.sla_total;
  into.sla_in_time += t.sla_in_time;
  into.first_resolved += t.first_resolved;
  into.reopened += t.reopened;
  into.first_contact += t.first_contact;
  into.resolved += t.resolved;
  into.resolution_ms += t.resolution_ms;
  into.csat_count += t.csat_count;
  into.csat_sum += t.csat_sum;
  into.promoters += t.promoters;
  into.passives += t.passives;
  into.detractors += t.detractors;
}

// The agents whose tickets a scope covers (program and segment: every agent, nullopt).
std::optional<std::vector<PersonId>> scope_agents(const ProgramState& s, const MetricScope& scope) {
  if (scope.kind == MetricScopeKind::agent) return std::vector<PersonId>{scope.agent};
  if (scope.kind == MetricScopeKind::team) {
    auto team = s.routing.team(scope.key);
    return team ? team->members : std::vector<PersonId>{};
  }
  return std::nullopt;
}

// What a period of a scope sums: the weeks' totals (without their customers), the agents who
// resolved or answered a ticket, and the weekly customer lists (counted once at the end, so
// no list is copied).
struct ScopeWeeks {
  MetricTotals totals;
  std::set<PersonId> agents;
  std::vector<const CountList<std::int64_t>*> customers;
  int distinct_customers() const {
    if (customers.size() == 1) return static_cast<int>(customers[0]->size());
    std::vector<std::int64_t> all;
    for (const auto* list : customers)
      for (const auto& [c, n] : *list) all.push_back(c);
    std::sort(all.begin(), all.end());
    return static_cast<int>(std::unique(all.begin(), all.end()) - all.begin());
  }
};

void scope_add_week(const ProgramState& s, const MetricScope& scope, std::int32_t week, ScopeWeeks& out) {
  const auto& a = s.metrics;
  auto take = [&out](const MetricTotals& t) {
    metric_sum_into(out.totals, t);
    if (!t.customers.empty()) out.customers.push_back(&t.customers);
  };
  if (scope.kind == MetricScopeKind::segment) {
    if (auto it = a.segment_weeks.find({scope.key, week}); it != a.segment_weeks.end()) take(it->second);
    return;
  }
  auto list = scope_agents(s, scope);
  if (!list) {
    if (auto it = a.weeks.find(week); it != a.weeks.end()) take(it->second);
    for (auto it = a.agent_weeks.begin(); it != a.agent_weeks.end(); ++it)
      if (it->first.second == week && it->first.first != 0 && (it->second.resolved > 0 || it->second.responses > 0))
        out.agents.insert(it->first.first);
    return;
  }
  for (auto agent : *list) {
    auto it = a.agent_weeks.find({agent, week});
    if (it == a.agent_weeks.end()) continue;
    take(it->second);
    if (it->second.resolved > 0 || it->second.responses > 0) out.agents.insert(agent);
  }
}

// Tickets opened minus tickets resolved or closed, over every week up to `to_week`: the backlog
// at that week's end.
int scope_backlog_until(const ProgramState& s, const MetricScope& scope, std::int32_t to_week) {
  std::int64_t n = 0;
  auto add = [&](const MetricTotals& t) { n += t.opened - t.resolved; };
  const auto& a = s.metrics;
  if (scope.kind == MetricScopeKind::segment) {
    for (auto it = a.segment_weeks.lower_bound({scope.key, INT32_MIN}); it != a.segment_weeks.end() && it->first.first == scope.key; ++it)
      if (it->first.second <= to_week) add(it->second);
  } else if (auto list = scope_agents(s, scope)) {
    for (auto agent : *list)
      for (auto it = a.agent_weeks.lower_bound({agent, INT32_MIN}); it != a.agent_weeks.end() && it->first.first == agent; ++it)
        if (it->first.second <= to_week) add(it->second);
  } else {
    for (const auto& [w, t] : a.weeks)
      if (w <= to_week) add(t);
  }
  return static_cast<int>(n);
}

bool ticket_in_scope(const ProgramState& s, const MetricScope& scope, const Ticket& t, const std::optional<std::vector<PersonId>>& agents) {
  if (scope.kind == MetricScopeKind::segment) {
    auto c = s.customer(t.customer_id);
    return c && c->profile.segment == scope.key;
  }
  return !agents || std::find(agents->begin(), agents->end(), t.agent_id) != agents->end();
}

nlohmann::json metric_opt(const std::optional<double>& v) {
  if (!v) return nullptr;
  return std::round(*v * 100.0) / 100.0; // two decimals
}
nlohmann::json metric_opt(const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string metric_cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return core::decimal_text(v.get<double>(), 2);
}

} // namespace

std::int32_t week_of(TimeMs at) {
  return static_cast<std::int32_t>(week_floor_div(week_floor_div(at, core::ms_per_day) + epoch_weekday_offset, 7));
}
TimeMs week_start_ms(std::int32_t week) { return (std::int64_t{week} * 7 - epoch_weekday_offset) * core::ms_per_day; }
std::optional<std::int32_t> week_of_date(std::string_view yyyy_mm_dd) {
  auto d = core::parse_date(yyyy_mm_dd);
  if (!d) return std::nullopt;
  return week_of(core::days_from_civil(*d) * core::ms_per_day);
}
std::string week_label(std::int32_t week) { return core::format_date(core::date_of_ms(week_start_ms(week))); }

void SupportAggregates::count(const MetricFacts& f, int sign) {
  if (!f.counted) return;
  metric_count_weeks(*this, f, sign);
}

void SupportAggregates::end_bulk() {
  bulk = false;
  auto settle = [](auto& map) {
    for (auto& [key, t] : map) {
      count_list_settle(t.customers);
      count_list_settle(t.response_minutes);
    }
    std::erase_if(map, [](const auto& entry) { return entry.second == MetricTotals{}; });
  };
  settle(weeks);
  settle(agent_weeks);
  settle(segment_weeks);
}

void SupportAggregates::count_nps(std::int64_t at, std::int64_t agent, const std::string& segment, int score, int sign) {
  if (score < 0) return; // "Not now"
  const auto w = week_of(at);
  auto add = [&](MetricTotals& t) {
    const auto group = nps_group(score);
    (group == NpsGroup::promoter ? t.promoters : group == NpsGroup::passive ? t.passives : t.detractors) += sign;
  };
  auto in = [&](auto& map, const auto& key) {
    add(map[key]);
    if (map[key] == MetricTotals{}) map.erase(key);
  };
  in(weeks, w);
  in(agent_weeks, std::make_pair(agent, w));
  in(segment_weeks, std::make_pair(segment, w));
}

std::vector<MentionList> default_mention_lists() {
  return {{"en",
           {"thank*", "great", "excellent", "awesome", "helpful", "perfect", "love", "appreciate*", "fantastic", "amazing", "brilliant",
            "quick*", "wonderful", "solved"},
           {"frustrat*", "angry", "terrible", "awful", "useless", "disappoint*", "unacceptable", "worst", "broken", "annoy*", "ridiculous",
            "horrible", "waste", "cancel*"}},
          {"de",
           {"danke*", "super", "toll", "hervorragend", "hilfreich", "perfekt", "prima", "schnell*", "gel\xC3\xB6st"},
           {"entt\xC3\xA4uscht*", "\xC3\xA4rger*", "schrecklich", "nutzlos", "inakzeptabel", "kaputt", "frustrier*", "katastroph*",
            "k\xC3\xBCndig*"}},
          {"es",
           {"gracias", "excelente", "genial", "perfecto", "\xC3\xBAtil", "r\xC3\xA1pid*", "encant*", "fant\xC3\xA1stic*"},
           {"frustra*", "terrible", "horrible", "inaceptable", "p\xC3\xA9sim*", "decepcion*", "in\xC3\xBAtil", "cancelar"}},
          {"fr",
           {"merci", "excellent*", "g\xC3\xA9nial*", "parfait*", "rapide*", "formidable", "utile"},
           {"d\xC3\xA9\xC3\xA7u*", "inacceptable", "horrible", "nul", "inutile", "frustr*", "lamentable", "r\xC3\xA9sili*"}}};
}

MentionWords mention_words_of(const std::vector<MentionList>& lists) {
  MentionWords w;
  std::set<std::string> pos, neg;
  for (const auto& l : lists) {
    for (const auto& x : l.positive)
      if (pos.insert(x).second) w.positive.push_back(x);
    for (const auto& x : l.negative)
      if (neg.insert(x).second) w.negative.push_back(x);
  }
  return w;
}

MentionMatch mention_match(std::string_view text, const MentionWords& words) {
  // Words are found in the text as written (separators do not change with case) and each is
  // put in lower case on its own, at most its first 64 bytes (an entry is at most 40).
  static_assert(max_mention_word < 64);
  char lower[64];
  MentionMatch m;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size()) {
      const auto skip = mention_separator(text, i);
      if (skip == 0) break;
      i += skip;
    }
    const auto start = i;
    while (i < text.size() && mention_separator(text, i) == 0) ++i;
    if (i == start) continue;
    const auto kept = std::min<std::size_t>(i - start, sizeof lower);
    for (std::size_t k = 0; k < kept; ++k) lower[k] = metric_lower(text[start + k]);
    const std::string_view word(lower, kept);
    if (m.positive_word.empty())
      if (const auto* e = mention_entry(word, i - start, words.positive)) m.positive_word = *e;
    if (m.negative_word.empty())
      if (const auto* e = mention_entry(word, i - start, words.negative)) m.negative_word = *e;
  }
  const bool positive = !m.positive_word.empty(), negative = !m.negative_word.empty();
  m.sign = positive == negative ? 0 : (positive ? 1 : -1);
  return m;
}

int mention_of(std::string_view text, const MentionWords& words) { return mention_match(text, words).sign; }

std::optional<core::Error> mention_lists_problem(std::vector<MentionList>& lists, const std::string& at) {
  auto bad = [](const std::string& field, const std::string& why) { return core::Error{core::ErrorCode::invalid_field, "'" + field + "' " + why, field}; };
  if (lists.size() > max_mention_languages) return bad(at, "holds more than " + std::to_string(max_mention_languages) + " languages.");
  std::set<std::string> languages;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    auto& l = lists[i];
    const auto here = at + "[" + std::to_string(i) + "]";
    l.language = metric_lowered(l.language);
    const bool letters = std::all_of(l.language.begin(), l.language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (l.language.size() < 2 || l.language.size() > 8 || !letters) return bad(here + ".language", "must be 2 to 8 letters, such as en or de.");
    if (!languages.insert(l.language).second) return bad(here + ".language", "repeats " + l.language + ".");
    for (auto* side : {&l.positive, &l.negative}) {
      const auto name = here + (side == &l.positive ? ".positive" : ".negative");
      if (side->size() > max_mention_words) return bad(name, "holds more than " + std::to_string(max_mention_words) + " words.");
      std::set<std::string> seen;
      for (std::size_t k = 0; k < side->size(); ++k) {
        auto& w = (*side)[k];
        const auto b = w.find_first_not_of(" \t"), e = w.find_last_not_of(" \t");
        w = b == std::string::npos ? std::string() : metric_lowered(w.substr(b, e - b + 1));
        const auto field = name + "[" + std::to_string(k) + "]";
        if (!mention_word_ok(w))
          return bad(field, "must be one word of 1 to " + std::to_string(max_mention_word) + " bytes, letters, digits or apostrophes, with an optional * at the end.");
        if (!seen.insert(w).second) return bad(field, "repeats " + w + ".");
      }
    }
  }
  return std::nullopt;
}

MetricFacts metric_facts(const ProgramState& s, const Ticket& t) {
  const auto* c = s.customer(t.customer_id);
  return metric_facts(s, t, c ? &c->profile.segment : nullptr);
}

MetricFacts metric_facts(const ProgramState& s, const Ticket& t, const std::string* segment) {
  MetricFacts f;
  // Outreach is the desk's own initiative: not support volume (retention/outreach.hpp). A merged
  // ticket is counted in the ticket it was merged into, which holds its messages.
  f.counted = !t.outreach && t.merged_into == 0;
  if (t.merged_into != 0) {
    f.customer = t.customer_id;
    return f;
  }
  f.opened_week = week_of(t.opened_at);
  f.priority = static_cast<std::int8_t>(t.priority);
  for (std::size_t i = 0; i < all_categories.size(); ++i)
    if (all_categories[i] == t.category) {
      f.category = static_cast<std::int8_t>(i);
      break;
    }
  f.agent = t.agent_id;
  f.customer = t.customer_id;
  if (segment) f.segment = *segment;

  const auto& words = s.mention_words;
  int desk_replies = 0;
  TimeMs first_resolved_at = 0;
  for (const auto& c : t.changes) {
    if (c.kind == TicketChangeKind::escalated) f.escalated = true;
    if (c.kind != TicketChangeKind::status_changed) continue;
    if ((c.status == TicketStatus::resolved || c.status == TicketStatus::closed) && first_resolved_at == 0) first_resolved_at = c.at;
    if (c.status == TicketStatus::reopened && first_resolved_at != 0) f.reopened = true;
  }
  if (t.escalation.source != EscalationSource::none) f.escalated = true;
  f.automated = desk_rules::automatic_answer(t) != nullptr; // the automation rate's rule (acknowledgements answer nothing)
  for (const auto& m : t.messages) {
    // The opening message is the customer's question, also when the business wrote it down.
    if (&m != &t.messages.front() && metric_from_desk(m) && (first_resolved_at == 0 || m.at <= first_resolved_at)) ++desk_replies;
    if (m.kind == MessageKind::reply && m.author_role == identity::Role::customer) {
      const int mention = mention_of(m.text, words);
      f.positive = static_cast<std::int16_t>(f.positive + (mention > 0 ? 1 : 0));
      f.negative = static_cast<std::int16_t>(f.negative + (mention < 0 ? 1 : 0));
      if (mention < 0 && f.negative_at == 0) f.negative_at = m.at;
    }
  }
  if (t.sla.first_responded_at != 0) {
    f.response_week = week_of(t.sla.first_responded_at);
    f.response_ms = std::max<std::int64_t>(0, t.sla.first_responded_at - t.opened_at);
  }
  if (t.sla.first_response_due != 0) {
    if (t.sla.first_responded_at != 0) {
      f.sla_week = f.response_week;
      f.sla_in_time = t.sla.first_responded_at <= t.sla.first_response_due;
    } else if (t.sla.first_response_overdue_at != 0) {
      f.sla_week = week_of(t.sla.first_response_overdue_at);
    }
  }
  if (!is_open(t.status)) {
    const TimeMs at = t.sla.resolved_at ? t.sla.resolved_at : (t.closed_at ? t.closed_at : t.updated_at);
    f.resolved_week = week_of(at);
    f.resolution_ms = std::max<std::int64_t>(0, at - t.opened_at);
    if (first_resolved_at == 0) first_resolved_at = at;
  }
  if (first_resolved_at != 0) {
    f.first_resolved_week = week_of(first_resolved_at);
    f.first_contact = !f.reopened && desk_replies <= 1;
  }
  if (t.customer_rating && t.customer_rating->overall >= 1) {
    f.csat_week = week_of(t.customer_rating->at);
    f.csat = static_cast<std::int8_t>(t.customer_rating->overall);
    const int mention = mention_of(t.customer_rating->comment, words);
    f.positive = static_cast<std::int16_t>(f.positive + (mention > 0 ? 1 : 0));
    f.negative = static_cast<std::int16_t>(f.negative + (mention < 0 ? 1 : 0));
    if ((mention < 0 || f.csat <= 2) && (f.negative_at == 0 || t.customer_rating->at < f.negative_at)) f.negative_at = t.customer_rating->at;
  }
  f.competitor_at = competitor_first_named(s, t);
  return f;
}

TimeMs competitor_first_named(const ProgramState& s, const Ticket& t) {
  const auto& names = s.retention.settings.competitors;
  if (names.empty()) return 0;
  // The opening message is the customer's words, also when the business wrote it down for them
  // (not an outreach's: the desk wrote it).
  for (const auto& m : t.messages)
    if (((&m == &t.messages.front() && !t.outreach) || m.author_role == identity::Role::customer) && m.kind == MessageKind::reply &&
        !competitor_named(m.text, names).empty())
      return m.at;
  return 0;
}

std::optional<MetricScope> parse_metric_scope(std::string_view text) {
  MetricScope scope;
  if (text.empty() || text == "program") return scope;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
  const auto kind = text.substr(0, colon);
  const auto value = text.substr(colon + 1);
  if (value.size() > 200) return std::nullopt;
  if (kind == "agent") {
    PersonId id = 0;
    for (char c : value) {
      if (c < '0' || c > '9' || id > 1'000'000'000'000) return std::nullopt;
      id = id * 10 + (c - '0');
    }
    scope.kind = MetricScopeKind::agent;
    scope.agent = id;
    return scope;
  }
  if (kind == "team" || kind == "segment") {
    scope.kind = kind == "team" ? MetricScopeKind::team : MetricScopeKind::segment;
    scope.key = std::string(value);
    return scope;
  }
  return std::nullopt;
}

std::string to_string(const MetricScope& scope) {
  switch (scope.kind) {
    case MetricScopeKind::agent: return "agent:" + std::to_string(scope.agent);
    case MetricScopeKind::team: return "team:" + scope.key;
    case MetricScopeKind::segment: return "segment:" + scope.key;
    case MetricScopeKind::program: break;
  }
  return "program";
}

std::optional<core::Error> metrics_refusal(const ProgramState& s, PersonId reader, const MetricScope& scope) {
  if (scope.kind == MetricScopeKind::team && !s.routing.team(scope.key))
    return core::Error{core::ErrorCode::not_found, "No such team.", "scope"};
  if (scope.kind == MetricScopeKind::agent && scope.agent != 0 && !s.agents.count(scope.agent))
    return core::Error{core::ErrorCode::not_found, "No such agent.", "scope"};
  if (is_allowed(s, reader, Action::read_support_overview)) return std::nullopt;
  if (scope.kind == MetricScopeKind::agent && scope.agent == reader && s.agents.count(reader)) return std::nullopt;
  return core::Error{core::ErrorCode::forbidden, "Only the business sees these metrics; an agent sees its own.", "scope"};
}

SupportMetrics support_metrics(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, TimeMs now) {
  SupportMetrics m;
  m.from_week = from_week;
  m.to_week = to_week;
  ScopeWeeks sums;
  for (auto w = from_week; w <= to_week; ++w) scope_add_week(s, scope, w, sums);
  count_list_settle(sums.totals.response_minutes);
  const auto& t = sums.totals;
  const auto& agents = sums.agents;

  m.total_tickets = t.opened;
  for (std::size_t i = 0; i < 4; ++i) m.by_priority[i] = t.by_priority[i];
  for (std::size_t i = 0; i < 10; ++i) m.by_category[i] = t.by_category[i];
  m.responses = t.responses;
  if (t.responses > 0) {
    m.avg_first_response_min = static_cast<double>(t.response_ms) / t.responses / 60'000.0;
    const auto rank = (t.responses * 95 + 99) / 100; // nearest rank: ceil(0.95 n)
    int seen = 0;
    for (const auto& [minutes, n] : t.response_minutes) {
      seen += n;
      if (seen >= rank) {
        m.p95_first_response_min = minutes;
        break;
      }
    }
  }
  m.sla_total = t.sla_total;
  if (t.sla_total > 0) m.sla_compliance_pct = metric_pct(t.sla_in_time, t.sla_total);
  m.resolved = t.resolved;
  if (t.resolved > 0) m.avg_resolution_hours = static_cast<double>(t.resolution_ms) / t.resolved / 3'600'000.0;
  m.first_resolved = t.first_resolved;
  if (t.first_resolved > 0) {
    m.first_contact_resolution_pct = metric_pct(t.first_contact, t.first_resolved);
    m.reopen_rate_pct = metric_pct(t.reopened, t.first_resolved);
  }
  m.customers = sums.distinct_customers();
  if (m.customers > 0) m.tickets_per_customer = static_cast<double>(t.opened) / m.customers;
  m.ratings = t.csat_count;
  if (t.csat_count > 0) m.csat_score = static_cast<double>(t.csat_sum) / t.csat_count;
  m.nps_answers = t.promoters + t.passives + t.detractors;
  m.nps_score = nps_score(t.promoters, t.passives, t.detractors);
  m.positive_mentions = t.positive;
  m.negative_mentions = t.negative;
  const auto weeks = to_week - from_week + 1;
  m.agents = scope.kind == MetricScopeKind::agent ? 1 : static_cast<int>(agents.size());
  if (m.agents > 0 && weeks > 0) m.tickets_per_agent_day = static_cast<double>(t.resolved) / (m.agents * 5.0 * weeks);
  if (t.opened > 0) {
    m.automation_rate_pct = metric_pct(t.automated, t.opened);
    m.escalation_rate_pct = metric_pct(t.escalated, t.opened);
  }
  if (scope.kind == MetricScopeKind::program) {
    const auto permille = deflection_permille(s.knowledge.deflection);
    if (permille >= 0) m.self_serve_deflection_pct = permille / 10.0;
  }
  m.backlog_count = scope_backlog_until(s, scope, to_week);
  if (week_of(now) <= to_week) {
    const auto agents_in = scope_agents(s, scope);
    for (const auto& [id, entry] : s.open_tickets) { // oldest first
      auto ticket = s.ticket(id);
      if (!ticket || !ticket_in_scope(s, scope, *ticket, agents_in)) continue;
      m.oldest_open_ticket_hours = static_cast<double>(std::max<TimeMs>(0, now - ticket->opened_at)) / 3'600'000.0;
      break;
    }
  }
  return m;
}

std::vector<SupportMetrics> weekly_series(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week,
                                          TimeMs now) {
  std::vector<SupportMetrics> out;
  for (auto w = from_week; w <= to_week; ++w) out.push_back(support_metrics(s, scope, w, w, now));
  return out;
}

nlohmann::json metrics_json(const SupportMetrics& m) {
  nlohmann::json categories = nlohmann::json::object();
  for (std::size_t i = 0; i < all_categories.size(); ++i)
    if (m.by_category[i] > 0) categories[to_string(all_categories[i])] = m.by_category[i];
  return {{"week_of", week_label(m.from_week)},
          {"to", week_label(m.to_week)},
          {"volume",
           {{"total_tickets", m.total_tickets},
            {"by_priority", {{"P0", m.by_priority[0]}, {"P1", m.by_priority[1]}, {"P2", m.by_priority[2]}, {"P3", m.by_priority[3]}}},
            {"by_category", categories}}},
          {"response_times",
           {{"avg_first_response_min", metric_opt(m.avg_first_response_min)},
            {"p95_first_response_min", metric_opt(m.p95_first_response_min)},
            {"sla_compliance_pct", metric_opt(m.sla_compliance_pct)}}},
          {"resolution",
           {{"avg_resolution_hours", metric_opt(m.avg_resolution_hours)},
            {"first_contact_resolution_pct", metric_opt(m.first_contact_resolution_pct)},
            {"reopen_rate_pct", metric_opt(m.reopen_rate_pct)},
            {"tickets_per_customer", metric_opt(m.tickets_per_customer)}}},
          {"satisfaction",
           {{"csat_score", metric_opt(m.csat_score)},
            {"nps_score", metric_opt(m.nps_score)},
            {"positive_mentions", m.positive_mentions},
            {"negative_mentions", m.negative_mentions}}},
          {"efficiency",
           {{"tickets_per_agent_day", metric_opt(m.tickets_per_agent_day)},
            {"automation_rate_pct", metric_opt(m.automation_rate_pct)},
            {"self_serve_deflection_pct", metric_opt(m.self_serve_deflection_pct)}}},
          {"health",
           {{"backlog_count", m.backlog_count},
            {"oldest_open_ticket_hours", metric_opt(m.oldest_open_ticket_hours)},
            {"escalation_rate_pct", metric_opt(m.escalation_rate_pct)}}},
          {"counts",
           {{"responses", m.responses},
            {"sla_outcomes", m.sla_total},
            {"resolved", m.resolved},
            {"first_resolved", m.first_resolved},
            {"ratings", m.ratings},
            {"nps_answers", m.nps_answers},
            {"customers", m.customers},
            {"agents", m.agents}}}};
}

nlohmann::json metrics_report_json(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, TimeMs now) {
  const auto length = to_week - from_week + 1;
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& w : weekly_series(s, scope, from_week, to_week, now)) weeks.push_back(metrics_json(w));
  return {{"scope", to_string(scope)},
          {"current", metrics_json(support_metrics(s, scope, from_week, to_week, now))},
          {"previous", metrics_json(support_metrics(s, scope, from_week - length, from_week - 1, now))},
          {"weeks", std::move(weeks)}};
}

std::vector<std::vector<std::string>> metrics_csv_rows(const std::vector<SupportMetrics>& weeks) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"week_of"};
  for (const auto& w : weeks) {
    const auto block = metrics_json(w);
    std::vector<std::string> row{block["week_of"].get<std::string>()};
    for (const char* section : {"volume", "response_times", "resolution", "satisfaction", "efficiency", "health"}) {
      for (const auto& [key, value] : block[section].items()) {
        if (key == "by_priority" || key == "by_category") continue;
        if (rows.empty()) header.push_back(key);
        row.push_back(metric_cell(value));
      }
      if (std::string_view(section) == "volume") {
        for (const char* p : {"P0", "P1", "P2", "P3"}) {
          if (rows.empty()) header.push_back(std::string("priority_") + p);
          row.push_back(metric_cell(block["volume"]["by_priority"][p]));
        }
        for (std::size_t i = 0; i < all_categories.size(); ++i) {
          if (rows.empty()) header.push_back(std::string("category_") + to_string(all_categories[i]));
          row.push_back(std::to_string(w.by_category[i]));
        }
      }
    }
    if (rows.empty()) rows.push_back(header);
    rows.push_back(std::move(row));
  }
  return rows;
}

MentionHits mention_hits(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, int sign,
                         std::size_t limit) {
  MentionHits out;
  const auto agents = scope_agents(s, scope);
  auto in_scope = [&](const MetricFacts& f) {
    if (scope.kind == MetricScopeKind::segment) return f.segment == scope.key;
    return !agents || std::find(agents->begin(), agents->end(), static_cast<PersonId>(f.agent)) != agents->end();
  };
  auto cut = [](const std::string& text) {
    if (text.size() <= 400) return text;
    std::size_t n = 397;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n; // not inside a character
    return text.substr(0, n) + "...";
  };
  // Ticket ids grow with opening time, and mentions count in the week a ticket opened.
  for (auto it = s.tickets.rbegin(); it != s.tickets.rend(); ++it) {
    const auto& t = it->second;
    const auto& f = t.metric_facts;
    if (!f.counted || f.opened_week > to_week) continue;
    if (f.opened_week < from_week) break;
    if ((sign > 0 ? f.positive : f.negative) == 0 || !in_scope(f)) continue;
    const auto* c = s.customer(t.customer_id);
    auto add = [&](const std::string& text, TimeMs at, bool rating) {
      const auto m = mention_match(text, s.mention_words);
      if (m.sign != sign) return;
      ++out.total;
      if (out.hits.size() < limit)
        out.hits.push_back(MentionHit{t.id, t.subject, t.customer_id, c ? c->profile.name : std::string(), at, rating,
                                      sign > 0 ? m.positive_word : m.negative_word, cut(text)});
    };
    if (t.customer_rating && t.customer_rating->overall >= 1) add(t.customer_rating->comment, t.customer_rating->at, true);
    for (auto m = t.messages.rbegin(); m != t.messages.rend(); ++m)
      if (m->kind == MessageKind::reply && m->author_role == identity::Role::customer) add(m->text, m->at, false);
  }
  return out;
}

nlohmann::json mention_hits_json(const MentionHits& h) {
  auto hits = nlohmann::json::array();
  for (const auto& x : h.hits)
    hits.push_back({{"ticket_id", x.ticket_id}, {"subject", x.subject}, {"customer_id", x.customer_id}, {"customer", x.customer},
                    {"at", x.at}, {"source", x.rating ? "rating" : "message"}, {"word", x.word}, {"text", x.text}});
  return {{"total", h.total}, {"mentions", std::move(hits)}};
}

} // namespace pd::domain
