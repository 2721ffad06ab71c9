// Webhook delivery end to end: real receivers on port 0, the real server in-process.
#include "support/http_client.hpp"
#include "support/receiver.hpp"
#include "support/sandbox.hpp"

#include "crypto/crypto.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <mutex>
#include <chrono>
#include <ctime>
#include <future>
#include <thread>

using namespace fs::test;
namespace bj = boost::json;
using namespace std::chrono_literals;

namespace {

fs::Settings manual_settings() {
  auto s = test_settings();
  s.clock = fs::ClockMode::Manual;
  s.shutdown_grace_ms = 100;  // retries that only a clock advance would run do not hold up the end
  return s;
}

std::string str(const bj::value& v) { return std::string(v.as_string()); }

// Publishes a test event (sandbox extension) and returns the new deliveries' ids.
std::vector<std::string> publish(HttpClient& c, const std::string& ns, const std::string& event, const std::string& key,
                                 const bj::object& payload) {
  bj::object body{{"event", event}, {"key", key}, {"payload", payload}};
  auto r = c.post("/ns/" + ns + "/__sandbox/events", bj::serialize(body));
  REQUIRE(r.status == 202);
  std::vector<std::string> ids;
  auto json = r.json();
  for (const auto& id : json.at("deliveries").as_array()) ids.push_back(str(id));
  return ids;
}

void load_scenario(HttpClient& c, const std::string& ns, const std::string& webhooks_json) {
  auto r = c.put("/ns/" + ns + "/__sandbox/scenario", R"({"name":"webhook test","webhooks":)" + webhooks_json + "}");
  INFO(r.body);
  REQUIRE(r.status == 200);
}

// Long-poll: at least `min` deliveries matching `query` (or what there is after `wait_ms`).
bj::array deliveries(HttpClient& c, const std::string& ns, const std::string& query, std::size_t min = 0,
                     int wait_ms = 10000) {
  std::string target = "/ns/" + ns + "/__sandbox/webhooks?" + query;
  if (min) target += "&min=" + std::to_string(min) + "&wait_ms=" + std::to_string(wait_ms);
  auto r = c.get(target);
  REQUIRE(r.status == 200);
  return r.json().at("deliveries").as_array();
}

bj::object delivery(HttpClient& c, const std::string& ns, const std::string& id) {
  auto r = c.get("/ns/" + ns + "/__sandbox/webhooks/" + id);
  REQUIRE(r.status == 200);
  return r.json().as_object();
}

// Polls until the delivery has `n` recorded attempts (bounded), then returns it.
bj::object wait_attempts(HttpClient& c, const std::string& ns, const std::string& id, std::size_t n) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  for (;;) {
    auto d = delivery(c, ns, id);
    if (d.at("attempts").as_array().size() >= n || std::chrono::steady_clock::now() > deadline) return d;
    std::this_thread::sleep_for(2ms);
  }
}

std::int64_t advance(HttpClient& c, const std::string& ns, std::int64_t ms) {
  auto r = c.post("/ns/" + ns + "/__sandbox/clock/advance", R"({"ms":)" + std::to_string(ms) + "}");
  REQUIRE(r.status == 200);
  return r.json().at("now_ms").as_int64();
}


