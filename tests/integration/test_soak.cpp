// Soak: valid traffic mixed with malformed requests, slow clients, abrupt disconnects and a
// flapping webhook receiver, for a bounded time. Afterwards the server must still answer, stay
// within its configured caps, have completed every evaluation exactly once and have delivered or
// explicitly failed every webhook (none lost).
#include "support/http_client.hpp"
#include "support/receiver.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <atomic>
#include <map>
#include <thread>

using namespace fs::test;
namespace bj = boost::json;

namespace {

constexpr auto kSoakFor = std::chrono::seconds(6);

std::string onboard_body(int i, bool fraud) {
  return R"({"firstName":"Soak","lastName":"Test","officialId":{"docType":"SSN","value":"123-45-6789","country":"US"},)"
         R"("email":"soak)" + std::to_string(i) + R"(@example.com","phone":"+12044372083","dob":"1985-04-24",)"
         R"("address":"Trantor Blvd. 73","city":"Chicago","state":"IL","zipCode":"00001","country":"US",)"
         R"("externalId":"soak-)" + std::to_string(i) + (fraud ? R"(-fraud-review")" : R"(-kyc-pass")") +
         (fraud ? R"(,"options":{"includeFraudCheck":true}})" : "}");
}

void valid_traffic(int thread, std::uint16_t port, std::atomic<bool>& stop, std::atomic<int>& ok) {
  HttpClient c(port);
  auto auth = c.post("/ns/soak/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})");
  REQUIRE(auth.status == 200);
  std::string bearer = "Bearer " + std::string(auth.json().at("token").as_string());
  // Bounded so that the event log (10,000) holds every event of the run.
  for (int i = 0; !stop.load() && i < 150; ++i) {
    auto r = c.post("/ns/soak/onboard", onboard_body(thread * 1000 + i, i % 2 == 0), {{"Authorization", bearer}});
    if (r.status != 200) continue;
    std::string id(r.json().at("customerId").as_string());
    ok += c.post("/ns/soak/check-fraud", R"({"customerId":")" + id + R"("})", {{"Authorization", bearer}}).status == 200;
    ok += c.get("/ns/soak/customer?customerId=" + id, {{"Authorization", bearer}}).status == 200;
  }
}

void malformed_traffic(std::uint16_t port, std::atomic<bool>& stop) {
  for (int i = 0; !stop.load(); ++i) {
    HttpClient c(port);
    switch (i % 5) {
      case 0: c.post("/ns/soak/onboard", "{not json", {{"Authorization", "Bearer x"}}); break;
      case 1: c.send_raw("\x01\x02garbage\r\n\r\n"); c.read_response(); break;
      case 2: c.get("/ns/soak/customer", {{"X-Big", std::string(20000, 'h')}}); break;
      case 3: c.post("/ns/soak/check-fraud", std::string(1100000, '{')); break;
      default: c.post("/ns/soak/check-fraud", R"({"customerId": 12})", {{"Authorization", "Bearer a.b.c"}}); break;
    }
  }
}

void slow_and_abrupt_clients(std::uint16_t port, std::atomic<bool>& stop) {
  for (int i = 0; !stop.load(); ++i) {
    HttpClient c(port);
    if (i % 2 == 0) {
      c.send_raw("POST /ns/soak/onboard HTTP/1.1\r\nContent-Length: 500\r\n\r\n{\"first");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } else {
      c.send_raw("GET /ns/soak/__sandbox/health HTTP/1.1\r\n\r\n");
    }
    c.close();  // abrupt: no answer read
  }
}

bj::object get_json(HttpClient& c, const std::string& target) { return c.get(target).json().as_object(); }

}  // namespace

