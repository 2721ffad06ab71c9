#include "waldo/config.hpp"

#include "scenario/reader.hpp"

#include <boost/json.hpp>

namespace fs::waldo {

namespace bj = boost::json;
using scenario::Reader;

std::string_view service_name(Service s) {
  switch (s) {
    case Service::Onboard: return "onboard";
    case Service::Customer: return "customer";
    case Service::History: return "history";
    case Service::CheckFraud: return "check-fraud";
    case Service::Document: return "document";
    case Service::Flag: return "flag";
    case Service::Count: break;
  }
  return "";
}

const KeyConfig* WaldoConfig::find_key(std::string_view api_key) const {
  for (const auto& k : keys)
    if (k.api_key == api_key) return &k;
  return nullptr;
}

std::vector<KeyConfig> builtin_keys() {
  std::vector<KeyConfig> k(3);
  k[0] = {"sandbox.wk.demo", "sandbox.ws.demo", false, kAllServices};
  k[1] = {"sandbox.wk.revoked", "sandbox.ws.revoked", true, kAllServices};
  k[2] = {"sandbox.wk.limited", "sandbox.ws.limited", false,
          static_cast<ServiceMask>((1u << static_cast<unsigned>(Service::Onboard)) |
                                   (1u << static_cast<unsigned>(Service::Customer)))};
  return k;
}

namespace {

bool is_hex24(std::string_view s) {
  if (s.size() != 24) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::optional<ScriptedOutcome> read_outcome(const bj::value& v, const std::string& path, scenario::Problems& problems) {
  const char* words = "one of \"pass\", \"review\", \"reject\", \"warn\", \"fail\"";
  if (v.is_string()) {
    auto w = parse_word(v.get_string());
    if (!w) {
      problems.add(path, "\"" + std::string(v.get_string()) + "\" is not " + words);
      return std::nullopt;
    }
    return ScriptedOutcome{*w, {}, {}, {}};
  }
  Reader r(v, path, problems);
  if (!r.ok()) return std::nullopt;
  ScriptedOutcome s;
  bool good = true;
  if (auto w = r.one_of("outcome", {"pass", "review", "reject", "warn", "fail"}, true)) s.word = *parse_word(*w);
  else good = false;
  if (auto st = r.one_of("status", {"APPROVED", "REJECTED", "REVIEW"})) s.status = parse_status(*st);
  if (auto k = r.one_of("kyc", {"PENDING", "PASSED", "REVIEW", "REJECTED"})) s.kyc = parse_kyc(*k);
  if (auto sc = r.number("fraudScore", 0, 1)) s.score = *sc;
  if (!good) return std::nullopt;
  return s;
}

std::shared_ptr<const Script> read_script(const bj::value& v, const std::string& path, scenario::Problems& problems) {
  auto script = std::make_shared<Script>();
  if (!v.is_array() || v.get_array().empty()) {
    problems.add(path, "expected a non-empty array of outcomes (\"pass\", \"review\", \"reject\", \"warn\", \"fail\" or "
                       "{\"outcome\":...,\"fraudScore\":...})");
    return script;
  }
  const auto& a = v.get_array();
  for (std::size_t i = 0; i < a.size(); ++i)
    if (auto o = read_outcome(a[i], scenario::index_path(path, i), problems)) script->push_back(*o);
  return script;
}

void read_keys(const bj::array& a, const std::string& path, WaldoConfig& cfg, scenario::Problems& problems) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    Reader r(a[i], scenario::index_path(path, i), problems);
    if (!r.ok()) continue;
    KeyConfig k;
    k.api_key = r.string("apiKey", true).value_or("");
    k.client_secret = r.string("clientSecret", true).value_or("");
    k.revoked = r.boolean("revoked").value_or(false);
    if (auto services = r.strings("services")) {
      k.services = 0;
      for (std::size_t j = 0; j < services->size(); ++j) {
        const auto& s = (*services)[j];
        if (s == "*") {
          k.services = kAllServices;
          continue;
        }
        bool found = false;
        for (unsigned b = 0; b < static_cast<unsigned>(Service::Count); ++b) {
          if (service_name(static_cast<Service>(b)) == s) {
            k.services |= static_cast<ServiceMask>(1u << b);
            found = true;
          }
        }
        if (!found)
          problems.add(scenario::index_path(r.path_of("services"), j),
                       "\"" + s + "\" is not a service; use onboard, customer, history, check-fraud, document, flag or *");
      }
    }
    if (!k.api_key.empty() && cfg.find_key(k.api_key))
      r.error("apiKey", "duplicate key \"" + k.api_key + "\"");
    if (!k.api_key.empty()) cfg.keys.push_back(std::move(k));
  }
}

void read_customer(const bj::value& v, const std::string& path, WaldoConfig& cfg, scenario::Problems& problems) {
  Reader r(v, path, problems);
  if (!r.ok()) return;
  PresetCustomer pc;
  auto& d = pc.data;
  if (auto id = r.string("customerId")) {
    if (!is_hex24(*id)) r.error("customerId", "expected 24 lowercase hex characters, like 650c3ebe44aa0043cc846755");
    for (const auto& other : cfg.customers)
      if (other.data.customer_id == *id) r.error("customerId", "duplicate customerId " + *id);
    d.customer_id = *id;
  }
  d.first_name = r.string("firstName", true).value_or("");
  d.last_name = r.string("lastName", true).value_or("");
  d.email = r.string("email").value_or("");
  d.phone = r.string("phone").value_or("");
  d.dob = r.string("dob").value_or("");
  d.address = r.string("address").value_or("");
  d.city = r.string("city").value_or("");
  d.state = r.string("state").value_or("");
  d.zip_code = r.string("zipCode").value_or("");
  d.country = r.string("country").value_or("");
  d.entity_id = r.string("entityId").value_or("");
  d.external_id = r.string("externalId").value_or("");
  d.ip = r.string("ipAddress");
  d.created_at = r.integer("createdAt", 0, 253402300799999);
  if (const bj::value* oid = r.get("officialId")) {
    Reader o(*oid, r.path_of("officialId"), problems);
    if (o.ok()) {
      d.has_official_id = true;
      d.official_id.doc_type = o.string("docType").value_or("");
      d.official_id.value = o.string("value", true).value_or("");
      d.official_id.country = o.string("country").value_or("");
      d.official_id.format = o.string("format").value_or("");
    }
  }
  pc.flagged = r.boolean("flagged").value_or(false);
  if (const bj::value* val = r.get("validation")) {
    Reader vr(*val, r.path_of("validation"), problems);
    if (vr.ok()) {
      if (auto s = vr.one_of("status", {"APPROVED", "REJECTED", "REVIEW"})) pc.validation.status = *parse_status(*s);
      if (auto k = vr.one_of("kyc", {"PENDING", "PASSED", "REVIEW", "REJECTED"})) pc.validation.kyc = *parse_kyc(*k);
      if (auto sc = vr.number("fraudScore", 0, 1)) pc.validation.score = *sc;
      if (auto fc = vr.boolean("fraudCheck")) pc.validation.fraud_checked = *fc;
    }
  }
  if (const bj::value* o = r.get("outcomes")) pc.outcomes = read_script(*o, r.path_of("outcomes"), problems);
  cfg.customers.push_back(std::move(pc));
}

Word read_word(Reader& r, std::string_view key, Word def) {
  if (auto w = r.one_of(key, {"pass", "review", "reject", "warn", "fail"})) return *parse_word(*w);
  return def;
}

}  // namespace

