#pragma once
#include "scenario/loader.hpp"

namespace fs::app {
// Every module of the server, in slot order.
scenario::Modules make_modules();
}  // namespace fs::app
