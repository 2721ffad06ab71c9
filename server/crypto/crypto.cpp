#include "crypto/crypto.hpp"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace fs::crypto {

ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Bytes to_bytes(std::string_view text) {
  auto v = as_bytes(text);
  return Bytes(v.begin(), v.end());
}

std::string to_string(ByteView bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void ensure_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init fails only when the OS gives no entropy source; nothing can work then.
    if (sodium_init() < 0) std::abort();
  });
}

std::string hex_encode(ByteView bytes) {
  ensure_init();
  if (bytes.empty()) return {};  // libsodium's pointer arguments must not be null
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();  // drop the terminating NUL written by libsodium
  return out;
}

std::optional<Bytes> hex_decode(std::string_view hex) {
  ensure_init();
  if (hex.size() % 2 != 0) return std::nullopt;
  if (hex.empty()) return Bytes{};  // libsodium's pointer arguments must not be null
  Bytes out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  // No ignore set: any non-hex character stops parsing, which the end check turns into a failure.
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0)
    return std::nullopt;
  if (end != hex.data() + hex.size() || len != out.size()) return std::nullopt;
  return out;
}

namespace {

std::string b64_encode(ByteView bytes, int variant) {
  ensure_init();
  if (bytes.empty()) return {};  // libsodium's pointer arguments must not be null
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<Bytes> b64_decode(std::string_view text, int variant) {
  ensure_init();
  if (text.empty()) return Bytes{};
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        variant) != 0)
    return std::nullopt;
  if (end != text.data() + text.size()) return std::nullopt;  // trailing garbage
  out.resize(len);
  return out;
}

}  // namespace

std::string base64_encode(ByteView bytes) { return b64_encode(bytes, sodium_base64_VARIANT_ORIGINAL); }
std::optional<Bytes> base64_decode(std::string_view text) {
  return b64_decode(text, sodium_base64_VARIANT_ORIGINAL);
}
std::string base64url_encode(ByteView bytes) {
  return b64_encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
std::optional<Bytes> base64url_decode(std::string_view text) {
  return b64_decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Bytes blake2b_256(ByteView data) {
  ensure_init();
  Bytes out(kHashSize);
  crypto_generichash(out.data(), out.size(), data.data(), data.size(), nullptr, 0);
  return out;
}

Bytes iroha_hash(ByteView data) {
  Bytes h = blake2b_256(data);
  h.back() |= 1;
  return h;
}

std::optional<Ed25519KeyPair> ed25519_seed_keypair(ByteView seed32) {
  ensure_init();
  if (seed32.size() != kEd25519SeedSize) return std::nullopt;
  Ed25519KeyPair kp{Bytes(kEd25519PublicKeySize), Bytes(kEd25519SecretKeySize)};
  crypto_sign_seed_keypair(kp.public_key.data(), kp.secret_key.data(), seed32.data());
  return kp;
}

Ed25519KeyPair ed25519_generate() {
  ensure_init();
  Ed25519KeyPair kp{Bytes(kEd25519PublicKeySize), Bytes(kEd25519SecretKeySize)};
  crypto_sign_keypair(kp.public_key.data(), kp.secret_key.data());
  return kp;
}

std::optional<Bytes> ed25519_sign(ByteView msg, ByteView secret_key) {
  ensure_init();
  Bytes sk;
  if (secret_key.size() == kEd25519SeedSize) {
    sk = ed25519_seed_keypair(secret_key)->secret_key;
  } else if (secret_key.size() == kEd25519SecretKeySize) {
    sk.assign(secret_key.begin(), secret_key.end());
  } else {
    return std::nullopt;
  }
  Bytes sig(kEd25519SignatureSize);
  crypto_sign_detached(sig.data(), nullptr, msg.data(), msg.size(), sk.data());
  sodium_memzero(sk.data(), sk.size());
  return sig;
}

bool ed25519_verify(ByteView sig64, ByteView msg, ByteView pub32) {
  ensure_init();
  if (sig64.size() != kEd25519SignatureSize || pub32.size() != kEd25519PublicKeySize) return false;
  return crypto_sign_verify_detached(sig64.data(), msg.data(), msg.size(), pub32.data()) == 0;
}

Bytes hmac_sha256(ByteView key, ByteView msg) {
  ensure_init();
  // The _init API takes any key length; crypto_auth_hmacsha256() itself insists on 32 bytes.
  crypto_auth_hmacsha256_state st;
  static constexpr std::uint8_t kNoKey = 0;  // the key pointer is declared nonnull, even when empty
  crypto_auth_hmacsha256_init(&st, key.empty() ? &kNoKey : key.data(), key.size());
  crypto_auth_hmacsha256_update(&st, msg.data(), msg.size());
  Bytes out(crypto_auth_hmacsha256_BYTES);
  crypto_auth_hmacsha256_final(&st, out.data());
  return out;
}

Bytes hmac_sha256(std::string_view key, std::string_view msg) {
  return hmac_sha256(as_bytes(key), as_bytes(msg));
}

Bytes random_bytes(std::size_t n) {
  ensure_init();
  if (n == 0) return {};  // randombytes_buf's pointer is declared nonnull
  Bytes out(n);
  randombytes_buf(out.data(), out.size());
  return out;
}

bool constant_time_equal(ByteView a, ByteView b) {
  ensure_init();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return constant_time_equal(as_bytes(a), as_bytes(b));
}

}  // namespace fs::crypto
