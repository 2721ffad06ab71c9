// scenarios/webhook-receiver-flaky.json does what its header says, against a real receiver.
#include "core/json.hpp"
#include "support/http_client.hpp"
#include "support/receiver.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

using namespace fs::test;
namespace bj = boost::json;

namespace {

std::string scenario_with_receiver(const std::string& url) {
  std::ifstream in(FS_SOURCE_DIR "/scenarios/webhook-receiver-flaky.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto parsed = fs::json::parse_relaxed(ss.str());
  REQUIRE(parsed.value);
  auto& doc = parsed.value->as_object();
  doc["webhooks"].as_object()["receivers"] = bj::array{bj::object{{"url", url}}};
  return fs::json::write(doc);
}

void publish(HttpClient& c, const std::string& key) {
  auto r = c.post("/ns/flaky/__sandbox/events", R"({"event":"flag","key":")" + key + R"(","payload":{"event":"flag","customerId":")" + key + R"("}})");
  REQUIRE(r.status == 202);
}

// The one delivery of `key` once it has `status` (waits for real I/O; the clock is manual).
bj::object delivery(HttpClient& c, const std::string& key, const std::string& status) {
  auto r = c.get("/ns/flaky/__sandbox/webhooks?key=" + key + "&status=" + status + "&min=1&wait_ms=10000");
  auto list = r.json().at("deliveries").as_array();
  REQUIRE(list.size() == 1);
  return list[0].as_object();
}

void advance(HttpClient& c, int ms) { REQUIRE(c.post("/ns/flaky/__sandbox/clock/advance", "{\"ms\":" + std::to_string(ms) + "}").status == 200); }

}  // namespace

TEST_CASE("webhook-receiver-flaky: every 3rd attempt 503s then a retry delivers it") {
  Receiver receiver;
  auto settings = test_settings();
  settings.clock = fs::ClockMode::Manual;
  Sandbox sb(settings);
  auto c = sb.client();
  REQUIRE(c.put("/ns/flaky/__sandbox/scenario", scenario_with_receiver(receiver.url())).status == 200);

  publish(c, "k1");
  CHECK(delivery(c, "k1", "delivered").at("attempts").as_array().size() == 1);
  publish(c, "k2");
  CHECK(delivery(c, "k2", "delivered").at("attempts").as_array().size() == 1);
  publish(c, "k3");  // attempt 3: synthetic 503, retry 200 ms later
  auto pending = delivery(c, "k3", "pending");
  auto first = pending.at("attempts").as_array().at(0).as_object();
  CHECK(first.at("status") == 503);
  CHECK(first.at("fault") == "every-3rd-attempt-503");
  CHECK(receiver.count() == 2);  // the 503 was never sent
  advance(c, 200);               // attempt 4: delivered
  auto k3 = delivery(c, "k3", "delivered");
  CHECK(k3.at("attempts").as_array().size() == 2);
  CHECK(receiver.count() == 3);

  publish(c, "k5");  // attempt 5: held 5 s on the namespace clock
  auto late = delivery(c, "k5", "pending");
  CHECK(receiver.count() == 3);
  advance(c, 5000);
  auto k5 = delivery(c, "k5", "delivered");
  CHECK(k5.at("attempts").as_array().at(0).at("fault") == "5th-attempt-late");
  CHECK(receiver.count() == 4);
}

TEST_CASE("webhook-receiver-flaky: the receiver is down from 10 s to 20 s") {
  Receiver receiver;
  auto settings = test_settings();
  settings.clock = fs::ClockMode::Manual;
  Sandbox sb(settings);
  auto c = sb.client();
  REQUIRE(c.put("/ns/flaky/__sandbox/scenario", scenario_with_receiver(receiver.url())).status == 200);
  advance(c, 10000);
  publish(c, "outage");
  // Six attempts over 6.2 s, all inside the outage window: the delivery fails, explicitly.
  for (int ms : {200, 400, 800, 1600, 3200}) advance(c, ms);
  auto failed = delivery(c, "outage", "failed");
  auto attempts = failed.at("attempts").as_array();
  REQUIRE(attempts.size() == 6);
  for (const auto& a : attempts) CHECK(a.at("status").is_null());
  CHECK(attempts[0].at("fault") == "receiver-down-10s-to-20s");
  CHECK(receiver.count() == 0);
  advance(c, 4000);  // 20.2 s: the receiver is back
  publish(c, "after");
  auto after = c.get("/ns/flaky/__sandbox/webhooks?key=after&min=1&wait_ms=10000").json().at("deliveries").as_array();
  REQUIRE(after.size() == 1);
  // Attempt 7 in the namespace (not a multiple of 3, not the 5th): sent and delivered at once.
  CHECK(delivery(c, "after", "delivered").at("attempts").as_array().size() == 1);
  CHECK(receiver.count() == 1);
}
