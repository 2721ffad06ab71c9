#pragma once
// Timed jobs of one namespace, ordered by due time (ties: the order they were scheduled).
// O(log n) per job. Not thread-safe by itself: its namespace's lock guards it.
#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

namespace fs {

class Scheduler {
 public:
  using Job = std::function<void()>;
  using JobId = std::uint64_t;

  JobId schedule_at(std::int64_t due_ms, Job job);
  bool cancel(JobId id);
  std::optional<std::int64_t> next_due() const;
  std::size_t size() const { return jobs_.size(); }
  void clear();

  // Runs, in order, every job due at or before `now_ms`, including jobs that those jobs schedule.
  // `before_each(due_ms)` runs before each job (a manual clock moves to the job's due time there).
  std::size_t run_due(std::int64_t now_ms, const std::function<void(std::int64_t)>& before_each = {});

  // Called from schedule_at when the new job becomes the earliest one (to arm a real timer).
  void on_earliest_changed(std::function<void(std::int64_t)> fn) { earliest_changed_ = std::move(fn); }

 private:
  struct Entry {
    std::int64_t due;
    std::uint64_t seq;
    bool operator>(const Entry& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  void drop_cancelled() const;

  mutable std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::unordered_map<JobId, Job> jobs_;  // cancelled jobs leave the map; the heap skips them lazily
  std::uint64_t next_seq_ = 1;
  std::function<void(std::int64_t)> earliest_changed_;
};

}  // namespace fs
