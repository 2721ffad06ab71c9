// The HTTP core, namespaces, journal and control API, over real sockets.
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <csignal>
#include <thread>

using namespace fs::test;
namespace bj = boost::json;

TEST_CASE("health answers 200 {\"status\":\"ok\"}") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.get("/__sandbox/health");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"status":"ok"})");
  CHECK(r.header("content-type") == "application/json");
}

TEST_CASE("unknown path is 404 and a known path with the wrong method is 405 - both JSON") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.get("/no/such/thing");
  CHECK(r.status == 404);
  CHECK(r.json().at("code") == "NOT_FOUND");
  auto m = c.request("DELETE", "/__sandbox/health");
  CHECK(m.status == 405);
  CHECK(m.json().at("code") == "METHOD_NOT_ALLOWED");
  CHECK(m.header("allow") == "GET");
  auto weird = c.request("BREW", "/__sandbox/health");
  CHECK(weird.status == 405);
}

TEST_CASE("HEAD gets the GET headers without a body") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.request("HEAD", "/__sandbox/health");
  CHECK(r.status == 200);
  CHECK(r.header("content-length") == "15");
  CHECK(r.body.empty());
  CHECK(c.get("/__sandbox/health").status == 200);  // the connection is still in sync
}

TEST_CASE("every route also works under /ns/{name} - and bad namespace names are rejected") {
  Sandbox sb;
  auto c = sb.client();
  CHECK(c.get("/ns/test-42/__sandbox/health").status == 200);
  auto bad = c.get("/ns/" + std::string(65, 'a') + "/__sandbox/health");
  CHECK(bad.status == 400);
  CHECK(bad.json().at("code") == "INVALID_NAMESPACE");
  CHECK(c.get("/ns/a%20b/__sandbox/health").status == 400);
}

TEST_CASE("namespaces keep separate journals") {
  Sandbox sb;
  auto c = sb.client();
  c.get("/ns/one/first-path");
  c.get("/ns/one/second-path");
  c.get("/ns/two/other-path");
  auto one = c.get("/ns/one/__sandbox/requests").json().at("requests").as_array();
  auto two = c.get("/ns/two/__sandbox/requests").json().at("requests").as_array();
  auto def = c.get("/__sandbox/requests").json().at("requests").as_array();
  REQUIRE(one.size() == 2);
  CHECK(one[0].at("path") == "/first-path");
  CHECK(one[1].at("path") == "/second-path");
  CHECK(one[0].at("status") == 404);
  REQUIRE(two.size() == 1);
  CHECK(two[0].at("path") == "/other-path");
  CHECK(def.empty());
}

TEST_CASE("journal filters by method - path prefix and limit") {
  Sandbox sb;
  auto c = sb.client();
  c.get("/a/1");
  c.post("/a/2", R"({"x":1})");
  c.get("/b/3");
  auto by_method = c.get("/__sandbox/requests?method=post").json().at("requests").as_array();
  REQUIRE(by_method.size() == 1);
  CHECK(by_method[0].at("path") == "/a/2");
  CHECK(by_method[0].at("body") == R"({"x":1})");
  CHECK(by_method[0].at("headers").at("Content-Type") == "application/json");
  CHECK(by_method[0].at("time").as_int64() > 1700000000000);  // epoch ms on the namespace clock
  CHECK(by_method[0].at("query") == "");
  CHECK(by_method[0].at("variants").as_array().empty());
  CHECK(c.get("/__sandbox/requests?path=/a/*").json().at("requests").as_array().size() == 2);
  auto last = c.get("/__sandbox/requests?limit=1").json().at("requests").as_array();
  REQUIRE(last.size() == 1);
  CHECK(last[0].at("path") == "/b/3");
  CHECK(c.get("/__sandbox/requests?limit=x").status == 400);
}

TEST_CASE("the journal is bounded: the oldest entries are dropped and counted") {
  auto s = test_settings();
  s.journal_capacity = 5;
  Sandbox sb(s);
  auto c = sb.client();
  for (int i = 0; i < 8; ++i) c.get("/p/" + std::to_string(i));
  auto j = c.get("/__sandbox/requests").json().as_object();
  auto list = j.at("requests").as_array();
  REQUIRE(list.size() == 5);
  CHECK(list[0].at("path") == "/p/3");
  CHECK(list[4].at("path") == "/p/7");
  CHECK(j.at("dropped") == 3);
}

TEST_CASE("reset empties the namespace's journal") {
  Sandbox sb;
  auto c = sb.client();
  c.get("/x");
  CHECK(c.get("/__sandbox/requests").json().at("requests").as_array().size() == 1);
  CHECK(c.post("/__sandbox/reset", "").status == 200);
  CHECK(c.get("/__sandbox/requests").json().at("requests").as_array().empty());
}

