#include "core/scheduler.hpp"

namespace fs {

Scheduler::JobId Scheduler::schedule_at(std::int64_t due_ms, Job job) {
  auto before = next_due();
  JobId id = next_seq_++;
  heap_.push(Entry{due_ms, id});
  jobs_.emplace(id, std::move(job));
  if (earliest_changed_ && (!before || due_ms < *before)) earliest_changed_(due_ms);
  return id;
}

bool Scheduler::cancel(JobId id) { return jobs_.erase(id) > 0; }

void Scheduler::drop_cancelled() const {
  while (!heap_.empty() && !jobs_.count(heap_.top().seq)) heap_.pop();
}

std::optional<std::int64_t> Scheduler::next_due() const {
  drop_cancelled();
  if (heap_.empty()) return std::nullopt;
  return heap_.top().due;
}

void Scheduler::clear() {
  jobs_.clear();
  heap_ = {};
}

std::size_t Scheduler::run_due(std::int64_t now_ms, const std::function<void(std::int64_t)>& before_each) {
  std::size_t ran = 0;
  for (;;) {
    drop_cancelled();
    if (heap_.empty() || heap_.top().due > now_ms) break;
    Entry e = heap_.top();
    heap_.pop();
    auto it = jobs_.find(e.seq);
    Job job = std::move(it->second);
    jobs_.erase(it);
    if (before_each) before_each(e.due);
    job();
    ++ran;
  }
  return ran;
}

}  // namespace fs
