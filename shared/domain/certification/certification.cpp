#include "shared/domain/certification/certification.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>

namespace pd::domain {

const char* label_of(CertificationStatus s) {
  switch (s) {
  case CertificationStatus::not_started: return "Not Started";
  case CertificationStatus::in_progress: return "In Progress";
  case CertificationStatus::submitted: return "Submitted";
  case CertificationStatus::passed: return "Passed";
  case CertificationStatus::awaiting_manual_review: return "Awaiting Manual Review";
  case CertificationStatus::certified: return "Certified";
  case CertificationStatus::failed: return "Failed";
  case CertificationStatus::expired: return "Expired";
  case CertificationStatus::revoked: return "Revoked";
  }
  return "Not Started";
}

const char* meaning_of(CertificationStatus s) {
  switch (s) {
  case CertificationStatus::not_started: return "You have not yet requested support access or begun any training modules.";
  case CertificationStatus::in_progress: return "You have started at least one training module but have not yet submitted the assessment.";
  case CertificationStatus::submitted: return "You submitted the assessment and are waiting for the result to be processed.";
  case CertificationStatus::passed: return "Your assessment score meets the passing threshold. Awaiting the business's final approval.";
  case CertificationStatus::awaiting_manual_review:
    return "The business is manually reviewing your submission or profile before confirming certification.";
  case CertificationStatus::certified: return "Fully certified. You are eligible to be assigned support customers and earn support commissions.";
  case CertificationStatus::failed:
    return "Your assessment did not meet the passing threshold. You remain an active referral agent; a retry window applies.";
  case CertificationStatus::expired:
    return "Your certification has passed its expiry date and requires renewal. You cannot be assigned new support customers until renewed.";
  case CertificationStatus::revoked: return "The business has revoked your certification. Referral commissions already earned are not affected.";
  }
  return "";
}

const char* label_of(ModuleKind k) {
  switch (k) {
  case ModuleKind::video: return "Video lesson";
  case ModuleKind::pdf: return "PDF guide";
  case ModuleKind::text: return "Text lesson";
  case ModuleKind::demo_script: return "Demo script";
  case ModuleKind::faq: return "FAQ module";
  }
  return "Module";
}

const char* label_of(QuestionKind k) {
  switch (k) {
  case QuestionKind::multiple_choice: return "Multiple choice";
  case QuestionKind::short_answer: return "Short answer";
  case QuestionKind::scenario: return "Scenario";
  }
  return "Question";
}

const Attempt* AgentCertification::running_attempt() const {
  return !attempts.empty() && attempts.back().running() ? &attempts.back() : nullptr;
}

const TrainingModule* CertificationState::module(ModuleId id) const {
  auto it = std::find_if(modules.begin(), modules.end(), [&](const TrainingModule& m) { return m.id == id; });
  return it == modules.end() ? nullptr : &*it;
}

const Question* CertificationState::question(QuestionId id) const {
  auto it = std::find_if(bank.begin(), bank.end(), [&](const Question& q) { return q.id == id; });
  return it == bank.end() ? nullptr : &*it;
}

const AgentCertification* CertificationState::agent(PersonId p) const {
  auto it = agents.find(p);
  return it == agents.end() ? nullptr : &it->second;
}

CertificationStatus certification_status(const CertificationState& c, PersonId agent) {
  auto a = c.agent(agent);
  return a ? a->status : CertificationStatus::not_started;
}

bool is_certified(const CertificationState& c, PersonId agent) { return certification_status(c, agent) == CertificationStatus::certified; }

namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

} // namespace

std::vector<std::size_t> draw_paper(std::size_t bank_size, int draw_count, std::int64_t program, PersonId agent, int attempt_number,
                                    TimeMs started_at) {
  std::vector<std::size_t> order(bank_size);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uint64_t seed = mix(static_cast<std::uint64_t>(program) * 1'000'003ULL ^ static_cast<std::uint64_t>(agent) << 20 ^
                           static_cast<std::uint64_t>(attempt_number) ^ static_cast<std::uint64_t>(started_at));
  for (std::size_t i = order.size(); i > 1; --i) {
    seed = mix(seed);
    std::swap(order[i - 1], order[seed % i]);
  }
  order.resize(std::min(order.size(), static_cast<std::size_t>(std::max(draw_count, 0))));
  return order;
}

