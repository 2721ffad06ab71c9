// Waldo pure logic: the externalId suffix table, scenario outcome words, validation updates,
// multipart parsing.
#include "waldo/multipart.hpp"
#include "waldo/outcomes.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

using namespace fs::waldo;

TEST_CASE("waldo suffix matching: equal or after - _ . and case-sensitive") {
  CHECK(suffix_matches("fraud-reject", "fraud-reject"));
  CHECK(suffix_matches("order-17-fraudCheck-reject", "fraudCheck-reject"));
  CHECK(suffix_matches("order_17_kyc-pass", "kyc-pass"));
  CHECK(suffix_matches("order.17.kyc-pass", "kyc-pass"));
  CHECK_FALSE(suffix_matches("orderkyc-pass", "kyc-pass"));
  CHECK_FALSE(suffix_matches("KYC-PASS", "kyc-pass"));
  CHECK_FALSE(suffix_matches("kyc-pass-2", "kyc-pass"));
  CHECK_FALSE(suffix_matches("", "kyc-pass"));
}

TEST_CASE("waldo externalId selects rows of its own request type only - longest wins") {
  auto* r = match_external_id("a-fraud-reject", RequestType::Fraud);
  REQUIRE(r);
  CHECK(r->outcome.name == "fraud-reject");
  CHECK(match_external_id("a-fraud-reject", RequestType::Kyc) == nullptr);
  CHECK(match_external_id("x-fraudCheck-review", RequestType::FraudCheck)->outcome.name == "fraudCheck-review");
  CHECK(match_external_id("expressKYCFraud-delay", RequestType::ExpressKycFraud)->outcome.express == Express::Delay);
  CHECK(match_external_id("expressKYC-pass", RequestType::ExpressKyc)->outcome.express == Express::Pass);
  CHECK(match_external_id("expressKYC-pass", RequestType::Kyc) == nullptr);  // "C-pass" is not "kyc-pass"
  CHECK(match_external_id("doc-documentUpload-warn", RequestType::DocumentUpload)->outcome.name == "documentUpload-warn");
  auto* fail = match_external_id("t1-sandbox-fail", RequestType::FraudCheck);
  REQUIRE(fail);
  CHECK(fail->outcome.fail);
  CHECK(match_external_id("nothing", RequestType::Fraud) == nullptr);
}

TEST_CASE("waldo outcome table rows follow the spec mapping") {
  auto row = [](RequestType t, const char* w) { return find_row(t, w)->outcome; };
  CHECK(row(RequestType::Kyc, "pass").status == Status::Review);
  CHECK(row(RequestType::Kyc, "pass").kyc == Kyc::Passed);
  CHECK(row(RequestType::Kyc, "review").kyc == Kyc::Review);
  CHECK(row(RequestType::Fraud, "pass").status == Status::Approved);
  CHECK(row(RequestType::Fraud, "pass").score == doctest::Approx(0.9));
  CHECK(row(RequestType::Fraud, "review").score == doctest::Approx(0.5));
  CHECK(row(RequestType::Fraud, "reject").status == Status::Rejected);
  CHECK(row(RequestType::FraudCheck, "reject").score == doctest::Approx(0.1));
  CHECK(row(RequestType::DocumentUpload, "warn").failed != 0);
  CHECK(find_row(RequestType::Kyc, "delay") == nullptr);
}

TEST_CASE("waldo scenario words map to the nearest row and overrides apply") {
  Thresholds t;
  CHECK(scripted_outcome(RequestType::FraudCheck, {Word::Reject, {}, {}, {}}, t).name == "fraudCheck-reject");
  CHECK(scripted_outcome(RequestType::Kyc, {Word::Reject, {}, {}, {}}, t).kyc == Kyc::Rejected);
  CHECK(scripted_outcome(RequestType::DocumentUpload, {Word::Review, {}, {}, {}}, t).name == "documentUpload-warn");
  CHECK(scripted_outcome(RequestType::Fraud, {Word::Warn, {}, {}, {}}, t).name == "fraud-review");
  CHECK(scripted_outcome(RequestType::Kyc, {Word::Fail, {}, {}, {}}, t).fail);
  auto o = scripted_outcome(RequestType::FraudCheck, {Word::Pass, {}, {}, 0.2}, t);
  CHECK(o.score == doctest::Approx(0.2));
  CHECK(o.status == Status::Rejected);  // from the thresholds
  auto o2 = scripted_outcome(RequestType::FraudCheck, {Word::Pass, Status::Review, {}, 0.95}, t);
  CHECK(o2.status == Status::Review);
  CHECK(status_for_score(0.7, t) == Status::Approved);
  CHECK(status_for_score(0.69, t) == Status::Review);
  CHECK(status_for_score(0.29, t) == Status::Rejected);
}

