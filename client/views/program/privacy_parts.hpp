// A customer's data rights in the browser (shared/domain/privacy/ answers who may): the
// Customer data card of a customer's page (owner and admin) and the Your data card of the
// customer's own profile, each exporting everything the program holds about the customer as a
// ZIP.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

namespace pd::client::views {

// own: the customer's own card ("Your data"); else the business's ("Customer data"). Nothing
// when `me` may not export this customer's data.
void data_export_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, const UiState& ui_state,
                      Dispatch& dispatch, float width, bool own);

} // namespace pd::client::views
