#include "core/namespace.hpp"

#include "core/services.hpp"
#include "core/timers.hpp"

#include <boost/json.hpp>

namespace fs {

Namespace::Namespace(std::string name, std::shared_ptr<const scenario::Scenario> scenario, Services& services)
    : name_(std::move(name)),
      services_(services),
      journal_(services.settings.journal_capacity),
      scenario_(std::move(scenario)) {
  scheduler_.on_earliest_changed([this](std::int64_t due) { arm_timer(due); });
}

void Namespace::reset(std::shared_ptr<const scenario::Scenario> scenario) {
  if (scenario) scenario_ = std::move(scenario);
  ClockMode mode = services_.settings.clock.value_or(scenario_->clock.mode.value_or(ClockMode::Real));
  clock_.reset(mode, scenario_->clock.start_ms.value_or(wall_clock_ms()));
  scheduler_.clear();
  ++timer_token_;
  armed_due_.reset();
  events_.clear();
  events_dropped_ = 0;
  sink_ = nullptr;
  webhook_faults_ = nullptr;
  journal_.clear();
  states_.clear();
  const auto& modules = *services_.modules;
  states_.resize(modules.size());
  for (std::size_t slot = 0; slot < modules.size(); ++slot) states_[slot] = modules[slot]->make_state(*this, slot);
}

std::size_t Namespace::advance(std::int64_t ms) {
  if (clock_.mode() != ClockMode::Manual) return 0;
  std::int64_t target = clock_.now_ms() + ms;
  std::size_t ran = scheduler_.run_due(target, [this](std::int64_t due) { clock_.set_manual(due); });
  clock_.set_manual(target);
  return ran;
}

void Namespace::arm_timer(std::int64_t due_ms) {
  if (clock_.mode() != ClockMode::Real) return;
  if (armed_due_ && *armed_due_ <= due_ms) return;
  armed_due_ = due_ms;
  std::uint64_t token = ++timer_token_;
  std::int64_t delay = std::max<std::int64_t>(0, due_ms - clock_.now_ms());
  std::weak_ptr<Namespace> weak = weak_from_this();
  services_.timers.call_after(std::chrono::milliseconds(delay), [weak, token] {
    if (auto self = weak.lock()) self->on_timer(token);
  });
}

void Namespace::on_timer(std::uint64_t token) {
  auto guard = lock();
  if (token != timer_token_) return;
  armed_due_.reset();
  scheduler_.run_due(clock_.now_ms());
  if (auto next = scheduler_.next_due()) arm_timer(*next);
}

void Namespace::publish(Event e) {
  e.time_ms = clock_.now_ms();
  if (sink_) sink_->publish(e);
  events_.push_back(std::move(e));
  if (events_.size() > kEventLogCapacity) {
    events_.pop_front();
    ++events_dropped_;
  }
}

boost::json::object Namespace::events_json(std::string_view type) const {
  boost::json::array list;
  for (const auto& e : events_) {
    if (!type.empty() && e.type != type) continue;
    boost::json::object o;
    o["event"] = e.type;
    o["key"] = e.ordering_key;
    o["time_ms"] = e.time_ms;
    o["payload"] = e.payload;
    list.push_back(std::move(o));
  }
  boost::json::object out;
  out["events"] = std::move(list);
  out["dropped"] = events_dropped_;
  return out;
}

}  // namespace fs
