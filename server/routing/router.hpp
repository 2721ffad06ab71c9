#pragma once
// Method + path -> handler. Patterns are literal segments and {param} segments; at each level a
// literal beats a parameter. The /ns/{name} prefix is stripped before matching (see Dispatcher).
#include "routing/message.hpp"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fs::routing {

class Call;
using CallPtr = std::shared_ptr<Call>;
using Handler = std::function<void(const CallPtr&)>;
// Builds an error response in the API's own format (Waldo's {code,message}, FIL's envelope ...).
using ErrorFormatter = std::function<Response(unsigned status, std::string_view code, std::string_view message)>;

struct RouteOptions {
  std::size_t body_limit = 1 << 20;  // 1 MiB JSON by default
  bool control = false;              // a /__sandbox route: admin token, not journaled, no faults by default
  bool admin_exempt = false;         // control route that never needs the admin token (health)
};

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
};

using Params = std::vector<std::pair<std::string, std::string>>;  // name -> percent-decoded value

struct Match {
  const Route* route = nullptr;  // null: no route for this method and path
  Params params;
  std::vector<Method> allowed;  // when the path exists but not for this method (405)
};

class Router {
 public:
  Router();
  ~Router();
  void add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  Match match(Method method, std::string_view path) const;
  // The body limit for a request before its body is read (the largest limit when unmatched).
  std::size_t body_limit(Method method, std::string_view path) const;

  void set_error_format(std::string prefix, ErrorFormatter f);
  const ErrorFormatter& error_format(std::string_view path) const;
  std::size_t route_count() const { return routes_.size(); }

 private:
  struct Node;
  const Node* find(const Node& node, const std::vector<std::string_view>& segs, std::size_t i, Params& params) const;

  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<std::pair<std::string, ErrorFormatter>> formatters_;  // longest prefix wins
  ErrorFormatter default_formatter_;
};

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace fs::routing
