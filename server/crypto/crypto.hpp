// Thin wrappers over libsodium: encodings, BLAKE2b, Ed25519, HMAC-SHA256.
// Nothing here implements a primitive itself; every function delegates to libsodium.
// Parsers (hex/base64 decoders) return std::nullopt on bad input and never throw.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fs::crypto {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519SecretKeySize = 64;  // libsodium layout: seed ‖ public key
inline constexpr std::size_t kEd25519SignatureSize = 64;
inline constexpr std::size_t kHashSize = 32;

// Views text as bytes (no copy); the text must outlive the view.
ByteView as_bytes(std::string_view text);
Bytes to_bytes(std::string_view text);
std::string to_string(ByteView bytes);

// Calls sodium_init() exactly once per process; safe from any thread. Every function below calls it.
void ensure_init();

// Lowercase hex. Decoding accepts upper and lower case; rejects odd length or any non-hex char.
std::string hex_encode(ByteView bytes);
std::optional<Bytes> hex_decode(std::string_view hex);

// Standard alphabet with '=' padding (RFC 4648 §4).
std::string base64_encode(ByteView bytes);
std::optional<Bytes> base64_decode(std::string_view text);
// URL-safe alphabet without padding (RFC 4648 §5, as JWT uses it). Padded input is rejected.
std::string base64url_encode(ByteView bytes);
std::optional<Bytes> base64url_decode(std::string_view text);

// Unkeyed BLAKE2b with a 32-byte digest (RFC 7693 digest_length=32; NOT truncated BLAKE2b-512).
Bytes blake2b_256(ByteView data);
// Iroha's Hash convention: blake2b_256 with the lowest bit of the last byte forced to 1 (spec §5 "B256i").
Bytes iroha_hash(ByteView data);

struct Ed25519KeyPair {
  Bytes public_key;  // 32 bytes
  Bytes secret_key;  // 64 bytes: seed ‖ public key
};

// Derives the key pair from a 32-byte seed; nullopt if the seed has the wrong size.
std::optional<Ed25519KeyPair> ed25519_seed_keypair(ByteView seed32);
// Fresh random key pair (for tests and generated fixtures).
Ed25519KeyPair ed25519_generate();
// Detached signature of msg. secret64 is libsodium's 64-byte secret key; a 32-byte seed is also
// accepted (expanded first). nullopt on a key of any other size.
std::optional<Bytes> ed25519_sign(ByteView msg, ByteView secret_key);
// False for wrong sizes as well as bad signatures.
bool ed25519_verify(ByteView sig64, ByteView msg, ByteView pub32);

// HMAC-SHA256 with a key of any length (long keys are hashed first, as RFC 2104 says).
Bytes hmac_sha256(ByteView key, ByteView msg);
Bytes hmac_sha256(std::string_view key, std::string_view msg);

Bytes random_bytes(std::size_t n);

// Constant-time equality for equal-length inputs; different lengths return false (length is public).
bool constant_time_equal(ByteView a, ByteView b);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace fs::crypto
