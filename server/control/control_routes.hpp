#pragma once
// Helpers shared by every /__sandbox handler (here and in the modules that add control routes).
#include "routing/call.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

namespace fs::control {

void reply_control_error(const routing::CallPtr& c, unsigned status, std::string_view code, std::string_view message);
// The request body as a JSON object; on failure replies 400 and returns nullopt.
std::optional<boost::json::object> parse_body_object(const routing::CallPtr& c);
std::optional<std::size_t> parse_count(std::string_view s);
// Route options for a control route (admin token applies, not journaled).
routing::RouteOptions control_route(std::size_t body_limit = 1 << 20);

}  // namespace fs::control
