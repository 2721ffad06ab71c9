// FIL emulation over real sockets: login by e-mail signature, tokens, upload (assemble -> sign with
// libsodium in the test -> submit), lookup, search and charging, the flag flow, and submit rejections.
#include "support/process.hpp"
#include "test_fil_support.hpp"

using namespace filtest;
using fs::test::Sandbox;

namespace {

const std::string kIpEntry = R"([{"id":"10.0.0.1-10.0.0.9","fraudType":"IPFraud","origination":"SE","destination":"GB"}])";
const std::string kPresetIpDef = "130.130.130.1-130.130.130.130_1711570471#contribution";

fs::Settings manual_settings() {
  auto s = fs::test::test_settings();
  s.clock = fs::ClockMode::Manual;
  return s;
}

}  // namespace

TEST_CASE("fil login accepts the docs e-mail test vectors and rejects the raw-bytes signature") {
  Sandbox sb;
  Fil f(sb);
  // The docs' official vector, verbatim.
  auto ok = f.login_raw("alice@wonderland.space",
                        "57e7115dfb9faa9add2d2ceb321c20db8c1e7f468d2ffc122793fa61e8ed61581580faaeae83a07fe857894bb33defd61c4ba099b981020146fe8d2be00e630a",
                        kDocPub);
  REQUIRE_MESSAGE(ok.status == 200, ok.body);
  auto j = ok.json();
  CHECK(j.at("status").at("code") == 200);
  CHECK(j.at("status").at("name") == "OK");
  CHECK(j.at("status").at("message") == "User authorization has been successful.");
  CHECK(j.at("data").at("expirationTime") == 300);
  std::string at(j.at("data").at("accessToken").as_string());
  CHECK(at.find("eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9.") == 0);  // {"typ":"JWT","alg":"EdDSA"}
  // The docs' login sample for alice@mail.com works verbatim.
  CHECK(f.login_raw("alice@mail.com", kMailSig, kMailPub).status == 200);
  // The 2023 JavaScript output: Ed25519 over the raw e-mail bytes. Rejected.
  auto raw = f.login_raw("alice@wonderland.space",
                         "9729e8fbcd425bfe48809cc996c9e6d3cecddf0848a51d8758582b3c84bb2caca8e41a8290018aa7064f0b9ec61d2b1a155d5e4c772bc992d918528cf6cb6308",
                         kDocPub);
  check_error(raw, 422, "InvalidSignature");
  CHECK(raw.json().at("status").at("message").as_string().find("raw e-mail bytes") != std::string::npos);
  // Unknown e-mail, Blockchain key instead of Authorization key, undecodable signature, bad body.
  check_error(f.login_raw("nobody@x.org", sign_email("nobody@x.org", kDocSeed), kDocPub), 404, "NotFound");
  check_error(f.login_raw("alice@wonderland.space", sign_email("alice@wonderland.space", kRfc1Seed), kRfc1Pub), 422,
              "InvalidPublicKey");
  check_error(f.login_raw("alice@wonderland.space", "abcd", kDocPub), 422, "SignatureDecodeError");
  check_error(f.login_raw("alice@wonderland.space", sign_email("alice@wonderland.space", kDocSeed), "zz"), 422,
              "InvalidPublicKey");
  check_error(f.login_raw("alice@wonderland.space", sign_email("other@wonderland.space", kDocSeed), kDocPub), 422,
              "InvalidSignature");
  check_error(f.http.post(kSession, "{nope"), 400, "ArgumentNotValid");
  check_error(f.http.post(kSession, R"({"email":"alice@wonderland.space"})"), 400);
}

