// Waldo authentication: /authenticate, the 401/403 matrix on every protected endpoint, the
// sliding-refresh header and token expiry on the namespace clock.
#include "test_waldo_support.hpp"

#include "crypto/jwt.hpp"

using namespace waldo_test;
using fs::test::Sandbox;

namespace {

const std::string kNoHeader = R"({"code":"NOT_AUTHORIZED","message":"Not authorized."})";
const std::string kInvalidToken = R"({"code":"INVALID_TOKEN","message":"Invalid token."})";
const std::string kRevoked =
    R"({"code":"API_KEY_REVOKED","message":"This API key has been revoked. Please visit the Waldo AI dashboard to review your API key."})";
const std::string kNotAllowed =
    R"({"code":"NOT_AUTHORIZED","message":"You are not authorized to perform this action. Please contact support for assistance."})";

struct Endpoint {
  std::string method, path, body;
  bool limited_ok;  // sandbox.wk.limited may use it
};

std::vector<Endpoint> endpoints(const std::string& customer_id) {
  std::string cid = "{\"customerId\":\"" + customer_id + "\"}";
  return {
      {"POST", "/onboard", bj::serialize(cassian("auth")), true},
      {"GET", "/customer?customerId=" + customer_id, "", true},
      {"GET", "/history/kyc/" + customer_id, "", false},
      {"GET", "/history/fraud/" + customer_id, "", false},
      {"POST", "/check-fraud", cid, false},
      {"POST", "/document", "", false},
      {"POST", "/flag", "{\"customerId\":\"" + customer_id + "\",\"flag\":false}", false},
  };
}

HttpResult call(HttpClient& c, const std::string& ns, const Endpoint& e, const HeaderList& auth) {
  HeaderList h = auth;
  std::string body = e.body;
  if (e.path == "/document") {
    body = multipart_body("b0undary", {{"customerId", "x"}, {"documentType", "passport"}}, jpeg());
    h.emplace_back("Content-Type", "multipart/form-data; boundary=b0undary");
  }
  return c.request(e.method, prefix(ns) + e.path, body, h);
}

}  // namespace

TEST_CASE("waldo authenticate returns an HS256 JWT valid for one hour with key and mode claims") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "a");
  auto r = c.post("/ns/a/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})");
  REQUIRE(r.status == 200);
  CHECK(r.header("authorization").empty());  // no refresh header on /authenticate
  auto tok = std::string(r.json().at("token").as_string());
  CHECK(r.body == "{\"token\":\"" + tok + "\"}");
  auto parts = fs::crypto::jwt::decode_unverified(tok);
  REQUIRE(parts);
  CHECK(parts->header.at("alg") == "HS256");
  CHECK(parts->claims.at("key") == "sandbox.wk.demo");
  CHECK(parts->claims.at("mode") == "sandbox");
  auto clock = c.get("/ns/a/__sandbox/clock").json();
  CHECK(parts->claims.at("iat").as_int64() == clock.at("now_ms").as_int64() / 1000);
  CHECK(parts->claims.at("exp").as_int64() - parts->claims.at("iat").as_int64() == 3600);
}

TEST_CASE("waldo authenticate parses JSON whatever the Content-Type says") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.post("/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})",
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(r.status == 200);
}

TEST_CASE("waldo authenticate errors are byte-exact") {
  Sandbox sb;
  auto c = sb.client();
  const std::string missing = R"({"code":"MISSING_PARAMETERS","message":"Missing parameters"})";
  const std::string invalid = R"({"code":"INVALID_API_KEY","message":"Invalid API key"})";
  for (std::string body : {R"({"apiKey":"sandbox.wk.demo"})", R"({"clientSecret":"sandbox.ws.demo"})", "{}",
                           "not json", R"({"apiKey":1,"clientSecret":"x"})", ""}) {
    auto r = c.post("/authenticate", body);
    INFO(body);
    CHECK(r.status == 400);
    CHECK(r.body == missing);
  }
  auto wrong_secret = c.post("/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.nope"})");
  CHECK(wrong_secret.status == 401);
  CHECK(wrong_secret.body == invalid);
  auto unknown = c.post("/authenticate", R"({"apiKey":"sandbox.wk.nobody","clientSecret":"sandbox.ws.demo"})");
  CHECK(unknown.status == 401);
  CHECK(unknown.body == invalid);
  auto revoked = c.post("/authenticate", R"({"apiKey":"sandbox.wk.revoked","clientSecret":"sandbox.ws.revoked"})");
  CHECK(revoked.status == 403);
  CHECK(revoked.body == kRevoked);
  auto limited = c.post("/authenticate", R"({"apiKey":"sandbox.wk.limited","clientSecret":"sandbox.ws.limited"})");
  CHECK(limited.status == 200);
}

