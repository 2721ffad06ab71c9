#include "fil/transaction.hpp"

#include <boost/json.hpp>

#include "crypto/crypto.hpp"

namespace fs::fil {

namespace {

// Tag bytes, see the comment block in transaction.hpp for where they come from.
constexpr std::uint8_t kRaw = 0x0d;  // Expression::Raw around every instruction operand
constexpr std::uint8_t kValueString = 0x01, kValueName = 0x02, kValueId = 0x08;
constexpr std::uint8_t kValueIdentifiable = 0x09, kValuePermissionToken = 0x0d, kValueNumeric = 0x14;
constexpr std::uint8_t kNumericU32 = 0x00, kNumericU64 = 0x01;
constexpr std::uint8_t kIdAccount = 1, kIdAssetDefinition = 2, kIdAsset = 3;
constexpr std::uint8_t kInstrRegister = 0x00, kInstrSetKeyValue = 0x08, kInstrGrant = 0x0a;
constexpr std::uint8_t kNewAssetDefinition = 2, kTrigger = 9;
constexpr std::uint8_t kExecutableInstructions = 0;
constexpr std::uint8_t kRepeatsIndefinitely = 0, kRepeatsExactly = 1;
constexpr std::uint8_t kFilterTime = 2, kExecutionTimeSchedule = 1;
constexpr std::uint8_t kAlgorithmEd25519 = 0;

// Smallest possible signature entry: tag + compact(32) + 32 + compact(64) (2 bytes) + 64.
constexpr std::size_t kSignatureEntrySize = 1 + 1 + 32 + 2 + 64;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// ---- encoding -----------------------------------------------------------------------------------

void put_account(Writer& w, const AccountId& id) {
  w.str(id.domain);
  w.str(id.name);
}

void put_asset_definition(Writer& w, const AssetDefinitionId& id) {
  w.str(id.name);
  w.str(id.domain);
}

void put_idbox(Writer& w, const IdBox& id) {
  std::visit(Overloaded{
                 [&](const AccountId& a) { w.u8(kIdAccount); put_account(w, a); },
                 [&](const AssetDefinitionId& d) { w.u8(kIdAssetDefinition); put_asset_definition(w, d); },
                 [&](const AssetId& a) {
                   w.u8(kIdAsset);
                   put_asset_definition(w, a.definition);
                   put_account(w, a.account);
                 },
             },
             id);
}

void put_value(Writer& w, const Value& v) {
  std::visit(Overloaded{
                 [&](const std::string& s) { w.u8(kValueString); w.str(s); },
                 [&](const NumericU32& n) { w.u8(kValueNumeric); w.u8(kNumericU32); w.u32(n.value); },
                 [&](const NumericU64& n) { w.u8(kValueNumeric); w.u8(kNumericU64); w.u64(n.value); },
             },
             v);
}

void put_metadata(Writer& w, const Metadata& md) {
  w.vec(md, [](Writer& w, const auto& kv) {
    w.str(kv.first);
    put_value(w, kv.second);
  });
}

void put_duration(Writer& w, const Duration& d) {
  w.u64(d.secs);
  w.u32(d.nanos);
}

void put_set_key_value(Writer& w, const SetKeyValue& s) {
  w.u8(kInstrSetKeyValue);
  w.u8(kRaw);
  w.u8(kValueId);
  put_idbox(w, s.object);
  w.u8(kRaw);
  w.u8(kValueName);
  w.str(s.key);
  w.u8(kRaw);
  put_value(w, s.value);
}

void put_register_asset_definition(Writer& w, const RegisterAssetDefinition& r) {
  for (std::uint8_t b : {kInstrRegister, kRaw, kValueIdentifiable, kNewAssetDefinition}) w.u8(b);
  put_asset_definition(w, r.id);
  w.u8(r.value_type);
  w.u8(r.mintable);
  w.option(r.logo, [](Writer& w, const std::string& s) { w.str(s); });
  put_metadata(w, r.metadata);
}

void put_grant(Writer& w, const GrantPermission& g) {
  for (std::uint8_t b : {kInstrGrant, kRaw, kValuePermissionToken}) w.u8(b);
  w.str(g.token);
  w.str(g.payload_json);
  for (std::uint8_t b : {kRaw, kValueId, kIdAccount}) w.u8(b);
  put_account(w, g.destination);
}

void put_trigger(Writer& w, const RegisterTimeTrigger& t) {
  for (std::uint8_t b : {kInstrRegister, kRaw, kValueIdentifiable, kTrigger}) w.u8(b);
  w.option(t.domain, [](Writer& w, const std::string& s) { w.str(s); });
  w.str(t.name);
  w.u8(kExecutableInstructions);
  w.vec(t.instructions, [](Writer& w, const SetKeyValue& s) { put_set_key_value(w, s); });
  if (t.repeats) {
    w.u8(kRepeatsExactly);
    w.u32(*t.repeats);
  } else {
    w.u8(kRepeatsIndefinitely);
  }
  put_account(w, t.authority);
  w.u8(kFilterTime);
  w.u8(kExecutionTimeSchedule);
  put_duration(w, t.start);
  w.option(t.period, [](Writer& w, const Duration& d) { put_duration(w, d); });
  put_metadata(w, t.metadata);
}

void put_instruction(Writer& w, const Instruction& i) {
  std::visit(Overloaded{
                 [&](const RegisterAssetDefinition& r) { put_register_asset_definition(w, r); },
                 [&](const GrantPermission& g) { put_grant(w, g); },
                 [&](const RegisterTimeTrigger& t) { put_trigger(w, t); },
                 [&](const SetKeyValue& s) { put_set_key_value(w, s); },
             },
             i);
}

// ---- decoding (sticky-error Reader: check r.ok() once at the end) --------------------------------

void expect(Reader& r, std::uint8_t want, std::string_view what) {
  const std::uint8_t got = r.u8();
  if (r.ok() && got != want)
    r.fail("expected " + std::string(what) + " (0x" + crypto::hex_encode(ByteView(&want, 1)) +
           "), got 0x" + crypto::hex_encode(ByteView(&got, 1)));
}

AccountId get_account(Reader& r) {
  AccountId id;
  id.domain = r.str();
  id.name = r.str();
  return id;
}

AssetDefinitionId get_asset_definition(Reader& r) {
  AssetDefinitionId id;
  id.name = r.str();
  id.domain = r.str();
  return id;
}

IdBox get_idbox(Reader& r) {
  switch (r.u8()) {
    case kIdAccount: return get_account(r);
    case kIdAssetDefinition: return get_asset_definition(r);
    case kIdAsset: {
      AssetId a;
      a.definition = get_asset_definition(r);
      a.account = get_account(r);
      return a;
    }
    default: r.fail("unsupported IdBox tag"); return AccountId{};
  }
}

Value get_value(Reader& r) {
  const std::uint8_t t = r.u8();
  if (t == kValueString) return r.str();
  if (t == kValueNumeric) {
    const std::uint8_t n = r.u8();
    if (n == kNumericU32) return NumericU32{r.u32()};
    if (n == kNumericU64) return NumericU64{r.u64()};
    r.fail("unsupported NumericValue tag " + std::to_string(n));
    return std::string{};
  }
  r.fail("unsupported Value tag " + std::to_string(t));
  return std::string{};
}

Metadata get_metadata(Reader& r) {
  return r.vec([](Reader& r) {
    std::string key = r.str();
    return std::pair<std::string, Value>(std::move(key), get_value(r));
  });
}

Duration get_duration(Reader& r) {
  Duration d;
  d.secs = r.u64();
  d.nanos = r.u32();
  return d;
}

// After the SetKeyValue tag byte.
SetKeyValue get_set_key_value_body(Reader& r) {
  SetKeyValue s;
  expect(r, kRaw, "Expression::Raw");
  expect(r, kValueId, "Value::Id");
  s.object = get_idbox(r);
  expect(r, kRaw, "Expression::Raw");
  expect(r, kValueName, "Value::Name");
  s.key = r.str();
  expect(r, kRaw, "Expression::Raw");
  s.value = get_value(r);
  return s;
}

// After Register, Raw, Identifiable, NewAssetDefinition.
RegisterAssetDefinition get_asset_definition_body(Reader& r) {
  RegisterAssetDefinition d;
  d.id = get_asset_definition(r);
  d.value_type = r.tag(4, "AssetValueType");
  d.mintable = r.tag(3, "Mintable");
  d.logo = r.option([](Reader& r) { return r.str(); });
  d.metadata = get_metadata(r);
  return d;
}

// After Register, Raw, Identifiable, Trigger.
RegisterTimeTrigger get_trigger_body(Reader& r) {
  RegisterTimeTrigger t;
  t.domain = r.option([](Reader& r) { return r.str(); });
  t.name = r.str();
  expect(r, kExecutableInstructions, "Executable::Instructions");
  t.instructions = r.vec([](Reader& r) {
    expect(r, kInstrSetKeyValue, "SetKeyValue (the only instruction supported inside a trigger)");
    return get_set_key_value_body(r);
  });
  if (r.tag(2, "Repeats") == kRepeatsExactly) t.repeats = r.u32();
  t.authority = get_account(r);
  expect(r, kFilterTime, "TriggeringFilterBox::Time");
  expect(r, kExecutionTimeSchedule, "ExecutionTime::Schedule");
  t.start = get_duration(r);
  t.period = r.option(get_duration);
  t.metadata = get_metadata(r);
  return t;
}

GrantPermission get_grant_body(Reader& r) {
  GrantPermission g;
  expect(r, kRaw, "Expression::Raw");
  expect(r, kValuePermissionToken, "Value::PermissionToken");
  g.token = r.str();
  g.payload_json = r.str();
  expect(r, kRaw, "Expression::Raw");
  expect(r, kValueId, "Value::Id");
  expect(r, kIdAccount, "IdBox::AccountId");
  g.destination = get_account(r);
  return g;
}

Instruction get_register_body(Reader& r) {
  expect(r, kRaw, "Expression::Raw");
  expect(r, kValueIdentifiable, "Value::Identifiable");
  const std::uint8_t what = r.u8();
  if (what == kNewAssetDefinition) return get_asset_definition_body(r);
  if (what == kTrigger) return get_trigger_body(r);
  r.fail("unsupported Register object tag " + std::to_string(what));
  return SetKeyValue{};
}

Instruction get_instruction(Reader& r) {
  const std::uint8_t t = r.u8();
  if (!r.ok()) return SetKeyValue{};
  switch (t) {
    case kInstrRegister: return get_register_body(r);
    case kInstrGrant: return get_grant_body(r);
    case kInstrSetKeyValue: return get_set_key_value_body(r);
    default: r.fail("unsupported instruction tag " + std::to_string(t)); return SetKeyValue{};
  }
}

// Option<NonZero*>: Some(0) is not a valid encoding.
template <class T>
std::optional<T> non_zero(Reader& r, std::optional<T> v, std::string_view what) {
  if (v && *v == 0) r.fail(std::string(what) + " must be non-zero");
  return v;
}

}  // namespace

// ---- identifiers --------------------------------------------------------------------------------

std::string to_string(const AccountId& id) { return id.name + "@" + id.domain; }
std::string to_string(const AssetDefinitionId& id) { return id.name + "#" + id.domain; }
std::string to_string(const AssetId& id) { return to_string(id.definition) + "#" + to_string(id.account); }

namespace {
std::optional<std::pair<std::string, std::string>> split_last(std::string_view text, char sep) {
  const auto at = text.rfind(sep);
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) return std::nullopt;
  return std::pair{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}
}  // namespace

std::optional<AccountId> parse_account_id(std::string_view text) {
  auto parts = split_last(text, '@');
  if (!parts) return std::nullopt;
  return AccountId{parts->second, parts->first};
}

std::optional<AssetDefinitionId> parse_asset_definition_id(std::string_view text) {
  auto parts = split_last(text, '#');
  if (!parts) return std::nullopt;
  return AssetDefinitionId{parts->first, parts->second};
}

// ---- payload and envelope -----------------------------------------------------------------------

Bytes encode_payload(const TransactionPayload& tx) {
  Writer w;
  w.u64(tx.creation_time_ms);
  put_account(w, tx.authority);
  w.u8(kExecutableInstructions);
  w.vec(tx.instructions, put_instruction);
  w.option(tx.time_to_live_ms, [](Writer& w, std::uint64_t v) { w.u64(v); });
  w.option(tx.nonce, [](Writer& w, std::uint32_t v) { w.u32(v); });
  put_metadata(w, tx.metadata);
  return w.take();
}

Result<TransactionPayload> decode_payload(ByteView payload) {
  Reader r(payload);
  TransactionPayload tx;
  tx.creation_time_ms = r.u64();
  tx.authority = get_account(r);
  expect(r, kExecutableInstructions, "Executable::Instructions (Wasm is not supported)");
  tx.instructions = r.vec(get_instruction);
  tx.time_to_live_ms = non_zero(r, r.option([](Reader& r) { return r.u64(); }), "time_to_live_ms");
  tx.nonce = non_zero(r, r.option([](Reader& r) { return r.u32(); }), "nonce");
  tx.metadata = get_metadata(r);
  r.expect_end();
  if (!r.ok()) return *r.error();
  return tx;
}

Result<SignedView> parse_signed(ByteView tx) {
  Reader r(tx);
  expect(r, kTransactionVersion, "transaction version 1");
  SignedView view;
  view.signatures = r.vec(
      [](Reader& r) {
        SignatureEntry e;
        expect(r, kAlgorithmEd25519, "signature algorithm Ed25519");
        e.public_key = r.bytes();
        if (r.ok() && e.public_key.size() != crypto::kEd25519PublicKeySize) r.fail("public key is not 32 bytes");
        e.signature = r.bytes();
        if (r.ok() && e.signature.size() != crypto::kEd25519SignatureSize) r.fail("signature is not 64 bytes");
        return e;
      },
      kSignatureEntrySize);
  if (r.ok() && r.at_end()) r.fail("missing transaction payload");
  if (!r.ok()) return *r.error();
  view.payload = tx.subspan(r.offset());
  return view;
}

Bytes encode_signed(const std::vector<SignatureEntry>& signatures, ByteView payload) {
  Writer w;
  w.u8(kTransactionVersion);
  w.vec(signatures, [](Writer& w, const SignatureEntry& e) {
    w.u8(kAlgorithmEd25519);
    w.bytes(e.public_key);
    w.bytes(e.signature);
  });
  w.raw(payload);
  return w.take();
}

Bytes encode_unsigned(const TransactionPayload& tx) { return encode_signed({}, encode_payload(tx)); }

Result<TransactionPayload> decode_unsigned(ByteView tx) {
  auto view = parse_signed(tx);
  if (!view) return view.error();
  if (!view->signatures.empty()) return Error{"transaction is already signed", 1};
  auto payload = decode_payload(view->payload);
  if (!payload) {
    Error e = payload.error();
    e.offset += static_cast<std::size_t>(view->payload.data() - tx.data());  // report whole-tx offsets
    return e;
  }
  return payload;
}

// ---- hashing and signatures ---------------------------------------------------------------------

std::string_view to_string(HashVariant v) { return v == HashVariant::Plain ? "blake2b256" : "iroha_hash"; }

Bytes payload_hash(ByteView payload, HashVariant variant) {
  return variant == HashVariant::Plain ? crypto::blake2b_256(payload) : crypto::iroha_hash(payload);
}

std::optional<HashVariant> verify_entry(const SignatureEntry& entry, ByteView payload) {
  for (HashVariant v : {HashVariant::Plain, HashVariant::Iroha}) {
    if (crypto::ed25519_verify(entry.signature, payload_hash(payload, v), entry.public_key)) return v;
  }
  return std::nullopt;
}

std::optional<SignatureEntry> sign_payload(ByteView payload, ByteView secret_key, HashVariant variant) {
  auto sig = crypto::ed25519_sign(payload_hash(payload, variant), secret_key);
  if (!sig) return std::nullopt;
  SignatureEntry e;
  if (secret_key.size() == crypto::kEd25519SeedSize) {
    e.public_key = crypto::ed25519_seed_keypair(secret_key)->public_key;
  } else {  // libsodium secret key = seed ‖ public key
    e.public_key.assign(secret_key.begin() + 32, secret_key.end());
  }
  e.signature = std::move(*sig);
  return e;
}

// ---- contribution template ----------------------------------------------------------------------

namespace {

std::string json_quote(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

std::optional<std::uint64_t> json_uint(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_uint64()) return v->as_uint64();
  if (v->is_int64() && v->as_int64() >= 0) return static_cast<std::uint64_t>(v->as_int64());
  return std::nullopt;
}

std::optional<std::string> json_str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<ContributionEntry> entry_from_json(const boost::json::value& v) {
  if (!v.is_object() || v.as_object().size() != 7) return std::nullopt;
  const auto& o = v.as_object();
  auto id = json_str(o, "id"), org = json_str(o, "org"), dst = json_str(o, "dst");
  auto ft = json_uint(o, "ft"), sts = json_uint(o, "sts"), ed = json_uint(o, "ed"), ts = json_uint(o, "ts");
  if (!id || !org || !dst || !ft || !sts || !ed || !ts) return std::nullopt;
  if (*ft > UINT32_MAX || *sts > UINT32_MAX) return std::nullopt;
  return ContributionEntry{*id, static_cast<std::uint32_t>(*ft), *org, *dst,
                           static_cast<std::uint32_t>(*sts), *ed, *ts};
}

std::optional<std::vector<ContributionEntry>> entries_from_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return std::nullopt;
  std::vector<ContributionEntry> out;
  for (const auto& item : v.as_array()) {
    auto e = entry_from_json(item);
    if (!e) return std::nullopt;
    out.push_back(std::move(*e));
  }
  return out;
}

void append_entry_instructions(std::vector<Instruction>& out, const ContributionEntry& e,
                               const AccountId& authority) {
  const AssetDefinitionId def = contribution_definition(e);
  const AssetId asset{def, authority};
  RegisterAssetDefinition reg;  // Store, Infinitely, no logo, no metadata: as in FIL's sample
  reg.id = def;
  out.push_back(std::move(reg));
  out.push_back(GrantPermission{"CanSetKeyValueInUserAsset",
                                "{\"asset_id\": " + json_quote(to_string(asset)) + "}", authority});
  out.push_back(GrantPermission{"CanRegisterAssetsWithDefinition",
                                "{\"asset_definition_id\": " + json_quote(to_string(def)) + "}", authority});
  RegisterTimeTrigger t;
  t.name = "outdated_contribution" + def.name;
  t.instructions = {SetKeyValue{asset, "sts", NumericU32{1}}};  // 1 = expired [INF]
  t.repeats = 1;
  t.authority = authority;
  t.start = Duration{e.expiry_s, 0};
  out.push_back(std::move(t));
}

}  // namespace

