// Helpers for the FIL integration tests: a small FIL client over HttpClient, and signing done in the
// test with libsodium directly, following spec §5 step by step (never through the server's helpers).
#pragma once

#include "support/http_client.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace filtest {

namespace bj = boost::json;
using fs::test::HttpClient;
using fs::test::HttpResult;
using Bytes = std::vector<unsigned char>;

// Public test keys (CONTRACT.md): docs' test key, RFC 8032 tests 1 and 2.
inline const std::string kDocSeed = "413b285d1819a6166b0daa762bb6bef2d082cffb9a13ce041cb0fda5e2f06dc3";
inline const std::string kDocPub = "7fbedb314a9b0c00caef967ac5cabb982ec45da828a0c58a9aafc854f32422ac";
inline const std::string kRfc1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
inline const std::string kRfc1Pub = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
inline const std::string kRfc2Seed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
inline const std::string kRfc2Pub = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
// Docs' login sample for alice@mail.com (its seed is not published).
inline const std::string kMailPub = "8a53d297bc406c63396967388ecc2ebc8abd701d195a43bbb4751ac5a86eac1b";
inline const std::string kMailSig =
    "0b458f758eeca3d7a2a64de0648c9b7dccaee146202257cd8ebaeb4690aa48b464108111d8cf0e7f3b0ace1b51dcda89e76d372233514f324e00d64c6b899c0e";

inline const std::string kData = "/data/api/v1";
inline const std::string kCm = "/data/api/v1/contribution-management";
inline const std::string kSession = "/auth/api/v1/authentication-management/session";

inline Bytes unhex(const std::string& hex) {
  Bytes out(hex.size() / 2);
  size_t len = 0;
  REQUIRE(sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) == 0);
  REQUIRE(len == out.size());
  return out;
}
inline std::string tohex(const unsigned char* p, size_t n) {
  std::string s(n * 2 + 1, '\0');
  sodium_bin2hex(s.data(), s.size(), p, n);
  s.pop_back();
  return s;
}
inline std::string tohex(const Bytes& b) { return tohex(b.data(), b.size()); }

struct Keys {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
};
inline Keys keys(const std::string& seed_hex) {
  REQUIRE(sodium_init() >= 0);
  Keys k;
  Bytes seed = unhex(seed_hex);
  crypto_sign_seed_keypair(k.pk, k.sk, seed.data());
  return k;
}

// Spec §5.1: signature = hex(Ed25519(seed, BLAKE2b-256(utf8(email)))).
inline std::string sign_email(const std::string& email, const std::string& seed_hex) {
  Keys k = keys(seed_hex);
  unsigned char d[32];
  crypto_generichash(d, 32, reinterpret_cast<const unsigned char*>(email.data()), email.size(), nullptr, 0);
  unsigned char sig[64];
  crypto_sign_detached(sig, nullptr, d, 32, k.sk);
  return tohex(sig, 64);
}

enum class Hash { Plain, Iroha, None };

// Spec §5.2 / §5.2.1, step by step: decode the hex; byte 0 is the version 01; byte 1 the compact
// signature count 00; the payload P is the rest; sign B256(P) (Iroha variant: last bit set; None:
// the raw bytes - wrong on purpose); emit 01, compact(1)=04, algorithm 00, compact(32)=80, public
// key, compact(64)=01 01, signature, then P unchanged.
inline std::string sign_tx(const std::string& unsigned_hex, const std::string& seed_hex, Hash h = Hash::Plain) {
  Bytes tx = unhex(unsigned_hex);
  REQUIRE(tx.size() > 2);
  REQUIRE(tx[0] == 0x01);
  REQUIRE(tx[1] == 0x00);
  const unsigned char* p = tx.data() + 2;
  const size_t plen = tx.size() - 2;
  Keys k = keys(seed_hex);
  unsigned char sig[64];
  if (h == Hash::None) {
    crypto_sign_detached(sig, nullptr, p, plen, k.sk);
  } else {
    unsigned char d[32];
    crypto_generichash(d, 32, p, plen, nullptr, 0);
    if (h == Hash::Iroha) d[31] |= 1;
    crypto_sign_detached(sig, nullptr, d, 32, k.sk);
  }
  Bytes out = {0x01, 0x04, 0x00, 0x80};
  out.insert(out.end(), k.pk, k.pk + 32);
  out.push_back(0x01);
  out.push_back(0x01);
  out.insert(out.end(), sig, sig + 64);
  out.insert(out.end(), p, p + plen);
  return tohex(out);
}

