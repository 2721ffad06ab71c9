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
  std::string_view token = bearer_token(h);
  if (token.empty()) {
    r.error = &err::kInvalidToken;
    return r;
  }
  auto claims = crypto::jwt::verify_hs256(token, token_secret(), now_ms / 1000);
  const boost::json::value* key = claims ? claims->if_contains("key") : nullptr;
  if (!key || !key->is_string() || !claims->contains("exp")) {
    r.error = &err::kInvalidToken;
    return r;
  }
  const boost::json::value& exp = claims->at("exp");
  r.exp_s = exp.is_int64() ? exp.get_int64() : 0;
  r.api_key = std::string(key->get_string());
  return r;
}

std::string_view bearer_token(std::string_view h) {
  if (h.size() < 8 || !routing::iequals(h.substr(0, 7), "Bearer ")) return {};
  std::string_view token = h.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

const std::string* TokenCache::known(std::string_view token, std::int64_t now_ms) const {
  if (token.empty() || token != verified_token || now_ms / 1000 >= verified_exp_s) return nullptr;
  return &verified_key;
}

void TokenCache::remember(std::string_view token, const TokenCheck& check) {
  verified_token = std::string(token);
  verified_key = check.api_key;
  verified_exp_s = check.exp_s;
}

const std::string& TokenCache::mint(std::string_view api_key, std::int64_t now_ms, std::int64_t ttl_s) {
  std::int64_t iat = now_ms / 1000;
  if (iat != minted_iat_s || ttl_s != minted_ttl_s || api_key != minted_key) {
    minted_token = mint_token(api_key, now_ms, ttl_s);
    minted_key = std::string(api_key);
    minted_iat_s = iat;
    minted_ttl_s = ttl_s;
  }
  return minted_token;
}

}  // namespace fs::waldo
