// Waldo evaluations: lifecycle steps on the namespace clock, events, outcomes by externalId suffix,
// scripted sequences, polling, histories, retention.
#include "test_waldo_support.hpp"

#include <map>

using namespace waldo_test;
using fs::test::Sandbox;

TEST_CASE("waldo evaluation steps follow the manual clock - one event per step with requestId") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "l");
  Api api(c, "l");
  auto r = api.post("/onboard", cassian("life-fraud-pass", true)).json();
  std::string id(r.at("customerId").as_string());
  std::string rid(r.at("requestId").as_string());
  auto status = [&] { return str(api.customer(id).at("evaluation").at("status")); };
  CHECK(status() == "initiated");
  CHECK(str(api.customer(id).at("evaluation").at("type")) == "fraud");
  advance(c, "l", 199);
  CHECK(status() == "initiated");
  advance(c, "l", 1);
  CHECK(status() == "in_progress");
  advance(c, "l", 999);
  CHECK(status() == "in_progress");
  advance(c, "l", 1);
  CHECK(status() == "completed");
  auto events = api.events("onboard");
  REQUIRE(events.size() == 3);
  const char* steps[] = {"initiated", "in_progress", "completed"};
  for (int i = 0; i < 3; ++i) {
    auto p = events[i].at("payload").as_object();
    CHECK(str(p.at("requestId")) == rid);
    CHECK(p.at("event") == "onboard");
    CHECK(p.at("evaluation").at("status") == steps[i]);
    CHECK(p.at("evaluation").at("type") == "fraud");
    CHECK(str(p.at("customerId")) == id);
    CHECK(str(events[i].at("key")) == id);
  }
  CHECK(events[1].at("time_ms").as_int64() - events[0].at("time_ms").as_int64() == 200);
  CHECK(events[2].at("time_ms").as_int64() - events[1].at("time_ms").as_int64() == 1000);
  auto done = events[2].at("payload").at("validation").as_object();
  CHECK(done.at("status") == "APPROVED");
  CHECK(done.at("kyc") == "PASSED");
  CHECK(done.at("fraudScore").as_double() == doctest::Approx(0.9));
  CHECK(done.at("fraudFlag") == false);
  CHECK(done.at("warnings") == 0);
  CHECK(done.at("warningTags").is_object());
  CHECK(done.contains("kycBreakdown"));
  // The control API's view.
  auto evs = api.evaluations();
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].at("status") == "completed");
  CHECK(evs[0].at("outcome") == "fraud-pass");
  CHECK(evs[0].at("decidedBy") == "externalId");
  REQUIRE(evs[0].at("steps").as_array().size() == 3);
  CHECK(evs[0].at("steps").as_array()[2].at("time_ms").as_int64() -
            evs[0].at("steps").as_array()[0].at("time_ms").as_int64() == 1200);
}

TEST_CASE("waldo check-fraud caveat: the initiated reply carries the previous score") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "cv");
  Api api(c, "cv");
  std::string id = api.onboard("cv-fraudCheck-reject", true);  // onboarding: fraud-pass by default
  advance(c, "cv", 1200);
  auto first = api.check_fraud(id).json();
  CHECK(first.at("evaluation").at("status") == "initiated");
  CHECK(first.at("validation").at("fraudScore").as_double() == doctest::Approx(0.9));
  CHECK(first.at("validation").at("status") == "APPROVED");
  advance(c, "cv", 1200);
  auto v = api.customer(id).at("validation");
  CHECK(v.at("fraudScore").as_double() == doctest::Approx(0.1));
  CHECK(v.at("status") == "REJECTED");
  auto second = api.check_fraud(id).json();
  CHECK(second.at("validation").at("fraudScore").as_double() == doctest::Approx(0.1));
  // The completion event of a fraud check: event "evaluation", the full validation.
  advance(c, "cv", 1200);
  auto evs = api.events("evaluation");
  REQUIRE(evs.size() == 6);
  CHECK(str(evs[2].at("payload").at("requestId")) == str(first.at("requestId")));
  CHECK(evs[2].at("payload").at("validation").at("warnings") == 3);
  CHECK(evs[2].at("payload").at("validation").at("warningTags").at("fraud_reports").at("passed") == false);
}

