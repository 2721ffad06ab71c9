#include "webhooks/url.hpp"

#include <algorithm>
#include <cctype>

namespace fs::webhooks {

std::optional<HttpUrl> parse_http_url(std::string_view url, std::string* error) {
  auto fail = [error](std::string msg) -> std::optional<HttpUrl> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  constexpr std::string_view scheme = "http://";
  if (url.size() < scheme.size() || !std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    if (url.substr(0, 8) == "https://") return fail("only plain http:// receivers are supported (no TLS)");
    return fail("expected an http:// URL");
  }
  std::string_view rest = url.substr(scheme.size());
  auto slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view tail = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (auto hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  if (authority.find('@') != std::string_view::npos) return fail("user info in the URL is not supported");
  HttpUrl u;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("unterminated IPv6 address");
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("unexpected characters after the IPv6 address");
      port = after.substr(1);
    }
  } else {
    auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (u.host.empty()) return fail("the URL has no host");
  for (char c : u.host)
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
      return fail("the host contains invalid characters");
  if (port.empty()) {
    u.port = "80";
  } else {
    unsigned long n = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return fail("the port is not a number");
      n = n * 10 + static_cast<unsigned long>(c - '0');
      if (n > 65535) return fail("the port is out of range");
    }
    if (n == 0) return fail("the port is out of range");
    u.port = std::to_string(n);
  }
  u.target = tail.empty() ? "/" : std::string(tail);
  if (u.target.front() == '?') u.target.insert(u.target.begin(), '/');
  for (char c : u.target)
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
      return fail("the path contains spaces or control characters");
  return u;
}

}  // namespace fs::webhooks
