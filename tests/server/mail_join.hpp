// Joining a program as an invited person does, through the mail: the invitation link creates
// the account (403 email_unverified: the confirmation link was mailed), and opening the link
// from the SMTP sink confirms the address and joins.
#pragma once

#include "api_client.hpp"
#include "smtp_sink.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pd::testing {

// The flags that send the server's mail to the sink (links in mail lead to https://desk.example.test).
std::vector<std::string> sink_relay_flags(const SmtpSink& sink);
// The newest message to `to` with this subject, waiting for it up to 20 s; empty when none came.
std::string wait_for_mail_to(const SmtpSink& sink, const std::string& to, const std::string& subject);
// The token of a link "<route><hex token>" in a message's text ("/#/verify/"); empty when none.
std::string link_token_in(const std::string& message, const std::string& route);
// Opens the newest confirmation link mailed to `email`: the answer of POST
// /api/v1/account/email-verification (the status in "http_status").
nlohmann::json verify_through_mail(const ServerProcess& server, const SmtpSink& sink, const std::string& email);
// Creates the account for the invitation `token` (sent to `email`) and joins through the mail;
// the verification's answer ("joined" names the program).
nlohmann::json join_through_mail(const ServerProcess& server, const SmtpSink& sink, const std::string& token, const std::string& email,
                                 const std::string& name, const std::string& password);

} // namespace pd::testing
