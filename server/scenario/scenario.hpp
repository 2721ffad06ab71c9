#pragma once
// A loaded, validated scenario: the whole document plus each module's typed section. Immutable
// once loaded and shared by every namespace that uses it.
#include "core/clock.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fs::scenario {

// A module's typed view of its top-level key (waldo, fil, webhooks, faults ...).
class Section {
 public:
  virtual ~Section() = default;
};

struct ClockSettings {
  std::optional<ClockMode> mode;
  std::optional<std::int64_t> start_ms;  // manual clock start; default = wall clock at creation
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source;  // file names, or "built-in default"
  ClockSettings clock;
  std::uint64_t seed = 0;  // top-level `seed`: drives every seeded random choice (fault probabilities)
  boost::json::object document;
  std::vector<std::shared_ptr<const Section>> sections;  // index = module slot

  template <class T>
  const T& section(std::size_t slot) const {
    return static_cast<const T&>(*sections.at(slot));
  }
};

}  // namespace fs::scenario
