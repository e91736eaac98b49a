#include "server/demo/demo_knowledge.hpp"

#include <vector>

namespace pd::demo {

using namespace domain;

namespace {

constexpr TimeMs demo_day_ms = 86'400'000;

struct DemoArticle {
  const char* question;
  const char* applies_to;
  const char* quick_answer;
  std::vector<std::string> steps;
  std::vector<ArticleVariation> variations;
  const char* product_area;
  Difficulty difficulty;
  ArticleAudience audience;
  int age_days;   // written (and, when published, last reviewed) this many days ago
  bool publish;
};

ArticleContent content_of(const DemoArticle& a) {
  ArticleContent c;
  c.question = a.question;
  c.applies_to = a.applies_to;
  c.quick_answer = a.quick_answer;
  c.steps = a.steps;
  c.variations = a.variations;
  c.still_stuck = "Contact support from Help > New ticket; include your workspace name and a screenshot of what you see.";
  c.product_area = a.product_area;
  c.difficulty = a.difficulty;
  c.audience = a.audience;
  return c;
}

} // namespace

void knowledge_articles_story(const DemoRun& run, const Actor& staff, const Actor& agent, const Actor& customer, TimeMs base) {
  const auto pub = ArticleAudience::customers, internal = ArticleAudience::internal;
  const auto b = Difficulty::beginner, i = Difficulty::intermediate, adv = Difficulty::advanced;
  const std::vector<DemoArticle> articles = {
      {"How do I reset my password?", "All plans", "Click \"Forgot password\" on the sign-in page and follow the link we email you. The link works for 30 minutes.",
       {"Open the sign-in page", "Click Forgot password", "Enter your work email", "Open the email and choose a new password"},
       {{"If the email never arrives", "Check your spam folder, then ask your admin whether your email domain blocks us."}}, "Accounts", b, pub, 40, true},
      {"How do I set up two-factor authentication?", "All plans", "Go to Profile > Security and choose Turn on two-factor. Scan the QR code with an authenticator app and enter the code.",
       {"Open Profile > Security", "Click Turn on two-factor", "Scan the QR code", "Enter the 6-digit code", "Save your recovery codes"},
       {{"On mobile", "Use the app's Profile tab; the QR code is replaced by a setup key you paste."}}, "Accounts", i, pub, 20, true},
      {"How do I export a report to CSV?", "Growth and Enterprise", "Open the report, click Export and choose CSV. Exports over 100,000 rows are emailed to you when ready.",
       {"Open Reports", "Open the report", "Click Export", "Choose CSV"}, {{"If the export times out", "Narrow the date range or use a scheduled export."}},
       "Reports", b, pub, 12, true},
      {"How do I schedule a report by email?", "Growth and Enterprise", "Open the report, click Schedule and pick who gets it and how often. Recipients need no account.",
       {"Open the report", "Click Schedule", "Add recipients", "Choose daily, weekly or monthly", "Save"}, {}, "Reports", b, pub, 30, true},
      {"How do I connect Slack?", "All plans", "Go to Settings > Integrations > Slack and click Connect. Choose the channel alerts should go to.",
       {"Open Settings > Integrations", "Click Slack, then Connect", "Approve in Slack", "Pick a channel"}, {}, "Integrations", b, pub, 60, true},
      {"How do I connect Salesforce?", "Enterprise", "An admin connects Salesforce from Settings > Integrations. Field mapping runs once; sync then runs every 15 minutes.",
       {"Open Settings > Integrations > Salesforce", "Sign in with a Salesforce admin", "Map the fields", "Start the first sync"},
       {{"If you see INVALID_SESSION_ID", "Reconnect: the Salesforce session expired or the user lost API access."}}, "Integrations", adv, pub, 45, true},
      {"How do I invite a teammate?", "All plans", "Go to Settings > Team and click Invite. Your plan's seat count applies; the invitation link lasts 3 days.",
       {"Open Settings > Team", "Click Invite", "Enter their email and role", "Send"}, {}, "Team", b, pub, 15, true},
      {"How do I change my plan?", "All plans", "Owners change the plan in Settings > Billing > Change plan. Upgrades apply at once; downgrades at the next billing date.",
       {"Open Settings > Billing", "Click Change plan", "Pick the plan", "Confirm"}, {}, "Billing", b, pub, 25, true},
      {"How can I change my subscription plan?", "All plans", "Settings > Billing > Change plan. Upgrades are prorated.", {"Open Settings > Billing", "Click Change plan"}, {},
       "Billing", b, pub, 3, true}, // a likely duplicate of the one above
      {"Where do I find my invoices?", "All plans", "Every invoice is in Settings > Billing > Invoices, as PDF. Owners and billing admins see them.",
       {"Open Settings > Billing", "Click Invoices", "Download the PDF"}, {}, "Billing", b, pub, 50, true},
      {"How do I update my payment method?", "All plans", "Settings > Billing > Payment method > Replace card. The new card is charged from the next invoice.",
       {"Open Settings > Billing", "Click Payment method", "Click Replace card", "Enter the card"}, {}, "Billing", b, pub, 35, true},
      {"How do I add a custom field to a dashboard?", "Growth and Enterprise", "Open the dashboard, click Edit, Add widget, then choose the custom field as the metric.",
       {"Open the dashboard", "Click Edit", "Add widget", "Pick the custom field"}, {}, "Dashboards", i, pub, 420, true}, // not reviewed for long
      {"Why is my dashboard slow to load?", "All plans", "Dashboards with more than 20 widgets or a date range over 2 years load slowly. Split the dashboard or narrow the range.",
       {"Count the widgets", "Narrow the date range", "Split into two dashboards"}, {}, "", i, pub, 18, true}, // no product area
      {"How do I use the API with a personal key?", "Enterprise", "Create a key in Profile > API keys and send it as a Bearer token. Keys carry your own permissions.",
       {"Open Profile > API keys", "Create a key", "Send Authorization: Bearer <key>"}, {{"API users", "See the endpoint reference at /docs/api."}}, "API", adv, pub, 22, true},
      {"How do I cancel my subscription?", "All plans", "Owners cancel in Settings > Billing > Cancel subscription. Your data stays for 90 days; you can pause instead.",
       {"Open Settings > Billing", "Click Cancel subscription", "Tell us why (optional)", "Confirm"}, {}, "Billing", b, pub, 28, true},
      {"How do I issue a goodwill credit?", "Agents and the business", "Credits up to 50 USD need no approval: add an internal note with the reason, then ask staff to apply it.",
       {"Check the customer's plan and last invoice", "Add an internal note with the reason", "Ask staff to apply the credit"}, {}, "Billing", i, internal, 10, true},
      {"How do I escalate a security report?", "Agents", "Never attempt resolution. Escalate at once with the escalation note; the business takes it within 2 hours.",
       {"Do not reply with details", "Escalate with the note", "Tell the customer the security team has it"}, {}, "Security", b, internal, 14, true},
      {"How do I check a customer's sync errors?", "Agents", "The customer's page shows the last 20 sync errors. Copy the error code into your reply and the internal note.",
       {"Open the customer", "Open Sync errors", "Copy the code"}, {}, "Integrations", i, internal, 9, true},
      {"What do I say when a feature is not planned?", "Agents", "Thank them, say plainly it is not planned, explain why in one line, and offer the closest workaround.",
       {"Thank the customer", "Say no plainly", "Give the reason", "Offer a workaround"}, {}, "Product", b, internal, 33, true},
      {"How do I refund a duplicate charge?", "Business staff", "Refund the second charge in the billing system within 24 hours and reply with the refund date (5-10 business days to show).",
       {"Find both charges", "Refund the later one", "Reply with the date"}, {}, "Billing", i, internal, 16, true},
      {"How do I merge two workspaces?", "Enterprise", "Workspaces cannot be merged yet; export from one and import into the other.", {"Export", "Import"}, {},
       "Workspaces", adv, pub, 2, false}, // a draft
      {"How do I set up single sign-on with Okta?", "Enterprise", "SSO is set up by an admin in Settings > Security > SSO with your Okta metadata URL.",
       {"Open Settings > Security > SSO", "Paste the Okta metadata URL", "Test with one user", "Turn on for everyone"}, {}, "Accounts", adv, pub, 1, false}, // in review below
      {"How do I change the time zone of reports?", "All plans", "Reports use the workspace time zone: Settings > Workspace > Time zone.", {"Open Settings > Workspace", "Change Time zone"}, {},
       "Reports", Difficulty::none, pub, 5, true}, // no difficulty
      {"How do I restore a deleted dashboard?", "Growth and Enterprise", "Deleted dashboards stay in Trash for 30 days: open Dashboards > Trash and click Restore.",
       {"Open Dashboards", "Open Trash", "Click Restore"}, {}, "Dashboards", b, pub, 8, true},
  };
  for (const auto& a : articles) {
    const TimeMs at = base - static_cast<TimeMs>(a.age_days) * demo_day_ms;
    auto saved = run(SaveArticle{0, content_of(a), 0, {}}, staff, at);
    const auto id = saved["events"][0]["data"]["article"]["id"].get<ArticleId>();
    if (a.publish) run(PublishArticle{id}, staff, at);
    else if (std::string(a.question).find("Okta") != std::string::npos) run(SubmitArticle{id}, staff, at);
  }
  // An agent's own draft.
  DemoArticle ava_draft{"How do I fix \"Invalid date\" in a CSV import?", "All plans", "Dates must be YYYY-MM-DD or the workspace's own format; change the column's format and import again.",
                        {"Open the CSV", "Format the date column as YYYY-MM-DD", "Import again"}, {}, "Imports", b, pub, 1, false};
  run(SaveArticle{0, content_of(ava_draft), 0, {}}, agent, base - demo_day_ms);

  // Searches that found nothing, and customers who read an article instead of writing a ticket.
  run(RecordSearchMiss{"dark mode"}, customer, base - 6 * demo_day_ms);
  run(RecordSearchMiss{"dark mode"}, customer, base - 2 * demo_day_ms);
  run(RecordSearchMiss{"hipaa"}, customer, base - 3 * demo_day_ms);
  run(RecordSearchMiss{"zapier"}, agent, base - 4 * demo_day_ms);
  for (int n = 0; n < 5; ++n) run(RecordDeflection{1, false}, customer, base - (10 - n) * demo_day_ms);
  run(RecordDeflection{3, false}, customer, base - 3 * demo_day_ms);
  run(RecordDeflection{3, true}, customer, base - 2 * demo_day_ms);
}

void knowledge_questions_story(const DemoRun& run, const std::map<std::string, CustomerId>& customers, const Actor& staff, const Actor& customer,
                               TimeMs base) {
  // The same question from three customers, with no article yet: the hygiene list's first finding.
  const char* subjects[] = {"Scheduled report email arrives empty", "Scheduled report emails are empty", "scheduled report email empty since Monday"};
  const char* emails[] = {"sam@northwind.test", "emma@brightleaf.test", "ines@solara.test"};
  for (int n = 0; n < 3; ++n) {
    OpenTicket t{customers.at(emails[n]), subjects[n], "The weekly report email comes through but the table in it is empty. The report itself has data.",
                 Priority::p2, Category::bug, {}, {}};
    auto opened = run(t, staff, base - (3 - n) * demo_day_ms);
    const auto id = opened["events"][0]["data"]["ticket_id"].get<TicketId>();
    // Answered by hand each time: the table is empty when the report's filter uses "this week" and the email goes out on Monday at 00:00.
    run(ReplyToTicket{id, "Thanks for the report! The table is empty when the report's date filter is \"This week\" and the email goes out early on "
                          "Monday. Change the filter to \"Last 7 days\" under Schedule > Filters and next week's email will have the data.",
                      false, TicketStatus::resolved, {}, false},
        staff, base - (3 - n) * demo_day_ms + 3'600'000);
  }
  // Asked word for word as an article's question: answered automatically, and confirmed.
  auto opened = run(OpenTicket{0, "How do I set up two-factor authentication?", "My admin asked everyone to turn it on.", Priority::p3, Category::how_to, {}, {}},
                    customer, base - 4 * demo_day_ms);
  run(ConfirmAutomaticAnswer{opened["events"][0]["data"]["ticket_id"].get<TicketId>()}, customer, base - 4 * demo_day_ms + 600'000);
}

} // namespace pd::demo
