// FIL §9 variants: each documented variant is accepted and recorded in the journal under the default
// scenario, and rejected under the shipped fil-strict scenario. Also the shipped fil-flag-flow scenario.
#include "test_fil_support.hpp"

#include <functional>

using namespace filtest;
using fs::test::Sandbox;

namespace {

const std::string kIp = R"({"id":"10.0.0.1","fraudType":"IPFraud","origination":"SE","destination":"GB"})";
const std::string kPresetIpDef = "130.130.130.1-130.130.130.130_1711570471#contribution";
const std::string kPresetWangiriDef = "+79991234567_12345#contribution";

std::string shipped(const std::string& name) { return read_file(std::string(FS_SOURCE_DIR) + "/scenarios/" + name); }

struct Case {
  std::string name;
  std::string variant;   // the code recorded in the journal
  std::string path;      // the journaled path of the request that carries it
  int strict_status;     // what fil-strict answers
  std::function<HttpResult(Fil&)> run;
};

std::string flag_body(const std::string& def) {
  return bj::serialize(bj::object{{"assetDefinitionIds", bj::array{bj::value(def)}}});
}

std::vector<Case> cases() {
  const std::string flag_asm = kData + "/contribution-manager/contribution/flag/assemble";
  return {
      {"A1 flag assemble at contribution-management", "A1:flag_assemble_management_path",
       kCm + "/contribution/flag/assemble", 404,
       [](Fil& f) { return f.req("PATCH", kCm + "/contribution/flag/assemble", flag_body(kPresetIpDef)); }},
      {"A2 POST flag assemble", "A2:flag_post_method", flag_asm, 405,
       [flag_asm](Fil& f) { return f.req("POST", flag_asm, flag_body(kPresetIpDef)); }},
      {"A2 POST lookup", "A2:lookup_post_method", kCm + "/contribution/130.130.130.1", 405,
       [](Fil& f) { return f.req("POST", kCm + "/contribution/130.130.130.1"); }},
      {"A2 POST flag submit", "A2:flag_post_method", kCm + "/contribution/flag", 405,
       [flag_asm](Fil& f) {
         auto hex = std::string(f.req("PATCH", flag_asm, flag_body(kPresetWangiriDef)).json().at("data").as_string());
         return f.req("POST", kCm + "/contribution/flag", quoted(sign_tx(hex, kRfc1Seed)));
       }},
      {"A3 path without data", "A3:path_without_data_prefix", "/api/v1/contribution-management/contribution/price", 404,
       [](Fil& f) { return f.get("/api/v1/contribution-management/contribution/price"); }},
      {"A4 tutorial object shape", "A4:flag_body_objects", flag_asm, 400,
       [flag_asm](Fil& f) {
         return f.req("PATCH", flag_asm,
                      R"({"assetDefinitionIds":[{"definitionId":")" + kPresetIpDef + R"(","accountId":"alice@sora"}]})");
       }},
      {"A4 2023 assetIds shape", "A4:flag_body_asset_ids", flag_asm, 400,
       [flag_asm](Fil& f) {
         return f.req("PATCH", flag_asm, R"({"assetIds":[{"definitionId":")" + kPresetIpDef + R"(","accountId":"alice@sora"}]})");
       }},
      {"A4 unrelated accountId", "A4:flag_account_id_unrelated", flag_asm, 400,
       [flag_asm](Fil& f) {
         return f.req("PATCH", flag_asm,
                      R"({"assetDefinitionIds":[{"definitionId":")" + kPresetIpDef + R"(","accountId":"carol@elsewhere"}]})");
       }},
      {"A8 multihash public key", "A8:multihash_public_key", kSession, 400,
       [](Fil& f) {
         return f.login_raw("alice@wonderland.space", sign_email("alice@wonderland.space", kDocSeed), "ed0120" + kDocPub);
       }},
      {"A8 0x signature", "A8:signature_0x_prefix", kSession, 400,
       [](Fil& f) {
         return f.login_raw("alice@wonderland.space", "0x" + sign_email("alice@wonderland.space", kDocSeed), kDocPub);
       }},
      {"A9 legacy publicKey field", "A9:legacy_public_key_field", kSession, 400,
       [](Fil& f) {
         return f.http.post(f.prefix + kSession,
                            bj::serialize(bj::object{{"email", "alice@wonderland.space"},
                                                     {"signature", sign_email("alice@wonderland.space", kDocSeed)},
                                                     {"publicKey", kDocPub}}));
       }},
      {"A25 otp at login", "A25:login_otp_ignored", kSession, 400,
       [](Fil& f) {
         return f.http.post(f.prefix + kSession,
                            bj::serialize(bj::object{{"email", "alice@wonderland.space"},
                                                     {"signature", sign_email("alice@wonderland.space", kDocSeed)},
                                                     {"authPublicKeyHex", kDocPub},
                                                     {"otp", "123456"}}));
       }},
      {"A10 raw hex body", "A10:submit_raw_hex_body", kCm + "/contribution", 400,
       [](Fil& f) { return f.req("POST", kCm + "/contribution", sign_tx(f.assemble("[" + kIp + "]"), kRfc1Seed)); }},
      {"A10 object body", "A10:submit_object_body", kCm + "/contribution", 400,
       [](Fil& f) {
         return f.req("POST", kCm + "/contribution",
                      R"({"transactionHex":")" + sign_tx(f.assemble("[" + kIp + "]"), kRfc1Seed) + "\"}");
       }},
      {"A10 0x hex", "A10:hex_0x_prefix", kCm + "/contribution", 400,
       [](Fil& f) { return f.submit("0x" + sign_tx(f.assemble("[" + kIp + "]"), kRfc1Seed)); }},
      {"A14 lower-case ft", "A14:enum_case", kCm + "/contribution", 400,
       [](Fil& f) { return f.get(kCm + "/contribution?ft=ipfraud"); }},
      {"A14 lower-case fetch-mode", "A14:enum_case", kCm + "/contribution", 400,
       [](Fil& f) { return f.get(kCm + "/contribution?fetch-mode=new"); }},
      {"A14 fetch-mode DOWNLOAD", "A14:fetch_mode_download", kCm + "/contribution", 400,
       [](Fil& f) { return f.get(kCm + "/contribution?fetch-mode=DOWNLOAD"); }},
      {"A14 self-only", "A14:self_only_param", kCm + "/contribution", 400,
       [](Fil& f) { return f.get(kCm + "/contribution?self-only=true"); }},
      {"A14 epoch from", "A14:time_epoch_seconds", kCm + "/contribution", 400,
       [](Fil& f) { return f.get(kCm + "/contribution?from=0&to=4102444800"); }},
      {"A17 bare token", "A17:bare_token", kCm + "/rewards", 401,
       [](Fil& f) { return f.http.get(f.prefix + kCm + "/rewards", {{"Authorization", f.access}}); }},
      {"A20 phone range without plus", "A20:phone_range_without_plus", kCm + "/contribution/79991234500-79991234599", 400,
       [](Fil& f) { return f.get(kCm + "/contribution/79991234500-79991234599"); }},
      {"A26 single object assemble", "A26:assemble_single_object", kCm + "/contribution/assemble", 400,
       [](Fil& f) { return f.req("POST", kCm + "/contribution/assemble", kIp); }},
      {"A26 legacy entry fields", "A26:assemble_legacy_fields", kCm + "/contribution/assemble", 400,
       [](Fil& f) {
         return f.req("POST", kCm + "/contribution/assemble",
                      R"([{"id":"10.0.0.1","fraudType":"IPFraud","origination":"SE","destination":"GB","expiryDate":1711373543}])");
       }},
  };
}

}  // namespace

