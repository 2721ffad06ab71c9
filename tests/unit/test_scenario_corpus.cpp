// The broken-scenario corpus (tests/data/broken): every file loads without crashing and yields
// exactly its expected problems, each as "FILE: $.path: reason"; the shipped scenarios load clean;
// and a bounded mutation run over the corpus never crashes the loader.
#include "app/modules.hpp"
#include "faults/rules.hpp"
#include "scenario/loader.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace fsys = std::filesystem;
using namespace fs;

namespace {

// The app's own modules, so every top-level key is known.
scenario::Modules all_modules() { return app::make_modules(); }

std::string slurp(const fsys::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

std::vector<fsys::path> corpus() {
  std::vector<fsys::path> files;
  for (const auto& e : fsys::directory_iterator(FS_TEST_DATA_DIR "/broken"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("scenario corpus: at least 30 broken files - each with its expected problems") {
  auto files = corpus();
  CHECK(files.size() >= 30);
  auto modules = all_modules();
  for (const auto& file : files) {
    fsys::path expected_file = file;
    expected_file.replace_extension(".expected");
    REQUIRE_MESSAGE(fsys::exists(expected_file), (expected_file.string() + " is missing"));
    auto expected = lines_of(slurp(expected_file));
    auto result = scenario::load_files({file.string()}, modules);
    CAPTURE(file.filename().string());
    CHECK_MESSAGE(result.scenario == nullptr, "a broken file loaded");
    std::string all;
    for (const auto& p : result.problems) all += "  " + p.text() + "\n";
    CAPTURE(all);
    CHECK(result.problems.size() == expected.size());
    for (const auto& line : expected) {
      // "FILE: " followed by the expected start of "$.path: reason".
      std::string want = file.string() + ": " + line;
      bool found = std::any_of(result.problems.begin(), result.problems.end(),
                               [&](const scenario::Problem& p) { return p.text().rfind(want, 0) == 0; });
      CHECK_MESSAGE(found, ("expected: " + want));
    }
  }
}

TEST_CASE("scenario corpus: every shipped scenario loads without problems") {
  auto modules = all_modules();
  int count = 0;
  for (const auto& e : fsys::directory_iterator(FS_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".json" || e.path().filename() == "scenario.schema.json") continue;
    ++count;
    auto r = scenario::load_files({e.path().string()}, modules);
    std::string all;
    for (const auto& p : r.problems) all += p.text() + "\n";
    CHECK_MESSAGE(r.scenario != nullptr, all);
  }
  CHECK(count >= 2);
  CHECK(scenario::load_default(modules).scenario != nullptr);
}

TEST_CASE("scenario corpus: later files override earlier ones - objects merge and arrays are replaced") {
  auto modules = all_modules();
  auto dir = fsys::temp_directory_path() / ("fs-merge-" + std::to_string(std::random_device{}()));
  fsys::create_directories(dir);
  std::ofstream(dir / "a.json") << R"({"name": "a", "seed": 1, "clock": {"mode": "manual", "start": 1000},
    "faults": [{"name": "one", "path": "/a", "status": 500}, {"name": "two", "path": "/b", "status": 500}]})";
  std::ofstream(dir / "b.json") << R"({"name": "b", "clock": {"start": 2000}, "faults": [{"name": "three", "path": "/c", "delay_ms": 5}]})";
  auto r = scenario::load_files({(dir / "a.json").string(), (dir / "b.json").string()}, modules);
  REQUIRE(r.scenario);
  CHECK(r.scenario->name == "b");
  CHECK(r.scenario->seed == 1);
  CHECK(r.scenario->clock.mode == ClockMode::Manual);  // kept from a.json
  CHECK(r.scenario->clock.start_ms == 2000);            // replaced by b.json
  const auto& rules = r.scenario->section<fs::faults::FaultsSection>(1).rules;
  REQUIRE(rules.size() == 1);  // the array was replaced, not appended to
  CHECK(rules[0].name == "three");
  fsys::remove_all(dir);
}

TEST_CASE("scenario corpus: a bounded mutation run never crashes the loader") {
  auto modules = all_modules();
  std::mt19937 rng(20240103);
  std::vector<std::string> seeds;
  for (const auto& f : corpus()) seeds.push_back(slurp(f));
  seeds.push_back(R"({"seed":3,"clock":{"mode":"manual","start":"2024-01-03T12:00:00.250Z"},"faults":[
    {"name":"w","target":"webhook","receiver":"http://*","event":"flag","nth":2,"delay_ms":5000},
    {"method":"POST","path":"/customer/{id}/**","namespace":"t-*","every":2,"probability":0.5,"status":503,"body":"x"}]})");
  const std::string alphabet = "{}[]\",:/*\\ \n0123456789.-+eEtruefalsn";
  std::size_t loaded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = seeds[rng() % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0: s[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: s.erase(at, 1 + rng() % 8); break;
        case 2: s.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        case 3: s.resize(at); break;
      }
    }
    auto r = scenario::load_text(s, "mutant.json", modules);
    if (r.scenario) ++loaded;
    for (const auto& p : r.problems) {
      REQUIRE(!p.path.empty());
      REQUIRE(p.path[0] == '$');
      REQUIRE(!p.message.empty());
    }
  }
  CHECK(loaded < 3000);
  // Deep nesting is refused, not recursed into.
  auto deep = scenario::load_text(std::string(100000, '[') + std::string(100000, ']'), "deep.json", modules);
  CHECK(deep.scenario == nullptr);
}

namespace {

// The keys the loader knows at `path`, read from its "unknown key" message for a nonsense key.
std::set<std::string> loader_keys(const std::string& doc_with_nonsense, const std::string& path) {
  auto modules = all_modules();
  auto r = scenario::load_text(doc_with_nonsense, "keys.json", modules);
  std::set<std::string> out;
  for (const auto& p : r.problems) {
    if (p.path != path + ".zzzzzzzzzzzzzzzzzzzzzzzz") continue;
    auto at = p.message.find("known keys here: ");
    REQUIRE(at != std::string::npos);
    std::istringstream list(p.message.substr(at + 17));
    for (std::string k; std::getline(list, k, ',');) out.insert(k.substr(k.find_first_not_of(' ')));
  }
  return out;
}

std::set<std::string> schema_keys(const boost::json::object& o) {
  std::set<std::string> out;
  for (const auto& kv : o.at("properties").as_object()) out.insert(std::string(kv.key()));
  return out;
}

}  // namespace

TEST_CASE("scenario schema: names exactly the keys the loader knows - top level and fault rules") {
  auto text = slurp(FS_SOURCE_DIR "/scenarios/scenario.schema.json");
  auto schema = boost::json::parse(text).as_object();
  CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema_keys(schema) == loader_keys(R"({"zzzzzzzzzzzzzzzzzzzzzzzz": 1})", "$"));
  const auto& defs = schema.at("$defs").as_object();
  CHECK(schema_keys(defs.at("faultRule").as_object()) ==
        loader_keys(R"({"faults": [{"zzzzzzzzzzzzzzzzzzzzzzzz": 1, "status": 500}]})", "$.faults[0]"));
  CHECK(schema_keys(defs.at("clock").as_object()) == loader_keys(R"({"clock": {"zzzzzzzzzzzzzzzzzzzzzzzz": 1}})", "$.clock"));
  for (const char* section : {"waldo", "fil", "webhooks"}) {
    CAPTURE(section);
    CHECK(schema_keys(defs.at(section).as_object()) ==
          loader_keys(std::string(R"({")") + section + R"(": {"zzzzzzzzzzzzzzzzzzzzzzzz": 1}})", std::string("$.") + section));
  }
}
