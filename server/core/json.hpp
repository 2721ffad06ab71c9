#pragma once
// JSON helpers shared by every module: parsing with a clear error, and serialization that writes
// numbers the way the vendors' docs do (0.89, not Boost.JSON 1.81's 8.9E-1).
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace fs::json {

namespace bj = boost::json;

// Serializes `v` compactly; doubles use the shortest round-trip decimal form.
std::string write(const bj::value& v);
void write_to(std::string& out, const bj::value& v);
void write_string(std::string& out, std::string_view s);

struct ParseResult {
  std::optional<bj::value> value;
  std::string error;  // empty on success; otherwise "line L, column C: reason"
};

// Strict JSON (RFC 8259), as request bodies must be.
ParseResult parse(std::string_view text);
// JSON with comments and trailing commas, as scenario files may be.
ParseResult parse_relaxed(std::string_view text);

// Lookups that never throw: nullptr / nullopt when absent or of another type.
const bj::value* find(const bj::object& o, std::string_view key);
const bj::string* find_string(const bj::object& o, std::string_view key);
const bj::object* find_object(const bj::object& o, std::string_view key);
std::optional<bool> find_bool(const bj::object& o, std::string_view key);
std::optional<std::int64_t> find_int(const bj::object& o, std::string_view key);
std::optional<double> find_number(const bj::object& o, std::string_view key);

}  // namespace fs::json
