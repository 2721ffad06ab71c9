#pragma once
// Evaluation outcomes: Waldo's sandbox `externalId` conventions (spec §7) in one table, the
// scenario's outcome words, and the validation object they produce. Pure logic, unit-tested.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fs::waldo {

enum class Status : std::uint8_t { Approved, Rejected, Review };
enum class Kyc : std::uint8_t { Pending, Passed, Review, Rejected };
std::string_view status_name(Status s);
std::string_view kyc_name(Kyc k);
std::optional<Status> parse_status(std::string_view s);
std::optional<Kyc> parse_kyc(std::string_view s);

// The "request type" of Waldo's sandbox guide: it follows from the endpoint and the options.
enum class RequestType : std::uint8_t { Kyc, Fraud, ExpressKyc, ExpressKycFraud, FraudCheck, DocumentUpload };
std::string_view request_type_name(RequestType t);
RequestType onboard_request_type(bool include_fraud, bool express);
bool is_onboarding(RequestType t);
bool has_fraud(RequestType t);  // onboarding with a fraud check, or /check-fraud

// Express KYC preliminary result (a guess at the shape; spec §4.1 [INF]).
enum class Express : std::uint8_t { None, Pass, Review, Delay };

// warningTags (spec §3.3).
enum Tag : std::uint8_t {
  kSsn,
  kDateOfBirth,
  kAddress,
  kLegal,
  kPep,
  kSanction,
  kFraudReports,
  kWatchlists,
  kPhone,
  kEmail,
  kAge,
  kImageIntegrity,
  kDataComparison,
  kDataConsistency,
  kCompromisedDocument,
  kTagCount
};
using TagMask = std::uint16_t;
constexpr TagMask bit(Tag t) { return static_cast<TagMask>(1u << t); }
inline constexpr TagMask kBaseTags = 0x03FF;  // the ten non-document tags
inline constexpr TagMask kDocTags = 0x7C00;   // the five isDoc tags
struct TagDef {
  std::string_view tag;
  std::string_view label;
  bool is_doc;
};
const TagDef& tag_def(Tag t);

// What an evaluation's completion does to the customer's validation.
struct Outcome {
  std::string_view name;  // the table row ("fraud-reject"), or "sandbox-fail"
  bool fail = false;      // the evaluation ends `failed`, validation unchanged
  Status status = Status::Review;
  Kyc kyc = Kyc::Passed;
  double score = 0;
  TagMask failed = 0;  // tags that did not pass
  Express express = Express::None;
};

// A row of the suffix table.
struct OutcomeRow {
  std::string_view value;  // "fraudCheck-reject"
  RequestType type;
  Outcome outcome;
};

// `id` selects `value` when equal to it or ending with it right after '-', '_' or '.'.
bool suffix_matches(std::string_view id, std::string_view value);
// The longest row of this request type (or the local `sandbox-fail` extension) that `external_id`
// selects; nullptr when none.
const OutcomeRow* match_external_id(std::string_view external_id, RequestType type);
// The row `<type>-<word>` (e.g. "fraudCheck-pass"); nullptr when the table has no such row.
const OutcomeRow* find_row(RequestType type, std::string_view word);

// Scenario outcome words: pass, review, reject, warn, fail (any request type), each mapped to the
// nearest row of the request type; overrides replace fields of that row.
enum class Word : std::uint8_t { Pass, Review, Reject, Warn, Fail };
std::optional<Word> parse_word(std::string_view w);
std::string_view word_name(Word w);
struct ScriptedOutcome {
  Word word = Word::Pass;
  std::optional<Status> status;
  std::optional<Kyc> kyc;
  std::optional<double> score;
};
struct Thresholds {
  double approve = 0.7;  // score >= approve: APPROVED
  double reject = 0.3;   // score < reject: REJECTED; else REVIEW
};
Status status_for_score(double score, const Thresholds& t);
Outcome scripted_outcome(RequestType type, const ScriptedOutcome& s, const Thresholds& t);

// A customer's current results.
struct Validation {
  Status status = Status::Review;
  Kyc kyc = Kyc::Pending;
  double score = 0;
  TagMask present = 0;  // 0: no completed results yet
  TagMask failed = 0;
  bool fraud_checked = false;
  bool tags_as_array = false;  // the last completed evaluation was a document upload
};
void apply_outcome(Validation& v, const Outcome& o, RequestType type);
int warning_count(const Validation& v);

enum class TagShape : std::uint8_t { Auto, Object, Array };
// {status,kyc,fraudScore}
boost::json::object validation_brief(const Validation& v);
// Completed results: status, kyc, fraudScore, fraudFlag, warnings, warningTags, kycBreakdown.
boost::json::object validation_full(const Validation& v, bool flagged, TagShape shape);
boost::json::value warning_tags_json(const Validation& v, bool as_array);

}  // namespace fs::waldo
