#pragma once
// A module is one emulated surface (Waldo, FIL, webhooks, the control API ...). It owns a top-level
// scenario key, adds routes, and gives each namespace its own state. Modules never see each other's
// state directly; they meet through the namespace (events, clock, scheduler).
#include "scenario/problems.hpp"
#include "scenario/scenario.hpp"

#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace fs {

namespace routing {
class Router;
class Interceptor;
}  // namespace routing
struct Services;
class Namespace;

class ModuleState {
 public:
  virtual ~ModuleState() = default;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  // The top-level scenario key this module reads ("" = none).
  virtual std::string_view scenario_key() const { return {}; }
  // Validates and converts the module's section (nullptr when absent); reports every problem.
  // Returns a section even when there were problems (the loader discards the scenario then).
  virtual std::shared_ptr<const scenario::Section> load_section(const boost::json::value* section,
                                                               scenario::Problems& problems) const {
    return std::make_shared<scenario::Section>();
  }
  virtual void add_routes(routing::Router& router, std::size_t slot, Services& services) = 0;
  // Fresh state for a namespace (on creation and on reset), with the namespace lock held.
  virtual std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const = 0;
  // A module that may answer requests before their handler runs (fault injection) returns itself.
  virtual routing::Interceptor* interceptor() { return nullptr; }
  // Shutdown: work still pending (webhook deliveries ...) that the app waits for during its grace
  // period, and a one-line report of what was left when it ends ("" = nothing to say).
  virtual std::size_t pending_work(Services& services) const { return 0; }
  virtual std::string shutdown_report(Services& services) const { return {}; }
};

}  // namespace fs
