#pragma once
// Fault rules that apply to outgoing webhook deliveries. The faults module implements it and
// attaches it to each namespace; the webhook dispatcher asks it before every attempt.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fs {

struct WebhookFault {
  std::string rule;            // the rule's name, for the delivery log
  std::int64_t delay_ms = 0;   // hold the attempt this long (namespace clock) before sending
  unsigned status = 0;         // non-zero: do not send; record the attempt as if the receiver answered this
  bool fail_connection = false;  // do not send; record the attempt as a failed connection
};

class WebhookFaultHook {
 public:
  virtual ~WebhookFaultHook() = default;
  // Called with the namespace lock held, once per delivery attempt.
  virtual std::optional<WebhookFault> on_attempt(std::string_view receiver_url, std::string_view event_type) = 0;
};

}  // namespace fs