TEST_CASE("fil every protected endpoint answers 401 for missing - forged - refresh and foreign tokens") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  Fil other(sb, "elsewhere");
  other.login();
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"POST", "/auth/api/v1/authentication-management/logout"},
      {"GET", "/auth/api/v1/peer-management/account"},
      {"GET", kData + "/peer-management/limit"},
      {"GET", kData + "/wallet-management/balance"},
      {"POST", kCm + "/contribution/assemble"},
      {"POST", kCm + "/contribution"},
      {"PATCH", kData + "/contribution-manager/contribution/flag/assemble"},
      {"PATCH", kCm + "/contribution/flag"},
      {"GET", kCm + "/contribution/127.0.0.1"},
      {"GET", kCm + "/contribution"},
      {"GET", kCm + "/contribution/price"},
      {"GET", kCm + "/rewards"},
  };
  std::string forged = f.access;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  for (const auto& [m, p] : endpoints) {
    CAPTURE(p);
    check_error(f.http.request(m, p, "[]"), 401, "Unauthorized");
    check_error(f.http.request(m, p, "[]", {{"Authorization", "Bearer not-a-jwt"}}), 401, "Unauthorized");
    check_error(f.http.request(m, p, "[]", {{"Authorization", "Bearer " + forged}}), 401, "Unauthorized");
    check_error(f.http.request(m, p, "[]", {{"Authorization", "Bearer " + f.refresh}}), 401, "Unauthorized");
    check_error(f.http.request(m, p, "[]", {{"Authorization", "Bearer " + other.access}}), 401, "Unauthorized");
  }
  CHECK(f.get(kCm + "/rewards").status == 200);
}

TEST_CASE("fil tokens expire on the namespace clock - refresh rotates - logout revokes") {
  Sandbox sb(manual_settings());
  Fil f(sb);
  f.login();
  CHECK(f.get(kCm + "/contribution/price").status == 200);
  f.http.post("/__sandbox/clock/advance", R"({"ms":299000})");
  CHECK(f.get(kCm + "/contribution/price").status == 200);
  f.http.post("/__sandbox/clock/advance", R"({"ms":1000})");
  auto expired = f.get(kCm + "/contribution/price");
  check_error(expired, 401, "Unauthorized");
  CHECK(expired.json().at("status").at("message").as_string().find("expired") != std::string::npos);
  // The access token cannot refresh; the refresh token can, once.
  check_error(f.http.patch(kSession, "", {{"Authorization", "Bearer " + f.access}}), 401, "Unauthorized");
  auto r = f.http.patch(kSession, "", {{"Authorization", "Bearer " + f.refresh}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("data").at("expirationTime") == 300);
  check_error(f.http.patch(kSession, "", {{"Authorization", "Bearer " + f.refresh}}), 401, "Unauthorized");
  f.access = std::string(r.json().at("data").at("accessToken").as_string());
  f.refresh = std::string(r.json().at("data").at("refreshToken").as_string());
  CHECK(f.get(kCm + "/contribution/price").status == 200);
  auto out = f.req("POST", "/auth/api/v1/authentication-management/logout");
  REQUIRE(out.status == 200);
  CHECK(out.json().at("data").as_object().empty());
  check_error(f.get(kCm + "/contribution/price"), 401, "Unauthorized");
  check_error(f.http.patch(kSession, "", {{"Authorization", "Bearer " + f.refresh}}), 401, "Unauthorized");
}

TEST_CASE("fil upload: login - assemble - sign with libsodium - submit - lookup shows Active") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  CHECK(f.balance() == 1000);
  std::string hex = f.assemble_distinguishing(kIpEntry);
  CHECK(hex.substr(0, 4) == "0100");  // version, no signatures yet
  auto r = f.submit(sign_tx(hex, kRfc1Seed));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto d = r.json().at("data");
  CHECK(r.json().at("status").at("name") == "OK");
  CHECK(d.at("rewarded") == 10);
  REQUIRE(d.at("tokenIds").as_array().size() == 1);
  std::string def(d.at("tokenIds").at(0).at("definitionId").as_string());
  CHECK(def.find("10.0.0.1-10.0.0.9_") == 0);
  CHECK(def.substr(def.size() - 13) == "#contribution");
  CHECK(d.at("tokenIds").at(0).at("accountId") == "alice@wonderland");
  CHECK(f.has_variant(kCm + "/contribution", "A7:hash_plain"));
  CHECK(f.balance() == 1010);

  auto l = f.get(kCm + "/contribution/10.0.0.5");
  REQUIRE_MESSAGE(l.status == 200, l.body);
  CHECK(l.json().at("status").at("name") == "Ok");
  auto item = l.json().at("data").at(0);
  CHECK(item.at("assetDefinitionId").as_string() == def);
  CHECK(item.at("assetDefinitionIds").as_string() == def);
  auto c = item.at("contribution");
  CHECK(c.at("id") == "10.0.0.1-10.0.0.9");
  CHECK(c.at("fraudStatus") == "Active");
  CHECK(c.at("fraudType") == "IPFraud");
  CHECK(c.at("peerId") == "wonderland");
  CHECK(c.at("flagger").is_null());
  CHECK(c.at("timestamp").as_string().size() == 20);
  auto limit = f.get(kData + "/peer-management/limit").json().at("data");
  CHECK(limit.at("used") == 10);
  CHECK(limit.at("total") == 1000000000);
}

