// libFuzzer: any bytes as one HTTP request (method, target, headers, body) through the dispatcher,
// the router and every handler, in one namespace with a manual clock. Nothing may crash, hang or
// leave a call unanswered.
#include "app/engine.hpp"
#include "core/timers.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// Real time never passes in the fuzzer; deferred work is dropped.
struct NoTimers : fs::TimerService {
  void call_after(std::chrono::milliseconds, std::function<void()>) override {}
  void post(std::function<void()> fn) override { fn(); }
};

fs::app::Engine& engine() {
  static fs::Settings settings = [] {
    fs::Settings s;
    s.clock = fs::ClockMode::Manual;
    s.log_format = fs::LogFormat::None;
    s.journal_capacity = 64;
    s.max_namespaces = 8;
    s.max_retained = 256;
    return s;
  }();
  static NoTimers timers;
  static fs::app::Engine e(settings, timers, nullptr);
  return e;
}

fs::routing::Request to_request(std::string_view in) {
  fs::routing::Request r;
  auto line_end = in.find('\n');
  std::string_view first = in.substr(0, line_end);
  in = line_end == std::string_view::npos ? std::string_view() : in.substr(line_end + 1);
  auto sp = first.find(' ');
  r.method_text = std::string(first.substr(0, sp));
  r.method = fs::routing::parse_method(r.method_text);
  r.target = sp == std::string_view::npos ? "/" : std::string(first.substr(sp + 1));
  if (r.target.empty() || r.target[0] != '/') r.target.insert(0, "/");
  while (!in.empty()) {
    auto e = in.find('\n');
    std::string_view line = in.substr(0, e);
    in = e == std::string_view::npos ? std::string_view() : in.substr(e + 1);
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    r.headers.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
  }
  r.body = std::string(in);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  bool answered = false;
  engine().dispatcher().dispatch(to_request(in), [&answered](fs::routing::Response) { answered = true; });
  // Long-polls may legitimately wait; everything else must have answered synchronously here.
  (void)answered;
  return 0;
}
