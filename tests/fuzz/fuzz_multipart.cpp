// libFuzzer: any bytes as a Content-Type line, a newline, then a multipart/form-data body.
#include "waldo/multipart.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto nl = in.find('\n');
  std::string_view type = in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  auto boundary = fs::waldo::multipart::boundary(type);
  if (!boundary) return 0;
  auto result = fs::waldo::multipart::parse(body, *boundary);
  for (const auto& part : result.parts) {
    // Every part's bytes must lie inside the body it was parsed from.
    if (part.data.data() < body.data() || part.data.data() + part.data.size() > body.data() + body.size())
      __builtin_trap();
  }
  return 0;
}
