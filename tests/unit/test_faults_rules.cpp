// Fault rules without a network: patterns, call-count selection, seeded draws, the loader's
// problems, and webhook rules through the namespace's WebhookFaultHook.
#include "core/namespace.hpp"
#include "core/services.hpp"
#include "core/timers.hpp"
#include "faults/faults_module.hpp"
#include "faults/rules.hpp"
#include "scenario/loader.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>

using namespace fs;
using namespace fs::faults;

namespace {

PathPattern pattern(std::string_view text) {
  PathPattern p;
  auto err = PathPattern::compile(text, p);
  REQUIRE_MESSAGE(!err, *err);
  return p;
}

std::string compile_error(std::string_view text) {
  PathPattern p;
  return PathPattern::compile(text, p).value_or("");
}

std::vector<std::string> problems_of(std::string_view json) {
  scenario::Modules modules;
  modules.push_back(std::make_unique<FaultsModule>());
  auto r = scenario::load_text(json, "t.json", modules);
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.path + ": " + p.message);
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view needle) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

struct NoTimers : TimerService {
  void call_after(std::chrono::milliseconds, std::function<void()>) override {}
  void post(std::function<void()>) override {}
};

// One namespace whose only module is the faults module, loaded from `json`.
struct FaultsNamespace {
  explicit FaultsNamespace(std::string_view json, std::string name = "default") {
    settings.clock = ClockMode::Manual;
    modules.push_back(std::make_unique<FaultsModule>());
    services.modules = &modules;
    auto loaded = scenario::load_text(json, "t.json", modules);
    for (const auto& p : loaded.problems) FAIL_CHECK(p.text());
    REQUIRE(loaded.scenario);
    ns = std::make_shared<Namespace>(std::move(name), loaded.scenario, services);
    auto lock = ns->lock();
    ns->reset();
  }
  std::optional<WebhookFault> attempt(std::string_view url, std::string_view event) {
    auto lock = ns->lock();
    auto* hook = ns->webhook_fault_hook();
    REQUIRE(hook);
    return hook->on_attempt(url, event);
  }
  const Rule* call(std::string_view method, std::string_view path) {
    auto lock = ns->lock();
    return ns->state<FaultsState>(0).on_call(method, path);
  }

  Settings settings;
  Logger log{LogFormat::None};
  NoTimers timers;
  scenario::Modules modules;
  Services services{settings, log, timers};
  std::shared_ptr<Namespace> ns;
};

}  // namespace

TEST_CASE("faults: path patterns match literal segments - one-segment stars and a final double star") {
  CHECK(pattern("/check-fraud").matches("/check-fraud"));
  CHECK(pattern("/check-fraud").matches("/check-fraud/"));
  CHECK_FALSE(pattern("/check-fraud").matches("/check-fraud/x"));
  CHECK(pattern("/customer/*").matches("/customer/42"));
  CHECK_FALSE(pattern("/customer/*").matches("/customer"));
  CHECK_FALSE(pattern("/customer/*").matches("/customer/42/history"));
  CHECK(pattern("/customer/{customerId}/history").matches("/customer/42/history"));
  CHECK(pattern("/fil/**").matches("/fil"));
  CHECK(pattern("/fil/**").matches("/fil/a/b/c"));
  CHECK_FALSE(pattern("/fil/**").matches("/filx"));
  CHECK(pattern("/**").matches("/"));
  CHECK(pattern("/").matches("/"));
  CHECK_FALSE(pattern("/").matches("/a"));
}

TEST_CASE("faults: bad path patterns are explained") {
  CHECK(compile_error("customer").find("starts with '/'") != std::string::npos);
  CHECK(compile_error("/a/**/b").find("last segment") != std::string::npos);
  CHECK(compile_error("/cust*").find("whole segment") != std::string::npos);
  CHECK(compile_error("/customer/.*").find("whole segment") != std::string::npos);
  CHECK(compile_error("/customer/(\\d+)").find("regular expression") != std::string::npos);
  CHECK(compile_error("/a//b").find("empty segment") != std::string::npos);
  CHECK(compile_error("/a?x=1").find("query") != std::string::npos);
  CHECK(compile_error("/customer/{id").find("parameter") != std::string::npos);
}

