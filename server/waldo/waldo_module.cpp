#include "waldo/waldo_module.hpp"

#include "control/control_routes.hpp"
#include "core/json.hpp"
#include "core/namespace.hpp"
#include "core/services.hpp"
#include "crypto/crypto.hpp"
#include "routing/call.hpp"
#include "routing/router.hpp"
#include "waldo/auth.hpp"
#include "waldo/config.hpp"
#include "waldo/errors.hpp"
#include "waldo/multipart.hpp"
#include "waldo/state.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace fs::waldo {

namespace bj = boost::json;
using routing::CallPtr;
using routing::Method;
using routing::Response;

namespace {

constexpr std::size_t kMaxDocumentBytes = 10 * 1024 * 1024;  // "at most 10 MB"
constexpr std::size_t kDocumentBodyLimit = 12 * 1024 * 1024;

WaldoState& state_of(const CallPtr& c, std::size_t slot) { return c->ns().state<WaldoState>(slot); }

struct Authorized {
  std::string api_key;
  std::int64_t ttl_s = 3600;
  std::size_t slot = 0;
};

// Spec §2.4 in order: header missing (403), token bad or expired (401), key revoked (403), key not
// allowed this service (403, long message). Checked before the body is looked at. Replies on failure.
std::optional<Authorized> authorize(const CallPtr& c, std::size_t slot, Service svc) {
  const std::string* h = routing::find_header(c->request().headers, "authorization");
  std::int64_t now_ms = c->ns().clock_now_ms();
  auto lock = c->ns().lock();
  auto& st = state_of(c, slot);
  std::string_view token = h ? bearer_token(*h) : std::string_view();
  std::string api_key;
  if (const std::string* known = st.tokens.known(token, now_ms)) {
    api_key = *known;
  } else {
    TokenCheck tc = check_token(h ? std::string_view(*h) : std::string_view(), h != nullptr, now_ms);
    if (tc.error) {
      lock.unlock();
      reply(c, *tc.error);
      return std::nullopt;
    }
    st.tokens.remember(token, tc);
    api_key = std::move(tc.api_key);
  }
  const KeyConfig* k = st.cfg->find_key(api_key);
  const ErrorDef* error = !k                                                    ? &err::kInvalidToken  // unknown key here
                          : st.key_revoked(*k)                                  ? &err::kApiKeyRevoked
                          : !(k->services & (1u << static_cast<unsigned>(svc))) ? &err::kServiceNotAllowed
                                                                                : nullptr;
  if (error) {
    lock.unlock();
    reply(c, *error);
    return std::nullopt;
  }
  return Authorized{std::move(api_key), st.cfg->token_ttl_s, slot};
}

// 200 with the sliding-refresh token (spec §2.3, §8.10).
void reply_ok(const CallPtr& c, const Authorized& a, std::string body) {
  Response r = Response::json_text(200, std::move(body));
  std::string header = "Bearer ";
  {
    auto lock = c->ns().lock();
    header += state_of(c, a.slot).tokens.mint(a.api_key, c->ns().clock_now_ms(), a.ttl_s);
  }
  r.headers.push_back({"Authorization", std::move(header)});
  c->reply(std::move(r));
}

std::optional<bj::object> body_object(const CallPtr& c) {
  auto parsed = json::parse(c->request().body);
  if (!parsed.value || !parsed.value->is_object()) return std::nullopt;
  return std::move(parsed.value->get_object());
}

// ---- /authenticate -------------------------------------------------------------------------

void authenticate(const CallPtr& c, std::size_t slot) {
  // §8.7: JSON whatever the Content-Type says (the docs' curl sends none).
  auto body = body_object(c);
  const bj::string* key = body ? json::find_string(*body, "apiKey") : nullptr;
  const bj::string* secret = body ? json::find_string(*body, "clientSecret") : nullptr;
  if (!key || !secret || key->empty() || secret->empty()) return reply(c, err::kMissingParameters);
  std::int64_t ttl;
  {
    auto lock = c->ns().lock();
    auto& st = state_of(c, slot);
    const KeyConfig* k = st.cfg->find_key(*key);
    if (!k || !crypto::constant_time_equal(std::string_view(k->client_secret), std::string_view(*secret)))
      return reply(c, err::kInvalidApiKey);
    if (st.key_revoked(*k)) return reply(c, err::kApiKeyRevoked);
    ttl = st.cfg->token_ttl_s;
  }
  std::string out = "{\"token\":\"" + mint_token(*key, c->ns().clock_now_ms(), ttl) + "\"}";
  c->reply(Response::json_text(200, std::move(out)));
}

// ---- /onboard ------------------------------------------------------------------------------

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string_view::npos;
}

