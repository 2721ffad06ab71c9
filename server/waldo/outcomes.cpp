#include "waldo/outcomes.hpp"

#include <boost/json.hpp>

#include <array>
#include <bit>

namespace fs::waldo {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Approved: return "APPROVED";
    case Status::Rejected: return "REJECTED";
    case Status::Review: return "REVIEW";
  }
  return "REVIEW";
}

std::string_view kyc_name(Kyc k) {
  switch (k) {
    case Kyc::Pending: return "PENDING";
    case Kyc::Passed: return "PASSED";
    case Kyc::Review: return "REVIEW";
    case Kyc::Rejected: return "REJECTED";
  }
  return "PENDING";
}

std::optional<Status> parse_status(std::string_view s) {
  if (s == "APPROVED") return Status::Approved;
  if (s == "REJECTED") return Status::Rejected;
  if (s == "REVIEW") return Status::Review;
  return std::nullopt;
}

std::optional<Kyc> parse_kyc(std::string_view s) {
  if (s == "PENDING") return Kyc::Pending;
  if (s == "PASSED") return Kyc::Passed;
  if (s == "REVIEW") return Kyc::Review;
  if (s == "REJECTED") return Kyc::Rejected;
  return std::nullopt;
}

std::string_view request_type_name(RequestType t) {
  switch (t) {
    case RequestType::Kyc: return "kyc";
    case RequestType::Fraud: return "fraud";
    case RequestType::ExpressKyc: return "expressKYC";
    case RequestType::ExpressKycFraud: return "expressKYCFraud";
    case RequestType::FraudCheck: return "fraudCheck";
    case RequestType::DocumentUpload: return "documentUpload";
  }
  return "kyc";
}

RequestType onboard_request_type(bool include_fraud, bool express) {
  if (express) return include_fraud ? RequestType::ExpressKycFraud : RequestType::ExpressKyc;
  return include_fraud ? RequestType::Fraud : RequestType::Kyc;
}

bool is_onboarding(RequestType t) { return t != RequestType::FraudCheck && t != RequestType::DocumentUpload; }

bool has_fraud(RequestType t) {
  return t == RequestType::Fraud || t == RequestType::ExpressKycFraud || t == RequestType::FraudCheck;
}

namespace {

constexpr std::array<TagDef, kTagCount> kTagDefs{{
    {"ssn", "SSN Integrity", false},
    {"date_of_birth", "Date of Birth Integrity", false},
    {"address", "Address Integrity", false},
    {"legal_and_regulatory_warnings", "Legal and Regulatory Warnings", false},
    {"politically_exposed_person", "Politically Exposed Person", false},
    {"sanction", "Sanctions List", false},
    {"fraud_reports", "Network Fraud Detection", false},
    {"watchlists_validation", "Watchlists Validation", false},
    {"phone_number_validation", "Phone Number Validation", false},
    {"email_address_validation", "Email Address Validation", false},  // label cut off in the docs [INF]
    {"age_validation", "Age Validation", true},
    {"image_integrity", "Image Integrity", true},
    {"data_comparison", "Data Comparison", true},
    {"data_consistency", "Data Consistency", true},
    {"compromised_document", "Compromised Document", true},
}};

using RT = RequestType;
using S = Status;
using K = Kyc;
using E = Express;

constexpr TagMask kKycReviewTags = bit(kAddress) | bit(kWatchlists);
constexpr TagMask kFraudReviewTags = bit(kPhone) | bit(kEmail);
constexpr TagMask kFraudRejectTags = bit(kFraudReports) | bit(kPhone) | bit(kEmail);
constexpr TagMask kDocWarnTags = bit(kImageIntegrity) | bit(kDataComparison);

// THE outcome table (spec §7, [INF] mapping). Request-stage replies are not in here: onboarding
// always answers REVIEW / PENDING / 0, check-fraud and document the customer's last known values.
// KYC-only onboarding always ends with status REVIEW (the docs: status comes from the fraud score).
constexpr std::array<OutcomeRow, 20> kRows{{
    {"kyc-pass", RT::Kyc, {"kyc-pass", false, S::Review, K::Passed, 0, 0, E::None}},
    {"kyc-review", RT::Kyc, {"kyc-review", false, S::Review, K::Review, 0, kKycReviewTags, E::None}},
    {"fraud-pass", RT::Fraud, {"fraud-pass", false, S::Approved, K::Passed, 0.9, 0, E::None}},
    {"fraud-review", RT::Fraud, {"fraud-review", false, S::Review, K::Passed, 0.5, kFraudReviewTags, E::None}},
    {"fraud-reject", RT::Fraud, {"fraud-reject", false, S::Rejected, K::Passed, 0.1, kFraudRejectTags, E::None}},
    {"expressKYC-pass", RT::ExpressKyc, {"expressKYC-pass", false, S::Review, K::Passed, 0, 0, E::Pass}},
    {"expressKYC-review", RT::ExpressKyc, {"expressKYC-review", false, S::Review, K::Review, 0, kKycReviewTags, E::Review}},
    {"expressKYC-delay", RT::ExpressKyc, {"expressKYC-delay", false, S::Review, K::Passed, 0, 0, E::Delay}},
    {"expressKYCFraud-pass", RT::ExpressKycFraud, {"expressKYCFraud-pass", false, S::Approved, K::Passed, 0.9, 0, E::Pass}},
    {"expressKYCFraud-review", RT::ExpressKycFraud,
     {"expressKYCFraud-review", false, S::Review, K::Review, 0.5, kFraudReviewTags | kKycReviewTags, E::Review}},
    {"expressKYCFraud-reject", RT::ExpressKycFraud,
     {"expressKYCFraud-reject", false, S::Rejected, K::Passed, 0.1, kFraudRejectTags, E::Pass}},
    {"expressKYCFraud-delay", RT::ExpressKycFraud, {"expressKYCFraud-delay", false, S::Approved, K::Passed, 0.9, 0, E::Delay}},
    {"fraudCheck-pass", RT::FraudCheck, {"fraudCheck-pass", false, S::Approved, K::Passed, 0.9, 0, E::None}},
    {"fraudCheck-review", RT::FraudCheck, {"fraudCheck-review", false, S::Review, K::Passed, 0.5, kFraudReviewTags, E::None}},
    {"fraudCheck-reject", RT::FraudCheck, {"fraudCheck-reject", false, S::Rejected, K::Passed, 0.1, kFraudRejectTags, E::None}},
    {"documentUpload-pass", RT::DocumentUpload, {"documentUpload-pass", false, S::Review, K::Passed, 0, 0, E::None}},
    {"documentUpload-warn", RT::DocumentUpload, {"documentUpload-warn", false, S::Review, K::Review, 0, kDocWarnTags, E::None}},
    // Not Waldo's: reachable only through scenario words (a KYC that rejects the identity).
    {"", RT::Kyc, {"kyc-reject", false, S::Review, K::Rejected, 0, kKycReviewTags | bit(kSsn), E::None}},
    {"", RT::ExpressKyc, {"expressKYC-reject", false, S::Review, K::Rejected, 0, kKycReviewTags | bit(kSsn), E::Review}},
    // The local `sandbox-fail` extension (spec §8.18), valid for every request type.
    {"sandbox-fail", RT::Kyc, {"sandbox-fail", true, S::Review, K::Pending, 0, 0, E::None}},
}};

constexpr const OutcomeRow& kFailRow = kRows.back();

}  // namespace

