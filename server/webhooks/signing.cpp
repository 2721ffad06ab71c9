#include "webhooks/signing.hpp"

namespace fs::webhooks {

namespace {
constexpr std::string_view kPrefix = "whsec_";

std::optional<crypto::Bytes> decode_whsec(std::string_view secret) {
  if (secret.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string b64(secret.substr(kPrefix.size()));
  while (b64.size() % 4 != 0) b64 += '=';  // some issuers drop the padding
  auto key = crypto::base64_decode(b64);
  if (!key || key->empty()) return std::nullopt;
  return key;
}
}  // namespace

crypto::Bytes signing_key(std::string_view secret) {
  if (auto key = decode_whsec(secret)) return *key;
  return crypto::to_bytes(secret);
}

bool is_valid_secret(std::string_view secret, std::string* error) {
  if (secret.empty()) {
    if (error) *error = "the secret is empty (leave it out to send unsigned webhooks)";
    return false;
  }
  if (secret.substr(0, kPrefix.size()) == kPrefix && !decode_whsec(secret)) {
    if (error) *error = "a whsec_ secret must be followed by base64 (the key bytes)";
    return false;
  }
  return true;
}

std::string sign(crypto::ByteView key, std::string_view id, std::int64_t timestamp_s, std::string_view body) {
  std::string content;
  std::string ts = std::to_string(timestamp_s);
  content.reserve(id.size() + ts.size() + body.size() + 2);
  content.append(id).append(1, '.').append(ts).append(1, '.').append(body);
  auto mac = crypto::hmac_sha256(key, crypto::as_bytes(content));
  return "v1," + crypto::base64_encode(mac);
}

std::string sign(std::string_view secret, std::string_view id, std::int64_t timestamp_s, std::string_view body) {
  auto key = signing_key(secret);
  return sign(key, id, timestamp_s, body);
}

bool verify(std::string_view secret, std::string_view id, std::int64_t timestamp_s, std::string_view body,
            std::string_view header) {
  std::string expected = sign(secret, id, timestamp_s, body);
  bool ok = false;
  while (!header.empty()) {
    auto sp = header.find(' ');
    std::string_view one = header.substr(0, sp);
    if (crypto::constant_time_equal(one, expected)) ok = true;
    if (sp == std::string_view::npos) break;
    header.remove_prefix(sp + 1);
  }
  return ok;
}

std::string new_message_id() { return "msg_" + crypto::hex_encode(crypto::random_bytes(12)); }

}  // namespace fs::webhooks
