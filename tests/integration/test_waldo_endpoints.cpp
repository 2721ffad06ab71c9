// Waldo endpoints: each success shape (the docs' samples) and each documented error, byte for byte.
#include "test_waldo_support.hpp"

using namespace waldo_test;
using fs::test::Sandbox;

namespace {
std::string missing(const std::string& f) { return R"({"code":"MISSING_DATA","message":"Missing data: )" + f + "\"}"; }
std::string invalid(const std::string& f) { return R"({"code":"INVALID_DATA","message":"Invalid )" + f + "\"}"; }
const std::string kInvalidQuery = R"({"code":"INVALID_QUERY","message":"Invalid query."})";

HttpResult upload(HttpClient& c, const std::string& tok, const std::string& body, const std::string& ns = "") {
  return c.post(prefix(ns) + "/document", body,
                {{"Authorization", "Bearer " + tok}, {"Content-Type", "multipart/form-data; boundary=XbOuNdArY"}});
}
}  // namespace

TEST_CASE("waldo the docs' Cassian Andor onboarding gives the docs' request-stage shape") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  auto r = api.post("/onboard", cassian("abcd-123-456-efgh", true));
  REQUIRE(r.status == 200);
  auto j = r.json().as_object();
  CHECK(is_request_id(j.at("requestId").as_string()));
  CHECK(j.at("event") == "onboard");
  CHECK(j.at("evaluation") == bj::parse(R"({"type":"kyc","status":"initiated"})"));
  CHECK(j.at("validation") == bj::parse(R"({"status":"REVIEW","kyc":"PENDING","fraudScore":0})"));
  CHECK(j.at("options") == bj::parse(R"({"includeFraudCheck":true})"));
  CHECK(j.at("externalId") == "abcd-123-456-efgh");
  std::string id(j.at("customerId").as_string());
  CHECK(is_hex24(id));
  CHECK(str(j.at("uri")) == "https://app.waldo.ai/customers/" + id);
  CHECK(r.body.find(R"("fraudScore":0)") != std::string::npos);
  // Keys in the docs' order.
  CHECK(r.body.find("\"requestId\"") < r.body.find("\"event\""));
  CHECK(r.body.find("\"externalId\"") < r.body.find("\"customerId\""));
  // No externalId: echoed as "".
  auto b = cassian();
  b.erase("externalId");
  CHECK(api.post("/onboard", b).json().at("externalId") == "");
}

TEST_CASE("waldo onboard: every required field - malformed fields - options") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  for (const char* f : {"firstName", "lastName", "officialId", "email", "phone", "dob", "address", "city", "state",
                        "zipCode", "country"}) {
    auto b = cassian();
    b.erase(f);
    auto r = api.post("/onboard", b);
    INFO(f);
    CHECK(r.status == 400);
    CHECK(r.body == missing(f));
    b[f] = "";
    CHECK(api.post("/onboard", b).body == missing(f));
  }
  auto b = cassian();
  b["dob"] = "14/03/1982";
  CHECK(api.post("/onboard", b).body == invalid("dob"));
  b = cassian();
  b["email"] = "no-at-sign";
  CHECK(api.post("/onboard", b).body == invalid("email"));
  b = cassian();
  b["firstName"] = 42;
  CHECK(api.post("/onboard", b).body == invalid("firstName"));
  b = cassian();
  b["officialId"] = "439-46-5491";
  CHECK(api.post("/onboard", b).body == invalid("officialId"));
  b = cassian();
  b["officialId"] = bj::object{{"docType", "SSN"}};
  CHECK(api.post("/onboard", b).body == missing("officialId.value"));
  b = cassian();
  b["options"] = bj::object{{"includeFraudCheck", "yes"}};
  CHECK(api.post("/onboard", b).body == invalid("options"));
  CHECK(api.post("/onboard", bj::value("just a string")).body == invalid("body"));
  // The older revision's top-level includeFraudCheck still works (and is journaled as a variant).
  b = cassian();
  b["includeFraudCheck"] = true;
  auto legacy = api.post("/onboard", b);
  CHECK(legacy.json().at("options").at("includeFraudCheck") == true);
  auto j = c.get("/__sandbox/requests?path=/onboard&limit=1").json();
  CHECK(j.at("requests").as_array()[0].at("variants").as_array()[0] == "onboard-top-level-includeFraudCheck");
  // ipAddress: a string stored as {valid, value}; other types ignored.
  b = cassian("ip");
  b["ipAddress"] = "12.34.56.78";
  auto ip = api.customer(std::string(api.post("/onboard", b).json().at("customerId").as_string()));
  CHECK(ip.at("ipAddress") == bj::parse(R"({"valid":true,"value":"12.34.56.78"})"));
  b["ipAddress"] = true;
  CHECK(api.post("/onboard", b).status == 200);
}