TEST_CASE("fil an independent client signs with the Iroha hash variant and it is recorded") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  std::string hex = f.assemble_distinguishing(R"([{"id":"+14155552671","fraudType":"Wangiri","origination":"US","destination":"GB"},
                                   {"id":"107615702016566","fraudType":"StolenDevice","origination":"UA","destination":"XK"}])");
  auto r = f.submit(sign_tx(hex, kRfc1Seed, Hash::Iroha));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("data").at("rewarded") == 20);
  CHECK(f.has_variant(kCm + "/contribution", "A7:hash_iroha"));
  auto l = f.get(kCm + "/contribution/%2B14155552671");
  REQUIRE_MESSAGE(l.status == 200, l.body);
  CHECK(l.json().at("data").at(0).at("contribution").at("id") == "+14155552671-+14155552671");
}

TEST_CASE("fil submit rejects a wrong key - tampered payload - replay - expired and unsigned transactions") {
  Sandbox sb(manual_settings());
  Fil f(sb);
  f.login();
  const std::string path = kCm + "/contribution";
  std::string hex = f.assemble(kIpEntry);
  // Unsigned: the assemble output as is (the docs' own "signed" sample is like this).
  check_error(f.submit(hex), 400, "BadRequest");
  // Wrong keys: the Authorization key, and another user's Blockchain key.
  check_error(f.submit(sign_tx(hex, kDocSeed)), 400, "BadRequest");
  check_error(f.submit(sign_tx(hex, kRfc2Seed)), 400, "BadRequest");
  // A signature over the raw payload bytes, not their hash.
  auto raw = f.submit(sign_tx(hex, kRfc1Seed, Hash::None));
  check_error(raw, 400, "BadRequest");
  CHECK(raw.json().at("status").at("message").as_string().find("raw payload") != std::string::npos);
  // Tampered: one payload byte changed after signing.
  std::string tampered = sign_tx(hex, kRfc1Seed);
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == '0' ? '1' : '0';
  check_error(f.submit(tampered), 400, "BadRequest");
  // Not hex, not a transaction.
  check_error(f.submit("xyz"), 400, "BadRequest");
  check_error(f.submit("0200"), 400, "BadRequest");
  // The right signature is accepted once; the replay is rejected.
  std::string good = sign_tx(hex, kRfc1Seed);
  REQUIRE(f.submit(good).status == 200);
  auto replay = f.submit(good);
  check_error(replay, 400, "BadRequest");
  CHECK(replay.json().at("status").at("message").as_string().find("already been submitted") != std::string::npos);
  // Expired: the transaction's 24 h TTL passes on the manual clock.
  std::string late = f.assemble(R"([{"id":"10.0.1.1","fraudType":"IPFraud","origination":"SE","destination":"GB"}])");
  f.http.post("/__sandbox/clock/advance", R"({"ms":86400001})");
  f.login();
  auto exp = f.submit(sign_tx(late, kRfc1Seed));
  check_error(exp, 400, "BadRequest");
  CHECK(exp.json().at("status").at("message").as_string().find("expired") != std::string::npos);
  // A flag transaction is not a contribution and vice versa; and another user's transaction.
  Fil sora(sb);
  sora.login_sora();
  std::string theirs = sora.assemble(kIpEntry);
  check_error(f.submit(sign_tx(theirs, kRfc1Seed)), 400, "BadRequest");
  CHECK(sora.submit(sign_tx(theirs, kRfc2Seed)).status == 200);
}

