// Pure logic of the core: scheduler order, JSON numbers, router precedence, target splitting,
// journal bounds, command line.
#include "app/config.hpp"
#include "core/journal.hpp"
#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "routing/dispatcher.hpp"
#include "routing/router.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

using namespace fs;

TEST_CASE("scheduler runs due jobs in time order and ties in scheduling order") {
  Scheduler s;
  std::vector<std::string> ran;
  s.schedule_at(300, [&] { ran.push_back("c@300"); });
  s.schedule_at(100, [&] { ran.push_back("a@100"); });
  s.schedule_at(200, [&] { ran.push_back("b1@200"); });
  s.schedule_at(200, [&] { ran.push_back("b2@200"); });
  s.schedule_at(400, [&] { ran.push_back("d@400"); });
  CHECK(s.next_due() == 100);
  std::vector<std::int64_t> clock;
  CHECK(s.run_due(300, [&](std::int64_t due) { clock.push_back(due); }) == 4);
  CHECK(ran == std::vector<std::string>{"a@100", "b1@200", "b2@200", "c@300"});
  CHECK(clock == std::vector<std::int64_t>{100, 200, 200, 300});
  CHECK(s.size() == 1);
  CHECK(s.next_due() == 400);
}

TEST_CASE("scheduler runs jobs that due jobs schedule within the same window") {
  Scheduler s;
  std::vector<int> ran;
  s.schedule_at(10, [&] {
    ran.push_back(1);
    s.schedule_at(15, [&] { ran.push_back(2); });
    s.schedule_at(50, [&] { ran.push_back(3); });
  });
  CHECK(s.run_due(20) == 2);
  CHECK(ran == std::vector<int>{1, 2});
  CHECK(s.run_due(50) == 1);
  CHECK(ran == std::vector<int>{1, 2, 3});
}

TEST_CASE("scheduler cancel and earliest-changed notification") {
  Scheduler s;
  std::vector<std::int64_t> earliest;
  s.on_earliest_changed([&](std::int64_t d) { earliest.push_back(d); });
  auto a = s.schedule_at(100, [] { FAIL("cancelled job ran"); });
  s.schedule_at(200, [] {});
  s.schedule_at(50, [] {});
  CHECK(earliest == std::vector<std::int64_t>{100, 50});
  CHECK(s.cancel(a));
  CHECK_FALSE(s.cancel(a));
  CHECK(s.run_due(1000) == 2);
  CHECK(s.size() == 0);
  CHECK_FALSE(s.next_due().has_value());
}

TEST_CASE("JSON numbers are written as the docs write them") {
  boost::json::object o;
  o["fraudScore"] = 0.89;
  o["one"] = 1.0;
  o["small"] = 0.1;
  o["int"] = 1695892771782;
  o["neg"] = -3;
  o["s"] = "quote\" backslash\\ nl\n ctl\x01";
  CHECK(json::write(o) ==
        R"({"fraudScore":0.89,"one":1,"small":0.1,"int":1695892771782,"neg":-3,"s":"quote\" backslash\\ nl\n ctl\u0001"})");
}

TEST_CASE("JSON parse errors name line and column") {
  auto r = json::parse("{\n  \"a\": 1,\n  \"b\": }");
  CHECK_FALSE(r.value.has_value());
  CHECK(r.error.rfind("line 3, column", 0) == 0);
  CHECK(json::parse(R"({"a":1}  )").value.has_value());
  CHECK_FALSE(json::parse(R"({"a":1} x)").value.has_value());
  CHECK(json::parse_relaxed("// c\n{\"a\":[1,2,],}").value.has_value());
  CHECK_FALSE(json::parse("// c\n{\"a\":1}").value.has_value());
}

TEST_CASE("router: literal segments beat parameters and parameters are percent-decoded") {
  routing::Router r;
  int hit = 0;
  r.add(routing::Method::Get, "/contribution/{id}", [&](const routing::CallPtr&) { hit = 1; });
  r.add(routing::Method::Get, "/contribution/price", [&](const routing::CallPtr&) { hit = 2; });
  r.add(routing::Method::Post, "/contribution/{id}/flag", [&](const routing::CallPtr&) { hit = 3; });
  auto m = r.match(routing::Method::Get, "/contribution/price");
  REQUIRE(m.route);
  CHECK(m.route->pattern == "/contribution/price");
  auto p = r.match(routing::Method::Get, "/contribution/%2B4412345");
  REQUIRE(p.route);
  CHECK(p.route->pattern == "/contribution/{id}");
  REQUIRE(p.params.size() == 1);
  CHECK(p.params[0].second == "+4412345");
  auto deep = r.match(routing::Method::Post, "/contribution/price/flag");
  REQUIRE(deep.route);  // falls back to the parameter when the literal branch has no such route
  CHECK(deep.params[0].second == "price");
  auto wrong = r.match(routing::Method::Delete, "/contribution/x");
  CHECK_FALSE(wrong.route);
  CHECK(wrong.allowed == std::vector<routing::Method>{routing::Method::Get});
  CHECK_FALSE(r.match(routing::Method::Get, "/nothing").route);
  CHECK(r.match(routing::Method::Head, "/contribution/x").route);  // HEAD is served by GET
}

