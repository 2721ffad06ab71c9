#include "webhooks/deliveries.hpp"

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/namespace.hpp"
#include "core/services.hpp"
#include "core/settings.hpp"
#include "core/timers.hpp"
#include "routing/call.hpp"
#include "webhooks/signing.hpp"

#include <boost/json.hpp>

namespace fs::webhooks {

namespace bj = boost::json;

namespace {
constexpr std::size_t kMaxResponseBody = 1024;
}

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Pending: return "pending";
    case Status::Delivered: return "delivered";
    case Status::Failed: return "failed";
  }
  return "pending";
}

std::optional<Status> parse_status(std::string_view s) {
  if (s == "pending") return Status::Pending;
  if (s == "delivered") return Status::Delivered;
  if (s == "failed") return Status::Failed;
  return std::nullopt;
}

bool Filter::matches(const Delivery& d) const {
  if (!event.empty() && d.event != event) return false;
  if (status && d.status != *status) return false;
  if (!receiver.empty() && d.receiver->spec.url != receiver) return false;
  if (!key.empty() && d.key != key) return false;
  return true;
}

Deliveries::Deliveries(Namespace& ns, Services& services, const WebhooksSection& config)
    : ns_(ns),
      services_(services),
      schedule_(config.retry_schedule_ms),
      timeout_ms_(config.timeout_ms),
      capacity_(config.queue_capacity),
      retained_(config.retained) {
  if (config.receivers_set) {
    set_receivers(config.receivers, "scenario");
  } else if (!services.settings.webhook_url.empty()) {
    set_receivers({ReceiverSpec{services.settings.webhook_url, "", {}}}, "cli");
  } else {
    receivers_source_ = "none";
  }
}

Deliveries::~Deliveries() { answer_all_waiters(); }

template <class Fn>
void Deliveries::with_locked(const std::weak_ptr<Namespace>& wn, const std::weak_ptr<Deliveries>& wd, Fn&& fn) {
  auto ns = wn.lock();
  if (!ns) return;
  auto guard = ns->lock();
  auto self = wd.lock();
  if (!self) return;  // the namespace was reset: these deliveries are gone
  fn(*self);
}

void Deliveries::set_receivers(const std::vector<ReceiverSpec>& specs, std::string source) {
  receivers_.clear();
  for (const auto& spec : specs) {
    auto r = std::make_shared<Receiver>();
    r->rid = next_rid_++;
    r->spec = spec;
    if (!spec.secret.empty()) r->key = signing_key(spec.secret);
    receivers_.push_back(std::move(r));
  }
  receivers_source_ = receivers_.empty() ? "none" : std::move(source);
}

boost::json::object Deliveries::receivers_json() const {
  bj::array list;
  for (const auto& r : receivers_) {
    bj::object o;
    o["url"] = r->spec.url;
    if (!r->spec.secret.empty()) o["secret"] = r->spec.secret;
    if (!r->spec.events.empty()) {
      bj::array ev;
      for (const auto& e : r->spec.events) ev.push_back(bj::string(e));
      o["events"] = std::move(ev);
    }
    list.push_back(std::move(o));
  }
  return {{"receivers", std::move(list)}, {"source", receivers_source_}};
}

Delivery* Deliveries::find_seq(std::uint64_t seq) {
  auto it = log_.find(seq);
  return it == log_.end() ? nullptr : &it->second;
}

const Delivery* Deliveries::find(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  auto d = log_.find(it->second);
  return d == log_.end() ? nullptr : &d->second;
}

