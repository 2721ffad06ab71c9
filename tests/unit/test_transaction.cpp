// Unit tests for server/fil/transaction: the golden FIL assemble sample (spec §5.2.1), field
// substitution, the signatures-first envelope, hash variants (§5.2.2) and the flag template.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "crypto/crypto.hpp"
#include "fil/transaction.hpp"

#ifndef FS_TEST_DATA_DIR
#error "FS_TEST_DATA_DIR must name the absolute path of tests/data"
#endif

using namespace fs::fil;

namespace {

Bytes hx(std::string_view hex) { return fs::crypto::hex_decode(hex).value(); }
std::string hex(ByteView b) { return fs::crypto::hex_encode(b); }

Bytes sample_bytes() {
  std::ifstream in(std::string(FS_TEST_DATA_DIR) + "/fil-assemble-sample.hex");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  auto bytes = fs::crypto::hex_decode(text);
  REQUIRE(bytes.has_value());
  return *bytes;
}

constexpr std::string_view kDocSeed = "413b285d1819a6166b0daa762bb6bef2d082cffb9a13ce041cb0fda5e2f06dc3";
constexpr std::string_view kDocPub = "7fbedb314a9b0c00caef967ac5cabb982ec45da828a0c58a9aafc854f32422ac";
constexpr std::string_view kRfc1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kRfc1Pub = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kRfc2Seed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

const ContributionEntry kSampleEntry{"129.0.0.1-129.0.0.1", 3, "SE", "SE", 0, 1897052636, 1704283160395};
const AccountId kBob{"admin", "bob"};

ContributionTx sample_contribution() {
  return ContributionTx{1704283160395, kBob, {kSampleEntry}, 86'400'000, 0x999587a1};
}

}  // namespace

