#include "support/sandbox.hpp"

namespace fs::test {

Settings test_settings() {
  Settings s;
  s.host = "127.0.0.1";
  s.port = 0;
  s.threads = 2;
  s.log_format = LogFormat::None;
  return s;
}

Sandbox::Sandbox(Settings settings) : app_(std::make_unique<app::App>(std::move(settings))) { port_ = app_->start(); }

Sandbox::~Sandbox() { app_->shutdown(); }

}  // namespace fs::test
