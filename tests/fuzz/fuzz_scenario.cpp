// libFuzzer: any bytes as a scenario file through the loader every module's section parser.
#include "app/modules.hpp"
#include "scenario/loader.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto modules = fs::app::make_modules();
  auto r = fs::scenario::load_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", modules);
  if (!r.scenario && r.problems.empty()) __builtin_trap();  // invalid must always say why
  return 0;
}