void Deliveries::publish(const Event& e) {
  last_published_.clear();
  ++events_total_;
  for (const auto& r : receivers_) {
    if (!r->accepts(e.type)) continue;
    Delivery d;
    d.seq = next_seq_++;
    do d.id = new_message_id();
    while (by_id_.count(d.id));
    d.event = e.type;
    d.key = e.ordering_key;
    d.receiver = r;
    d.payload = e.payload;
    d.body = json::write(e.payload);
    d.created_ms = ns_.now_ms();
    std::uint64_t seq = d.seq;
    by_id_.emplace(d.id, seq);
    last_published_.push_back(d.id);
    if (pending_ >= capacity_) {
      // Overflow policy: the new delivery is not queued; it is recorded as failed, and counted.
      d.status = Status::Failed;
      d.error = "queue full: " + std::to_string(capacity_) + " deliveries already pending in this namespace";
      ++overflow_;
      log_.emplace(seq, std::move(d));
      finished_order_.push_back(seq);
      evict();
      continue;
    }
    ++pending_;
    Delivery& ref = log_.emplace(seq, std::move(d)).first->second;
    if (e.ordering_key.empty()) {
      begin_attempt(ref);
      continue;
    }
    ref.chain = std::to_string(r->rid) + '\n' + e.ordering_key;
    auto& queue = chains_[ref.chain];
    queue.push_back(seq);
    if (queue.size() == 1) begin_attempt(ref);  // else it waits for the earlier ones
  }
  notify();
}

void Deliveries::begin_attempt(Delivery& d) {
  std::optional<WebhookFault> fault;
  if (auto* hook = ns_.webhook_fault_hook()) fault = hook->on_attempt(d.receiver->spec.url, d.event);
  if (fault && fault->delay_ms > 0) {
    std::int64_t delay = fault->delay_ms;
    fault->delay_ms = 0;
    d.token = next_token_++;
    d.next_attempt_ms = ns_.now_ms() + delay;
    ++scheduled_;
    ns_.schedule_in(delay, [wd = weak_from_this(), seq = d.seq, token = d.token, fault] {
      if (auto self = wd.lock()) self->on_due(seq, token, fault);
    });
    return;
  }
  send(d, fault);
}

void Deliveries::on_due(std::uint64_t seq, std::uint64_t token, const std::optional<WebhookFault>& fault) {
  Delivery* d = find_seq(seq);
  if (!d || d->token != token || d->in_flight || d->status != Status::Pending) return;
  --scheduled_;
  d->next_attempt_ms.reset();
  if (fault) send(*d, fault);  // the end of a fault delay: this attempt's fault was already decided
  else begin_attempt(*d);      // a retry: a new attempt, asked of the fault rules afresh
}

void Deliveries::send(Delivery& d, const std::optional<WebhookFault>& fault) {
  d.next_attempt_ms.reset();
  d.in_flight = true;
  ++in_flight_;
  d.token = next_token_++;
  ++d.cycle_attempts;
  Attempt a;
  a.number = static_cast<unsigned>(d.attempts.size() + 1);
  a.time_ms = ns_.now_ms();
  a.timestamp = wall_clock_ms() / 1000;
  a.redelivery = d.redelivering;
  if (fault) a.fault = fault->rule;
  std::int64_t timestamp = a.timestamp;
  d.current = std::move(a);

  auto complete = [wn = ns_.weak_from_this(), wd = weak_from_this(), seq = d.seq, token = d.token](OutboundResult r) {
    with_locked(wn, wd, [&](Deliveries& self) { self.on_result(seq, token, r); });
  };
  auto synthetic = [this, &complete](OutboundResult r) {
    // Like a real answer, it is handled later on an I/O thread, never inside this call.
    services_.timers.post([complete, r = std::move(r)]() mutable { complete(std::move(r)); });
  };
  if (fault && fault->fail_connection) {
    OutboundResult r;
    r.error = "connection failed (fault rule " + fault->rule + ")";
    return synthetic(std::move(r));
  }
  if (fault && fault->status != 0) {
    OutboundResult r;
    r.status = fault->status;
    return synthetic(std::move(r));
  }
  if (!services_.outbound) {
    OutboundResult r;
    r.error = "no outbound HTTP transport";
    return synthetic(std::move(r));
  }
  OutboundRequest req;
  req.url = d.receiver->spec.url;
  req.headers.reserve(5);
  req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("webhook-id", d.id);
  req.headers.emplace_back("webhook-timestamp", std::to_string(timestamp));
  if (!d.receiver->spec.secret.empty())
    req.headers.emplace_back("webhook-signature", sign(d.receiver->key, d.id, timestamp, d.body));
  req.body = d.body;
  req.timeout = std::chrono::milliseconds(timeout_ms_);
  services_.outbound->post(std::move(req), std::move(complete));
}