struct FieldError {
  bool missing;
  std::string field;
};

// The eleven starred fields (§8.4: country too unless relaxed), in the docs' order.
std::optional<FieldError> read_onboarding(const bj::object& b, bool require_country, CustomerData& d) {
  struct F {
    std::string_view name;
    std::string* out;
  };
  const F fields[] = {{"firstName", &d.first_name}, {"lastName", &d.last_name}, {"officialId", nullptr},
                      {"email", &d.email},          {"phone", &d.phone},        {"dob", &d.dob},
                      {"address", &d.address},      {"city", &d.city},          {"state", &d.state},
                      {"zipCode", &d.zip_code},     {"country", &d.country}};
  for (const auto& f : fields) {
    const bj::value* v = b.if_contains(f.name);
    bool required = f.name != "country" || require_country;
    if (!v || v->is_null() || (v->is_string() && v->get_string().empty())) {
      if (required) return FieldError{true, std::string(f.name)};
      continue;
    }
    if (!f.out) {  // officialId
      if (!v->is_object()) return FieldError{false, "officialId"};
      const auto& o = v->get_object();
      const bj::value* val = o.if_contains("value");
      if (!val || val->is_null() || (val->is_string() && val->get_string().empty()))
        return FieldError{true, "officialId.value"};
      if (!val->is_string()) return FieldError{false, "officialId"};
      d.has_official_id = true;
      d.official_id.value = std::string(val->get_string());
      for (auto [key, out] : {std::pair{"docType", &d.official_id.doc_type}, std::pair{"country", &d.official_id.country},
                              std::pair{"format", &d.official_id.format}}) {
        if (const bj::value* x = o.if_contains(key)) {
          if (x->is_string()) *out = std::string(x->get_string());
          else if (!x->is_null()) return FieldError{false, "officialId"};
        }
      }
      continue;
    }
    if (!v->is_string()) return FieldError{false, std::string(f.name)};
    *f.out = std::string(v->get_string());
  }
  if (!valid_email(d.email)) return FieldError{false, "email"};
  if (!valid_date(d.dob)) return FieldError{false, "dob"};
  for (auto [key, out] : {std::pair{"externalId", &d.external_id}, std::pair{"entityId", &d.entity_id}}) {
    if (const bj::value* x = b.if_contains(key)) {
      if (x->is_string()) *out = std::string(x->get_string());
      else if (!x->is_null()) return FieldError{false, key};
    }
  }
  // §8.5: ipAddress is an address string; anything else is ignored.
  if (const bj::string* ip = json::find_string(b, "ipAddress")) d.ip = std::string(*ip);
  return std::nullopt;
}

