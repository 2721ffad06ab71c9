// Helper for scripts/bench: the parts of a benchmark run that need HTTP or crypto before or around
// wrk. Subcommands:
//   prepare PORT OUT_DIR        authenticate, onboard customers, log in to FIL; write wrk Lua data
//   startup N                   median time from exec to the first 200 of /__sandbox/health, N runs
//   evalmem PORT PID N          RSS growth per retained evaluation over N check-fraud calls
//   webhooks PORT RECEIVER_URL N   deliveries/s and completion-to-delivery latency for N evaluations
#include "crypto/crypto.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace fs::test;
namespace bj = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

const char* kOnboard = R"({"firstName":"Cassian","lastName":"Andor","officialId":{"docType":"SSN","value":"439-46-5491","country":"US"},"email":"cassian%d@example.com","phone":"+12044372083","dob":"1982-03-14","address":"10436 Donnelly Green","city":"Coruscant","state":"NY","zipCode":"81304","country":"US","externalId":"bench-%d-fraudCheck-pass"})";

std::string waldo_token(HttpClient& c) {
  auto r = c.post("/authenticate", R"({"apiKey":"sandbox.wk.demo","clientSecret":"sandbox.ws.demo"})");
  if (r.status != 200) throw std::runtime_error("authenticate: " + std::to_string(r.status) + " " + r.body);
  return std::string(r.json().at("token").as_string());
}

std::vector<std::string> onboard(HttpClient& c, const std::string& token, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    char body[1024];
    std::snprintf(body, sizeof body, kOnboard, i, i);
    auto r = c.post("/onboard", body, {{"Authorization", "Bearer " + token}});
    if (r.status != 200) throw std::runtime_error("onboard: " + std::to_string(r.status) + " " + r.body);
    ids.emplace_back(r.json().at("customerId").as_string());
  }
  return ids;
}

// FIL login as the default scenario's alice@wonderland.space (the docs' test key): sign the
// BLAKE2b-256 of the e-mail with the Authorization key.
std::string fil_token(HttpClient& c) {
  const std::string email = "alice@wonderland.space";
  auto seed = fs::crypto::hex_decode("413b285d1819a6166b0daa762bb6bef2d082cffb9a13ce041cb0fda5e2f06dc3");
  auto kp = fs::crypto::ed25519_seed_keypair(*seed);
  auto digest = fs::crypto::blake2b_256(fs::crypto::as_bytes(email));
  auto sig = fs::crypto::ed25519_sign(digest, kp->secret_key);
  std::string body = R"({"email":")" + email + R"(","signature":")" + fs::crypto::hex_encode(*sig) +
                     R"(","authPublicKeyHex":")" + fs::crypto::hex_encode(kp->public_key) + R"("})";
  auto r = c.post("/auth/api/v1/authentication-management/session", body);
  if (r.status != 200) throw std::runtime_error("FIL login: " + std::to_string(r.status) + " " + r.body);
  auto data = r.json().at("data");
  return std::string(data.at("accessToken").as_string());
}

long rss_kb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

int prepare(int port, const std::string& out_dir) {
  HttpClient c(static_cast<std::uint16_t>(port));
  std::string token = waldo_token(c);
  auto ids = onboard(c, token, 200);
  std::ofstream lua(out_dir + "/data.lua");
  lua << "waldo_token = \"" << token << "\"\ncustomer_ids = {";
  for (std::size_t i = 0; i < ids.size(); ++i) lua << (i ? "," : "") << "\"" << ids[i] << "\"";
  lua << "}\nfil_token = \"" << fil_token(c) << "\"\n";
  std::printf("prepared %zu customers\n", ids.size());
  return 0;
}

int startup(int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    ServerProcess p({"--port", "0", "--log-format", "none", "--threads", "1"});
    if (!p.port()) throw std::runtime_error("server did not start");
    HttpClient c(p.port());
    if (c.get("/__sandbox/health").status != 200) throw std::runtime_error("no 200");
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    p.signal(15);
    p.wait(std::chrono::seconds(5));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("startup_ms_median %.1f\nstartup_ms_min %.1f\nstartup_ms_max %.1f\n", ms[ms.size() / 2], ms.front(),
              ms.back());
  return 0;
}

