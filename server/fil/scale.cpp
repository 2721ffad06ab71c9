#include "fil/scale.hpp"

#include <algorithm>
#include <string>

namespace fs::fil {

namespace {
constexpr std::uint64_t kSingleMax = (1ULL << 6) - 1;
constexpr std::uint64_t kTwoMax = (1ULL << 14) - 1;
constexpr std::uint64_t kFourMax = (1ULL << 30) - 1;

int significant_bytes(std::uint64_t n) {
  int count = 0;
  while (n != 0) {
    ++count;
    n >>= 8;
  }
  return count;
}
}  // namespace

void append_compact(Bytes& out, std::uint64_t n) {
  if (n <= kSingleMax) {
    out.push_back(static_cast<std::uint8_t>(n << 2));
  } else if (n <= kTwoMax) {
    const auto v = static_cast<std::uint16_t>((n << 2) | 1);
    out.push_back(static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
  } else if (n <= kFourMax) {
    const auto v = static_cast<std::uint32_t>((n << 2) | 2);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  } else {
    // Big-integer mode: at least 4 bytes follow; here 4..8 because n fits in u64.
    const int len = std::max(4, significant_bytes(n));
    out.push_back(static_cast<std::uint8_t>(((len - 4) << 2) | 3));
    for (int i = 0; i < len; ++i) out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  }
}

Bytes encode_compact(std::uint64_t n) {
  Bytes out;
  append_compact(out, n);
  return out;
}

Result<std::uint64_t> decode_compact(ByteView bytes) {
  Reader r(bytes);
  const std::uint64_t n = r.compact();
  r.expect_end();
  if (!r.ok()) return *r.error();
  return n;
}

// ---- Writer -----------------------------------------------------------------------------------

void Writer::le(std::uint64_t v, int width) {
  for (int i = 0; i < width; ++i) buf_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Writer::bytes(ByteView b) {
  compact(b.size());
  raw(b);
}

void Writer::str(std::string_view text) {
  bytes(ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// ---- Reader -----------------------------------------------------------------------------------

void Reader::fail(std::string message) {
  if (!error_) error_ = Error{std::move(message), pos_};
}

void Reader::expect_end() {
  if (ok() && !at_end())
    fail(std::to_string(data_.size() - pos_) + " unexpected trailing byte(s)");
}

bool Reader::need(std::size_t n) {
  if (!ok()) return false;
  if (data_.size() - pos_ < n) {
    fail("truncated input: need " + std::to_string(n) + " byte(s), have " +
         std::to_string(data_.size() - pos_));
    return false;
  }
  return true;
}

std::uint64_t Reader::le(int width) {
  if (!need(static_cast<std::size_t>(width))) return 0;
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) v |= static_cast<std::uint64_t>(data_[pos_ + i]) << (8 * i);
  pos_ += static_cast<std::size_t>(width);
  return v;
}

std::uint8_t Reader::u8() { return static_cast<std::uint8_t>(le(1)); }
std::uint16_t Reader::u16() { return static_cast<std::uint16_t>(le(2)); }
std::uint32_t Reader::u32() { return static_cast<std::uint32_t>(le(4)); }
std::uint64_t Reader::u64() { return le(8); }

bool Reader::boolean() {
  const std::size_t at = pos_;
  const std::uint8_t b = u8();
  if (b > 1) {
    pos_ = at;
    fail("invalid bool byte " + std::to_string(b));
    return false;
  }
  return b == 1;
}

std::uint64_t Reader::compact() {
  if (!need(1)) return 0;
  const std::size_t start = pos_;
  const std::uint8_t mode = data_[pos_] & 3;
  std::uint64_t n = 0;
  std::uint64_t min = 0;  // smallest value that must use this mode (canonical check)
  if (mode == 0) {
    n = u8() >> 2;
  } else if (mode == 1) {
    n = u16() >> 2;
    min = kSingleMax + 1;
  } else if (mode == 2) {
    n = u32() >> 2;
    min = kTwoMax + 1;
  } else {
    const int len = (u8() >> 2) + 4;
    if (len > 8) {
      pos_ = start;
      fail("compact integer wider than u64 (" + std::to_string(len) + " bytes)");
      return 0;
    }
    n = le(len);
    min = len == 4 ? kFourMax + 1 : (1ULL << (8 * (len - 1)));
  }
  if (ok() && n < min) {
    pos_ = start;
    fail("non-canonical compact integer");
    return 0;
  }
  return ok() ? n : 0;
}

ByteView Reader::raw(std::size_t n) {
  if (!need(n)) return {};
  ByteView v = data_.subspan(pos_, n);
  pos_ += n;
  return v;
}

Bytes Reader::bytes() {
  const std::size_t n = count(1);
  ByteView v = raw(n);
  return Bytes(v.begin(), v.end());
}

std::string Reader::str() {
  const std::size_t start = pos_;
  Bytes b = bytes();
  std::string s(b.begin(), b.end());
  if (ok() && !valid_utf8(s)) {
    pos_ = start;
    fail("string is not valid UTF-8");
    return {};
  }
  return s;
}

std::size_t Reader::count(std::size_t min_item_size) {
  const std::size_t start = pos_;
  const std::uint64_t n = compact();
  if (!ok()) return 0;
  const std::size_t room = data_.size() - pos_;
  if (min_item_size != 0 && n > room / min_item_size) {
    pos_ = start;
    fail("length " + std::to_string(n) + " exceeds the " + std::to_string(room) + " remaining byte(s)");
    return 0;
  }
  return static_cast<std::size_t>(n);
}

bool Reader::option_tag() {
  const std::size_t start = pos_;
  const std::uint8_t t = u8();
  if (t > 1) {
    pos_ = start;
    fail("invalid Option tag " + std::to_string(t));
    return false;
  }
  return t == 1;
}

std::uint8_t Reader::tag(std::uint8_t variant_count, std::string_view what) {
  const std::size_t start = pos_;
  const std::uint8_t t = u8();
  if (ok() && t >= variant_count) {
    pos_ = start;
    fail("unknown " + std::string(what) + " tag " + std::to_string(t));
    return 0;
  }
  return t;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    const unsigned char c = byte(i);
    int extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (text.size() - i <= static_cast<std::size_t>(extra)) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = byte(i + k);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

}  // namespace fs::fil