void onboard(const CallPtr& c, std::size_t slot) {
  auto auth = authorize(c, slot, Service::Onboard);
  if (!auth) return;
  auto body = body_object(c);
  if (!body) return reply_invalid_data(c, "body");
  bool include_fraud = false, express = false;
  if (const bj::value* opts = body->if_contains("options"); opts && !opts->is_null()) {
    if (!opts->is_object()) return reply_invalid_data(c, "options");
    for (auto [key, out] : {std::pair{"includeFraudCheck", &include_fraud}, std::pair{"useExpressKYC", &express}}) {
      if (const bj::value* x = opts->get_object().if_contains(key)) {
        if (x->is_bool()) *out = x->get_bool();
        else if (!x->is_null()) return reply_invalid_data(c, "options");
      }
    }
  } else if (auto legacy = json::find_bool(*body, "includeFraudCheck")) {
    include_fraud = *legacy;  // the older revision's top-level flag
    c->note_variant("onboard-top-level-includeFraudCheck");
  }
  CustomerData d;
  bool require_country;
  {
    auto lock = c->ns().lock();
    require_country = state_of(c, slot).cfg->require_country;
  }
  if (auto fe = read_onboarding(*body, require_country, d)) {
    if (fe->missing) return reply_missing_data(c, fe->field);
    return reply_invalid_data(c, fe->field);
  }
  RequestType type = onboard_request_type(include_fraud, express);
  std::string out;
  {
    auto& ns = c->ns();
    auto lock = ns.lock();
    auto& st = state_of(c, slot);
    std::uint32_t ci = st.add_customer(std::move(d), ns.now_ms());
    Evaluation& e = st.start_evaluation(ci, type, true);
    const Customer& cu = st.customers[ci];
    bj::object r;
    r.reserve(9);
    r.emplace("requestId", e.request_id_view());
    r.emplace("event", "onboard");
    bj::object ev;
    ev.emplace("type", "kyc");  // the docs' reply sample says kyc even with includeFraudCheck
    ev.emplace("status", "initiated");
    r.emplace("evaluation", std::move(ev));
    r.emplace("validation", validation_brief(cu.validation));
    bj::object o;
    o.emplace("includeFraudCheck", include_fraud);
    if (express) o.emplace("useExpressKYC", true);
    r.emplace("options", std::move(o));
    if (express) {
      // [INF] The Express KYC result's shape is a guess (spec §4.1): success + outcome, or
      // success:false when it could not be produced quickly ("-delay").
      bj::object x;
      if (e.outcome.express == Express::Delay || e.outcome.fail) {
        x.emplace("success", false);
      } else {
        x.emplace("success", true);
        x.emplace("outcome", e.outcome.express == Express::Review ? "REVIEW" : "PASSED");
      }
      r.emplace("expressKYC", std::move(x));
    }
    r.emplace("externalId", cu.data.external_id);
    r.emplace("customerId", cu.data.customer_id);
    r.emplace("uri", cu.uri);
    out = json::write(r);
    r["evaluation"].get_object()["type"] = wire_type(type);
    ns.publish(Event{"onboard", cu.data.customer_id, std::move(r), 0});
  }
  reply_ok(c, *auth, std::move(out));
}

// ---- GET /customer -------------------------------------------------------------------------

void get_customer(const CallPtr& c, std::size_t slot) {
  auto auth = authorize(c, slot, Service::Customer);
  if (!auth) return;
  static constexpr std::string_view kFields[] = {"customerId", "email", "officialId", "zipCode", "dob", "externalId"};
  std::vector<std::pair<std::string, std::string>> filters;
  for (auto& [k, v] : c->request().query_params())
    for (auto f : kFields)
      if (k == f) filters.emplace_back(std::move(k), std::move(v));
  if (filters.empty()) return reply(c, err::kInvalidQuery);
  bj::array list;
  {
    auto lock = c->ns().lock();
    auto& st = state_of(c, slot);
    auto matches = [&](const Customer& cu) {
      const auto& d = cu.data;
      for (const auto& [k, v] : filters) {
        const std::string& have = k == "customerId" ? d.customer_id
                                  : k == "email"    ? d.email
                                  : k == "officialId" ? d.official_id.value
                                  : k == "zipCode"  ? d.zip_code
                                  : k == "dob"      ? d.dob
                                                    : d.external_id;
        if (have != v) return false;
      }
      return true;
    };
    const std::string* by_id = nullptr;
    for (const auto& [k, v] : filters)
      if (k == "customerId") by_id = &v;
    if (by_id) {
      if (const Customer* cu = st.find_customer(*by_id); cu && matches(*cu)) list.push_back(st.customer_json(*cu));
    } else {
      for (const auto& cu : st.customers)
        if (matches(cu)) list.push_back(st.customer_json(cu));
    }
  }
  bj::object out;
  out.emplace("customers", std::move(list));
  reply_ok(c, *auth, json::write(out));
}

// ---- history -------------------------------------------------------------------------------