TEST_CASE("fil each documented variant is accepted and recorded in the journal") {
  Sandbox sb;
  for (const auto& c : cases()) {
    CAPTURE(c.name);
    Fil f(sb, "loose");
    REQUIRE(f.http.post("/ns/loose/__sandbox/reset", "").status == 200);
    f.login();
    auto r = c.run(f);
    CHECK_MESSAGE(r.status == 200, r.body);
    if (r.status == 200) CHECK(r.json().at("status").at("code") == 200);
    auto v = f.variants(c.path);
    CHECK_MESSAGE(std::find(v.begin(), v.end(), c.variant) != v.end(), c.variant);
  }
}

TEST_CASE("fil each documented variant is rejected under the fil-strict scenario") {
  Sandbox sb;
  Fil setup(sb, "strict");
  auto put = setup.http.put("/ns/strict/__sandbox/scenario", shipped("fil-strict.json"));
  REQUIRE_MESSAGE(put.status == 200, put.body);
  for (const auto& c : cases()) {
    CAPTURE(c.name);
    Fil f(sb, "strict");
    REQUIRE(f.http.post("/ns/strict/__sandbox/reset", "").status == 200);
    f.login();
    auto r = c.run(f);
    check_error(r, c.strict_status);
    CHECK(r.json().at("status").at("message").as_string().find("strict") != std::string::npos);
  }
}