TEST_CASE("golden: FIL's assemble sample decodes to the fields of spec §5.2.1") {
  const Bytes bytes = sample_bytes();
  REQUIRE(bytes.size() == 634);
  auto decoded = decode_unsigned(bytes);
  REQUIRE_MESSAGE(decoded.ok(), (decoded.ok() ? "" : decoded.error().message));
  const TransactionPayload& tx = *decoded;

  CHECK(tx.creation_time_ms == 1704283160395);
  CHECK(to_string(tx.authority) == "bob@admin");
  CHECK(tx.time_to_live_ms == std::optional<std::uint64_t>(86'400'000));
  REQUIRE(tx.nonce.has_value());
  CHECK(hex(Bytes{std::uint8_t(*tx.nonce), std::uint8_t(*tx.nonce >> 8), std::uint8_t(*tx.nonce >> 16),
                  std::uint8_t(*tx.nonce >> 24)}) == "a1879599");
  CHECK(tx.metadata.empty());
  REQUIRE(tx.instructions.size() == 5);

  const auto& reg = std::get<RegisterAssetDefinition>(tx.instructions[0]);
  CHECK(to_string(reg.id) == "129.0.0.1-129.0.0.1_1704283160395#contribution");
  CHECK(reg.value_type == 3);
  CHECK_FALSE(reg.logo.has_value());

  const auto& g1 = std::get<GrantPermission>(tx.instructions[1]);
  CHECK(g1.token == "CanSetKeyValueInUserAsset");
  CHECK(g1.payload_json == R"({"asset_id": "129.0.0.1-129.0.0.1_1704283160395#contribution#bob@admin"})");
  CHECK(g1.destination == kBob);
  const auto& g2 = std::get<GrantPermission>(tx.instructions[2]);
  CHECK(g2.token == "CanRegisterAssetsWithDefinition");
  CHECK(g2.payload_json == R"({"asset_definition_id": "129.0.0.1-129.0.0.1_1704283160395#contribution"})");

  const auto& trig = std::get<RegisterTimeTrigger>(tx.instructions[3]);
  CHECK(trig.name == "outdated_contribution129.0.0.1-129.0.0.1_1704283160395");
  CHECK_FALSE(trig.domain.has_value());
  CHECK(trig.repeats == std::optional<std::uint32_t>(1));
  CHECK(trig.authority == kBob);
  CHECK(trig.start == Duration{1897052636, 0});
  CHECK_FALSE(trig.period.has_value());
  REQUIRE(trig.instructions.size() == 1);
  CHECK(to_string(std::get<AssetId>(trig.instructions[0].object)) ==
        "129.0.0.1-129.0.0.1_1704283160395#contribution#bob@admin");
  CHECK(trig.instructions[0].key == "sts");
  CHECK(trig.instructions[0].value == Value{NumericU32{1}});

  const auto& meta = std::get<SetKeyValue>(tx.instructions[4]);
  CHECK(std::get<AccountId>(meta.object) == kBob);
  CHECK(meta.key == "contributions");
  CHECK(std::get<std::string>(meta.value) ==
        R"([{"id":"129.0.0.1-129.0.0.1","ft":3,"org":"SE","dst":"SE","sts":0,"ed":1897052636,"ts":1704283160395}])");
}

TEST_CASE("golden: re-encoding the decoded sample gives the same 634 bytes") {
  const Bytes bytes = sample_bytes();
  auto tx = decode_unsigned(bytes);
  REQUIRE(tx.ok());
  CHECK(encode_unsigned(*tx) == bytes);
  CHECK(hex(encode_payload(*tx)) == hex(ByteView(bytes).subspan(2)));
}

TEST_CASE("golden: the contribution template reproduces the sample from its typed fields") {
  const Bytes bytes = sample_bytes();
  auto tx = decode_unsigned(bytes);
  REQUIRE(tx.ok());
  auto c = extract_contribution(*tx);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(*c == sample_contribution());
  CHECK(encode_unsigned(build_contribution(sample_contribution())) == bytes);
}

TEST_CASE("substituted fields survive encode/decode and template extraction") {
  ContributionTx c = sample_contribution();
  c.creation_time_ms = 1711570471000;
  c.authority = AccountId{"wonderland", "alice"};
  c.entries[0] = ContributionEntry{"+14155552671-+14155552672", 0, "GB", "US", 0, 1714162471, 1711570471000};
  c.entries.push_back(ContributionEntry{"107615702016566", 2, "UA", "XK", 0, 1719346471, 1711570471000});
  c.nonce = 42;
  c.time_to_live_ms = std::nullopt;

  const TransactionPayload tx = build_contribution(c);
  CHECK(tx.instructions.size() == 9);
  const Bytes wire = encode_unsigned(tx);
  auto back = decode_unsigned(wire);
  REQUIRE(back.ok());
  CHECK(*back == tx);
  auto c2 = extract_contribution(*back);
  REQUIRE(c2.ok());
  CHECK(*c2 == c);
  CHECK(to_string(contribution_definition(c.entries[0])) == "+14155552671-+14155552672_1711570471000#contribution");
}

TEST_CASE("contributions JSON escapes awkward identifiers and still round-trips") {
  ContributionTx c = sample_contribution();
  c.entries[0].fraud_id = "https://www.address.com/a\"b?c#frag";
  auto back = decode_unsigned(encode_unsigned(build_contribution(c)));
  REQUIRE(back.ok());
  auto c2 = extract_contribution(*back);
  REQUIRE(c2.ok());
  CHECK(*c2 == c);
}

TEST_CASE("extract_contribution rejects payloads that deviate from the template") {
  auto tx = build_contribution(sample_contribution());
  SUBCASE("changed grant payload") {
    std::get<GrantPermission>(tx.instructions[1]).payload_json = "{}";
  }
  SUBCASE("payload metadata") { tx.metadata.push_back({"k", Value{std::string("v")}}); }
  SUBCASE("missing instruction") { tx.instructions.erase(tx.instructions.begin()); }
  SUBCASE("bad JSON") { std::get<SetKeyValue>(tx.instructions[4]).value = std::string("[{]"); }
  SUBCASE("JSON disagrees with the instructions") {
    auto other = sample_contribution();
    other.entries[0].fraud_id = "1.2.3.4";
    std::get<SetKeyValue>(tx.instructions[4]).value = contributions_json(other.entries);
  }
  CHECK_FALSE(extract_contribution(tx).ok());
}

TEST_CASE("payload hash variants over the sample (spec §5.2.2)") {
  const Bytes bytes = sample_bytes();
  const ByteView payload = ByteView(bytes).subspan(2);
  CHECK(hex(payload_hash(payload, HashVariant::Plain)) ==
        "84e6f01ca7f51e86fef9c53a01bbab4d7695a2aaca4c90d141d2d88f493fde96");
  CHECK(hex(payload_hash(payload, HashVariant::Iroha)) ==
        "84e6f01ca7f51e86fef9c53a01bbab4d7695a2aaca4c90d141d2d88f493fde97");

  auto plain = sign_payload(payload, hx(kDocSeed), HashVariant::Plain);
  auto lsb = sign_payload(payload, hx(kDocSeed), HashVariant::Iroha);
  REQUIRE(plain.has_value());
  REQUIRE(lsb.has_value());
  CHECK(hex(plain->public_key) == kDocPub);
  CHECK(hex(plain->signature) ==
        "1f25c0057619f54adab7aeaa3e245fade3b068d10e0bfb01b4dfa5127da6c12acd85dd2cd50fcef2b728af62cb93b6bef4303a6f6bf8da13b59a65eb26c1440a");
  CHECK(hex(lsb->signature) ==
        "5808cc6dc436d18addc0a8fe90e688d6788e60b5c57d627cfaf415be7d0db24b02caa432151674cd7f36ac6a2c25cec7dd132da851a78d4a484a5056a6349706");
  CHECK(verify_entry(*plain, payload) == HashVariant::Plain);
  CHECK(verify_entry(*lsb, payload) == HashVariant::Iroha);
}

TEST_CASE("signed layout round trip with the RFC 8032 test 1 key") {
  const Bytes bytes = sample_bytes();
  const ByteView payload = ByteView(bytes).subspan(2);
  auto entry = sign_payload(payload, fs::crypto::ed25519_seed_keypair(hx(kRfc1Seed))->secret_key);
  REQUIRE(entry.has_value());
  CHECK(hex(entry->public_key) == kRfc1Pub);

  const Bytes signed_tx = encode_signed({*entry}, payload);
  CHECK(signed_tx.size() == 734);
  CHECK(hex(ByteView(signed_tx).first(4)) == "01040080");
  CHECK(hex(ByteView(signed_tx).subspan(4, 32)) == kRfc1Pub);
  CHECK(hex(ByteView(signed_tx).subspan(36, 2)) == "0101");
  CHECK(hex(ByteView(signed_tx).subspan(102, 8)) == "4b3f31cf8c010000");

  auto view = parse_signed(signed_tx);
  REQUIRE(view.ok());
  REQUIRE(view->signatures.size() == 1);
  CHECK(view->signatures[0] == *entry);
  CHECK(hex(view->payload) == hex(payload));
  CHECK(view->payload.data() == signed_tx.data() + 102);  // a view, not a copy
  CHECK(verify_entry(view->signatures[0], view->payload) == HashVariant::Plain);

  // Tampering with one payload byte breaks the signature but not the envelope.
  Bytes tampered = signed_tx;
  tampered.back() ^= 1;
  auto tview = parse_signed(tampered);
  REQUIRE(tview.ok());
  CHECK_FALSE(verify_entry(tview->signatures[0], tview->payload).has_value());

  // decode_unsigned refuses a signed transaction; decode_payload on the view still works.
  CHECK_FALSE(decode_unsigned(signed_tx).ok());
  auto decoded = decode_payload(view->payload);
  REQUIRE(decoded.ok());
  CHECK(decoded->creation_time_ms == 1704283160395);
}

TEST_CASE("two signatures use compact(2) = 08 and keep their order") {
  const Bytes payload = encode_payload(build_contribution(sample_contribution()));
  auto a = sign_payload(payload, hx(kRfc1Seed)).value();
  auto b = sign_payload(payload, hx(kRfc2Seed), HashVariant::Iroha).value();
  const Bytes tx = encode_signed({a, b}, payload);
  CHECK(tx[1] == 0x08);
  auto view = parse_signed(tx);
  REQUIRE(view.ok());
  REQUIRE(view->signatures.size() == 2);
  CHECK(verify_entry(view->signatures[0], view->payload) == HashVariant::Plain);
  CHECK(verify_entry(view->signatures[1], view->payload) == HashVariant::Iroha);
}

TEST_CASE("envelope errors") {
  const Bytes bytes = sample_bytes();
  SUBCASE("unsigned sample parses with zero signatures") {
    auto v = parse_signed(bytes);
    REQUIRE(v.ok());
    CHECK(v->signatures.empty());
    CHECK(v->payload.size() == 632);
  }
  SUBCASE("wrong version") {
    Bytes b = bytes;
    b[0] = 0x02;
    CHECK_FALSE(parse_signed(b).ok());
  }
  SUBCASE("no payload") { CHECK_FALSE(parse_signed(hx("0100")).ok()); }
  SUBCASE("empty input") { CHECK_FALSE(parse_signed(Bytes{}).ok()); }
  SUBCASE("non-Ed25519 algorithm tag") {
    const Bytes payload(ByteView(bytes).subspan(2).begin(), ByteView(bytes).subspan(2).end());
    Bytes tx = encode_signed({sign_payload(payload, hx(kRfc1Seed)).value()}, payload);
    tx[2] = 0x01;
    CHECK_FALSE(parse_signed(tx).ok());
  }
  SUBCASE("31-byte public key") {
    SignatureEntry e{Bytes(31, 1), Bytes(64, 2)};
    CHECK_FALSE(parse_signed(encode_signed({e}, hx("00"))).ok());
  }
  SUBCASE("signature count larger than the input") { CHECK_FALSE(parse_signed(hx("01fdff00")).ok()); }
}

TEST_CASE("every truncation and single-byte corruption of the sample fails or decodes without UB") {
  const Bytes bytes = sample_bytes();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = decode_unsigned(ByteView(bytes.data(), n));
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.error().offset <= n);
  }
  std::size_t decoded_ok = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (std::uint8_t flip : {0x01, 0x80, 0xff}) {
      Bytes b = bytes;
      b[i] ^= flip;
      auto r = decode_unsigned(b);
      if (r.ok()) {
        ++decoded_ok;
        CHECK(encode_unsigned(*r) == b);  // whatever decodes re-encodes identically
      }
    }
  }
  CHECK(decoded_ok > 0);
}