TEST_CASE("fil the flag flow ends Flagged with the reward - and zero for the own peer") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  // Find the preset contribution of peer sora and take its definition id from the lookup.
  auto l = f.req("POST", kCm + "/contribution/130.130.130.7");
  REQUIRE_MESSAGE(l.status == 200, l.body);
  std::string def(l.json().at("data").at(0).at("assetDefinitionId").as_string());
  CHECK(def == kPresetIpDef);
  std::string hex = f.flag_assemble(bj::serialize(bj::object{{"assetDefinitionIds", bj::array{bj::value(def)}}}));
  auto r = f.flag_submit(sign_tx(hex, kRfc1Seed));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("data").at("rewarded") == 10);
  CHECK(f.balance() == 1010);
  auto after = f.get(kCm + "/contribution/130.130.130.7").json().at("data").at(0).at("contribution");
  CHECK(after.at("fraudStatus") == "Flagged");
  CHECK(after.at("flagger") == "alice@wonderland");
  CHECK(after.at("flagTimestamp").is_string());
  // Flagging it again: 400 at assemble. Unknown definition: 404.
  check_error(f.req("PATCH", kData + "/contribution-manager/contribution/flag/assemble",
                    bj::serialize(bj::object{{"assetDefinitionIds", bj::array{bj::value(def)}}})),
              400);
  check_error(f.req("PATCH", kData + "/contribution-manager/contribution/flag/assemble",
                    R"({"assetDefinitionIds":["nope_1#contribution"]})"),
              404, "NotFound");

  // Own peer: wonderland uploads, then flags its own contribution: rewarded 0.
  auto up = f.submit(sign_tx(f.assemble(kIpEntry), kRfc1Seed));
  REQUIRE(up.status == 200);
  std::string own(up.json().at("data").at("tokenIds").at(0).at("definitionId").as_string());
  std::int64_t before = f.balance();
  auto r2 = f.flag_submit(sign_tx(f.flag_assemble(bj::serialize(bj::object{{"assetDefinitionIds", bj::array{bj::value(own)}}})), kRfc1Seed));
  REQUIRE_MESSAGE(r2.status == 200, r2.body);
  CHECK(r2.json().at("data").at("rewarded") == 0);
  CHECK(f.balance() == before);
  // A flag transaction submitted to the contribution endpoint is refused.
  Fil sora(sb);
  sora.login_sora();
  auto l2 = sora.get(kCm + "/contribution/%2B79991234567").json().at("data").at(0);
  std::string wang(l2.at("assetDefinitionId").as_string());
  std::string fx = sora.flag_assemble(bj::serialize(bj::object{{"assetDefinitionIds", bj::array{bj::value(wang)}}}));
  check_error(sora.submit(sign_tx(fx, kRfc2Seed)), 400, "BadRequest");
  auto own2 = sora.flag_submit(sign_tx(fx, kRfc2Seed));
  REQUIRE(own2.status == 200);
  CHECK(own2.json().at("data").at("rewarded") == 0);
}

TEST_CASE("fil lookup finds ranges by overlap and percent-encoded phone numbers") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  CHECK(f.get(kCm + "/contribution/130.130.130.1").status == 200);
  CHECK(f.get(kCm + "/contribution/130.130.130.130").status == 200);
  CHECK(f.get(kCm + "/contribution/130.130.130.100-130.130.131.5").status == 200);
  CHECK(f.get(kCm + "/contribution/130.130.129.0-130.130.130.1").status == 200);
  check_error(f.get(kCm + "/contribution/130.130.130.131"), 404, "NotFound");
  check_error(f.get(kCm + "/contribution/130.130.129.0-130.130.129.255"), 404, "NotFound");
  CHECK(f.get(kCm + "/contribution/%2B79991234567").status == 200);
  CHECK(f.get(kCm + "/contribution/+79991234567").status == 200);
  CHECK(f.get(kCm + "/contribution/%2B79991234500-%2B79991234599").status == 200);
  CHECK(f.get(kCm + "/contribution/107615702016566").status == 200);
  check_error(f.get(kCm + "/contribution/107615702016567"), 404);
  check_error(f.get(kCm + "/contribution/not-an-id"), 400, "BadRequest");
  check_error(f.get(kCm + "/contribution/999.1.1.1"), 400, "BadRequest");
  // Literal segments win over {id}.
  CHECK(f.get(kCm + "/contribution/price").json().at("data").at("price") == 1);
  // E-mail and URL identifiers, percent-encoded in the path.
  REQUIRE(f.submit(sign_tx(f.assemble(R"([{"id":"fraud@mail.com","fraudType":"Scam","origination":"GB","destination":"GB"},
                                          {"id":"https://www.address.com/","fraudType":"Scam","origination":"GB","destination":"GB"}])"),
                           kRfc1Seed))
              .status == 200);
  CHECK(f.get(kCm + "/contribution/fraud%40mail.com").status == 200);
  CHECK(f.get(kCm + "/contribution/https%3A%2F%2Fwww.address.com%2F").status == 200);
}

