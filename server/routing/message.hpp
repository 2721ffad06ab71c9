#pragma once
// Plain request and response types. Handlers see only these, never Beast, so that handler code
// compiles fast and the transport can change without touching the emulated APIs.
#include <boost/json/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fs::routing {

enum class Method : std::uint8_t { Get, Head, Post, Put, Patch, Delete, Options, Other };

Method parse_method(std::string_view name);
std::string_view method_name(Method m);

struct Header {
  std::string name;
  std::string value;
};
using Headers = std::vector<Header>;

// Case-insensitive header lookup; nullptr when absent.
const std::string* find_header(const Headers& headers, std::string_view name);
bool iequals(std::string_view a, std::string_view b);
// %XX decoding (and '+' as space in query strings). Invalid escapes are kept as they are.
std::string percent_decode(std::string_view s, bool plus_as_space);

struct Request {
  Method method = Method::Get;
  std::string method_text;  // as sent (for the journal and 405 messages)
  std::string target;       // as sent: /ns/x/customer?email=a
  std::string path;         // target's path without the query (still percent-encoded)
  std::string query;        // after '?', raw
  Headers headers;
  std::string body;

  std::string_view header(std::string_view name) const;  // "" when absent
  // The first value of query parameter `name`, percent-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  std::vector<std::pair<std::string, std::string>> query_params() const;  // decoded, in order
};

// How the transport sends the response: normally, not at all (connection dropped), or cut off
// halfway through the body. Fault rules use the last two.
enum class Transport : std::uint8_t { Normal, Drop, Partial };

struct Response {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  Headers headers;
  std::chrono::milliseconds delay{0};
  Transport transport = Transport::Normal;
  bool close = false;  // close the connection after this response

  static Response json(unsigned status, const boost::json::value& body);
  static Response json_text(unsigned status, std::string body);
};

}  // namespace fs::routing
