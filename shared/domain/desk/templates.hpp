// Response templates (seed 002, section 3) and canned-response triggers (section 8), per program.
// A template's text holds placeholders in square brackets: a ticket field the desk fills in
// ([Name], [Agent name], [Program], [SLA time], ...; template_fields below), or words telling the
// agent what to write ([specific issue], [Workaround 1]). A one-word placeholder that names no
// field is a typo and is refused when the template is saved. A reply written from a template is
// not sent while any of its placeholders is still in the text (check_template_reply(), which the
// server runs on ReplyToTicket and the composer before it offers Send).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {
struct ProgramState;
struct Ticket;
} // namespace pd::domain

namespace pd::domain::desk {

using TemplateId = std::int64_t;

struct ResponseTemplate {
  TemplateId id = 0;
  std::string key;      // the seed's templates: "bug-report", "how-to", ...; "" for the business's own
  std::string name;     // "First response: bug report"
  std::string category; // a category tag it suits ("bug", "how-to", ...), "" for any
  std::string text;
  bool operator==(const ResponseTemplate&) const = default;
};

// A phrase in a customer's message that suggests a template; "how do I cancel?" starts the
// retention workflow first (starts_retention).
struct CannedTrigger {
  std::string phrase;
  TemplateId template_id = 0; // 0: suggests no template
  std::string hint;           // what the agent should do ("Check the payment processor, give the exact date")
  bool starts_retention = false;
  bool operator==(const CannedTrigger&) const = default;
};

// The program's triage lists and response library (ProgramState::responses).
struct ResponseLibrary {
  std::vector<std::string> product_areas; // the business's list, in its order
  std::vector<ResponseTemplate> templates;
  std::vector<CannedTrigger> triggers;
  TemplateId next_template_id = 1;
  const ResponseTemplate* find(TemplateId id) const;
  bool operator==(const ResponseLibrary&) const = default;
};

// Limits (docs/api.md).
inline constexpr std::size_t max_product_areas = 50;
inline constexpr std::size_t max_product_area = 60;
inline constexpr std::size_t max_templates = 200;
inline constexpr std::size_t max_template_name = 100;
inline constexpr std::size_t max_template_text = 10'000;
inline constexpr std::size_t max_placeholders = 50;
inline constexpr std::size_t max_placeholder = 120;
inline constexpr std::size_t max_triggers = 100;
inline constexpr std::size_t max_trigger_phrase = 200;
inline constexpr std::size_t max_trigger_hint = 300;

// The seed's six templates (new programs start with them) and its five triggers (the template
// ids are those of default_library()).
ResponseLibrary default_library();

// The ticket fields a placeholder may name (case-insensitive), in the order the editor lists them.
inline constexpr std::array<const char*, 16> template_fields = {
    "Name",     "Customer name", "Customer email", "Plan",         "Agent name", "Sign-off", "Program", "Product",
    "Ticket",   "Subject",       "Priority",       "Category",     "Product area", "Summary", "SLA time", "Resolution time"};
bool is_template_field(std::string_view name);

// A placeholder in a text: where it is (byte offsets of the brackets) and its inside.
struct Placeholder {
  std::size_t begin = 0, end = 0; // [begin, end) covers "[...]"
  std::string name;
  bool field = false; // names a ticket field
  bool operator==(const Placeholder&) const = default;
};
// Every "[...]" on one line, 1 to max_placeholder characters inside, not followed by "(" (a link).
std::vector<Placeholder> placeholders_in(std::string_view text);

// The one-word placeholders of a text that name no ticket field ("[Coupon]", "[Nmae]"): typos,
// or fields the desk does not fill in. check_template refuses a text holding one; the template
// editor lists them as they are typed. Spelled with their brackets, each once, in text order.
std::vector<std::string> unknown_placeholders(std::string_view text);

// Checks a template before it is saved: name and text present and within the limits, the
// category a known tag, no unknown one-word placeholder (unknown_placeholders). Errors name `at` + ".name", ".text",
// ".category".
std::optional<core::Error> check_template(const ResponseTemplate& t, const std::string& at);

// The values of the fields for one ticket, answered by `agent` (empty when unknown: then the
// placeholder stays, to be filled by hand).
struct TemplateValues {
  std::vector<std::pair<std::string, std::string>> values; // field name (as in template_fields) -> value
  std::string value_of(std::string_view field) const;      // case-insensitive; "" when none
};
TemplateValues template_values(const ProgramState& s, const Ticket& t, PersonId agent);

// The template's text with every field that has a value filled in.
std::string fill_template(std::string_view text, const TemplateValues& values);

// The placeholders still in a reply written from template `id` (those of the template's filled
// text that the reply still holds), for the composer to highlight.
std::vector<std::string> unfilled_placeholders(const ProgramState& s, const Ticket& t, PersonId agent, TemplateId id, std::string_view reply);

// Refuses a reply that still holds a placeholder of its template (field data.text, the
// placeholder named), or that names a template the program does not have (data.template_id).
std::optional<core::Error> check_template_reply(const ProgramState& s, const Ticket& t, PersonId agent, TemplateId id, std::string_view reply);

// The library's templates matching a search (name, category or text; every word of the query,
// case-insensitive), in library order; all of them for an empty query.
std::vector<const ResponseTemplate*> search_templates(const ResponseLibrary& lib, std::string_view query);

// The triggers a customer's message matches (its phrase, ignoring case, punctuation and
// apostrophes, as whole words), in library order.
std::vector<const CannedTrigger*> matching_triggers(const ResponseLibrary& lib, std::string_view message);
std::string normalize_phrase(std::string_view text); // "Where's my REFUND?" -> "wheres my refund"

// Checks a whole trigger list (phrases present, not repeated, within limits; templates exist).
std::optional<core::Error> check_triggers(const ResponseLibrary& lib, const std::vector<CannedTrigger>& triggers, const std::string& at);
// Checks a product-area list (names present, within limits, not repeated ignoring case).
std::optional<core::Error> check_product_areas(const std::vector<std::string>& areas, const std::string& at);

// The quality checklist (seed 002, section 2): the business scores five criteria 0-2 when it rates
// an agent's handling; the seed's target is 8/10 or more. An agent's average over the handlings the
// business rated with the checklist (tickets the agent handles).
inline constexpr int quality_target = 8;
struct QualityAverage {
  int rated = 0;          // handlings scored with the checklist
  std::int64_t total = 0; // sum of their scores (each 0-10)
  double average() const { return rated ? static_cast<double>(total) / rated : 0.0; }
  bool meets_target() const { return rated > 0 && total >= static_cast<std::int64_t>(quality_target) * rated; }
};
QualityAverage quality_average(const ProgramState& s, PersonId agent);

PD_JSON_TYPE(ResponseTemplate, id, key, name, category, text)
PD_JSON_TYPE(CannedTrigger, phrase, template_id, hint, starts_retention)
PD_JSON_TYPE(ResponseLibrary, product_areas, templates, triggers, next_template_id)

} // namespace pd::domain::desk
