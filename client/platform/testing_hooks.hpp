// Makes the item table (client/testing) reachable from the page's JavaScript.
#pragma once

namespace pd::client::platform {

void expose_item_table();

} // namespace pd::client::platform