void Deliveries::on_result(std::uint64_t seq, std::uint64_t token, const OutboundResult& r) {
  Delivery* d = find_seq(seq);
  if (!d || !d->in_flight || d->token != token || !d->current) return;
  d->in_flight = false;
  --in_flight_;
  Attempt a = std::move(*d->current);
  d->current.reset();
  a.status = r.status;
  a.error = r.error;
  if (a.status == 0 && a.error.empty()) a.error = "no answer";
  a.duration_us = r.duration.count();
  a.response_body = r.body.substr(0, kMaxResponseBody);
  bool ok = a.error.empty() && a.status >= 200 && a.status < 300;
  std::string why = ok ? std::string() : !a.error.empty() ? a.error : "HTTP " + std::to_string(a.status);
  d->attempts.push_back(std::move(a));
  ++attempts_total_;
  if (ok) {
    finish(*d, Status::Delivered);
  } else if (d->redelivering || d->cycle_attempts > schedule_.size()) {
    d->error = std::move(why);
    finish(*d, Status::Failed);
  } else {
    d->error = std::move(why);
    std::int64_t delay = schedule_[d->cycle_attempts - 1];
    d->token = next_token_++;
    d->next_attempt_ms = ns_.now_ms() + delay;
    ++scheduled_;
    ns_.schedule_in(delay, [wd = weak_from_this(), seq, token = d->token] {
      if (auto self = wd.lock()) self->on_due(seq, token, std::nullopt);
    });
  }
  notify();
}

void Deliveries::finish(Delivery& d, Status s) {
  d.status = s;
  d.token = 0;
  d.next_attempt_ms.reset();
  d.redelivering = false;
  if (s == Status::Delivered) d.error.clear();
  --pending_;
  std::uint64_t seq = d.seq;
  std::string chain = std::move(d.chain);
  d.chain.clear();
  finished_order_.push_back(seq);
  if (!chain.empty()) {
    auto it = chains_.find(chain);
    if (it != chains_.end()) {
      auto& queue = it->second;
      if (!queue.empty() && queue.front() == seq) queue.pop_front();
      if (queue.empty()) {
        chains_.erase(it);
      } else if (Delivery* next = find_seq(queue.front())) {
        begin_attempt(*next);
      }
    }
  }
  evict();  // may drop `d`: nothing touches it after this
}

void Deliveries::evict() {
  while (log_.size() - pending_ > retained_ && !finished_order_.empty()) {
    std::uint64_t seq = finished_order_.front();
    finished_order_.pop_front();
    auto it = log_.find(seq);
    if (it == log_.end() || it->second.status == Status::Pending) continue;  // gone, or redelivering
    by_id_.erase(it->second.id);
    log_.erase(it);
    ++dropped_;
  }
}

Deliveries::RedeliverResult Deliveries::redeliver(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return RedeliverResult::NotFound;
  Delivery* d = find_seq(it->second);
  if (!d) return RedeliverResult::NotFound;
  if (d->status == Status::Pending) return RedeliverResult::Pending;
  if (pending_ >= capacity_) {
    ++overflow_;
    return RedeliverResult::QueueFull;
  }
  d->status = Status::Pending;
  d->redelivering = true;
  d->cycle_attempts = 0;
  d->error.clear();
  d->chain.clear();  // a manual redelivery does not wait behind (or hold up) its key's queue
  ++pending_;
  begin_attempt(*d);
  notify();
  return RedeliverResult::Started;
}

std::size_t Deliveries::count(const Filter& f) const {
  std::size_t n = 0;
  for (const auto& [seq, d] : log_)
    if (f.matches(d)) ++n;
  return n;
}

