#include "app/app.hpp"

#include "app/modules.hpp"
#include "core/log.hpp"
#include "core/registry.hpp"
#include "core/services.hpp"
#include "http/asio_timers.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "routing/dispatcher.hpp"
#include "routing/router.hpp"

#include <boost/asio/io_context.hpp>

#include <thread>

namespace fs::app {

struct App::Impl {
  explicit Impl(Settings s)
      : settings(std::move(s)),
        log(settings.log_format),
        ioc(static_cast<int>(settings.threads ? settings.threads : 1)),
        timers(ioc),
        outbound(ioc),
        modules(make_modules()),
        services{settings, log, timers} {
    services.modules = &modules;
    services.outbound = &outbound;
    auto loaded = scenario::load_files(settings.scenarios, modules);
    if (!loaded.scenario) throw ScenarioError(std::move(loaded.problems));
    registry = std::make_unique<NamespaceRegistry>(loaded.scenario, services, settings.max_namespaces);
    services.namespaces = registry.get();
    for (std::size_t slot = 0; slot < modules.size(); ++slot) modules[slot]->add_routes(router, slot, services);
    dispatcher = std::make_unique<routing::Dispatcher>(router, services);
    for (auto& m : modules)
      if (auto* i = m->interceptor()) dispatcher->set_interceptor(i);
    server = std::make_unique<http::Server>(ioc, *dispatcher, settings, log);
  }

  Settings settings;
  Logger log;
  boost::asio::io_context ioc;
  http::AsioTimers timers;
  http::OutboundClient outbound;
  scenario::Modules modules;
  Services services;
  routing::Router router;
  std::unique_ptr<NamespaceRegistry> registry;
  std::unique_ptr<routing::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool stopped = false;
};

App::App(Settings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

App::~App() { shutdown(); }

std::uint16_t App::start() {
  auto& i = *impl_;
  i.port = i.server->listen(i.settings.host, i.settings.port);
  i.server->start_accepting();
  unsigned n = i.settings.threads ? i.settings.threads : 1;
  for (unsigned t = 0; t < n; ++t) i.threads.emplace_back([&ioc = i.ioc] { ioc.run(); });
  return i.port;
}

void App::shutdown() {
  auto& i = *impl_;
  if (i.stopped) return;
  i.stopped = true;
  if (!i.threads.empty()) {
    i.server->stop_accepting();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(i.settings.shutdown_grace_ms);
    auto busy = [&i] {
      if (i.server->stats().in_flight.load() > 0) return true;
      for (const auto& m : i.modules)
        if (m->pending_work(i.services) > 0) return true;
      return false;
    };
    while (busy() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (const auto& m : i.modules)
      if (auto report = m->shutdown_report(i.services); !report.empty()) i.log.warn(report);
    i.ioc.stop();
    for (auto& t : i.threads) t.join();
    i.threads.clear();
  }
}

std::uint16_t App::port() const { return impl_->port; }
const Settings& App::settings() const { return impl_->settings; }

}  // namespace fs::app
