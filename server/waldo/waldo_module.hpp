#pragma once
// The Waldo AI emulation (spec ../shared/spec/waldo-api.md, docs/waldo.md): /authenticate and the
// seven protected endpoints, asynchronous evaluations on the namespace clock, onboard/evaluation/flag
// events, and the /__sandbox/waldo control routes.
#include "core/module.hpp"

namespace fs::waldo {

class WaldoModule : public Module {
 public:
  std::string_view name() const override { return "waldo"; }
  std::string_view scenario_key() const override { return "waldo"; }
  std::shared_ptr<const scenario::Section> load_section(const boost::json::value* section,
                                                       scenario::Problems& problems) const override;
  void add_routes(routing::Router& router, std::size_t slot, Services& services) override;
  std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const override;
};

}  // namespace fs::waldo
