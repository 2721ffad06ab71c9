#pragma once
// Waldo's tokens: HS256 JWTs with `exp` = iat + 1 hour (spec §2.3). The signing secret is the
// process's own; which keys exist, are revoked and may use which service is per namespace.
#include "waldo/config.hpp"
#include "waldo/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fs::waldo {

std::string_view token_secret();
// A signed token for `api_key`: claims key, mode (sandbox|production), org, iat, exp.
std::string mint_token(std::string_view api_key, std::int64_t now_ms, std::int64_t ttl_s);

// The first, lock-free half of the check on a protected endpoint: the header and the signature.
// Returns the token's key, or the error to answer (missing header 403, anything else 401).
struct TokenCheck {
  std::string api_key;
  std::int64_t exp_s = 0;  // the token's `exp` (seconds)
  const ErrorDef* error = nullptr;
};
TokenCheck check_token(std::string_view authorization_header, bool header_present, std::int64_t now_ms);
// The token of "Bearer <token>" (leading spaces skipped); "" when the header is not a Bearer one.
std::string_view bearer_token(std::string_view authorization_header);

// Clients send the same token again and again, and the refreshed token only changes once a second:
// remembering the last one of each saves an HMAC, a base64 and a JSON round trip per request.
// Owned by a namespace's Waldo state, under its lock.
struct TokenCache {
  std::string verified_token;
  std::string verified_key;
  std::int64_t verified_exp_s = 0;
  std::string minted_key;
  std::int64_t minted_iat_s = -1;
  std::int64_t minted_ttl_s = 0;
  std::string minted_token;

  // The key of `token` if it is the last verified one and not expired, else nullptr.
  const std::string* known(std::string_view token, std::int64_t now_ms) const;
  void remember(std::string_view token, const TokenCheck& check);
  // mint_token(), reusing the last token minted for the same key within the same second.
  const std::string& mint(std::string_view api_key, std::int64_t now_ms, std::int64_t ttl_s);
};

}  // namespace fs::waldo
