#pragma once
// Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
// "{webhook-id}.{webhook-timestamp}.{body}", signed with HMAC-SHA256 (libsodium) and sent as
// "v1,<base64 signature>". A secret "whsec_<base64>" means the base64-decoded bytes are the key;
// any other secret is used as raw bytes.
#include "crypto/crypto.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace fs::webhooks {

// The HMAC key for a receiver secret. A "whsec_" secret whose remainder is not valid base64 is used
// as raw text (whole), so that no secret is ever rejected at delivery time.
crypto::Bytes signing_key(std::string_view secret);
bool is_valid_secret(std::string_view secret, std::string* error = nullptr);

// "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>".
std::string sign(crypto::ByteView key, std::string_view id, std::int64_t timestamp_s, std::string_view body);
std::string sign(std::string_view secret, std::string_view id, std::int64_t timestamp_s, std::string_view body);

// True when one of the space-separated "v1,..." entries of `header` matches (constant time).
bool verify(std::string_view secret, std::string_view id, std::int64_t timestamp_s, std::string_view body,
            std::string_view header);

// A fresh webhook-id: "msg_" + 24 random hex digits.
std::string new_message_id();

}  // namespace fs::webhooks