TEST_CASE("trailing byte after the payload is an error with its offset") {
  Bytes b = sample_bytes();
  b.push_back(0);
  auto r = decode_unsigned(b);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().offset == 634);
}

TEST_CASE("flag transaction: build - encode - decode - extract") {
  FlagTx f;
  f.creation_time_ms = 1711570471000;
  f.authority = AccountId{"wonderland", "alice"};
  f.targets = {FlagTarget{AssetDefinitionId{"127.0.0.1-127.0.0.2_1666194511450", "contribution"},
                          AccountId{"sora", "alice"}},
               FlagTarget{AssetDefinitionId{"+79991234567_12345", "contribution"}, AccountId{"sora", "bob"}}};
  f.nonce = 7;

  const TransactionPayload tx = build_flag(f);
  REQUIRE(tx.instructions.size() == 6);
  const auto& sts = std::get<SetKeyValue>(tx.instructions[0]);
  CHECK(to_string(std::get<AssetId>(sts.object)) == "127.0.0.1-127.0.0.2_1666194511450#contribution#alice@sora");
  CHECK(sts.key == "sts");
  CHECK(sts.value == Value{NumericU32{kStatusFlagged}});
  const auto& status = std::get<SetKeyValue>(tx.instructions[1]);
  CHECK(to_string(std::get<AssetDefinitionId>(status.object)) == "127.0.0.1-127.0.0.2_1666194511450#contribution");
  CHECK(status.key == "fraudStatus");
  CHECK(status.value == Value{std::string("Flagged")});
  CHECK(std::get<SetKeyValue>(tx.instructions[2]).value == Value{std::string("alice@wonderland")});

  const Bytes wire = encode_unsigned(tx);
  auto back = decode_unsigned(wire);
  REQUIRE(back.ok());
  CHECK(*back == tx);
  auto f2 = extract_flag(*back);
  REQUIRE(f2.ok());
  CHECK(*f2 == f);

  CHECK_FALSE(extract_contribution(tx).ok());
  CHECK_FALSE(extract_flag(build_contribution(sample_contribution())).ok());
}

