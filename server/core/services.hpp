#pragma once
// What the server offers its modules and handlers: set up once by the app, outlives every request.
#include "core/log.hpp"
#include "core/settings.hpp"

#include <memory>
#include <vector>

namespace fs {

class TimerService;
class OutboundHttp;
class NamespaceRegistry;
class Module;

struct Services {
  const Settings& settings;
  const Logger& log;
  TimerService& timers;
  OutboundHttp* outbound = nullptr;        // webhook transport; null in pure unit tests
  NamespaceRegistry* namespaces = nullptr;
  const std::vector<std::unique_ptr<Module>>* modules = nullptr;
};

}  // namespace fs
