#pragma once
// A small blocking HTTP/1.1 client over a raw socket, for tests: keep-alive, and raw bytes when a
// test needs malformed or partial requests. Not Beast, on purpose: it is an independent peer.
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace fs::test {

struct HttpResult {
  int status = 0;                             // 0: no (complete) answer
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string error;                          // why status is 0

  boost::json::value json() const;            // throws (failing the test) on invalid JSON
  std::string header(const std::string& lower_name) const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  ~HttpClient();
  HttpClient(HttpClient&& o) noexcept;
  HttpClient(const HttpClient&) = delete;

  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const HeaderList& headers = {});
  HttpResult get(const std::string& target, const HeaderList& headers = {}) { return request("GET", target, "", headers); }
  HttpResult post(const std::string& target, const std::string& body, const HeaderList& headers = {}) {
    return request("POST", target, body, headers);
  }
  HttpResult put(const std::string& target, const std::string& body, const HeaderList& headers = {}) {
    return request("PUT", target, body, headers);
  }
  HttpResult patch(const std::string& target, const std::string& body, const HeaderList& headers = {}) {
    return request("PATCH", target, body, headers);
  }

  bool send_raw(const std::string& bytes);
  HttpResult read_response(bool head_request = false);
  // True when the server closed the connection (read returns 0) within `within`.
  bool closed_by_peer(std::chrono::milliseconds within);
  bool connected() const { return fd_ >= 0; }
  void close();

 private:
  bool connect();
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
  std::string buffer_;
};

// Percent-encodes a query value.
std::string url_encode(const std::string& s);

}  // namespace fs::test
