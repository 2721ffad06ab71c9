#pragma once
// Everything of the server but the network: modules, router, namespaces and dispatcher, wired
// together. The App adds Beast and threads on top; the request fuzzer drives it directly.
#include "core/log.hpp"
#include "core/registry.hpp"
#include "core/services.hpp"
#include "core/settings.hpp"
#include "routing/dispatcher.hpp"
#include "routing/router.hpp"
#include "scenario/loader.hpp"

#include <memory>

namespace fs::app {

class Engine {
 public:
  // Loads the settings' scenarios; throws ScenarioError (app.hpp) when they are invalid.
  Engine(const Settings& settings, TimerService& timers, OutboundHttp* outbound);
  routing::Dispatcher& dispatcher() { return *dispatcher_; }
  Services& services() { return services_; }
  const scenario::Modules& modules() const { return modules_; }

 private:
  const Settings& settings_;
  Logger log_;
  scenario::Modules modules_;
  Services services_;
  routing::Router router_;
  std::unique_ptr<NamespaceRegistry> registry_;
  std::unique_ptr<routing::Dispatcher> dispatcher_;
};

}  // namespace fs::app