// A minimal keep-alive HTTP receiver that counts the connections it accepts (support/Receiver does
// not expose that).
class CountingReceiver {
 public:
  CountingReceiver() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 64);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] {
      for (;;) {
        int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        std::lock_guard lock(mutex_);
        ++accepted_;
        conns_.push_back(c);
        workers_.emplace_back([this, c] { serve(c); });
      }
    });
  }
  ~CountingReceiver() {
    ::shutdown(fd_, SHUT_RDWR);
    acceptor_.join();
    ::close(fd_);
    {
      std::lock_guard lock(mutex_);
      for (int c : conns_) ::shutdown(c, SHUT_RDWR);
    }
    for (auto& w : workers_) w.join();
    for (int c : conns_) ::close(c);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/count"; }
  std::size_t accepted() const {
    std::lock_guard lock(mutex_);
    return accepted_;
  }
  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void serve(int c) {
    std::string buf;
    char tmp[4096];
    for (;;) {
      std::size_t end;
      while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
        if (n <= 0) return;
        buf.append(tmp, static_cast<std::size_t>(n));
      }
      Received rec;
      std::string head = buf.substr(0, end);
      buf.erase(0, end + 4);
      std::size_t length = 0;
      std::size_t pos = head.find("\r\n");
      while (pos != std::string::npos && pos < head.size()) {
        std::size_t e = head.find("\r\n", pos + 2);
        std::string line = head.substr(pos + 2, e == std::string::npos ? std::string::npos : e - pos - 2);
        pos = e;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        rec.headers[name] = value;
        if (name == "content-length") length = std::stoul(value);
      }
      while (buf.size() < length) {
        ssize_t n = ::recv(c, tmp, sizeof tmp, 0);
        if (n <= 0) return;
        buf.append(tmp, static_cast<std::size_t>(n));
      }
      rec.body = buf.substr(0, length);
      buf.erase(0, length);
      {
        std::lock_guard lock(mutex_);
        received_.push_back(std::move(rec));
      }
      static const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
      if (::send(c, ok.data(), ok.size(), MSG_NOSIGNAL) < 0) return;
    }
  }

  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::size_t accepted_ = 0;
  std::vector<int> conns_;
  std::vector<std::thread> workers_;
  std::vector<Received> received_;
};

}  // namespace

TEST_CASE("webhook headers and signature verify as Standard Webhooks") {
  Receiver rx;
  Sandbox sb;
  auto c = sb.client();
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  auto put = c.put("/ns/sig/__sandbox/webhooks/receivers",
                   R"({"receivers":[{"url":")" + rx.url("/signed") + R"(","secret":")" + secret + R"("}]})");
  REQUIRE(put.status == 200);
  CHECK(put.json().at("source") == "api");
  auto ids = publish(c, "sig", "evaluation", "cust-1", {{"event", "evaluation"}, {"score", 0.89}, {"customerId", "cust-1"}});
  REQUIRE(ids.size() == 1);
  REQUIRE(rx.wait_for(1));
  auto got = rx.received().at(0);
  CHECK(got.method == "POST");
  CHECK(got.target == "/signed");
  CHECK(got.headers["content-type"] == "application/json");
  CHECK(got.body == R"({"event":"evaluation","score":0.89,"customerId":"cust-1"})");
  CHECK(got.headers["webhook-id"] == ids[0]);
  auto ts = std::stoll(got.headers["webhook-timestamp"]);
  CHECK(std::llabs(ts - static_cast<long long>(std::time(nullptr))) < 300);
  // Verify as a receiver would: HMAC-SHA256 over "id.timestamp.body" with the base64-decoded key.
  auto key = fs::crypto::base64_decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key);
  std::string content = got.headers["webhook-id"] + "." + got.headers["webhook-timestamp"] + "." + got.body;
  auto mac = fs::crypto::hmac_sha256(*key, fs::crypto::as_bytes(content));
  CHECK(got.headers["webhook-signature"] == "v1," + fs::crypto::base64_encode(mac));

  auto done = deliveries(c, "sig", "status=delivered", 1);
  REQUIRE(done.size() == 1);
  CHECK(str(done[0].at("id")) == ids[0]);
  CHECK(done[0].at("event") == "evaluation");
  CHECK(str(done[0].at("receiver")) == rx.url("/signed"));
  CHECK(done[0].at("payload").at("score") == 0.89);
  auto attempts = done[0].at("attempts").as_array();
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].at("status") == 200);
  CHECK(attempts[0].at("response_body") == "ok");
  CHECK(attempts[0].at("timestamp") == ts);
}