TEST_CASE("fil search filters and charging are correct") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  auto first = f.get(kCm + "/contribution?fetch-mode=NEW");
  REQUIRE_MESSAGE(first.status == 200, first.body);
  auto d = first.json().at("data");
  CHECK(first.json().at("status").at("name") == "Ok");
  CHECK(d.at("contributions").as_array().size() == 3);
  CHECK(d.at("details").at("new") == 3);
  CHECK(d.at("details").at("creditsSpent") == 3);
  CHECK(d.at("details").at("balanceLeft") == 997);
  CHECK(d.at("details").at("contributionsNotReturned") == 0);
  CHECK(d.at("contributions").at(0).at("assetDefinitionId").is_string());
  // Already seen: OLD returns them for free, NEW returns nothing.
  auto old = f.get(kCm + "/contribution?fetch-mode=OLD").json().at("data");
  CHECK(old.at("contributions").as_array().size() == 3);
  CHECK(old.at("details").at("old") == 3);
  CHECK(old.at("details").at("creditsSpent") == 0);
  CHECK(f.get(kCm + "/contribution?fetch-mode=NEW").json().at("data").at("contributions").as_array().empty());
  CHECK(f.balance() == 997);
  // Filters.
  auto ft = f.get(kCm + "/contribution?ft=IPFraud&ft=Wangiri").json().at("data").at("contributions").as_array();
  CHECK(ft.size() == 2);
  CHECK(f.get(kCm + "/contribution?ft=IPFraud,StolenDevice").json().at("data").at("contributions").as_array().size() == 2);
  auto org = f.get(kCm + "/contribution?org=UA").json().at("data").at("contributions").as_array();
  REQUIRE(org.size() == 1);
  CHECK(org[0].at("fraudType") == "IPFraud");
  CHECK(f.get(kCm + "/contribution?dst=JP").json().at("data").at("contributions").as_array().size() == 2);
  CHECK(f.get(kCm + "/contribution?dst=JP&org=RU").json().at("data").at("contributions").as_array().size() == 1);
  CHECK(f.get(kCm + "/contribution?size=1").json().at("data").at("contributions").as_array().size() == 1);
  CHECK(f.get(kCm + "/contribution?from=2999-01-01T00:00:00Z").json().at("data").at("contributions").as_array().empty());
  CHECK(f.get(kCm + "/contribution?to=2000-01-01T00:00:00Z").json().at("data").at("contributions").as_array().empty());
  CHECK(f.get(kCm + "/contribution?fetch-mode=SELF").json().at("data").at("contributions").as_array().empty());
  check_error(f.get(kCm + "/contribution?ft=Nope"), 400, "BadRequest");
  check_error(f.get(kCm + "/contribution?org=ZZ"), 400, "BadRequest");
  check_error(f.get(kCm + "/contribution?fetch-mode=ALL"), 400, "BadRequest");
  check_error(f.get(kCm + "/contribution?size=-1"), 400, "BadRequest");
  check_error(f.get(kCm + "/contribution?confidence-score=maybe"), 400, "BadRequest");
  // Own uploads: SELF shows them, free, counted in `self`; newest first.
  REQUIRE(f.submit(sign_tx(f.assemble(kIpEntry), kRfc1Seed)).status == 200);
  auto self = f.get(kCm + "/contribution?fetch-mode=SELF").json().at("data");
  REQUIRE(self.at("contributions").as_array().size() == 1);
  CHECK(self.at("details").at("self") == 1);
  CHECK(self.at("details").at("creditsSpent") == 0);
  CHECK(f.get(kCm + "/contribution").json().at("data").at("contributions").at(0).at("peerId") == "wonderland");
}

