// The URL fragment is the route. One scheme, every page deep-linkable:
//   #/signin  #/signup  #/invite/{token}  #/programs/new  #/account  #/forgot  #/reset/{token}  #/verify/{token}
//   #/p/{program}/overview                the entry page of every role
//   #/p/{program}/customers[?q=&subscription=&segment=&agent=]   (agent=queue: business queue)
//   #/p/{program}/customers/new  #/p/{program}/customers/{customer}
//   #/p/{program}/agents  #/p/{program}/people  #/p/{program}/settings  #/p/{program}/profile
//   #/p/{program}/tickets[?view=open|overdue|escalated|closed|all]   ("open" is the default, not written)
//   #/p/{program}/tickets/new  #/p/{program}/tickets/{ticket}
//   #/p/{program}/support                 the business's support overview
//   #/p/{program}/settings/support        the program's support settings
//   #/p/{program}/training                an agent's certification (training and assessment)
//   #/p/{program}/certification           the business's certification desk
//   #/p/{program}/earnings                an agent's earnings (referral and support commission)
//   #/p/{program}/commissions             the business's commissions desk
// "#/p/{program}" alone and the older "#/home?program={program}" open the overview.
#pragma once

#include "client/app/app_state.hpp"

#include <string>
#include <string_view>

namespace pd::client {

// An empty, unknown or malformed fragment gives Page::loading (the store then picks a page).
Route parse_route(std::string_view hash);
// Percent-encodes everything but letters, digits and -_.~ (a query value).
std::string url_encode(std::string_view s);
std::string format_route(const Route& route);

// Shortcuts for program pages.
Route program_route(Page page, std::int64_t program_id, std::int64_t item_id = 0);

} // namespace pd::client
