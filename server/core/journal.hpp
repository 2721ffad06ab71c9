#pragma once
// The request journal of one namespace: every API request with what it got, oldest first, bounded
// (oldest dropped and counted). It has its own small lock so that recording a reply never waits
// for, or deadlocks with, the namespace's state lock.
#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace fs {

struct JournalEntry {
  std::uint64_t seq = 0;
  std::int64_t time_ms = 0;      // namespace clock
  std::string method;
  std::string path;              // without the /ns/{name} prefix
  std::string query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;              // first kMaxBody bytes
  bool body_truncated = false;
  unsigned status = 0;
  std::int64_t duration_us = 0;
  std::vector<std::string> variants;  // documented variants the request used (legacy paths, ...)
  std::string fault;                  // the fault rule that answered, if any
};

struct JournalQuery {
  std::string method;      // exact, case-insensitive; empty = any
  std::string path;        // exact, or a prefix when it ends with '*'; empty = any
  std::size_t limit = 0;   // 0 = all; otherwise the newest `limit`, still oldest first
};

class Journal {
 public:
  static constexpr std::size_t kMaxBody = 64 * 1024;

  explicit Journal(std::size_t capacity) : capacity_(capacity) {}

  void record(JournalEntry e);
  boost::json::object to_json(const JournalQuery& q) const;
  std::size_t size() const;
  std::uint64_t dropped() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::deque<JournalEntry> entries_;
  std::uint64_t next_seq_ = 1;
  std::uint64_t dropped_ = 0;
};

}  // namespace fs