TEST_CASE("fil search withholds what the balance cannot pay and prices by confidence index") {
  Sandbox sb;
  Fil f(sb, "poor");
  auto scenario = R"({"name":"poor","fil":{
    "peers":[{"id":"wonderland","balance":3},{"id":"sora"}],
    "users":[{"email":"alice@wonderland.space","accountId":"alice@wonderland",
              "authPublicKey":"7fbedb314a9b0c00caef967ac5cabb982ec45da828a0c58a9aafc854f32422ac",
              "blockchainPublicKey":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}],
    "contributions":[
      {"id":"1.1.1.1","fraudType":"IPFraud","origination":"SE","destination":"SE","accountId":"bob@sora","confidenceIndex":87.5,"timestamp":"2030-01-01T00:00:00Z"},
      {"id":"1.1.1.2","fraudType":"IPFraud","origination":"SE","destination":"SE","accountId":"bob@sora","timestamp":"2030-01-01T00:00:01Z"},
      {"id":"1.1.1.3","fraudType":"IPFraud","origination":"SE","destination":"SE","accountId":"bob@sora","timestamp":"2030-01-01T00:00:02Z"}]}})";
  REQUIRE(f.http.put("/ns/poor/__sandbox/scenario", scenario).status == 200);
  f.login();
  // Newest first: 1.1.1.3 (1), 1.1.1.2 (1), then 1.1.1.1 priced by confidence index (2) > balance 1.
  auto d = f.get(kCm + "/contribution?confidence-score=true").json().at("data");
  CHECK(d.at("contributions").as_array().size() == 2);
  CHECK(d.at("details").at("creditsSpent") == 2);
  CHECK(d.at("details").at("balanceLeft") == 1);
  CHECK(d.at("details").at("contributionsNotReturned") == 1);
  CHECK(d.at("details").at("contributionsNotReturnedCost") == 2);
  auto d2 = f.get(kCm + "/contribution").json().at("data");
  CHECK(d2.at("details").at("new") == 1);
  CHECK(d2.at("details").at("newWithConfidenceIndex") == 0);
  CHECK(d2.at("details").at("old") == 2);
  CHECK(d2.at("details").at("balanceLeft") == 0);
  CHECK(d2.at("contributions").at(2).at("confidenceIndex") == 87.5);
}

TEST_CASE("fil user details - peer limit - balance - price and rewards answer in the envelope") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  auto acc = f.get("/auth/api/v1/peer-management/account").json();
  CHECK(acc.at("status").at("name") == "Ok");
  auto a = acc.at("data");
  CHECK(a.at("email") == "alice@wonderland.space");
  CHECK(a.at("accountId") == "alice@wonderland");
  CHECK(a.at("authPubKeyHex").as_string() == kDocPub);
  CHECK(a.at("authPublicKeyHex").as_string() == kDocPub);
  CHECK(a.at("irohaPubKeyHex").as_string() == kRfc1Pub);
  CHECK(a.at("peerType") == "MEDIUM_TELCO");
  auto bal = f.get(kData + "/wallet-management/balance").json().at("data");
  CHECK(bal.at("tokenId").at("definitionId") == "credit#admin");
  CHECK(bal.at("tokenId").at("accountId") == "alice@wonderland");
  CHECK(bal.at("balance") == 1000);
  auto price = f.get(kCm + "/contribution/price").json().at("data");
  CHECK(price.at("price") == 1);
  CHECK(price.at("confidenceIndexPrice") == 2);
  auto rewards = f.get(kCm + "/rewards").json().at("data").at("rewardsTable");
  CHECK(rewards.at("MEDIUM_TELCO").at("IPFraud") == 10);
  CHECK(rewards.as_object().size() == 4);
  CHECK(rewards.at("VENDOR").as_object().size() == 7);
  auto lim = f.get(kData + "/peer-management/limit").json().at("data");
  CHECK(lim.at("used") == 0);
  CHECK(lim.at("updatePeriod") == 2592000);
  CHECK(lim.at("nextUpdate").as_int64() > 1700000000);
}

