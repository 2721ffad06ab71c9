// Scenario tooling through the real binary and server: `fraud-sandbox validate` on broken and
// shipped files, and the shipped `chaos` scenario (seeded faults everywhere, /__sandbox reliable).
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace fs::test;
namespace bj = boost::json;
namespace fsys = std::filesystem;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::vector<std::string> expected_for(const std::string& name) {
  std::ifstream in(std::string(FS_TEST_DATA_DIR "/broken/") + name + ".expected");
  std::stringstream ss;
  ss << in.rdbuf();
  return lines(ss.str());
}

std::string broken(const std::string& name) { return std::string(FS_TEST_DATA_DIR "/broken/") + name + ".json"; }

std::vector<std::string> shipped() {
  std::vector<std::string> out;
  for (const auto& e : fsys::directory_iterator(FS_SOURCE_DIR "/scenarios"))
    if (e.path().extension() == ".json" && e.path().filename() != "scenario.schema.json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("validate: broken files exit 1 with one line per problem naming file and JSON path") {
  const std::vector<std::string> names = {"syntax-missing-comma", "top-unknown-key", "clock-bad-mode",
                                          "faults-nth-zero", "many-problems", "duplicate-keys"};
  std::vector<std::string> args = {"validate"};
  std::size_t total = 0;
  for (const auto& n : names) {
    args.push_back(broken(n));
    total += expected_for(n).size();
  }
  auto r = run_binary(args);
  CHECK(r.exit_code == 1);
  auto out = lines(r.out);
  CHECK(out.size() == total);
  for (const auto& n : names) {
    for (const auto& want : expected_for(n)) {
      std::string prefix = broken(n) + ": " + want;
      bool found = std::any_of(out.begin(), out.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
      CHECK_MESSAGE(found, prefix);
    }
  }
  for (const auto& l : out) CHECK(l.find(": $") != std::string::npos);
}

TEST_CASE("validate: every shipped scenario is valid - exit 0 and nothing printed") {
  auto files = shipped();
  REQUIRE(files.size() >= 3);
  std::vector<std::string> args = {"validate"};
  args.insert(args.end(), files.begin(), files.end());
  auto r = run_binary(args);
  CHECK_MESSAGE(r.exit_code == 0, r.out);
  CHECK(r.out.empty());
  // Shipped names resolve too.
  auto named = run_binary({"validate", "chaos", "default"});
  CHECK_MESSAGE(named.exit_code == 0, named.out);
}

TEST_CASE("validate: a good and a bad file - only the bad one is reported") {
  auto r = run_binary({"validate", FS_SOURCE_DIR "/scenarios/chaos.json", broken("faults-bad-method")});
  CHECK(r.exit_code == 1);
  auto out = lines(r.out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rfind(broken("faults-bad-method") + ": $.faults[0].method: ", 0) == 0);
  auto missing = run_binary({"validate", "/no/such/scenario.json"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("/no/such/scenario.json: $: ") == 0);
}

TEST_CASE("startup: a broken scenario exits 2 and names every problem") {
  auto r = run_binary({"--port", "0", "--scenario", broken("many-problems")});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  for (const auto& want : expected_for("many-problems")) CHECK(r.err.find(want) != std::string::npos);
}

namespace {

// Calls a mix of Waldo and FIL endpoints; returns "status:fault" per call, from the client's view
// and the journal's.
std::string chaos_run(int calls) {
  auto s = test_settings();
  s.scenarios = {FS_SOURCE_DIR "/scenarios/chaos.json"};
  Sandbox sb(s);
  auto control = sb.client();
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"POST", "/authenticate"},
      {"GET", "/customer?customerId=nobody"},
      {"POST", "/check-fraud"},
      {"GET", "/data/api/v1/wallet-management/balance"},
      {"POST", "/auth/api/v1/authentication-management/session"},
  };
  std::string seen;
  for (int i = 0; i < calls; ++i) {
    const auto& [method, path] = endpoints[i % endpoints.size()];
    auto c = sb.client();
    auto r = c.request(method, "/ns/chaos" + path, method == "POST" ? "{}" : "");
    seen += std::to_string(r.status) + " ";
    // The control API stays reliable whatever happens to the emulated endpoints.
    CHECK(control.get("/ns/chaos/__sandbox/health").status == 200);
  }
  auto journal = control.get("/ns/chaos/__sandbox/requests").json().at("requests").as_array();
  CHECK(journal.size() == static_cast<std::size_t>(calls));
  std::string faults;
  for (const auto& e : journal) {
    const auto* f = e.as_object().if_contains("fault");
    faults += (f ? std::string(f->as_string()) : std::string("-")) + " ";
  }
  return seen + "| " + faults;
}

}  // namespace

TEST_CASE("chaos: the same seed gives the same fault sequence - and /__sandbox stays reliable") {
  std::string a = chaos_run(60);
  std::string b = chaos_run(60);
  CHECK(a == b);
  // Faults did happen, of more than one kind, and most calls went through.
  CHECK(a.find("chaos-") != std::string::npos);
  auto kinds = 0;
  for (const char* k : {"chaos-503", "chaos-500", "chaos-429", "chaos-latency", "chaos-drop", "chaos-partial"})
    kinds += a.find(k) != std::string::npos;
  CHECK(kinds >= 2);
  std::istringstream faults(a.substr(a.find('|') + 1));
  std::size_t clean = 0;
  for (std::string token; faults >> token;) clean += token == "-";
  CHECK(clean > 30);
}