TEST_CASE("waldo each externalId suffix selects its outcome") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "sfx");
  Api api(c, "sfx");
  struct Case {
    std::string external_id;
    bool fraud, express;
    std::string status, kyc;
    double score;
    int warnings;
  };
  std::vector<Case> onboarding = {
      {"o-kyc-pass", false, false, "REVIEW", "PASSED", 0, 0},
      {"o-kyc-review", false, false, "REVIEW", "REVIEW", 0, 2},
      {"o-fraud-pass", true, false, "APPROVED", "PASSED", 0.9, 0},
      {"o-fraud-review", true, false, "REVIEW", "PASSED", 0.5, 2},
      {"o-fraud-reject", true, false, "REJECTED", "PASSED", 0.1, 3},
      {"o-expressKYC-pass", false, true, "REVIEW", "PASSED", 0, 0},
      {"o-expressKYC-review", false, true, "REVIEW", "REVIEW", 0, 2},
      {"o-expressKYC-delay", false, true, "REVIEW", "PASSED", 0, 0},
      {"o-expressKYCFraud-pass", true, true, "APPROVED", "PASSED", 0.9, 0},
      {"o-expressKYCFraud-review", true, true, "REVIEW", "REVIEW", 0.5, 4},
      {"o-expressKYCFraud-reject", true, true, "REJECTED", "PASSED", 0.1, 3},
      {"o-expressKYCFraud-delay", true, true, "APPROVED", "PASSED", 0.9, 0},
      {"order_17.fraud-reject", true, false, "REJECTED", "PASSED", 0.1, 3},
      {"no-suffix", false, false, "REVIEW", "PASSED", 0, 0},  // default: the -pass row
      {"no-suffix-2", true, false, "APPROVED", "PASSED", 0.9, 0},
  };
  std::map<std::string, std::string> ids;
  for (const auto& k : onboarding) ids[k.external_id] = api.onboard(k.external_id, k.fraud, k.express);
  std::string fc_pass = api.onboard("f-fraudCheck-pass"), fc_review = api.onboard("f-fraudCheck-review"),
              fc_reject = api.onboard("order-17-fraudCheck-reject"), du_pass = api.onboard("d-documentUpload-pass"),
              du_warn = api.onboard("d-documentUpload-warn"), fail = api.onboard("x-sandbox-fail", true);
  advance(c, "sfx", 1200);
  for (const auto& k : onboarding) {
    INFO(k.external_id);
    auto v = api.customer(ids[k.external_id]).at("validation").as_object();
    CHECK(str(v.at("status")) == k.status);
    CHECK(str(v.at("kyc")) == k.kyc);
    CHECK(v.at("fraudScore").to_number<double>() == doctest::Approx(k.score));
    CHECK(v.at("warnings") == k.warnings);
  }
  for (const auto& id : {fc_pass, fc_review, fc_reject}) REQUIRE(api.check_fraud(id).status == 200);
  for (const auto& id : {du_pass, du_warn}) {
    auto r = c.post("/ns/sfx/document", multipart_body("B", {{"customerId", id}, {"documentType", "driving_licence"}}, jpeg()),
                    {{"Authorization", "Bearer " + api.tok}, {"Content-Type", "multipart/form-data; boundary=B"}});
    REQUIRE(r.status == 200);
  }
  REQUIRE(api.check_fraud(fail).status == 200);
  advance(c, "sfx", 1200);
  auto v = [&](const std::string& id) { return api.customer(id).at("validation").as_object(); };
  CHECK(v(fc_pass).at("status") == "APPROVED");
  CHECK(v(fc_review).at("status") == "REVIEW");
  CHECK(v(fc_review).at("fraudScore").as_double() == doctest::Approx(0.5));
  CHECK(v(fc_reject).at("status") == "REJECTED");
  CHECK(v(fc_reject).at("kyc") == "PASSED");
  CHECK(v(du_pass).at("kyc") == "PASSED");
  CHECK(v(du_pass).at("warnings") == 0);
  CHECK(v(du_pass).at("warningTags").is_array());
  CHECK(v(du_warn).at("kyc") == "REVIEW");
  CHECK(v(du_warn).at("warnings") == 2);
  bool image_failed = false;
  auto warn_validation = v(du_warn);
  for (const auto& t : warn_validation.at("warningTags").as_array())
    if (t.at("tag") == "image_integrity") image_failed = t.at("passed") == false && t.at("isDoc") == true;
  CHECK(image_failed);
  // sandbox-fail: both evaluations end `failed`, the validation is untouched.
  auto fc = api.customer(fail);
  CHECK(fc.at("evaluation") == bj::parse(R"({"type":"fraud","status":"failed"})"));
  CHECK(fc.at("validation").at("kyc") == "PENDING");
  auto failed = api.evaluations("?status=failed&customerId=" + fail);
  CHECK(failed.size() == 2);
  CHECK(api.get("/history/fraud/" + fail).status == 404);
  auto fail_events = api.events("evaluation");
  bool saw_failed_event = false;
  for (const auto& e : fail_events)
    if (str(e.at("key")) == fail && e.at("payload").at("evaluation").at("status") == "failed") saw_failed_event = true;
  CHECK(saw_failed_event);
}

