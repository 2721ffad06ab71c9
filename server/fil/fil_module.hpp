#pragma once
// FIL contribution-management emulation (spec/fil-contribution-api.md; docs/fil.md): login by
// e-mail signature, EdDSA JWTs, assemble -> sign -> submit of Iroha transactions with real Ed25519
// verification, lookup, search with charging, the flag flow, wallet and peer endpoints. Every §9
// variant is accepted and recorded in the journal (`variants`), or rejected under `fil.strict`.
#include "core/module.hpp"

namespace fs::fil {

class FilModule : public Module {
 public:
  std::string_view name() const override { return "fil"; }
  std::string_view scenario_key() const override { return "fil"; }
  std::shared_ptr<const scenario::Section> load_section(const boost::json::value* section,
                                                       scenario::Problems& problems) const override;
  void add_routes(routing::Router& router, std::size_t slot, Services& services) override;
  std::unique_ptr<ModuleState> make_state(Namespace& ns, std::size_t slot) const override;
};

}  // namespace fs::fil
