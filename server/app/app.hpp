#pragma once
// Wires the server together: modules, router, namespaces, dispatcher, transport and I/O threads.
// Used by main() and, in-process, by the integration tests.
#include "core/settings.hpp"
#include "scenario/problems.hpp"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

namespace fs::app {

// The scenario given at start-up is invalid; nothing is served.
struct ScenarioError : std::runtime_error {
  explicit ScenarioError(std::vector<scenario::Problem> p)
      : std::runtime_error("invalid scenario"), problems(std::move(p)) {}
  std::vector<scenario::Problem> problems;
};

class App {
 public:
  explicit App(Settings settings);  // throws ScenarioError
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds, starts the I/O threads; returns the real port. Throws std::runtime_error.
  std::uint16_t start();
  // Graceful stop: no new connections; in-flight requests get up to the grace period; then the
  // I/O threads end. Idempotent.
  void shutdown();
  std::uint16_t port() const;
  const Settings& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fs::app
