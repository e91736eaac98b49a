// A customer's data rights in the browser (shared/domain/privacy/ answers who may): the
// Customer data card of a customer's page (owner and admin) and the Your data card of the
// customer's own profile, each exporting everything the program holds about the customer as a
// ZIP and asking to erase it; the business's queue of erasure requests on the Support page.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

namespace pd::client::views {

// own: the customer's own card ("Your data"); else the business's ("Customer data"). Nothing
// when `me` may not export this customer's data.
// The card also holds the erasure part (erasure_section).
void data_export_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                      Dispatch& dispatch, float width, bool own);

// Erasure of the customer's data (shared/domain/privacy/erasure.hpp): its latest request and,
// when `me` may ask, the request form; an owner or admin approves or rejects in place.
void erasure_section(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                     Dispatch& dispatch, bool own);
// The business's queue on the Support page: the open requests to decide and the latest decisions.
void erasure_queue_card(const domain::ProgramState& s, domain::PersonId me, UiState& ui_state, Dispatch& dispatch, float width);

// The retention periods (shared/domain/privacy/data_retention.hpp) on the Support settings page:
// owners and admins set them (step-up); the card says what the periods would expire now and what
// they expired so far.
void data_retention_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width);

} // namespace pd::client::views