TEST_CASE("faults: glob matching for namespaces - receivers and events") {
  CHECK(glob_match("test-*", "test-42"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("http://127.0.0.1:*/hook", "http://127.0.0.1:9999/hook"));
  CHECK_FALSE(glob_match("test-*", "prod-1"));
  CHECK(glob_match("t?st", "test"));
  CHECK(glob_match("*flag*", "customer.flag.changed"));
  CHECK_FALSE(glob_match("evaluation", "evaluation.completed"));
}

TEST_CASE("faults: nth - every - first - after and their combinations select by call count") {
  Rule r;
  auto fired = [&](int n) {
    std::vector<int> out;
    for (int i = 1; i <= n; ++i)
      if (r.selects(i, 0)) out.push_back(i);
    return out;
  };
  CHECK(fired(6) == std::vector<int>{1, 2, 3, 4, 5, 6});
  r.nth = 2;
  CHECK(fired(6) == std::vector<int>{2});
  r = Rule{};
  r.every = 3;
  CHECK(fired(10) == std::vector<int>{3, 6, 9});
  r = Rule{};
  r.first = 2;
  CHECK(fired(5) == std::vector<int>{1, 2});
  r = Rule{};
  r.after = 3;
  CHECK(fired(5) == std::vector<int>{4, 5});
  r.every = 2;
  CHECK(fired(8) == std::vector<int>{4, 6, 8});
}

TEST_CASE("faults: seeded probability is reproducible and close to p") {
  Rule r;
  r.probability = 0.3;
  r.index = 2;
  std::vector<bool> a, b, other_seed;
  int hits = 0;
  for (int i = 1; i <= 2000; ++i) {
    a.push_back(r.selects(i, 42));
    b.push_back(r.selects(i, 42));
    other_seed.push_back(r.selects(i, 43));
    hits += a.back();
  }
  CHECK(a == b);
  CHECK(a != other_seed);
  CHECK(hits > 480);
  CHECK(hits < 720);
  for (int i = 1; i <= 100; ++i) {
    double d = draw(7, 0, i);
    CHECK(d >= 0.0);
    CHECK(d < 1.0);
  }
}

TEST_CASE("faults: the loader reports every rule problem with its JSON path") {
  auto p = problems_of(R"({
    "faults": [
      {"path": "/check-fraud", "nth": 0, "status": 503},
      {"path": "check-fraud", "status": 503},
      {"path": "/x", "probability": 1.5, "status": 500},
      {"path": "/x", "stauts": 500},
      {"path": "/x"},
      {"path": "/x", "status": 700, "delay_ms": -1},
      {"method": "PSOT", "status": 500},
      {"target": "webhok", "status": 500},
      {"target": "webhook", "path": "/x", "partial": true, "status": 500},
      {"receiver": "http://x", "status": 500},
      {"drop": true, "status": 500},
      {"body": {"a": 1}},
      {"name": "twice", "status": 500},
      {"name": "twice", "status": 500},
      {"namespace": "bad name!", "status": 500},
      {"headers": {"Retry-After": 5}, "status": 429},
      {"nth": 5, "first": 2, "status": 500},
      {"from_ms": 100, "until_ms": 50, "status": 500},
      "not a rule"
    ]
  })");
  CHECK(has(p, "$.faults[0].nth: must be between 1 and"));
  CHECK(has(p, "$.faults[1].path: a path pattern starts with '/'"));
  CHECK(has(p, "$.faults[2].probability: must be between 0 and 1, found 1.5"));
  CHECK(has(p, "$.faults[3].stauts: unknown key \"stauts\" (did you mean \"status\"?)"));
  CHECK(has(p, "$.faults[3]: no action"));
  CHECK(has(p, "$.faults[4]: no action"));
  CHECK(has(p, "$.faults[5].status: must be between 100 and 599, found 700"));
  CHECK(has(p, "$.faults[5].delay_ms: must be between 0 and"));
  CHECK(has(p, "$.faults[6].method: \"PSOT\" is not an HTTP method"));
  CHECK(has(p, "(did you mean \"POST\"?)"));
  CHECK(has(p, "$.faults[7].target: \"webhok\" is not one of \"api\", \"webhook\" (did you mean \"webhook\"?)"));
  CHECK(has(p, "$.faults[8].path: only for API rules"));
  CHECK(has(p, "$.faults[8].partial: only for API rules"));
  CHECK(has(p, "$.faults[9].receiver: only for webhook rules"));
  CHECK(has(p, "$.faults[10].status: \"drop\": true closes the connection"));
  CHECK(has(p, "$.faults[11]: no action"));
  CHECK(has(p, "$.faults[13].name: \"twice\" is already the name of $.faults[12]"));
  CHECK(has(p, "$.faults[14].namespace: \"bad name!\" is not a namespace name or pattern"));
  CHECK(has(p, "$.faults[15].headers.Retry-After: expected a string, found a number"));
  CHECK(has(p, "$.faults[16].nth: never fires"));
  CHECK(has(p, "$.faults[17].until_ms: must be greater than from_ms (100)"));
  CHECK(has(p, "$.faults[18]: expected an object, found a string"));
  CHECK(problems_of(R"({"faults": {"path": "/x"}})") ==
        std::vector<std::string>{"$.faults: expected an array of fault rules, found an object"});
  CHECK(problems_of(R"({"seed": -1})") == std::vector<std::string>{"$.seed: must be between 0 and 9007199254740992, found -1"});
  CHECK(problems_of(R"({"seed": 7, "faults": [{"path": "/x", "probability": 0.5, "status": 500}]})").empty());
}

