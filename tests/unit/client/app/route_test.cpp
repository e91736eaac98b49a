#include "client/app/route.hpp"
#include "client/app/selectors.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace test_unit_client_app_route { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::client;

namespace {

// Every page with the fragment it is written as: parsing the fragment gives the page, and
// printing the page gives the fragment back (a deep link survives a reload).
struct Link {
  std::string hash;
  Route route;
};

Route with_item(Page page, std::int64_t item) { return program_route(page, 12, item); }

std::vector<Link> every_page() {
  Route invite{Page::invite};
  invite.token = std::string(64, 'a');
  Route reset{Page::reset_password};
  reset.token = std::string(64, 'b');
  Route filtered = program_route(Page::customers, 12);
  filtered.filter = CustomerFilter{"sam lee", "past_due", "Growth & Co", 4};
  Route queue = program_route(Page::customers, 12);
  queue.filter.agent = 0;
  Route overdue = program_route(Page::tickets, 12);
  overdue.ticket_view = "overdue";
  return {
      {"#/signin", Route{Page::signin}},
      {"#/signup", Route{Page::signup}},
      {"#/programs/new", Route{Page::new_program}},
      {"#/invite/" + std::string(64, 'a'), invite},
      {"#/forgot", Route{Page::forgot_password}},
      {"#/reset/" + std::string(64, 'b'), reset},
      {"#/p/12/overview", program_route(Page::overview, 12)},
      {"#/p/12/customers", program_route(Page::customers, 12)},
      {"#/p/12/customers?q=sam%20lee&subscription=past_due&segment=Growth%20%26%20Co&agent=4", filtered},
      {"#/p/12/customers?agent=queue", queue},
      {"#/p/12/customers/new", program_route(Page::new_customer, 12)},
      {"#/p/12/customers/5", with_item(Page::customer, 5)},
      {"#/p/12/agents", program_route(Page::agents, 12)},
      {"#/p/12/agents/4", with_item(Page::agent, 4)},
      {"#/p/12/people", program_route(Page::people, 12)},
      {"#/p/12/settings", program_route(Page::settings, 12)},
      {"#/p/12/settings/support", program_route(Page::support_settings, 12)},
      {"#/p/12/settings/responses", program_route(Page::responses, 12)},
      {"#/p/12/profile", program_route(Page::profile, 12)},
      {"#/p/12/tickets", program_route(Page::tickets, 12)},
      {"#/p/12/tickets?view=overdue", overdue},
      {"#/p/12/tickets/new", program_route(Page::new_ticket, 12)},
      {"#/p/12/tickets/31", with_item(Page::ticket, 31)},
      {"#/p/12/support", program_route(Page::support, 12)},
      {"#/p/12/training", program_route(Page::training, 12)},
      {"#/p/12/certification", program_route(Page::certification, 12)},
      {"#/p/12/earnings", program_route(Page::earnings, 12)},
      {"#/p/12/commissions", program_route(Page::commissions, 12)},
      {"#/p/12/knowledge", program_route(Page::knowledge, 12)},
  };
}

} // namespace

TEST_CASE("every page is read from its link and written back as the same link") {
  for (const auto& link : every_page()) {
    CAPTURE(link.hash);
    CHECK(parse_route(link.hash) == link.route);
    CHECK(format_route(link.route) == link.hash);
  }
}

TEST_CASE("every page but loading has a link, and every program page is one") {
  for (const auto& link : every_page()) {
    CAPTURE(link.hash);
    const bool program_page = link.hash.starts_with("#/p/");
    CHECK(is_program_page(link.route.page) == program_page);
  }
  CHECK(format_route(Route{}) == "");
  CHECK_FALSE(is_program_page(Page::loading));
}

TEST_CASE("the ticket views and the customer filters read as people type them") {
  // The open tickets are the list's default view: never written, read either way.
  CHECK(parse_route("#/p/12/tickets?view=open") == program_route(Page::tickets, 12));
  for (const char* view : {"escalated", "closed", "all"}) {
    CAPTURE(view);
    const auto r = parse_route(std::string("#/p/12/tickets?view=") + view);
    CHECK(r.page == Page::tickets);
    CHECK(r.ticket_view == view);
    CHECK(format_route(r) == std::string("#/p/12/tickets?view=") + view);
  }
  CHECK(parse_route("#/p/12/tickets?view=deleted").ticket_view == ""); // an unknown view: the open tickets
  // A search typed with spaces and + reads back the same.
  CHECK(parse_route("#/p/12/customers?q=sam+lee").filter.q == "sam lee");
  CHECK(parse_route("#/p/12/customers?q=caf%C3%A9").filter.q == "caf\xC3\xA9");
  CHECK(parse_route("#/p/12/customers?agent=ava").filter.agent == -1); // not an id: any agent
  CHECK(parse_route("#/p/12/customers?q=50%").filter.q == "50%");      // a stray % is kept as typed
}

TEST_CASE("older and shorter links open the overview") {
  CHECK(parse_route("#/p/12") == program_route(Page::overview, 12));
  CHECK(parse_route("#/p/12/") == program_route(Page::overview, 12));
  CHECK(parse_route("#/p/12/customers/") == program_route(Page::customers, 12));
  CHECK(parse_route("#/home?program=12") == program_route(Page::overview, 12));
  CHECK(parse_route("/p/12/people") == program_route(Page::people, 12)); // without the '#'
}

TEST_CASE("a malformed link opens no page (the store then picks one)") {
  for (const char* hash : {"", "#", "#/", "#/nowhere", "#/p/", "#/p/abc/overview", "#/p/0/overview", "#/p/-3/overview",
                           "#/p/12x/overview", "#/p/99999999999999999999/overview", "#/p/12/unknown", "#/p/12/overview/5",
                           "#/p/12/customers/abc", "#/p/12/customers/0", "#/p/12/customers/5/edit", "#/p/12/tickets/x",
                           "#/p/12/agents/ava", "#/p/12/people/3", "#/p/12/settings/billing", "#/invite/short",
                           "#/invite/ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"}) {
    CAPTURE(hash);
    CHECK(parse_route(hash).page == Page::loading);
  }
}

TEST_CASE("every page a role's navigation offers opens for it; the business's own pages do not open for others") {
  using pd::identity::Role;
  for (auto role : {Role::owner, Role::admin, Role::staff, Role::agent, Role::customer})
    for (const auto& n : nav_items(role)) {
      INFO(to_string(role), " ", n.label);
      CHECK(page_allowed(n.page, role));
    }
  CHECK(page_allowed(Page::knowledge, Role::agent));
  CHECK(page_allowed(Page::knowledge, Role::customer));
  CHECK(page_allowed(Page::responses, Role::staff));
  for (auto page : {Page::routing, Page::responses, Page::support_settings, Page::people, Page::commissions}) {
    CHECK_FALSE(page_allowed(page, Role::agent));
    CHECK_FALSE(page_allowed(page, Role::customer));
  }
  CHECK_FALSE(page_allowed(Page::new_ticket, Role::agent));
  CHECK_FALSE(page_allowed(Page::earnings, Role::customer));
  CHECK_FALSE(page_allowed(Page::earnings, Role::owner));
}

} // namespace test_unit_client_app_route
