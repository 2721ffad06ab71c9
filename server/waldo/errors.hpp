#pragma once
// Every error the Waldo emulation answers, in one table, byte for byte as in the spec
// (../shared/spec/waldo-api.md §2.2, §2.4, §4). Codes marked [INF] in the spec are inferred from
// sibling endpoints; docs/waldo.md lists which is which.
#include "routing/call.hpp"

#include <string>
#include <string_view>

namespace fs::waldo {

struct ErrorDef {
  unsigned status;
  std::string_view code;
  std::string_view message;
};

namespace err {
// /authenticate
inline constexpr ErrorDef kMissingParameters{400, "MISSING_PARAMETERS", "Missing parameters"};
inline constexpr ErrorDef kInvalidApiKey{401, "INVALID_API_KEY", "Invalid API key"};
inline constexpr ErrorDef kApiKeyRevoked{
    403, "API_KEY_REVOKED",
    "This API key has been revoked. Please visit the Waldo AI dashboard to review your API key."};
// Protected endpoints (spec §2.4): missing header is 403, a bad token 401.
inline constexpr ErrorDef kNoAuthHeader{403, "NOT_AUTHORIZED", "Not authorized."};
inline constexpr ErrorDef kInvalidToken{401, "INVALID_TOKEN", "Invalid token."};
inline constexpr ErrorDef kServiceNotAllowed{
    403, "NOT_AUTHORIZED", "You are not authorized to perform this action. Please contact support for assistance."};
// Queries and bodies.
inline constexpr ErrorDef kInvalidQuery{400, "INVALID_QUERY", "Invalid query."};
inline constexpr ErrorDef kInvalidCustomerIdHistory{400, "INVALID_DATA", "Invalid customer ID."};
inline constexpr ErrorDef kKycHistoryNotFound{404, "NOT_FOUND", "KYC history not found."};
inline constexpr ErrorDef kFraudHistoryNotFound{404, "NOT_FOUND", "Fraud history not found."};
}  // namespace err

// `{"code":"...","message":"..."}` for a table entry (precomputed once per entry).
void reply(const routing::CallPtr& c, const ErrorDef& e);
// 400 MISSING_DATA "Missing data: <field>" (onboard, document).
void reply_missing_data(const routing::CallPtr& c, std::string_view field);
// 400 INVALID_DATA "Invalid <field>" (onboard, check-fraud, document).
void reply_invalid_data(const routing::CallPtr& c, std::string_view field);

std::string error_body(std::string_view code, std::string_view message);

}  // namespace fs::waldo