TEST_CASE("faults: a webhook rule answers on_attempt with the right fault on the right attempt") {
  FaultsNamespace f(R"({"faults": [
    {"name": "third-slow", "target": "webhook", "receiver": "http://127.0.0.1:*/hooks", "nth": 3, "delay_ms": 5000},
    {"name": "flag-500", "target": "webhook", "event": "flag", "first": 2, "status": 500},
    {"name": "down", "target": "webhook", "receiver": "http://down.example/*", "drop": true}
  ]})");
  // Rule 0 counts attempts to its receiver; rule 1 counts "flag" attempts anywhere.
  CHECK_FALSE(f.attempt("http://127.0.0.1:5000/hooks", "evaluation"));
  CHECK_FALSE(f.attempt("http://127.0.0.1:5000/hooks", "evaluation"));
  auto third = f.attempt("http://127.0.0.1:5000/hooks", "evaluation");
  REQUIRE(third);
  CHECK(third->rule == "third-slow");
  CHECK(third->delay_ms == 5000);
  CHECK(third->status == 0);
  CHECK_FALSE(third->fail_connection);
  CHECK_FALSE(f.attempt("http://127.0.0.1:5000/hooks", "evaluation"));

  auto flag1 = f.attempt("http://other/x", "flag");
  REQUIRE(flag1);
  CHECK(flag1->rule == "flag-500");
  CHECK(flag1->status == 500);
  CHECK(flag1->delay_ms == 0);
  CHECK(f.attempt("http://other/x", "flag"));
  CHECK_FALSE(f.attempt("http://other/x", "flag"));

  auto down = f.attempt("http://down.example/hook", "evaluation");
  REQUIRE(down);
  CHECK(down->rule == "down");
  CHECK(down->fail_connection);
  CHECK(down->status == 0);
}

TEST_CASE("faults: a time window on the namespace clock - receiver down for 10 s") {
  FaultsNamespace f(R"({"clock": {"mode": "manual"}, "faults": [
    {"name": "down-10s", "target": "webhook", "until_ms": 10000, "drop": true}
  ]})");
  CHECK(f.attempt("http://r/", "e"));
  {
    auto lock = f.ns->lock();
    f.ns->advance(9999);
  }
  CHECK(f.attempt("http://r/", "e"));
  {
    auto lock = f.ns->lock();
    f.ns->advance(1);
  }
  CHECK_FALSE(f.attempt("http://r/", "e"));
}

TEST_CASE("faults: counting is per rule and reset starts the counts again") {
  FaultsNamespace f(R"({"faults": [
    {"name": "second-check", "method": "POST", "path": "/check-fraud", "nth": 2, "status": 503},
    {"name": "every-other", "path": "/**", "every": 2, "status": 500},
    {"name": "control", "path": "/__sandbox/**", "status": 500}
  ]})");
  CHECK(f.call("POST", "/check-fraud") == nullptr);         // rule 0: 1 - rule 1: 1
  const Rule* r = f.call("POST", "/check-fraud");            // rule 0: 2 - rule 1: 2
  REQUIRE(r);
  CHECK(r->name == "second-check");
  CHECK(f.call("GET", "/customer") == nullptr);              // rule 1: 3
  r = f.call("GET", "/customer");                            // rule 1: 4
  REQUIRE(r);
  CHECK(r->name == "every-other");
  r = f.call("GET", "/__sandbox/health");                    // only a rule naming /__sandbox
  REQUIRE(r);
  CHECK(r->name == "control");
  {
    auto lock = f.ns->lock();
    CHECK(f.ns->state<FaultsState>(0).count(1) == 4);
    f.ns->reset();
    CHECK(f.ns->state<FaultsState>(0).count(1) == 0);
  }
  CHECK(f.call("POST", "/check-fraud") == nullptr);
  CHECK(f.call("POST", "/check-fraud"));
}

TEST_CASE("faults: a namespace-scoped rule ignores other namespaces") {
  std::string_view doc = R"({"faults": [{"namespace": "flaky-*", "path": "/**", "status": 503}]})";
  FaultsNamespace flaky(doc, "flaky-1");
  FaultsNamespace calm(doc, "calm-1");
  CHECK(flaky.call("GET", "/customer"));
  CHECK_FALSE(calm.call("GET", "/customer"));
}

TEST_CASE("faults: no webhook rules means no webhook hook") {
  FaultsNamespace f(R"({"faults": [{"path": "/x", "status": 500}]})");
  auto lock = f.ns->lock();
  CHECK(f.ns->webhook_fault_hook() == nullptr);
}