TEST_CASE("webhook without a secret has no signature header and --webhook serves namespaces without receivers") {
  Receiver rx;
  auto s = test_settings();
  s.webhook_url = rx.url("/cli");
  Sandbox sb(s);
  auto c = sb.client();
  auto recv = c.get("/ns/cli/__sandbox/webhooks/receivers").json();
  CHECK(recv.at("source") == "cli");
  publish(c, "cli", "flag", "cust-9", {{"event", "flag"}});
  REQUIRE(rx.wait_for(1));
  auto got = rx.received().at(0);
  CHECK(got.target == "/cli");
  CHECK(got.headers.count("webhook-id") == 1);
  CHECK(got.headers.count("webhook-timestamp") == 1);
  CHECK(got.headers.count("webhook-signature") == 0);
  // A scenario with its own receivers replaces the --webhook default.
  Receiver other;
  load_scenario(c, "own", R"({"receivers":[{"url":")" + other.url() + R"("}]})");
  CHECK(c.get("/ns/own/__sandbox/webhooks/receivers").json().at("source") == "scenario");
  publish(c, "own", "flag", "k", {{"n", 1}});
  REQUIRE(other.wait_for(1));
  CHECK(deliveries(c, "own", "status=delivered", 1).size() == 1);
  CHECK(rx.count() == 1);
}

TEST_CASE("webhook receivers are validated and can filter event types") {
  Receiver all, flags;
  Sandbox sb;
  auto c = sb.client();
  auto bad = c.put("/__sandbox/webhooks/receivers", R"({"receivers":[{"url":"https://x/"},{"secret":"s"}]})");
  CHECK(bad.status == 400);
  CHECK(bad.json().at("problems").as_array().size() == 2);
  CHECK(c.put("/__sandbox/webhooks/receivers", R"({"receiver":[]})").status == 400);
  auto ok = c.put("/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + all.url() + R"("},{"url":")" +
                                                        flags.url() + R"(","events":["flag"]}]})");
  REQUIRE(ok.status == 200);
  CHECK(c.get("/__sandbox/webhooks/receivers").json().at("receivers").as_array().size() == 2);
  publish(c, "default", "evaluation", "a", {{"n", 1}});
  publish(c, "default", "flag", "a", {{"n", 2}});
  auto done = deliveries(c, "default", "status=delivered", 3);
  CHECK(done.size() == 3);
  CHECK(all.count() == 2);
  CHECK(flags.count() == 1);
  CHECK(flags.received().at(0).body == R"({"n":2})");
  CHECK(deliveries(c, "default", "receiver=" + url_encode(flags.url())).size() == 1);
  CHECK(deliveries(c, "default", "event=flag").size() == 2);
  CHECK(c.get("/__sandbox/webhooks?status=bogus").status == 400);
}

TEST_CASE("webhook answered 500 twice then 200 gets exactly 3 attempts on the retry schedule - manual clock") {
  Receiver rx([](const Received&, std::size_t i) {
    ReceiverReply r;
    r.status = i < 2 ? 500 : 200;
    r.body = i < 2 ? "boom" : "fine";
    return r;
  });
  Sandbox sb(manual_settings());
  auto c = sb.client();
  load_scenario(c, "retry", R"({"receivers":[{"url":")" + rx.url() + R"("}],"retry_schedule_ms":[500,1000,2000]})");
  auto ids = publish(c, "retry", "evaluation", "cust-1", {{"step", 1}});
  REQUIRE(ids.size() == 1);
  const auto& id = ids[0];

  auto d = wait_attempts(c, "retry", id, 1);
  auto t0 = d.at("created_ms").as_int64();
  REQUIRE(d.at("attempts").as_array().size() == 1);
  CHECK(d.at("status") == "pending");
  CHECK(d.at("attempts").as_array()[0].at("status") == 500);
  CHECK(d.at("attempts").as_array()[0].at("response_body") == "boom");
  CHECK(d.at("attempts").as_array()[0].at("time_ms") == t0);
  CHECK(d.at("next_attempt_ms") == t0 + 500);
  CHECK(d.at("error") == "HTTP 500");
  // While it is being retried it cannot be redelivered.
  CHECK(c.post("/ns/retry/__sandbox/webhooks/" + id + "/redeliver", "").status == 409);

  advance(c, "retry", 499);
  CHECK(delivery(c, "retry", id).at("attempts").as_array().size() == 1);
  advance(c, "retry", 1);
  d = wait_attempts(c, "retry", id, 2);
  REQUIRE(d.at("attempts").as_array().size() == 2);
  CHECK(d.at("attempts").as_array()[1].at("time_ms") == t0 + 500);
  CHECK(d.at("next_attempt_ms") == t0 + 1500);

  advance(c, "retry", 1000);
  d = wait_attempts(c, "retry", id, 3);
  auto attempts = d.at("attempts").as_array();
  REQUIRE(attempts.size() == 3);
  CHECK(attempts[2].at("time_ms") == t0 + 1500);
  CHECK(attempts[2].at("status") == 200);
  CHECK(attempts[2].at("attempt") == 3);
  CHECK(d.at("status") == "delivered");
  CHECK_FALSE(d.contains("next_attempt_ms"));
  CHECK(rx.count() == 3);
  // webhook-id is stable across retries.
  for (const auto& r : rx.received()) CHECK(r.headers.at("webhook-id") == id);
  advance(c, "retry", 60000);
  CHECK(rx.count() == 3);
  CHECK(delivery(c, "retry", id).at("attempts").as_array().size() == 3);
}

