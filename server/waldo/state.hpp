#pragma once
// One namespace's Waldo state: customers, evaluations, runtime key revocations. Guarded by the
// namespace mutex; every function here expects it held.
#include "waldo/auth.hpp"
#include "core/module.hpp"
#include "waldo/config.hpp"
#include "waldo/outcomes.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs {
class Namespace;
}

namespace fs::waldo {

enum class Step : std::uint8_t { Initiated, InProgress, Completed, Failed };
std::string_view step_name(Step s);
// evaluation.type on the wire: kyc, fraud or document.
std::string_view wire_type(RequestType t);

enum class DocType : std::uint8_t { None, DrivingLicence, Passport };
std::string_view doc_type_name(DocType d);

struct KycEntry {
  std::int64_t date;
  Kyc outcome;
  DocType document = DocType::None;  // None: a KYC entry; else a document entry
  std::string issuing_date;
};
struct FraudEntry {
  std::int64_t date;
  double score;
};

struct Customer {
  CustomerData data;
  std::string uri;
  std::int64_t created_at = 0;
  Validation validation;
  bool flagged = false;
  std::string flag_note;
  // The most recently started evaluation (GET /customer's `evaluation`).
  bool has_eval = false;
  RequestType eval_type = RequestType::Kyc;
  Step eval_step = Step::Initiated;
  std::uint64_t latest_eval = 0;
  std::shared_ptr<const Script> script;
  std::size_t script_pos = 0;
  std::deque<KycEntry> kyc_history;
  std::deque<FraudEntry> fraud_history;
};

enum class DecidedBy : std::uint8_t { Suffix, Script, Default };

struct Evaluation {
  std::uint64_t seq = 0;
  std::uint32_t customer = 0;
  RequestType type = RequestType::Kyc;
  Step step = Step::Initiated;
  DecidedBy decided_by = DecidedBy::Default;
  DocType doc_type = DocType::None;
  bool api = true;  // API-caused: events carry requestId
  std::array<char, 10> request_id{};
  Outcome outcome;
  std::int64_t t_initiated = 0, t_in_progress = -1, t_ended = -1;
  std::string issuing_date;  // document evaluations only (usually empty: small-string storage)
  std::string_view request_id_view() const { return {request_id.data(), request_id.size()}; }
};

class WaldoState : public ModuleState {
 public:
  WaldoState(Namespace& ns, std::shared_ptr<const WaldoConfig> cfg, std::size_t max_retained);

  Namespace& ns;
  std::shared_ptr<const WaldoConfig> cfg;
  std::size_t max_retained;
  std::vector<Customer> customers;
  std::unordered_map<std::string, std::uint32_t> by_id;
  std::unordered_map<std::string, bool> revoked_override;  // POST /__sandbox/waldo/keys/{k}/revoke
  TokenCache tokens;
  std::map<std::uint64_t, Evaluation> evaluations;        // by seq = start order
  std::deque<std::uint64_t> ended;                        // ended evaluations, oldest first (eviction)
  std::uint64_t next_seq = 1;
  std::uint64_t evaluations_dropped = 0;
  std::mt19937_64 rng;
  std::uint64_t id_prefix = 0;
  std::uint32_t id_counter = 0;

  bool key_revoked(const KeyConfig& k) const;
  Customer* find_customer(std::string_view id);
  std::string new_customer_id(std::int64_t now_ms);
  std::array<char, 10> new_request_id();
  std::uint32_t add_customer(CustomerData data, std::int64_t now_ms);

  // Starts an evaluation of `customer` (outcome decided now) and schedules its lifecycle. The
  // caller publishes the `initiated` event (it is the reply body).
  Evaluation& start_evaluation(std::uint32_t customer, RequestType type, bool api);

  // JSON pieces shared by replies and events.
  boost::json::object customer_json(const Customer& c) const;
  std::string uri_for_event(const Customer& c, RequestType type, Step step) const;

 private:
  void on_in_progress(std::uint64_t seq);
  void on_end(std::uint64_t seq);
  void publish_step(const Evaluation& e, const Customer& c);
  void evict();
};

}  // namespace fs::waldo