TEST_CASE("fil assemble validates entries and accepts up to 5000 in a body above 1 MiB") {
  Sandbox sb;
  Fil f(sb);
  f.login();
  const std::string p = kCm + "/contribution/assemble";
  check_error(f.req("POST", p, "[]"), 400, "ArgumentNotValid");
  check_error(f.req("POST", p, R"([{"id":"10.0.0.1","fraudType":"Bogus","origination":"SE","destination":"GB"}])"), 400);
  check_error(f.req("POST", p, R"([{"id":"10.0.0.1","fraudType":"IPFraud","origination":"QQ","destination":"GB"}])"), 400);
  check_error(f.req("POST", p, R"([{"id":"10.0.0.1","fraudType":"IPFraud","origination":"se","destination":"GB"}])"), 400);
  check_error(f.req("POST", p, R"([{"id":"10.0.0.1","fraudType":"IPFraud","origination":"SE","destination":"GB","sourcePeerId":"nope"}])"), 400);
  check_error(f.req("POST", p, R"([{"id":"1234","fraudType":"IPFraud","origination":"SE","destination":"GB"}])"), 400);
  // sourcePeerId: the reward splits 1:9 in favour of the source.
  auto r = f.submit(sign_tx(f.assemble(R"([{"id":"10.9.9.9","fraudType":"IPFraud","origination":"SE","destination":"GB","sourcePeerId":"sora"}])"),
                            kRfc1Seed));
  REQUIRE(r.status == 200);
  CHECK(r.json().at("data").at("rewarded") == 1);
  // 5000 entries (padded beyond 1 MiB: the route's limit is 16 MiB); 5001 is refused.
  std::string big = "[";
  for (int i = 0; i < 5000; ++i) {
    if (i) big += ",";
    big += R"({"id":"11.)" + std::to_string(i / 250) + "." + std::to_string(i % 250) + R"(.1","fraudType":"IPFraud","origination":"SE","destination":"GB"})";
  }
  std::string padded = big + std::string(1 << 20, ' ') + "]";
  auto ok = f.req("POST", p, padded);
  REQUIRE_MESSAGE(ok.status == 200, ok.body.substr(0, 300));
  auto sub = f.submit(sign_tx(std::string(ok.json().at("data").as_string()), kRfc1Seed));
  REQUIRE_MESSAGE(sub.status == 200, sub.body.substr(0, 300));
  CHECK(sub.json().at("data").at("tokenIds").as_array().size() == 5000);
  check_error(f.req("POST", p, big + R"(,{"id":"12.0.0.1","fraudType":"IPFraud","origination":"SE","destination":"GB"}])"), 400);
}

TEST_CASE("fil errors on FIL paths use the envelope - 404 and 405 included") {
  Sandbox sb;
  Fil f(sb);
  check_error(f.http.get("/data/api/v1/no-such-thing"), 404, "NotFound");
  check_error(f.http.get("/auth/api/v1/nothing"), 404, "NotFound");
  auto m = f.http.request("DELETE", kSession);
  check_error(m, 405, "MethodNotAllowed");
  // 413 before the body is read: 16 MiB on assemble and submit; 1 MiB elsewhere.
  for (const auto& [path, length] : std::vector<std::pair<std::string, std::string>>{
           {kCm + "/contribution/assemble", "16777217"}, {kCm + "/contribution", "16777217"}, {kSession, "1048577"}}) {
    CAPTURE(path);
    auto c = sb.client();
    REQUIRE(c.send_raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                       length + "\r\n\r\n"));
    check_error(c.read_response(), 413, "PayloadTooLarge");
  }
}

TEST_CASE("fil issued transactions are bounded per namespace") {
  auto s = fs::test::test_settings();
  s.max_retained = 2;
  Sandbox sb(s);
  Fil f(sb);
  f.login();
  std::string a = f.assemble(R"([{"id":"10.0.0.1","fraudType":"IPFraud","origination":"SE","destination":"GB"}])");
  std::string b = f.assemble(R"([{"id":"10.0.0.2","fraudType":"IPFraud","origination":"SE","destination":"GB"}])");
  std::string c = f.assemble(R"([{"id":"10.0.0.3","fraudType":"IPFraud","origination":"SE","destination":"GB"}])");
  check_error(f.submit(sign_tx(a, kRfc1Seed)), 400, "BadRequest");  // the oldest was dropped
  CHECK(f.submit(sign_tx(b, kRfc1Seed)).status == 200);
  CHECK(f.submit(sign_tx(c, kRfc1Seed)).status == 200);
}

