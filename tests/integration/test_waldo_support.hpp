#pragma once
// Helpers shared by the Waldo integration tests (test_waldo_*.cpp).
#include "support/http_client.hpp"
#include "support/sandbox.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace waldo_test {

namespace bj = boost::json;
using fs::test::HeaderList;
using fs::test::HttpClient;
using fs::test::HttpResult;

// A JSON value as text, for comparing with std::string (strings unquoted).
inline std::string str(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : bj::serialize(v); }

inline std::string prefix(const std::string& ns) { return ns.empty() ? std::string() : "/ns/" + ns; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string shipped(const std::string& name) { return read_file(std::string(FS_SOURCE_DIR) + "/scenarios/" + name); }

// Replaces the namespace's scenario; fails the test when it is refused.
inline void load_scenario(HttpClient& c, const std::string& ns, const std::string& text) {
  auto r = c.put(prefix(ns) + "/__sandbox/scenario", text);
  INFO(r.body);
  REQUIRE(r.status == 200);
}

// A manual clock and the given waldo section.
inline void manual(HttpClient& c, const std::string& ns, const std::string& waldo = "{}") {
  load_scenario(c, ns, R"({"name":"t","clock":{"mode":"manual"},"waldo":)" + waldo + "}");
}

inline void advance(HttpClient& c, const std::string& ns, long long ms) {
  auto r = c.post(prefix(ns) + "/__sandbox/clock/advance", "{\"ms\":" + std::to_string(ms) + "}");
  REQUIRE(r.status == 200);
}

inline std::string token(HttpClient& c, const std::string& ns = "", const std::string& key = "sandbox.wk.demo",
                         const std::string& secret = "sandbox.ws.demo") {
  bj::object b{{"apiKey", key}, {"clientSecret", secret}};
  auto r = c.post(prefix(ns) + "/authenticate", bj::serialize(b));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return std::string(r.json().at("token").as_string());
}

inline HeaderList bearer(const std::string& t) { return {{"Authorization", "Bearer " + t}}; }

// The Sandbox Testing Scenarios guide's sample customer.
inline bj::object cassian(const std::string& external_id = "", bool fraud = false, bool express = false) {
  bj::object b{{"firstName", "Cassian"},
               {"lastName", "Andor"},
               {"officialId", {{"docType", "SSN"}, {"value", "439-46-5491"}, {"country", "US"}, {"format", "XXX-XX-XXXX"}}},
               {"email", "cassian.andor@example.com"},
               {"phone", "+12044372083"},
               {"dob", "1982-03-14"},
               {"address", "10436 Donnelly Green"},
               {"city", "Coruscant"},
               {"state", "NY"},
               {"zipCode", "81304"},
               {"country", "US"},
               {"externalId", external_id}};
  bj::object options;
  if (fraud) options["includeFraudCheck"] = true;
  if (express) options["useExpressKYC"] = true;
  if (!options.empty()) b["options"] = options;
  return b;
}

struct Api {
  HttpClient& c;
  std::string ns;
  std::string tok;
  Api(HttpClient& client, std::string name = "") : c(client), ns(std::move(name)) { tok = token(c, ns); }
  HttpResult post(const std::string& path, const bj::value& body) {
    return c.post(prefix(ns) + path, bj::serialize(body), bearer(tok));
  }
  HttpResult get(const std::string& path) { return c.get(prefix(ns) + path, bearer(tok)); }
  // Onboards and returns the customer id.
  std::string onboard(const std::string& external_id = "", bool fraud = false, bool express = false) {
    auto r = post("/onboard", cassian(external_id, fraud, express));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return std::string(r.json().at("customerId").as_string());
  }
  bj::object customer(const std::string& id) {
    auto r = get("/customer?customerId=" + id);
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto list = r.json().at("customers").as_array();
    REQUIRE(list.size() == 1);
    return list[0].as_object();
  }
  HttpResult check_fraud(const std::string& id) { return post("/check-fraud", bj::object{{"customerId", id}}); }
  bj::array events(const std::string& type = "") {
    auto r = c.get(prefix(ns) + "/__sandbox/events" + (type.empty() ? "" : "?event=" + type));
    REQUIRE(r.status == 200);
    return r.json().at("events").as_array();
  }
  bj::array evaluations(const std::string& query = "") {
    auto r = c.get(prefix(ns) + "/__sandbox/evaluations" + query);
    REQUIRE(r.status == 200);
    return r.json().at("evaluations").as_array();
  }
};

inline std::string multipart_body(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields,
                                  const std::string& file, const std::string& filename = "id.jpg",
                                  const std::string& type = "image/jpeg") {
  std::string b;
  for (const auto& [k, v] : fields)
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  if (!filename.empty() || !file.empty())
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + filename +
         "\"\r\nContent-Type: " + type + "\r\n\r\n" + file + "\r\n";
  b += "--" + boundary + "--\r\n";
  return b;
}

inline std::string jpeg(std::size_t size = 64) {
  std::string f = "\xFF\xD8\xFF\xE0";
  f.resize(size, 'x');
  return f;
}

inline bool is_hex24(std::string_view s) {
  if (s.size() != 24) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

inline bool is_request_id(std::string_view s) {
  if (s.size() != 10) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace waldo_test
