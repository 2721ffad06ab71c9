#include "faults/faults_module.hpp"

#include "core/json.hpp"
#include "core/namespace.hpp"
#include "routing/call.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace fs::faults {

FaultsState::FaultsState(Namespace& ns, std::shared_ptr<const scenario::Scenario> scenario, std::size_t slot)
    : ns_(ns),
      scenario_(std::move(scenario)),
      section_(&scenario_->section<FaultsSection>(slot)),
      counts_(section_->rules.size(), 0),
      start_ms_(ns.now_ms()) {}

std::int64_t FaultsState::elapsed_ms() const { return ns_.now_ms() - start_ms_; }

const Rule* FaultsState::on_call(std::string_view method_upper, std::string_view path) {
  if (!section_->has_api) return nullptr;
  const Rule* fired = nullptr;
  const std::int64_t elapsed = elapsed_ms();
  // Every matching rule counts the call, whether or not an earlier rule fires: a rule's `nth`
  // means the nth call it matches, independent of the other rules.
  for (const Rule& rule : section_->rules) {
    if (!rule.matches_api(method_upper, path, ns_.name()) || !rule.in_window(elapsed)) continue;
    std::uint64_t n = ++counts_[rule.index];
    if (!fired && rule.selects(n, scenario_->seed)) fired = &rule;
  }
  return fired;
}

std::optional<WebhookFault> FaultsState::on_attempt(std::string_view receiver_url, std::string_view event_type) {
  if (!section_->has_webhook) return std::nullopt;
  const Rule* fired = nullptr;
  const std::int64_t elapsed = elapsed_ms();
  for (const Rule& rule : section_->rules) {
    if (!rule.matches_webhook(receiver_url, event_type, ns_.name()) || !rule.in_window(elapsed)) continue;
    std::uint64_t n = ++counts_[rule.index];
    if (!fired && rule.selects(n, scenario_->seed)) fired = &rule;
  }
  if (!fired) return std::nullopt;
  WebhookFault f;
  f.rule = fired->name;
  f.delay_ms = fired->delay_ms;
  f.status = fired->status.value_or(0);
  f.fail_connection = fired->drop;
  return f;
}

std::shared_ptr<const scenario::Section> FaultsModule::load_section(const boost::json::value* section,
                                                                   scenario::Problems& problems) const {
  return load_rules(section, problems);
}

std::unique_ptr<ModuleState> FaultsModule::make_state(Namespace& ns, std::size_t slot) const {
  auto state = std::make_unique<FaultsState>(ns, ns.scenario_ptr(), slot);
  if (state->section().has_webhook) ns.set_webhook_fault_hook(state.get());
  return state;
}

namespace {

routing::Response fault_response(const Rule& rule) {
  routing::Response r;
  r.status = *rule.status;
  if (rule.body) {
    if (const auto* s = rule.body->if_string()) {
      r.body = std::string(*s);
      r.content_type = "text/plain; charset=utf-8";
    } else {
      r.body = json::write(*rule.body);
    }
  }
  for (const auto& h : rule.headers) {
    if (routing::iequals(h.name, "content-type"))
      r.content_type = h.value;
    else
      r.headers.push_back(h);
  }
  return r;
}

}  // namespace

bool FaultsModule::intercept(const routing::CallPtr& call) {
  const auto& req = call->request();
  std::string method = req.method_text;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::shared_ptr<const scenario::Scenario> keep;  // keeps `rule` alive after the lock is released
  const Rule* rule = nullptr;
  {
    auto lock = call->ns().lock();
    auto& state = call->ns().state<FaultsState>(slot_);
    rule = state.on_call(method, req.path);
    if (!rule) return false;
    keep = state.scenario();
  }
  call->note_fault(rule->name);
  const auto delay = std::chrono::milliseconds(rule->delay_ms);
  if (rule->drop) {
    // Nothing reaches the client; the journal records 444 ("closed without response", as nginx).
    call->shape_reply(delay, routing::Transport::Drop);
    routing::Response r;
    r.status = 444;
    r.body.clear();
    call->reply(std::move(r));
    return true;
  }
  const auto transport = rule->partial ? routing::Transport::Partial : routing::Transport::Normal;
  if (!rule->status) {
    call->shape_reply(delay, transport);
    return false;  // latency and/or a cut-off of the handler's own answer
  }
  if (rule->body || *rule->status < 400) {
    call->shape_reply(delay, transport);
    call->reply(fault_response(*rule));
  } else {
    // No body given: an error in the API's own format for this path, with the rule's headers.
    call->shape_reply(delay, transport, rule->headers);
    call->reply_error(*rule->status, "SANDBOX_FAULT", "Injected by the sandbox fault rule \"" + rule->name + "\".");
  }
  return true;
}

}  // namespace fs::faults
