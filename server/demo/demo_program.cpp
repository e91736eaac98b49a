#include "server/demo/demo_program.hpp"

#include "server/auth/passwords.hpp"
#include "server/auth/tokens.hpp"

#include <stdexcept>

namespace pd::demo {

using identity::Role;
using namespace domain;

const std::vector<DemoSignIn>& demo_sign_ins() {
  static const std::vector<DemoSignIn> all = {
      {"owner@acme.test", "business owner of Acme Analytics"},
      {"staff@acme.test", "support staff at Acme Analytics"},
      {"agent@acme.test", "certified support agent"},
      {"trainee@acme.test", "agent working towards certification"},
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
    auto id = s.accounts.create_person(email, name, password_hash, now);
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
};

} // namespace

void load_demo_program(app::Services& s) {
  // One hash for every demo account: they share the published demo password anyway, and
  // hashing once keeps the first start fast.
  Story story{s, auth::hash_password(demo_password), s.now_ms()};

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
      {"Marcus Green (Ironoak Builders)", "marcus@ironoak.test", "Growth", SubscriptionStatus::cancelled, "2024-09-30", 0, &priya, nullptr},
      {"Inês Costa (Solara Energy)", "ines@solara.test", "Growth", SubscriptionStatus::active, "2025-05-22", 329'00, &priya, &priya},
      {"David Cohen (Copperline Legal)", "david@copperline.test", "Enterprise", SubscriptionStatus::active, "2025-03-09", 1'200'00, &ava, &ava},
      {"Amara Obi (Bluepine Schools)", "amara@bluepine.test", "Starter", SubscriptionStatus::active, "2026-02-17", 79'00, nullptr, nullptr},
  };
  CustomerId jordan_record = 0;
  for (const auto& r : rows) {
    auto id = story.add_customer(acme, daniel,
                                 CustomerProfile{r.name, r.email, r.segment, r.sub, r.started, Money{r.mrr_cents, "USD"},
                                                 r.referrer ? r.referrer->id : 0});
    if (r.assignee) story.run(acme, AssignCustomer{id, r.assignee->id}, daniel);
    if (std::string(r.email) == "customer@acme.test") jordan_record = id;
  }
  story.join(acme, daniel, jordan, Role::customer, jordan_record);

  const auto brightside = story.create_program("Brightside CRM", rosa);
  story.join(brightside, rosa, ava, Role::agent);

  s.log.info("demo program loaded", {{"programs", 2}, {"events", s.commands.event_count()}});
}

} // namespace pd::demo
