// Fault rules on API calls, over real sockets: a status on the nth call, latency before the normal
// answer, a dropped connection, a cut-off body, seeded probability, /__sandbox left alone, and
// rules scoped to namespaces. Paths under /ft/ have no route, so the normal answer is a 404.
#include "support/http_client.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace fs::test;
namespace bj = boost::json;

namespace {

void put_scenario(HttpClient& c, const std::string& ns, const std::string& doc) {
  auto r = c.put("/ns/" + ns + "/__sandbox/scenario", doc);
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

bj::array journal(HttpClient& c, const std::string& ns) {
  return c.get("/ns/" + ns + "/__sandbox/requests").json().at("requests").as_array();
}

std::string fault_of(const bj::value& entry) {
  const auto* f = entry.as_object().if_contains("fault");
  return f ? std::string(f->as_string()) : std::string();
}

// A scenario file for the whole server, removed when the test ends.
struct TempScenario {
  explicit TempScenario(const std::string& text) {
    path = (std::filesystem::temp_directory_path() /
            ("fs-faults-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json"))
               .string();
    std::ofstream(path) << text;
  }
  ~TempScenario() { std::remove(path.c_str()); }
  std::string path;
  static inline int counter = 0;
};

Sandbox sandbox_with(const std::string& scenario_path) {
  auto s = test_settings();
  s.scenarios = {scenario_path};
  return Sandbox(s);
}

}  // namespace

TEST_CASE("faults api: nth call answers the rule's status - body and headers then the normal answer resumes") {
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "nth", R"({"faults": [
    {"name": "second-busy", "method": "POST", "path": "/ft/check", "nth": 2, "status": 503,
     "body": {"code": "BUSY", "message": "try later"}, "headers": {"Retry-After": "2"}}
  ]})");
  CHECK(c.post("/ns/nth/ft/check", "{}").status == 404);
  auto second = c.post("/ns/nth/ft/check", "{}");
  CHECK(second.status == 503);
  CHECK(second.json().at("code") == "BUSY");
  CHECK(second.header("retry-after") == "2");
  CHECK(second.header("content-type") == "application/json");
  CHECK(c.post("/ns/nth/ft/check", "{}").status == 404);
  CHECK(c.get("/ns/nth/ft/check").status == 404);  // GET is not counted by a POST rule
  auto j = journal(c, "nth");
  REQUIRE(j.size() == 4);
  CHECK(fault_of(j[0]).empty());
  CHECK(fault_of(j[1]) == "second-busy");
  CHECK(j[1].at("status") == 503);
  CHECK(fault_of(j[2]).empty());
}

TEST_CASE("faults api: a status without a body answers an error in the API's format - a string body is sent as is") {
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "fmt", R"({"faults": [
    {"path": "/ft/json", "status": 500},
    {"path": "/ft/html", "status": 502, "body": "<html>Bad Gateway</html>", "headers": {"Content-Type": "text/html"}}
  ]})");
  auto r = c.get("/ns/fmt/ft/json");
  CHECK(r.status == 500);
  CHECK(r.json().at("code") == "SANDBOX_FAULT");
  CHECK(std::string(r.json().at("message").as_string()).find("faults[0]") != std::string::npos);
  auto h = c.get("/ns/fmt/ft/html");
  CHECK(h.status == 502);
  CHECK(h.body == "<html>Bad Gateway</html>");
  CHECK(h.header("content-type") == "text/html");
}