TEST_CASE("waldo onboard: country can be relaxed by the scenario") {
  Sandbox sb;
  auto c = sb.client();
  load_scenario(c, "rc", R"({"waldo":{"compat":{"requireCountry":false}}})");
  Api api(c, "rc");
  auto b = cassian();
  b.erase("country");
  CHECK(api.post("/onboard", b).status == 200);
}

TEST_CASE("waldo onboard with Express KYC returns a preliminary result") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  auto pass = api.post("/onboard", cassian("e-expressKYC-pass", false, true)).json();
  CHECK(pass.at("expressKYC") == bj::parse(R"({"success":true,"outcome":"PASSED"})"));
  CHECK(pass.at("options") == bj::parse(R"({"includeFraudCheck":false,"useExpressKYC":true})"));
  auto review = api.post("/onboard", cassian("e-expressKYC-review", false, true)).json();
  CHECK(review.at("expressKYC") == bj::parse(R"({"success":true,"outcome":"REVIEW"})"));
  auto delay = api.post("/onboard", cassian("e-expressKYCFraud-delay", true, true)).json();
  CHECK(delay.at("expressKYC") == bj::parse(R"({"success":false})"));
  auto plain = api.post("/onboard", cassian("plain")).json().as_object();
  CHECK_FALSE(plain.contains("expressKYC"));
}

TEST_CASE("waldo GET /customer searches by every documented field with AND") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  std::string a = api.onboard("cust-a");
  auto b = cassian("cust-b");
  b["email"] = "other@example.com";
  b["zipCode"] = "99999";
  std::string bid(api.post("/onboard", b).json().at("customerId").as_string());
  auto count = [&](const std::string& q) {
    auto r = api.get("/customer?" + q);
    INFO(q << " " << r.body);
    REQUIRE(r.status == 200);
    return r.json().at("customers").as_array().size();
  };
  CHECK(count("customerId=" + a) == 1);
  CHECK(count("email=cassian.andor%40example.com") == 1);
  CHECK(count("officialId=439-46-5491") == 2);
  CHECK(count("zipCode=81304") == 1);
  CHECK(count("dob=1982-03-14") == 2);
  CHECK(count("externalId=cust-b") == 1);
  CHECK(count("dob=1982-03-14&zipCode=99999") == 1);
  CHECK(count("customerId=" + a + "&externalId=cust-b") == 0);
  CHECK(count("email=nobody%40example.com") == 0);
  CHECK(count("email=other@example.com&unknownField=1") == 1);
  for (std::string q : {"", "?", "?color=blue"}) {
    auto r = api.get("/customer" + q);
    CHECK(r.status == 400);
    CHECK(r.body == kInvalidQuery);
  }
  // The record's shape (§3.4).
  auto rec = api.customer(bid);
  for (const char* k : {"createdAt", "firstName", "lastName", "officialId", "dob", "address", "email", "phone", "zipCode",
                        "state", "evaluation", "validation", "externalId", "customerId", "uri"})
    CHECK_MESSAGE(rec.contains(k), k);
  CHECK(rec.at("officialId") == bj::parse(R"({"docType":"SSN","value":"439-46-5491","country":"US","format":"XXX-XX-XXXX"})"));
  CHECK(rec.at("evaluation") == bj::parse(R"({"type":"kyc","status":"initiated"})"));
  auto v = rec.at("validation").as_object();
  CHECK(v.at("status") == "REVIEW");
  CHECK(v.at("kyc") == "PENDING");
  CHECK(v.at("fraudReport") == false);
  CHECK(v.at("fraudCheck") == false);
  CHECK(str(rec.at("uri")) == "https://app.waldo.ai/customers/" + bid);
}

