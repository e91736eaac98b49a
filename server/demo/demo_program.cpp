#include "server/demo/demo_program.hpp"

#include "server/auth/passwords.hpp"
#include "server/auth/tokens.hpp"
#include "server/demo/demo_knowledge.hpp"
#include "shared/core/dates.hpp"
#include "shared/domain/retention/outreach.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>

namespace pd::demo {

using identity::Role;
using namespace domain;

const std::vector<DemoSignIn>& demo_sign_ins() {
  static const std::vector<DemoSignIn> all = {
      {"owner@acme.test", "business owner of Acme Analytics"},
      {"staff@acme.test", "support staff at Acme Analytics"},
      {"agent@acme.test", "certified support agent"},
      {"trainee@acme.test", "agent working towards certification (failed once, retry soon)"},
      {"marco@acme.test", "agent whose assessment waits for grading"},
      {"sofia@acme.test", "suspended agent (remediation required) whose customer's tickets went to the business queue"},
      {"customer@acme.test", "customer of Acme Analytics"},
  };
  return all;
}

namespace {

// Runs the demo's story through the same commands the product's users send, so the event
// log holds a real history.
struct Story {
  app::Services& s;
  std::string password_hash;
  TimeMs now;
  int step = 0;

  Actor person(const char* email, const char* name) {
    auto id = s.accounts.create_person(email, name, password_hash, now, true); // demo people count as verified
    return Actor{id, name, email};
  }
  nlohmann::json run(ProgramId program, const Command& c, const Actor& by) {
    auto out = s.commands.execute(program, "demo-" + std::to_string(++step) + "-setup", c, by, now);
    if (out.status >= 300) throw std::runtime_error("demo step " + std::to_string(step) + " failed: " + out.body.dump());
    return out.body;
  }
  ProgramId create_program(const char* name, const Actor& owner) {
    return run(0, CreateProgram{name, "USD"}, owner)["program_id"].get<ProgramId>();
  }
  void join(ProgramId program, const Actor& inviter, const Actor& who, Role role, CustomerId customer = 0) {
    auto created = run(program, InviteMember{who.email, role, customer, 72, auth::token_hash(auth::new_token())}, inviter);
    auto id = created["events"][0]["data"]["invitation_id"].get<InvitationId>();
    run(program, AcceptInvitation{id}, who);
  }
  CustomerId add_customer(ProgramId program, const Actor& by, CustomerProfile p) {
    return run(program, AddCustomer{std::move(p)}, by)["events"][0]["data"]["customer_id"].get<CustomerId>();
  }
  TicketId open(ProgramId program, const Actor& by, CustomerId customer, const char* subject, const char* text, Priority p, Category c,
                std::vector<Category> tags = {}) {
    return run(program, OpenTicket{customer, subject, text, p, c, std::move(tags), {}}, by)["events"][0]["data"]["ticket_id"].get<TicketId>();
  }
  void reply(ProgramId program, const Actor& by, TicketId t, const char* text, std::optional<TicketStatus> status = {}, bool internal = false) {
    run(program, ReplyToTicket{t, text, internal, status, {}, false}, by);
  }
  // A file uploaded by `by` to the program, as the browser uploads one; its attachment record.
  Attachment store_file(ProgramId program, const Actor& by, const char* name, const char* type, const std::string& bytes, bool business) {
    auto begun = s.files.begin(program, by.id, name, type, static_cast<std::int64_t>(bytes.size()), now, !business);
    if (!begun) throw std::runtime_error(std::string("demo upload refused: ") + name + ": " + begun.error().message);
    if (!s.files.append(begun.value(), 0, bytes, now)) throw std::runtime_error(std::string("demo upload failed: ") + name);
    auto received = s.files.find_upload(begun.value().id);
    if (!received) throw std::runtime_error(std::string("demo upload lost: ") + name);
    auto stored = s.files.complete(*received, now);
    if (!stored) throw std::runtime_error(std::string("demo upload failed: ") + name + ": " + stored.error().message);
    return Attachment{name, type, stored.value().size, stored.value().sha256};
  }
  // The scheduler's pass at the current story time.
  void timers(ProgramId program) {
    auto out = s.commands.execute(program, "demo-" + std::to_string(++step) + "-timers", RunTimers{}, Actor{0, "Partnerdesk", ""}, now);
    if (out.status >= 300) throw std::runtime_error("demo timers failed: " + out.body.dump());
  }
};

// Twelve weeks of the desk's history before the stories above, so the support metrics' charts,
// weekly figures and red flags have something real to show: the business queue's customers
// (Kenji, Olga and Marcus, who sign in as customers, and Amara) ask a few questions a week;
// Daniel answers, some slowly in the weeks the team was short, one in seven comes back, one in
// nine is escalated, and the customers rate most answers, less well in those short weeks.
void history_story(Story& story, ProgramId acme, const std::map<std::string, CustomerId>& customer, const Actor& daniel,
                   const std::vector<Actor>& customers, TimeMs base) {
  struct Topic {
    const char* subject;
    const char* text;
    Priority priority;
    Category category;
  };
  static const Topic topics[] = {
      {"Dashboard loads slowly", "The main dashboard takes almost a minute to load since Monday.", Priority::p2, Category::performance},
      {"Sync stuck at 80%", "Our nightly sync has been stuck at 80% for two runs now.", Priority::p1, Category::bug},
      {"How do I add a user?", "We hired a new coordinator. How do I give her access?", Priority::p3, Category::how_to},
      {"Charged twice this month", "Our card was charged twice for this month's invoice.", Priority::p1, Category::billing},
      {"Webhook retries", "How often are failed webhooks retried, and can we replay one?", Priority::p3, Category::integration},
      {"Dark mode for reports", "Could reports get a dark mode? Our night shift would love it.", Priority::p3, Category::feature_request},
      {"Password reset mail not arriving", "Two of our users never get the reset mail.", Priority::p2, Category::account},
      {"Export missing columns", "The CSV export dropped the region and owner columns.", Priority::p2, Category::bug},
      {"Onboarding checklist", "Which steps of the onboarding checklist can we skip for a pilot?", Priority::p3, Category::onboarding},
      {"API rate limits", "We hit 429s at about 40 requests a second. What is the limit?", Priority::p2, Category::integration},
  };
  static const char* accounts[] = {"kenji@tidewater.test", "olga@ferncrest.test", "marcus@ironoak.test", "amara@bluepine.test"};
  std::uint32_t seed = 20'260'101;
  auto next = [&seed](std::uint32_t n) {
    seed = seed * 1'103'515'245u + 12'345u;
    return (seed >> 16) % n;
  };
  const TimeMs this_monday = (((base / day_ms) + 3) / 7 * 7 - 3) * day_ms; // Monday 00:00 UTC of this week
  for (int weeks_ago = 12; weeks_ago >= 4; --weeks_ago) {
    const bool short_staffed = weeks_ago == 7 || weeks_ago == 6; // answers took hours; the ratings show it
    const int count = 4 + static_cast<int>(next(4)) + (weeks_ago == 5 ? 3 : 0);
    for (int i = 0; i < count; ++i) {
      const auto& topic = topics[next(10)];
      const auto who = next(4);
      const TimeMs monday = this_monday - TimeMs{weeks_ago} * 7 * day_ms;
      story.now = monday + static_cast<TimeMs>(next(5)) * day_ms + (8 + static_cast<TimeMs>(next(8))) * hour_ms;
      const Actor* opener = who < customers.size() ? &customers[who] : &daniel;
      const auto t = story.open(acme, *opener, customer.at(accounts[who]), topic.subject, topic.text, topic.priority, topic.category);
      const TimeMs answer = short_staffed ? (180 + next(420)) * minute_ms : (10 + next(110)) * minute_ms;
      story.now += answer;
      if (next(9) == 0 && opener != &daniel) {
        story.run(acme, EscalateTicket{t, "This is blocking our whole team, please escalate.", {}}, *opener);
        story.now += 20 * minute_ms;
      }
      story.reply(acme, daniel, t, "Thanks for the details. Here is what to do, step by step; I've checked it on your account.",
                  TicketStatus::resolved);
      if (next(7) == 0 && opener != &daniel) {
        story.now += (2 + next(20)) * hour_ms;
        story.reply(acme, *opener, t, "Still broken on our side, this is getting frustrating.");
        story.now += (1 + next(3)) * hour_ms;
        story.reply(acme, daniel, t, "Sorry about that. The second cause was a cached setting; it is cleared now.", TicketStatus::resolved);
      }
      if (opener != &daniel && next(10) < 8) {
        story.now += (1 + next(6)) * hour_ms;
        const int overall = short_staffed ? 2 + static_cast<int>(next(3)) : 4 + static_cast<int>(next(10) < 6 ? 1 : 0);
        static const char* comments[] = {"Thanks, quick and helpful.", "", "Great answer, solved.", "Took far too long, frustrating."};
        const char* comment = overall <= 3 ? comments[3] : comments[next(3)];
        story.run(acme, RateTicket{t, overall, overall, 5, overall, comment}, *opener);
      }
    }
  }
  // Their answers to "How likely are you to recommend Acme Analytics?": Kenji a promoter, Olga a
  // detractor in the short-staffed weeks (Daniel followed up the next day), Marcus a passive.
  story.now = this_monday - 56 * day_ms + 2 * day_ms + 15 * hour_ms;
  story.run(acme, AnswerNps{9, "Answers are quick and to the point."}, customers.at(0));
  story.now = this_monday - 42 * day_ms + 3 * day_ms + 11 * hour_ms;
  auto olga = story.run(acme, AnswerNps{4, "Last week we waited a whole day for an answer, twice."}, customers.at(1));
  story.now += 20 * hour_ms;
  story.run(acme, CompleteCheckIn{olga["events"][0]["data"]["answer"]["check_in_id"].get<std::int64_t>()}, daniel);
  story.now = this_monday - 28 * day_ms + 1 * day_ms + 16 * hour_ms;
  story.run(acme, AnswerNps{7, ""}, customers.at(2));
}

// Churn and retention at Acme (seed 002 section 7): the competitors the business watches, the
// billing system's usage figures and a failed payment, renewal dates, the customers' sign-ins,
// and retention cases at every step: Inês asked how to cancel after Freshdesk quoted less and
// has an offer waiting; Olga asked to cancel after a merger (reason recorded, no offer yet);
// Priya's offer to Noah is beyond his band and waits for Maya; Emma was saved five weeks ago
// and Fatima lost ten days ago, with a win-back reminder.
void retention_story(Story& story, ProgramId acme, const std::map<std::string, CustomerId>& customer, const Actor& maya, const Actor& daniel,
                     const Actor& priya, const Actor& jordan, const std::vector<Actor>& history_customers, TimeMs base) {
  const Actor billing{support_rules::system_actor, "Billing system", ""};
  auto at = [&](double days_ago) { story.now = base - static_cast<TimeMs>(days_ago * static_cast<double>(day_ms)); };
  // The customer's case: the one open already (a ticket or the scheduler may have opened it), else one opened by hand.
  auto case_of = [&](const char* email, PlanRequest request, const char* note, const Actor& by) {
    const auto id = customer.at(email);
    auto open = story.s.commands.read(acme, [&](const ProgramState& s) {
      const auto* k = s.retention.open_case_of(id);
      return k ? k->id : 0;
    });
    if (open && *open) return *open;
    auto opened = story.run(acme, OpenRetentionCase{id, request, note}, by);
    return opened["events"][0]["data"]["retention_case"]["id"].get<std::int64_t>();
  };
  auto month_text = [](TimeMs t) { return core::format_date(core::date_of_ms(t)).substr(0, 7); };
  auto day_text = [](TimeMs t) { return core::format_date(core::date_of_ms(t)); };
  at(40);
  story.run(acme, ChangeRetentionSettings{RetentionSettings{{"Zendesk", "Freshdesk", "Help Scout"}}}, maya);
  // The business's own words on top of the built-in lists.
  auto words = default_mention_lists();
  words.at(0).positive.push_back("lifesaver");
  words.at(0).negative.push_back("slow*");
  story.run(acme, ChangeMentionWords{words}, maya);
  // Usage for the last three months (the billing system reports it monthly).
  struct Usage {
    const char* email;
    std::int64_t two_ago, last, now;
  };
  const Usage usage[] = {{"customer@acme.test", 4'200, 4'350, 4'410}, {"sam@northwind.test", 18'900, 19'400, 20'100},
                         {"li@harborline.test", 12'300, 12'000, 12'450}, {"noah@peakfit.test", 3'100, 2'900, 1'150},
                         {"kenji@tidewater.test", 2'700, 2'950, 1'200}, {"olga@ferncrest.test", 26'000, 25'400, 21'800},
                         {"marcus@ironoak.test", 5'600, 5'300, 2'300},  {"ines@solara.test", 3'900, 4'100, 4'000},
                         {"david@copperline.test", 9'800, 10'200, 10'500}};
  for (const auto& u : usage) {
    at(62);
    story.run(acme, RecordUsage{customer.at(u.email), month_text(base - 62 * day_ms), u.two_ago}, billing);
    at(32);
    story.run(acme, RecordUsage{customer.at(u.email), month_text(base - 32 * day_ms), u.last}, billing);
    at(2);
    story.run(acme, RecordUsage{customer.at(u.email), month_text(base), u.now}, billing);
  }
  // Noah's card was declined five days ago (his subscription is past due).
  at(5);
  story.run(acme, RecordPaymentFailure{customer.at("noah@peakfit.test"), "in_peakfit_" + month_text(base), Money{249'00, "USD"}, "Card declined", story.now},
            billing);
  // Renewal dates on the profiles.
  for (const auto& renewal : {std::pair{"sam@northwind.test", 45}, std::pair{"olga@ferncrest.test", 38}, std::pair{"david@copperline.test", 200},
                               std::pair{"li@harborline.test", 120}}) {
    at(1);
    const auto id = customer.at(renewal.first);
    const auto days = renewal.second;
    auto c = story.s.commands.read(acme, [&](const ProgramState& s) { return *s.customer(id); });
    auto p = c->profile;
    p.renews_on = day_text(base + days * day_ms);
    story.run(acme, UpdateCustomer{c->id, p, c->version}, daniel);
  }
  // When the customers with accounts last signed in.
  const Actor& kenji = history_customers.at(0);
  const Actor& olga = history_customers.at(1);
  const Actor& marcus = history_customers.at(2);
  for (const auto& [who, days] : {std::pair{&olga, 19.0}, std::pair{&kenji, 16.0}, std::pair{&marcus, 2.1}, std::pair{&jordan, 1.0}}) {
    at(days);
    story.run(acme, RecordSignIn{}, *who);
  }
  // Emma asked to move to a smaller plan five weeks ago; Daniel kept her on hers with a discount.
  at(35);
  const auto emma_case = case_of("emma@brightleaf.test", PlanRequest::downgrade, "Asked on the phone to move to the free tier", daniel);
  story.run(acme, RecordRetentionReason{emma_case, LeaveReason::price, "The bakery's second shop closed; every cost is under review"}, daniel);
  story.run(acme, MakeRetentionOffer{emma_case, OfferKind::discount, 3, 20, ""}, daniel);
  at(34);
  story.run(acme, CloseRetentionCase{emma_case, CaseOutcome::saved, std::nullopt, "", false}, daniel);
  // Fatima's pilot ended ten days ago; she left with a reminder to win her back.
  at(12);
  const auto fatima_case = case_of("fatima@quillworks.test", PlanRequest::cancel, "Trial ending, no plan chosen", daniel);
  story.run(acme, RecordRetentionReason{fatima_case, LeaveReason::business_change, "The pilot project was cancelled by their board"}, daniel);
  at(10);
  story.run(acme, CloseRetentionCase{fatima_case, CaseOutcome::lost, std::nullopt, "Only needed it for the pilot; may come back in spring", true}, daniel);
  // Olga asked to cancel three days ago.
  at(3);
  story.run(acme, RequestPlanChange{PlanRequest::cancel, "We are consolidating vendors after our merger."}, olga);
  const auto olga_id = case_of("olga@ferncrest.test", PlanRequest::cancel, "", daniel); // the case her request opened (or joined)
  at(2.5);
  story.run(acme, RecordRetentionReason{olga_id, LeaveReason::business_change, "The merged group uses one platform; they need a reason to be the exception"}, daniel);
  // Inês asked on the phone how to cancel two days ago, naming Freshdesk; Daniel wrote it down as
  // her ticket, which opened the case, and made an offer within her band.
  at(2);
  const auto ines = customer.at("ines@solara.test");
  const auto ines_ticket = story.open(acme, daniel, ines, "Cancelling our plan", "Freshdesk quoted us 30% less. How do I cancel our subscription?",
                                      Priority::p2, Category::billing);
  auto ines_case = story.s.commands.read(acme, [&](const ProgramState& s) {
    const auto* k = s.retention.open_case_of(ines);
    return k ? k->id : 0;
  });
  if (ines_case && *ines_case) {
    at(1.8);
    story.reply(acme, daniel, ines_ticket, "Before you go, could you tell me what would need to change for Acme to work for you? I'd like to see what we can do.");
    story.run(acme, RecordRetentionReason{*ines_case, LeaveReason::competitor, "Freshdesk quoted 30% less for the same seats"}, daniel);
    at(1.7);
    story.run(acme, MakeRetentionOffer{*ines_case, OfferKind::months_free, 2, 0, "Two months free while you compare"}, daniel);
  }
  // Noah: Priya opened a case; three free months is beyond his band and waits for Maya.
  at(1);
  const auto noah_case = case_of("noah@peakfit.test", PlanRequest::none, "Usage fell by half and the card was declined", priya);
  story.run(acme, RecordRetentionReason{noah_case, LeaveReason::bad_experience, "Two studio sync outages in October cost them classes"}, priya);
  story.run(acme, MakeRetentionOffer{noah_case, OfferKind::months_free, 3, 0, "Three months free for the outages"}, priya);

  // Proactive outreach (Monitor and At Risk): the business wrote to the first such customer with
  // an account, from the at-risk template with the signals filled in, and the customer answered.
  at(0.8);
  struct Outreach {
    CustomerId customer = 0;
    PersonId person = 0;
    OutreachDraft draft;
  };
  auto chosen = story.s.commands.read(acme, [&](const ProgramState& s) {
    for (const auto& score : churn_scores(s, story.now)) {
      const auto* c = s.customer(score.customer_id);
      if (outreach_suggested(score.level) && c && c->person_id != 0 && !s.retention.open_case_of(c->id))
        return Outreach{c->id, c->person_id, outreach_draft(s, score, daniel.id)};
    }
    return Outreach{};
  });
  if (chosen && chosen->customer != 0) {
    auto text = chosen->draft.text;
    // What the writer adds by hand where the template asks for it.
    for (auto p = desk::placeholders_in(text); !p.empty(); p = desk::placeholders_in(text)) {
      const auto& first = p.front();
      std::string fill;
      if (first.name.rfind("Feature", 0) == 0) fill = "Scheduled exports, so the monthly report arrives by itself";
      else if (first.name.rfind("Resource", 0) == 0) fill = "Our ten-minute guide to dashboards for small teams";
      else if (first.name.rfind("Offer", 0) == 0) fill = "A 20-minute call with me this week to set it up together";
      else if (first.name == "Plan") fill = "current";
      text.replace(first.begin, first.end - first.begin, fill);
    }
    const auto sent = story.run(acme, ReachOut{chosen->customer, chosen->draft.subject, text, chosen->draft.template_id}, daniel);
    const auto ticket = sent["events"][0]["data"]["ticket_id"].get<TicketId>();
    for (const Actor* who : {&jordan, &kenji, &olga, &marcus})
      if (who->id == chosen->person) {
        at(0.5);
        story.reply(acme, *who, ticket, "Thanks for checking in. A call on Thursday morning would help: we never set up the scheduled exports.");
      }
  }
}

// Tickets at Acme over the last weeks: answered, overdue, escalated, rated, in the business
// queue, and one on a restricted topic, so every support screen has something real to show.
void support_story(Story& story, ProgramId acme, const std::map<std::string, CustomerId>& customer, const Actor& maya,
                   const Actor& daniel, const Actor& ava, const Actor& priya, const Actor& jordan, TimeMs base) {
  auto at = [&](double hours_ago) { story.now = base - static_cast<TimeMs>(hours_ago * 3'600'000); };
  const auto jordan_c = customer.at("customer@acme.test");

  at(15 * 24);
  auto invite = story.open(acme, jordan, jordan_c, "Can't invite a teammate", "The invite button is greyed out for my colleague Priyanka.",
                           Priority::p2, Category::account);
  at(15 * 24 - 5);
  story.timers(acme); // the 4 h first-response window passed (P2 Medium, stricter than the Standard tier's 12 h)
  at(15 * 24 - 6);
  story.reply(acme, ava, invite, "Sorry for the wait! Seats are full on your plan: remove an inactive user under Settings > Team, then invite again.",
              TicketStatus::resolved);
  at(15 * 24 - 16);
  story.run(acme, CloseTicket{invite, ""}, jordan);
  story.run(acme, RateTicket{invite, 2, 4, 4, 3, "The answer was right but it took six hours."}, jordan);

  at(20 * 24);
  auto slack = story.open(acme, daniel, customer.at("ines@solara.test"), "Slack alerts for failed syncs",
                          "Inês asked on a call whether failed syncs could post to Slack.", Priority::p3, Category::feature_request);
  at(20 * 24 - 3);
  story.reply(acme, priya, slack, "Great idea, Inês. Until then, email alerts can forward to a Slack channel address. I've logged the request.",
              TicketStatus::resolved);
  at(20 * 24 - 30);
  story.run(acme, CloseTicket{slack, ""}, daniel);

  at(9 * 24);
  auto csv = story.open(acme, jordan, jordan_c, "Exporting reports to CSV", "How do I export the monthly revenue report to CSV?",
                        Priority::p3, Category::how_to);
  at(9 * 24 - 2);
  story.reply(acme, ava, csv,
              "Hi Jordan! Open Reports > Monthly revenue, then Export > CSV (top right). Tip: schedule it under Export > Schedule to get it every month.",
              TicketStatus::resolved);
  at(9 * 24 - 5);
  story.run(acme, CloseTicket{csv, ""}, jordan);
  story.run(acme, RateTicket{csv, 5, 5, 5, 5, "Ava was quick and even showed me scheduling."}, jordan);
  story.run(acme, RateTicketHandling{csv, 5, std::array<int, 5>{2, 2, 2, 2, 2}, "Textbook HEARD answer."}, daniel);
  story.run(acme, AnswerRating{csv, "Thanks Jordan, glad it helped!"}, daniel);

  at(2 * 24);
  auto sso = story.open(acme, daniel, customer.at("li@harborline.test"), "SSO login loop",
                        "Li reports users bounce back to the login page after Okta sign-in.", Priority::p1, Category::account,
                        {Category::integration});
  at(2 * 24 - 0.5);
  story.reply(acme, priya, sso, "Thanks Li. Could you check the ACS URL in Okta ends with /sso/callback? That causes exactly this loop.");
  at(2 * 24 - 3);
  story.reply(acme, daniel, sso, "Li confirmed by phone that the ACS URL was wrong.", std::nullopt, true);
  story.reply(acme, priya, sso, "Glad that fixed it, Li! Closing this out; reply here if it comes back.", TicketStatus::resolved);
  at(2 * 24 - 4);
  story.run(acme, CloseTicket{sso, ""}, daniel);

  // A ticket with a whole audit trail: triaged, answered, escalated by Ava with her full
  // escalation note (a billing dispute is a restricted topic), taken over and resolved by Daniel.
  at(12 * 24);
  auto plan = story.open(acme, daniel, customer.at("fatima@quillworks.test"), "Invoice shows the wrong plan",
                         "Fatima's trial invoice #4471 charges the Growth plan; she signed up for Starter.", Priority::p2, Category::billing);
  at(12 * 24 - 0.5);
  story.run(acme, TriageTicket{plan, Priority::p1, Category::billing, {Category::account}}, ava);
  at(12 * 24 - 1);
  story.reply(acme, ava, plan, "Thanks Fatima, I can see the Growth plan on invoice #4471. I'm passing this to the billing team now.",
              TicketStatus::waiting_on_customer);
  at(12 * 24 - 1.2);
  story.run(acme, EscalateTicket{plan, "", EscalationNote{"Trial invoice #4471 bills Growth ($199) instead of Starter ($79)",
                                                          "1. Checked the subscription: Starter trial since 8 Nov\n2. Compared invoice #4471 with the plan",
                                                          "calm", "Trial conversion at risk: $79 MRR expected from December",
                                                          "Void invoice #4471 and reissue it for Starter before the trial ends"}},
            ava);
  at(12 * 24 - 2);
  story.run(acme, TakeOverTicket{plan}, daniel);
  at(12 * 24 - 3);
  story.reply(acme, daniel, plan, "We voided invoice #4471 and issued a Starter invoice for $79. Sorry for the mix-up, Fatima!",
              TicketStatus::resolved);

  at(26);
  auto slow = story.open(acme, jordan, jordan_c, "Dashboard charts load slowly",
                         "Since last week the revenue dashboard takes 20 seconds to load.", Priority::p2, Category::performance);
  at(24);
  story.reply(acme, ava, slow, "Hi Jordan, which browser are you on, and does it happen with a date range under 90 days?");
  // Jordan writes about the same charts again in a new ticket; Ava merges it into the first, so
  // the conversation is one (the new one closes with a pointer, its message joins the thread).
  at(22);
  auto again = story.open(acme, jordan, jordan_c, "Revenue dashboard still slow",
                          "Still slow today: 25 seconds for the revenue dashboard. Is anyone looking at this?", Priority::p2,
                          Category::performance);
  at(21.5);
  story.run(acme, MergeTickets{slow, {again}}, ava);
  at(5);
  // Jordan attaches the load times the browser measured (in the customer's data export too).
  const auto timings = story.store_file(acme, jordan, "dashboard-load-times.csv", "text/csv",
                                        "chart,range,seconds\nRevenue by month,30 days,19.8\nMRR trend,30 days,17.2\n"
                                        "Churn by plan,30 days,4.1\nRevenue by month,7 days,12.6\n",
                                        false);
  story.run(acme, ReplyToTicket{slow, "Chrome. Yes, even for the last 30 days. The load times I measured are attached.", false, {}, {timings}, false},
            jordan);

  at(6);
  auto payment = story.open(acme, daniel, customer.at("noah@peakfit.test"), "Payment failed, account locked",
                            "Noah's card payment failed and the team can't sign in.", Priority::p1, Category::billing, {Category::account});
  at(5.5);
  // A restricted topic (payments, account access): Priya escalates instead of answering.
  story.run(acme, EscalateTicket{payment, "", EscalationNote{"Card payment failed; account locked for the whole team", "Acknowledged, routed to billing",
                                                              "frustrated", "$249 MRR, past due", "Billing team retries the card and unlocks"}},
            priya);
  // Daniel takes it to Stripe: the ticket waits on them (the business accepts the wait, so the
  // resolution time is held) and Noah is told when to expect the unlock.
  at(5.8);
  story.run(acme, WaitOnThirdParty{payment, "Stripe (payment processor)", "Case 48213", base + 20LL * 3'600'000}, daniel);
  story.run(acme, AcceptThirdPartyWait{payment}, daniel);
  story.run(acme, SetResolutionEstimate{payment, base + 30LL * 3'600'000, "Stripe retries the card within a day; we unlock the team right after."},
            daniel);

  at(5);
  story.open(acme, daniel, customer.at("sam@northwind.test"), "Webhook deliveries failing since Monday",
             "Sam's team sees 502s on every shipment.created webhook since Monday 09:00.", Priority::p1, Category::integration,
             {Category::bug});

  at(4);
  auto audit = story.open(acme, daniel, customer.at("olga@ferncrest.test"), "Data export for our annual audit",
                          "Olga needs a full export of clinic activity for 2025 for the auditors.", Priority::p2, Category::how_to);
  // Daniel calls Olga and logs the call: his notes stay internal, the written summary goes to her
  // in the thread (seed 002: always send a written summary of what was discussed).
  at(3.5);
  story.run(acme,
            LogConversation{audit, "phone", 14,
                            "Olga needs appointments, invoices and staff hours for 2025, one file per clinic. Auditors want CSV. "
                            "She asked whether deleted appointments are included: told her no, they are in the audit log export.",
                            "Thanks for the call, Olga. What we agreed: you export appointments, invoices and staff hours for 2025 "
                            "as CSV, one file per clinic, from Reports > Export. Deleted appointments are not in these files; "
                            "they are in Settings > Audit log > Export. I will check in on Thursday that the auditors have what "
                            "they need.",
                            TicketStatus::waiting_on_customer, false},
            daniel);

  at(3);
  story.open(acme, daniel, customer.at("emma@brightleaf.test"), "Adding a second bakery location",
             "Emma is opening a second shop and wants both on one dashboard.", Priority::p3, Category::how_to, {Category::onboarding});

  at(1);
  story.open(acme, daniel, customer.at("david@copperline.test"), "Charged twice for November",
             "David says the November invoice was charged twice and wants a refund of the duplicate.", Priority::p2, Category::billing);

  at(0.3);
  story.open(acme, jordan, jordan_c, "Adding a custom field to clients", "Can I add a 'preferred dentist' field to client records?",
             Priority::p3, Category::how_to);

  at(3 * 24);
  story.run(acme, WarnAgent{priya.id, "Two first responses past the SLA window in October"}, maya);
  at(0.2);
  story.run(acme, ScheduleCheckIn{customer.at("fatima@quillworks.test"), base + 2LL * 24 * 3'600'000, "Trial check-in: first project set up?"}, ava);
  // A check-in that has come due: Ava's quarterly call with Jordan, set up three days ago.
  at(3 * 24);
  story.run(acme, ScheduleCheckIn{jordan_c, base - 3LL * 3'600'000, "Quarterly review: how is reporting going?"}, ava);
  story.now = base;
}

// Abuse and threats (support/conduct_rules.hpp): yesterday Marcus, in the business queue, turned
// abusive over a failed import. Daniel documented it, warned him once with the seed's words, and
// paused the conversation when it went on; Maya restricted Marcus's tickets for two weeks.
// Retention periods (privacy/data_retention.hpp): four months ago Olga asked about a rejected
// import and sent the file; the ticket was closed. A month ago Maya set that closed tickets' text
// is kept two years and their attachments 90 days (below), so the scheduler's pass at the end of
// the demo removes Olga's file (the thread shows its name, marked removed) and the ticket says
// until when its text is kept. Told before the twelve weeks of history: ticket ids grow with
// opening time, as on a real desk.
void old_import_ticket(Story& story, ProgramId acme, CustomerId olga_c, const Actor& daniel, const Actor& olga, TimeMs base) {
  auto at = [&](double days_ago) { story.now = base - static_cast<TimeMs>(days_ago * 24 * 3'600'000); };
  at(118);
  const auto file = story.store_file(acme, olga, "clinic-contacts.csv", "text/csv",
                                     "name,clinic,phone\nDr. Ana Ruiz,Ferncrest North,555-0142\nDr. Tom Baker,Ferncrest East,555-0178\n", false);
  const auto t = story.run(acme, OpenTicket{olga_c, "Contacts import rejects our file", "The import says 'row 2: invalid phone'. The file is attached.",
                                            Priority::p3, Category::how_to, {}, {file}, 0},
                           olga)["events"][0]["data"]["ticket_id"].get<TicketId>();
  at(117.8);
  story.reply(acme, daniel, t, "Hi Olga, phone numbers need the country code (+1 555 0142). With it, the file imports cleanly.",
              TicketStatus::resolved);
  at(116);
  story.run(acme, CloseTicket{t, ""}, daniel);
}

void abuse_story(Story& story, ProgramId acme, CustomerId marcus_c, const Actor& maya, const Actor& daniel, const Actor& marcus, TimeMs base) {
  auto at = [&](double hours_ago) { story.now = base - static_cast<TimeMs>(hours_ago * 3'600'000); };
  at(26);
  auto t = story.open(acme, marcus, marcus_c, "Import wiped our project list",
                      "Your import just wiped half our projects. Are you people completely incompetent? Fix it NOW.", Priority::p1,
                      Category::bug);
  at(25.5);
  story.run(acme, HandleAbuse{t, AbuseStep::mark, 1, "Insults the team"}, daniel);
  story.run(acme, HandleAbuse{t, AbuseStep::warn, 0,
                              std::string(abuse_warning_text) + " I'm restoring your projects from last night's backup now."},
            daniel);
  at(24);
  auto again = story.run(acme, ReplyToTicket{t, "Don't lecture me, you clown. Every one of you should be fired.", false, {}, {}, false},
                         marcus)["events"][0]["data"]["message"]["id"].get<std::int64_t>();
  at(23.8);
  story.run(acme, HandleAbuse{t, AbuseStep::mark, again, "Continued after the warning"}, daniel);
  story.run(acme, HandleAbuse{t, AbuseStep::pause, 0,
                              std::string(abuse_pause_text) + " Your projects are restored; Maya will call you tomorrow."},
            daniel);
  at(20);
  story.run(acme, RestrictTicketing{marcus_c, 14, "Repeated insults to our support team on ticket #" + std::to_string(t)}, maya);
}

// A tiny one-page PDF for the demo's PDF guide.
std::string demo_pdf() {
  const std::string text = "BT /F1 18 Tf 72 720 Td (Acme Analytics - Support policy guide) Tj 0 -32 Td /F1 12 Tf "
                           "(Escalate billing disputes, refunds, security and account deletion to the business.) Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Acme's support certification: training in four formats, a question bank, and agents at
// different stages (certified, failed and waiting to retry, submitted for grading).
struct Certification {
  Story& story;
  ProgramId acme;
  std::vector<Question> bank;          // as saved, with their ids
  std::vector<ModuleId> modules;
  std::vector<std::pair<ModuleId, QuizKey>> quizzes;

  void setup(const Actor& owner) {
    AssessmentRules rules;
    rules.draw_count = 6;
    rules.time_limit_minutes = 20;
    rules.pass_percent = 70;
    rules.final_review = FinalReview::manual;
    rules.retry_days = 3;
    rules.max_attempts = 3;
    rules.validity_months = 12;
    story.run(acme, ChangeCertificationSettings{AccessMode::request, rules}, owner);

    TrainingModule text;
    text.kind = ModuleKind::text;
    text.title = "Support boundaries and escalation";
    text.description = "What you may handle, the seven restricted topics and how to escalate them.";
    text.sections = {
        {"What you handle", "You answer how-to questions, onboarding, feature guidance and first-line troubleshooting for the customers assigned to you.",
         {{"Which of these do you answer yourself?", {"A refund approval", "How to export a report", "A password reset for someone else"}}}},
        {"Restricted topics", "Billing disputes, password and security, sensitive financial records, legal and tax advice, complex technical bugs, "
                              "refund approvals and account deletion always go to the business, with an escalation note.",
         {{"A customer asks to delete their account. You...", {"Delete it", "Escalate to the business", "Ignore the request"}},
          {"Who approves refunds?", {"The agent", "The business", "The customer"}}}},
        {"The escalation note", "Summarise the issue, what was tried, the customer's sentiment, the business impact and your recommended action.",
         {}},
    };
    modules.push_back(save(text, {{1}, {1, 1}, {}}, owner));

    TrainingModule demo;
    demo.kind = ModuleKind::demo_script;
    demo.title = "Onboarding call walkthrough";
    demo.description = "Practise the 15-minute onboarding call until it feels natural.";
    demo.script = "1. Greet and confirm goals.\n2. Connect the first data source.\n3. Build the revenue dashboard together.\n"
                  "4. Schedule the monthly export.\n5. Agree on a check-in date.";
    demo.practice_sessions = 2;
    modules.push_back(save(demo, {}, owner));

    TrainingModule faq;
    faq.kind = ModuleKind::faq;
    faq.title = "Top customer questions";
    faq.description = "The questions Acme customers ask most, with the answers support gives.";
    faq.faq = {{"How do I export a report to CSV?", "Reports > pick the report > Export > CSV. Schedules live under Export > Schedule."},
               {"Why is my dashboard slow?", "Long date ranges over many sources; suggest under 90 days and check the browser."},
               {"Can I add custom fields?", "Yes, on Growth and Enterprise: Settings > Fields."}};
    modules.push_back(save(faq, {}, owner));

    TrainingModule guide;
    guide.kind = ModuleKind::pdf;
    guide.title = "Support policy guide";
    guide.description = "Acme's support policies in one page. Open it, read it, then acknowledge.";
    guide.required = false;
    guide.file = story.store_file(acme, owner, "acme-support-policy.pdf", "application/pdf", demo_pdf(), true);
    modules.push_back(save(guide, {}, owner));

    auto mc = [](const char* prompt, std::vector<std::string> options, std::vector<int> correct) {
      Question q;
      q.prompt = prompt, q.options = std::move(options), q.correct = std::move(correct);
      return q;
    };
    std::vector<Question> questions = {
        mc("A customer asks you to approve a refund for a duplicate charge. What do you do?",
           {"Approve it yourself", "Escalate to the business with an escalation note", "Tell them refunds are impossible"}, {1}),
        mc("Which of these must an agent escalate? Choose all that apply.", {"Billing disputes", "How-to questions", "Account deletion", "Feature requests"},
           {0, 2}),
        mc("What is the first-response target for Urgent-tier customers?", {"30 minutes", "2 hours", "12 hours", "24 hours"}, {1}),
        mc("In the HEARD method, what does the A stand for?", {"Acknowledge", "Apologize", "Act", "Ask"}, {2}),
        mc("A resolved ticket reopens when...", {"the customer replies within the reopen window", "the agent edits it", "a week passes"}, {0}),
        mc("When does your support commission for a customer stop?", {"When the customer cancels", "When you get a 3-star rating", "Never"}, {0}),
    };
    Question short_answer;
    short_answer.kind = QuestionKind::short_answer;
    short_answer.prompt = "In two or three sentences, how do you tell a customer their issue is being escalated?";
    short_answer.rubric = "Acknowledges the issue, says who takes it over and when they will hear back, no blame. 2 points.";
    short_answer.points = 2;
    questions.push_back(short_answer);
    Question scenario;
    scenario.kind = QuestionKind::scenario;
    scenario.situation = "Sam from Northwind writes: 'Your webhooks have failed for two days and my boss wants a credit on our invoice.'";
    scenario.prompt = "How do you respond, and what do you do next?";
    scenario.rubric = "Empathy first; gathers webhook details; does not promise a credit (billing dispute) but escalates it with a note. 3 points.";
    scenario.points = 3;
    questions.push_back(scenario);
    for (auto& q : questions) {
      auto body = story.run(acme, SaveQuestion{q}, owner);
      q.id = body["events"][0]["data"]["question"]["id"].get<QuestionId>();
      bank.push_back(q);
    }
  }

  ModuleId save(const TrainingModule& m, QuizKey key, const Actor& owner) {
    auto body = story.run(acme, SaveTrainingModule{m, key}, owner);
    auto id = body["events"][0]["data"]["module"]["id"].get<ModuleId>();
    if (m.kind == ModuleKind::text) quizzes.emplace_back(id, std::move(key));
    return id;
  }

  void train(const Actor& agent, bool all = true) {
    story.run(acme, RequestSupportAccess{}, agent);
    for (const auto& [id, key] : quizzes)
      for (std::size_t section = 0; section < key.size(); ++section)
        story.run(acme, RecordTrainingProgress{id, "answer_quiz", 0, static_cast<int>(section), key[section], 0}, agent);
    if (!all) return;
    story.run(acme, RecordTrainingProgress{modules[1], "practice", 0, 0, {}, 0}, agent);
    story.run(acme, RecordTrainingProgress{modules[1], "practice", 0, 0, {}, 0}, agent);
    for (int item = 0; item < 3; ++item) story.run(acme, RecordTrainingProgress{modules[2], "review", 0, 0, {}, item}, agent);
  }

  // Takes an attempt (submitted, or only answered and left to run out); returns its number
  // and whether it needs grading.
  std::pair<int, bool> attempt(const Actor& agent, bool well, bool submit = true) {
    auto started = story.run(acme, StartAssessment{}, agent);
    const auto& a = started["events"][0]["data"]["attempt"];
    std::vector<AnswerGiven> answers;
    bool free_answers = false;
    for (const auto& p : a["paper"]) {
      const auto id = p["id"].get<QuestionId>();
      auto q = std::find_if(bank.begin(), bank.end(), [&](const Question& x) { return x.id == id; });
      AnswerGiven g{id, {}, {}};
      if (q->kind == QuestionKind::multiple_choice) {
        g.choices = well ? q->correct : std::vector<int>{q->correct[0] == 0 ? 1 : 0};
      } else {
        free_answers = true;
        g.text = well ? "I understand how frustrating this is. I've passed it to Acme's billing team with the details; they'll reply within a day, "
                        "and I'll keep checking in until it's settled."
                      : "Not sure, I would probably give the credit.";
      }
      answers.push_back(std::move(g));
    }
    const int number = a["number"].get<int>();
    if (submit) story.run(acme, SubmitAssessment{number, answers}, agent);
    else story.run(acme, SaveAnswers{number, answers}, agent);
    return {number, free_answers};
  }

  // The first instant from `from` on (in whole seconds) at which the agent's next attempt draws
  // a free answer (short answer or scenario), so an attempt started then waits for grading
  // whatever the clock says when the demo loads.
  TimeMs start_with_free_answer(const Actor& agent, TimeMs from) {
    const int number = story.s.commands
                           .read(acme,
                                 [&](const ProgramState& s) {
                                   auto rec = s.certification.agent(agent.id);
                                   return rec ? static_cast<int>(rec->attempts.size()) + 1 : 1;
                                 })
                           .value_or(1);
    const int draw = story.s.commands.read(acme, [](const ProgramState& s) { return s.certification.rules.draw_count; }).value_or(0);
    for (TimeMs at = from; at < from + 600'000; at += 1'000)
      for (auto i : draw_paper(bank.size(), draw, acme, agent.id, number, at))
        if (bank[i].kind != QuestionKind::multiple_choice) return at;
    throw std::runtime_error("demo: no paper with a free answer");
  }

  void grade(const Actor& grader, const Actor& agent, int number, bool well) {
    const auto& rec = story.s.commands.read(acme, [&](const ProgramState& s) { return *s.certification.agent(agent.id); });
    std::vector<QuestionGrade> grades;
    for (const auto& p : rec->attempts.at(static_cast<std::size_t>(number - 1)).paper)
      if (p.kind != QuestionKind::multiple_choice)
        grades.push_back(QuestionGrade{p.id, well ? p.points : 0, well ? "Clear, kind and escalates correctly." : "Promises a credit: that is a billing dispute.", false});
    story.run(acme, GradeAttempt{agent.id, number, grades}, grader);
  }

  void certify(const Actor& agent, const Actor& grader, const Actor& owner) {
    train(agent);
    auto [number, needs_grading] = attempt(agent, true);
    if (needs_grading) grade(grader, agent, number, true);
    story.run(acme, DecideCertification{agent.id, true, "Strong answers; trusted with Acme customers."}, owner);
  }
};


// Sofia Lindqvist, certified twelve days ago and assigned Amara Obi, answered her first ticket
// and planned a check-in with Amara for tomorrow; her second went overdue unanswered, and two days ago Maya suspended her with remediation
// required. Amara stays Sofia's customer, but her open and new tickets are in the business
// queue (Sofia reads them only) until Maya records the remediation, reinstates Sofia and
// chooses whether Amara comes back.
// Routing (seed 002, sections 1 and 8): Acme's seven teams with their people and an on-call rota
// (Daniel on weekdays, Maya at weekends), the default rules, and this morning's tickets they
// routed: a security scare held for the business, an enterprise billing question with the
// account managers, a cancellation with retention, an outage on call, a first how-to with onboarding.
void routing_story(Story& story, ProgramId acme, const std::map<std::string, CustomerId>& customer, const Actor& maya,
                   const Actor& daniel, const Actor& priya, TimeMs base) {
  story.now = base - 20 * 3'600'000LL;
  auto routing = desk::default_routing(maya.id);
  for (auto& team : routing.teams) {
    if (team.key == "on-call") {
      team.members = {maya.id, daniel.id};
      team.rota.clear();
      for (int d = 1; d <= 5; ++d) team.rota.push_back({d, 0, 1440, daniel.id});
      team.rota.push_back({0, 0, 1440, maya.id});
      team.rota.push_back({6, 0, 1440, maya.id});
    } else if (team.key == "account-managers") {
      team.members = {daniel.id, maya.id};
    } else if (team.key == "senior-support" || team.key == "onboarding") {
      team.members = {daniel.id, priya.id};
    } else if (team.key == "product") {
      team.members = {maya.id, daniel.id};
    }
  }
  story.run(acme, ChangeRouting{routing}, maya);
  auto at = [&](double hours_ago) { story.now = base - static_cast<TimeMs>(hours_ago * 3'600'000); };
  at(6);
  story.open(acme, daniel, customer.at("sam@northwind.test"), "Logins from an unknown country",
             "Sam saw three sign-ins from Lagos overnight on his admin account; nobody on his team travels.", Priority::p2, Category::security);
  at(5);
  const auto charged_twice = story.open(acme, daniel, customer.at("david@copperline.test"), "Charged twice for November",
             "David's November invoice appears twice on the firm's card statement.", Priority::p2, Category::billing);
  // The business's product areas (triage, seed 002 section 1); the double charge triaged with the
  // whole checklist, the other new tickets left in the untriaged queue.
  story.run(acme, SetProductAreas{{"Reports", "Dashboards", "Integrations", "Billing portal", "Account and sign-in"}}, maya);
  {
    TriageTicket triage{charged_twice, Priority::p1, Category::billing, {Category::account}};
    triage.summary = "David's November invoice was charged twice to the firm's card.";
    triage.product_area = "Billing portal";
    triage.screenshots = true;
    triage.environment = "Card statement (PDF) attached by the customer";
    story.run(acme, triage, daniel);
  }
  at(4);
  story.open(acme, daniel, customer.at("noah@peakfit.test"), "Thinking about cancelling",
             "Noah says the studio may move to a competitor after the failed payments this month.", Priority::p2, Category::churn_risk);
  at(3);
  story.open(acme, daniel, customer.at("olga@ferncrest.test"), "Dashboards down for every clinic",
             "Olga reports no clinic can load its dashboard since 07:40.", Priority::p0, Category::bug);
  at(2);
  story.open(acme, daniel, customer.at("kenji@tidewater.test"), "How do I connect Stripe?",
             "Kenji wants the surf school's Stripe payments in Acme; first time he writes to us.", Priority::p3, Category::how_to);
  story.now = base;
}

void suspension_story(Story& story, ProgramId acme, Certification& cert, const Actor& maya, const Actor& daniel, CustomerId amara,
                      TimeMs base) {
  auto at = [&](double days_ago) { story.now = base - static_cast<TimeMs>(days_ago * 24 * 3'600'000); };
  at(12);
  auto sofia = story.person("sofia@acme.test", "Sofia Lindqvist");
  story.join(acme, daniel, sofia, Role::agent);
  cert.certify(sofia, daniel, maya);
  story.run(acme, AssignCustomer{amara, sofia.id}, daniel);
  at(9);
  auto roster = story.open(acme, daniel, amara, "Roster import skips students", "Amara's CSV roster import leaves out 14 students with accented names.",
                           Priority::p2, Category::bug);
  at(9 - 0.1);
  story.reply(acme, sofia, roster, "Hi Amara, save the CSV as UTF-8 and import it again: all 14 students will come through.",
              TicketStatus::resolved);
  // A follow-up she planned: while she is suspended it waits in her follow-ups without Done or
  // Move, and the business handles it from Amara's page (check_ins.hpp).
  story.run(acme, ScheduleCheckIn{amara, base + 24LL * 3'600'000, "Term start: did every student come through the import?"}, sofia);
  at(3);
  story.open(acme, daniel, amara, "Report cards show last term's grades",
             "Amara's report cards for the spring term still print the autumn grades.", Priority::p2, Category::bug);
  at(2.05);
  story.timers(acme); // unanswered under Sofia: overdue, then escalated by the SLA rules
  at(2);
  story.run(acme, SetAgentStatus{sofia.id, PartnerStatus::suspended, "Quality dropped: customers waited days for a first response. Retraining first.",
                                 {}, true, false},
            maya);
  at(1);
  story.open(acme, daniel, amara, "Timetable sync stopped on Monday", "The timetable has not synced with the school calendar since Monday.",
             Priority::p2, Category::integration);
}

// Commissions at Acme since the program started, six months ago: a plan from its first day,
// the customers' monthly payments (with a refund of a paid-out line and a cancellation), month
// closes and approvals by the scheduler, a payout batch on the 10th of every month, a bonus, and
// Priya's five-day suspension, which stops her support commission for those days while her
// referral commission runs on. Story time stays before `until` (the support story's tickets
// come after it); payments due later are returned to be recorded at the end.
struct PaymentDue {
  CustomerId customer;
  Money amount;
  TimeMs at;
  std::string external_id;
};

std::vector<PaymentDue> commission_story(Story& story, ProgramId acme, const std::map<std::string, CustomerId>& customer, const Actor& maya,
                                         const Actor& daniel, const Actor& ava, const Actor& priya, TimeMs until, TimeMs base) {
  constexpr TimeMs hour = 3'600'000;
  const MonthIndex first = month_of(story.now);
  CommissionPlan plan;
  plan.currency = "USD";
  plan.effective_from = core::format_date(core::civil_from_days(day_of(story.now)));
  plan.referral_first_bps = 2'000;     // 20% of a referred customer's first payment
  plan.referral_recurring_bps = 1'000; // and 10% of every payment for a year
  plan.referral_recurring_months = 12;
  plan.support_basis = SupportBasis::mrr_share;
  plan.support_mrr_bps = 800; // 8% of each assigned customer's MRR per month
  plan.hold_days = 14;
  story.run(acme, SaveCommissionPlan{plan}, maya);
  // The billing system's key (never shown: the demo's billing system is the story itself).
  const auto key = auth::new_api_key();
  story.run(acme, CreateApiKey{"Stripe billing sync", key.substr(0, api_key_prefix_length), auth::token_hash(key)}, maya);
  const Actor billing{support_rules::system_actor, "Billing system", ""};

  // Who pays every month: the referred customers with a subscription (Noah stopped paying last
  // month, Marcus cancelled in the fourth month; Fatima is still on her trial).
  const char* payers[] = {"customer@acme.test", "sam@northwind.test",   "li@harborline.test", "noah@peakfit.test", "emma@brightleaf.test",
                          "kenji@tidewater.test", "marcus@ironoak.test", "ines@solara.test",  "david@copperline.test"};
  const MonthIndex now_month = month_of(base);
  std::vector<PaymentDue> later;
  auto at = [&](MonthIndex m, int day, int hours) { return month_start(m) + (day - 1) * day_ms + hours * hour; };
  auto when = [&](TimeMs t) {
    if (t >= until) return false;
    story.now = t;
    return true;
  };
  auto approved_lines = [&] {
    return *story.s.commands.read(acme, [](const ProgramState& s) {
      std::vector<LineId> ids;
      for (const auto& [id, l] : s.commissions.lines)
        if (l.state == LineState::approved && l.kind != LineKind::payout && l.amount.minor > 0) ids.push_back(id);
      return ids;
    });
  };
  auto cancel = [&](CustomerId id) {
    auto c = *story.s.commands.read(acme, [&](const ProgramState& s) { return *s.customer(id); });
    c.profile.subscription = SubscriptionStatus::cancelled;
    c.profile.mrr.minor = 0;
    story.run(acme, UpdateCustomer{id, c.profile, c.version}, daniel);
  };
  std::string emma_second_payment;
  for (MonthIndex m = first + 1; m <= now_month; ++m) {
    if (when(at(m, 1, 2))) story.timers(acme); // closes the month before
    for (const char* email : payers) {
      const auto id = customer.at(email);
      const std::string who = email;
      if (who == "marcus@ironoak.test" && m > first + 4) continue;
      if (who == "noah@peakfit.test" && m >= now_month - 1) continue;
      auto mrr = *story.s.commands.read(acme, [&](const ProgramState& s) { return s.customer(id)->profile.mrr; });
      if (who == "marcus@ironoak.test") mrr = Money{249'00, "USD"};
      const auto t = at(m, 3, 9);
      std::string external = "in_" + month_label(m) + "_" + std::to_string(id);
      external.erase(std::remove(external.begin(), external.end(), '-'), external.end());
      if (who == "emma@brightleaf.test" && m == first + 2) emma_second_payment = external;
      if (t > base) continue;
      if (!when(t)) {
        later.push_back({id, mrr, t, external});
        continue;
      }
      story.run(acme, RecordPayment{external, id, PaymentKind::payment, mrr, t, ""}, billing);
    }
    if (m == first + 3 && when(at(m, 12, 10)))
      story.run(acme, SetAgentStatus{priya.id, PartnerStatus::suspended, "Two escalations handled outside the restricted-topics rules; retraining first.", {}, false, false}, maya);
    if (m == first + 3 && when(at(m, 17, 15))) story.run(acme, SetAgentStatus{priya.id, PartnerStatus::active, "", {}, false, false, true}, maya); // her customers come back
    if (m == first + 3 && when(at(m, 20, 11)))
      story.run(acme, RecordPayment{"re_" + emma_second_payment, customer.at("emma@brightleaf.test"), PaymentKind::refund, Money{49'00, "USD"}, story.now,
                                    emma_second_payment},
                daniel);
    if (m == first + 4 && when(at(m, 5, 16)))
      story.run(acme, AdjustCommission{ava.id, LedgerSide::referral, Money{75'00, "USD"}, "Referral contest bonus: three new Growth customers in a quarter", 0},
                maya);
    if (m == first + 4 && when(at(m, 14, 10))) cancel(customer.at("marcus@ironoak.test"));
    if (when(at(m, 10, 8))) {
      story.timers(acme); // approves what passed its holding period
      auto ids = approved_lines();
      if (!ids.empty()) story.run(acme, RecordPayout{"ACH-" + month_label(m), "USD", ids}, maya);
    }
  }
  return later;
}

} // namespace

void load_demo_program(app::Services& s) {
  // One hash for every demo account: they share the published demo password anyway, and
  // hashing once keeps the first start fast.
  const TimeMs base = s.now_ms();
  // The program started on the 5th, six months ago.
  Story story{s, auth::hash_password(demo_password), month_start(month_of(base) - 6) + 4 * day_ms + 9 * 3'600'000LL};

  auto maya = story.person("owner@acme.test", "Maya Chen");
  auto daniel = story.person("staff@acme.test", "Daniel Brooks");
  auto ava = story.person("agent@acme.test", "Ava Martinez");
  auto theo = story.person("trainee@acme.test", "Theo Okafor");
  auto priya = story.person("priya@acme.test", "Priya Nair");
  auto jordan = story.person("customer@acme.test", "Jordan Lee");
  auto rosa = story.person("owner@brightside.test", "Rosa Alvarez");

  const auto acme = story.create_program("Acme Analytics", maya);
  story.join(acme, maya, daniel, Role::staff);
  story.join(acme, daniel, ava, Role::agent);
  story.join(acme, daniel, theo, Role::agent);
  story.join(acme, daniel, priya, Role::agent);

  struct Row {
    const char* name;
    const char* email;
    const char* segment;
    SubscriptionStatus sub;
    const char* started;
    std::int64_t mrr_cents;
    const Actor* referrer;
    const Actor* assignee;
  };
  const Row rows[] = {
      {"Jordan Lee (Lumen Dental)", "customer@acme.test", "Growth", SubscriptionStatus::active, "2025-04-14", 129'00, &ava, &ava},
      {"Sam Rivera (Northwind Freight)", "sam@northwind.test", "Enterprise", SubscriptionStatus::active, "2024-11-02", 1'450'00, &ava, &ava},
      {"Li Wei (Harborline Logistics)", "li@harborline.test", "Enterprise", SubscriptionStatus::active, "2025-01-20", 980'00, &priya, &priya},
      {"Fatima Zahra (Quillworks)", "fatima@quillworks.test", "Starter", SubscriptionStatus::trialing, "2026-11-08", 0, &ava, &ava},
      {"Noah Schmidt (PeakFit Studios)", "noah@peakfit.test", "Growth", SubscriptionStatus::past_due, "2025-07-01", 249'00, &priya, &priya},
      {"Emma Dubois (Brightleaf Bakery)", "emma@brightleaf.test", "Starter", SubscriptionStatus::active, "2025-09-15", 49'00, &ava, &ava},
      {"Kenji Sato (Tidewater Surf)", "kenji@tidewater.test", "Growth", SubscriptionStatus::active, "2025-02-03", 199'00, &theo, nullptr},
      {"Olga Petrova (Ferncrest Clinics)", "olga@ferncrest.test", "Enterprise", SubscriptionStatus::active, "2024-06-11", 2'100'00, nullptr, nullptr},
      {"Marcus Green (Ironoak Builders)", "marcus@ironoak.test", "Growth", SubscriptionStatus::active, "2024-09-30", 249'00, &priya, nullptr},
      {"Inês Costa (Solara Energy)", "ines@solara.test", "Growth", SubscriptionStatus::active, "2025-05-22", 329'00, &priya, &priya},
      {"David Cohen (Copperline Legal)", "david@copperline.test", "Enterprise", SubscriptionStatus::active, "2025-03-09", 1'200'00, &ava, &ava},
      {"Amara Obi (Bluepine Schools)", "amara@bluepine.test", "Starter", SubscriptionStatus::active, "2026-02-17", 79'00, nullptr, nullptr},
  };
  // Certification comes first: only certified agents are assigned customers.
  Certification cert{story, acme, {}, {}, {}};
  cert.setup(maya);
  cert.certify(ava, daniel, maya);
  cert.certify(priya, daniel, maya);

  CustomerId jordan_record = 0;
  std::map<std::string, CustomerId> by_email;
  for (const auto& r : rows) {
    auto id = story.add_customer(acme, daniel,
                                 CustomerProfile{r.name, r.email, r.segment, r.sub, r.started, Money{r.mrr_cents, "USD"},
                                                 r.referrer ? r.referrer->id : 0, ""});
    if (r.assignee) story.run(acme, AssignCustomer{id, r.assignee->id}, daniel);
    if (std::string(r.email) == "customer@acme.test") jordan_record = id;
    by_email[r.email] = id;
  }
  story.join(acme, daniel, jordan, Role::customer, jordan_record);
  // The knowledge base first (demo_knowledge.cpp): articles, missed searches, deflection, so the
  // scheduler's weekly hygiene reviews in the stories below have something to review.
  const DemoRun kb_run = [&](const Command& c, const Actor& by, TimeMs at) {
    story.now = at;
    return story.run(acme, c, by);
  };
  const TimeMs before_kb = story.now;
  knowledge_articles_story(kb_run, daniel, ava, jordan, base);
  story.now = before_kb; // the stories below start where they did
  std::vector<Actor> history_customers;
  for (const auto& [email, name] : {std::pair{"kenji@tidewater.test", "Kenji Sato"}, std::pair{"olga@ferncrest.test", "Olga Petrova"},
                                    std::pair{"marcus@ironoak.test", "Marcus Green"}}) {
    history_customers.push_back(story.person(email, name));
    story.join(acme, daniel, history_customers.back(), Role::customer, by_email.at(email));
  }
  old_import_ticket(story, acme, by_email.at("olga@ferncrest.test"), daniel, history_customers[1], base);
  history_story(story, acme, by_email, daniel, history_customers, base);
  story.now = before_kb;
  auto payments_later = commission_story(story, acme, by_email, maya, daniel, ava, priya, base - 21 * day_ms, base);
  support_story(story, acme, by_email, maya, daniel, ava, priya, jordan, base);
  routing_story(story, acme, by_email, maya, daniel, priya, base);
  retention_story(story, acme, by_email, maya, daniel, priya, jordan, history_customers, base);
  abuse_story(story, acme, by_email.at("marcus@ironoak.test"), maya, daniel, history_customers[2], base);
  // Erasure (privacy/erasure.hpp): Bluepine's head teacher phoned yesterday to ask that Amara's
  // data be erased when the school's contract ends; Maya put the request in the queue, where an
  // owner or admin approves it.
  story.now = base - 26 * 3'600'000LL;
  story.run(acme, RequestErasure{by_email.at("amara@bluepine.test"), "Asked by phone: the school's contract ends this month"}, maya);
  story.now = base - 30 * day_ms; // the retention periods (old_import_ticket)
  story.run(acme, SetDataRetention{730, 90}, maya);

  // Theo trains and fails his first attempt two days ago. Marco started his an hour ago and
  // ran out of time: the server's scheduler submits it with his saved answers when it starts,
  // and it waits for grading.
  story.now = base - 2LL * 24 * 3'600'000;
  cert.train(theo);
  auto [theo_attempt, theo_graded] = cert.attempt(theo, false);
  if (theo_graded) cert.grade(daniel, theo, theo_attempt, false);
  story.now = base - 3LL * 24 * 3'600'000;
  auto marco = story.person("marco@acme.test", "Marco Rossi");
  story.join(acme, daniel, marco, Role::agent);
  cert.train(marco);
  story.now = cert.start_with_free_answer(marco, base - 3'600'000LL);
  cert.attempt(marco, true, false);
  suspension_story(story, acme, cert, maya, daniel, by_email.at("amara@bluepine.test"), base);
  story.now = base;
  for (const auto& p : payments_later)
    story.run(acme, RecordPayment{p.external_id, p.customer, PaymentKind::payment, p.amount, p.at, ""}, Actor{support_rules::system_actor, "Billing system", ""});
  // Yesterday Daniel added an adjustment above the program's threshold (500.00): it waits for
  // Maya, an owner, to approve it, since nobody approves their own.
  story.now = base - 26 * 3'600'000LL;
  story.run(acme, AdjustCommission{priya.id, LedgerSide::support, Money{650'00, "USD"}, "Weekend cover for the Harborline migration: 14 hours beyond her customers",
                                   by_email.at("li@harborline.test")},
            daniel);
  story.now = base;
  // The question three customers asked without an article (demo_knowledge.cpp).
  knowledge_questions_story(kb_run, by_email, daniel, jordan, base);
  story.now = base;
  // Response templates (seed 002, section 3): one of the business's own beside the seed's six (a
  // new program starts with them and the five canned-response triggers).
  story.run(acme,
            SaveResponseTemplate{0, "Welcome call offer", "onboarding",
                                 "Hi [Name],\n\nWelcome to [Program]! I'm [Agent name], and I'll be looking after your [Plan] account.\n\n"
                                 "Most teams get the most out of their first month with a 20-minute setup call. Would [a time that suits them] work?\n\n"
                                 "[Sign-off]"},
            maya);

  // The scheduler's pass now writes the weekly reports of the last twelve weeks (a server writes
  // the ones it missed); Maya and Daniel add action items to last week's, and Maya enters the
  // support cost of this quarter and the last for the quarterly review.
  story.now = base;
  story.timers(acme);
  const auto last_week = week_of(base) - 1;
  const auto in_days = [&](int days) { return core::format_date(core::date_of_ms(base + days * day_ms)); };
  story.run(acme, AddReportAction{last_week, "Add a second person to the business queue on Monday mornings", "Daniel Brooks", in_days(10)}, maya);
  story.run(acme, AddReportAction{last_week, "Write a help article on the CSV export's columns", "Ava Martinez", in_days(7)}, daniel);
  story.run(acme, SetSupportCost{quarter_of(base), 18'000'00}, maya);
  story.run(acme, SetSupportCost{quarter_of(base - 92 * day_ms), 16'500'00}, maya);

  const auto brightside = story.create_program("Brightside CRM", rosa);
  story.join(brightside, rosa, ava, Role::agent);

  s.log.info("demo program loaded", {{"programs", 2}, {"events", s.commands.event_count()}});
}

} // namespace pd::demo
