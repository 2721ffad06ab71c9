#include "control/control_module.hpp"

#include "control/control_routes.hpp"
#include "core/json.hpp"
#include "core/namespace.hpp"
#include "core/registry.hpp"
#include "core/services.hpp"
#include "routing/call.hpp"
#include "scenario/loader.hpp"

#include <boost/json.hpp>

namespace fs::control {

using routing::CallPtr;
using routing::Method;
using routing::Response;

namespace {

void health(const CallPtr& c) { c->reply(Response::json_text(200, R"({"status":"ok"})")); }

void reset(const CallPtr& c) {
  auto& ns = c->ns();
  {
    auto lock = ns.lock();
    ns.reset();
  }
  c->reply(Response::json(200, {{"status", "reset"}, {"namespace", ns.name()}}));
}

void put_scenario(const CallPtr& c) {
  auto parsed = json::parse_relaxed(c->request().body);
  if (!parsed.value) {
    reply_control_error(c, 400, "INVALID_JSON", "The scenario is not valid JSON: " + parsed.error);
    return;
  }
  auto result = scenario::load_document(*parsed.value, "request body", *c->services().modules);
  if (!result.scenario) {
    boost::json::array problems;
    for (const auto& p : result.problems)
      problems.push_back({{"path", p.path}, {"message", p.message}, {"text", p.text()}});
    c->reply(Response::json(400, {{"code", "INVALID_SCENARIO"},
                                  {"message", "The scenario has " + std::to_string(result.problems.size()) +
                                                  " problem(s); nothing was changed."},
                                  {"problems", std::move(problems)}}));
    return;
  }
  auto& ns = c->ns();
  {
    auto lock = ns.lock();
    ns.reset(result.scenario);
  }
  c->reply(Response::json(200, {{"status", "loaded"}, {"namespace", ns.name()}, {"scenario", result.scenario->name}}));
}

void requests(const CallPtr& c) {
  JournalQuery q;
  const auto& r = c->request();
  q.method = r.query_param("method").value_or("");
  q.path = r.query_param("path").value_or("");
  if (auto limit = r.query_param("limit")) {
    auto n = parse_count(*limit);
    if (!n) return reply_control_error(c, 400, "INVALID_QUERY", "limit must be a non-negative integer");
    q.limit = *n;
  }
  c->reply(Response::json(200, c->ns().journal().to_json(q)));
}

boost::json::object clock_json(Namespace& ns) {
  return {{"mode", clock_mode_name(ns.clock().mode())}, {"now_ms", ns.now_ms()}, {"pending_jobs", ns.scheduler().size()}};
}

void get_clock(const CallPtr& c) {
  auto& ns = c->ns();
  auto lock = ns.lock();
  c->reply(Response::json(200, clock_json(ns)));
}

void advance_clock(const CallPtr& c) {
  auto body = parse_body_object(c);
  if (!body) return;
  auto ms = json::find_int(*body, "ms");
  if (!ms || *ms < 0)
    return reply_control_error(c, 400, "INVALID_BODY", "Expected {\"ms\": N} with N a non-negative integer.");
  auto& ns = c->ns();
  auto lock = ns.lock();
  if (ns.clock().mode() != ClockMode::Manual)
    return reply_control_error(c, 409, "CLOCK_NOT_MANUAL",
                               "This namespace's clock is real; start with --clock manual or set clock.mode in the "
                               "scenario.");
  std::size_t ran = ns.advance(*ms);
  auto out = clock_json(ns);
  out["jobs_run"] = ran;
  c->reply(Response::json(200, out));
}

void events(const CallPtr& c) {
  auto& ns = c->ns();
  std::string type = c->request().query_param("event").value_or("");
  auto lock = ns.lock();
  c->reply(Response::json(200, ns.events_json(type)));
}

void namespaces(const CallPtr& c) {
  auto& reg = *c->services().namespaces;
  boost::json::array list;
  for (const auto& ns : reg.all()) {
    list.push_back({{"name", ns->name()}, {"journal", ns->journal().size()}, {"journal_dropped", ns->journal().dropped()}});
  }
  c->reply(Response::json(200, {{"namespaces", std::move(list)},
                                {"limit", reg.limit()},
                                {"refused", reg.refused()}}));
}

}  // namespace

void ControlModule::add_routes(routing::Router& router, std::size_t, Services&) {
  auto control = control_route();
  auto open = control_route();
  open.admin_exempt = true;
  router.add(Method::Get, "/__sandbox/health", health, open);
  router.add(Method::Post, "/__sandbox/reset", reset, control);
  router.add(Method::Put, "/__sandbox/scenario", put_scenario, control_route(4 << 20));
  router.add(Method::Get, "/__sandbox/requests", requests, control);
  router.add(Method::Get, "/__sandbox/clock", get_clock, control);
  router.add(Method::Post, "/__sandbox/clock/advance", advance_clock, control);
  router.add(Method::Get, "/__sandbox/events", events, control);
  router.add(Method::Get, "/__sandbox/namespaces", namespaces, control);
}

}  // namespace fs::control