boost::json::object Deliveries::delivery_json(const Delivery& d) const {
  bj::object o;
  o["id"] = d.id;
  o["event"] = d.event;
  o["key"] = d.key;
  o["receiver"] = d.receiver->spec.url;
  o["status"] = status_name(d.status);
  o["payload"] = d.payload;
  o["created_ms"] = d.created_ms;
  bj::array attempts;
  for (const auto& a : d.attempts) {
    bj::object ao;
    ao["attempt"] = a.number;
    ao["time_ms"] = a.time_ms;
    ao["timestamp"] = a.timestamp;
    if (a.status) ao["status"] = a.status;
    else ao["status"] = nullptr;
    if (!a.error.empty()) ao["error"] = a.error;
    ao["duration_ms"] = static_cast<double>(a.duration_us) / 1000.0;
    ao["response_body"] = a.response_body;
    if (!a.fault.empty()) ao["fault"] = a.fault;
    if (a.redelivery) ao["redelivery"] = true;
    attempts.push_back(std::move(ao));
  }
  o["attempts"] = std::move(attempts);
  if (d.in_flight) o["in_flight"] = true;
  if (d.next_attempt_ms) o["next_attempt_ms"] = *d.next_attempt_ms;
  if (!d.error.empty()) o["error"] = d.error;
  return o;
}

boost::json::object Deliveries::stats_json() const {
  std::size_t delivered = 0, failed = 0;
  for (const auto& [seq, d] : log_) {
    if (d.status == Status::Delivered) ++delivered;
    else if (d.status == Status::Failed) ++failed;
  }
  return {{"pending", pending_},
          {"in_flight", in_flight_},
          {"retry_scheduled", scheduled_},
          {"waiting_in_order", pending_ - in_flight_ - scheduled_},
          {"delivered", delivered},
          {"failed", failed},
          {"queue_capacity", capacity_},
          {"overflow", overflow_},
          {"retained", log_.size()},
          {"retained_limit", retained_},
          {"dropped", dropped_},
          {"attempts", attempts_total_},
          {"events", events_total_}};
}

boost::json::object Deliveries::list_json(const Filter& f, std::size_t limit) const {
  std::vector<const Delivery*> matched;
  for (const auto& [seq, d] : log_)
    if (f.matches(d)) matched.push_back(&d);
  std::size_t from = limit && matched.size() > limit ? matched.size() - limit : 0;
  bj::array list;
  list.reserve(matched.size() - from);
  for (std::size_t i = from; i < matched.size(); ++i) list.push_back(delivery_json(*matched[i]));
  return {{"deliveries", std::move(list)}, {"matched", matched.size()}, {"stats", stats_json()}};
}

void Deliveries::wait(const routing::CallPtr& call, Filter f, std::size_t min, std::size_t limit,
                      std::int64_t wait_ms) {
  if (wait_ms <= 0 || count(f) >= min) {
    call->reply(routing::Response::json(200, list_json(f, limit)));
    return;
  }
  std::uint64_t id = next_waiter_++;
  waiters_.push_back(Waiter{id, call, std::move(f), min, limit});
  services_.timers.call_after(std::chrono::milliseconds(wait_ms),
                              [wn = ns_.weak_from_this(), wd = weak_from_this(), id] {
                                with_locked(wn, wd, [id](Deliveries& self) {
                                  for (auto it = self.waiters_.begin(); it != self.waiters_.end(); ++it) {
                                    if (it->id != id) continue;
                                    Waiter w = std::move(*it);
                                    self.waiters_.erase(it);
                                    w.call->reply(routing::Response::json(200, self.list_json(w.filter, w.limit)));
                                    return;
                                  }
                                });
                              });
}

void Deliveries::notify() {
  if (waiters_.empty()) return;
  for (std::size_t i = 0; i < waiters_.size();) {
    if (count(waiters_[i].filter) >= waiters_[i].min) {
      Waiter w = std::move(waiters_[i]);
      waiters_.erase(waiters_.begin() + static_cast<std::ptrdiff_t>(i));
      w.call->reply(routing::Response::json(200, list_json(w.filter, w.limit)));
    } else {
      ++i;
    }
  }
}

void Deliveries::answer_all_waiters() {
  auto waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& w : waiters) w.call->reply(routing::Response::json(200, list_json(w.filter, w.limit)));
}

}  // namespace fs::webhooks