TEST_CASE("clock: real by default - manual advances on request") {
  Sandbox sb;
  auto c = sb.client();
  auto real = c.get("/__sandbox/clock").json();
  CHECK(real.at("mode") == "real");
  CHECK(c.post("/__sandbox/clock/advance", R"({"ms":10})").status == 409);
  auto s = test_settings();
  s.clock = fs::ClockMode::Manual;
  Sandbox manual(s);
  auto m = manual.client();
  auto before = m.get("/__sandbox/clock").json().at("now_ms").as_int64();
  auto after = m.post("/__sandbox/clock/advance", R"({"ms":1500})").json();
  CHECK(after.at("now_ms").as_int64() == before + 1500);
  CHECK(m.post("/__sandbox/clock/advance", R"({"ms":-1})").status == 400);
  CHECK(m.post("/__sandbox/clock/advance", R"(nope)").status == 400);
}

TEST_CASE("a scenario can start the manual clock at a fixed time") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.put("/ns/t/__sandbox/scenario", R"({"name":"t","clock":{"mode":"manual","start":"2024-01-03T12:00:00Z"}})");
  CHECK(r.status == 200);
  auto clock = c.get("/ns/t/__sandbox/clock").json();
  CHECK(clock.at("mode") == "manual");
  CHECK(clock.at("now_ms") == 1704283200000);
}

TEST_CASE("PUT /__sandbox/scenario reports every problem and changes nothing") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.put("/__sandbox/scenario", R"({"nam":"x","clock":{"mode":"sometimes"}})");
  CHECK(r.status == 400);
  auto problems = r.json().at("problems").as_array();
  REQUIRE(problems.size() == 2);
  std::string all = bj::serialize(problems);
  CHECK(all.find("did you mean \\\"name\\\"") != std::string::npos);
  CHECK(all.find("$.clock.mode") != std::string::npos);
}

TEST_CASE("admin token guards /__sandbox except health") {
  auto s = test_settings();
  s.admin_token = "s3cret";
  Sandbox sb(s);
  auto c = sb.client();
  CHECK(c.get("/__sandbox/health").status == 200);
  CHECK(c.get("/__sandbox/requests").status == 401);
  CHECK(c.get("/__sandbox/requests", {{"Authorization", "Bearer wrong"}}).status == 401);
  CHECK(c.get("/__sandbox/requests", {{"Authorization", "Bearer s3cret"}}).status == 200);
}

TEST_CASE("namespace limit: beyond it a new namespace gets 429 naming the limit") {
  auto s = test_settings();
  s.max_namespaces = 2;
  Sandbox sb(s);
  auto c = sb.client();
  CHECK(c.get("/__sandbox/health").status == 200);  // "default"
  CHECK(c.get("/ns/second/__sandbox/health").status == 200);
  auto r = c.get("/ns/third/__sandbox/health");
  CHECK(r.status == 429);
  CHECK(r.json().at("message").as_string().find("(2)") != bj::string::npos);
  CHECK(c.get("/ns/second/__sandbox/health").status == 200);
}

TEST_CASE("keep-alive: 1 -000 sequential requests on one connection") {
  Sandbox sb;
  auto c = sb.client();
  int ok = 0;
  for (int i = 0; i < 1000; ++i) ok += c.get("/__sandbox/health").status == 200;
  CHECK(ok == 1000);
  CHECK(c.connected());
}

TEST_CASE("pipelined requests are answered in order") {
  Sandbox sb;
  auto c = sb.client();
  std::string reqs;
  for (int i = 0; i < 5; ++i) reqs += "GET /p" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(c.send_raw(reqs));
  for (int i = 0; i < 5; ++i) {
    auto r = c.read_response();
    CHECK(r.status == 404);
    CHECK(r.json().at("message").as_string().ends_with("/p" + std::to_string(i)));
  }
}

TEST_CASE("200 concurrent connections are all served") {
  Sandbox sb;
  std::vector<HttpClient> clients;
  for (int i = 0; i < 200; ++i) clients.push_back(sb.client());
  for (int i = 0; i < 200; ++i) clients[i].send_raw("GET /__sandbox/health HTTP/1.1\r\nHost: x\r\n\r\n");
  int ok = 0;
  for (auto& c : clients) ok += c.read_response().status == 200;
  CHECK(ok == 200);
}

