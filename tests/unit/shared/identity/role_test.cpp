#include "shared/identity/role.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_identity_role { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::identity;

TEST_CASE("each role lands on its own home page") {
  CHECK(home_for(Role::owner) == Home::business);
  CHECK(home_for(Role::admin) == Home::business);
  CHECK(home_for(Role::staff) == Home::business);
  CHECK(home_for(Role::agent) == Home::agent);
  CHECK(home_for(Role::customer) == Home::customer);
}

TEST_CASE("roles round-trip through their JSON names; unknown names map to unknown") {
  for (Role r : {Role::owner, Role::admin, Role::staff, Role::agent, Role::customer}) {
    nlohmann::json j = r;
    CHECK(j.get<std::string>() == to_string(r));
    CHECK(j.get<Role>() == r);
    CHECK(role_from_string(to_string(r)) == r);
  }
  CHECK(nlohmann::json("superuser").get<Role>() == Role::unknown);
  CHECK_FALSE(role_from_string("superuser").has_value());
}

} // namespace test_unit_shared_identity_role
