#include "app/config.hpp"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <thread>

namespace fs::app {

namespace {

struct Option {
  const char* flag;
  const char* env;  // nullptr: no env var
  const char* help;
  std::function<std::string(Settings&, const std::string&)> apply;  // returns an error or ""
};

template <class T>
bool parse_number(const std::string& s, T& out, T min, T max) {
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) return false;
  out = v;
  return true;
}

const std::vector<Option>& options() {
  static const std::vector<Option> list = {
      {"--host", "FRAUD_SANDBOX_HOST", "address to bind (default 127.0.0.1; 0.0.0.0 in the container)",
       [](Settings& s, const std::string& v) {
         s.host = v;
         return std::string();
       }},
      {"--port", "FRAUD_SANDBOX_PORT", "port (default 8080; 0 = any free port)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::uint16_t>(v, s.port, 0, 65535) ? "" : "must be a port number 0-65535";
       }},
      {"--scenario", "FRAUD_SANDBOX_SCENARIO", "scenario file or shipped name (repeatable; later ones override)",
       [](Settings& s, const std::string& v) {
         s.scenarios.push_back(v);
         return std::string();
       }},
      {"--clock", "FRAUD_SANDBOX_CLOCK", "real | manual (manual: time moves only via the control API)",
       [](Settings& s, const std::string& v) -> std::string {
         if (v == "real") s.clock = ClockMode::Real;
         else if (v == "manual") s.clock = ClockMode::Manual;
         else return "must be real or manual";
         return "";
       }},
      {"--threads", "FRAUD_SANDBOX_THREADS", "I/O threads (default: number of cores)",
       [](Settings& s, const std::string& v) {
         return parse_number<unsigned>(v, s.threads, 1, 256) ? "" : "must be 1-256";
       }},
      {"--admin-token", "FRAUD_SANDBOX_ADMIN_TOKEN", "if set, /__sandbox/* requires 'Authorization: Bearer T'",
       [](Settings& s, const std::string& v) {
         s.admin_token = v;
         return std::string();
       }},
      {"--log-format", "FRAUD_SANDBOX_LOG_FORMAT", "text | json | none (one line per request, on stderr)",
       [](Settings& s, const std::string& v) -> std::string {
         if (v == "text") s.log_format = LogFormat::Text;
         else if (v == "json") s.log_format = LogFormat::Json;
         else if (v == "none") s.log_format = LogFormat::None;
         else return "must be text, json or none";
         return "";
       }},
      {"--webhook", "FRAUD_SANDBOX_WEBHOOK_URL", "webhook receiver URL for every namespace that sets none",
       [](Settings& s, const std::string& v) -> std::string {
         if (v.rfind("http://", 0) != 0) return "must be an http:// URL";
         s.webhook_url = v;
         return "";
       }},
      {"--max-namespaces", "FRAUD_SANDBOX_MAX_NAMESPACES", "namespace limit (default 1000)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::size_t>(v, s.max_namespaces, 1, 1000000) ? "" : "must be 1-1000000";
       }},
      {"--journal-capacity", "FRAUD_SANDBOX_JOURNAL_CAPACITY", "request journal entries per namespace (default 10000)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::size_t>(v, s.journal_capacity, 1, 10000000) ? "" : "must be 1-10000000";
       }},
      {"--max-retained", "FRAUD_SANDBOX_MAX_RETAINED",
       "retained evaluations / FIL transactions per namespace (default 100000)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::size_t>(v, s.max_retained, 1, 100000000) ? "" : "must be 1-100000000";
       }},
      {"--read-timeout-ms", "FRAUD_SANDBOX_READ_TIMEOUT_MS", "a request must arrive within this (default 30000)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::int64_t>(v, s.read_timeout_ms, 1, 3600000) ? "" : "must be 1-3600000";
       }},
      {"--idle-timeout-ms", "FRAUD_SANDBOX_IDLE_TIMEOUT_MS", "keep-alive idle limit (default 60000)",
       [](Settings& s, const std::string& v) {
         return parse_number<std::int64_t>(v, s.idle_timeout_ms, 1, 3600000) ? "" : "must be 1-3600000";
       }},
  };
  return list;
}

const Option* find_option(const std::string& flag) {
  for (const auto& o : options())
    if (flag == o.flag) return &o;
  return nullptr;
}

}  // namespace

std::string usage() {
  std::string u =
      "fraud-sandbox: local emulator of the Waldo AI and FIL contribution-management APIs\n\n"
      "usage:\n"
      "  fraud-sandbox [options]            serve\n"
      "  fraud-sandbox validate FILE...     check scenario files (exit 0 valid, 1 problems)\n"
      "  fraud-sandbox healthcheck [opts]   GET /__sandbox/health on --host/--port (exit 0 on 200)\n"
      "  fraud-sandbox --help | --version\n\noptions (env var in brackets):\n";
  for (const auto& o : options()) {
    std::string flag = std::string(o.flag) + " V";
    u += "  " + flag + std::string(flag.size() < 22 ? 22 - flag.size() : 1, ' ') + o.help;
    if (o.env) u += " [" + std::string(o.env) + "]";
    u += "\n";
  }
  return u;
}

ParseOutcome parse_command_line(const std::vector<std::string>& args, const char* (*env)(const char*)) {
  ParseOutcome out;
  auto getenv_fn = env ? env : [](const char* n) -> const char* { return std::getenv(n); };
  Settings& s = out.cli.settings;
  // Env vars first, so options override them.
  for (const auto& o : options()) {
    if (!o.env) continue;
    if (const char* v = getenv_fn(o.env); v && *v) {
      if (auto err = o.apply(s, v); !err.empty()) {
        out.error = std::string(o.env) + "=" + v + ": " + err;
        return out;
      }
    }
  }
  bool scenario_from_cli = false;
  std::size_t i = 0;
  if (!args.empty() && (args[0] == "validate" || args[0] == "healthcheck")) {
    out.cli.command = args[0] == "validate" ? Command::Validate : Command::Healthcheck;
    i = 1;
  }
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.cli.command = Command::Help;
      return out;
    }
    if (a == "--version") {
      out.cli.command = Command::Version;
      return out;
    }
    if (out.cli.command == Command::Validate && a.rfind("--", 0) != 0) {
      out.cli.files.push_back(a);
      continue;
    }
    std::string flag = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      flag = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    const Option* o = find_option(flag);
    if (!o) {
      out.error = "unknown option '" + a + "'";
      return out;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        out.error = "option " + flag + " needs a value";
        return out;
      }
      value = args[++i];
    }
    if (flag == "--scenario" && !scenario_from_cli) {
      s.scenarios.clear();  // --scenario on the command line replaces the env var's
      scenario_from_cli = true;
    }
    if (auto err = o->apply(s, value); !err.empty()) {
      out.error = "option " + flag + " '" + value + "': " + err;
      return out;
    }
  }
  if (out.cli.command == Command::Validate && out.cli.files.empty()) out.error = "validate needs at least one FILE";
  if (s.threads == 0) s.threads = std::max(1u, std::thread::hardware_concurrency());
  return out;
}

}  // namespace fs::app