std::optional<CertifiedBadge> certified_badge(const CertificationState& c, PersonId agent, TimeMs now) {
  auto a = c.agent(agent);
  if (!a || a->status != CertificationStatus::certified) return std::nullopt;
  if (a->expires_at != 0 && now >= a->expires_at) return std::nullopt; // past its expiry, before the scheduler marks it Expired
  return CertifiedBadge{a->certified_at, a->expires_at};
}

bool has_training_access(const CertificationState& c, PersonId agent) {
  if (c.access == AccessMode::automatic) return true;
  auto a = c.agent(agent);
  return a && a->access_requested_at != 0;
}

ModuleProgressCount required_module_progress(const CertificationState& c, PersonId agent) {
  ModuleProgressCount n;
  auto a = c.agent(agent);
  for (const auto& m : c.modules) {
    if (!m.required) continue;
    ++n.required;
    if (!a) continue;
    auto it = a->modules.find(m.id);
    n.done += it != a->modules.end() && it->second.completed ? 1 : 0;
  }
  return n;
}

bool required_modules_complete(const CertificationState& c, PersonId agent) {
  const auto n = required_module_progress(c, agent);
  return n.done == n.required;
}

bool is_training_file_type(std::string_view t) { return t == "video/mp4" || t == "video/webm" || t == "application/pdf"; }

int attempts_left(const CertificationState& c, PersonId agent) {
  if (c.rules.max_attempts == 0) return -1;
  auto a = c.agent(agent);
  const int used = a ? a->attempts_this_cycle() : 0;
  const int extra = a ? a->extra_attempts : 0;
  return std::max(0, c.rules.max_attempts + extra - used);
}

std::optional<StartRefusal> why_no_attempt(const CertificationState& c, PersonId agent, TimeMs now, bool bank_known) {
  using S = CertificationStatus;
  if (!has_training_access(c, agent)) return StartRefusal{"Request support access first: it unlocks the training and the assessment.", true};
  auto a = c.agent(agent);
  if (a && a->running_attempt()) return StartRefusal{"An attempt is already running: carry on with it.", true};
  const auto status = certification_status(c, agent);
  switch (status) {
  case S::submitted: return StartRefusal{"Your last attempt is waiting to be graded.", true};
  case S::passed:
  case S::awaiting_manual_review: return StartRefusal{"You passed: the business is reviewing your certification.", true};
  case S::certified: return StartRefusal{"You are certified. You renew by passing again once the certification expires.", true};
  case S::revoked:
    if (!a || (a->extra_attempts == 0 && !a->retry_waived))
      return StartRefusal{"Your certification was revoked: ask the business for an exception to try again.", true};
    break;
  default: break;
  }
  if (!required_modules_complete(c, agent)) return StartRefusal{"Complete every required training module first.", true};
  if (bank_known && c.bank.empty()) return StartRefusal{"The business has not written the assessment's questions yet.", true};
  if (attempts_left(c, agent) == 0)
    return StartRefusal{"You have used every attempt. Ask the business for a manual review or an exception.", true};
  if (a && !a->retry_waived && now < a->retry_after) return StartRefusal{"The retry period after your last attempt has not passed yet: you may try again from " +
                            core::format_utc_minute(a->retry_after) + ".", true};
  return std::nullopt;
}

int score_choice(const Question& q, const std::vector<int>& choices) {
  auto a = choices, b = q.correct;
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  std::sort(b.begin(), b.end());
  return a == b ? q.points : 0;
}

