#pragma once
// Parsing scenario text (JSON with comments and trailing commas) with messages a person can act on:
// the line and column, and what is most likely wrong there ("a ',' is missing after line 2",
// "keys need double quotes"), instead of a bare "syntax error". Also finds duplicate keys, which
// a JSON parser silently resolves (the later one wins) and which are nearly always a mistake.
#include "scenario/problems.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace fs::scenario {

// The parsed document, or nullopt with every problem (syntax or duplicate key) added.
std::optional<boost::json::value> parse_scenario_text(std::string_view text, Problems& problems);

}  // namespace fs::scenario