TEST_CASE("waldo history endpoints: errors and shapes") {
  Sandbox sb;
  auto c = sb.client();
  manual(c, "h");
  Api api(c, "h");
  for (std::string kind : {"kyc", "fraud"}) {
    auto none = api.get("/history/" + kind);
    CHECK(none.status == 400);
    CHECK(none.body == R"({"code":"INVALID_DATA","message":"Invalid customer ID."})");
    auto unknown = api.get("/history/" + kind + "/650c3ebe44aa0043cc846755");
    CHECK(unknown.status == 404);
    CHECK(unknown.body == std::string(R"({"code":"NOT_FOUND","message":")") + (kind == "kyc" ? "KYC" : "Fraud") +
                              " history not found.\"}");
  }
  std::string id = api.onboard("hist", true);
  CHECK(api.get("/history/kyc/" + id).status == 404);  // nothing completed yet
  advance(c, "h", 1200);
  auto boundary_body = multipart_body("XbOuNdArY", {{"customerId", id}, {"documentType", "driving_licence"},
                                                    {"issuingCountry", "USA"}, {"issuingDate", "2018-08-16"}}, jpeg());
  REQUIRE(upload(c, api.tok, boundary_body, "h").status == 200);
  advance(c, "h", 1200);
  auto kyc = api.get("/history/kyc/" + id).json().as_object();
  auto list = kyc.at("history").as_array();
  REQUIRE(list.size() == 2);
  CHECK(list[0].at("type") == "kyc");
  CHECK(list[0].at("outcome") == "PASSED");
  CHECK(list[1].at("type") == "document");
  CHECK(list[1].at("documentType") == "driving_licence");
  CHECK(list[1].at("issuingDate") == "2018-08-16");
  CHECK(kyc.at("active") == list[1]);
  auto fraud = api.get("/history/fraud/" + id).json().as_object();
  REQUIRE(fraud.at("history").as_array().size() == 1);
  CHECK(fraud.at("active") == bj::parse(R"({"date":)" + std::to_string(fraud.at("active").at("date").as_int64()) +
                                        R"(,"score":0.9})"));
  auto raw = api.get("/history/fraud/" + id).body;
  CHECK(raw.find("\"score\":0.9}") != std::string::npos);
}

TEST_CASE("waldo check-fraud: shape and errors") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  std::string id = api.onboard("abcd-123-456-efgh");
  auto r = api.check_fraud(id);
  REQUIRE(r.status == 200);
  auto j = r.json().as_object();
  CHECK(is_request_id(j.at("requestId").as_string()));
  CHECK(j.at("event") == "evaluation");
  CHECK(j.at("evaluation") == bj::parse(R"({"type":"fraud","status":"initiated"})"));
  CHECK(j.at("validation").as_object().contains("fraudScore"));
  CHECK(j.at("externalId") == "abcd-123-456-efgh");
  CHECK(str(j.at("customerId")) == id);
  CHECK(str(j.at("uri")) == "https://app.waldo.ai/customers/" + id);
  CHECK(j.at("errors") == bj::array());
  for (std::string body : {"{}", R"({"customerId":""})", R"({"customerId":7})", "nonsense",
                           R"({"customerId":"650c3ebe44aa0043cc846755"})"}) {
    auto e = c.post("/check-fraud", body, bearer(api.tok));
    INFO(body);
    CHECK(e.status == 400);
    CHECK(e.body == invalid("customerId"));
  }
}

