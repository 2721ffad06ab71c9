#pragma once
// The scenario's `webhooks` section and receiver definitions (also used by
// PUT /__sandbox/webhooks/receivers).
#include "crypto/crypto.hpp"
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fs::webhooks {

struct ReceiverSpec {
  std::string url;
  std::string secret;               // "" = unsigned
  std::vector<std::string> events;  // empty = every event type
};

struct Receiver {
  std::uint64_t rid = 0;  // unique within a namespace's lifetime: keys the ordering chains
  ReceiverSpec spec;
  crypto::Bytes key;      // HMAC key derived from the secret
  bool accepts(std::string_view event_type) const;
};

struct WebhooksSection : scenario::Section {
  static constexpr std::size_t kDefaultQueueCapacity = 10000;
  static constexpr std::size_t kDefaultRetained = 10000;

  bool receivers_set = false;  // the scenario has a non-empty `receivers` list
  std::vector<ReceiverSpec> receivers;
  std::vector<std::int64_t> retry_schedule_ms{500, 1000, 2000, 4000, 8000};
  std::int64_t timeout_ms = 5000;                       // per attempt: connect, then request + response
  std::size_t queue_capacity = kDefaultQueueCapacity;   // pending deliveries per namespace
  std::size_t retained = kDefaultRetained;              // finished deliveries kept for the control API
};

// Reads `webhooks` (null when absent: the defaults). Reports every problem.
std::shared_ptr<const WebhooksSection> read_section(const boost::json::value* v, scenario::Problems& problems);
// One receiver object at `path`; nullopt when it has problems (all reported).
std::optional<ReceiverSpec> read_receiver(const boost::json::value& v, const std::string& path,
                                          scenario::Problems& problems);

}  // namespace fs::webhooks