std::shared_ptr<const WaldoConfig> load_config(const bj::value* section, scenario::Problems& problems) {
  auto cfg = std::make_shared<WaldoConfig>();
  if (!section) {
    cfg->keys = builtin_keys();
    return cfg;
  }
  Reader r(*section, "$.waldo", problems);
  if (!r.ok()) return cfg;
  if (const bj::array* keys = r.array("keys")) read_keys(*keys, r.path_of("keys"), *cfg, problems);
  else cfg->keys = builtin_keys();
  if (const bj::array* customers = r.array("customers")) {
    for (std::size_t i = 0; i < customers->size(); ++i)
      read_customer((*customers)[i], scenario::index_path(r.path_of("customers"), i), *cfg, problems);
  }
  if (const bj::object* scripts = r.object("scripts")) {
    for (const auto& kv : *scripts) {
      std::string p = scenario::child_path(r.path_of("scripts"), kv.key());
      cfg->scripts[std::string(kv.key())] = read_script(kv.value(), p, problems);
    }
  }
  if (const bj::value* delays = r.get("delays")) {
    Reader d(*delays, r.path_of("delays"), problems);
    if (auto v = d.integer("initiatedToInProgress", 0, 86400000)) cfg->delay_in_progress_ms = *v;
    if (auto v = d.integer("inProgressToCompleted", 0, 86400000)) cfg->delay_completed_ms = *v;
  }
  if (const bj::value* th = r.get("thresholds")) {
    Reader t(*th, r.path_of("thresholds"), problems);
    if (auto v = t.number("approve", 0, 1)) cfg->thresholds.approve = *v;
    if (auto v = t.number("reject", 0, 1)) cfg->thresholds.reject = *v;
    if (cfg->thresholds.reject > cfg->thresholds.approve)
      t.error("reject", "must not be above approve");
  }
  if (const bj::value* defs = r.get("defaultOutcomes")) {
    Reader d(*defs, r.path_of("defaultOutcomes"), problems);
    cfg->default_kyc = read_word(d, "kyc", Word::Pass);
    cfg->default_fraud = read_word(d, "fraud", Word::Pass);
    cfg->default_document = read_word(d, "document", Word::Pass);
  }
  if (auto ttl = r.integer("tokenTtlSeconds", 1, 31536000)) cfg->token_ttl_s = *ttl;
  if (auto mh = r.integer("maxHistory", 1, 1000000)) cfg->max_history = static_cast<std::size_t>(*mh);
  if (const bj::value* compat = r.get("compat")) {
    Reader c(*compat, r.path_of("compat"), problems);
    cfg->double_slash_uri = c.boolean("doubleSlashUri").value_or(false);
    cfg->require_country = c.boolean("requireCountry").value_or(true);
    cfg->authentication_alias = c.boolean("authenticationAlias").value_or(false);
    if (auto shape = c.one_of("warningTags", {"auto", "object", "array"}))
      cfg->tag_shape = *shape == "object" ? TagShape::Object : *shape == "array" ? TagShape::Array : TagShape::Auto;
  }
  return cfg;
}

}  // namespace fs::waldo
