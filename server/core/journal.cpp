#include "core/journal.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace fs {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool path_matches(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return true;
  if (pattern.back() == '*') return path.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
  return pattern == path;
}

boost::json::object entry_json(const JournalEntry& e) {
  boost::json::object headers;
  for (const auto& [k, v] : e.headers) headers[k] = v;
  boost::json::array variants;
  for (const auto& v : e.variants) variants.emplace_back(v);
  boost::json::object o;
  o["seq"] = e.seq;
  o["time"] = e.time_ms;     // CONTRACT.md's name: namespace clock, epoch ms
  o["time_ms"] = e.time_ms;  // the same, named like every other *_ms field
  o["method"] = e.method;
  o["path"] = e.path;
  o["query"] = e.query;
  o["headers"] = std::move(headers);
  o["body"] = e.body;
  if (e.body_truncated) o["body_truncated"] = true;
  o["status"] = e.status;
  o["duration_us"] = e.duration_us;
  o["variants"] = std::move(variants);
  if (!e.fault.empty()) o["fault"] = e.fault;
  return o;
}

}  // namespace

void Journal::record(JournalEntry e) {
  if (e.body.size() > kMaxBody) {
    e.body.resize(kMaxBody);
    e.body_truncated = true;
  }
  std::lock_guard lock(mutex_);
  e.seq = next_seq_++;
  entries_.push_back(std::move(e));
  while (entries_.size() > capacity_) {
    entries_.pop_front();
    ++dropped_;
  }
}

boost::json::object Journal::to_json(const JournalQuery& q) const {
  std::lock_guard lock(mutex_);
  std::vector<const JournalEntry*> hits;
  for (const auto& e : entries_) {
    if (!q.method.empty() && !iequals(q.method, e.method)) continue;
    if (!path_matches(q.path, e.path)) continue;
    hits.push_back(&e);
  }
  std::size_t start = (q.limit && hits.size() > q.limit) ? hits.size() - q.limit : 0;
  boost::json::array list;
  for (std::size_t i = start; i < hits.size(); ++i) list.push_back(entry_json(*hits[i]));
  boost::json::object out;
  out["requests"] = std::move(list);
  out["total"] = entries_.size();
  out["dropped"] = dropped_;
  out["capacity"] = capacity_;
  return out;
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::uint64_t Journal::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

void Journal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  dropped_ = 0;
}

}  // namespace fs
