#include "app/engine.hpp"

#include "app/app.hpp"
#include "app/modules.hpp"

namespace fs::app {

Engine::Engine(const Settings& settings, TimerService& timers, OutboundHttp* outbound)
    : settings_(settings), log_(settings.log_format), modules_(make_modules()), services_{settings_, log_, timers} {
  services_.modules = &modules_;
  services_.outbound = outbound;
  auto loaded = scenario::load_files(settings_.scenarios, modules_);
  if (!loaded.scenario) throw ScenarioError(std::move(loaded.problems));
  registry_ = std::make_unique<NamespaceRegistry>(loaded.scenario, services_, settings_.max_namespaces);
  services_.namespaces = registry_.get();
  for (std::size_t slot = 0; slot < modules_.size(); ++slot) modules_[slot]->add_routes(router_, slot, services_);
  dispatcher_ = std::make_unique<routing::Dispatcher>(router_, services_);
  for (auto& m : modules_)
    if (auto* i = m->interceptor()) dispatcher_->set_interceptor(i);
}

}  // namespace fs::app
