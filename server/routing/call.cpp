#include "routing/call.hpp"

#include "core/namespace.hpp"
#include "core/services.hpp"

namespace fs::routing {

Call::Call(Request request, Params params, std::shared_ptr<Namespace> ns, Services& services, const Route& route,
           const ErrorFormatter& errors, Done done)
    : request_(std::move(request)),
      params_(std::move(params)),
      ns_(std::move(ns)),
      services_(services),
      route_(route),
      errors_(errors),
      done_(std::move(done)),
      start_(std::chrono::steady_clock::now()) {}

Call::~Call() {
  // A handler that lost its call without answering is a bug; the client still gets an answer.
  if (!replied_.load()) reply_error(500, "INTERNAL_ERROR", "The sandbox handler did not answer.");
}

const std::string& Call::param(std::string_view name) const {
  static const std::string empty;
  for (const auto& [k, v] : params_)
    if (k == name) return v;
  return empty;
}

void Call::reply_error(unsigned status, std::string_view code, std::string_view message) {
  reply(errors_(status, code, message));
}

void Call::reply(Response response) {
  if (replied_.exchange(true)) return;
  response.delay += extra_delay_;
  if (transport_ != Transport::Normal) response.transport = transport_;
  for (auto& h : extra_headers_) response.headers.push_back(std::move(h));
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start_).count();
  std::string variants;
  for (const auto& v : variants_) {
    if (!variants.empty()) variants += ',';
    variants += v;
  }
  services_.log.request(RequestLogLine{ns_->name(), request_.method_text, request_.path, response.status, micros,
                                       variants, fault_});
  if (!route_.options.control) {
    JournalEntry e;
    e.time_ms = ns_->clock_now_ms();
    e.method = request_.method_text;
    e.path = request_.path;
    e.query = request_.query;
    e.headers.reserve(request_.headers.size());
    for (const auto& h : request_.headers) e.headers.emplace_back(h.name, h.value);
    e.body = request_.body.size() > Journal::kMaxBody ? request_.body.substr(0, Journal::kMaxBody + 1) : request_.body;
    e.status = response.status;
    e.duration_us = micros;
    e.variants = variants_;
    e.fault = fault_;
    ns_->journal().record(std::move(e));
  }
  Done done = std::move(done_);
  done(std::move(response));
}

}  // namespace fs::routing
