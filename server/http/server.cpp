#include "http/server.hpp"

#include "core/log.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <stdexcept>

namespace fs::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kMaxDrain = 32 * 1024 * 1024;

std::string error_json(std::string_view code, std::string_view message) {
  std::string s = "{\"code\":\"";
  s += code;
  s += "\",\"message\":\"";
  s += message;  // callers pass plain ASCII without quotes
  s += "\"}";
  return s;
}

// One connection: read a request (headers first, to pick the route's body limit), dispatch it,
// write the answer, repeat while keep-alive. Everything runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, routing::Dispatcher& dispatcher, const Settings& settings,
          std::shared_ptr<ServerStats> stats)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), dispatcher_(dispatcher), settings_(settings),
        stats_holder_(std::move(stats)), stats_(*stats_holder_) {
    stats_.open.fetch_add(1);
  }
  ~Session() { stats_.open.fetch_sub(1); }

  void run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  void read_header() {
    if (stats_.draining.load()) return close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    // Waiting for the next request on a keep-alive connection is bounded by the idle timeout; a
    // request that has started must complete within the read timeout (a slow client is cut off).
    stream_.expires_after(std::chrono::milliseconds(first_ ? settings_.read_timeout_ms : settings_.idle_timeout_ms));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    first_ = false;
    stats_.in_flight.fetch_add(1);
    counted_ = true;
    auto& req = parser_->get();
    auto method = routing::parse_method(std::string_view(req.method_string()));
    std::size_t limit = dispatcher_.body_limit(method, std::string_view(req.target()));
    if (auto len = parser_->content_length(); len && *len > limit) return reject_too_large(limit);
    parser_->body_limit(limit);
    if (parser_->is_done()) return on_request();
    stream_.expires_after(std::chrono::milliseconds(settings_.read_timeout_ms));
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_read_error(ec);
      self->on_request();
    });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return reject_too_large(parser_ ? 0 : 0);
    if (ec == bhttp::error::header_limit)
      return send_raw(431, error_json("HEADERS_TOO_LARGE", "Request headers exceed 16 KiB."), true);
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof || ec == bhttp::error::partial_message)
      return close();
    // Anything else is malformed HTTP: say so, then close (the stream cannot be trusted to resync).
    send_raw(400, error_json("BAD_REQUEST", "Malformed HTTP request: " + ec.message() + "."), true);
  }

  void reject_too_large(std::size_t limit) {
    std::string msg = "Request body too large";
    if (limit) msg += " (limit " + std::to_string(limit) + " bytes)";
    // In the API's own error format (the path's formatter), like every routed error.
    std::string_view target = parser_ ? std::string_view(parser_->get().target()) : std::string_view("/");
    send_raw(413, dispatcher_.error_response(target, 413, "PAYLOAD_TOO_LARGE", msg + ".").body, true);
  }

  void on_request() {
    stream_.expires_never();
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive();
    head_ = req.method() == bhttp::verb::head;
    routing::Request r;
    r.method_text = std::string(req.method_string());
    r.method = routing::parse_method(r.method_text);
    r.target = std::string(req.target());
    r.headers.reserve(8);
    for (const auto& f : req) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    r.body = std::move(req.body());
    dispatcher_.dispatch(std::move(r), [self = shared_from_this()](routing::Response res) {
      asio::post(self->stream_.get_executor(),
                 [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
    });
  }

  void respond(routing::Response res) {
    if (res.delay.count() > 0) {
      auto delay = res.delay;
      res.delay = std::chrono::milliseconds(0);
      timer_.expires_after(delay);
      timer_.async_wait([self = shared_from_this(), res = std::move(res)](beast::error_code) mutable {
        self->respond(std::move(res));
      });
      return;
    }
    if (res.transport == routing::Transport::Drop) return close();
    bool close_after = res.close || !keep_alive_ || stats_.draining.load();
    if (res.transport == routing::Transport::Partial) return write_partial(res);
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(res.status), 11);
    msg->set(bhttp::field::server, "fraud-sandbox");
    if (!res.content_type.empty()) msg->set(bhttp::field::content_type, res.content_type);
    for (auto& h : res.headers) msg->set(h.name, h.value);
    std::size_t length = res.body.size();
    if (!head_) msg->body() = std::move(res.body);
    msg->keep_alive(!close_after);
    msg->content_length(length);
    stream_.expires_after(std::chrono::milliseconds(settings_.read_timeout_ms));
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg, close_after](beast::error_code ec, std::size_t) {
      self->done_request();
      if (ec || close_after) return self->close();
      self->read_header();
    });
  }

  // A fault: the status line, headers and half the body, then the connection closes.
  void write_partial(routing::Response& res) {
    auto raw = std::make_shared<std::string>();
    *raw = "HTTP/1.1 " + std::to_string(res.status) + " " +
           std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(res.status))) + "\r\n";
    *raw += "Content-Type: " + res.content_type + "\r\nContent-Length: " + std::to_string(res.body.size()) + "\r\n\r\n";
    raw->append(res.body, 0, res.body.size() / 2);
    asio::async_write(stream_, asio::buffer(*raw), [self = shared_from_this(), raw](beast::error_code, std::size_t) {
      self->done_request();
      self->close();
    });
  }

  // An answer before the request was routed (400, 413, 431): send it, then stop reading politely.
  void send_raw(unsigned status, std::string body, bool close_after) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(status), 11);
    msg->set(bhttp::field::server, "fraud-sandbox");
    msg->set(bhttp::field::content_type, "application/json");
    msg->body() = std::move(body);
    msg->keep_alive(false);
    msg->prepare_payload();
    stream_.expires_after(std::chrono::milliseconds(settings_.read_timeout_ms));
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
      self->done_request();
      if (ec) return self->close();
      self->drain_then_close();
    });
  }

  // Half-close and read what the client still sends, so that it sees our answer instead of a reset.
  void drain_then_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    drain_buf_ = std::make_shared<std::array<char, 16384>>();
    stream_.expires_after(std::chrono::milliseconds(std::min<std::int64_t>(settings_.read_timeout_ms, 2000)));
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(*drain_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kMaxDrain) return self->close();
      self->drain();
    });
  }

  void done_request() {
    if (counted_) {
      counted_ = false;
      stats_.in_flight.fetch_sub(1);
    }
  }

  void close() {
    done_request();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  routing::Dispatcher& dispatcher_;
  const Settings& settings_;
  std::shared_ptr<ServerStats> stats_holder_;
  ServerStats& stats_;
  std::shared_ptr<std::array<char, 16384>> drain_buf_;
  std::size_t drained_ = 0;
  bool keep_alive_ = true;
  bool head_ = false;
  bool first_ = true;
  bool counted_ = false;
};

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(asio::io_context& ioc, routing::Dispatcher& d, const Settings& s, const Logger& l,
       std::shared_ptr<ServerStats> st)
      : ioc(ioc), acceptor(asio::make_strand(ioc)), backoff(acceptor.get_executor()), dispatcher(d), settings(s),
        log(l), stats(std::move(st)) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      self->on_accept(ec, std::move(s));
    });
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors (or a transient error): refuse by not accepting for a moment,
      // never crash. Pending connections wait in the backlog.
      if (ec == asio::error::no_descriptors || ec.value() == EMFILE || ec.value() == ENFILE) {
        log.warn("accept: out of file descriptors; pausing accepts for 100 ms");
      }
      backoff.expires_after(std::chrono::milliseconds(100));
      backoff.async_wait([self = shared_from_this()](beast::error_code) { self->accept(); });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    stats->connections.fetch_add(1);
    std::make_shared<Session>(std::move(socket), dispatcher, settings, stats)->run();
    accept();
  }

  asio::io_context& ioc;
  tcp::acceptor acceptor;
  asio::steady_timer backoff;
  routing::Dispatcher& dispatcher;
  const Settings& settings;
  const Logger& log;
  std::shared_ptr<ServerStats> stats;
};

Server::Server(asio::io_context& ioc, routing::Dispatcher& dispatcher, const Settings& settings, const Logger& log)
    : stats_(std::make_shared<ServerStats>()), impl_(std::make_shared<Impl>(ioc, dispatcher, settings, log, stats_)) {}

Server::~Server() = default;

std::uint16_t Server::listen(const std::string& host, std::uint16_t port) {
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("invalid --host address '" + host + "': " + ec.message());
  tcp::endpoint ep(address, port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  return a.local_endpoint().port();
}

void Server::start_accepting() {
  asio::dispatch(impl_->acceptor.get_executor(), [impl = impl_] { impl->accept(); });
}

void Server::stop_accepting() {
  stats_->draining.store(true);
  asio::dispatch(impl_->acceptor.get_executor(), [impl = impl_] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    impl->backoff.cancel();
  });
}

}  // namespace fs::http
