#include "waldo/state.hpp"

#include "core/namespace.hpp"
#include "crypto/crypto.hpp"

#include <boost/json.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace fs::waldo {

namespace bj = boost::json;

namespace {
constexpr std::string_view kUriBase = "https://app.waldo.ai/customers/";
constexpr std::string_view kUriBaseDouble = "https://app.waldo.ai/customers//";

bool valid_ip(const std::string& s) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, s.c_str(), buf) == 1 || ::inet_pton(AF_INET6, s.c_str(), buf) == 1;
}
}  // namespace

std::string_view step_name(Step s) {
  switch (s) {
    case Step::Initiated: return "initiated";
    case Step::InProgress: return "in_progress";
    case Step::Completed: return "completed";
    case Step::Failed: return "failed";
  }
  return "initiated";
}

std::string_view wire_type(RequestType t) {
  switch (t) {
    case RequestType::Kyc:
    case RequestType::ExpressKyc: return "kyc";
    case RequestType::Fraud:
    case RequestType::ExpressKycFraud:
    case RequestType::FraudCheck: return "fraud";
    case RequestType::DocumentUpload: return "document";
  }
  return "kyc";
}

std::string_view doc_type_name(DocType d) {
  switch (d) {
    case DocType::DrivingLicence: return "driving_licence";
    case DocType::Passport: return "passport";
    case DocType::None: break;
  }
  return "";
}

WaldoState::WaldoState(Namespace& n, std::shared_ptr<const WaldoConfig> c, std::size_t max)
    : ns(n), cfg(std::move(c)), max_retained(std::max<std::size_t>(1, max)) {
  auto seed = crypto::random_bytes(16);
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, seed.data(), 8);
  std::memcpy(&b, seed.data() + 8, 8);
  rng.seed(a);
  id_prefix = b & 0xFFFFFFFFFFull;  // 5 bytes, as a MongoDB ObjectId's random part
  id_counter = static_cast<std::uint32_t>(a >> 40) & 0xFFFFFF;
  std::int64_t now = ns.now_ms();
  for (const auto& p : cfg->customers) {
    CustomerData d = p.data;
    std::uint32_t idx = add_customer(std::move(d), p.data.created_at.value_or(now));
    Customer& cu = customers[idx];
    cu.validation = p.validation;
    cu.flagged = p.flagged;
    if (p.outcomes) cu.script = p.outcomes;
  }
}

bool WaldoState::key_revoked(const KeyConfig& k) const {
  auto it = revoked_override.find(k.api_key);
  return it != revoked_override.end() ? it->second : k.revoked;
}

Customer* WaldoState::find_customer(std::string_view id) {
  auto it = by_id.find(std::string(id));
  return it == by_id.end() ? nullptr : &customers[it->second];
}

std::string WaldoState::new_customer_id(std::int64_t now_ms) {
  static constexpr char hex[] = "0123456789abcdef";
  while (true) {
    std::uint32_t secs = static_cast<std::uint32_t>(now_ms / 1000);
    std::uint32_t count = id_counter++ & 0xFFFFFF;
    std::string id(24, '0');
    for (int i = 0; i < 8; ++i) id[i] = hex[(secs >> (28 - 4 * i)) & 0xF];
    for (int i = 0; i < 10; ++i) id[8 + i] = hex[(id_prefix >> (36 - 4 * i)) & 0xF];
    for (int i = 0; i < 6; ++i) id[18 + i] = hex[(count >> (20 - 4 * i)) & 0xF];
    if (!by_id.contains(id)) return id;
  }
}

std::array<char, 10> WaldoState::new_request_id() {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::array<char, 10> id;
  std::uint64_t r = rng();
  for (auto& ch : id) {
    ch = alphabet[r % 62];
    r /= 62;
  }
  return id;
}

std::uint32_t WaldoState::add_customer(CustomerData data, std::int64_t now_ms) {
  Customer c;
  if (data.customer_id.empty()) data.customer_id = new_customer_id(now_ms);
  c.uri = std::string(kUriBase) + data.customer_id;
  c.created_at = now_ms;
  c.data = std::move(data);
  if (!c.data.external_id.empty()) {
    if (auto it = cfg->scripts.find(c.data.external_id); it != cfg->scripts.end()) c.script = it->second;
  }
  auto idx = static_cast<std::uint32_t>(customers.size());
  by_id.emplace(c.data.customer_id, idx);
  customers.push_back(std::move(c));
  return idx;
}

Evaluation& WaldoState::start_evaluation(std::uint32_t ci, RequestType type, bool api) {
  Customer& c = customers[ci];
  Evaluation e;
  e.seq = next_seq++;
  e.customer = ci;
  e.type = type;
  e.api = api;
  e.request_id = new_request_id();
  e.t_initiated = ns.now_ms();
  // Outcome: Waldo's externalId conventions, else the customer's script, else the default.
  if (const OutcomeRow* row = match_external_id(c.data.external_id, type)) {
    e.outcome = row->outcome;
    e.decided_by = DecidedBy::Suffix;
  } else if (c.script && !c.script->empty()) {
    std::size_t i = std::min(c.script_pos, c.script->size() - 1);
    ++c.script_pos;
    e.outcome = scripted_outcome(type, (*c.script)[i], cfg->thresholds);
    e.decided_by = DecidedBy::Script;
  } else {
    Word w = type == RequestType::DocumentUpload ? cfg->default_document
             : has_fraud(type)                   ? cfg->default_fraud
                                                 : cfg->default_kyc;
    e.outcome = scripted_outcome(type, ScriptedOutcome{w, {}, {}, {}}, cfg->thresholds);
    e.decided_by = DecidedBy::Default;
  }
  c.has_eval = true;
  c.eval_type = type;
  c.eval_step = Step::Initiated;
  c.latest_eval = e.seq;
  std::uint64_t seq = e.seq;
  auto [it, inserted] = evaluations.emplace(seq, std::move(e));
  evict();  // only ended evaluations go; running ones are never dropped
  ns.schedule_in(cfg->delay_in_progress_ms, [this, seq] { on_in_progress(seq); });
  return it->second;
}