void history(const CallPtr& c, std::size_t slot, bool kyc) {
  auto auth = authorize(c, slot, Service::History);
  if (!auth) return;
  const std::string& id = c->param("customerId");
  if (id.empty()) return reply(c, err::kInvalidCustomerIdHistory);
  bj::object out;
  {
    auto lock = c->ns().lock();
    auto& st = state_of(c, slot);
    const Customer* cu = st.find_customer(id);
    if (!cu || (kyc ? cu->kyc_history.empty() : cu->fraud_history.empty()))
      return reply(c, kyc ? err::kKycHistoryNotFound : err::kFraudHistoryNotFound);
    bj::array list;
    if (kyc) {
      list.reserve(cu->kyc_history.size());
      for (const auto& h : cu->kyc_history) {
        bj::object e;
        e.emplace("date", h.date);
        e.emplace("outcome", kyc_name(h.outcome));
        if (h.document != DocType::None) {
          e.emplace("documentType", doc_type_name(h.document));
          if (!h.issuing_date.empty()) e.emplace("issuingDate", h.issuing_date);
        }
        e.emplace("type", h.document != DocType::None ? "document" : "kyc");
        list.push_back(std::move(e));
      }
    } else {
      list.reserve(cu->fraud_history.size());
      for (const auto& h : cu->fraud_history) {
        bj::object e;
        e.emplace("date", h.date);
        e.emplace("score", h.score);
        list.push_back(std::move(e));
      }
    }
    out.emplace("active", list.back());
    out.emplace("history", std::move(list));
  }
  reply_ok(c, *auth, json::write(out));
}

// ---- /check-fraud --------------------------------------------------------------------------

// The request-stage reply of /check-fraud and /document; also the `initiated` event's payload.
bj::object initiated_reply(const WaldoState& st, const Evaluation& e, const Customer& cu, bool with_flag) {
  bj::object r;
  r.reserve(8);
  r.emplace("requestId", e.request_id_view());
  r.emplace("event", "evaluation");
  bj::object ev;
  ev.emplace("type", wire_type(e.type));
  ev.emplace("status", "initiated");
  r.emplace("evaluation", std::move(ev));
  // The docs' caveat: while `initiated`, these are the last known values, not this evaluation's.
  bj::object v = validation_brief(cu.validation);
  if (with_flag) v.emplace("fraudFlag", cu.flagged);
  r.emplace("validation", std::move(v));
  r.emplace("externalId", cu.data.external_id);
  r.emplace("customerId", cu.data.customer_id);
  r.emplace("uri", cu.uri);
  r.emplace("errors", bj::array());
  return r;
}

void check_fraud(const CallPtr& c, std::size_t slot) {
  auto auth = authorize(c, slot, Service::CheckFraud);
  if (!auth) return;
  auto body = body_object(c);
  const bj::string* id = body ? json::find_string(*body, "customerId") : nullptr;
  if (!id || id->empty()) return reply_invalid_data(c, "customerId");
  std::string out;
  {
    auto& ns = c->ns();
    auto lock = ns.lock();
    auto& st = state_of(c, slot);
    auto it = st.by_id.find(std::string(*id));
    if (it == st.by_id.end()) return reply_invalid_data(c, "customerId");
    Evaluation& e = st.start_evaluation(it->second, RequestType::FraudCheck, true);
    const Customer& cu = st.customers[it->second];
    bj::object r = initiated_reply(st, e, cu, false);
    out = json::write(r);
    ns.publish(Event{"evaluation", cu.data.customer_id, std::move(r), 0});
  }
  reply_ok(c, *auth, std::move(out));
}

// ---- /document -----------------------------------------------------------------------------

bool known_file_type(const multipart::Part& p) {
  std::string_view d = p.data;
  if (d.size() >= 3 && d.substr(0, 3) == "\xFF\xD8\xFF") return true;        // JPEG
  if (d.size() >= 8 && d.substr(0, 8) == "\x89PNG\r\n\x1A\n") return true;    // PNG
  if (d.size() >= 5 && d.substr(0, 5) == "%PDF-") return true;                // PDF
  std::string ct, name;
  for (char ch : p.content_type.substr(0, p.content_type.find(';')))
    ct += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (char ch : p.filename) name += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  bool ext = name.ends_with(".jpg") || name.ends_with(".jpeg") || name.ends_with(".png") || name.ends_with(".pdf");
  bool type = ct == "image/jpeg" || ct == "image/jpg" || ct == "image/png" || ct == "application/pdf";
  // Declared only (no recognisable content): both the name and the declared type must agree.
  return ext && (type || ct.empty() || ct == "application/octet-stream");
}

