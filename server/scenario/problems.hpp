#pragma once
// Problems found in a scenario document, each as "FILE: $.json.path: what is wrong". Loaders
// collect all of them instead of stopping at the first.
#include <string>
#include <vector>

namespace fs::scenario {

struct Problem {
  std::string file;
  std::string path;     // $.waldo.keys[0].apiKey
  std::string message;  // what is wrong, and the fix where there is one
  std::string text() const { return file + ": " + path + ": " + message; }
};

class Problems {
 public:
  explicit Problems(std::string file = "scenario") : file_(std::move(file)) {}
  void add(std::string path, std::string message) {
    list_.push_back(Problem{file_, std::move(path), std::move(message)});
  }
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Problem>& list() const { return list_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Problem> list_;
};

}  // namespace fs::scenario
