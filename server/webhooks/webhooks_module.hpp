#pragma once
// Webhook delivery (issue 4): receivers per namespace, Standard Webhooks signing, ordered delivery
// per (receiver, ordering key), retries on the namespace clock, the bounded delivery log and the
// /__sandbox/webhooks control routes. See docs/webhooks.md.
#include "core/module.hpp"

namespace fs::webhooks {

class WebhooksModule : public Module {
 public:
  std::string_view name() const override { return "webhooks"; }
  std::string_view scenario_key() const override { return "webhooks"; }
  std::shared_ptr<const scenario::Section> load_section(const boost::json::value* section,
                                                       scenario::Problems& problems) const override;
  void add_routes(routing::Router& router, std::size_t slot, Services& services) override;
  std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const override;
  std::size_t pending_work(Services& services) const override;
  std::string shutdown_report(Services& services) const override;

 private:
  std::size_t slot_ = 0;
};

}  // namespace fs::webhooks
