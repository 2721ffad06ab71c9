#include "support/receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace fs::test {

Receiver::Receiver(std::function<ReceiverReply(const Received&, std::size_t)> reply) : reply_(std::move(reply)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 128);
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

Receiver::~Receiver() { stop(); }

std::string Receiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void Receiver::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  cv_.notify_all();
  ::shutdown(listen_fd_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& w : workers) w.join();
}

void Receiver::accept_loop() {
  for (;;) {
    pollfd p{listen_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, 100);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (r <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

namespace {
bool read_some(int fd, std::string& buf) {
  char tmp[16384];
  ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
  if (n <= 0) return false;
  buf.append(tmp, static_cast<std::size_t>(n));
  return true;
}
}  // namespace

void Receiver::serve(int fd) {
  std::string buf;
  for (;;) {
    std::size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos)
      if (!read_some(fd, buf)) return;
    Received rec;
    rec.at = std::chrono::steady_clock::now();
    std::string head = buf.substr(0, end);
    buf.erase(0, end + 4);
    auto line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    auto sp1 = first.find(' '), sp2 = first.rfind(' ');
    rec.method = first.substr(0, sp1);
    rec.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      auto e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string l = head.substr(pos, e - pos);
      pos = e + 2;
      auto c = l.find(':');
      if (c == std::string::npos) continue;
      std::string name = l.substr(0, c);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
      std::string value = l.substr(c + 1);
      value.erase(0, value.find_first_not_of(' '));
      rec.headers[name] = value;
    }
    std::size_t length = rec.headers.count("content-length") ? std::stoul(rec.headers["content-length"]) : 0;
    while (buf.size() < length)
      if (!read_some(fd, buf)) return;
    rec.body = buf.substr(0, length);
    buf.erase(0, length);
    std::size_t index;
    {
      std::lock_guard lock(mutex_);
      index = received_.size();
      received_.push_back(rec);
    }
    cv_.notify_all();
    ReceiverReply reply = reply_ ? reply_(rec, index) : ReceiverReply{};
    if (reply.hang) {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_; });
      return;
    }
    if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
    if (reply.close) {
      ::shutdown(fd, SHUT_RDWR);
      return;
    }
    std::string res = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\nContent-Type: text/plain\r\nContent-Length: " +
                      std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
    if (::send(fd, res.data(), res.size(), MSG_NOSIGNAL) < 0) return;
  }
}

std::vector<Received> Receiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::size_t Receiver::count() const {
  std::lock_guard lock(mutex_);
  return received_.size();
}

bool Receiver::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, timeout, [&] { return received_.size() >= n; });
}

}  // namespace fs::test
