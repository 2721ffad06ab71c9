#include "support/http_client.hpp"

#include <boost/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace fs::test {

boost::json::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) throw std::runtime_error("response body is not JSON: " + body.substr(0, 200));
  return v;
}

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout) : port_(port), timeout_(timeout) {
  connect();
}

HttpClient::~HttpClient() { close(); }

HttpClient::HttpClient(HttpClient&& o) noexcept
    : port_(o.port_), timeout_(o.timeout_), fd_(o.fd_), buffer_(std::move(o.buffer_)) {
  o.fd_ = -1;
}

bool HttpClient::connect() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return false;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  buffer_.clear();
  return true;
}

void HttpClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool HttpClient::send_raw(const std::string& bytes) {
  if (fd_ < 0 && !connect()) return false;
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {
// Reads more bytes into buf; false on EOF, error or timeout.
bool read_more(int fd, std::string& buf, std::chrono::milliseconds timeout, std::string& error) {
  pollfd p{fd, POLLIN, 0};
  int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (r == 0) {
    error = "timeout";
    return false;
  }
  char tmp[65536];
  ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
  if (n <= 0) {
    error = n == 0 ? "connection closed" : "recv failed";
    return false;
  }
  buf.append(tmp, static_cast<std::size_t>(n));
  return true;
}
}  // namespace

HttpResult HttpClient::read_response(bool head_request) {
  HttpResult res;
  if (fd_ < 0) {
    res.error = "not connected";
    return res;
  }
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!read_more(fd_, buffer_, timeout_, res.error)) return res;
  }
  std::string head = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) {
    res.error = "bad status line: " + status_line;
    return res;
  }
  int status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    std::size_t e = head.find("\r\n", pos);
    if (e == std::string::npos) e = head.size();
    std::string line = head.substr(pos, e - pos);
    pos = e + 2;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    res.headers[name] = value;
  }
  std::size_t length = res.headers.count("content-length") ? std::stoul(res.headers["content-length"]) : 0;
  if (head_request) length = 0;
  while (buffer_.size() < length) {
    if (!read_more(fd_, buffer_, timeout_, res.error)) {
      res.body = buffer_;
      buffer_.clear();
      res.error = "incomplete body (" + res.error + ")";
      return res;  // status stays 0: the answer was cut off
    }
  }
  res.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  res.status = status;
  if (res.header("connection") == "close") close();
  return res;
}

HttpResult HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                               const HeaderList& headers) {
  if (fd_ < 0 && !connect()) {
    HttpResult r;
    r.error = "connect failed";
    return r;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    if (k == "Content-Type" || k == "content-type") has_type = true;
  }
  if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  if (!send_raw(req)) {
    // The server may have closed an idle keep-alive connection: retry once on a new one.
    close();
    if (!send_raw(req)) {
      HttpResult r;
      r.error = "send failed";
      return r;
    }
  }
  return read_response(method == "HEAD");
}

bool HttpClient::closed_by_peer(std::chrono::milliseconds within) {
  if (fd_ < 0) return true;
  auto deadline = std::chrono::steady_clock::now() + within;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char tmp[4096];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return true;
    buffer_.append(tmp, static_cast<std::size_t>(n));
  }
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace fs::test
