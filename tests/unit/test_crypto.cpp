// Unit tests for server/crypto: encodings, BLAKE2b, Ed25519 (RFC 8032 and FIL's published vectors),
// HMAC-SHA256 (RFC 4231) and JWT.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "crypto/crypto.hpp"
#include "crypto/jwt.hpp"

using namespace fs::crypto;

namespace {

Bytes hx(std::string_view hex) {
  auto b = hex_decode(hex);
  REQUIRE(b.has_value());
  return *b;
}

// FIL docs' public test key (spec §2.2) and RFC 8032 tests 1 and 2 (CONTRACT.md default users).
constexpr std::string_view kDocSeed = "413b285d1819a6166b0daa762bb6bef2d082cffb9a13ce041cb0fda5e2f06dc3";
constexpr std::string_view kDocPub = "7fbedb314a9b0c00caef967ac5cabb982ec45da828a0c58a9aafc854f32422ac";
constexpr std::string_view kRfc1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kRfc1Pub = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kRfc2Seed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kRfc2Pub = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

// Login check as spec §5.1 describes it: B256(email) first, then B256i(email).
bool email_signature_ok(std::string_view email, std::string_view sig_hex, std::string_view pub_hex) {
  const Bytes sig = hx(sig_hex), pub = hx(pub_hex);
  return ed25519_verify(sig, blake2b_256(as_bytes(email)), pub) ||
         ed25519_verify(sig, iroha_hash(as_bytes(email)), pub);
}

}  // namespace

TEST_CASE("hex encode/decode") {
  CHECK(hex_encode(to_bytes("\x01\xab\xff")) == "01abff");
  CHECK(hex_encode({}) == "");
  CHECK(hex_decode("01ABff") == Bytes{0x01, 0xab, 0xff});
  CHECK(hex_decode("") == Bytes{});
  CHECK_FALSE(hex_decode("abc").has_value());   // odd length
  CHECK_FALSE(hex_decode("zz").has_value());    // not hex
  CHECK_FALSE(hex_decode("00 1").has_value());  // whitespace is not skipped
  CHECK_FALSE(hex_decode("0x00").has_value());
}

TEST_CASE("base64 and base64url (RFC 4648 vectors)") {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (auto [plain, b64] : vectors) {
    CHECK(base64_encode(as_bytes(plain)) == b64);
    CHECK(base64_decode(b64) == to_bytes(plain));
    std::string url(b64.substr(0, b64.find('=')));
    CHECK(base64url_encode(as_bytes(plain)) == url);
    CHECK(base64url_decode(url) == to_bytes(plain));
  }
  const Bytes special{0xfb, 0xff};
  CHECK(base64_encode(special) == "+/8=");
  CHECK(base64url_encode(special) == "-_8");
  CHECK_FALSE(base64_decode("Zg").has_value());      // padding required
  CHECK_FALSE(base64url_decode("Zg==").has_value());  // padding refused
  CHECK_FALSE(base64_decode("Z$==").has_value());
  CHECK_FALSE(base64url_decode("-_8+").has_value());  // wrong alphabet
}