TEST_CASE("a client that sends half a request and stalls is timed out - others are served") {
  auto s = test_settings();
  s.read_timeout_ms = 300;
  Sandbox sb(s);
  HttpClient slow(sb.port());
  REQUIRE(slow.send_raw("POST /__sandbox/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  auto other = sb.client();
  CHECK(other.get("/__sandbox/health").status == 200);
  CHECK(slow.closed_by_peer(std::chrono::seconds(5)));
  HttpClient slow_headers(sb.port());
  REQUIRE(slow_headers.send_raw("GET /__sandbox/hea"));
  CHECK(slow_headers.closed_by_peer(std::chrono::seconds(5)));
  CHECK(other.get("/__sandbox/health").status == 200);
}

TEST_CASE("a body over the route's limit gets 413 JSON") {
  Sandbox sb;
  auto c = sb.client();
  std::string big(1024 * 1024 + 1, 'x');
  auto r = c.post("/ns/big/anything", big);
  CHECK(r.status == 413);
  CHECK(r.json().at("code") == "PAYLOAD_TOO_LARGE");
  auto c2 = sb.client();
  CHECK(c2.get("/__sandbox/health").status == 200);
}

TEST_CASE("malformed HTTP gets 400 and a closed connection - the server lives on") {
  Sandbox sb;
  HttpClient c(sb.port());
  REQUIRE(c.send_raw("GARBAGE\x01\x02 / HTTP/9.9\r\n\r\n"));
  auto r = c.read_response();
  CHECK(r.status == 400);
  CHECK(r.json().at("code") == "BAD_REQUEST");
  CHECK(c.closed_by_peer(std::chrono::seconds(5)));
  HttpClient bad_length(sb.port());
  REQUIRE(bad_length.send_raw("POST /x HTTP/1.1\r\nContent-Length: nope\r\n\r\n"));
  CHECK(bad_length.read_response().status == 400);
  CHECK(sb.client().get("/__sandbox/health").status == 200);
}

TEST_CASE("binary: --port 0 prints exactly the listening line - SIGTERM finishes in-flight work - exit 0") {
  ServerProcess p({"--port", "0", "--log-format", "none", "--idle-timeout-ms", "60000"});
  REQUIRE(p.port() != 0);
  CHECK(p.first_line() == "fraud-sandbox listening on http://127.0.0.1:" + std::to_string(p.port()));
  // A request whose body is still arriving when SIGTERM comes must still be answered.
  HttpClient c(p.port());
  REQUIRE(c.send_raw("POST /__sandbox/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  p.signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(c.send_raw("cd"));
  auto r = c.read_response();
  CHECK(r.status == 200);
  auto start = std::chrono::steady_clock::now();
  CHECK(p.wait(std::chrono::seconds(5)) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(p.stdout_rest().empty());
}

TEST_CASE("binary: bad options exit 2 with a clear message - --help and --version exit 0") {
  auto bad = run_binary({"--port", "99999"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--port") != std::string::npos);
  auto unknown = run_binary({"--frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown option '--frobnicate'") != std::string::npos);
  auto help = run_binary({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--max-namespaces") != std::string::npos);
  auto version = run_binary({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("fraud-sandbox ", 0) == 0);
  auto env = run_binary({}, {"FRAUD_SANDBOX_CLOCK=sometimes"});
  CHECK(env.exit_code == 2);
  CHECK(env.err.find("FRAUD_SANDBOX_CLOCK") != std::string::npos);
}

TEST_CASE("binary: an invalid scenario at start exits 2 and serves nothing") {
  auto r = run_binary({"--port", "0", "--scenario", FS_TEST_DATA_DIR "/does-not-exist.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("does-not-exist.json") != std::string::npos);
}

TEST_CASE("binary: healthcheck exits 0 against a live server and 1 when nothing listens") {
  ServerProcess p({"--port", "0", "--log-format", "none"});
  REQUIRE(p.port() != 0);
  auto ok = run_binary({"healthcheck", "--port", std::to_string(p.port())});
  CHECK(ok.exit_code == 0);
  auto via_env = run_binary({"healthcheck"}, {"FRAUD_SANDBOX_PORT=" + std::to_string(p.port()), "FRAUD_SANDBOX_HOST=0.0.0.0"});
  CHECK(via_env.exit_code == 0);
  p.signal(SIGTERM);
  CHECK(p.wait(std::chrono::seconds(5)) == 0);
  auto down = run_binary({"healthcheck", "--port", std::to_string(p.port())});
  CHECK(down.exit_code == 1);
}

TEST_CASE("binary: logs go to stderr - one line per request - text or JSON") {
  ServerProcess p({"--port", "0", "--log-format", "json"});
  REQUIRE(p.port() != 0);
  HttpClient(p.port()).get("/ns/logs/somewhere");
  p.signal(SIGTERM);
  CHECK(p.wait(std::chrono::seconds(5)) == 0);
  auto err = p.stderr_text();
  CHECK(err.find(R"({"type":"request","ns":"logs","method":"GET","path":"/somewhere","status":404,"micros":)") !=
        std::string::npos);
  CHECK(p.stdout_rest().empty());
}
