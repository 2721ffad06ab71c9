#pragma once
// Loads scenario documents: JSON with comments and trailing commas, checked key by key, reporting
// every problem at once as "FILE: $.path: what is wrong". Startup, `fraud-sandbox validate` and
// PUT /__sandbox/scenario all go through here.
#include "core/module.hpp"
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fs::scenario {

using Modules = std::vector<std::unique_ptr<Module>>;

struct LoadResult {
  std::shared_ptr<const Scenario> scenario;  // null when there were problems
  std::vector<Problem> problems;
};

std::string_view default_scenario_text();  // scenarios/default.json, embedded at build time

LoadResult load_document(const boost::json::value& doc, const std::string& source, const Modules& modules);
LoadResult load_text(std::string_view text, const std::string& source, const Modules& modules);
// Files or shipped scenario names ("default", "fraud-detected"); later ones override earlier ones:
// objects merge key by key, anything else (arrays included) is replaced.
LoadResult load_files(const std::vector<std::string>& specs, const Modules& modules);
LoadResult load_default(const Modules& modules);

// Where a shipped scenario name points ("" when there is no such scenario).
std::string resolve_scenario(const std::string& spec);
void merge_into(boost::json::object& base, const boost::json::object& overlay);

}  // namespace fs::scenario
