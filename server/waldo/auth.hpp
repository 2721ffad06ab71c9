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
  const ErrorDef* error = nullptr;
};
TokenCheck check_token(std::string_view authorization_header, bool header_present, std::int64_t now_ms);

}  // namespace fs::waldo
