// The shipped Waldo scenarios do what their comment headers say.
#include "test_waldo_support.hpp"

#include "support/process.hpp"

using namespace waldo_test;
using fs::test::Sandbox;

TEST_CASE("waldo scenario waldo-sandbox: the docs' sample customers are there at once") {
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "ws", shipped("waldo-sandbox.json"));
  Api api(c, "ws");
  auto r = api.get("/customer?email=raych@example.com");
  REQUIRE(r.status == 200);
  auto list = r.json().at("customers").as_array();
  REQUIRE(list.size() == 1);
  auto raych = list[0].as_object();
  CHECK(raych.at("createdAt") == 1695892771782LL);
  CHECK(raych.at("firstName") == "Raych");
  CHECK(raych.at("customerId") == "6515452382d40426aa45989a");
  CHECK(raych.at("uri") == "https://app.waldo.ai/customers/6515452382d40426aa45989a");
  CHECK(raych.at("externalId") == "abcd-123-456-efgh");
  CHECK(raych.at("ipAddress") == bj::parse(R"({"valid":true,"value":"12.34.56.78"})"));
  CHECK(raych.at("evaluation") == bj::parse(R"({"type":"idle","status":"idle"})"));
  auto v = raych.at("validation").as_object();
  CHECK(v.at("status") == "APPROVED");
  CHECK(v.at("kyc") == "REJECTED");
  CHECK(v.at("fraudScore").as_double() == doctest::Approx(0.82));
  CHECK(r.body.find("\"fraudScore\":0.82") != std::string::npos);
  CHECK(v.at("fraudReport") == false);
  CHECK(v.at("fraudCheck") == false);
  auto hari = api.customer("65f2ddf6cfcf6ee1fd726307");
  CHECK(hari.at("validation").at("fraudFlag") == true);
  // The check-fraud caveat against a preset: the last known score.
  auto cf = api.check_fraud("6515452382d40426aa45989a").json();
  CHECK(cf.at("validation").at("fraudScore").as_double() == doctest::Approx(0.82));
  // Keys as in the default scenario.
  CHECK(c.post("/ns/ws/authenticate", R"({"apiKey":"sandbox.wk.revoked","clientSecret":"sandbox.ws.revoked"})").status == 403);
}

TEST_CASE("waldo scenario fraud-detected: fraud evaluations are rejected unless a suffix says otherwise") {
  Sandbox sb;
  auto c = sb.client();
  std::string text = shipped("fraud-detected.json");
  load_scenario(c, "fd", text.substr(0, text.rfind('}')) + R"(,"clock":{"mode":"manual"}})");
  Api api(c, "fd");
  std::string a = api.onboard("plain", true);
  std::string b = api.onboard("plain-kyc");
  std::string ok = api.onboard("x-fraud-pass", true);
  advance(c, "fd", 1200);
  auto va = api.customer(a).at("validation");
  CHECK(va.at("status") == "REJECTED");
  CHECK(va.at("fraudScore").as_double() == doctest::Approx(0.1));
  CHECK(va.at("warningTags").at("fraud_reports").at("passed") == false);
  CHECK(api.customer(b).at("validation").at("kyc") == "REVIEW");
  CHECK(api.customer(ok).at("validation").at("status") == "APPROVED");
  REQUIRE(api.check_fraud(ok).status == 200);
  advance(c, "fd", 1200);
  CHECK(api.customer(ok).at("validation").at("status") == "REJECTED");
  auto fraudster = api.customer("66b9fc5fcfd24a0bb512fdeb");
  CHECK(fraudster.at("validation").at("fraudFlag") == true);
  CHECK(fraudster.at("validation").at("status") == "REJECTED");
  CHECK(fraudster.at("validation").at("fraudCheck") == true);
}

TEST_CASE("waldo scenario revoked-key: the demo key is refused everywhere - the spare key works") {
  Sandbox sb;
  auto c = sb.client();
  std::string old_token = token(c, "rk");  // issued under the default scenario
  load_scenario(c, "rk", shipped("revoked-key.json"));
  auto r = c.post("/ns/rk/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})");
  CHECK(r.status == 403);
  CHECK(r.json().at("code") == "API_KEY_REVOKED");
  auto old = c.get("/ns/rk/customer?email=x", bearer(old_token));
  CHECK(old.status == 403);
  CHECK(old.json().at("code") == "API_KEY_REVOKED");
  std::string spare = token(c, "rk", "sandbox.wk.spare", "sandbox.ws.spare");
  CHECK(c.get("/ns/rk/customer?email=x", bearer(spare)).status == 200);
}

TEST_CASE("waldo scenario slow-evaluations: 5 s then 30 s on the manual clock") {
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "sl", shipped("slow-evaluations.json"));
  CHECK(c.get("/ns/sl/__sandbox/clock").json().at("mode") == "manual");
  Api api(c, "sl");
  std::string id = api.onboard("slow");
  auto status = [&] { return str(api.customer(id).at("evaluation").at("status")); };
  advance(c, "sl", 4999);
  CHECK(status() == "initiated");
  advance(c, "sl", 1);
  CHECK(status() == "in_progress");
  advance(c, "sl", 29999);
  CHECK(status() == "in_progress");
  advance(c, "sl", 1);
  CHECK(status() == "completed");
}

TEST_CASE("waldo shipped scenarios pass fraud-sandbox validate") {
  for (const char* name : {"waldo-sandbox.json", "fraud-detected.json", "revoked-key.json", "slow-evaluations.json"}) {
    auto r = fs::test::run_binary({"validate", std::string(FS_SOURCE_DIR) + "/scenarios/" + name});
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 0);
  }
}