TEST_CASE("webhook to a refused connection is retried then failed") {
  std::string url;
  {
    Receiver gone;
    url = gone.url();
  }  // the port is closed now: connections are refused
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "refused", R"({"receivers":[{"url":")" + url + R"("}],"retry_schedule_ms":[5,5]})");
  auto ids = publish(c, "refused", "flag", "k", {{"x", 1}});
  auto failed = deliveries(c, "refused", "status=failed", 1);
  REQUIRE(failed.size() == 1);
  CHECK(str(failed[0].at("id")) == ids.at(0));
  auto attempts = failed[0].at("attempts").as_array();
  REQUIRE(attempts.size() == 3);
  for (const auto& a : attempts) {
    CHECK(a.at("status").is_null());
    CHECK(a.at("error") == "connection refused");
  }
  CHECK(failed[0].at("error") == "connection refused");
}

TEST_CASE("webhook receiver that never answers times out then fails") {
  Receiver rx([](const Received&, std::size_t) {
    ReceiverReply r;
    r.hang = true;
    return r;
  });
  auto s = test_settings();
  s.shutdown_grace_ms = 100;
  Sandbox sb(s);
  auto c = sb.client();
  load_scenario(c, "hang", R"({"receivers":[{"url":")" + rx.url() + R"("}],"retry_schedule_ms":[5],"timeout_ms":150})");
  publish(c, "hang", "evaluation", "k", {{"x", 1}});
  auto failed = deliveries(c, "hang", "status=failed", 1);
  REQUIRE(failed.size() == 1);
  auto attempts = failed[0].at("attempts").as_array();
  REQUIRE(attempts.size() == 2);
  for (const auto& a : attempts) CHECK(a.at("error") == "timeout");
  CHECK(rx.count() == 2);
}

TEST_CASE("webhook order per key holds while an earlier event is retried - other keys proceed") {
  std::atomic<bool> failed_once{false};
  Receiver rx([&failed_once](const Received& r, std::size_t) {
    ReceiverReply reply;
    if (r.body.find("\"a1\"") != std::string::npos && !failed_once.exchange(true)) reply.status = 503;
    return reply;
  });
  Sandbox sb(manual_settings());
  auto c = sb.client();
  load_scenario(c, "order", R"({"receivers":[{"url":")" + rx.url() + R"("}],"retry_schedule_ms":[1000]})");
  auto a1 = publish(c, "order", "evaluation", "cust-a", {{"seq", "a1"}}).at(0);
  auto a2 = publish(c, "order", "evaluation", "cust-a", {{"seq", "a2"}}).at(0);
  auto b1 = publish(c, "order", "evaluation", "cust-b", {{"seq", "b1"}}).at(0);

  // cust-b is not held up by cust-a's failure.
  auto b = deliveries(c, "order", "key=cust-b&status=delivered", 1);
  REQUIRE(b.size() == 1);
  auto first = wait_attempts(c, "order", a1, 1);
  REQUIRE(first.at("attempts").as_array().size() == 1);
  CHECK(first.at("status") == "pending");
  // a2 waits: not a single attempt while a1 is being retried.
  auto second = delivery(c, "order", a2);
  CHECK(second.at("status") == "pending");
  CHECK(second.at("attempts").as_array().empty());
  auto stats = c.get("/ns/order/__sandbox/webhooks").json().at("stats");
  CHECK(stats.at("waiting_in_order") == 1);
  CHECK(stats.at("retry_scheduled") == 1);

  advance(c, "order", 1000);
  auto done = deliveries(c, "order", "key=cust-a&status=delivered", 2);
  REQUIRE(done.size() == 2);
  std::vector<std::string> seqs;
  for (const auto& r : rx.received()) {
    auto body = bj::parse(r.body);
    if (str(body.at("seq")) != "b1") seqs.push_back(str(body.at("seq")));
  }
  CHECK(seqs == std::vector<std::string>{"a1", "a1", "a2"});
  auto a2d = delivery(c, "order", a2);
  CHECK(a2d.at("attempts").as_array().at(0).at("time_ms").as_int64() >=
        delivery(c, "order", a1).at("attempts").as_array().at(1).at("time_ms").as_int64());
  CHECK(rx.count() == 4);
  (void)b1;
}

