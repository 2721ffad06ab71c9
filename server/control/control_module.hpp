#pragma once
// The control API under /__sandbox (CONTRACT.md): health, reset, scenario, request journal, clock,
// events and namespaces. Webhook and Waldo-specific control routes live with their modules.
#include "core/module.hpp"

namespace fs::control {

class ControlModule : public Module {
 public:
  std::string_view name() const override { return "control"; }
  void add_routes(routing::Router& router, std::size_t slot, Services& services) override;
  std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const override { return nullptr; }
};

}  // namespace fs::control