TEST_CASE("faults api: latency delays the normal answer and the journal names the rule") {
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "slow", R"({"faults": [{"name": "slow", "path": "/ft/**", "first": 1, "delay_ms": 150}]})");
  auto r = c.get("/ns/slow/ft/a/b");
  CHECK(r.status == 404);  // the normal handler answered, after the delay
  CHECK(r.json().at("code") == "NOT_FOUND");
  auto again = c.get("/ns/slow/ft/a/b");
  CHECK(again.status == 404);
  auto j = journal(c, "slow");
  REQUIRE(j.size() == 2);
  CHECK(fault_of(j[0]) == "slow");
  CHECK(fault_of(j[1]).empty());
}

TEST_CASE("faults api: latency with a status delays the fault answer") {
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "slowfail", R"({"faults": [{"name": "slow-fail", "path": "/ft/x", "delay_ms": 100, "status": 504}]})");
  auto r = c.get("/ns/slowfail/ft/x");
  CHECK(r.status == 504);
  CHECK(fault_of(journal(c, "slowfail").at(0)) == "slow-fail");
}

TEST_CASE("faults api: drop closes the connection without a response") {
  Sandbox sb;
  auto setup = sb.client();
  put_scenario(setup, "drop", R"({"faults": [{"name": "gone", "path": "/ft/drop", "drop": true}]})");
  auto c = sb.client();
  auto r = c.get("/ns/drop/ft/drop");
  CHECK(r.status == 0);
  CHECK(r.error == "connection closed");
  CHECK(r.headers.empty());
  auto j = journal(setup, "drop");
  REQUIRE(j.size() == 1);
  CHECK(fault_of(j[0]) == "gone");
  CHECK(j[0].at("status") == 444);
  // Other paths still answer, on a new connection.
  auto fresh = sb.client();
  CHECK(fresh.get("/ns/drop/ft/other").status == 404);
}

TEST_CASE("faults api: drop after a delay - the client waits then sees the connection closed") {
  Sandbox sb;
  auto setup = sb.client();
  put_scenario(setup, "hang", R"({"faults": [{"name": "hang-up", "path": "/ft/**", "delay_ms": 100, "drop": true}]})");
  auto c = sb.client();
  auto r = c.get("/ns/hang/ft/x");
  CHECK(r.status == 0);
  CHECK(r.error == "connection closed");
  CHECK(fault_of(journal(setup, "hang").at(0)) == "hang-up");
}

TEST_CASE("faults api: partial sends the headers and half the body then closes") {
  Sandbox sb;
  auto setup = sb.client();
  put_scenario(setup, "cut", R"({"faults": [
    {"name": "cut-fault", "path": "/ft/fault", "status": 200, "body": {"data": "0123456789012345678901234567890123456789"}, "partial": true},
    {"name": "cut-real", "path": "/ft/real", "partial": true}
  ]})");
  auto c = sb.client();
  auto r = c.get("/ns/cut/ft/fault");
  CHECK(r.status == 0);  // the client never got the whole answer
  CHECK(r.error.find("incomplete body") != std::string::npos);
  std::string full = R"({"data":"0123456789012345678901234567890123456789"})";
  CHECK(r.header("content-length") == std::to_string(full.size()));
  CHECK(r.body == full.substr(0, full.size() / 2));

  // Without a status the handler's own answer is cut off.
  auto c2 = sb.client();
  auto real = c2.get("/ns/cut/ft/real");
  CHECK(real.status == 0);
  CHECK(!real.body.empty());
  CHECK(real.body.size() < std::stoul(real.header("content-length")));
  CHECK(real.body.find("NOT_FOUND") != std::string::npos);
  auto j = journal(setup, "cut");
  REQUIRE(j.size() == 2);
  CHECK(fault_of(j[0]) == "cut-fault");
  CHECK(fault_of(j[1]) == "cut-real");
}

TEST_CASE("faults api: seeded probability gives the same sequence on two server instances") {
  const std::string doc = R"({"seed": 1234, "faults": [
    {"name": "coin", "path": "/ft/**", "probability": 0.4, "status": 503}
  ]})";
  auto run = [&doc] {
    Sandbox sb;
    auto c = sb.client();
    put_scenario(c, "dice", doc);
    std::string seq;
    for (int i = 0; i < 60; ++i) seq += c.get("/ns/dice/ft/roll").status == 503 ? 'F' : '.';
    return seq;
  };
  std::string a = run();
  std::string b = run();
  CHECK(a == b);
  CHECK(a.find('F') != std::string::npos);
  CHECK(a.find('.') != std::string::npos);
  // Another seed gives another sequence.
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "dice", R"({"seed": 99, "faults": [{"name": "coin", "path": "/ft/**", "probability": 0.4, "status": 503}]})");
  std::string other;
  for (int i = 0; i < 60; ++i) other += c.get("/ns/dice/ft/roll").status == 503 ? 'F' : '.';
  CHECK(other != a);
}

TEST_CASE("faults api: /__sandbox is never faulted unless a rule names it") {
  Sandbox sb;
  auto c = sb.client();
  put_scenario(c, "ctl", R"({"faults": [
    {"name": "everything", "path": "/**", "status": 500},
    {"name": "any-method", "method": "*", "path": "/*/**", "drop": true}
  ]})");
  CHECK(c.get("/ns/ctl/ft/x").status == 500);
  for (int i = 0; i < 5; ++i) {
    CHECK(c.get("/ns/ctl/__sandbox/health").status == 200);
    CHECK(c.get("/ns/ctl/__sandbox/requests").status == 200);
    CHECK(c.get("/ns/ctl/__sandbox/clock").status == 200);
  }
  put_scenario(c, "ctl2", R"({"faults": [{"name": "journal-down", "method": "GET", "path": "/__sandbox/requests", "nth": 1, "status": 503}]})");
  CHECK(c.get("/ns/ctl2/__sandbox/requests").status == 503);
  CHECK(c.get("/ns/ctl2/__sandbox/requests").status == 200);
  CHECK(c.get("/ns/ctl2/__sandbox/health").status == 200);
}

TEST_CASE("faults api: a namespace-scoped rule in the startup scenario faults only matching namespaces") {
  TempScenario file(R"({
    // only the flaky-* namespaces see faults
    "faults": [{"name": "flaky-only", "namespace": "flaky-*", "path": "/ft/**", "status": 503}],
  })");
  auto sb = sandbox_with(file.path);
  auto c = sb.client();
  CHECK(c.get("/ns/flaky-1/ft/x").status == 503);
  CHECK(c.get("/ns/flaky-2/ft/x").status == 503);
  CHECK(c.get("/ns/steady/ft/x").status == 404);
  CHECK(c.get("/ft/x").status == 404);  // namespace "default"
}

TEST_CASE("faults api: counts are per namespace and reset starts them again") {
  TempScenario file(R"({"faults": [{"name": "third", "path": "/ft/**", "nth": 3, "status": 500}]})");
  auto sb = sandbox_with(file.path);
  auto c = sb.client();
  auto statuses = [&c](const std::string& ns) {
    std::string s;
    for (int i = 0; i < 4; ++i) s += std::to_string(c.get("/ns/" + ns + "/ft/x").status) + " ";
    return s;
  };
  CHECK(statuses("a") == "404 404 500 404 ");
  CHECK(statuses("b") == "404 404 500 404 ");
  CHECK(c.post("/ns/a/__sandbox/reset", "").status == 200);
  CHECK(statuses("a") == "404 404 500 404 ");
}
