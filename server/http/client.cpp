#include "http/client.hpp"

#include "webhooks/url.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <deque>
#include <mutex>
#include <unordered_map>

namespace fs::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxBody = 1024;              // kept of the answer
constexpr std::uint64_t kMaxReadBody = 1 << 20;     // read (and discard beyond kMaxBody) up to this
constexpr auto kMaxIdleAge = std::chrono::seconds(30);

struct Job {
  webhooks::HttpUrl url;
  OutboundRequest req;
  std::function<void(OutboundResult)> done;
  Clock::time_point start;
};

std::string describe(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return "timeout";
  if (ec == asio::error::connection_refused) return "connection refused";
  if (ec == asio::error::connection_reset) return "connection reset";
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == bhttp::error::partial_message)
    return "connection closed before a complete answer";
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again) return "host not found";
  return ec.message();
}

std::chrono::microseconds since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t);
}

}  // namespace

class Connection;

struct OutboundClient::Impl : std::enable_shared_from_this<OutboundClient::Impl> {
  struct Idle {
    std::shared_ptr<Connection> conn;
    Clock::time_point since;
  };
  struct Host {
    std::vector<Idle> idle;
    std::size_t active = 0;
    std::deque<Job> waiting;
  };

  explicit Impl(asio::io_context& i) : ioc(i) {}
  void submit(Job job);
  // A connection finished its job: pool it (or drop it) and start a waiting job.
  void release(const std::string& key, std::shared_ptr<Connection> conn, bool reusable);
  void start(const std::string& key, Host& host, Job job);  // with mutex held; host.active counted

  asio::io_context& ioc;
  std::mutex mutex;
  std::unordered_map<std::string, Host> hosts;
};

// One TCP connection to one host:port, running one request at a time on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& ioc, std::weak_ptr<OutboundClient::Impl> owner, std::string key)
      : strand_(asio::make_strand(ioc)), resolver_(strand_), stream_(strand_), owner_(std::move(owner)),
        key_(std::move(key)) {}

  void run(Job job) {
    asio::post(strand_, [self = shared_from_this(), job = std::move(job)]() mutable { self->begin(std::move(job)); });
  }

  // True when the pooled connection still looks usable (the peer has not closed it).
  bool looks_alive() {
    if (!stream_.socket().is_open()) return false;
    char c;
    ssize_t n = ::recv(stream_.socket().native_handle(), &c, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return false;                                       // orderly close
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;      // nothing to read: fine
    return false;                                                   // unexpected bytes: do not trust it
  }

 private:
  void begin(Job job) {
    job_ = std::move(job);
    retried_ = false;
    phase_offset_ = {};
    if (budget().count() <= 0) return fail("timeout (waited for a free connection)");
    if (stream_.socket().is_open() && looks_alive()) {
      reused_ = true;
      return write();
    }
    close();
    connect();
  }

  std::chrono::milliseconds budget() const {
    // Time left for this phase: the request's timeout, minus what it spent waiting in the queue.
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - job_.start);
    auto left = job_.req.timeout - (waited - phase_offset_);
    return left;
  }

  void connect() {
    reused_ = false;
    resolver_.async_resolve(job_.url.host, job_.url.port,
                            [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type results) {
                              if (ec) return self->fail(describe(ec));
                              auto left = self->budget();
                              if (left.count() <= 0) return self->fail("timeout");
                              self->stream_.expires_after(left);
                              self->stream_.async_connect(results, [self](beast::error_code ec, const tcp::endpoint&) {
                                if (ec) return self->fail(describe(ec));
                                beast::error_code ignored;
                                self->stream_.socket().set_option(tcp::no_delay(true), ignored);
                                self->write();
                              });
                            });
  }

  void write() {
    // The response phase gets the full timeout again, counted from now.
    phase_offset_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - job_.start);
    request_ = {};
    request_.method(bhttp::verb::post);
    request_.target(job_.url.target);
    request_.version(11);
    request_.set(bhttp::field::host, job_.url.port == "80" ? job_.url.host : job_.url.host + ":" + job_.url.port);
    request_.set(bhttp::field::user_agent, "fraud-sandbox-webhooks");
    for (const auto& [name, value] : job_.req.headers) request_.set(name, value);
    request_.body() = job_.req.body;
    request_.keep_alive(true);
    request_.prepare_payload();
    stream_.expires_after(job_.req.timeout);
    bhttp::async_write(stream_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_io_error(ec, false);
      self->read();
    });
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxReadBody);
    buffer_.clear();
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_io_error(ec, true);
      self->on_response();
    });
  }

  void on_io_error(beast::error_code ec, bool reading) {
    // A pooled connection that the peer closed meanwhile (its idle timeout racing our request): try
    // once more on a fresh connection, as long as no byte of an answer came back. Only after a real
    // idle spell, so that a receiver that drops requests on purpose is not sent each one twice.
    bool stale = ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
                 ec == bhttp::error::end_of_stream || ec == asio::error::eof;
    bool idled = Clock::now() - last_used_ > std::chrono::seconds(1);
    if (reused_ && idled && !retried_ && stale && (!reading || !parser_->got_some())) {
      retried_ = true;
      close();
      phase_offset_ = {};
      return connect();
    }
    if (reading && ec == bhttp::error::body_limit && parser_->is_header_done()) {
      // A huge answer: its status counts; the connection cannot be reused.
      OutboundResult r;
      r.status = parser_->get().result_int();
      r.body = parser_->get().body().substr(0, kMaxBody);
      return complete(std::move(r), false);
    }
    fail(describe(ec));
  }

  void on_response() {
    stream_.expires_never();
    auto& res = parser_->get();
    OutboundResult r;
    r.status = res.result_int();
    r.body = res.body().size() > kMaxBody ? res.body().substr(0, kMaxBody) : res.body();
    bool reusable = res.keep_alive();
    complete(std::move(r), reusable);
  }

  void fail(std::string error) {
    OutboundResult r;
    r.error = std::move(error);
    complete(std::move(r), false);
  }

  void complete(OutboundResult r, bool reusable) {
    r.duration = since(job_.start);
    last_used_ = Clock::now();
    auto done = std::move(job_.done);
    job_ = {};
    parser_.reset();
    if (!reusable) close();
    else stream_.expires_never();
    // Hand the connection back first, so that the next delivery to this host can reuse it; then
    // report (the callback may post the next request itself).
    if (auto owner = owner_.lock()) owner->release(key_, reusable ? shared_from_this() : nullptr, reusable);
    if (done) done(std::move(r));
  }

  void close() {
    beast::error_code ec;
    if (stream_.socket().is_open()) {
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.socket().close(ec);
    }
  }

  asio::strand<asio::io_context::executor_type> strand_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  std::weak_ptr<OutboundClient::Impl> owner_;
  std::string key_;
  Job job_;
  bhttp::request<bhttp::string_body> request_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  beast::flat_buffer buffer_;
  std::chrono::milliseconds phase_offset_{0};
  Clock::time_point last_used_{};
  bool reused_ = false;
  bool retried_ = false;
};