void WaldoState::on_in_progress(std::uint64_t seq) {
  auto it = evaluations.find(seq);
  if (it == evaluations.end()) return;
  Evaluation& e = it->second;
  e.step = Step::InProgress;
  e.t_in_progress = ns.now_ms();
  Customer& c = customers[e.customer];
  if (c.latest_eval == seq) c.eval_step = Step::InProgress;
  publish_step(e, c);
  ns.schedule_in(cfg->delay_completed_ms, [this, seq] { on_end(seq); });
}

void WaldoState::on_end(std::uint64_t seq) {
  auto it = evaluations.find(seq);
  if (it == evaluations.end()) return;
  Evaluation& e = it->second;
  Customer& c = customers[e.customer];
  std::int64_t now = ns.now_ms();
  e.t_ended = now;
  e.step = e.outcome.fail ? Step::Failed : Step::Completed;
  if (!e.outcome.fail) {
    apply_outcome(c.validation, e.outcome, e.type);
    // History: every completed fraud evaluation (onboarding's included) adds a fraud entry; every
    // completed KYC or document evaluation a KYC entry.
    if (is_onboarding(e.type)) c.kyc_history.push_back(KycEntry{now, c.validation.kyc, DocType::None, {}});
    if (e.type == RequestType::DocumentUpload)
      c.kyc_history.push_back(KycEntry{now, c.validation.kyc, e.doc_type, e.issuing_date});
    if (has_fraud(e.type)) c.fraud_history.push_back(FraudEntry{now, c.validation.score});
    while (c.kyc_history.size() > cfg->max_history) c.kyc_history.pop_front();
    while (c.fraud_history.size() > cfg->max_history) c.fraud_history.pop_front();
  }
  if (c.latest_eval == seq) c.eval_step = e.step;
  publish_step(e, c);
  ended.push_back(seq);
  evict();
}

void WaldoState::evict() {
  while (evaluations.size() > max_retained && !ended.empty()) {
    evaluations.erase(ended.front());
    ended.pop_front();
    ++evaluations_dropped;
  }
}

std::string WaldoState::uri_for_event(const Customer& c, RequestType type, Step step) const {
  if (cfg->double_slash_uri && has_fraud(type) && step == Step::Completed)
    return std::string(kUriBaseDouble) + c.data.customer_id;
  return c.uri;
}

void WaldoState::publish_step(const Evaluation& e, const Customer& c) {
  bool onboarding = is_onboarding(e.type);
  bj::object p;
  p.reserve(8);
  if (e.api) p.emplace("requestId", e.request_id_view());
  p.emplace("event", onboarding ? "onboard" : "evaluation");
  bj::object ev;
  ev.emplace("type", wire_type(e.type));
  ev.emplace("status", step_name(e.step));
  p.emplace("evaluation", std::move(ev));
  if (e.step == Step::Completed) p.emplace("validation", validation_full(c.validation, c.flagged, cfg->tag_shape));
  else p.emplace("validation", validation_brief(c.validation));
  p.emplace("externalId", c.data.external_id);
  p.emplace("customerId", c.data.customer_id);
  p.emplace("uri", uri_for_event(c, e.type, e.step));
  ns.publish(Event{onboarding ? "onboard" : "evaluation", c.data.customer_id, std::move(p), 0});
}

bj::object WaldoState::customer_json(const Customer& c) const {
  const auto& d = c.data;
  bj::object o;
  o.reserve(22);
  o.emplace("createdAt", c.created_at);
  o.emplace("firstName", d.first_name);
  o.emplace("lastName", d.last_name);
  if (d.has_official_id) {
    bj::object oid;
    oid.emplace("docType", d.official_id.doc_type);
    oid.emplace("value", d.official_id.value);
    oid.emplace("country", d.official_id.country);
    if (!d.official_id.format.empty()) oid.emplace("format", d.official_id.format);
    o.emplace("officialId", std::move(oid));
  }
  o.emplace("dob", d.dob);
  o.emplace("address", d.address);
  o.emplace("city", d.city);
  o.emplace("email", d.email);
  o.emplace("phone", d.phone);
  o.emplace("zipCode", d.zip_code);
  o.emplace("state", d.state);
  o.emplace("country", d.country);
  if (!d.entity_id.empty()) o.emplace("entityId", d.entity_id);
  if (d.ip) {
    bj::object ip;
    ip.emplace("valid", valid_ip(*d.ip));
    ip.emplace("value", *d.ip);
    o.emplace("ipAddress", std::move(ip));
  }
  bj::object ev;
  ev.emplace("type", c.has_eval ? wire_type(c.eval_type) : "idle");
  ev.emplace("status", c.has_eval ? step_name(c.eval_step) : "idle");
  o.emplace("evaluation", std::move(ev));
  bj::object v;
  if (c.validation.present) {
    v = validation_full(c.validation, c.flagged, cfg->tag_shape);
  } else {
    v = validation_brief(c.validation);
    v.emplace("fraudFlag", c.flagged);
  }
  v.emplace("fraudReport", false);
  v.emplace("fraudCheck", c.validation.fraud_checked);
  o.emplace("validation", std::move(v));
  o.emplace("externalId", d.external_id);
  o.emplace("customerId", d.customer_id);
  o.emplace("uri", c.uri);
  return o;
}

}  // namespace fs::waldo