void document(const CallPtr& c, std::size_t slot) {
  auto auth = authorize(c, slot, Service::Document);
  if (!auth) return;
  const auto& req = c->request();
  auto boundary = multipart::boundary(req.header("content-type"));
  if (!boundary) return reply_invalid_data(c, "Content-Type");
  auto parsed = multipart::parse(req.body, *boundary);
  if (!parsed.error.empty()) return reply_invalid_data(c, "multipart body");
  const auto& parts = parsed.parts;
  auto field = [&](std::string_view name) -> std::string_view {
    const multipart::Part* p = multipart::find(parts, name);
    return p ? p->data : std::string_view();
  };
  const multipart::Part* file = multipart::find(parts, "document");
  if (!file || file->data.empty()) return reply_missing_data(c, "document");
  std::string_view customer_id = field("customerId");
  if (customer_id.empty()) return reply_missing_data(c, "customerId");
  std::string_view doc_type = field("documentType");
  if (doc_type.empty()) return reply_missing_data(c, "documentType");
  if (file->data.size() > kMaxDocumentBytes) return reply_invalid_data(c, "document size");
  if (!known_file_type(*file)) return reply_invalid_data(c, "document type");
  DocType dt;
  if (doc_type == "driving_licence") dt = DocType::DrivingLicence;
  else if (doc_type == "passport") dt = DocType::Passport;
  else return reply_invalid_data(c, "documentType");
  std::string_view country = field("issuingCountry");
  if (dt == DocType::Passport && country.empty()) return reply_missing_data(c, "issuingCountry");
  if (!country.empty() && (country.size() != 3 || !std::all_of(country.begin(), country.end(), [](char ch) {
                             return ch >= 'A' && ch <= 'Z';
                           })))
    return reply_invalid_data(c, "issuingCountry");
  std::string_view side = field("side");
  if (!side.empty() && side != "front" && side != "back") return reply_invalid_data(c, "side");
  std::string_view issuing_date = field("issuingDate");  // not documented as a field; kept when sent
  if (!issuing_date.empty() && !valid_date(issuing_date)) return reply_invalid_data(c, "issuingDate");
  std::string out;
  {
    auto& ns = c->ns();
    auto lock = ns.lock();
    auto& st = state_of(c, slot);
    auto it = st.by_id.find(std::string(customer_id));
    if (it == st.by_id.end()) return reply_invalid_data(c, "customerId");
    Evaluation& e = st.start_evaluation(it->second, RequestType::DocumentUpload, true);
    e.doc_type = dt;
    e.issuing_date = std::string(issuing_date);
    const Customer& cu = st.customers[it->second];
    bj::object r = initiated_reply(st, e, cu, true);
    out = json::write(r);
    ns.publish(Event{"evaluation", cu.data.customer_id, std::move(r), 0});
  }
  reply_ok(c, *auth, std::move(out));
}

// ---- /flag ---------------------------------------------------------------------------------

// Sets or clears the flag; returns the reply body. Publishes the `flag` event (requestId only when
// the API caused it).
bj::object apply_flag(WaldoState& st, Customer& cu, bool flag, std::string_view note, bool api) {
  cu.flagged = flag;
  if (flag) {
    cu.validation.status = Status::Rejected;  // flagging rejects; unflagging leaves the status as is
    cu.flag_note = std::string(note);
  } else {
    cu.flag_note.clear();
  }
  std::array<char, 10> rid = st.new_request_id();
  bj::object r;
  r.reserve(6);
  r.emplace("flagged", flag);
  r.emplace("status", status_name(cu.validation.status));
  r.emplace("externalId", cu.data.external_id);
  r.emplace("customerId", cu.data.customer_id);
  r.emplace("uri", cu.uri);
  if (api) r.emplace("requestId", std::string_view(rid.data(), rid.size()));
  bj::object ev;
  ev.reserve(7);
  if (api) ev.emplace("requestId", std::string_view(rid.data(), rid.size()));
  ev.emplace("event", "flag");
  ev.emplace("flag", flag);
  if (flag && !note.empty()) ev.emplace("note", note);
  ev.emplace("externalId", cu.data.external_id);
  ev.emplace("customerId", cu.data.customer_id);
  ev.emplace("uri", cu.uri);
  st.ns.publish(Event{"flag", cu.data.customer_id, std::move(ev), 0});
  return r;
}

