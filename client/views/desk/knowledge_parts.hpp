// The knowledge base where people write to support: the article search beside the reply
// composer (insert a link to the article or its quick answer), and the articles suggested to a
// customer while writing a new ticket, with "This answered my question" (self-serve
// deflection). Both search the replica with the shared search_articles().
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "shared/domain/state.hpp"

namespace pd::client::views::desk_views {

// The article search under the reply box (agents and the business): results with "Insert link"
// and "Insert answer", which append to `reply`. Returns true when the reply changed.
bool composer_article_search(const domain::ProgramState& s, domain::PersonId me, std::string& reply, KnowledgeForm& k);

// The text a reply gets for an article: its question and where to read it.
std::string article_link_text(const domain::ProgramState& s, const domain::Article& a);

// The articles matching what a customer is writing (subject and description), each opening in
// place; "This answered my question" records the deflection and leaves the form.
void new_ticket_suggestions(const domain::ProgramState& s, domain::PersonId me, NewTicketForm& f, Dispatch& dispatch);

// For the ticket's customer, while an automatic answer on the ticket may still be confirmed
// (desk_rules::why_not_confirm): "Did the automatic answer solve your problem?" with "This
// solved my problem" (ConfirmAutomaticAnswer), and that a reply reaches a human otherwise.
void confirm_answer_card(const domain::Ticket& t, const SupportForm& form, Dispatch& dispatch);

// An article whole, in the seed's structure (applies to, last updated, difficulty, quick answer,
// step-by-step, common variations, related articles, still stuck).
void article_body(const domain::ProgramState& s, const domain::Article& a);

} // namespace pd::client::views::desk_views
