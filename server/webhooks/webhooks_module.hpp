#pragma once
// PLACEHOLDER: the webhooks module; replaced by its implementation.
#include "core/module.hpp"

namespace fs::webhooks {

class WebhooksModule : public Module {
 public:
  std::string_view name() const override { return "webhooks"; }
  std::string_view scenario_key() const override { return "webhooks"; }
  void add_routes(routing::Router&, std::size_t, Services&) override {}
  std::unique_ptr<ModuleState> make_state(Namespace&, std::size_t) const override { return nullptr; }
};

}  // namespace fs::webhooks
