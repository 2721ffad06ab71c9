#include "control/control_routes.hpp"

#include "core/json.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace fs::control {

void reply_control_error(const routing::CallPtr& c, unsigned status, std::string_view code, std::string_view message) {
  c->reply(routing::Response::json(status, {{"code", code}, {"message", message}}));
}

std::optional<boost::json::object> parse_body_object(const routing::CallPtr& c) {
  auto parsed = json::parse(c->request().body);
  if (!parsed.value || !parsed.value->is_object()) {
    reply_control_error(c, 400, "INVALID_JSON",
                        parsed.value ? "Expected a JSON object." : "The body is not valid JSON: " + parsed.error);
    return std::nullopt;
  }
  return std::move(parsed.value->get_object());
}

std::optional<std::size_t> parse_count(std::string_view s) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return n;
}

routing::RouteOptions control_route(std::size_t body_limit) {
  routing::RouteOptions o;
  o.control = true;
  o.body_limit = body_limit;
  return o;
}

}  // namespace fs::control
