#pragma once
// Events that the emulated APIs raise (Waldo's onboard / evaluation / flag notifications). The
// webhook subsystem consumes them; until a sink is attached they are only kept in the namespace's
// event log, so tests can still see them.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace fs {

struct Event {
  std::string type;          // Waldo's `event` value: onboard, evaluation, flag
  std::string ordering_key;  // events with one key reach a receiver in order (the customer id)
  boost::json::object payload;
  std::int64_t time_ms = 0;  // namespace clock
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called with the namespace lock held; must not block.
  virtual void publish(const Event& e) = 0;
};

}  // namespace fs