std::int64_t max_watch_advance_seconds(std::int64_t elapsed_ms) {
  // Playback at up to 2x speed, and a few seconds for the reports' own timing. A long pause
  // earns no more than a minute's worth, so skipping ahead after one still does not count.
  return std::clamp<std::int64_t>(elapsed_ms, 0, 60'000) * 2 / 1000 + 5;
}

TimeMs add_months(TimeMs at, int months) {
  const auto day = at >= 0 ? at / core::ms_per_day : (at - core::ms_per_day + 1) / core::ms_per_day;
  const auto time_of_day = at - day * core::ms_per_day;
  auto d = core::civil_from_days(day);
  const int total = d.year * 12 + (d.month - 1) + months;
  d.year = total / 12;
  d.month = total % 12 + 1;
  d.day = std::min(d.day, core::days_in_month(d.year, d.month));
  return core::days_from_civil(d) * core::ms_per_day + time_of_day;
}

CertificationState default_certification() { return CertificationState{}; }

void to_json(nlohmann::json& j, const AgentCertification& a) {
  j = {{"person_id", a.person_id},
       {"status", a.status},
       {"status_since", a.status_since},
       {"access_requested_at", a.access_requested_at},
       {"modules", nlohmann::json::array()},
       {"attempts", a.attempts},
       {"cycle_start", a.cycle_start},
       {"extra_attempts", a.extra_attempts},
       {"retry_after", a.retry_after},
       {"retry_waived", a.retry_waived},
       {"certified_at", a.certified_at},
       {"expires_at", a.expires_at},
       {"revoked_reason", a.revoked_reason},
       {"exception_request", a.exception_request},
       {"exception_requested_at", a.exception_requested_at},
       {"history", a.history},
       {"version", a.version}};
  for (const auto& [id, p] : a.modules) j["modules"].push_back({{"module_id", id}, {"progress", p}});
}

void from_json(const nlohmann::json& j, AgentCertification& a) {
  a = AgentCertification{};
  a.person_id = j.value("person_id", PersonId{0});
  a.status = j.value("status", CertificationStatus::not_started);
  a.status_since = j.value("status_since", TimeMs{0});
  a.access_requested_at = j.value("access_requested_at", TimeMs{0});
  for (const auto& m : j.value("modules", nlohmann::json::array())) a.modules[m.at("module_id").get<ModuleId>()] = m.at("progress").get<ModuleProgress>();
  a.attempts = j.value("attempts", std::vector<Attempt>{});
  a.cycle_start = j.value("cycle_start", 0);
  a.extra_attempts = j.value("extra_attempts", 0);
  a.retry_after = j.value("retry_after", TimeMs{0});
  a.retry_waived = j.value("retry_waived", false);
  a.certified_at = j.value("certified_at", TimeMs{0});
  a.expires_at = j.value("expires_at", TimeMs{0});
  a.revoked_reason = j.value("revoked_reason", std::string{});
  a.exception_request = j.value("exception_request", std::string{});
  a.exception_requested_at = j.value("exception_requested_at", TimeMs{0});
  a.history = j.value("history", std::vector<CertificationEntry>{});
  a.version = j.value("version", Sequence{0});
}

void to_json(nlohmann::json& j, const CertificationState& c) {
  j = {{"access", c.access}, {"rules", c.rules}, {"modules", c.modules}, {"next_module_id", c.next_module_id},
       {"bank", c.bank}, {"next_question_id", c.next_question_id}, {"quiz_keys", nlohmann::json::array()},
       {"agents", nlohmann::json::array()}};
  for (const auto& [id, k] : c.quiz_keys) j["quiz_keys"].push_back({{"module_id", id}, {"key", k}});
  for (const auto& [id, a] : c.agents) j["agents"].push_back(a);
}

void from_json(const nlohmann::json& j, CertificationState& c) {
  c = CertificationState{};
  c.access = j.value("access", AccessMode::request);
  c.rules = j.value("rules", AssessmentRules{});
  c.modules = j.value("modules", std::vector<TrainingModule>{});
  c.next_module_id = j.value("next_module_id", ModuleId{1});
  c.bank = j.value("bank", std::vector<Question>{});
  c.next_question_id = j.value("next_question_id", QuestionId{1});
  for (const auto& k : j.value("quiz_keys", nlohmann::json::array())) c.quiz_keys[k.at("module_id").get<ModuleId>()] = k.at("key").get<QuizKey>();
  for (const auto& a : j.value("agents", nlohmann::json::array())) {
    auto v = a.get<AgentCertification>();
    c.agents[v.person_id] = std::move(v);
  }
}

} // namespace pd::domain
