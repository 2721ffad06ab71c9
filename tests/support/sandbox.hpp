#pragma once
// The real server, in-process, on an ephemeral port; stopped when the fixture goes away.
#include "app/app.hpp"
#include "support/http_client.hpp"

#include <memory>
#include <string>

namespace fs::test {

// Settings for tests: loopback, port 0, quiet, two I/O threads.
Settings test_settings();

class Sandbox {
 public:
  explicit Sandbox(Settings settings = test_settings());
  ~Sandbox();
  std::uint16_t port() const { return port_; }
  HttpClient client() const { return HttpClient(port_); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  app::App& app() { return *app_; }

 private:
  std::unique_ptr<app::App> app_;
  std::uint16_t port_ = 0;
};

}  // namespace fs::test