const TagDef& tag_def(Tag t) { return kTagDefs[t]; }

bool suffix_matches(std::string_view id, std::string_view value) {
  if (value.empty() || id.size() < value.size()) return false;
  if (id.size() == value.size()) return id == value;
  if (!id.ends_with(value)) return false;
  char sep = id[id.size() - value.size() - 1];
  return sep == '-' || sep == '_' || sep == '.';
}

const OutcomeRow* match_external_id(std::string_view external_id, RequestType type) {
  const OutcomeRow* best = nullptr;
  for (const auto& row : kRows) {
    if (row.value.empty()) continue;
    if (row.type != type && &row != &kFailRow) continue;
    if (!suffix_matches(external_id, row.value)) continue;
    if (!best || row.value.size() > best->value.size()) best = &row;
  }
  return best;
}

const OutcomeRow* find_row(RequestType type, std::string_view word) {
  std::string_view prefix = request_type_name(type);
  for (const auto& row : kRows) {
    if (row.type != type || row.outcome.fail) continue;
    std::string_view n = row.outcome.name;
    if (n.size() == prefix.size() + 1 + word.size() && n.starts_with(prefix) && n[prefix.size()] == '-' &&
        n.ends_with(word))
      return &row;
  }
  return nullptr;
}

std::optional<Word> parse_word(std::string_view w) {
  if (w == "pass") return Word::Pass;
  if (w == "review") return Word::Review;
  if (w == "reject") return Word::Reject;
  if (w == "warn") return Word::Warn;
  if (w == "fail") return Word::Fail;
  return std::nullopt;
}

std::string_view word_name(Word w) {
  switch (w) {
    case Word::Pass: return "pass";
    case Word::Review: return "review";
    case Word::Reject: return "reject";
    case Word::Warn: return "warn";
    case Word::Fail: return "fail";
  }
  return "pass";
}

Status status_for_score(double score, const Thresholds& t) {
  if (score >= t.approve) return Status::Approved;
  if (score < t.reject) return Status::Rejected;
  return Status::Review;
}

Outcome scripted_outcome(RequestType type, const ScriptedOutcome& s, const Thresholds& t) {
  if (s.word == Word::Fail) return kFailRow.outcome;
  std::string_view word = word_name(s.word);
  const OutcomeRow* row = nullptr;
  if (type == RequestType::DocumentUpload) {
    row = find_row(type, s.word == Word::Pass ? "pass" : "warn");
  } else {
    if (s.word == Word::Warn) word = "review";
    row = find_row(type, word);
    if (!row && s.word == Word::Reject) row = find_row(type, "review");
  }
  if (!row) row = find_row(type, "pass");
  Outcome o = row->outcome;
  if (s.kyc) o.kyc = *s.kyc;
  if (s.score) {
    o.score = *s.score;
    if (!s.status && has_fraud(type)) o.status = status_for_score(*s.score, t);
  }
  if (s.status) o.status = *s.status;
  return o;
}

