// Compact JWS/JWT (RFC 7519) for the two algorithms the sandbox issues:
//   HS256 — Waldo tokens (HMAC-SHA256 with a shared secret);
//   EdDSA — FIL tokens (Ed25519; header {"typ":"JWT","alg":"EdDSA"} as in FIL's samples).
// Time is always passed in: the sandbox may run on a manual clock, so nothing here reads the wall clock.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"

namespace fs::crypto::jwt {

enum class Alg { HS256, EdDSA };

std::string_view alg_name(Alg alg);

// header.payload.signature, each part base64url without padding. Claims are serialized compactly in
// insertion order. secret_key for EdDSA: 64-byte libsodium secret key or 32-byte seed.
std::string encode_hs256(const boost::json::object& claims, std::string_view secret);
std::optional<std::string> encode_eddsa(const boost::json::object& claims, ByteView secret_key);

// The verified claims, or nullopt when: the token is malformed (not three base64url parts, header or
// payload not a JSON object), the header's "alg" is not the expected one, the signature does not
// verify, or "exp" is present and now_seconds >= exp (RFC 7519 §4.1.4), or "exp" is not an integer.
// A token without "exp" passes; callers that require one check claims.contains("exp").
std::optional<boost::json::object> verify_hs256(std::string_view token, std::string_view secret,
                                                std::int64_t now_seconds);
std::optional<boost::json::object> verify_eddsa(std::string_view token, ByteView public_key,
                                                std::int64_t now_seconds);

struct Parts {
  boost::json::object header;
  boost::json::object claims;
};
// Decodes without any check (for logging and for picking the verification key by a claim).
std::optional<Parts> decode_unverified(std::string_view token);

}  // namespace fs::crypto::jwt
