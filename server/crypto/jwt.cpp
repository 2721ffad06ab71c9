#include "crypto/jwt.hpp"

#include <boost/json.hpp>

#include <array>

namespace fs::crypto::jwt {

namespace {

// A split token; the views point into the caller's string.
struct Split {
  std::string_view header_b64;
  std::string_view claims_b64;
  std::string_view signing_input;  // "header.claims", the bytes the signature covers
  std::string_view signature_b64;
};

std::optional<Split> split(std::string_view token) {
  const auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  const auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return std::nullopt;
  return Split{token.substr(0, dot1), token.substr(dot1 + 1, dot2 - dot1 - 1),
               token.substr(0, dot2), token.substr(dot2 + 1)};
}

std::optional<boost::json::object> parse_object_b64(std::string_view b64) {
  auto raw = base64url_decode(b64);
  if (!raw) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(to_string(*raw), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string signing_input(Alg alg, const boost::json::object& claims) {
  boost::json::object header;
  header["typ"] = "JWT";
  header["alg"] = alg_name(alg);
  return base64url_encode(as_bytes(boost::json::serialize(header))) + "." +
         base64url_encode(as_bytes(boost::json::serialize(claims)));
}

bool alg_matches(const boost::json::object& header, Alg alg) {
  const auto* v = header.if_contains("alg");
  return v && v->is_string() && v->as_string() == alg_name(alg);
}

// exp is NumericDate: integer seconds. Reject other types rather than guess.
bool not_expired(const boost::json::object& claims, std::int64_t now_seconds) {
  const auto* exp = claims.if_contains("exp");
  if (!exp) return true;
  if (exp->is_int64()) return now_seconds < exp->as_int64();
  if (exp->is_uint64()) return now_seconds < 0 || static_cast<std::uint64_t>(now_seconds) < exp->as_uint64();
  return false;
}

// Common verification skeleton; check_sig decides on (signing input, signature bytes).
template <class CheckSig>
std::optional<boost::json::object> verify(std::string_view token, Alg alg, std::int64_t now_seconds,
                                          CheckSig check_sig) {
  auto parts = split(token);
  if (!parts) return std::nullopt;
  auto header = parse_object_b64(parts->header_b64);
  if (!header || !alg_matches(*header, alg)) return std::nullopt;
  auto sig = base64url_decode(parts->signature_b64);
  if (!sig || !check_sig(as_bytes(parts->signing_input), ByteView(*sig))) return std::nullopt;
  auto claims = parse_object_b64(parts->claims_b64);
  if (!claims || !not_expired(*claims, now_seconds)) return std::nullopt;
  return claims;
}

}  // namespace

std::string_view alg_name(Alg alg) { return alg == Alg::HS256 ? "HS256" : "EdDSA"; }

std::string encode_hs256(const boost::json::object& claims, std::string_view secret) {
  std::string input = signing_input(Alg::HS256, claims);
  Bytes mac = hmac_sha256(as_bytes(secret), as_bytes(input));
  return input + "." + base64url_encode(mac);
}

std::optional<std::string> encode_eddsa(const boost::json::object& claims, ByteView secret_key) {
  std::string input = signing_input(Alg::EdDSA, claims);
  auto sig = ed25519_sign(as_bytes(input), secret_key);
  if (!sig) return std::nullopt;
  return input + "." + base64url_encode(*sig);
}

std::optional<boost::json::object> verify_hs256(std::string_view token, std::string_view secret,
                                                std::int64_t now_seconds) {
  return verify(token, Alg::HS256, now_seconds, [&](ByteView input, ByteView sig) {
    return constant_time_equal(ByteView(hmac_sha256(as_bytes(secret), input)), sig);
  });
}

std::optional<boost::json::object> verify_eddsa(std::string_view token, ByteView public_key,
                                                std::int64_t now_seconds) {
  return verify(token, Alg::EdDSA, now_seconds, [&](ByteView input, ByteView sig) {
    return ed25519_verify(sig, input, public_key);
  });
}

std::optional<Parts> decode_unverified(std::string_view token) {
  auto parts = split(token);
  if (!parts) return std::nullopt;
  auto header = parse_object_b64(parts->header_b64);
  auto claims = parse_object_b64(parts->claims_b64);
  if (!header || !claims) return std::nullopt;
  return Parts{std::move(*header), std::move(*claims)};
}

}  // namespace fs::crypto::jwt
