#pragma once
// Fault rules: the scenario's `faults` array, validated and compiled. Pure logic (no locks, no
// network) so that matching and call-count selection are unit-tested directly; the module
// (faults_module.hpp) applies them to calls and webhook attempts.
#include "routing/message.hpp"
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fs::faults {

enum class Target : std::uint8_t { Api, Webhook };

// "/customer/*/history", "/fil/**": literal segments, `*` or `{name}` = exactly one segment,
// a final `**` = any number of segments (none included).
class PathPattern {
 public:
  // Returns an error message when `text` is not a valid pattern.
  static std::optional<std::string> compile(std::string_view text, PathPattern& out);
  bool matches(std::string_view path) const;
  // True when the pattern's first segment is literally `__sandbox` (the only way a rule reaches
  // the control API).
  bool names_sandbox() const { return !segments_.empty() && segments_[0] == "__sandbox"; }
  const std::string& text() const { return text_; }

 private:
  std::string text_ = "/**";
  std::vector<std::string> segments_;  // "*" = one segment
  bool rest_ = true;                   // ends with `**`
};

// `*` = any run of characters (empty too), `?` = one character; everything else literal.
bool glob_match(std::string_view pattern, std::string_view text);

struct Rule {
  std::string name;  // the rule's `name`, else "faults[i]"
  std::size_t index = 0;
  Target target = Target::Api;

  // --- which calls (API) or delivery attempts (webhook) the rule looks at
  std::string method;  // upper case; "" = any
  PathPattern path;
  std::string ns_glob;        // "" = every namespace
  std::string receiver_glob;  // webhook: "" = every receiver
  std::string event_glob;     // webhook: "" = every event type
  std::optional<std::int64_t> from_ms, until_ms;  // window on the namespace clock since creation/reset

  // --- which of those calls it fires on (all given conditions must hold)
  std::optional<std::int64_t> nth, every, first, after;
  std::optional<double> probability;

  // --- what it does
  std::optional<unsigned> status;
  std::optional<boost::json::value> body;
  routing::Headers headers;
  std::int64_t delay_ms = 0;
  bool drop = false;
  bool partial = false;

  bool matches_api(std::string_view method_upper, std::string_view path, std::string_view ns) const;
  bool matches_webhook(std::string_view receiver_url, std::string_view event_type, std::string_view ns) const;
  bool in_window(std::int64_t elapsed_ms) const {
    return (!from_ms || elapsed_ms >= *from_ms) && (!until_ms || elapsed_ms < *until_ms);
  }
  // Whether the rule fires on its `count`-th matching call (1-based), given the scenario's seed.
  bool selects(std::uint64_t count, std::uint64_t seed) const;
  // Does the handler still run (pure latency or a cut-off of the real answer)?
  bool passes_through() const { return !drop && !status; }
};

// A uniform draw in [0, 1) that depends only on (seed, rule index, count): each rule's sequence is
// reproducible and independent of the other rules and of the order calls hit them.
double draw(std::uint64_t seed, std::size_t rule_index, std::uint64_t count);

class FaultsSection : public scenario::Section {
 public:
  std::vector<Rule> rules;
  bool has_api = false;
  bool has_webhook = false;
};

// Validates `$.faults` (nullptr = absent) and reports every problem with its JSON path.
std::shared_ptr<FaultsSection> load_rules(const boost::json::value* section, scenario::Problems& problems);

}  // namespace fs::faults
