// Unit tests for server/webhooks: Standard Webhooks signing (the spec's test vector), secrets,
// receiver URLs and the scenario section.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "crypto/crypto.hpp"
#include "webhooks/config.hpp"
#include "webhooks/signing.hpp"
#include "webhooks/url.hpp"

using namespace fs::webhooks;
namespace bj = boost::json;

TEST_CASE("webhook signer reproduces the Standard Webhooks test vector") {
  // From the Standard Webhooks reference libraries (and Svix's): what any verifier accepts.
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const std::string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const std::int64_t ts = 1614265330;
  const std::string body = R"({"test": 2432232314})";
  CHECK(sign(secret, id, ts, body) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(verify(secret, id, ts, body, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK(verify(secret, id, ts, body, "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK_FALSE(verify(secret, id, ts + 1, body, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  CHECK_FALSE(verify(secret, id, ts, body + " ", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

TEST_CASE("webhook secrets: whsec_ is base64 key bytes and anything else is raw text") {
  auto key = signing_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  CHECK(key.size() == 24);
  CHECK(key == *fs::crypto::base64_decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
  CHECK(signing_key("plain secret") == fs::crypto::to_bytes("plain secret"));
  // A raw secret signs exactly as HMAC-SHA256 over id.timestamp.body with those bytes.
  auto mac = fs::crypto::hmac_sha256(std::string_view("plain secret"), std::string_view("msg_1.10.{}"));
  CHECK(sign("plain secret", "msg_1", 10, "{}") == "v1," + fs::crypto::base64_encode(mac));
  // Unpadded base64 after whsec_ is accepted.
  CHECK(signing_key("whsec_YWJj") == fs::crypto::to_bytes("abc"));
  CHECK(signing_key("whsec_YWI") == fs::crypto::to_bytes("ab"));
  std::string why;
  CHECK_FALSE(is_valid_secret("whsec_***", &why));
  CHECK(why.find("base64") != std::string::npos);
  CHECK_FALSE(is_valid_secret(""));
  CHECK(is_valid_secret("anything goes"));
}

TEST_CASE("webhook message ids are msg_ plus random hex and differ") {
  auto a = new_message_id(), b = new_message_id();
  CHECK(a.rfind("msg_", 0) == 0);
  CHECK(a.size() == 28);
  CHECK(a != b);
}

TEST_CASE("webhook receiver URLs: plain http only with host and port and path") {
  auto u = parse_http_url("http://127.0.0.1:8099/hooks/x?y=1");
  REQUIRE(u);
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == "8099");
  CHECK(u->target == "/hooks/x?y=1");
  auto d = parse_http_url("HTTP://example.test");
  REQUIRE(d);
  CHECK(d->port == "80");
  CHECK(d->target == "/");
  auto v6 = parse_http_url("http://[::1]:9/h");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  std::string why;
  CHECK_FALSE(parse_http_url("https://example.test/", &why));
  CHECK(why.find("http://") != std::string::npos);
  CHECK_FALSE(parse_http_url("ftp://x"));
  CHECK_FALSE(parse_http_url("http://:80/"));
  CHECK_FALSE(parse_http_url("http://h:99999/"));
  CHECK_FALSE(parse_http_url("http://h:x/"));
  CHECK_FALSE(parse_http_url("http://h/a b"));
}

TEST_CASE("webhook scenario section: defaults and every problem reported") {
  fs::scenario::Problems none;
  auto d = read_section(nullptr, none);
  CHECK(none.empty());
  CHECK(d->retry_schedule_ms == std::vector<std::int64_t>{500, 1000, 2000, 4000, 8000});
  CHECK(d->timeout_ms == 5000);
  CHECK(d->queue_capacity == 10000);
  CHECK_FALSE(d->receivers_set);

  bj::value good = bj::parse(R"({"receivers":[{"url":"http://h:1/x","secret":"whsec_YWJj","events":["flag"]}],
    "retry_schedule_ms":[1,2],"timeout_ms":100,"queue_capacity":3,"retained":4})");
  fs::scenario::Problems p1;
  auto s = read_section(&good, p1);
  CHECK(p1.empty());
  CHECK(s->receivers_set);
  REQUIRE(s->receivers.size() == 1);
  CHECK(s->receivers[0].events == std::vector<std::string>{"flag"});
  CHECK(s->retry_schedule_ms == std::vector<std::int64_t>{1, 2});
  CHECK(s->queue_capacity == 3);
  CHECK(s->retained == 4);

  bj::value bad = bj::parse(R"({"receivers":[{"url":"https://h/x","secrt":"x"}],"retry_schedule_ms":[-1,"a"],
    "timeout_ms":0,"queue_capacity":0})");
  fs::scenario::Problems p2;
  read_section(&bad, p2);
  std::string all;
  for (const auto& p : p2.list()) all += p.text() + "\n";
  CHECK(p2.size() == 6);
  CHECK(all.find("$.webhooks.receivers[0].url") != std::string::npos);
  CHECK(all.find("did you mean \"secret\"") != std::string::npos);
  CHECK(all.find("$.webhooks.retry_schedule_ms[1]") != std::string::npos);
  CHECK(all.find("$.webhooks.timeout_ms") != std::string::npos);
}
