// Unit tests for server/fil/scale: compact integers (all four modes), fixed-width integers,
// strings, Option, Vec, and the Reader's behaviour on hostile input.
#include <doctest/doctest.h>

#include <limits>

#include "crypto/crypto.hpp"
#include "fil/scale.hpp"

using namespace fs::fil;

namespace {
Bytes hx(std::string_view hex) { return fs::crypto::hex_decode(hex).value(); }
std::string hex(const Bytes& b) { return fs::crypto::hex_encode(b); }
}  // namespace

TEST_CASE("compact integer vectors - every mode and boundary") {
  const std::pair<std::uint64_t, std::string_view> vectors[] = {
      {0, "00"},
      {1, "04"},
      {5, "14"},  // five instructions in FIL's sample
      {32, "80"}, // a 32-byte public key length
      {42, "a8"},
      {63, "fc"},
      {64, "0101"},
      {64, "0101"},  // 64-byte signature length, spec §5.2.1 "01 01"
      {69, "1501"},
      {72, "2101"},  // the grant payload length in the sample
      {16383, "fdff"},
      {16384, "02000100"},
      {1073741823, "feffffff"},
      {1073741824, "0300000040"},
      {0xffffffffULL, "03ffffffff"},
      {0x100000000ULL, "070000000001"},
      {0xffffffffffffULL, "0bffffffffffff"},
      {std::numeric_limits<std::uint64_t>::max(), "13ffffffffffffffff"},
  };
  for (auto [n, h] : vectors) {
    CAPTURE(n);
    CHECK(hex(encode_compact(n)) == h);
    auto back = decode_compact(hx(h));
    REQUIRE(back.ok());
    CHECK(*back == n);
  }
}

TEST_CASE("compact integer rejects non-canonical - truncated and oversized encodings") {
  for (std::string_view bad : {"", "01", "0100", "02000000", "0300000000", "03ffffff3f", "07ffffffff00",
                               "17000000000000000001", "04ff"}) {
    CAPTURE(bad);
    CHECK_FALSE(decode_compact(hx(bad)).ok());
  }
  auto r = decode_compact(hx("0100"));
  CHECK(r.error().message.find("non-canonical") != std::string::npos);
  CHECK(r.error().offset == 0);
}

TEST_CASE("fixed-width little-endian integers and bool") {
  Writer w;
  w.u8(0xab);
  w.u16(0x1234);
  w.u32(0x05265c00);
  w.u64(1704283160395ULL);
  w.boolean(true);
  CHECK(hex(w.data()) == "ab3412005c26054b3f31cf8c01000001");

  Reader r(w.data());
  CHECK(r.u8() == 0xab);
  CHECK(r.u16() == 0x1234);
  CHECK(r.u32() == 0x05265c00);
  CHECK(r.u64() == 1704283160395ULL);
  CHECK(r.boolean());
  r.expect_end();
  CHECK(r.ok());

  const Bytes two{0x02};
  Reader bad(two);
  bad.boolean();
  CHECK_FALSE(bad.ok());
}

TEST_CASE("strings - bytes - Option and Vec") {
  Writer w;
  w.str("admin");
  w.bytes(Bytes{1, 2, 3});
  w.option(std::optional<std::uint32_t>(0x999587a1), [](Writer& w, std::uint32_t v) { w.u32(v); });
  w.option(std::optional<std::uint32_t>(), [](Writer& w, std::uint32_t v) { w.u32(v); });
  w.vec(std::vector<std::string>{"bob", ""}, [](Writer& w, const std::string& s) { w.str(s); });
  CHECK(hex(w.data()) == "1461646d696e0c01020301a18795990008" "0c626f62" "00");

  Reader r(w.data());
  CHECK(r.str() == "admin");
  CHECK(r.bytes() == Bytes{1, 2, 3});
  CHECK(r.option([](Reader& r) { return r.u32(); }) == std::optional<std::uint32_t>(0x999587a1));
  CHECK_FALSE(r.option([](Reader& r) { return r.u32(); }).has_value());
  CHECK(r.vec([](Reader& r) { return r.str(); }) == std::vector<std::string>{"bob", ""});
  r.expect_end();
  CHECK(r.ok());
}

TEST_CASE("a long string uses the two-byte length") {
  const std::string s(100, 'x');
  Writer w;
  w.str(s);
  CHECK(w.data().size() == 102);
  CHECK(hex(Bytes(w.data().begin(), w.data().begin() + 2)) == "9101");
  Reader r(w.data());
  CHECK(r.str() == s);
  CHECK(r.ok());
}

TEST_CASE("Reader errors are sticky - located - and never read out of bounds") {
  SUBCASE("truncated fixed integer") {
    const Bytes b{1, 2, 3};
    Reader r(b);
    CHECK(r.u32() == 0);
    CHECK_FALSE(r.ok());
    CHECK(r.error()->offset == 0);
    CHECK(r.u8() == 0);  // still failing, returns zero
    CHECK(r.remaining() == 0);
  }
  SUBCASE("string length beyond the input") {
    const Bytes b = hx("fdff6162");  // claims 16383 bytes, has 2
    Reader r(b);
    CHECK(r.str().empty());
    CHECK_FALSE(r.ok());
    CHECK(r.error()->message.find("exceeds") != std::string::npos);
  }
  SUBCASE("hostile vector count does not allocate") {
    const Bytes b = hx("13ffffffffffffffff");
    Reader r(b);
    auto v = r.vec([](Reader& r) { return r.u8(); });
    CHECK(v.empty());
    CHECK_FALSE(r.ok());
  }
  SUBCASE("invalid UTF-8 string") {
    for (std::string_view h : {"08c328", "04ff", "08e282", "08c0af", "0ceda080"}) {
      CAPTURE(h);
      const Bytes b = hx(h);
      Reader r(b);
      r.str();
      CHECK_FALSE(r.ok());
    }
    const Bytes ok = hx("24c3a9e282acf09f9880");  // é € 😀
    Reader r(ok);
    CHECK(r.str() == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    CHECK(r.ok());
  }
  SUBCASE("bad Option tag and enum tag") {
    const Bytes b{0x02};
    Reader r(b);
    CHECK_FALSE(r.option_tag());
    CHECK_FALSE(r.ok());
    Reader t(b);
    t.tag(2, "Repeats");
    CHECK_FALSE(t.ok());
    CHECK(t.error()->message == "unknown Repeats tag 2");
  }
  SUBCASE("first error wins") {
    const Bytes b{};
    Reader r(b);
    r.fail("first");
    r.fail("second");
    CHECK(r.error()->message == "first");
  }
  SUBCASE("trailing bytes") {
    const Bytes b{0, 0};
    Reader r(b);
    r.u8();
    r.expect_end();
    CHECK_FALSE(r.ok());
    CHECK(r.error()->offset == 1);
  }
}

TEST_CASE("every prefix of a valid encoding fails cleanly") {
  Writer w;
  w.u64(7);
  w.str("hello");
  w.compact(1u << 20);
  const Bytes full = w.take();
  for (std::size_t n = 0; n < full.size(); ++n) {
    Reader r(ByteView(full.data(), n));
    r.u64();
    r.str();
    r.compact();
    CHECK_FALSE(r.ok());
  }
}

TEST_CASE("valid_utf8") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("plain ascii"));
  CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));         // U+10FFFF
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));   // above U+10FFFF
  CHECK_FALSE(valid_utf8("\xe0\x80\xaf"));       // overlong
  CHECK_FALSE(valid_utf8("\xc3"));               // truncated
}