TEST_CASE("a hanging webhook receiver does not delay API answers") {
  Receiver rx([](const Received&, std::size_t) {
    ReceiverReply r;
    r.hang = true;
    return r;
  });
  auto s = test_settings();
  s.shutdown_grace_ms = 100;
  Sandbox sb(s);
  auto c = sb.client();
  auto put = c.put("/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + rx.url() + R"("}]})");
  REQUIRE(put.status == 200);
  // More deliveries than the client's connections per host: some hang, the rest queue.
  for (int i = 0; i < 60; ++i) publish(c, "default", "evaluation", "cust-" + std::to_string(i), {{"i", i}});
  REQUIRE(rx.wait_for(10));
  // The API and the control API keep answering, on this and on fresh connections.
  int ok = 0;
  for (int i = 0; i < 50; ++i) {
    ok += c.get("/__sandbox/health").status == 200;
    ok += sb.client().get("/ns/other/__sandbox/requests").status == 200;
    ok += c.get("/some/api/path").status == 404;
  }
  CHECK(ok == 150);
  auto stats = c.get("/__sandbox/webhooks").json().at("stats");
  CHECK(stats.at("pending") == 60);
  CHECK(stats.at("in_flight") == 60);
  CHECK(stats.at("delivered") == 0);
}

TEST_CASE("webhook long-poll returns as soon as the delivery arrives - or at wait_ms with fewer") {
  Receiver rx;
  Sandbox sb;
  auto c = sb.client();
  REQUIRE(c.put("/ns/lp/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + rx.url() + R"("}]})").status ==
          200);
  // Nothing arrives: the answer comes at wait_ms with what there is.
  auto empty = deliveries(c, "lp", "status=delivered", 1, 50);
  CHECK(empty.empty());

  auto port = sb.port();
  auto waiting = std::async(std::launch::async, [port] {
    HttpClient lc(port, 60s);
    auto start = std::chrono::steady_clock::now();
    auto r = lc.get("/ns/lp/__sandbox/webhooks?status=delivered&min=2&wait_ms=60000");
    return std::make_pair(r, std::chrono::steady_clock::now() - start);
  });
  publish(c, "lp", "flag", "a", {{"n", 1}});
  publish(c, "lp", "flag", "b", {{"n", 2}});
  REQUIRE(waiting.wait_for(30s) == std::future_status::ready);  // long before wait_ms
  auto [r, elapsed] = waiting.get();
  CHECK(r.status == 200);
  CHECK(r.json().at("deliveries").as_array().size() == 2);
  CHECK(elapsed < 30s);
  // A waiter gets its answer when the namespace is reset under it.
  auto reset_waiter = std::async(std::launch::async, [port] {
    HttpClient lc(port, 60s);
    return lc.get("/ns/lp/__sandbox/webhooks?event=never&min=1&wait_ms=60000");
  });
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (reset_waiter.wait_for(5ms) != std::future_status::ready && std::chrono::steady_clock::now() < deadline)
    c.post("/ns/lp/__sandbox/reset", "");
  REQUIRE(reset_waiter.wait_for(10s) == std::future_status::ready);
  CHECK(reset_waiter.get().status == 200);
  CHECK(c.get("/ns/lp/__sandbox/webhooks?limit=x").status == 400);
}

TEST_CASE("webhook redeliver sends again with the same webhook-id") {
  Receiver rx;
  Sandbox sb;
  auto c = sb.client();
  REQUIRE(c.put("/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + rx.url() + R"(","secret":"raw"}]})")
              .status == 200);
  auto id = publish(c, "default", "flag", "k", {{"flag", true}}).at(0);
  REQUIRE(deliveries(c, "default", "status=delivered", 1).size() == 1);
  auto r = c.post("/__sandbox/webhooks/" + id + "/redeliver", "");
  CHECK(r.status == 202);
  REQUIRE(rx.wait_for(2));
  auto d = wait_attempts(c, "default", id, 2);
  auto attempts = d.at("attempts").as_array();
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[1].at("redelivery") == true);
  CHECK(d.at("status") == "delivered");
  auto got = rx.received();
  CHECK(got[0].headers["webhook-id"] == id);
  CHECK(got[1].headers["webhook-id"] == id);
  CHECK(got[0].body == got[1].body);
  CHECK(c.post("/__sandbox/webhooks/msg_nope/redeliver", "").status == 404);
  CHECK(c.get("/__sandbox/webhooks/msg_nope").status == 404);
}

TEST_CASE("webhook receivers of one namespace never get another namespace's events") {
  Receiver ra, rb;
  Sandbox sb;
  auto c = sb.client();
  REQUIRE(c.put("/ns/a/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + ra.url() + R"("}]})").status == 200);
  REQUIRE(c.put("/ns/b/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + rb.url() + R"("}]})").status == 200);
  for (int i = 0; i < 3; ++i) publish(c, "a", "evaluation", "k" + std::to_string(i), {{"ns", "a"}});
  for (int i = 0; i < 2; ++i) publish(c, "b", "evaluation", "k" + std::to_string(i), {{"ns", "b"}});
  publish(c, "c", "evaluation", "k", {{"ns", "c"}});  // no receivers there
  REQUIRE(deliveries(c, "a", "status=delivered", 3).size() == 3);
  REQUIRE(deliveries(c, "b", "status=delivered", 2).size() == 2);
  CHECK(deliveries(c, "c", "").empty());
  CHECK(ra.count() == 3);
  CHECK(rb.count() == 2);
  for (const auto& r : ra.received()) CHECK(r.body == R"({"ns":"a"})");
  for (const auto& r : rb.received()) CHECK(r.body == R"({"ns":"b"})");
  CHECK(deliveries(c, "default", "").empty());
}

TEST_CASE("webhook queue overflow is recorded as failed and counted") {
  Receiver rx([](const Received&, std::size_t) {
    ReceiverReply r;
    r.status = 500;
    return r;
  });
  Sandbox sb(manual_settings());
  auto c = sb.client();
  load_scenario(c, "full", R"({"receivers":[{"url":")" + rx.url() + R"("}],"queue_capacity":2,"retained":3})");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(publish(c, "full", "evaluation", "k" + std::to_string(i), {{"i", i}}).at(0));
  auto j = c.get("/ns/full/__sandbox/webhooks").json();
  auto stats = j.at("stats");
  CHECK(stats.at("overflow") == 3);
  CHECK(stats.at("pending") == 2);
  CHECK(stats.at("queue_capacity") == 2);
  auto failed = deliveries(c, "full", "status=failed");
  CHECK(failed.size() == 3);
  CHECK(stats.at("dropped") == 0);
  for (const auto& d : failed) {
    CHECK(str(d.at("error")).find("queue full") == 0);
    CHECK(d.at("attempts").as_array().empty());
  }
  CHECK(delivery(c, "full", ids[4]).at("status") == "failed");
  CHECK(delivery(c, "full", ids[0]).at("status") == "pending");
  // A redelivery of an overflowed one is refused while the queue is full.
  CHECK(c.post("/ns/full/__sandbox/webhooks/" + ids[4] + "/redeliver", "").status == 429);
  // The retained log keeps 3 finished deliveries: one more overflow drops the oldest finished one.
  publish(c, "full", "evaluation", "k5", {{"i", 5}});
  auto after = c.get("/ns/full/__sandbox/webhooks").json();
  CHECK(after.at("stats").at("dropped") == 1);
  CHECK(after.at("stats").at("overflow") == 5);
  CHECK(after.at("deliveries").as_array().size() == 5);
  CHECK(c.get("/ns/full/__sandbox/webhooks/" + ids[2]).status == 404);
}

TEST_CASE("webhook completions after a reset are ignored safely") {
  Receiver rx([](const Received&, std::size_t) {
    ReceiverReply r;
    r.delay = 100ms;
    return r;
  });
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "rs", R"({"receivers":[{"url":")" + rx.url() + R"("}]})");
  for (int i = 0; i < 5; ++i) publish(c, "rs", "evaluation", "k" + std::to_string(i), {{"i", i}});
  REQUIRE(rx.wait_for(1));
  CHECK(c.post("/ns/rs/__sandbox/reset", "").status == 200);
  REQUIRE(rx.wait_for(5));
  // New deliveries after the reset work; the old ones are gone.
  publish(c, "rs", "evaluation", "k", {{"after", true}});
  auto done = deliveries(c, "rs", "status=delivered", 1);
  REQUIRE(done.size() == 1);
  CHECK(done[0].at("payload").at("after") == true);
  CHECK(deliveries(c, "rs", "").size() == 1);
}

TEST_CASE("webhook fault rules shape attempts - synthetic status then a delay on the namespace clock") {
  Receiver rx;
  Sandbox sb(manual_settings());
  auto c = sb.client();
  auto r = c.put("/ns/faulty/__sandbox/scenario",
                 R"({"name":"faulty","webhooks":{"receivers":[{"url":")" + rx.url() +
                     R"("}],"retry_schedule_ms":[500]},"faults":[)"
                     R"({"name":"first-503","target":"webhook","status":503,"first":1},)"
                     R"({"name":"slow","target":"webhook","delay_ms":1000,"after":1}]})");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto id = publish(c, "faulty", "evaluation", "k", {{"x", 1}}).at(0);
  auto d = wait_attempts(c, "faulty", id, 1);
  auto t0 = d.at("created_ms").as_int64();
  REQUIRE(d.at("attempts").as_array().size() == 1);
  CHECK(d.at("attempts").as_array()[0].at("status") == 503);
  CHECK(d.at("attempts").as_array()[0].at("fault") == "first-503");
  CHECK(rx.count() == 0);  // the rule answered for the receiver
  advance(c, "faulty", 500);  // the retry is due, and the "slow" rule holds it 1000 ms more
  d = delivery(c, "faulty", id);
  CHECK(d.at("next_attempt_ms") == t0 + 1500);
  CHECK(d.at("attempts").as_array().size() == 1);
  advance(c, "faulty", 1000);
  d = wait_attempts(c, "faulty", id, 2);
  auto attempts = d.at("attempts").as_array();
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[1].at("fault") == "slow");
  CHECK(attempts[1].at("time_ms") == t0 + 1500);
  CHECK(attempts[1].at("status") == 200);
  CHECK(d.at("status") == "delivered");
  CHECK(rx.count() == 1);
}

TEST_CASE("webhook deliveries to one receiver reuse keep-alive connections") {
  CountingReceiver rx;
  Sandbox sb;
  auto c = sb.client();
  REQUIRE(c.put("/ns/ka/__sandbox/webhooks/receivers", R"({"receivers":[{"url":")" + rx.url() + R"("}]})").status ==
          200);
  // One key: strictly one after the other, so one connection suffices for all of them.
  for (int i = 0; i < 20; ++i) publish(c, "ka", "evaluation", "same", {{"i", i}});
  auto done = deliveries(c, "ka", "status=delivered", 20);
  REQUIRE(done.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(done[i].at("payload").at("i") == i);
  auto got = rx.received();
  REQUIRE(got.size() == 20);
  for (const auto& g : got) CHECK(g.headers.count("connection") == 0);  // HTTP/1.1 keep-alive by default
  CHECK(rx.accepted() == 1);
}
