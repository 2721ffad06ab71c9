#include "waldo/auth.hpp"

#include "crypto/jwt.hpp"
#include "routing/message.hpp"

#include <boost/json.hpp>

namespace fs::waldo {

std::string_view token_secret() { return "fraud-sandbox: Waldo token signing secret (not a real Waldo secret)"; }

std::string mint_token(std::string_view api_key, std::int64_t now_ms, std::int64_t ttl_s) {
  std::int64_t iat = now_ms / 1000;
  boost::json::object claims;
  claims.reserve(5);
  claims.emplace("key", api_key);
  claims.emplace("mode", api_key.starts_with("sandbox.") ? "sandbox" : "production");
  claims.emplace("org", "fraud-sandbox");
  claims.emplace("iat", iat);
  claims.emplace("exp", iat + ttl_s);
  return crypto::jwt::encode_hs256(claims, token_secret());
}

TokenCheck check_token(std::string_view h, bool header_present, std::int64_t now_ms) {
  TokenCheck r;
  if (!header_present) {
    r.error = &err::kNoAuthHeader;
    return r;
  }
  if (h.size() < 8 || !routing::iequals(h.substr(0, 7), "Bearer ")) {
    r.error = &err::kInvalidToken;
    return r;
  }
  std::string_view token = h.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  auto claims = crypto::jwt::verify_hs256(token, token_secret(), now_ms / 1000);
  const boost::json::value* key = claims ? claims->if_contains("key") : nullptr;
  if (!key || !key->is_string() || !claims->contains("exp")) {
    r.error = &err::kInvalidToken;
    return r;
  }
  r.api_key = std::string(key->get_string());
  return r;
}

}  // namespace fs::waldo
