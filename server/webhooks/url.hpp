#pragma once
// Plain http:// URLs as webhook receivers use them: http://host[:port][/path][?query]. Shared by the
// scenario/control validation (webhooks/) and the outbound client (http/client.cpp).
#include <optional>
#include <string>
#include <string_view>

namespace fs::webhooks {

struct HttpUrl {
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // "80" when absent
  std::string target;  // path and query, "/" at least
  std::string authority() const { return host + ":" + port; }
};

// nullopt and `error` set when the URL is not a usable plain-http URL.
std::optional<HttpUrl> parse_http_url(std::string_view url, std::string* error = nullptr);

}  // namespace fs::webhooks
