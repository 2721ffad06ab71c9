// SCALE codec (Parity's "Simple Concatenated Aggregate Little-Endian"), the byte format of Iroha 2
// transactions. Pure functions, no exceptions on bad input:
//   * Writer appends encodings to a byte vector;
//   * Reader consumes a byte span with a *sticky* error: the first failure (truncation, bad tag,
//     non-canonical compact, invalid UTF-8, absurd length) is recorded with its offset, every later read
//     returns a zero value, and the caller checks ok() once at the end. Reads never go out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fs::fil {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

struct Error {
  std::string message;
  std::size_t offset = 0;  // byte offset in the decoded input where the problem was found
};

// A value or an Error (std::expected is C++23).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// ---- Compact integers -------------------------------------------------------------------------
// n < 2^6: 1 byte n<<2 | n < 2^14: 2 bytes LE (n<<2)|1 | n < 2^30: 4 bytes LE (n<<2)|2 |
// otherwise ((byte_count-4)<<2)|3 then the minimal little-endian bytes (here at most 8: u64).
Bytes encode_compact(std::uint64_t n);
void append_compact(Bytes& out, std::uint64_t n);
// Whole-buffer decode; fails on trailing bytes.
Result<std::uint64_t> decode_compact(ByteView bytes);

class Writer {
 public:
  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v) { le(v, 2); }
  void u32(std::uint32_t v) { le(v, 4); }
  void u64(std::uint64_t v) { le(v, 8); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void compact(std::uint64_t n) { append_compact(buf_, n); }
  void raw(ByteView bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }
  void bytes(ByteView bytes);       // compact length + bytes (Vec<u8>)
  void str(std::string_view text);  // compact length + UTF-8 bytes (String)
  // Option<T>: 00 = None, 01 then the value = Some.
  template <class T, class F>
  void option(const std::optional<T>& v, F encode_value) {
    u8(v ? 1 : 0);
    if (v) encode_value(*this, *v);
  }
  // Vec<T>: compact count then each element.
  template <class T, class F>
  void vec(const std::vector<T>& items, F encode_item) {
    compact(items.size());
    for (const auto& item : items) encode_item(*this, item);
  }
  const Bytes& data() const { return buf_; }
  Bytes take() { return std::move(buf_); }

 private:
  void le(std::uint64_t v, int width);
  Bytes buf_;
};

class Reader {
 public:
  explicit Reader(ByteView data) : data_(data) {}

  bool ok() const { return !error_; }
  const std::optional<Error>& error() const { return error_; }
  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return ok() ? data_.size() - pos_ : 0; }
  bool at_end() const { return pos_ == data_.size(); }
  // Records the first error only; later calls are ignored so the root cause survives.
  void fail(std::string message);
  // Fails unless every byte was consumed.
  void expect_end();

  std::uint8_t u8();
  std::uint16_t u16();
  std::uint32_t u32();
  std::uint64_t u64();
  bool boolean();             // 00 / 01, anything else is an error
  std::uint64_t compact();    // canonical encodings only (the shortest mode), at most u64
  ByteView raw(std::size_t n);  // a view into the input; empty on failure
  Bytes bytes();              // Vec<u8>
  std::string str();          // String: must be valid UTF-8
  // Compact element count, failing when it exceeds the remaining bytes / min_item_size
  // (guards against huge allocations from hostile lengths).
  std::size_t count(std::size_t min_item_size = 1);
  // Option tag: false = None, true = Some; other tags fail.
  bool option_tag();
  // Enum tag with a check that it is < variant_count.
  std::uint8_t tag(std::uint8_t variant_count, std::string_view what);

  template <class F>
  auto option(F decode_value) -> std::optional<decltype(decode_value(*this))> {
    if (!option_tag()) return std::nullopt;
    auto v = decode_value(*this);
    if (!ok()) return std::nullopt;
    return v;
  }
  template <class F>
  auto vec(F decode_item, std::size_t min_item_size = 1) -> std::vector<decltype(decode_item(*this))> {
    std::vector<decltype(decode_item(*this))> items;
    const std::size_t n = count(min_item_size);
    for (std::size_t i = 0; i < n && ok(); ++i) items.push_back(decode_item(*this));
    if (!ok()) items.clear();
    return items;
  }

 private:
  bool need(std::size_t n);
  std::uint64_t le(int width);

  ByteView data_;
  std::size_t pos_ = 0;
  std::optional<Error> error_;
};

// True for well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view text);

}  // namespace fs::fil