TEST_CASE("router refuses conflicting parameter names and duplicate routes") {
  routing::Router r;
  r.add(routing::Method::Get, "/a/{x}", [](const routing::CallPtr&) {});
  CHECK_THROWS(r.add(routing::Method::Get, "/a/{y}/b", [](const routing::CallPtr&) {}));
  CHECK_THROWS(r.add(routing::Method::Get, "/a/{x}", [](const routing::CallPtr&) {}));
}

TEST_CASE("split_target strips the namespace prefix and the query") {
  auto t = routing::split_target("/ns/test-42/check-fraud?x=1");
  CHECK(t.ns == "test-42");
  CHECK(t.path == "/check-fraud");
  CHECK(t.query == "x=1");
  CHECK(t.valid_ns);
  auto d = routing::split_target("/customer");
  CHECK(d.ns == "default");
  CHECK(d.path == "/customer");
  CHECK(routing::split_target("/ns/abc").path == "/");
  CHECK_FALSE(routing::split_target("/ns//x").valid_ns);
  CHECK_FALSE(routing::split_target("/ns/a%20b/x").valid_ns);
}

TEST_CASE("query parameters are percent-decoded with plus as space") {
  routing::Request r;
  r.query = "email=raych%40example.com&name=a+b&flag&phone=%2B1";
  CHECK(r.query_param("email") == "raych@example.com");
  CHECK(r.query_param("name") == "a b");
  CHECK(r.query_param("flag") == "");
  CHECK(r.query_param("phone") == "+1");
  CHECK_FALSE(r.query_param("none").has_value());
  CHECK(routing::percent_decode("%zz%4", false) == "%zz%4");
}

TEST_CASE("journal keeps the newest entries and counts the dropped ones") {
  Journal j(3);
  for (int i = 0; i < 5; ++i) {
    JournalEntry e;
    e.method = "GET";
    e.path = "/p" + std::to_string(i);
    j.record(e);
  }
  auto out = j.to_json({});
  CHECK(out.at("requests").as_array().size() == 3);
  CHECK(out.at("requests").as_array()[0].at("path") == "/p2");
  CHECK(out.at("dropped") == 2);
  JournalEntry big;
  big.body = std::string(Journal::kMaxBody + 10, 'x');
  j.record(big);
  auto last = j.to_json({"", "", 1}).at("requests").as_array()[0];
  CHECK(last.at("body").as_string().size() == Journal::kMaxBody);
  CHECK(last.at("body_truncated") == true);
}

namespace {
const char* fake_env(const char* name) {
  std::string n = name;
  if (n == "FRAUD_SANDBOX_PORT") return "9000";
  if (n == "FRAUD_SANDBOX_SCENARIO") return "from-env.json";
  return nullptr;
}
}  // namespace

TEST_CASE("command line: options override env vars") {
  auto r = app::parse_command_line({"--clock", "manual", "--threads=3"}, fake_env);
  REQUIRE(r.error.empty());
  CHECK(r.cli.settings.port == 9000);
  CHECK(r.cli.settings.clock == ClockMode::Manual);
  CHECK(r.cli.settings.threads == 3);
  CHECK(r.cli.settings.scenarios == std::vector<std::string>{"from-env.json"});
  auto o = app::parse_command_line({"--port", "1", "--scenario", "a.json", "--scenario", "b.json"}, fake_env);
  CHECK(o.cli.settings.port == 1);
  CHECK(o.cli.settings.scenarios == std::vector<std::string>{"a.json", "b.json"});
  auto v = app::parse_command_line({"validate", "x.json", "y.json"}, fake_env);
  CHECK(v.cli.command == app::Command::Validate);
  CHECK(v.cli.files.size() == 2);
  CHECK_FALSE(app::parse_command_line({"--port"}, fake_env).error.empty());
  CHECK_FALSE(app::parse_command_line({"--webhook", "ftp://x"}, fake_env).error.empty());
  CHECK_FALSE(app::parse_command_line({"validate"}, fake_env).error.empty());
}