TEST_CASE("fil-strict still serves the canonical forms - matches ids exactly - and accepts both hash conventions") {
  Sandbox sb;
  Fil f(sb, "strict");
  REQUIRE(f.http.put("/ns/strict/__sandbox/scenario", shipped("fil-strict.json")).status == 200);
  f.login();
  CHECK(f.variants(kSession) == std::vector<std::string>{"A7:hash_plain"});
  CHECK(f.get(kCm + "/contribution/130.130.130.1-130.130.130.130").status == 200);
  check_error(f.get(kCm + "/contribution/130.130.130.7"), 404, "NotFound");  // no overlap matching
  CHECK(f.get(kCm + "/contribution/%2B79991234567").status == 200);
  auto up = f.submit(sign_tx(f.assemble_distinguishing("[" + kIp + "]"), kRfc1Seed, Hash::Iroha));
  CHECK_MESSAGE(up.status == 200, up.body);
  CHECK(f.has_variant(kCm + "/contribution", "A7:hash_iroha"));
  auto fl = f.flag_submit(sign_tx(f.flag_assemble(flag_body(kPresetIpDef)), kRfc1Seed));
  CHECK_MESSAGE(fl.status == 200, fl.body);
  CHECK(f.get(kCm + "/contribution?ft=IPFraud&fetch-mode=NEW&from=2000-01-01T00:00:00Z").status == 200);
}

TEST_CASE("fil-flag-flow scenario: zero balance - custom flag rewards - capped by the reward limit") {
  Sandbox sb;
  Fil f(sb, "flag");
  auto put = f.http.put("/ns/flag/__sandbox/scenario", shipped("fil-flag-flow.json"));
  REQUIRE_MESSAGE(put.status == 200, put.body);
  CHECK(f.http.get("/ns/flag/__sandbox/clock").json().at("now_ms") == 1704283200000);
  f.login();
  CHECK(f.balance() == 0);
  auto rewards = f.get(kCm + "/rewards").json().at("data").at("rewardsTable");
  CHECK(rewards.at("MEDIUM_TELCO").at("IPFraud") == 25);
  CHECK(rewards.at("MEDIUM_TELCO").at("Wangiri") == 15);
  CHECK(rewards.at("LARGE_TELCO").at("IPFraud") == 10);
  auto ip = f.get(kCm + "/contribution/130.130.130.1").json().at("data").at(0);
  CHECK(ip.at("assetDefinitionId") == "130.130.130.1-130.130.130.130_1704283200000#contribution");
  auto wg = f.get(kCm + "/contribution/%2B79991234567").json().at("data").at(0);
  std::string body = bj::serialize(bj::object{
      {"assetDefinitionIds", bj::array{ip.at("assetDefinitionId"), wg.at("assetDefinitionId")}}});
  auto r = f.flag_submit(sign_tx(f.flag_assemble(body), kRfc1Seed));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("data").at("rewarded") == 30);
  CHECK(f.balance() == 30);
  auto lim = f.get(kData + "/peer-management/limit").json().at("data");
  CHECK(lim.at("used") == 30);
  CHECK(lim.at("total") == 30);
  auto flagged = f.get(kCm + "/contribution/%2B79991234567").json().at("data").at(0).at("contribution");
  CHECK(flagged.at("fraudStatus") == "Flagged");
  CHECK(flagged.at("flagger") == "alice@wonderland");
  CHECK(flagged.at("flagTimestamp") == "2024-01-03T12:00:00Z");
  auto pre = f.get(kCm + "/contribution/%2B447700900123").json().at("data").at(0);
  CHECK(pre.at("contribution").at("fraudStatus") == "Flagged");
  CHECK(pre.at("contribution").at("flagger") == "admin@sora");
  check_error(f.req("PATCH", kData + "/contribution-manager/contribution/flag/assemble",
                    flag_body(std::string(pre.at("assetDefinitionId").as_string()))),
              400, "BadRequest");
  // The limit period rolls over after 30 days on the manual clock.
  f.http.post("/ns/flag/__sandbox/clock/advance", R"({"ms":2592000000})");
  f.login();
  CHECK(f.get(kData + "/peer-management/limit").json().at("data").at("used") == 0);
}