TEST_CASE("waldo auth matrix on every protected endpoint") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "m");
  Api api(c, "m");
  std::string id = api.onboard("matrix");
  std::string good = api.tok;
  std::string limited = token(c, "m", "sandbox.wk.limited", "sandbox.ws.limited");
  std::string tampered = good;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  std::string foreign = fs::crypto::jwt::encode_hs256(
      {{"key", "sandbox.wk.demo"}, {"exp", 9999999999LL}}, "some other secret");
  std::string no_exp = fs::crypto::jwt::encode_hs256({{"key", "sandbox.wk.demo"}}, "x");
  for (const auto& e : endpoints(id)) {
    INFO(e.method << " " << e.path);
    auto none = call(c, "m", e, {});
    CHECK(none.status == 403);
    CHECK(none.body == kNoHeader);
    CHECK(none.header("authorization").empty());
    for (const std::string& bad : {std::string("Bearer garbage"), "Bearer " + tampered, "Bearer " + foreign,
                                   "Bearer " + no_exp, std::string("Basic abc"), std::string("")}) {
      INFO(bad);
      auto r = call(c, "m", e, {{"Authorization", bad}});
      CHECK(r.status == 401);
      CHECK(r.body == kInvalidToken);
      CHECK(r.header("authorization").empty());
    }
    auto lim = call(c, "m", e, bearer(limited));
    if (e.limited_ok) {
      CHECK(lim.status == 200);
    } else {
      CHECK(lim.status == 403);
      CHECK(lim.body == kNotAllowed);
    }
  }
  // A key revoked after its token was issued, then restored.
  REQUIRE(c.post("/ns/m/__sandbox/waldo/keys/sandbox.wk.demo/revoke", "").status == 200);
  for (const auto& e : endpoints(id)) {
    INFO(e.method << " " << e.path);
    auto r = call(c, "m", e, bearer(good));
    CHECK(r.status == 403);
    CHECK(r.body == kRevoked);
  }
  CHECK(c.post("/ns/m/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})").status == 403);
  REQUIRE(c.post("/ns/m/__sandbox/waldo/keys/sandbox.wk.demo/unrevoke", "").status == 200);
  CHECK(api.get("/customer?customerId=" + id).status == 200);
  CHECK(c.post("/ns/m/__sandbox/waldo/keys/sandbox.wk.nobody/revoke", "").status == 404);
}

TEST_CASE("waldo every 2xx of a protected endpoint carries a fresh token in the Authorization header") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "r");
  Api api(c, "r");
  advance(c, "r", 10 * 60 * 1000);  // ten minutes later: the fresh token expires later than the first
  auto first = fs::crypto::jwt::decode_unverified(api.tok)->claims.at("exp").as_int64();
  std::string id = api.onboard("refresh", true);
  advance(c, "r", 2000);
  std::string boundary = "bnd";
  std::vector<HttpResult> oks;
  oks.push_back(api.post("/onboard", cassian("refresh-2")));
  oks.push_back(api.get("/customer?customerId=" + id));
  oks.push_back(api.get("/history/kyc/" + id));
  oks.push_back(api.get("/history/fraud/" + id));
  oks.push_back(api.check_fraud(id));
  oks.push_back(c.post("/ns/r/document", multipart_body(boundary, {{"customerId", id}, {"documentType", "driving_licence"}}, jpeg()),
                       {{"Authorization", "Bearer " + api.tok}, {"Content-Type", "multipart/form-data; boundary=bnd"}}));
  oks.push_back(api.post("/flag", bj::object{{"customerId", id}, {"flag", true}}));
  advance(c, "r", 5000);
  for (const auto& r : oks) {
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::string h = r.header("authorization");
    REQUIRE(h.rfind("Bearer ", 0) == 0);
    auto claims = fs::crypto::jwt::verify_hs256(h.substr(7), "x", 0);
    CHECK_FALSE(claims);  // signed with the server's secret, not ours
    auto parts = fs::crypto::jwt::decode_unverified(h.substr(7));
    REQUIRE(parts);
    CHECK(parts->claims.at("key") == "sandbox.wk.demo");
    CHECK(parts->claims.at("exp").as_int64() >= first + 600);
    // The fresh token works.
    CHECK(c.get("/ns/r/customer?customerId=" + id, {{"Authorization", h}}).status == 200);
  }
  auto err = api.check_fraud("nope");
  CHECK(err.status == 400);
  CHECK(err.header("authorization").empty());
}