void flag(const CallPtr& c, std::size_t slot) {
  auto auth = authorize(c, slot, Service::Flag);
  if (!auth) return;
  auto body = body_object(c);
  const bj::string* id = body ? json::find_string(*body, "customerId") : nullptr;
  auto f = body ? json::find_bool(*body, "flag") : std::nullopt;
  if (!id || !f) return reply(c, err::kInvalidQuery);
  const bj::string* note = json::find_string(*body, "note");
  std::string out;
  {
    auto lock = c->ns().lock();
    auto& st = state_of(c, slot);
    Customer* cu = st.find_customer(*id);
    if (!cu) return reply(c, err::kInvalidQuery);
    out = json::write(apply_flag(st, *cu, *f, note ? std::string_view(*note) : std::string_view(), true));
  }
  reply_ok(c, *auth, std::move(out));
}

// ---- /__sandbox ----------------------------------------------------------------------------

void control_flag(const CallPtr& c, std::size_t slot) {
  auto body = control::parse_body_object(c);
  if (!body) return;
  auto f = json::find_bool(*body, "flag");
  if (!f) return control::reply_control_error(c, 400, "INVALID_BODY", "Expected {\"flag\": true|false, \"note\": \"...\"}.");
  const bj::string* note = json::find_string(*body, "note");
  auto lock = c->ns().lock();
  auto& st = state_of(c, slot);
  Customer* cu = st.find_customer(c->param("customerId"));
  if (!cu) return control::reply_control_error(c, 404, "NOT_FOUND", "No Waldo customer " + c->param("customerId") + " in this namespace.");
  c->reply(Response::json(200, apply_flag(st, *cu, *f, note ? std::string_view(*note) : std::string_view(), false)));
}

void control_revoke(const CallPtr& c, std::size_t slot, bool revoke) {
  auto lock = c->ns().lock();
  auto& st = state_of(c, slot);
  const std::string& key = c->param("apiKey");
  if (!st.cfg->find_key(key))
    return control::reply_control_error(c, 404, "NOT_FOUND", "No Waldo API key " + key + " in this scenario.");
  st.revoked_override[key] = revoke;
  c->reply(Response::json(200, {{"apiKey", key}, {"revoked", revoke}}));
}

void control_customers(const CallPtr& c, std::size_t slot) {
  auto lock = c->ns().lock();
  auto& st = state_of(c, slot);
  bj::array list;
  list.reserve(st.customers.size());
  for (const auto& cu : st.customers) list.push_back(st.customer_json(cu));
  c->reply(Response::json(200, {{"customers", std::move(list)}}));
}

std::string_view decided_by_name(DecidedBy d) {
  switch (d) {
    case DecidedBy::Suffix: return "externalId";
    case DecidedBy::Script: return "script";
    case DecidedBy::Default: return "default";
  }
  return "default";
}

void control_evaluations(const CallPtr& c, std::size_t slot) {
  const auto& req = c->request();
  std::string customer = req.query_param("customerId").value_or("");
  std::string status = req.query_param("status").value_or("");
  std::size_t limit = SIZE_MAX;
  if (auto l = req.query_param("limit")) {
    auto n = control::parse_count(*l);
    if (!n) return control::reply_control_error(c, 400, "INVALID_QUERY", "limit must be a non-negative integer");
    limit = *n;
  }
  auto lock = c->ns().lock();
  auto& st = state_of(c, slot);
  bj::array list;
  for (const auto& [seq, e] : st.evaluations) {
    const Customer& cu = st.customers[e.customer];
    if (!customer.empty() && cu.data.customer_id != customer) continue;
    if (!status.empty() && step_name(e.step) != status) continue;
    bj::object o;
    o.reserve(12);
    o.emplace("seq", seq);
    o.emplace("requestId", e.api ? bj::value(e.request_id_view()) : bj::value(nullptr));
    o.emplace("customerId", cu.data.customer_id);
    o.emplace("externalId", cu.data.external_id);
    o.emplace("event", is_onboarding(e.type) ? "onboard" : "evaluation");
    o.emplace("type", wire_type(e.type));
    o.emplace("requestType", request_type_name(e.type));
    o.emplace("status", step_name(e.step));
    o.emplace("outcome", e.outcome.name);
    o.emplace("decidedBy", decided_by_name(e.decided_by));
    bj::array steps;
    steps.push_back({{"status", "initiated"}, {"time_ms", e.t_initiated}});
    if (e.t_in_progress >= 0) steps.push_back({{"status", "in_progress"}, {"time_ms", e.t_in_progress}});
    if (e.t_ended >= 0) steps.push_back({{"status", step_name(e.step)}, {"time_ms", e.t_ended}});
    o.emplace("steps", std::move(steps));
    list.push_back(std::move(o));
  }
  if (list.size() > limit) list.erase(list.begin(), list.end() - static_cast<std::ptrdiff_t>(limit));
  bj::object out;
  out.emplace("evaluations", std::move(list));
  out.emplace("retained", st.evaluations.size());
  out.emplace("limit", st.max_retained);
  out.emplace("dropped", st.evaluations_dropped);
  c->reply(Response::json(200, out));
}

}  // namespace