TEST_CASE("waldo document upload: multipart success and every error") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  std::string id = api.onboard("doc");
  const std::string B = "XbOuNdArY";
  auto ok = upload(c, api.tok, multipart_body(B, {{"customerId", id}, {"documentType", "passport"}, {"side", "front"},
                                                   {"issuingCountry", "GBR"}}, jpeg(5000)));
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  auto j = ok.json().as_object();
  CHECK(is_request_id(j.at("requestId").as_string()));
  CHECK(j.at("event") == "evaluation");
  CHECK(j.at("evaluation") == bj::parse(R"({"type":"document","status":"initiated"})"));
  CHECK(j.at("validation").as_object().contains("fraudFlag"));
  CHECK(str(j.at("customerId")) == id);
  CHECK(j.at("errors") == bj::array());
  // PNG and PDF by content; a declared .png without magic bytes.
  CHECK(upload(c, api.tok, multipart_body(B, {{"customerId", id}, {"documentType", "driving_licence"}},
                                          std::string("\x89PNG\r\n\x1A\n....", 12), "id.png", "image/png")).status == 200);
  CHECK(upload(c, api.tok, multipart_body(B, {{"customerId", id}, {"documentType", "driving_licence"}},
                                          "%PDF-1.4 ...", "id.pdf", "application/pdf")).status == 200);
  CHECK(upload(c, api.tok, multipart_body(B, {{"customerId", id}, {"documentType", "driving_licence"}},
                                          "fake png bytes", "scan.PNG", "image/png")).status == 200);
  struct Case {
    std::vector<std::pair<std::string, std::string>> fields;
    std::string file, filename, type, expected;
  };
  std::vector<Case> cases = {
      {{{"customerId", id}, {"documentType", "passport"}}, "", "", "", missing("document")},
      {{{"documentType", "passport"}, {"issuingCountry", "USA"}}, jpeg(), "id.jpg", "image/jpeg", missing("customerId")},
      {{{"customerId", id}}, jpeg(), "id.jpg", "image/jpeg", missing("documentType")},
      {{{"customerId", id}, {"documentType", "passport"}}, jpeg(), "id.jpg", "image/jpeg", missing("issuingCountry")},
      {{{"customerId", id}, {"documentType", "id_card"}}, jpeg(), "id.jpg", "image/jpeg", invalid("documentType")},
      {{{"customerId", id}, {"documentType", "passport"}, {"issuingCountry", "us"}}, jpeg(), "id.jpg", "image/jpeg",
       invalid("issuingCountry")},
      {{{"customerId", id}, {"documentType", "driving_licence"}, {"side", "top"}}, jpeg(), "id.jpg", "image/jpeg",
       invalid("side")},
      {{{"customerId", id}, {"documentType", "driving_licence"}}, "GIF89a.....", "id.gif", "image/gif",
       invalid("document type")},
      {{{"customerId", id}, {"documentType", "driving_licence"}}, "hello", "notes.txt", "text/plain",
       invalid("document type")},
      {{{"customerId", id}, {"documentType", "driving_licence"}}, jpeg(10 * 1024 * 1024 + 1), "big.jpg", "image/jpeg",
       invalid("document size")},
      {{{"customerId", "650c3ebe44aa0043cc846755"}, {"documentType", "driving_licence"}}, jpeg(), "id.jpg", "image/jpeg",
       invalid("customerId")},
  };
  for (const auto& k : cases) {
    auto r = upload(c, api.tok, multipart_body(B, k.fields, k.file, k.filename, k.type));
    INFO(k.expected);
    CHECK(r.status == 400);
    CHECK(r.body == k.expected);
  }
  // Exactly 10 MB is accepted.
  CHECK(upload(c, api.tok, multipart_body(B, {{"customerId", id}, {"documentType", "driving_licence"}},
                                          jpeg(10 * 1024 * 1024))).status == 200);
  // Not multipart at all; a broken multipart body; a body above the route's 12 MiB limit.
  auto json = c.post("/document", R"({"customerId":"x"})", bearer(api.tok));
  CHECK(json.body == invalid("Content-Type"));
  CHECK(upload(c, api.tok, "--XbOuNdArY\r\nno end").body == invalid("multipart body"));
  auto huge = upload(c, api.tok, multipart_body(B, {{"customerId", id}}, jpeg(13 * 1024 * 1024)));
  CHECK(huge.status == 413);
}