TEST_CASE("waldo tokens expire after one hour on the manual clock - a refreshed token lives on") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "e");
  Api api(c, "e");
  std::string id = api.onboard("expiry");
  advance(c, "e", 1800 * 1000);
  auto mid = api.get("/customer?customerId=" + id);
  REQUIRE(mid.status == 200);
  std::string refreshed = mid.header("authorization");
  advance(c, "e", 1799 * 1000);
  CHECK(api.get("/customer?customerId=" + id).status == 200);  // 3599 s after issue
  advance(c, "e", 1000);
  auto expired = api.get("/customer?customerId=" + id);  // 3600 s: expired
  CHECK(expired.status == 401);
  CHECK(expired.body == kInvalidToken);
  CHECK(c.get("/ns/e/customer?customerId=" + id, {{"Authorization", refreshed}}).status == 200);
}

TEST_CASE("waldo the /authentication alias is off unless the scenario enables it") {
  Sandbox sb;
  auto c = sb.client();
  std::string body = R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})";
  CHECK(c.post("/authentication", body).status == 404);
  load_scenario(c, "alias", R"({"waldo":{"compat":{"authenticationAlias":true}}})");
  CHECK(c.post("/ns/alias/authentication", body).status == 200);
}

TEST_CASE("waldo keys and permissions come from the scenario") {
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "k", R"({"waldo":{"keys":[
      {"apiKey":"wk.prod-1","clientSecret":"ws.prod-1","services":["flag"]},
      {"apiKey":"sandbox.wk.x","clientSecret":"sandbox.ws.x"}]}})");
  auto tok = token(c, "k", "wk.prod-1", "ws.prod-1");
  CHECK(fs::crypto::jwt::decode_unverified(tok)->claims.at("mode") == "production");
  auto r = c.post("/ns/k/onboard", bj::serialize(cassian()), bearer(tok));
  CHECK(r.status == 403);
  CHECK(r.body == kNotAllowed);
  CHECK(c.post("/ns/k/flag", "{}", bearer(tok)).status == 400);  // allowed: reaches validation
  CHECK(c.post("/ns/k/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})").status == 401);
  // A token of a key this namespace does not know.
  auto demo = token(c);
  CHECK(c.get("/ns/k/customer?email=x", bearer(demo)).status == 401);
}

TEST_CASE("waldo scenario problems are all reported with paths") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.put("/__sandbox/scenario", R"({"waldo":{"keyz":[],"keys":[{"apiKey":"a","services":["onbord"]}],
      "delays":{"initiatedToInProgress":-1},"customers":[{"firstName":"A","lastName":"B","customerId":"xyz",
      "outcomes":["maybe"]}],"compat":{"warningTags":"list"}}})");
  REQUIRE(r.status == 400);
  std::string all;
  auto j = r.json();
  for (const auto& p : j.at("problems").as_array()) all += std::string(p.at("text").as_string()) + "\n";
  INFO(all);
  CHECK(all.find("$.waldo.keyz: unknown key") != std::string::npos);
  CHECK(all.find("did you mean \"keys\"") != std::string::npos);
  CHECK(all.find("$.waldo.keys[0].clientSecret: is required") != std::string::npos);
  CHECK(all.find("$.waldo.keys[0].services[0]") != std::string::npos);
  CHECK(all.find("$.waldo.delays.initiatedToInProgress") != std::string::npos);
  CHECK(all.find("$.waldo.customers[0].customerId") != std::string::npos);
  CHECK(all.find("$.waldo.customers[0].outcomes[0]") != std::string::npos);
  CHECK(all.find("$.waldo.compat.warningTags") != std::string::npos);
}
