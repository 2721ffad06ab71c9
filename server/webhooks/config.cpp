#include "webhooks/config.hpp"

#include "scenario/reader.hpp"
#include "webhooks/signing.hpp"
#include "webhooks/url.hpp"

#include <algorithm>

namespace fs::webhooks {

bool Receiver::accepts(std::string_view event_type) const {
  return spec.events.empty() || std::find(spec.events.begin(), spec.events.end(), event_type) != spec.events.end();
}

std::optional<ReceiverSpec> read_receiver(const boost::json::value& v, const std::string& path,
                                          scenario::Problems& problems) {
  std::size_t before = problems.size();
  scenario::Reader r(v, path, problems);
  if (!r.ok()) return std::nullopt;
  ReceiverSpec spec;
  if (auto url = r.string("url", true)) {
    std::string why;
    if (!parse_http_url(*url, &why)) r.error("url", why + ", found \"" + *url + "\"");
    spec.url = *url;
  }
  if (auto secret = r.string("secret")) {
    std::string why;
    if (!is_valid_secret(*secret, &why)) r.error("secret", why);
    spec.secret = *secret;
  }
  if (auto events = r.strings("events")) spec.events = *events;
  r.finish();
  if (problems.size() != before) return std::nullopt;
  return spec;
}

std::shared_ptr<const WebhooksSection> read_section(const boost::json::value* v, scenario::Problems& problems) {
  auto s = std::make_shared<WebhooksSection>();
  if (!v) return s;
  scenario::Reader r(*v, "$.webhooks", problems);
  if (!r.ok()) return s;
  if (const auto* list = r.array("receivers")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto spec = read_receiver((*list)[i], scenario::index_path(r.path_of("receivers"), i), problems))
        s->receivers.push_back(std::move(*spec));
    }
    s->receivers_set = !list->empty();
  }
  if (const auto* sched = r.array("retry_schedule_ms")) {
    std::vector<std::int64_t> delays;
    if (sched->size() > 50) r.error("retry_schedule_ms", "at most 50 retries, found " + std::to_string(sched->size()));
    for (std::size_t i = 0; i < sched->size(); ++i) {
      const auto& e = (*sched)[i];
      std::optional<std::int64_t> n;
      if (e.is_int64()) n = e.get_int64();
      else if (e.is_uint64() && e.get_uint64() <= 86400000u) n = static_cast<std::int64_t>(e.get_uint64());
      if (!n || *n < 0 || *n > 86400000)
        problems.add(scenario::index_path(r.path_of("retry_schedule_ms"), i),
                     "expected a delay in ms between 0 and 86400000");
      else
        delays.push_back(*n);
    }
    s->retry_schedule_ms = std::move(delays);
  }
  if (auto t = r.integer("timeout_ms", 1, 600000)) s->timeout_ms = *t;
  if (auto q = r.integer("queue_capacity", 1, 1000000)) s->queue_capacity = static_cast<std::size_t>(*q);
  if (auto k = r.integer("retained", 1, 1000000)) s->retained = static_cast<std::size_t>(*k);
  return s;
}

}  // namespace fs::webhooks
