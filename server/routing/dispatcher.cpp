#include "routing/dispatcher.hpp"

#include "core/registry.hpp"
#include "core/services.hpp"

#include <boost/json.hpp>

#include <exception>

namespace fs::routing {

SplitTarget split_target(std::string_view target) {
  SplitTarget t;
  auto q = target.find('?');
  std::string_view path = target.substr(0, q);
  if (q != std::string_view::npos) t.query = std::string(target.substr(q + 1));
  if (path.substr(0, 4) == "/ns/") {
    std::string_view rest = path.substr(4);
    auto slash = rest.find('/');
    t.ns = std::string(rest.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    t.valid_ns = NamespaceRegistry::valid_name(t.ns);
  }
  t.path = path.empty() ? std::string("/") : std::string(path);
  return t;
}

Dispatcher::Dispatcher(const Router& router, Services& services) : router_(router), services_(services) {
  not_found_.method = Method::Other;
  not_found_.pattern = "(no route)";
  not_found_.handler = [](const CallPtr& c) {
    c->reply_error(404, "NOT_FOUND", "No such endpoint: " + c->request().method_text + " " + c->request().path);
  };
  not_allowed_ = not_found_;
  not_allowed_.handler = [](const CallPtr& c) {
    c->reply_error(405, "METHOD_NOT_ALLOWED",
                   "Method " + c->request().method_text + " is not allowed on " + c->request().path);
  };
}

std::size_t Dispatcher::body_limit(Method method, std::string_view target) const {
  SplitTarget t = split_target(target);
  return router_.body_limit(method, t.path);
}

Response Dispatcher::error_response(std::string_view target, unsigned status, std::string_view code,
                                    std::string_view message) const {
  SplitTarget t = split_target(target);
  return router_.error_format(t.path)(status, code, message);
}

bool Dispatcher::admin_authorized(const Request& r) const {
  const std::string& token = services_.settings.admin_token;
  if (token.empty()) return true;
  std::string_view h = r.header("authorization");
  return h.size() == token.size() + 7 && iequals(h.substr(0, 7), "Bearer ") && h.substr(7) == token;
}

void Dispatcher::dispatch(Request request, Done done) {
  SplitTarget t = split_target(request.target);
  request.path = std::move(t.path);
  request.query = std::move(t.query);
  const ErrorFormatter& errors = router_.error_format(request.path);
  if (!t.valid_ns) {
    done(errors(400, "INVALID_NAMESPACE",
                "Namespace names are 1-64 characters of A-Z a-z 0-9 _ . - (got \"" + t.ns + "\")."));
    return;
  }
  Match m = router_.match(request.method, request.path);
  const Route* route = m.route ? m.route : (m.allowed.empty() ? &not_found_ : &not_allowed_);
  if (route->options.control && !route->options.admin_exempt && !admin_authorized(request)) {
    done(errors(401, "ADMIN_TOKEN_REQUIRED", "This control endpoint needs 'Authorization: Bearer <admin token>'."));
    return;
  }
  auto ns = services_.namespaces->get_or_create(t.ns);
  if (!ns) {
    done(errors(429, "NAMESPACE_LIMIT",
                "Namespace limit reached (" + std::to_string(services_.namespaces->limit()) +
                    "); raise --max-namespaces or reuse namespaces."));
    return;
  }
  if (!m.allowed.empty() && !m.route) {
    std::string allow;
    for (Method a : m.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(a));
    auto inner = std::move(done);
    done = [inner = std::move(inner), allow](Response r) {
      r.headers.push_back({"Allow", allow});
      inner(std::move(r));
    };
  }
  auto call = std::make_shared<Call>(std::move(request), std::move(m.params), std::move(ns), services_, *route, errors,
                                     std::move(done));
  if (interceptor_ && interceptor_->intercept(call)) return;
  try {
    route->handler(call);
  } catch (const std::exception& e) {
    services_.log.warn(std::string("handler threw: ") + e.what());
    call->reply_error(500, "INTERNAL_ERROR", "The sandbox failed to handle this request.");
  }
}

}  // namespace fs::routing
