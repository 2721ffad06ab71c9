#include "app/modules.hpp"

#include "control/control_module.hpp"
#include "faults/faults_module.hpp"
#include "fil/fil_module.hpp"
#include "waldo/waldo_module.hpp"
#include "webhooks/webhooks_module.hpp"

namespace fs::app {

// Slot order matters only for state creation: webhooks before the APIs that raise events.
scenario::Modules make_modules() {
  scenario::Modules m;
  m.push_back(std::make_unique<control::ControlModule>());
  m.push_back(std::make_unique<faults::FaultsModule>());
  m.push_back(std::make_unique<webhooks::WebhooksModule>());
  m.push_back(std::make_unique<waldo::WaldoModule>());
  m.push_back(std::make_unique<fil::FilModule>());
  return m;
}

}  // namespace fs::app
