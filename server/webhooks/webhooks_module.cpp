#include "webhooks/webhooks_module.hpp"

#include "control/control_routes.hpp"
#include "core/json.hpp"
#include "core/namespace.hpp"
#include "core/registry.hpp"
#include "core/services.hpp"
#include "routing/call.hpp"
#include "scenario/reader.hpp"
#include "webhooks/config.hpp"
#include "webhooks/deliveries.hpp"

#include <boost/json.hpp>

namespace fs::webhooks {

namespace bj = boost::json;
using routing::CallPtr;
using routing::Method;
using routing::Response;

namespace {

constexpr std::int64_t kMaxWaitMs = 120000;

// The namespace's state: the sink the namespace publishes into, owning the deliveries through a
// shared_ptr so that I/O completions can hold weak references to them.
class WebhooksState : public ModuleState, public EventSink {
 public:
  WebhooksState(Namespace& ns, Services& services, const WebhooksSection& config)
      : deliveries(std::make_shared<Deliveries>(ns, services, config)) {}
  void publish(const Event& e) override { deliveries->publish(e); }
  std::shared_ptr<Deliveries> deliveries;
};

Deliveries& state_of(Namespace& ns, std::size_t slot) { return *ns.state<WebhooksState>(slot).deliveries; }

void list(const CallPtr& c, std::size_t slot) {
  const auto& r = c->request();
  Filter f;
  f.event = r.query_param("event").value_or("");
  f.receiver = r.query_param("receiver").value_or("");
  f.key = r.query_param("key").value_or("");
  if (auto s = r.query_param("status"); s && !s->empty()) {
    f.status = parse_status(*s);
    if (!f.status)
      return control::reply_control_error(c, 400, "INVALID_QUERY", "status must be pending, delivered or failed");
  }
  std::size_t min = 0, limit = 0;
  std::int64_t wait_ms = 0;
  if (auto v = r.query_param("min")) {
    auto n = control::parse_count(*v);
    if (!n) return control::reply_control_error(c, 400, "INVALID_QUERY", "min must be a non-negative integer");
    min = *n;
  }
  if (auto v = r.query_param("wait_ms")) {
    auto n = control::parse_count(*v);
    if (!n || *n > static_cast<std::size_t>(kMaxWaitMs))
      return control::reply_control_error(c, 400, "INVALID_QUERY",
                                          "wait_ms must be an integer between 0 and " + std::to_string(kMaxWaitMs));
    wait_ms = static_cast<std::int64_t>(*n);
  } else if (min > 0) {
    wait_ms = 10000;  // ?min=N alone waits up to 10 s
  }
  if (auto v = r.query_param("limit")) {
    auto n = control::parse_count(*v);
    if (!n) return control::reply_control_error(c, 400, "INVALID_QUERY", "limit must be a non-negative integer");
    limit = *n;
  }
  auto& ns = c->ns();
  auto lock = ns.lock();
  state_of(ns, slot).wait(c, std::move(f), min, limit, wait_ms);
}

void get_one(const CallPtr& c, std::size_t slot) {
  auto& ns = c->ns();
  auto lock = ns.lock();
  auto& s = state_of(ns, slot);
  const Delivery* d = s.find(c->param("id"));
  if (!d) return control::reply_control_error(c, 404, "DELIVERY_NOT_FOUND", "No delivery with id " + c->param("id") + ".");
  c->reply(Response::json(200, s.delivery_json(*d)));
}

void redeliver(const CallPtr& c, std::size_t slot) {
  auto& ns = c->ns();
  auto lock = ns.lock();
  auto& s = state_of(ns, slot);
  const std::string& id = c->param("id");
  switch (s.redeliver(id)) {
    case Deliveries::RedeliverResult::NotFound:
      return control::reply_control_error(c, 404, "DELIVERY_NOT_FOUND", "No delivery with id " + id + ".");
    case Deliveries::RedeliverResult::Pending:
      return control::reply_control_error(c, 409, "DELIVERY_PENDING",
                                          "Delivery " + id + " is still pending; redeliver it once it is delivered or failed.");
    case Deliveries::RedeliverResult::QueueFull:
      return control::reply_control_error(c, 429, "QUEUE_FULL", "The namespace's webhook queue is full.");
    case Deliveries::RedeliverResult::Started: break;
  }
  c->reply(Response::json(202, s.delivery_json(*s.find(id))));
}

void get_receivers(const CallPtr& c, std::size_t slot) {
  auto& ns = c->ns();
  auto lock = ns.lock();
  c->reply(Response::json(200, state_of(ns, slot).receivers_json()));
}

void put_receivers(const CallPtr& c, std::size_t slot) {
  auto body = control::parse_body_object(c);
  if (!body) return;
  scenario::Problems problems("request body");
  std::vector<ReceiverSpec> specs;
  const bj::value* list = body->if_contains("receivers");
  if (!list || !list->is_array()) {
    problems.add("$.receivers", "expected an array of {\"url\", \"secret\"?, \"events\"?}");
  } else {
    for (std::size_t i = 0; i < list->get_array().size(); ++i)
      if (auto spec = read_receiver(list->get_array()[i], scenario::index_path("$.receivers", i), problems))
        specs.push_back(std::move(*spec));
  }
  for (const auto& kv : *body)
    if (kv.key() != "receivers") problems.add("$." + std::string(kv.key()), "unknown key");
  if (!problems.empty()) {
    bj::array out;
    for (const auto& p : problems.list()) out.push_back({{"path", p.path}, {"message", p.message}});
    return c->reply(Response::json(400, {{"code", "INVALID_RECEIVERS"},
                                         {"message", "The receivers have " + std::to_string(problems.size()) +
                                                         " problem(s); nothing was changed."},
                                         {"problems", std::move(out)}}));
  }
  auto& ns = c->ns();
  auto lock = ns.lock();
  auto& s = state_of(ns, slot);
  s.set_receivers(specs, "api");
  c->reply(Response::json(200, s.receivers_json()));
}

// Sandbox extension for testing receivers: publishes an event into the namespace as if an emulated
// API had raised it.
void post_event(const CallPtr& c, std::size_t slot) {
  auto body = control::parse_body_object(c);
  if (!body) return;
  const bj::string* type = json::find_string(*body, "event");
  if (!type || type->empty())
    return control::reply_control_error(c, 400, "INVALID_BODY",
                                        "Expected {\"event\": \"...\", \"key\"?: \"...\", \"payload\"?: {...}}.");
  const bj::value* key = body->if_contains("key");
  if (key && !key->is_string())
    return control::reply_control_error(c, 400, "INVALID_BODY", "key must be a string.");
  const bj::value* payload = body->if_contains("payload");
  if (payload && !payload->is_object())
    return control::reply_control_error(c, 400, "INVALID_BODY", "payload must be an object.");
  Event e;
  e.type = std::string(*type);
  if (key) e.ordering_key = std::string(key->get_string());
  if (payload) e.payload = payload->get_object();
  else e.payload = {{"event", e.type}};
  auto& ns = c->ns();
  auto lock = ns.lock();
  ns.publish(std::move(e));
  bj::array ids;
  for (const auto& id : state_of(ns, slot).last_published()) ids.push_back(bj::string(id));
  c->reply(Response::json(202, {{"published", true}, {"deliveries", std::move(ids)}}));
}

}  // namespace

std::shared_ptr<const scenario::Section> WebhooksModule::load_section(const boost::json::value* section,
                                                                     scenario::Problems& problems) const {
  return read_section(section, problems);
}

void WebhooksModule::add_routes(routing::Router& router, std::size_t slot, Services&) {
  slot_ = slot;
  auto opts = control::control_route();
  router.add(Method::Get, "/__sandbox/webhooks", [slot](const CallPtr& c) { list(c, slot); }, opts);
  router.add(Method::Get, "/__sandbox/webhooks/receivers", [slot](const CallPtr& c) { get_receivers(c, slot); }, opts);
  router.add(Method::Put, "/__sandbox/webhooks/receivers", [slot](const CallPtr& c) { put_receivers(c, slot); }, opts);
  router.add(Method::Get, "/__sandbox/webhooks/{id}", [slot](const CallPtr& c) { get_one(c, slot); }, opts);
  router.add(Method::Post, "/__sandbox/webhooks/{id}/redeliver", [slot](const CallPtr& c) { redeliver(c, slot); },
             opts);
  router.add(Method::Post, "/__sandbox/events", [slot](const CallPtr& c) { post_event(c, slot); }, opts);
}

std::unique_ptr<ModuleState> WebhooksModule::make_state(Namespace& ns, std::size_t slot) const {
  static const WebhooksSection defaults;
  const auto& sections = ns.scenario().sections;
  const WebhooksSection* config = &defaults;
  if (slot < sections.size() && sections[slot])
    if (auto* s = dynamic_cast<const WebhooksSection*>(sections[slot].get())) config = s;
  auto state = std::make_unique<WebhooksState>(ns, ns.services(), *config);
  ns.set_event_sink(state.get());
  return state;
}

std::size_t WebhooksModule::pending_work(Services& services) const {
  if (!services.namespaces) return 0;
  std::size_t n = 0;
  for (const auto& ns : services.namespaces->all()) {
    auto lock = ns->lock();
    n += state_of(*ns, slot_).pending();
  }
  return n;
}

std::string WebhooksModule::shutdown_report(Services& services) const {
  if (!services.namespaces) return {};
  std::size_t total = 0;
  std::string detail;
  for (const auto& ns : services.namespaces->all()) {
    auto lock = ns->lock();
    auto& s = state_of(*ns, slot_);
    s.answer_all_waiters();  // long-polls get what there is now, before the transport stops
    if (std::size_t n = s.pending()) {
      total += n;
      if (!detail.empty()) detail += ", ";
      detail += ns->name() + ": " + std::to_string(n);
    }
  }
  if (!total) return {};
  return "webhooks: " + std::to_string(total) + " deliveries still pending at shutdown, not delivered (" + detail + ")";
}

}  // namespace fs::webhooks
