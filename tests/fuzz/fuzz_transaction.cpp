// libFuzzer: any bytes as a signed or unsigned FIL transaction through the SCALE layout parsers.
#include "fil/transaction.hpp"

#include <algorithm>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fs::fil::ByteView bytes(data, size);
  auto signed_tx = fs::fil::parse_signed(bytes);
  if (signed_tx.ok()) (void)fs::fil::decode_payload(signed_tx->payload);
  auto unsigned_tx = fs::fil::decode_unsigned(bytes);
  if (unsigned_tx.ok()) {
    // What decodes must re-encode to the same bytes.
    auto again = fs::fil::encode_unsigned(*unsigned_tx);
    if (again.size() != size || !std::equal(again.begin(), again.end(), data)) __builtin_trap();
  }
  return 0;
}
