#include "faults/rules.hpp"

#include "scenario/reader.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace fs::faults {

namespace bj = boost::json;
using scenario::Reader;

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

bool valid_ns_glob(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '*' || c == '?';
  });
}

bool valid_header_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

}  // namespace

std::optional<std::string> PathPattern::compile(std::string_view text, PathPattern& out) {
  out = PathPattern();
  out.text_ = std::string(text);
  out.rest_ = false;
  if (text.empty() || text.front() != '/')
    return "a path pattern starts with '/' (\"/customer/*\", \"/fil/**\"), found \"" + std::string(text) + "\"";
  if (text.find_first_of("?#") != std::string_view::npos)
    return "a path pattern matches the path only, without a query or fragment";
  if (text.size() > 1 && text.find("//") != std::string_view::npos) return "empty segment (\"//\") in the path pattern";
  auto segs = split_path(text);
  for (std::size_t i = 0; i < segs.size(); ++i) {
    std::string_view s = segs[i];
    if (s == "**") {
      if (i + 1 != segs.size())
        return "\"**\" matches the rest of the path, so it can only be the last segment";
      out.rest_ = true;
      continue;
    }
    if (s.find_first_of("()[]^$+|\\") != std::string_view::npos)
      return "segment \"" + std::string(s) +
             "\" looks like a regular expression; patterns use \"*\" for one segment and \"**\" for the rest";
    if (s.front() == '{' || s.back() == '}' || s.find_first_of("{}") != std::string_view::npos) {
      if (s.size() < 3 || s.front() != '{' || s.back() != '}' || s.substr(1, s.size() - 2).find_first_of("{}*") != std::string_view::npos)
        return "segment \"" + std::string(s) + "\": a parameter is a whole segment like \"{customerId}\"";
      out.segments_.emplace_back("*");
      continue;
    }
    if (s != "*" && s.find('*') != std::string_view::npos)
      return "segment \"" + std::string(s) + "\": \"*\" stands for a whole segment (\"/customer/*\"), not part of one";
    out.segments_.emplace_back(s);
  }
  return std::nullopt;
}

bool PathPattern::matches(std::string_view path) const {
  auto segs = split_path(path);
  if (segs.size() < segments_.size()) return false;
  if (!rest_ && segs.size() != segments_.size()) return false;
  for (std::size_t i = 0; i < segments_.size(); ++i)
    if (segments_[i] != "*" && segments_[i] != segs[i]) return false;
  return true;
}

