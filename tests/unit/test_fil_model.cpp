// Unit tests for server/fil/model and server/fil/config: fraud identifiers, enums, countries, time
// formats, and the scenario section's problems.
#include <doctest/doctest.h>

#include "core/json.hpp"
#include "fil/config.hpp"
#include "fil/model.hpp"

using namespace fs::fil;

TEST_CASE("fil fraud identifiers: kinds - ranges - normalized forms") {
  auto ip = parse_fraud_id("129.0.0.1");
  REQUIRE(ip.id);
  CHECK(ip.id->kind == IdKind::Ip);
  CHECK(ip.id->normalized == "129.0.0.1-129.0.0.1");
  CHECK(ip.id->lo == ip.id->hi);
  auto range = parse_fraud_id("130.130.130.1-130.130.130.130");
  REQUIRE(range.id);
  CHECK(range.id->hi - range.id->lo == 129);
  CHECK(range.id->range);
  auto phone = parse_fraud_id("+14155552671");
  REQUIRE(phone.id);
  CHECK(phone.id->kind == IdKind::Phone);
  CHECK(phone.id->normalized == "+14155552671-+14155552671");
  auto pr = parse_fraud_id("+14155552671-+14155552672");
  REQUIRE(pr.id);
  CHECK(pr.id->hi == pr.id->lo + 1);
  auto legacy = parse_fraud_id("79091231234-79091231245");
  REQUIRE(legacy.id);
  CHECK(legacy.id->legacy_phone);
  CHECK(legacy.id->normalized == "+79091231234-+79091231245");
  auto imei = parse_fraud_id("107615702016566");
  REQUIRE(imei.id);
  CHECK(imei.id->kind == IdKind::Imei);
  CHECK(parse_fraud_id("address@mail.com").id->kind == IdKind::Email);
  CHECK(parse_fraud_id("a-b@my-mail.com").id->kind == IdKind::Email);
  CHECK(parse_fraud_id("https://www.address.com/").id->kind == IdKind::Url);
  CHECK(parse_fraud_id("https://my-site.com/a-b").id->kind == IdKind::Url);

  for (const char* bad : {"", "1.2.3", "256.1.1.1", "01.1.1.1", "1.1.1.2-1.1.1.1", "+0123456789", "+123", "1234",
                          "+14155552671-14155552672", "hello", "a b", "@mail.com", "x@nodot", "https://",
                          "+14155552672-+14155552671"}) {
    CAPTURE(bad);
    auto r = parse_fraud_id(bad);
    CHECK_FALSE(r.id.has_value());
    CHECK_FALSE(r.error.empty());
  }
}

TEST_CASE("fil enums and countries") {
  CHECK(parse_fraud_type("IPFraud")->index == 3);
  CHECK(parse_fraud_type("IPFraud")->exact);
  CHECK_FALSE(parse_fraud_type("ipfraud")->exact);
  CHECK(parse_fraud_type("Scam")->index == 6);
  CHECK_FALSE(parse_fraud_type("IP Fraud"));
  CHECK(parse_peer_type("VENDOR") == 3u);
  CHECK(valid_country("GB"));
  CHECK(valid_country("XK"));
  CHECK(valid_country("ZW"));
  CHECK(valid_country("AD"));
  CHECK_FALSE(valid_country("gb"));
  CHECK_FALSE(valid_country("UK"));
  CHECK_FALSE(valid_country("ZZ"));
  CHECK_FALSE(valid_country("GBR"));
}

TEST_CASE("fil time formats") {
  CHECK(iso_utc(1704283160395) == "2024-01-03T11:59:20Z");
  CHECK(iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso_local_micros(1705744970118) == "2024-01-20T10:02:50.118000");
  CHECK(parse_iso("2024-01-03T12:00:00Z") == 1704283200000);
  CHECK(parse_iso("2024-01-03T12:00:00") == 1704283200000);
  CHECK(parse_iso("2024-01-03T12:00:00.250Z") == 1704283200250);
  CHECK(parse_iso("2024-01-03T14:00:00+02:00") == 1704283200000);
  CHECK(parse_iso("2024-01-03") == 1704240000000);
  CHECK_FALSE(parse_iso("2024-02-30T00:00:00Z"));
  CHECK_FALSE(parse_iso("yesterday"));
  CHECK(parse_time_param("1680089219")->ms == 1680089219000);
  CHECK(parse_time_param("1680089219")->epoch);
  CHECK(parse_time_param("1680089219123")->ms == 1680089219123);
  CHECK_FALSE(parse_time_param("2024-01-03T12:00:00Z")->epoch);
  CHECK_FALSE(parse_time_param("12x"));
}

TEST_CASE("fil scenario section: defaults and problems with their paths") {
  fs::scenario::Problems none;
  auto empty = load_fil_section(nullptr, none);
  CHECK(none.empty());
  CHECK(empty->access_ttl_s == 300);
  CHECK(empty->max_entries == 5000);
  CHECK(empty->rewards[1][3] == 10);

  auto doc = fs::json::parse_relaxed(R"({
    "strict": true, "price": 3, "rewards": {"VENDOR": {"Scam": 99, "Nope": 1}},
    "jwtSeed": "zz",
    "peers": [{"id": "p", "type": "VENDOR"}, {"id": "p"}],
    "users": [{"email": "a@b.c", "accountId": "a@p", "authPublicKey": "7fbedb314a9b0c00caef967ac5cabb982ec45da828a0c58a9aafc854f32422ac",
               "blockchainPublicKey": "d75a98"}],
    "contributions": [{"id": "1.1.1.1", "fraudType": "IPFraud", "origination": "SE", "destination": "GB",
                       "accountId": "x@p", "sourcePeerId": "q", "fraudStatus": "ACTIVE"}]
  })");
  REQUIRE(doc.value);
  fs::scenario::Problems p;
  auto s = load_fil_section(&*doc.value, p);
  CHECK(s->strict);
  CHECK(s->price == 3);
  CHECK(s->rewards[3][6] == 99);
  std::string all;
  for (const auto& pr : p.list()) all += pr.path + ": " + pr.message + "\n";
  CAPTURE(all);
  CHECK(all.find("$.fil.rewards.VENDOR.Nope") != std::string::npos);
  CHECK(all.find("$.fil.jwtSeed") != std::string::npos);
  CHECK(all.find("$.fil.peers[1].id") != std::string::npos);
  CHECK(all.find("$.fil.users[0].blockchainPublicKey") != std::string::npos);
  CHECK(all.find("$.fil.contributions[0].sourcePeerId") != std::string::npos);
  CHECK(all.find("$.fil.contributions[0].fraudStatus") != std::string::npos);
  CHECK(all.find("$.fil.users[0].authPublicKey") == std::string::npos);
}
