#pragma once
// Fault injection (scenario key `faults`): rules that answer API calls with a given status and body,
// add latency, drop the connection or cut the body off, and that delay or fail webhook delivery
// attempts. The module is the dispatcher's interceptor; each namespace gets its own counters and
// its webhook fault hook (see rules.hpp for the rule model, docs/scenarios.md for the format).
#include "core/module.hpp"
#include "core/webhook_fault_hook.hpp"
#include "faults/rules.hpp"
#include "routing/dispatcher.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace fs::faults {

// One namespace's fault bookkeeping: how many calls (or attempts) each rule has matched so far.
// Guarded by the namespace lock like every module state.
class FaultsState : public ModuleState, public WebhookFaultHook {
 public:
  FaultsState(Namespace& ns, std::shared_ptr<const scenario::Scenario> scenario, std::size_t slot);

  // The rule that fires for this API call, counting it for every rule it matches; nullptr = none.
  const Rule* on_call(std::string_view method_upper, std::string_view path);
  std::optional<WebhookFault> on_attempt(std::string_view receiver_url, std::string_view event_type) override;

  const FaultsSection& section() const { return *section_; }
  std::uint64_t count(std::size_t rule_index) const { return counts_.at(rule_index); }
  // Keeps the rules alive for a caller that uses a Rule after releasing the namespace lock.
  const std::shared_ptr<const scenario::Scenario>& scenario() const { return scenario_; }

 private:
  std::int64_t elapsed_ms() const;

  Namespace& ns_;
  std::shared_ptr<const scenario::Scenario> scenario_;
  const FaultsSection* section_;
  std::vector<std::uint64_t> counts_;
  std::int64_t start_ms_;
};

class FaultsModule : public Module, public routing::Interceptor {
 public:
  std::string_view name() const override { return "faults"; }
  std::string_view scenario_key() const override { return "faults"; }
  std::shared_ptr<const scenario::Section> load_section(const boost::json::value* section,
                                                       scenario::Problems& problems) const override;
  void add_routes(routing::Router&, std::size_t slot, Services&) override { slot_ = slot; }
  std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const override;
  routing::Interceptor* interceptor() override { return this; }

  bool intercept(const routing::CallPtr& call) override;

 private:
  std::size_t slot_ = 0;
};

}  // namespace fs::faults