// Whether B256(P) of an unsigned transaction ends in an even byte: only then do the plain and the
// Iroha (last bit set) conventions give different digests, so a test can tell which one was used.
inline bool hash_distinguishes(const std::string& unsigned_hex) {
  Bytes tx = unhex(unsigned_hex);
  unsigned char d[32];
  crypto_generichash(d, 32, tx.data() + 2, tx.size() - 2, nullptr, 0);
  return (d[31] & 1) == 0;
}

inline std::string quoted(const std::string& s) { return "\"" + s + "\""; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A FIL client bound to one namespace ("" = default).
struct Fil {
  HttpClient http;
  std::string prefix;  // "/ns/x" or ""
  std::string access, refresh;

  Fil(const fs::test::Sandbox& sb, const std::string& ns = "") : http(sb.client()), prefix(ns.empty() ? "" : "/ns/" + ns) {}

  fs::test::HeaderList auth() const { return {{"Authorization", "Bearer " + access}}; }
  HttpResult req(const std::string& method, const std::string& path, const std::string& body = "") {
    return http.request(method, prefix + path, body, auth());
  }
  HttpResult get(const std::string& path) { return req("GET", path); }

  HttpResult login_raw(const std::string& email, const std::string& sig, const std::string& pub) {
    return http.post(prefix + kSession,
                     bj::serialize(bj::object{{"email", email}, {"signature", sig}, {"authPublicKeyHex", pub}}));
  }
  void login(const std::string& email = "alice@wonderland.space", const std::string& seed = kDocSeed,
             const std::string& pub = kDocPub) {
    auto r = login_raw(email, sign_email(email, seed), pub);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    access = std::string(r.json().at("data").at("accessToken").as_string());
    refresh = std::string(r.json().at("data").at("refreshToken").as_string());
  }
  void login_sora() {
    auto r = login_raw("alice@mail.com", kMailSig, kMailPub);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    access = std::string(r.json().at("data").at("accessToken").as_string());
  }
  std::string assemble(const std::string& entries_json) {
    auto r = req("POST", kCm + "/contribution/assemble", entries_json);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return std::string(r.json().at("data").as_string());
  }
  // Assembles until the payload hash tells the two hash conventions apart (the nonce is random).
  std::string assemble_distinguishing(const std::string& entries_json) {
    for (int i = 0; i < 200; ++i) {
      std::string hex = assemble(entries_json);
      if (hash_distinguishes(hex)) return hex;
    }
    FAIL("no assembled payload with an even hash byte in 200 tries");
    return {};
  }
  HttpResult submit(const std::string& signed_hex) { return req("POST", kCm + "/contribution", quoted(signed_hex)); }
  std::string flag_assemble(const std::string& body) {
    auto r = req("PATCH", kData + "/contribution-manager/contribution/flag/assemble", body);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return std::string(r.json().at("data").as_string());
  }
  HttpResult flag_submit(const std::string& signed_hex) {
    return req("PATCH", kCm + "/contribution/flag", quoted(signed_hex));
  }
  std::int64_t balance() {
    auto r = get(kData + "/wallet-management/balance");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json().at("data").at("balance").as_int64();
  }
  // The variants recorded for the newest journal entry of `path` in this namespace.
  std::vector<std::string> variants(const std::string& path) {
    auto r = http.get(prefix + "/__sandbox/requests?path=" + fs::test::url_encode(path));
    auto list = r.json().at("requests").as_array();
    REQUIRE(!list.empty());
    std::vector<std::string> out;
    for (const auto& v : list.back().at("variants").as_array()) out.emplace_back(v.as_string());
    return out;
  }
  bool has_variant(const std::string& path, const std::string& code) {
    for (const auto& v : variants(path))
      if (v == code) return true;
    return false;
  }
};

// Checks the FIL error envelope: {status:{code,name,message},data:null}.
inline void check_error(const HttpResult& r, int status, const std::string& name = "") {
  CHECK_MESSAGE(r.status == status, r.body);
  auto j = r.json();
  REQUIRE(j.is_object());
  CHECK(j.at("status").at("code") == status);
  if (!name.empty()) CHECK(j.at("status").at("name").as_string() == name);
  CHECK(j.at("status").at("message").as_string().size() > 0);
  CHECK(j.at("data").is_null());
}

}  // namespace filtest