TEST_CASE("waldo a scripted per-customer sequence is used one per evaluation then repeats the last") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "s", R"({"scripts":{"scripted-1":["reject","review",{"outcome":"pass","fraudScore":0.75}]},
                    "customers":[{"customerId":"aaaaaaaaaaaaaaaaaaaaaaaa","firstName":"P","lastName":"Reset",
                                  "outcomes":["fail","reject"]}]})");
  Api api(c, "s");
  std::string id = api.onboard("scripted-1", true);
  advance(c, "s", 1200);
  auto score = [&] { return api.customer(id).at("validation").at("fraudScore").as_double(); };
  CHECK(score() == doctest::Approx(0.1));
  CHECK(api.customer(id).at("validation").at("status") == "REJECTED");
  std::vector<double> expected = {0.5, 0.75, 0.75, 0.75};
  for (double e : expected) {
    REQUIRE(api.check_fraud(id).status == 200);
    advance(c, "s", 1200);
    CHECK(score() == doctest::Approx(e));
  }
  CHECK(api.customer(id).at("validation").at("status") == "APPROVED");  // 0.75 >= 0.7
  auto evs = api.evaluations("?customerId=" + id);
  REQUIRE(evs.size() == 5);
  for (const auto& e : evs) CHECK(e.at("decidedBy") == "script");
  // The preset customer's own script.
  std::string preset = "aaaaaaaaaaaaaaaaaaaaaaaa";
  REQUIRE(api.check_fraud(preset).status == 200);
  advance(c, "s", 1200);
  CHECK(api.customer(preset).at("evaluation").at("status") == "failed");
  REQUIRE(api.check_fraud(preset).status == 200);
  advance(c, "s", 1200);
  CHECK(api.customer(preset).at("validation").at("status") == "REJECTED");
}

TEST_CASE("waldo polling GET /customer until completed on the real clock") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  std::string id = api.onboard("poll-fraud-review", true);
  std::vector<std::string> seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string s = str(api.customer(id).at("evaluation").at("status"));
    if (seen.empty() || seen.back() != s) seen.push_back(s);
    if (s == "completed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE(!seen.empty());
  CHECK(seen.back() == "completed");
  CHECK(seen.front() == "initiated");
  auto v = api.customer(id).at("validation");
  CHECK(v.at("status") == "REVIEW");
  CHECK(v.at("fraudScore").as_double() == doctest::Approx(0.5));
  CHECK(v.at("fraudCheck") == true);
  CHECK(api.get("/history/fraud/" + id).status == 200);
}

TEST_CASE("waldo GET /customer shows the most recently started evaluation while evaluations overlap") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "ov");
  Api api(c, "ov");
  std::string id = api.onboard("ov", true);
  advance(c, "ov", 600);  // onboarding in progress
  REQUIRE(api.check_fraud(id).status == 200);
  auto cu = api.customer(id);
  CHECK(cu.at("evaluation") == bj::parse(R"({"type":"fraud","status":"initiated"})"));
  CHECK(cu.at("validation").at("kyc") == "PENDING");
  advance(c, "ov", 600);  // onboarding completes; the check is in progress
  cu = api.customer(id);
  CHECK(cu.at("evaluation") == bj::parse(R"({"type":"fraud","status":"in_progress"})"));
  CHECK(cu.at("validation").at("kyc") == "PASSED");  // the latest completed results
  advance(c, "ov", 1000);
  CHECK(api.customer(id).at("evaluation").at("status") == "completed");
  auto fraud = api.get("/history/fraud/" + id).json();
  CHECK(fraud.at("history").as_array().size() == 2);  // onboarding's fraud part and the check
  CHECK(api.get("/history/kyc/" + id).json().at("history").as_array().size() == 1);
}

TEST_CASE("waldo retained evaluations are capped - oldest completed dropped first") {
  auto s = fs::test::test_settings();
  s.max_retained = 5;
  Sandbox sb(s);
  auto c = sb.client();
  manual(c, "cap");
  Api api(c, "cap");
  std::string id = api.onboard("cap");
  for (int i = 0; i < 3; ++i) api.check_fraud(id);
  advance(c, "cap", 1200);
  for (int i = 0; i < 4; ++i) api.check_fraud(id);  // 8 in all: 4 completed, 4 running
  auto j = c.get("/ns/cap/__sandbox/evaluations").json();
  CHECK(j.at("retained") == 5);
  CHECK(j.at("dropped") == 3);
  auto list = j.at("evaluations").as_array();
  REQUIRE(list.size() == 5);
  CHECK(list[0].at("status") == "completed");
  CHECK(list[1].at("status") == "initiated");
  advance(c, "cap", 1200);
  j = c.get("/ns/cap/__sandbox/evaluations").json();
  CHECK(j.at("retained") == 5);
  CHECK(j.at("dropped") == 3);
  for (const auto& e : j.at("evaluations").as_array()) CHECK(e.at("status") == "completed");
  CHECK(api.customer(id).at("validation").at("fraudCheck") == true);  // customers stay
}
