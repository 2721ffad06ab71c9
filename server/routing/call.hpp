#pragma once
// One request on its way through a handler. A handler answers with reply() exactly once, now or
// later (long-polls keep the CallPtr). Replying records the journal entry, logs the request line
// and hands the response back to the transport.
#include "routing/message.hpp"
#include "routing/router.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fs {
class Namespace;
struct Services;
}  // namespace fs

namespace fs::routing {

using Done = std::function<void(Response)>;

class Call {
 public:
  Call(Request request, Params params, std::shared_ptr<Namespace> ns, Services& services, const Route& route,
       const ErrorFormatter& errors, Done done);
  ~Call();
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  const Request& request() const { return request_; }
  // A {param} of the route, percent-decoded ("" when absent).
  const std::string& param(std::string_view name) const;
  Namespace& ns() const { return *ns_; }
  const std::shared_ptr<Namespace>& ns_ptr() const { return ns_; }
  Services& services() const { return services_; }
  const Route& route() const { return route_; }

  // Records that the request used a documented variant (a legacy path, an alternative body shape).
  void note_variant(std::string variant) { variants_.push_back(std::move(variant)); }
  const std::vector<std::string>& variants() const { return variants_; }
  void note_fault(std::string rule) { fault_ = std::move(rule); }
  // Fault injection: whatever reply() later sends (the handler's answer or an error) gets this much
  // extra latency, these extra headers and, unless `transport` is Normal, is sent that way
  // (dropped, cut off).
  void shape_reply(std::chrono::milliseconds extra_delay, Transport transport, Headers extra_headers = {}) {
    extra_delay_ = extra_delay;
    transport_ = transport;
    extra_headers_ = std::move(extra_headers);
  }

  void reply(Response response);
  // An error in the API's own format (chosen by path prefix).
  void reply_error(unsigned status, std::string_view code, std::string_view message);
  bool replied() const { return replied_.load(); }

 private:
  Request request_;
  Params params_;
  std::shared_ptr<Namespace> ns_;
  Services& services_;
  const Route& route_;
  const ErrorFormatter& errors_;
  Done done_;
  std::vector<std::string> variants_;
  std::string fault_;
  std::chrono::milliseconds extra_delay_{0};
  Transport transport_ = Transport::Normal;
  Headers extra_headers_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> replied_{false};
};

}  // namespace fs::routing
