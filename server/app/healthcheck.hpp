#pragma once
#include "core/settings.hpp"

namespace fs::app {
// GET /__sandbox/health on the configured host and port (0.0.0.0 -> 127.0.0.1). Exit code: 0 on 200.
int run_healthcheck(const Settings& settings);
}  // namespace fs::app
