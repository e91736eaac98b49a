#include "server/demo/demo_program.hpp"

#include "server/auth/passwords.hpp"

namespace pd::demo {

using identity::Role;

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

void load_demo_program(app::Services& s) {
  const auto now = s.now_ms();
  // One hash for every demo account: they share the published demo password anyway, and
  // hashing once keeps the first start fast.
  const auto hash = auth::hash_password(demo_password);
  auto person = [&](const char* email, const char* name) { return s.accounts.create_person(email, name, hash, now); };

  const auto acme = s.accounts.create_program("Acme Analytics", now);
  const auto brightside = s.accounts.create_program("Brightside CRM", now);

  s.accounts.add_membership(acme, person("owner@acme.test", "Maya Chen"), Role::owner, now);
  s.accounts.add_membership(acme, person("staff@acme.test", "Daniel Brooks"), Role::staff, now);

  const auto ava = person("agent@acme.test", "Ava Martinez");
  s.accounts.add_membership(acme, ava, Role::agent, now);
  s.accounts.add_membership(brightside, ava, Role::agent, now);
  s.accounts.add_membership(acme, person("trainee@acme.test", "Theo Okafor"), Role::agent, now);
  s.accounts.add_membership(acme, person("priya@acme.test", "Priya Nair"), Role::agent, now);

  const char* customers[][2] = {
      {"customer@acme.test", "Jordan Lee"},        {"sam@northwind.test", "Sam Rivera"},
      {"li@harborline.test", "Li Wei"},            {"fatima@quillworks.test", "Fatima Zahra"},
      {"noah@peakfit.test", "Noah Schmidt"},       {"emma@brightleaf.test", "Emma Dubois"},
      {"kenji@tidewater.test", "Kenji Sato"},      {"olga@ferncrest.test", "Olga Petrova"},
      {"marcus@ironoak.test", "Marcus Green"},     {"ines@solara.test", "Inês Costa"},
      {"david@copperline.test", "David Cohen"},    {"amara@bluepine.test", "Amara Obi"},
  };
  for (const auto& c : customers) s.accounts.add_membership(acme, person(c[0], c[1]), Role::customer, now);

  s.accounts.add_membership(brightside, person("owner@brightside.test", "Rosa Alvarez"), Role::owner, now);
  s.log.info("demo program loaded", {{"programs", 2}, {"people", 20}});
}

} // namespace pd::demo
