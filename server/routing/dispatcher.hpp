#pragma once
// From a parsed request to a handler: split the target, strip /ns/{name}, find (or create) the
// namespace, match the route, check the admin token, let fault rules answer first, run the handler.
// Transport-agnostic, so the fuzzer and the HTTP session drive it the same way.
#include "routing/call.hpp"
#include "routing/router.hpp"

#include <string>
#include <string_view>

namespace fs {
struct Services;
}

namespace fs::routing {

// Fault injection hooks in here; returns true when it answered the call itself.
class Interceptor {
 public:
  virtual ~Interceptor() = default;
  virtual bool intercept(const CallPtr& call) = 0;
};

struct SplitTarget {
  std::string ns = "default";
  std::string path;   // without prefix and query; "/" at least
  std::string query;
  bool valid_ns = true;
};

SplitTarget split_target(std::string_view target);

class Dispatcher {
 public:
  Dispatcher(const Router& router, Services& services);
  void set_interceptor(Interceptor* i) { interceptor_ = i; }

  std::size_t body_limit(Method method, std::string_view target) const;
  // An error before routing (413 ...) in the format registered for the target's path.
  Response error_response(std::string_view target, unsigned status, std::string_view code,
                          std::string_view message) const;
  void dispatch(Request request, Done done);

 private:
  bool admin_authorized(const Request& r) const;

  const Router& router_;
  Services& services_;
  Interceptor* interceptor_ = nullptr;
  Route not_found_;
  Route not_allowed_;
};

}  // namespace fs::routing