bool glob_match(std::string_view p, std::string_view t) {
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

double draw(std::uint64_t seed, std::size_t rule_index, std::uint64_t count) {
  std::uint64_t x = splitmix64(seed);
  x = splitmix64(x ^ (static_cast<std::uint64_t>(rule_index) + 1) * 0xD6E8FEB86659FD93ULL);
  x = splitmix64(x ^ count);
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

bool Rule::matches_api(std::string_view method_upper, std::string_view p, std::string_view ns) const {
  if (target != Target::Api) return false;
  if (!method.empty() && method != method_upper) return false;
  if (!ns_glob.empty() && !glob_match(ns_glob, ns)) return false;
  auto segs = split_path(p);
  if (!segs.empty() && segs[0] == "__sandbox" && !path.names_sandbox()) return false;
  return path.matches(p);
}

bool Rule::matches_webhook(std::string_view receiver_url, std::string_view event_type, std::string_view ns) const {
  if (target != Target::Webhook) return false;
  if (!ns_glob.empty() && !glob_match(ns_glob, ns)) return false;
  if (!receiver_glob.empty() && !glob_match(receiver_glob, receiver_url)) return false;
  if (!event_glob.empty() && !glob_match(event_glob, event_type)) return false;
  return true;
}

bool Rule::selects(std::uint64_t count, std::uint64_t seed) const {
  auto n = static_cast<std::int64_t>(count);
  if (nth && n != *nth) return false;
  if (every && n % *every != 0) return false;
  if (first && n > *first) return false;
  if (after && n <= *after) return false;
  if (probability && !(draw(seed, index, count) < *probability)) return false;
  return true;
}

namespace {

void load_rule(const bj::value& v, std::size_t i, Rule& rule, scenario::Problems& problems,
               std::map<std::string, std::string>& names) {
  std::string path = scenario::index_path("$.faults", i);
  Reader r(v, path, problems);
  rule.index = i;
  rule.name = "faults[" + std::to_string(i) + "]";
  if (!r.ok()) return;

  if (auto name = r.string("name")) {
    if (name->empty()) {
      r.error("name", "must not be empty");
    } else if (auto it = names.find(*name); it != names.end()) {
      r.error("name", "\"" + *name + "\" is already the name of " + it->second);
    } else {
      names.emplace(*name, path);
      rule.name = *name;
    }
  }
  if (auto t = r.one_of("target", {"api", "webhook"})) rule.target = *t == "webhook" ? Target::Webhook : Target::Api;
  const bool api = rule.target == Target::Api;
  auto only = [&](std::string_view key, bool for_api) {
    if (r.get(key) && api != for_api)
      r.error(key, for_api ? "only for API rules; webhook rules match \"receiver\" and \"event\""
                           : "only for webhook rules (\"target\": \"webhook\")");
  };

  // Match.
  if (auto m = r.string("method")) {
    std::string up = *m;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    bool known = up == "*" || up == "ANY" || std::find(std::begin(kMethods), std::end(kMethods), up) != std::end(kMethods);
    if (!known) {
      std::vector<std::string> cands(std::begin(kMethods), std::end(kMethods));
      std::string msg = "\"" + *m + "\" is not an HTTP method: use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS or \"*\"";
      if (auto near = scenario::did_you_mean(up, cands); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
      r.error("method", msg);
    } else if (up != "*" && up != "ANY") {
      rule.method = up;
    }
  }
  only("method", true);
  if (auto p = r.string("path")) {
    if (auto err = PathPattern::compile(*p, rule.path)) r.error("path", *err);
  }
  only("path", true);
  if (auto ns = r.string("namespace")) {
    if (!valid_ns_glob(*ns))
      r.error("namespace", "\"" + *ns + "\" is not a namespace name or pattern (1-64 of A-Z a-z 0-9 _ . - plus * and ?)");
    else
      rule.ns_glob = *ns;
  }
  if (auto rcv = r.string("receiver")) {
    if (rcv->empty()) r.error("receiver", "must not be empty (leave it out to match every receiver)");
    rule.receiver_glob = *rcv;
  }
  only("receiver", false);
  if (auto ev = r.string("event")) {
    if (ev->empty()) r.error("event", "must not be empty (leave it out to match every event)");
    rule.event_glob = *ev;
  }
  only("event", false);
  rule.from_ms = r.integer("from_ms", 0, INT64_C(1) << 50);
  rule.until_ms = r.integer("until_ms", 1, INT64_C(1) << 50);
  if (rule.from_ms && rule.until_ms && *rule.until_ms <= *rule.from_ms)
    r.error("until_ms", "must be greater than from_ms (" + std::to_string(*rule.from_ms) + ")");

  // Selection.
  rule.nth = r.integer("nth", 1, INT64_C(1) << 50);
  rule.every = r.integer("every", 1, INT64_C(1) << 50);
  rule.first = r.integer("first", 1, INT64_C(1) << 50);
  rule.after = r.integer("after", 0, INT64_C(1) << 50);
  rule.probability = r.number("probability", 0.0, 1.0);
  if (rule.nth && rule.first && *rule.nth > *rule.first)
    r.error("nth", "never fires: call " + std::to_string(*rule.nth) + " is not among the first " + std::to_string(*rule.first));
  if (rule.nth && rule.after && *rule.nth <= *rule.after)
    r.error("nth", "never fires: call " + std::to_string(*rule.nth) + " is not after call " + std::to_string(*rule.after));
  if (rule.first && rule.after && *rule.first <= *rule.after)
    r.error("first", "never fires: no call is among the first " + std::to_string(*rule.first) + " and after call " +
                         std::to_string(*rule.after));

  // Action.
  if (auto st = r.integer("status", 100, 599)) rule.status = static_cast<unsigned>(*st);
  if (const bj::value* b = r.get("body")) rule.body = *b;
  only("body", true);
  if (const bj::object* h = r.object("headers")) {
    for (const auto& kv : *h) {
      std::string hp = scenario::child_path(r.path_of("headers"), kv.key());
      if (!valid_header_name(kv.key())) {
        problems.add(hp, "\"" + std::string(kv.key()) + "\" is not a valid header name");
      } else if (!kv.value().is_string()) {
        problems.add(hp, "expected a string, found " + std::string(scenario::kind_name(kv.value())));
      } else {
        rule.headers.push_back({std::string(kv.key()), std::string(kv.value().get_string())});
      }
    }
  }
  only("headers", true);
  if (auto d = r.integer("delay_ms", 0, 3600000)) rule.delay_ms = *d;
  if (auto d = r.boolean("drop")) rule.drop = *d;
  if (auto p = r.boolean("partial")) rule.partial = *p;
  only("partial", true);

  const bool has_status = r.get("status") != nullptr;
  const bool has_delay = r.get("delay_ms") != nullptr;
  const bool has_drop = r.get("drop") != nullptr && r.get("drop")->is_bool() && r.get("drop")->get_bool();
  const bool has_partial = r.get("partial") != nullptr && r.get("partial")->is_bool() && r.get("partial")->get_bool();
  if (!has_status && !has_delay && !has_drop && !has_partial) {
    problems.add(path, api ? "no action: give at least one of \"status\", \"delay_ms\", \"drop\": true, \"partial\": true"
                           : "no action: give at least one of \"status\", \"delay_ms\", \"drop\": true");
    return;
  }
  if (has_drop) {
    if (has_status) r.error("status", "\"drop\": true closes the connection without an answer, so no status is sent");
    if (has_partial) r.error("partial", "\"drop\": true sends nothing, so there is nothing to cut off");
  } else if (api && !has_status) {
    if (r.get("body")) r.error("body", "a body needs a \"status\" (without one, the normal handler answers)");
    if (r.get("headers")) r.error("headers", "headers need a \"status\" (without one, the normal handler answers)");
  }
}

}  // namespace

std::shared_ptr<FaultsSection> load_rules(const bj::value* section, scenario::Problems& problems) {
  auto out = std::make_shared<FaultsSection>();
  if (!section) return out;
  const bj::array* rules = section->if_array();
  if (!rules) {
    problems.add("$.faults", "expected an array of fault rules, found " + std::string(scenario::kind_name(*section)));
    return out;
  }
  std::map<std::string, std::string> names;
  out->rules.resize(rules->size());
  for (std::size_t i = 0; i < rules->size(); ++i) {
    load_rule((*rules)[i], i, out->rules[i], problems, names);
    (out->rules[i].target == Target::Api ? out->has_api : out->has_webhook) = true;
  }
  return out;
}

}  // namespace fs::faults
