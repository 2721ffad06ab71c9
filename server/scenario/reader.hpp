#pragma once
// Walks one JSON object of a scenario and reports every problem with its JSON path. Each getter
// both reads a key and declares it known; finish() then reports the keys nobody asked for, with a
// did-you-mean suggestion.
#include "scenario/problems.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fs::scenario {

namespace bj = boost::json;

std::string child_path(std::string_view parent, std::string_view key);
std::string index_path(std::string_view parent, std::size_t index);
std::string_view kind_name(const bj::value& v);
// The closest of `candidates` to `word` if it is close enough to be a typo, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

class Reader {
 public:
  // Reports "expected an object" when `v` is not one; getters then return nothing.
  Reader(const bj::value& v, std::string path, Problems& problems);
  ~Reader() { finish(); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool ok() const { return obj_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return child_path(path_, key); }
  Problems& problems() { return problems_; }

  const bj::value* get(std::string_view key, bool required = false);
  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                      bool required = false);
  std::optional<double> number(std::string_view key, double min, double max, bool required = false);
  std::optional<std::string> one_of(std::string_view key, std::initializer_list<std::string_view> allowed,
                                    bool required = false);
  const bj::array* array(std::string_view key, bool required = false);
  const bj::object* object(std::string_view key, bool required = false);
  // A list of strings (e.g. permitted services); nullopt when absent or broken.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false);

  void error(std::string_view key, std::string message) { problems_.add(path_of(key), std::move(message)); }
  // Reports unknown keys once; runs from the destructor too.
  void finish();

 private:
  const bj::object* obj_ = nullptr;
  std::string path_;
  Problems& problems_;
  std::vector<std::string> known_;
  bool finished_ = false;
};

}  // namespace fs::scenario