TEST_CASE("U64 numeric values and payload metadata round-trip") {
  TransactionPayload tx = build_flag(FlagTx{1, kBob, {FlagTarget{{"x_1", "contribution"}, kBob}}, 5, 9});
  tx.instructions.push_back(SetKeyValue{kBob, "fts", NumericU64{1711570471000}});
  tx.metadata = {{"a", Value{std::string("b")}}, {"n", Value{NumericU32{3}}}};
  auto back = decode_unsigned(encode_unsigned(tx));
  REQUIRE(back.ok());
  CHECK(*back == tx);
}

TEST_CASE("NonZero fields: Some(0) TTL or nonce is rejected") {
  ContributionTx c = sample_contribution();
  c.nonce = 0;
  CHECK_FALSE(decode_unsigned(encode_unsigned(build_contribution(c))).ok());
  c.nonce = 1;
  c.time_to_live_ms = 0;
  CHECK_FALSE(decode_unsigned(encode_unsigned(build_contribution(c))).ok());
}

TEST_CASE("identifier text forms") {
  CHECK(parse_account_id("bob@admin") == AccountId{"admin", "bob"});
  CHECK(parse_account_id("a@b@c") == AccountId{"c", "a@b"});
  CHECK_FALSE(parse_account_id("bob").has_value());
  CHECK_FALSE(parse_account_id("@admin").has_value());
  CHECK_FALSE(parse_account_id("bob@").has_value());
  CHECK(parse_asset_definition_id("credit#admin") == AssetDefinitionId{"credit", "admin"});
  CHECK(parse_asset_definition_id("https://x.com/#f_1#contribution") ==
        AssetDefinitionId{"https://x.com/#f_1", "contribution"});
  CHECK_FALSE(parse_asset_definition_id("credit#").has_value());
  CHECK(to_string(AssetId{{"x_1", "contribution"}, kBob}) == "x_1#contribution#bob@admin");
}
