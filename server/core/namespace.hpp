#pragma once
// One isolated sandbox: its own scenario, state of every module, clock, scheduler, journal and
// events. One mutex guards everything but the journal; namespaces never share a lock, so requests
// in different namespaces do not contend.
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/journal.hpp"
#include "core/module.hpp"
#include "core/scheduler.hpp"
#include "core/webhook_fault_hook.hpp"
#include "scenario/scenario.hpp"

#include <boost/json/object.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace fs {

struct Services;

class Namespace : public std::enable_shared_from_this<Namespace> {
 public:
  static constexpr std::size_t kEventLogCapacity = 10000;

  Namespace(std::string name, std::shared_ptr<const scenario::Scenario> scenario, Services& services);
  Namespace(const Namespace&) = delete;
  Namespace& operator=(const Namespace&) = delete;

  const std::string& name() const { return name_; }
  Services& services() const { return services_; }
  Journal& journal() { return journal_; }  // has its own lock
  std::int64_t clock_now_ms() const { return clock_.now_ms(); }  // lock-free, any thread

  [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  // --- everything below: call with lock() held ---
  Clock& clock() { return clock_; }
  std::int64_t now_ms() const { return clock_.now_ms(); }
  Scheduler& scheduler() { return scheduler_; }
  Scheduler::JobId schedule_in(std::int64_t delay_ms, Scheduler::Job job) {
    return scheduler_.schedule_at(clock_.now_ms() + delay_ms, std::move(job));
  }
  const scenario::Scenario& scenario() const { return *scenario_; }
  std::shared_ptr<const scenario::Scenario> scenario_ptr() const { return scenario_; }

  template <class T>
  T& state(std::size_t slot) {
    return static_cast<T&>(*states_.at(slot));
  }

  // Back to the scenario's initial state (optionally a new scenario): states, clock, jobs, journal.
  void reset(std::shared_ptr<const scenario::Scenario> scenario = nullptr);
  // Manual clock: moves time by `ms`, running due jobs in order at their due times. Returns the
  // number of jobs run. Real clock: runs nothing and returns 0.
  std::size_t advance(std::int64_t ms);

  void publish(Event e);
  void set_event_sink(EventSink* sink) { sink_ = sink; }
  boost::json::object events_json(std::string_view type) const;
  void set_webhook_fault_hook(WebhookFaultHook* hook) { webhook_faults_ = hook; }
  WebhookFaultHook* webhook_fault_hook() const { return webhook_faults_; }
  std::uint64_t events_dropped() const { return events_dropped_; }

 private:
  void arm_timer(std::int64_t due_ms);
  void on_timer(std::uint64_t token);

  std::string name_;
  Services& services_;
  Journal journal_;
  std::mutex mutex_;
  std::shared_ptr<const scenario::Scenario> scenario_;
  Clock clock_{ClockMode::Real, 0};
  Scheduler scheduler_;
  std::vector<std::unique_ptr<ModuleState>> states_;
  std::deque<Event> events_;
  std::uint64_t events_dropped_ = 0;
  EventSink* sink_ = nullptr;
  WebhookFaultHook* webhook_faults_ = nullptr;
  // Real clock: at most one live timer; a callback whose token is stale does nothing.
  std::uint64_t timer_token_ = 0;
  std::optional<std::int64_t> armed_due_;
};

}  // namespace fs