TEST_CASE("soak: mixed hostile traffic and a flapping receiver lose nothing and stay within caps") {
  Receiver flapping([](const Received&, std::size_t n) {
    ReceiverReply r;
    if (n % 5 == 1) r.status = 500;
    if (n % 7 == 3) r.close = true;
    return r;
  });
  auto settings = test_settings();
  settings.journal_capacity = 300;
  settings.max_retained = 150;
  settings.read_timeout_ms = 300;
  Sandbox sb(settings);
  auto c = sb.client();
  std::string scenario = R"({"name":"soak",
    "waldo":{"delays":{"initiatedToInProgress":10,"inProgressToCompleted":30}},
    "webhooks":{"receivers":[{"url":")" + flapping.url() + R"("}],"retry_schedule_ms":[20,40,80],"timeout_ms":1000}})";
  REQUIRE(c.put("/ns/soak/__sandbox/scenario", scenario).status == 200);

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  threads.emplace_back(valid_traffic, 1, sb.port(), std::ref(stop), std::ref(ok));
  threads.emplace_back(valid_traffic, 2, sb.port(), std::ref(stop), std::ref(ok));
  threads.emplace_back(malformed_traffic, sb.port(), std::ref(stop));
  threads.emplace_back(slow_and_abrupt_clients, sb.port(), std::ref(stop));
  std::this_thread::sleep_for(kSoakFor);
  stop = true;
  for (auto& t : threads) t.join();
  CHECK(ok.load() > 0);

  // Let the last evaluations and deliveries finish (bounded).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bj::object hooks;
  for (;;) {
    hooks = get_json(c, "/ns/soak/__sandbox/webhooks?limit=0");
    auto running = get_json(c, "/ns/soak/__sandbox/evaluations?status=in_progress").at("evaluations").as_array().size() +
                   get_json(c, "/ns/soak/__sandbox/evaluations?status=initiated").at("evaluations").as_array().size();
    if (hooks.at("stats").at("pending").to_number<std::int64_t>() == 0 && running == 0) break;
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  CHECK(c.get("/ns/soak/__sandbox/health").status == 200);

  // Caps held.
  auto journal = get_json(c, "/ns/soak/__sandbox/requests?limit=1");
  CHECK(journal.at("total").to_number<std::int64_t>() <= 300);
  CHECK(journal.at("dropped").to_number<std::int64_t>() > 0);
  auto evaluations = get_json(c, "/ns/soak/__sandbox/evaluations");
  CHECK(evaluations.at("evaluations").as_array().size() <= 150);

  // Every evaluation ended exactly once: one terminal event per (requestId, type).
  auto event_log = get_json(c, "/ns/soak/__sandbox/events");
  REQUIRE(event_log.at("dropped") == 0);
  auto events = event_log.at("events").as_array();
  std::map<std::string, int> started, ended;
  for (const auto& e : events) {
    const auto& p = e.at("payload").as_object();
    auto* ev = p.if_contains("evaluation");
    auto* rid = p.if_contains("requestId");
    if (!ev || !rid) continue;
    std::string key = std::string(rid->as_string()) + "/" + std::string(ev->at("type").as_string());
    std::string status(ev->at("status").as_string());
    if (status == "initiated") ++started[key];
    if (status == "completed" || status == "failed") ++ended[key];
  }
  CHECK(started.size() > 10);
  for (const auto& [key, n] : started) {
    CAPTURE(key);
    CHECK(n == 1);
    CHECK(ended[key] == 1);
  }
  CHECK(ended.size() == started.size());

  // Every webhook delivery was delivered or explicitly failed; none silently lost.
  const auto& stats = hooks.at("stats").as_object();
  auto delivered = stats.at("delivered").to_number<std::int64_t>();
  auto failed = stats.at("failed").to_number<std::int64_t>();
  auto dropped = stats.at("dropped").to_number<std::int64_t>();
  CHECK(stats.at("pending").to_number<std::int64_t>() == 0);
  CHECK(delivered + failed + dropped == static_cast<std::int64_t>(events.size()));
  CHECK(delivered > 0);
  CHECK(flapping.count() >= static_cast<std::size_t>(delivered));
}
