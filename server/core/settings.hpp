#pragma once
// Process-wide settings from the command line and environment (see CONTRACT.md). Read-only once
// the server runs.
#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fs {

enum class LogFormat { Text, Json, None };

struct Settings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::vector<std::string> scenarios;        // files or shipped names; empty = built-in default
  std::optional<ClockMode> clock;            // set = overrides the scenario's clock mode
  unsigned threads = 0;                      // 0 = number of cores
  std::string admin_token;                   // empty = control API open
  LogFormat log_format = LogFormat::Text;
  std::string webhook_url;                   // receiver for namespaces whose scenario sets none
  std::size_t max_namespaces = 1000;
  std::size_t journal_capacity = 10000;
  std::size_t max_retained = 100000;         // evaluations / issued FIL transactions per namespace
  std::int64_t read_timeout_ms = 30000;      // a request (headers and body) must arrive within this
  std::int64_t idle_timeout_ms = 60000;      // a keep-alive connection may idle this long
  std::int64_t shutdown_grace_ms = 3000;     // SIGTERM: in-flight requests and webhooks get this long
};

}  // namespace fs
