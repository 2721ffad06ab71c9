#include "core/clock.hpp"

#include <chrono>

namespace fs {

std::string_view clock_mode_name(ClockMode m) { return m == ClockMode::Real ? "real" : "manual"; }

std::int64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace fs