AssetDefinitionId contribution_definition(const ContributionEntry& e) {
  return AssetDefinitionId{e.fraud_id + "_" + std::to_string(e.timestamp_ms), std::string(kContributionDomain)};
}

std::string contributions_json(const std::vector<ContributionEntry>& entries) {
  boost::json::array arr;
  for (const auto& e : entries) {
    boost::json::object o;  // insertion order = FIL's key order
    o["id"] = e.fraud_id;
    o["ft"] = e.fraud_type;
    o["org"] = e.origination;
    o["dst"] = e.destination;
    o["sts"] = e.status;
    o["ed"] = e.expiry_s;
    o["ts"] = e.timestamp_ms;
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

TransactionPayload build_contribution(const ContributionTx& c) {
  TransactionPayload tx;
  tx.creation_time_ms = c.creation_time_ms;
  tx.authority = c.authority;
  for (const auto& e : c.entries) append_entry_instructions(tx.instructions, e, c.authority);
  tx.instructions.push_back(SetKeyValue{c.authority, "contributions", contributions_json(c.entries)});
  tx.time_to_live_ms = c.time_to_live_ms;
  tx.nonce = c.nonce;
  return tx;
}

Result<ContributionTx> extract_contribution(const TransactionPayload& tx) {
  const auto& ins = tx.instructions;
  if (ins.size() < 5 || (ins.size() - 1) % 4 != 0) return Error{"not a contribution transaction: instruction count"};
  const auto* last = std::get_if<SetKeyValue>(&ins.back());
  const auto* json = last ? std::get_if<std::string>(&last->value) : nullptr;
  if (!json || last->key != "contributions") return Error{"not a contribution transaction: no contributions metadata"};
  auto entries = entries_from_json(*json);
  if (!entries) return Error{"contributions metadata is not the expected JSON"};
  ContributionTx c{tx.creation_time_ms, tx.authority, std::move(*entries), tx.time_to_live_ms, tx.nonce};
  if (build_contribution(c) != tx) return Error{"payload does not follow the contribution template"};
  return c;
}

// ---- flag template ------------------------------------------------------------------------------

TransactionPayload build_flag(const FlagTx& f) {
  TransactionPayload tx;
  tx.creation_time_ms = f.creation_time_ms;
  tx.authority = f.authority;
  for (const auto& t : f.targets) {
    tx.instructions.push_back(SetKeyValue{AssetId{t.definition, t.owner}, "sts", NumericU32{kStatusFlagged}});
    tx.instructions.push_back(SetKeyValue{t.definition, "fraudStatus", std::string("Flagged")});
    tx.instructions.push_back(SetKeyValue{t.definition, "flagger", to_string(f.authority)});
  }
  tx.time_to_live_ms = f.time_to_live_ms;
  tx.nonce = f.nonce;
  return tx;
}

Result<FlagTx> extract_flag(const TransactionPayload& tx) {
  const auto& ins = tx.instructions;
  if (ins.empty() || ins.size() % 3 != 0) return Error{"not a flag transaction: instruction count"};
  FlagTx f{tx.creation_time_ms, tx.authority, {}, tx.time_to_live_ms, tx.nonce};
  for (std::size_t i = 0; i < ins.size(); i += 3) {
    const auto* skv = std::get_if<SetKeyValue>(&ins[i]);
    const auto* asset = skv ? std::get_if<AssetId>(&skv->object) : nullptr;
    if (!asset) return Error{"not a flag transaction: expected SetKeyValue on a contribution asset"};
    f.targets.push_back(FlagTarget{asset->definition, asset->account});
  }
  if (build_flag(f) != tx) return Error{"payload does not follow the flag template"};
  return f;
}

}  // namespace fs::fil