std::shared_ptr<const scenario::Section> WaldoModule::load_section(const boost::json::value* section,
                                                                  scenario::Problems& problems) const {
  return load_config(section, problems);
}

std::unique_ptr<ModuleState> WaldoModule::make_state(Namespace& ns, std::size_t slot) const {
  auto section = ns.scenario_ptr()->sections.at(slot);
  auto cfg = std::dynamic_pointer_cast<const WaldoConfig>(section);
  if (!cfg) {
    scenario::Problems ignored;
    cfg = load_config(nullptr, ignored);
  }
  return std::make_unique<WaldoState>(ns, std::move(cfg), ns.services().settings.max_retained);
}

void WaldoModule::add_routes(routing::Router& router, std::size_t slot, Services&) {
  auto bind = [slot](void (*fn)(const CallPtr&, std::size_t)) {
    return [fn, slot](const CallPtr& c) { fn(c, slot); };
  };
  router.add(Method::Post, "/authenticate", bind(authenticate));
  // §8.6: the guide's misspelling, only when the scenario asks for it.
  router.add(Method::Post, "/authentication", [slot](const CallPtr& c) {
    bool alias;
    {
      auto lock = c->ns().lock();
      alias = state_of(c, slot).cfg->authentication_alias;
    }
    if (!alias) return c->reply_error(404, "NOT_FOUND", "No such endpoint: POST /authentication");
    c->note_variant("authentication-alias");
    authenticate(c, slot);
  });
  router.add(Method::Post, "/onboard", bind(onboard));
  router.add(Method::Get, "/customer", bind(get_customer));
  router.add(Method::Get, "/history/kyc/{customerId}", [slot](const CallPtr& c) { history(c, slot, true); });
  router.add(Method::Get, "/history/fraud/{customerId}", [slot](const CallPtr& c) { history(c, slot, false); });
  router.add(Method::Get, "/history/kyc", [slot](const CallPtr& c) { history(c, slot, true); });
  router.add(Method::Get, "/history/fraud", [slot](const CallPtr& c) { history(c, slot, false); });
  router.add(Method::Post, "/check-fraud", bind(check_fraud));
  routing::RouteOptions doc;
  doc.body_limit = kDocumentBodyLimit;
  router.add(Method::Post, "/document", bind(document), doc);
  router.add(Method::Post, "/flag", bind(flag));

  auto ctl = control::control_route();
  router.add(Method::Get, "/__sandbox/evaluations", bind(control_evaluations), ctl);
  router.add(Method::Get, "/__sandbox/waldo/customers", bind(control_customers), ctl);
  router.add(Method::Post, "/__sandbox/waldo/customers/{customerId}/flag", bind(control_flag), ctl);
  router.add(Method::Post, "/__sandbox/waldo/keys/{apiKey}/revoke",
             [slot](const CallPtr& c) { control_revoke(c, slot, true); }, ctl);
  router.add(Method::Post, "/__sandbox/waldo/keys/{apiKey}/unrevoke",
             [slot](const CallPtr& c) { control_revoke(c, slot, false); }, ctl);
}

}  // namespace fs::waldo