TEST_CASE("waldo validation: fraud check keeps kyc - document keeps status and score - fail changes nothing") {
  Validation v;
  apply_outcome(v, find_row(RequestType::Kyc, "pass")->outcome, RequestType::Kyc);
  CHECK(v.status == Status::Review);
  CHECK(v.kyc == Kyc::Passed);
  CHECK(warning_count(v) == 0);
  apply_outcome(v, find_row(RequestType::FraudCheck, "reject")->outcome, RequestType::FraudCheck);
  CHECK(v.status == Status::Rejected);
  CHECK(v.kyc == Kyc::Passed);
  CHECK(v.score == doctest::Approx(0.1));
  CHECK(warning_count(v) == 3);
  CHECK(v.fraud_checked);
  apply_outcome(v, find_row(RequestType::DocumentUpload, "warn")->outcome, RequestType::DocumentUpload);
  CHECK(v.status == Status::Rejected);
  CHECK(v.kyc == Kyc::Review);
  CHECK(warning_count(v) == 5);
  CHECK(v.tags_as_array);
  Validation before = v;
  apply_outcome(v, *&match_external_id("sandbox-fail", RequestType::Fraud)->outcome, RequestType::Fraud);
  CHECK(v.score == before.score);
  CHECK(v.status == before.status);
}

TEST_CASE("waldo warningTags: object keyed by tag or array with isDoc") {
  Validation v;
  apply_outcome(v, find_row(RequestType::Fraud, "reject")->outcome, RequestType::Fraud);
  auto full = validation_full(v, false, TagShape::Auto);
  REQUIRE(full.at("warningTags").is_object());
  const auto& tags = full.at("warningTags").as_object();
  CHECK(tags.size() == 10);
  CHECK(tags.at("fraud_reports").at("passed") == false);
  CHECK(tags.at("ssn").at("label") == "SSN Integrity");
  CHECK(full.at("warnings") == 3);
  CHECK(full.at("fraudFlag") == false);
  CHECK(full.at("kycBreakdown").at("documentBreakdown").is_null());
  apply_outcome(v, find_row(RequestType::DocumentUpload, "warn")->outcome, RequestType::DocumentUpload);
  auto doc = validation_full(v, true, TagShape::Auto);
  REQUIRE(doc.at("warningTags").is_array());
  const auto& arr = doc.at("warningTags").as_array();
  CHECK(arr.size() == 15);
  CHECK(arr.back().at("isDoc") == true);
  CHECK(arr.front().as_object().contains("isDoc") == false);
  CHECK(doc.at("fraudFlag") == true);
  CHECK(validation_full(v, false, TagShape::Object).at("warningTags").is_object());
}

TEST_CASE("waldo multipart: boundary from the Content-Type") {
  CHECK(multipart::boundary("multipart/form-data; boundary=abc123") == "abc123");
  CHECK(multipart::boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b");
  CHECK_FALSE(multipart::boundary("application/json").has_value());
  CHECK_FALSE(multipart::boundary("multipart/form-data").has_value());
}

TEST_CASE("waldo multipart: fields and a binary file part") {
  std::string file("\xFF\xD8\xFF\x00\r\n--not-the-boundary\r\n", 25);
  std::string body = "preamble\r\n--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"customerId\"\r\n\r\n"
                     "650c3ebe44aa0043cc846755\r\n"
                     "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"document\"; filename=\"id card.jpg\"\r\n"
                     "Content-Type: image/jpeg\r\n\r\n" +
                     file +
                     "\r\n--XyZ\r\n"
                     "content-disposition: form-data; name=side\r\n\r\n"
                     "back\r\n"
                     "--XyZ--\r\nepilogue";
  auto r = multipart::parse(body, "XyZ");
  REQUIRE(r.error.empty());
  REQUIRE(r.parts.size() == 3);
  CHECK(r.parts[0].name == "customerId");
  CHECK(r.parts[0].data == "650c3ebe44aa0043cc846755");
  CHECK_FALSE(r.parts[0].has_filename);
  CHECK(r.parts[1].name == "document");
  CHECK(r.parts[1].filename == "id card.jpg");
  CHECK(r.parts[1].content_type == "image/jpeg");
  CHECK(r.parts[1].data == file);
  CHECK(multipart::find(r.parts, "side")->data == "back");
  CHECK(multipart::find(r.parts, "nope") == nullptr);
}

TEST_CASE("waldo multipart: malformed bodies are errors") {
  CHECK_FALSE(multipart::parse("no delimiters here", "b").error.empty());
  CHECK_FALSE(multipart::parse("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated", "b").error.empty());
  CHECK_FALSE(multipart::parse("--b\r\nbroken header\r\n\r\nx\r\n--b--", "b").error.empty());
  auto empty = multipart::parse("--b--\r\n", "b");
  CHECK(empty.error.empty());
  CHECK(empty.parts.empty());
}
