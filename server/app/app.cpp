#include "app/app.hpp"

#include "app/engine.hpp"
#include "http/asio_timers.hpp"
#include "http/client.hpp"
#include "http/server.hpp"

#include <boost/asio/io_context.hpp>

#include <thread>

namespace fs::app {

struct App::Impl {
  explicit Impl(Settings s)
      : settings(std::move(s)),
        ioc(static_cast<int>(settings.threads ? settings.threads : 1)),
        timers(ioc),
        outbound(ioc),
        engine(settings, timers, &outbound),
        server(ioc, engine.dispatcher(), settings, engine.services().log) {}

  // The shutdown grace covers in-flight requests and modules' pending work (webhook deliveries).
  bool busy() {
    if (server.stats().in_flight.load() > 0) return true;
    for (const auto& m : engine.modules())
      if (m->pending_work(engine.services()) > 0) return true;
    return false;
  }

  Settings settings;
  boost::asio::io_context ioc;
  http::AsioTimers timers;
  http::OutboundClient outbound;
  Engine engine;
  http::Server server;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool stopped = false;
};

App::App(Settings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

App::~App() { shutdown(); }

std::uint16_t App::start() {
  auto& i = *impl_;
  i.port = i.server.listen(i.settings.host, i.settings.port);
  i.server.start_accepting();
  unsigned n = i.settings.threads ? i.settings.threads : 1;
  for (unsigned t = 0; t < n; ++t) i.threads.emplace_back([&ioc = i.ioc] { ioc.run(); });
  return i.port;
}

void App::shutdown() {
  auto& i = *impl_;
  if (i.stopped) return;
  i.stopped = true;
  if (i.threads.empty()) return;
  i.server.stop_accepting();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(i.settings.shutdown_grace_ms);
  while (i.busy() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (const auto& m : i.engine.modules())
    if (auto report = m->shutdown_report(i.engine.services()); !report.empty()) i.engine.services().log.warn(report);
  i.ioc.stop();
  for (auto& t : i.threads) t.join();
  i.threads.clear();
}

std::uint16_t App::port() const { return impl_->port; }
const Settings& App::settings() const { return impl_->settings; }

}  // namespace fs::app
