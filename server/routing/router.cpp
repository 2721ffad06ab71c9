#include "routing/router.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace fs::routing {

struct Router::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::array<const Route*, 8> routes{};  // by Method
  bool has_routes() const {
    for (auto* r : routes)
      if (r) return true;
    return false;
  }
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segs;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    segs.push_back(path.substr(i, j - i));
    i = j;
  }
  return segs;
}

Router::Router() : root_(std::make_unique<Node>()) {
  default_formatter_ = [](unsigned status, std::string_view code, std::string_view message) {
    boost::json::object o;
    o["code"] = code;
    o["message"] = message;
    return Response::json(status, o);
  };
}

Router::~Router() = default;

void Router::add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  Node* node = root_.get();
  for (auto seg : split_path(pattern)) {
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string name(seg.substr(1, seg.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw std::logic_error("route " + std::string(pattern) + ": parameter {" + name + "} conflicts with {" +
                               node->param_name + "}");
      }
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  auto& slot = node->routes[static_cast<std::size_t>(method)];
  if (slot) throw std::logic_error("route registered twice: " + std::string(method_name(method)) + " " + std::string(pattern));
  routes_.push_back(std::make_unique<Route>(Route{method, std::string(pattern), std::move(handler), options}));
  slot = routes_.back().get();
}

const Router::Node* Router::find(const Node& node, const std::vector<std::string_view>& segs, std::size_t i,
                                 Params& params) const {
  if (i == segs.size()) return node.has_routes() ? &node : nullptr;
  if (auto it = node.literals.find(std::string(segs[i])); it != node.literals.end()) {
    if (auto* n = find(*it->second, segs, i + 1, params)) return n;
  }
  if (node.param) {
    params.emplace_back(node.param_name, percent_decode(segs[i], false));
    if (auto* n = find(*node.param, segs, i + 1, params)) return n;
    params.pop_back();
  }
  return nullptr;
}

Match Router::match(Method method, std::string_view path) const {
  Match m;
  auto segs = split_path(path);
  const Node* node = find(*root_, segs, 0, m.params);
  if (!node) return m;
  const Route* r = node->routes[static_cast<std::size_t>(method)];
  if (!r && method == Method::Head) r = node->routes[static_cast<std::size_t>(Method::Get)];
  if (r) {
    m.route = r;
    return m;
  }
  for (std::size_t i = 0; i < node->routes.size(); ++i)
    if (node->routes[i]) m.allowed.push_back(static_cast<Method>(i));
  m.params.clear();
  return m;
}

std::size_t Router::body_limit(Method method, std::string_view path) const {
  Match m = match(method, path);
  return m.route ? m.route->options.body_limit : (1 << 20);
}

void Router::set_error_format(std::string prefix, ErrorFormatter f) {
  formatters_.emplace_back(std::move(prefix), std::move(f));
}

const ErrorFormatter& Router::error_format(std::string_view path) const {
  const ErrorFormatter* best = &default_formatter_;
  std::size_t best_len = 0;
  for (const auto& [prefix, f] : formatters_) {
    if (path.substr(0, prefix.size()) == prefix && prefix.size() > best_len) {
      best = &f;
      best_len = prefix.size();
    }
  }
  return *best;
}

}  // namespace fs::routing
