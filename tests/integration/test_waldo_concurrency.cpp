// Many concurrent onboard + check-fraud flows: every evaluation completes exactly once, in order per
// customer. No timing thresholds: the manual clock, or waiting by polling.
#include "test_waldo_support.hpp"

#include <atomic>
#include <map>
#include <set>

using namespace waldo_test;
using fs::test::Sandbox;

namespace {

// Runs `flows` onboard+check-fraud flows on `threads` connections; returns the customer ids.
std::vector<std::string> run_flows(const Sandbox& sb, const std::string& ns, int flows, int threads) {
  std::vector<std::vector<std::string>> ids(threads);
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      auto c = sb.client();
      std::string tok;
      {
        auto r = c.post(prefix(ns) + "/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})");
        if (r.status != 200) {
          ++failures;
          return;
        }
        tok = std::string(r.json().at("token").as_string());
      }
      for (int i = t; i < flows; i += threads) {
        auto o = c.post(prefix(ns) + "/onboard", bj::serialize(cassian("flow-" + std::to_string(i), true)), bearer(tok));
        if (o.status != 200) {
          ++failures;
          continue;
        }
        std::string id(o.json().at("customerId").as_string());
        auto f = c.post(prefix(ns) + "/check-fraud", "{\"customerId\":\"" + id + "\"}", bearer(tok));
        if (f.status != 200) ++failures;
        ids[t].push_back(id);
      }
    });
  }
  for (auto& th : pool) th.join();
  CHECK(failures.load() == 0);
  std::vector<std::string> all;
  for (auto& v : ids) all.insert(all.end(), v.begin(), v.end());
  return all;
}

// Every evaluation: initiated, in_progress, completed exactly once each, in that order; per customer
// the onboarding completes before the fraud check.
void check_events(HttpClient& c, const std::string& ns, const std::vector<std::string>& customers) {
  auto j = c.get(prefix(ns) + "/__sandbox/events").json();
  CHECK(j.at("dropped") == 0);
  std::map<std::string, std::vector<std::string>> by_request;  // requestId -> steps
  std::map<std::string, std::vector<std::string>> completions;  // customer -> event names in order
  for (const auto& e : j.at("events").as_array()) {
    const auto& p = e.at("payload").as_object();
    if (!p.contains("evaluation")) continue;
    std::string rid = str(p.at("requestId"));
    std::string step = str(p.at("evaluation").at("status"));
    by_request[rid].push_back(step);
    if (step == "completed") completions[str(p.at("customerId"))].push_back(str(p.at("event")));
  }
  CHECK(by_request.size() == customers.size() * 2);
  std::size_t bad = 0;
  for (const auto& [rid, steps] : by_request)
    if (steps != std::vector<std::string>{"initiated", "in_progress", "completed"}) ++bad;
  CHECK(bad == 0);
  std::size_t out_of_order = 0;
  for (const auto& id : customers)
    if (completions[id] != std::vector<std::string>{"onboard", "evaluation"}) ++out_of_order;
  CHECK(out_of_order == 0);
  auto evs = c.get(prefix(ns) + "/__sandbox/evaluations?status=completed").json();
  CHECK(evs.at("evaluations").as_array().size() == customers.size() * 2);
}

}  // namespace

TEST_CASE("waldo 1000 concurrent onboard and check-fraud flows in one namespace complete exactly once in order") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "big");
  auto customers = run_flows(sb, "big", 1000, 16);
  REQUIRE(customers.size() == 1000);
  CHECK(std::set<std::string>(customers.begin(), customers.end()).size() == 1000);
  // Nothing has moved yet on the manual clock.
  CHECK(c.get("/ns/big/__sandbox/evaluations?status=initiated").json().at("evaluations").as_array().size() == 2000);
  advance(c, "big", 200);
  CHECK(c.get("/ns/big/__sandbox/evaluations?status=in_progress").json().at("evaluations").as_array().size() == 2000);
  advance(c, "big", 1000);
  check_events(c, "big", customers);
}

TEST_CASE("waldo 100 namespaces in parallel on the real clock complete every evaluation exactly once") {
  Sandbox sb;
  constexpr int kNamespaces = 100, kFlows = 10;
  std::vector<std::vector<std::string>> customers(kNamespaces);
  {
    auto c = sb.client();
    for (int n = 0; n < kNamespaces; ++n)
      load_scenario(c, "par-" + std::to_string(n),
                    R"({"waldo":{"delays":{"initiatedToInProgress":5,"inProgressToCompleted":20}}})");
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < 10; ++t) {
    pool.emplace_back([&, t] {
      for (int n = t; n < kNamespaces; n += 10) customers[n] = run_flows(sb, "par-" + std::to_string(n), kFlows, 1);
    });
  }
  for (auto& th : pool) th.join();
  auto c = sb.client();
  for (int n = 0; n < kNamespaces; ++n) {
    std::string ns = "par-" + std::to_string(n);
    INFO(ns);
    REQUIRE(customers[n].size() == kFlows);
    // Wait by polling until every evaluation has ended (bounded only to fail instead of hang).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto done = c.get(prefix(ns) + "/__sandbox/evaluations?status=completed").json();
      if (done.at("evaluations").as_array().size() >= 2 * kFlows) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    check_events(c, ns, customers[n]);
  }
}