TEST_CASE("BLAKE2b-256 is the 32-byte digest - not truncated BLAKE2b-512") {
  CHECK(hex_encode(blake2b_256(as_bytes("abc"))) ==
        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  const std::string h = hex_encode(blake2b_256(as_bytes("alice@wonderland.space")));
  CHECK(h.substr(0, 8) == "4e98332e");  // spec §5
  CHECK(h.substr(56) == "684b68b9");
}

TEST_CASE("iroha_hash forces the lowest bit of the last byte") {
  const Bytes plain = blake2b_256(as_bytes("alice_wonderland@mail.com"));
  const Bytes iroha = iroha_hash(as_bytes("alice_wonderland@mail.com"));
  CHECK(plain.back() == 0x90);  // even: the variants differ (spec §5.1)
  CHECK(iroha.back() == 0x91);
  CHECK(std::equal(plain.begin(), plain.end() - 1, iroha.begin()));
}

TEST_CASE("Ed25519 key derivation: docs' test key and RFC 8032 keys") {
  CHECK(hex_encode(ed25519_seed_keypair(hx(kDocSeed))->public_key) == kDocPub);
  CHECK(hex_encode(ed25519_seed_keypair(hx(kRfc1Seed))->public_key) == kRfc1Pub);
  CHECK(hex_encode(ed25519_seed_keypair(hx(kRfc2Seed))->public_key) == kRfc2Pub);
  auto kp = ed25519_seed_keypair(hx(kRfc1Seed));
  CHECK(kp->secret_key.size() == 64);
  CHECK_FALSE(ed25519_seed_keypair(Bytes(31)).has_value());
}

TEST_CASE("Ed25519 RFC 8032 signatures (tests 1 and 2)") {
  const Bytes sig1 = hx(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(ed25519_sign({}, hx(kRfc1Seed)) == sig1);
  CHECK(ed25519_sign({}, ed25519_seed_keypair(hx(kRfc1Seed))->secret_key) == sig1);
  CHECK(ed25519_verify(sig1, {}, hx(kRfc1Pub)));

  const Bytes msg2{0x72};
  const Bytes sig2 = hx(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  CHECK(ed25519_sign(msg2, hx(kRfc2Seed)) == sig2);
  CHECK(ed25519_verify(sig2, msg2, hx(kRfc2Pub)));
  CHECK_FALSE(ed25519_verify(sig2, msg2, hx(kRfc1Pub)));
  CHECK_FALSE(ed25519_verify(sig2, Bytes{0x73}, hx(kRfc2Pub)));
  CHECK_FALSE(ed25519_verify(Bytes(63), msg2, hx(kRfc2Pub)));
  CHECK_FALSE(ed25519_verify(sig2, msg2, Bytes(31)));
  CHECK_FALSE(ed25519_sign(msg2, Bytes(33)).has_value());
}

TEST_CASE("FIL e-mail signature vectors (spec §5.1)") {
  CHECK(email_signature_ok(
      "alice@wonderland.space",
      "57e7115dfb9faa9add2d2ceb321c20db8c1e7f468d2ffc122793fa61e8ed61581580faaeae83a07fe857894bb33defd61c4ba099b981020146fe8d2be00e630a",
      kDocPub));
  CHECK(email_signature_ok(
      "alice@mail.com",
      "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b464108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e",
      "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b"));
  CHECK(email_signature_ok(
      "qa@email.com",
      "2d439e8e7400c11e8c727516df43f45b76d5f18e9241ca9ea7b7c0847d521dcc7008b87f9ec399259d22993146cd0b604935f031020d5a493add9d3bddf4550e",
      "2c92384e63afd4e806fa62bd8f293c266ee5a06af0a7355b48064d0734530fb4"));

  // Orillion sample: verifies only with the plain hash (its B256 ends in an even byte).
  const std::string_view email = "alice_wonderland@mail.com";
  const Bytes sig = hx(
      "dbdfe4a198822a46d8dcf9b9dcb9835e76e3a8812711f69b6f165d73656accf7ed8d03cfd66a1e333e7c2d468be099c996fdf8a29bd209b7c0ef1e828e5cc30b");
  const Bytes pub = hx("c99d5bd65f4fba5785739c36c5d4ce8ca332f8dbda4f9a3a0cdf1bca3ddb4a99");
  CHECK(ed25519_verify(sig, blake2b_256(as_bytes(email)), pub));
  CHECK_FALSE(ed25519_verify(sig, iroha_hash(as_bytes(email)), pub));

  // Our own signature with the docs' key is byte-identical to the official vector (Ed25519 is
  // deterministic), for both hash variants because B256 already ends in an odd byte there.
  CHECK(hex_encode(*ed25519_sign(blake2b_256(as_bytes("alice@wonderland.space")), hx(kDocSeed))) ==
        "57e7115dfb9faa9add2d2ceb321c20db8c1e7f468d2ffc122793fa61e8ed61581580faaeae83a07fe857894bb33defd61c4ba099b981020146fe8d2be00e630a");
}

TEST_CASE("a signature over the raw e-mail bytes is rejected (2023 JS bug - spec §5.1)") {
  const std::string_view raw_sig =
      "9729e8fbcd425bfe48809cc996c9e6d3cecddf0848a51d8758582b3c84bb2caca8e41a8290018aa7064f0b9ec61d2b1a155d5e4c772bc992d918528cf6cb6308";
  CHECK_FALSE(email_signature_ok("alice@wonderland.space", raw_sig, kDocPub));
  // ... and it is indeed a valid signature of the unhashed bytes, so the rejection is about the hash.
  CHECK(ed25519_verify(hx(raw_sig), as_bytes("alice@wonderland.space"), hx(kDocPub)));
}

TEST_CASE("old-layout transaction vector (spec §5.2.2)") {
  const Bytes payload = hx("14616c69636528776f6e6465726c616e640004000d09001468656c6c6f00002cde318c87010000a0860100000000000000");
  const Bytes h = blake2b_256(payload);
  CHECK(hex_encode(h) == "69fc4c34c1054e5e36abda3a4c23629ce2659b9c63457ff5fbcee699ef991986");
  CHECK(hex_encode(*ed25519_sign(h, hx(kDocSeed))) ==
        "4a3cffcfb6276cc6de039c3ab287e7614e6dffc5e152200efa817d59c04334839c9624781bb1bda7b1d5ead0f0ea1c31238cccf9a948becf71d09728c4914d0d");
  CHECK(hex_encode(*ed25519_sign(iroha_hash(payload), hx(kDocSeed))).substr(0, 8) == "25d997a8");
}

TEST_CASE("HMAC-SHA256 (RFC 4231 cases 1 and 6: short and longer-than-block keys)") {
  CHECK(hex_encode(hmac_sha256(Bytes(20, 0x0b), as_bytes("Hi There"))) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hex_encode(hmac_sha256(Bytes(131, 0xaa),
                               as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(hex_encode(hmac_sha256(std::string_view(""), std::string_view(""))) ==
        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  CHECK(hmac_sha256(std::string_view("key"), std::string_view("msg")) ==
        hmac_sha256(as_bytes("key"), as_bytes("msg")));
}

TEST_CASE("random bytes and constant-time compare") {
  const Bytes a = random_bytes(32), b = random_bytes(32);
  CHECK(a.size() == 32);
  CHECK(a != b);
  CHECK(random_bytes(0).empty());
  CHECK(constant_time_equal(ByteView(a), ByteView(a)));
  CHECK_FALSE(constant_time_equal(ByteView(a), ByteView(b)));
  CHECK_FALSE(constant_time_equal(std::string_view("abc"), std::string_view("abcd")));
  CHECK(constant_time_equal(std::string_view(""), std::string_view("")));
}

TEST_CASE("JWT HS256 round trip and rejections") {
  boost::json::object claims{{"sub", "sandbox.wk.demo"}, {"iat", 1000}, {"exp", 4600}};
  const std::string token = jwt::encode_hs256(claims, "s3cret");
  CHECK(token.find('=') == std::string::npos);
  CHECK(token.rfind("eyJ", 0) == 0);

  auto ok = jwt::verify_hs256(token, "s3cret", 4599);
  REQUIRE(ok.has_value());
  CHECK(*ok == claims);
  CHECK_FALSE(jwt::verify_hs256(token, "s3cret", 4600).has_value());  // exp is exclusive
  CHECK_FALSE(jwt::verify_hs256(token, "other", 1000).has_value());
  CHECK_FALSE(jwt::verify_eddsa(token, hex_decode(kRfc1Pub).value(), 1000).has_value());  // alg mismatch

  auto parts = jwt::decode_unverified(token);
  REQUIRE(parts.has_value());
  CHECK(parts->header.at("alg") == "HS256");
  CHECK(parts->header.at("typ") == "JWT");

  // Tampered claims, truncated tokens and garbage never verify.
  std::string tampered = token;
  tampered[token.find('.') + 2] ^= 1;
  CHECK_FALSE(jwt::verify_hs256(tampered, "s3cret", 1000).has_value());
  CHECK_FALSE(jwt::verify_hs256(token.substr(0, token.rfind('.')), "s3cret", 1000).has_value());
  CHECK_FALSE(jwt::verify_hs256(token + ".x", "s3cret", 1000).has_value());
  CHECK_FALSE(jwt::verify_hs256("", "s3cret", 1000).has_value());
  CHECK_FALSE(jwt::verify_hs256("a.b.c", "s3cret", 1000).has_value());
}

TEST_CASE("JWT verification does not depend on our header layout - alg none is refused") {
  const auto b64 = [](std::string_view s) { return base64url_encode(as_bytes(s)); };
  const std::string input = b64(R"({"alg":"HS256","typ":"JWT"})") + "." + b64(R"({"sub":"x"})");
  const std::string token = input + "." + base64url_encode(hmac_sha256(std::string_view("k"), input));
  CHECK(jwt::verify_hs256(token, "k", 0).has_value());  // no exp: accepted

  const std::string none = b64(R"({"alg":"none"})") + "." + b64(R"({"sub":"x"})") + ".";
  CHECK_FALSE(jwt::verify_hs256(none, "k", 0).has_value());

  const std::string bad_exp_input = b64(R"({"alg":"HS256"})") + "." + b64(R"({"exp":"later"})");
  const std::string bad_exp =
      bad_exp_input + "." + base64url_encode(hmac_sha256(std::string_view("k"), bad_exp_input));
  CHECK_FALSE(jwt::verify_hs256(bad_exp, "k", 0).has_value());
}

TEST_CASE("JWT EdDSA round trip with FIL's header") {
  const auto kp = ed25519_seed_keypair(hx(kDocSeed)).value();
  boost::json::object claims{{"acc", "alice@wonderland"}, {"sub", "alice@wonderland.space"},
                             {"role", "ROLE_PEER"}, {"exp", 1700000300}, {"jti", "x"}};
  const auto token = jwt::encode_eddsa(claims, kp.secret_key);
  REQUIRE(token.has_value());
  CHECK(token->rfind(base64url_encode(as_bytes(R"({"typ":"JWT","alg":"EdDSA"})")) + ".", 0) == 0);
  CHECK(jwt::verify_eddsa(*token, kp.public_key, 1700000000) == claims);
  CHECK_FALSE(jwt::verify_eddsa(*token, kp.public_key, 1700000300).has_value());
  CHECK_FALSE(jwt::verify_eddsa(*token, hx(kRfc1Pub), 1700000000).has_value());
  CHECK_FALSE(jwt::verify_hs256(*token, "whatever", 1700000000).has_value());
  CHECK(jwt::encode_eddsa(claims, hx(kDocSeed)) == token);  // seed or full secret key: same token
  CHECK_FALSE(jwt::encode_eddsa(claims, Bytes(10)).has_value());
}