void apply_outcome(Validation& v, const Outcome& o, RequestType type) {
  if (o.fail) return;
  switch (type) {
    case RequestType::Kyc:
    case RequestType::ExpressKyc:
      v.status = o.status;
      v.kyc = o.kyc;
      v.score = 0;
      v.present = kBaseTags;
      v.failed = o.failed & kBaseTags;
      v.tags_as_array = false;
      break;
    case RequestType::Fraud:
    case RequestType::ExpressKycFraud:
      v.status = o.status;
      v.kyc = o.kyc;
      v.score = o.score;
      v.present = kBaseTags;
      v.failed = o.failed & kBaseTags;
      v.fraud_checked = true;
      v.tags_as_array = false;
      break;
    case RequestType::FraudCheck:
      // A fraud check decides the status and the score; the KYC outcome is not re-evaluated.
      v.status = o.status;
      v.score = o.score;
      v.present |= kBaseTags;
      v.failed = static_cast<TagMask>((v.failed & kDocTags) | (o.failed & kBaseTags));
      v.fraud_checked = true;
      v.tags_as_array = false;
      break;
    case RequestType::DocumentUpload:
      // A document augments the KYC evaluation; status and score stay.
      v.kyc = o.kyc;
      v.present = static_cast<TagMask>(v.present | kBaseTags | kDocTags);
      v.failed = static_cast<TagMask>((v.failed & kBaseTags) | (o.failed & kDocTags));
      v.tags_as_array = true;
      break;
  }
}

int warning_count(const Validation& v) { return std::popcount(static_cast<unsigned>(v.failed & v.present)); }

boost::json::object validation_brief(const Validation& v) {
  boost::json::object o;
  o.reserve(4);
  o.emplace("status", status_name(v.status));
  o.emplace("kyc", kyc_name(v.kyc));
  o.emplace("fraudScore", v.score);
  return o;
}

boost::json::value warning_tags_json(const Validation& v, bool as_array) {
  if (as_array) {
    boost::json::array a;
    a.reserve(kTagCount);
    for (unsigned i = 0; i < kTagCount; ++i) {
      if (!(v.present & (1u << i))) continue;
      const auto& d = kTagDefs[i];
      boost::json::object t;
      t.emplace("tag", d.tag);
      t.emplace("passed", !(v.failed & (1u << i)));
      if (d.is_doc) t.emplace("isDoc", true);
      t.emplace("label", d.label);
      a.push_back(std::move(t));
    }
    return a;
  }
  boost::json::object o;
  o.reserve(kTagCount);
  for (unsigned i = 0; i < kTagCount; ++i) {
    if (!(v.present & (1u << i))) continue;
    const auto& d = kTagDefs[i];
    boost::json::object t;
    t.emplace("tag", d.tag);
    t.emplace("label", d.label);
    t.emplace("passed", !(v.failed & (1u << i)));
    if (d.is_doc) t.emplace("isDoc", true);
    o.emplace(d.tag, std::move(t));
  }
  return o;
}

namespace {
// The docs name the three breakdowns but their content could not be retrieved: the sandbox gives
// each a pass/fail summary of its tags ([INF], a local invention).
boost::json::value breakdown(const Validation& v, TagMask group) {
  TagMask present = v.present & group;
  if (!present) return nullptr;
  int failed = std::popcount(static_cast<unsigned>(v.failed & present));
  boost::json::object o;
  o.emplace("passed", failed == 0);
  o.emplace("warnings", failed);
  return o;
}
constexpr TagMask kIdentity = bit(kSsn) | bit(kDateOfBirth) | bit(kAddress) | bit(kPhone) | bit(kEmail);
constexpr TagMask kWatchlist = bit(kLegal) | bit(kPep) | bit(kSanction) | bit(kFraudReports) | bit(kWatchlists);
}  // namespace

boost::json::object validation_full(const Validation& v, bool flagged, TagShape shape) {
  boost::json::object o;
  o.reserve(7);
  o.emplace("status", status_name(v.status));
  o.emplace("kyc", kyc_name(v.kyc));
  o.emplace("fraudScore", v.score);
  o.emplace("fraudFlag", flagged);
  o.emplace("warnings", warning_count(v));
  bool as_array = shape == TagShape::Array || (shape == TagShape::Auto && v.tags_as_array);
  o.emplace("warningTags", warning_tags_json(v, as_array));
  boost::json::object kb;
  kb.emplace("identityBreakdown", breakdown(v, kIdentity));
  kb.emplace("watchlistBreakdown", breakdown(v, kWatchlist));
  kb.emplace("documentBreakdown", breakdown(v, kDocTags));
  o.emplace("kycBreakdown", std::move(kb));
  return o;
}

}  // namespace fs::waldo