void OutboundClient::Impl::submit(Job job) {
  std::string key = job.url.authority();
  std::lock_guard lock(mutex);
  Host& host = hosts[key];
  if (host.active >= kMaxActivePerHost) {
    host.waiting.push_back(std::move(job));
    return;
  }
  ++host.active;
  start(key, host, std::move(job));
}

void OutboundClient::Impl::start(const std::string& key, Host& host, Job job) {
  std::shared_ptr<Connection> conn;
  while (!host.idle.empty()) {
    Idle idle = std::move(host.idle.back());
    host.idle.pop_back();
    if (Clock::now() - idle.since < kMaxIdleAge) {
      conn = std::move(idle.conn);
      break;
    }
  }
  if (!conn) conn = std::make_shared<Connection>(ioc, weak_from_this(), key);
  conn->run(std::move(job));  // posts to the connection's strand: never runs inside post()
}

void OutboundClient::Impl::release(const std::string& key, std::shared_ptr<Connection> conn, bool reusable) {
  std::lock_guard lock(mutex);
  Host& host = hosts[key];
  if (reusable && conn && host.idle.size() < kMaxIdlePerHost) host.idle.push_back(Idle{std::move(conn), Clock::now()});
  if (!host.waiting.empty()) {
    Job next = std::move(host.waiting.front());
    host.waiting.pop_front();
    start(key, host, std::move(next));  // keeps the active count
    return;
  }
  --host.active;
  if (host.active == 0 && host.idle.empty()) hosts.erase(key);
}

OutboundClient::OutboundClient(boost::asio::io_context& ioc) : impl_(std::make_shared<Impl>(ioc)) {}
OutboundClient::~OutboundClient() = default;

void OutboundClient::post(OutboundRequest req, std::function<void(OutboundResult)> done) {
  std::string error;
  auto url = webhooks::parse_http_url(req.url, &error);
  if (!url) {
    asio::post(impl_->ioc, [done = std::move(done), error = "invalid URL: " + error]() mutable {
      OutboundResult r;
      r.error = std::move(error);
      done(std::move(r));
    });
    return;
  }
  impl_->submit(Job{std::move(*url), std::move(req), std::move(done), Clock::now()});
}

}  // namespace fs::http
