#pragma once
// PLACEHOLDER: the waldo module; replaced by its implementation.
#include "core/module.hpp"

namespace fs::waldo {

class WaldoModule : public Module {
 public:
  std::string_view name() const override { return "waldo"; }
  std::string_view scenario_key() const override { return "waldo"; }
  void add_routes(routing::Router&, std::size_t, Services&) override {}
  std::unique_ptr<ModuleState> make_state(Namespace&, std::size_t) const override { return nullptr; }
};

}  // namespace fs::waldo