int evalmem(int port, int pid, int n) {
  HttpClient c(static_cast<std::uint16_t>(port));
  std::string token = waldo_token(c);
  auto ids = onboard(c, token, 100);
  long before = rss_kb(pid);
  std::string hdr = "Bearer " + token;
  for (int i = 0; i < n; ++i) {
    auto r = c.post("/check-fraud", R"({"customerId":")" + ids[i % ids.size()] + R"("})", {{"Authorization", hdr}});
    if (r.status != 200) throw std::runtime_error("check-fraud: " + r.body);
  }
  long after = rss_kb(pid);
  std::printf("evalmem_rss_before_kb %ld\nevalmem_rss_after_kb %ld\nevalmem_bytes_per_evaluation %.0f\n", before, after,
              (after - before) * 1024.0 / n);
  return 0;
}

int webhooks(int port, const std::string& receiver, int n) {
  HttpClient c(static_cast<std::uint16_t>(port));
  // Evaluations complete at once, so the run measures delivery, not Waldo's default delays.
  auto r = c.put("/__sandbox/scenario", R"({"name":"bench-webhooks","waldo":{"delays":{"initiatedToInProgress":0,)"
                                        R"("inProgressToCompleted":0}},"webhooks":{"receivers":[{"url":")" +
                                            receiver + R"("}]}})");
  if (r.status != 200) throw std::runtime_error("scenario: " + r.body);
  std::string token = waldo_token(c);
  auto ids = onboard(c, token, 100);
  std::string hdr = "Bearer " + token;
  // Onboarding raised events too; count everything from here.
  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i)
    c.post("/check-fraud", R"({"customerId":")" + ids[i % ids.size()] + R"("})", {{"Authorization", hdr}});
  auto expected = static_cast<std::int64_t>(c.get("/__sandbox/events").json().at("events").as_array().size());
  // Poll the counters (a long-poll would re-count the whole log at every change and slow the
  // very deliveries being measured).
  for (;;) {
    auto stats = c.get("/__sandbox/webhooks?limit=1").json().at("stats").as_object();  // limit=0 means all
    if (stats.at("delivered").to_number<std::int64_t>() + stats.at("failed").to_number<std::int64_t>() >= expected &&
        stats.at("pending").to_number<std::int64_t>() == 0)
      break;
    if (Clock::now() - t0 > std::chrono::seconds(120)) throw std::runtime_error("webhooks did not finish in 120 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  auto done = c.get("/__sandbox/webhooks?status=delivered");
  auto deliveries = done.json().at("deliveries").as_array();
  std::vector<double> lat;
  for (const auto& d : deliveries) {
    const auto& o = d.as_object();
    auto* created = o.if_contains("created_ms");
    auto& attempts = o.at("attempts").as_array();
    if (!created || attempts.empty()) continue;
    const auto& last = attempts.back().as_object();
    auto* at = last.if_contains("time_ms");
    if (at) lat.push_back(static_cast<double>(at->to_number<std::int64_t>() - created->to_number<std::int64_t>()));
  }
  std::sort(lat.begin(), lat.end());
  std::printf("webhook_deliveries %zu\nwebhook_deliveries_per_s %.0f\n", deliveries.size(), deliveries.size() / secs);
  if (!lat.empty())
    std::printf("webhook_latency_ms_p50 %.0f\nwebhook_latency_ms_p99 %.0f\n", lat[lat.size() / 2],
                lat[lat.size() * 99 / 100]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 3 && a[0] == "prepare") return prepare(std::stoi(a[1]), a[2]);
    if (a.size() == 2 && a[0] == "startup") return startup(std::stoi(a[1]));
    if (a.size() == 4 && a[0] == "evalmem") return evalmem(std::stoi(a[1]), std::stoi(a[2]), std::stoi(a[3]));
    if (a.size() == 4 && a[0] == "webhooks") return webhooks(std::stoi(a[1]), a[2], std::stoi(a[3]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_tool: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: bench_tool prepare PORT DIR | startup N | evalmem PORT PID N | webhooks PORT URL N\n");
  return 2;
}
