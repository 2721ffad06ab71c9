// The scenario's "fil" section, parsed and validated (every problem reported with its JSON path).
// Keys are documented in docs/fil.md ("Scenario keys").
#pragma once

#include "fil/model.hpp"
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"

#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fs::fil {

using RewardsTable = std::array<std::array<std::int64_t, kFraudTypeCount>, kPeerTypeCount>;

struct PeerConfig {
  std::string id;  // the domain
  std::size_t type = 1;  // index into kPeerTypes (MEDIUM_TELCO)
  std::int64_t balance = 1000;
  std::string subscription = "FREEMIUM";  // TRIAL | FREEMIUM | PREMIUM (PREMIUM downloads for free)
  std::string company_name;
  std::string operating_country;
  std::string group = "Group1";
  bool privileged = false;
};

struct UserConfig {
  std::string email;
  std::string account_id;  // name@domain; the domain is the user's peer
  std::array<std::uint8_t, 32> auth_key{};
  std::array<std::uint8_t, 32> blockchain_key{};
  std::string role = "ROLE_PEER";
  std::string first_name, last_name, phone_number, role_name;
  std::string status = "ACTIVE";
};

struct ContributionConfig {
  std::string id;           // normalized fraud id
  std::size_t fraud_type = 0;
  std::string origination, destination;
  std::string account_id;   // owner
  std::string status = "Active";  // Active | Flagged
  std::optional<std::int64_t> timestamp_ms;  // default: when the namespace starts
  std::optional<std::int64_t> expiry_s;      // default: timestamp + 30 days (IRSF 90)
  std::optional<std::string> definition_id;  // default: <id>_<timestamp ms>#contribution
  std::optional<std::string> source_peer_id;
  std::optional<double> confidence_index;
  bool privileged = false;
  std::optional<std::string> flagger;
};

struct FilSection : scenario::Section {
  bool strict = false;
  std::int64_t access_ttl_s = 300;
  std::int64_t refresh_ttl_s = 86400;
  std::int64_t transaction_ttl_ms = 86'400'000;
  std::size_t max_entries = 5000;
  std::int64_t price = 1;
  std::int64_t confidence_index_price = 2;
  RewardsTable rewards{};  // every cell 10 unless the scenario says otherwise
  std::int64_t peer_limit = 1'000'000'000;
  std::int64_t limit_period_s = 30LL * 86400;
  std::string balance_definition_id = "credit#admin";
  std::optional<std::array<std::uint8_t, 32>> jwt_seed;  // default: random per namespace
  std::vector<PeerConfig> peers;
  std::vector<UserConfig> users;
  std::vector<ContributionConfig> contributions;
};

std::shared_ptr<const FilSection> load_fil_section(const boost::json::value* section, scenario::Problems& problems);

// A 32-byte public key as 64 hex characters, optionally prefixed with the multihash "ed0120".
std::optional<std::array<std::uint8_t, 32>> parse_key_hex(std::string_view text, bool* had_multihash = nullptr);

}  // namespace fs::fil
