#include "app/modules.hpp"

#include "control/control_module.hpp"

namespace fs::app {

scenario::Modules make_modules() {
  scenario::Modules m;
  m.push_back(std::make_unique<control::ControlModule>());
  return m;
}

}  // namespace fs::app