TEST_CASE("fil scenario problems are reported with their paths") {
  Sandbox sb;
  Fil f(sb);
  auto r = f.http.put("/__sandbox/scenario", R"({"fil":{"strcit":true,
      "peers":[{"id":"p","type":"HUGE"}],
      "users":[{"email":"a@b.c","accountId":"a@q","authPublicKey":"xyz","blockchainPublicKey":"ed0120d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}],
      "contributions":[{"id":"1.2.3","fraudType":"IPFraud","origination":"SE","destination":"GB","accountId":"x@p"}]}})");
  REQUIRE(r.status == 400);
  std::string text = r.body;
  CHECK(text.find("$.fil.strcit") != std::string::npos);
  CHECK(text.find("did you mean") != std::string::npos);
  CHECK(text.find("$.fil.peers[0].type") != std::string::npos);
  CHECK(text.find("$.fil.users[0].authPublicKey") != std::string::npos);
  CHECK(text.find("$.fil.users[0].blockchainPublicKey") == std::string::npos);  // multihash form is fine
  CHECK(text.find("$.fil.users[0].accountId") != std::string::npos);         // domain q is not a peer
  CHECK(text.find("$.fil.contributions[0].id") != std::string::npos);
}

TEST_CASE("fil login accepts the older docs vectors that verify only with plain BLAKE2b-256") {
  Sandbox sb;
  Fil f(sb, "vectors");
  auto put = f.http.put("/ns/vectors/__sandbox/scenario", R"({"name":"vectors","fil":{
    "peers":[{"id":"wonderland"}],
    "users":[
      {"email":"alice_wonderland@mail.com","accountId":"alice@wonderland",
       "authPublicKey":"c99d5bd65f4fba5785739c36c5d4ce8ca332f8dbda4f9a3a0cdf1bca3ddb4a99",
       "blockchainPublicKey":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"},
      {"email":"qa@email.com","accountId":"qa@wonderland",
       "authPublicKey":"2c92384e63afd4e806fa62bd8f293c266ee5a06af0a7355b48064d0734530fb4",
       "blockchainPublicKey":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}]}})");
  REQUIRE_MESSAGE(put.status == 200, put.body);
  // Orillion manual sample: its B256 ends in an even byte, so only the plain convention verifies.
  auto a = f.login_raw("alice_wonderland@mail.com",
                       "dbdfe4a198822a46d8dcf9b9dcb9835e76e3a8812711f69b6f165d73656accf7ed8d03cfd66a1e333e7c2d468be099c996fdf8a29bd209b7c0ef1e828e5cc30b",
                       "c99d5bd65f4fba5785739c36c5d4ce8ca332f8dbda4f9a3a0cdf1bca3ddb4a99");
  CHECK_MESSAGE(a.status == 200, a.body);
  CHECK(f.has_variant(kSession, "A7:hash_plain"));
  auto q = f.login_raw("qa@email.com",
                       "2d439e8e7400c11e8c727516df43f45b76d5f18e9241ca9ea7b7c0847d521dcc7008b87f9ec399259d22993146cd0b604935f031020d5a493add9d3bddf4550e",
                       "2c92384e63afd4e806fa62bd8f293c266ee5a06af0a7355b48064d0734530fb4");
  CHECK_MESSAGE(q.status == 200, q.body);
}

TEST_CASE("fil the shipped FIL scenarios pass fraud-sandbox validate") {
  auto r = fs::test::run_binary({"validate", std::string(FS_SOURCE_DIR) + "/scenarios/fil-strict.json",
                                 std::string(FS_SOURCE_DIR) + "/scenarios/fil-flag-flow.json",
                                 std::string(FS_SOURCE_DIR) + "/scenarios/default.json"});
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
}