TEST_CASE("waldo flag: shape - unflag - errors - events with and without requestId") {
  Sandbox sb;
  auto c = sb.client();
  Api api(c);
  std::string id = api.onboard("abcd-123-456-efgh");
  auto r = api.post("/flag", bj::object{{"customerId", id}, {"flag", true}, {"note", "chargeback"}});
  REQUIRE(r.status == 200);
  auto j = r.json().as_object();
  CHECK(j.at("flagged") == true);
  CHECK(j.at("status") == "REJECTED");
  CHECK(j.at("externalId") == "abcd-123-456-efgh");
  CHECK(str(j.at("customerId")) == id);
  CHECK(str(j.at("uri")) == "https://app.waldo.ai/customers/" + id);
  CHECK(api.customer(id).at("validation").at("fraudFlag") == true);
  CHECK(api.customer(id).at("validation").at("status") == "REJECTED");
  auto un = api.post("/flag", bj::object{{"customerId", id}, {"flag", false}, {"note", "ignored"}}).json();
  CHECK(un.at("flagged") == false);
  CHECK(un.at("status") == "REJECTED");  // unflagging leaves the status as it is
  for (std::string body : std::vector<std::string>{"{}", R"({"customerId":"x"})", R"({"flag":true})", R"({"customerId":")" + id + R"(","flag":"yes"})",
                           R"({"customerId":"650c3ebe44aa0043cc846755","flag":true})", "oops"}) {
    auto e = c.post("/flag", body, bearer(api.tok));
    INFO(body);
    CHECK(e.status == 400);
    CHECK(e.body == kInvalidQuery);
  }
  // Dashboard flag: same state change, an event without requestId.
  auto d = c.post("/__sandbox/waldo/customers/" + id + "/flag", R"({"flag":true,"note":"from the dashboard"})");
  REQUIRE(d.status == 200);
  CHECK(d.json().at("flagged") == true);
  CHECK(c.post("/__sandbox/waldo/customers/650c3ebe44aa0043cc846755/flag", R"({"flag":true})").status == 404);
  CHECK(c.post("/__sandbox/waldo/customers/" + id + "/flag", R"({"note":"x"})").status == 400);
  auto events = api.events("flag");
  REQUIRE(events.size() == 3);
  auto p0 = events[0].at("payload").as_object();
  CHECK(p0.at("event") == "flag");
  CHECK(p0.at("flag") == true);
  CHECK(p0.at("note") == "chargeback");
  CHECK(p0.at("requestId") == j.at("requestId"));
  CHECK(str(p0.at("customerId")) == id);
  CHECK(p0.at("externalId") == "abcd-123-456-efgh");
  CHECK(str(p0.at("uri")) == "https://app.waldo.ai/customers/" + id);
  CHECK(events[1].at("payload").at("flag") == false);
  CHECK_FALSE(events[1].at("payload").as_object().contains("note"));
  CHECK_FALSE(events[2].at("payload").as_object().contains("requestId"));
  CHECK(str(events[2].at("key")) == id);
}

TEST_CASE("waldo errors are JSON in Waldo's format also for unknown paths and methods") {
  Sandbox sb;
  auto c = sb.client();
  auto r = c.get("/onboard");
  CHECK(r.status == 405);
  CHECK(r.json().at("code") == "METHOD_NOT_ALLOWED");
  auto big = c.post("/check-fraud", std::string(2 * 1024 * 1024, 'x'));
  CHECK(big.status == 413);
}
