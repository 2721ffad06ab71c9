#include "scenario/reader.hpp"

#include "core/json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace fs::scenario {

namespace {

bool plain_identifier(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string child_path(std::string_view parent, std::string_view key) {
  std::string p(parent);
  if (plain_identifier(key)) {
    p += '.';
    p += key;
  } else {
    p += "[\"";
    p += key;
    p += "\"]";
  }
  return p;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string_view kind_name(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = SIZE_MAX;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  return best_d <= allowed ? best : std::string();
}

Reader::Reader(const bj::value& v, std::string path, Problems& problems)
    : path_(std::move(path)), problems_(problems) {
  obj_ = v.if_object();
  if (!obj_) {
    problems_.add(path_, "expected an object, found " + std::string(kind_name(v)));
    finished_ = true;
  }
}

const bj::value* Reader::get(std::string_view key, bool required) {
  known_.emplace_back(key);
  if (!obj_) return nullptr;
  const bj::value* v = obj_->if_contains(key);
  if (!v && required) problems_.add(path_of(key), "is required");
  return v;
}

std::optional<std::string> Reader::string(std::string_view key, bool required) {
  const bj::value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(key, "expected a string, found " + std::string(kind_name(*v)));
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<bool> Reader::boolean(std::string_view key, bool required) {
  const bj::value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    error(key, "expected true or false, found " + std::string(kind_name(*v)));
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<double> Reader::number(std::string_view key, double min, double max, bool required) {
  const bj::value* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(key, "expected a number, found " + std::string(kind_name(*v)));
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    error(key, "must be between " + fs::json::write(min) + " and " + fs::json::write(max) + ", found " +
                   fs::json::write(d));
    return std::nullopt;
  }
  return d;
}

std::optional<std::int64_t> Reader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                            bool required) {
  const bj::value* v = get(key, required);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(v->get_uint64());
  else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() && std::abs(v->get_double()) < 9e15)
    n = static_cast<std::int64_t>(v->get_double());
  if (!n) {
    error(key, "expected a whole number, found " + (v->is_number() ? fs::json::write(*v) : std::string(kind_name(*v))));
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", found " +
                   std::to_string(*n));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> Reader::one_of(std::string_view key, std::initializer_list<std::string_view> allowed,
                                          bool required) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  for (auto a : allowed)
    if (a == *s) return s;
  std::string list;
  std::vector<std::string> candidates;
  for (auto a : allowed) {
    if (!list.empty()) list += ", ";
    list += '"';
    list += a;
    list += '"';
    candidates.emplace_back(a);
  }
  std::string msg = "\"" + *s + "\" is not one of " + list;
  if (auto near = did_you_mean(*s, candidates); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
  error(key, msg);
  return std::nullopt;
}

const bj::array* Reader::array(std::string_view key, bool required) {
  const bj::value* v = get(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    error(key, "expected an array, found " + std::string(kind_name(*v)));
    return nullptr;
  }
  return &v->get_array();
}

const bj::object* Reader::object(std::string_view key, bool required) {
  const bj::value* v = get(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    error(key, "expected an object, found " + std::string(kind_name(*v)));
    return nullptr;
  }
  return &v->get_object();
}

std::optional<std::vector<std::string>> Reader::strings(std::string_view key, bool required) {
  const bj::array* a = array(key, required);
  if (!a) return std::nullopt;
  std::vector<std::string> out;
  bool good = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_string()) {
      problems_.add(index_path(path_of(key), i), "expected a string, found " + std::string(kind_name((*a)[i])));
      good = false;
      continue;
    }
    out.emplace_back((*a)[i].get_string());
  }
  if (!good) return std::nullopt;
  return out;
}

void Reader::finish() {
  if (finished_) return;
  finished_ = true;
  for (const auto& kv : *obj_) {
    std::string_view k = kv.key();
    if (std::find(known_.begin(), known_.end(), k) != known_.end()) continue;
    std::string msg = "unknown key \"" + std::string(k) + "\"";
    if (auto near = did_you_mean(k, known_); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
    else if (!known_.empty()) {
      msg += "; known keys here: ";
      for (std::size_t i = 0; i < known_.size(); ++i) msg += (i ? ", " : "") + known_[i];
    }
    problems_.add(path_of(k), msg);
  }
}

}  // namespace fs::scenario
