#include "scenario/loader.hpp"

#include "core/json.hpp"
#include "scenario/json_text.hpp"
#include "scenario/reader.hpp"

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs::scenario {

namespace {

std::optional<std::int64_t> parse_iso_ms(std::string_view s);

ClockSettings read_clock(const bj::value* v, Problems& problems) {
  ClockSettings c;
  if (!v) return c;
  Reader r(*v, "$.clock", problems);
  if (auto mode = r.one_of("mode", {"real", "manual"})) c.mode = *mode == "real" ? ClockMode::Real : ClockMode::Manual;
  if (const bj::value* start = r.get("start")) {
    if (start->is_number()) {
      c.start_ms = r.integer("start", 0, 253402300799999);
    } else if (start->is_string()) {
      c.start_ms = parse_iso_ms(start->get_string());
      if (!c.start_ms)
        r.error("start", "expected epoch milliseconds or an ISO 8601 UTC time like \"2024-01-03T12:00:00Z\"");
    } else {
      r.error("start", "expected epoch milliseconds or an ISO 8601 UTC time, found " + std::string(kind_name(*start)));
    }
  }
  return c;
}

// "2024-01-03T12:00:00Z" or with .mmm fraction; UTC only (no offsets: scenario times should be exact).
std::optional<std::int64_t> parse_iso_ms(std::string_view s) {
  int y, mo, d, h, mi, sec, ms = 0;
  char z = 0;
  std::string str(s);
  int n = std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &sec, &ms, &z);
  if (n < 8) {
    ms = 0;
    n = std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z);
    if (n < 7) return std::nullopt;
  }
  if (z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= mo <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  std::int64_t days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
}

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string exe_dir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  return std::filesystem::path(buf).parent_path().string();
}

}  // namespace

std::string resolve_scenario(const std::string& spec) {
  namespace fsys = std::filesystem;
  std::error_code ec;
  if (fsys::is_regular_file(spec, ec)) return spec;
  if (spec.find('/') != std::string::npos) return "";
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("FRAUD_SANDBOX_SCENARIOS_DIR")) dirs.emplace_back(env);
  std::string here = exe_dir();
  dirs.push_back(here + "/../scenarios");
  dirs.push_back(here + "/scenarios");
  dirs.push_back("/usr/share/fraud-sandbox/scenarios");
  dirs.push_back("/scenarios");
  std::string file = spec.size() > 5 && spec.ends_with(".json") ? spec : spec + ".json";
  for (const auto& d : dirs) {
    std::string p = d + "/" + file;
    if (fsys::is_regular_file(p, ec)) return p;
  }
  return "";
}

void merge_into(bj::object& base, const bj::object& overlay) {
  for (const auto& kv : overlay) {
    auto* existing = base.if_contains(kv.key());
    if (existing && existing->is_object() && kv.value().is_object()) {
      merge_into(existing->get_object(), kv.value().get_object());
    } else {
      base[kv.key()] = kv.value();
    }
  }
}

LoadResult load_document(const bj::value& doc, const std::string& source, const Modules& modules) {
  Problems problems(source);
  if (!doc.is_object()) {
    problems.add("$", "a scenario is a JSON object ({\"name\": ..., \"faults\": [...]}), found " +
                          std::string(kind_name(doc)));
    return LoadResult{nullptr, problems.list()};
  }
  auto s = std::make_shared<Scenario>();
  s->source = source;
  s->sections.resize(modules.size());
  {
    Reader top(doc, "$", problems);
    if (top.ok()) {
      s->document = doc.get_object();
      s->name = top.string("name").value_or("");
      s->description = top.string("description").value_or("");
      s->clock = read_clock(top.get("clock"), problems);
      if (auto seed = top.integer("seed", 0, (std::int64_t{1} << 53))) s->seed = static_cast<std::uint64_t>(*seed);
      for (std::size_t slot = 0; slot < modules.size(); ++slot) {
        std::string_view key = modules[slot]->scenario_key();
        const bj::value* section = key.empty() ? nullptr : top.get(key);
        s->sections[slot] = modules[slot]->load_section(section, problems);
      }
      top.get("$schema");  // editors' schema hint is allowed
    }
  }
  LoadResult r;
  r.problems = problems.list();
  if (r.problems.empty()) r.scenario = std::move(s);
  return r;
}

LoadResult load_text(std::string_view text, const std::string& source, const Modules& modules) {
  Problems problems(source);
  auto parsed = parse_scenario_text(text, problems);
  if (!parsed) {
    LoadResult r;
    r.problems = problems.list();
    return r;
  }
  return load_document(*parsed, source, modules);
}

LoadResult load_default(const Modules& modules) {
  return load_text(default_scenario_text(), "built-in default", modules);
}

LoadResult load_files(const std::vector<std::string>& specs, const Modules& modules) {
  if (specs.empty()) return load_default(modules);
  LoadResult result;
  bj::object merged;
  std::string sources;
  for (const auto& spec : specs) {
    std::string text;
    std::string name = spec;
    if (spec == "default") {
      text = std::string(default_scenario_text());
      name = "built-in default";
    } else {
      std::string path = resolve_scenario(spec);
      std::string error = "no such file, and no shipped scenario of that name";
      std::optional<std::string> content;
      if (!path.empty()) content = read_file(path, error);
      if (!content) {
        result.problems.push_back(Problem{spec, "$", error});
        continue;
      }
      text = std::move(*content);
      name = path;
    }
    // Each file must be valid on its own, so that every message names the file it is about.
    LoadResult one = load_text(text, name, modules);
    if (!one.scenario) {
      result.problems.insert(result.problems.end(), one.problems.begin(), one.problems.end());
      continue;
    }
    merge_into(merged, one.scenario->document);
    sources += (sources.empty() ? "" : " + ") + name;
  }
  if (!result.problems.empty()) return result;
  return load_document(bj::value(std::move(merged)), sources, modules);
}

}  // namespace fs::scenario
