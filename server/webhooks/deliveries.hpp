#pragma once
// One namespace's webhook deliveries: receivers, the per-(receiver, ordering key) FIFO chains,
// attempts and retries on the namespace clock, the bounded delivery log, and long-poll waiters.
//
// Threading: every member function runs with the namespace lock held (publish, handlers, scheduler
// jobs). Outbound completions and timer callbacks arrive on I/O threads with only weak pointers to
// the namespace and to this object; they take the namespace lock, then check that this object
// still exists (a reset destroys it, under the same lock) and that the attempt token is current.
#include "core/events.hpp"
#include "core/outbound_http.hpp"
#include "core/webhook_fault_hook.hpp"
#include "routing/router.hpp"
#include "webhooks/config.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs {
class Namespace;
struct Services;
}  // namespace fs

namespace fs::webhooks {

enum class Status { Pending, Delivered, Failed };
std::string_view status_name(Status s);
std::optional<Status> parse_status(std::string_view s);

struct Attempt {
  unsigned number = 0;         // 1-based over the delivery's life (redeliveries continue counting)
  std::int64_t time_ms = 0;    // namespace clock when sent
  std::int64_t timestamp = 0;  // the webhook-timestamp header (wall-clock seconds)
  unsigned status = 0;         // HTTP status; 0 = no answer (see error)
  std::string error;
  std::int64_t duration_us = 0;
  std::string response_body;   // first KiB
  std::string fault;           // fault rule that shaped this attempt
  bool redelivery = false;
};

struct Delivery {
  std::uint64_t seq = 0;
  std::string id;  // also the webhook-id header, stable across retries and redeliveries
  std::string event;
  std::string key;  // ordering key
  std::shared_ptr<const Receiver> receiver;
  boost::json::object payload;
  std::string body;  // serialized once: every attempt sends the same bytes
  Status status = Status::Pending;
  std::vector<Attempt> attempts;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> next_attempt_ms;  // a retry (or fault delay) is scheduled for then
  std::string error;                             // why it failed (last attempt's error, "queue full")
  // Work state.
  std::string chain;            // ordering chain this delivery heads or waits in ("" = none)
  std::uint64_t token = 0;      // identifies the current scheduled job / in-flight attempt
  bool in_flight = false;
  bool redelivering = false;    // a single manual attempt, no retry schedule
  unsigned cycle_attempts = 0;  // attempts since it was queued (for the retry schedule)
  std::optional<Attempt> current;
};

struct Filter {
  std::string event, receiver, key;
  std::optional<Status> status;
  bool matches(const Delivery& d) const;
};

class Deliveries : public std::enable_shared_from_this<Deliveries> {
 public:
  Deliveries(Namespace& ns, Services& services, const WebhooksSection& config);
  ~Deliveries();
  Deliveries(const Deliveries&) = delete;
  Deliveries& operator=(const Deliveries&) = delete;

  // EventSink work: one delivery per matching receiver. Never blocks.
  void publish(const Event& e);
  const std::vector<std::string>& last_published() const { return last_published_; }

  void set_receivers(const std::vector<ReceiverSpec>& specs, std::string source);
  boost::json::object receivers_json() const;

  enum class RedeliverResult { Started, NotFound, Pending, QueueFull };
  RedeliverResult redeliver(const std::string& id);

  const Delivery* find(const std::string& id) const;
  boost::json::object list_json(const Filter& f, std::size_t limit) const;
  boost::json::object delivery_json(const Delivery& d) const;
  boost::json::object stats_json() const;
  std::size_t count(const Filter& f) const;

  // Long-poll: answers `call` now if `min` deliveries match, else when they do or after wait_ms.
  void wait(const routing::CallPtr& call, Filter f, std::size_t min, std::size_t limit, std::int64_t wait_ms);
  void answer_all_waiters();  // shutdown

  std::size_t pending() const { return pending_; }

 private:
  struct Waiter {
    std::uint64_t id;
    routing::CallPtr call;
    Filter filter;
    std::size_t min;
    std::size_t limit;
  };

  Delivery* find_seq(std::uint64_t seq);
  void begin_attempt(Delivery& d);
  void send(Delivery& d, const std::optional<WebhookFault>& fault);
  void on_result(std::uint64_t seq, std::uint64_t token, const OutboundResult& r);
  void on_due(std::uint64_t seq, std::uint64_t token, const std::optional<WebhookFault>& fault);
  void finish(Delivery& d, Status s);
  void evict();
  void notify();

  // Runs fn(self) under the namespace lock if this object still exists.
  template <class Fn>
  static void with_locked(const std::weak_ptr<Namespace>& wn, const std::weak_ptr<Deliveries>& wd, Fn&& fn);

  Namespace& ns_;
  Services& services_;
  std::vector<std::int64_t> schedule_;
  std::int64_t timeout_ms_;
  std::size_t capacity_;
  std::size_t retained_;

  std::vector<std::shared_ptr<const Receiver>> receivers_;
  std::string receivers_source_;  // scenario | cli | api | none
  std::uint64_t next_rid_ = 1;

  std::map<std::uint64_t, Delivery> log_;  // by seq: oldest first
  std::unordered_map<std::string, std::uint64_t> by_id_;
  std::unordered_map<std::string, std::deque<std::uint64_t>> chains_;
  std::deque<std::uint64_t> finished_order_;
  std::vector<std::string> last_published_;
  std::vector<Waiter> waiters_;

  std::uint64_t next_seq_ = 1;
  std::uint64_t next_token_ = 1;
  std::uint64_t next_waiter_ = 1;
  std::size_t pending_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t scheduled_ = 0;
  std::uint64_t delivered_total_ = 0;
  std::uint64_t failed_total_ = 0;
  std::uint64_t overflow_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t attempts_total_ = 0;
  std::uint64_t events_total_ = 0;
};

}  // namespace fs::webhooks
