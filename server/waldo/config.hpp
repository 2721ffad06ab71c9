#pragma once
// The scenario's `waldo` section, typed and validated (docs/waldo.md lists every key).
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"
#include "waldo/outcomes.hpp"

#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs::waldo {

// The protected endpoints, as named in a key's `services` list.
enum class Service : std::uint8_t { Onboard, Customer, History, CheckFraud, Document, Flag, Count };
std::string_view service_name(Service s);
using ServiceMask = std::uint8_t;
inline constexpr ServiceMask kAllServices = 0x3F;

struct KeyConfig {
  std::string api_key;
  std::string client_secret;
  bool revoked = false;
  ServiceMask services = kAllServices;
};

struct OfficialId {
  std::string doc_type, value, country, format;
};

// Customer fields as stored (onboarding or a preset).
struct CustomerData {
  std::string customer_id;  // preset may fix it; else generated
  std::string first_name, last_name, email, phone, dob, address, city, state, zip_code, country;
  std::string entity_id, external_id;
  OfficialId official_id;
  bool has_official_id = false;
  std::optional<std::string> ip;  // ipAddress as sent
  std::optional<std::int64_t> created_at;
};

using Script = std::vector<ScriptedOutcome>;

struct PresetCustomer {
  CustomerData data;
  Validation validation;
  bool flagged = false;
  std::shared_ptr<const Script> outcomes;
};

struct WaldoConfig : scenario::Section {
  std::vector<KeyConfig> keys;
  std::vector<PresetCustomer> customers;
  std::unordered_map<std::string, std::shared_ptr<const Script>> scripts;  // by externalId
  std::int64_t delay_in_progress_ms = 200;
  std::int64_t delay_completed_ms = 1000;
  Thresholds thresholds;
  // Default outcome word per evaluation family when neither a suffix nor a script decides.
  Word default_kyc = Word::Pass, default_fraud = Word::Pass, default_document = Word::Pass;
  std::int64_t token_ttl_s = 3600;
  std::size_t max_history = 1000;  // entries per customer and history kind
  // §8 switches.
  bool double_slash_uri = false;      // §8.3: fraud completion uri with `customers//id`
  bool require_country = true;        // §8.4
  TagShape tag_shape = TagShape::Auto;  // §8.11
  bool authentication_alias = false;  // §8.6: also serve POST /authentication

  const KeyConfig* find_key(std::string_view api_key) const;
};

// The built-in key pairs (CONTRACT.md), used when a section has no `keys`.
std::vector<KeyConfig> builtin_keys();

std::shared_ptr<const WaldoConfig> load_config(const boost::json::value* section, scenario::Problems& problems);

}  // namespace fs::waldo
