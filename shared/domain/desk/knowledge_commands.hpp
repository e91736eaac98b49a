// Commands of the knowledge base (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/desk/knowledge.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

// Business staff and agents: write a new article (article_id 0, a draft) or edit one. Agents
// edit only their own drafts; a published article edited by the business stays published.
// expected_version: the version the editor started from (edits only).
struct SaveArticle {
  static constexpr const char* type = "SaveArticle";
  ArticleId article_id = 0;
  ArticleContent content;
  Sequence expected_version = 0;
  std::vector<TicketId> from_tickets; // new articles: the tickets it answers (hygiene)
  bool operator==(const SaveArticle&) const = default;
};
// The author or the business: a draft goes to review.
struct SubmitArticle {
  static constexpr const char* type = "SubmitArticle";
  ArticleId article_id = 0;
  bool operator==(const SubmitArticle&) const = default;
};
// Business staff: a draft or an article in review is published (and counts as reviewed).
struct PublishArticle {
  static constexpr const char* type = "PublishArticle";
  ArticleId article_id = 0;
  bool operator==(const PublishArticle&) const = default;
};
// Business staff: a published article is confirmed still accurate (hygiene: not reviewed in N days).
struct ReviewArticle {
  static constexpr const char* type = "ReviewArticle";
  ArticleId article_id = 0;
  bool operator==(const ReviewArticle&) const = default;
};
// Business staff: an article is taken out of use (kept, listed as archived).
struct ArchiveArticle {
  static constexpr const char* type = "ArchiveArticle";
  ArticleId article_id = 0;
  bool operator==(const ArchiveArticle&) const = default;
};
// Owners and admins.
struct ChangeKnowledgeSettings {
  static constexpr const char* type = "ChangeKnowledgeSettings";
  KnowledgeSettings settings;
  bool operator==(const ChangeKnowledgeSettings&) const = default;
};
// Any member, after a search (the server's search route sends it): recorded only when the search
// finds nothing for that member, once per query and hour.
struct RecordSearchMiss {
  static constexpr const char* type = "RecordSearchMiss";
  std::string query;
  bool operator==(const RecordSearchMiss&) const = default;
};
// A customer who read a suggested article while writing a ticket: left without submitting
// (submitted false) or submitted anyway.
struct RecordDeflection {
  static constexpr const char* type = "RecordDeflection";
  ArticleId article_id = 0;
  bool submitted = false;
  bool operator==(const RecordDeflection&) const = default;
};

// The customer says the automatic answer on their ticket solved the problem ("This solved my
// problem"): the ticket is resolved, and counts as solved automatically in the automation rate.
// Until then an automatically answered ticket stays open for a human.
struct ConfirmAutomaticAnswer {
  static constexpr const char* type = "ConfirmAutomaticAnswer";
  TicketId ticket_id = 0;
  bool operator==(const ConfirmAutomaticAnswer&) const = default;
};

// T names a type, which cannot be parenthesised in a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_KNOWLEDGE_COMMAND_CODEC(T)                                                                                        \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_KNOWLEDGE_COMMAND_CODEC(SaveArticle)
PD_KNOWLEDGE_COMMAND_CODEC(SubmitArticle)
PD_KNOWLEDGE_COMMAND_CODEC(PublishArticle)
PD_KNOWLEDGE_COMMAND_CODEC(ReviewArticle)
PD_KNOWLEDGE_COMMAND_CODEC(ArchiveArticle)
PD_KNOWLEDGE_COMMAND_CODEC(ChangeKnowledgeSettings)
PD_KNOWLEDGE_COMMAND_CODEC(RecordSearchMiss)
PD_KNOWLEDGE_COMMAND_CODEC(RecordDeflection)
PD_KNOWLEDGE_COMMAND_CODEC(ConfirmAutomaticAnswer)
#undef PD_KNOWLEDGE_COMMAND_CODEC

} // namespace pd::domain
