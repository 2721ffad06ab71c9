// The Iroha 2 (pre-rc.20 era) transaction format that FIL's backend emits, spec §5.2.1.
//
// WIRE LAYOUT (signatures first):
//   01                         version V1
//   compact(n) signatures      each: 00 (algorithm Ed25519) | compact(32) pub | compact(64) sig
//   payload P                  creation_time_ms u64 | authority AccountId | 00 Executable::Instructions
//                              | Vec<Instruction> | Option<u64> ttl_ms | Option<u32> nonce | Metadata
// Clients sign B256(P) (plain BLAKE2b-256) or B256i(P) (Iroha Hash, last bit forced to 1); the spec's
// vectors (§5.2.2) verify with plain B256, current SDKs use B256i, so verify_entry() accepts both and
// reports which one matched.
//
// ENCODING CONSTANTS (observed byte by byte in tests/data/fil-assemble-sample.hex; tag names from the
// matching Iroha data model): every instruction operand is an EvaluatesTo = Expression::Raw (0x0d)
// around a Value; Value tags String 0x01, Name 0x02, Id 0x08, Identifiable 0x09, PermissionToken
// 0x0d, Numeric 0x14 (NumericValue U32 0x00, U64 0x01); IdBox AccountId 1, AssetDefinitionId 2,
// AssetId 3; Instruction Register 0x00, SetKeyValue 0x08, Grant 0x0a; IdentifiableBox
// NewAssetDefinition 2, Trigger 9. Field order differs between ids: AccountId is domain then name,
// AssetDefinitionId is name then domain, AssetId is definition then account — as in the sample.
//
// CONTRIBUTION TRANSACTION (one entry = the sample exactly; N entries generalise it [INF]):
//   per entry: Register NewAssetDefinition `<fraudId>_<tsMs>#contribution` (Store, Infinitely, no logo)
//              Grant CanSetKeyValueInUserAsset {"asset_id": "<def>#<authority>"} to authority
//              Grant CanRegisterAssetsWithDefinition {"asset_definition_id": "<def>"} to authority
//              Register time trigger `outdated_contribution<defName>`: SetKeyValue(asset, "sts", U32 1),
//                repeats Exactly(1), authority, Schedule(start = expiry seconds, no period)
//   then once: SetKeyValue(authority account, "contributions", JSON array of all entries, each
//              {"id","ft","org","dst","sts","ed","ts"} compact, in that key order).
//
// FLAG TRANSACTION (FIL's docs show no decodable flag sample, so this is our choice [INF]). Authority =
// the flagging user. Per flagged contribution, three SetKeyValue instructions, following the
// conventions above (the expiry trigger writes sts=1 on the contribution *asset*; flagging writes 2):
//   SetKeyValue(asset `<def>#<owner>`, "sts", U32 2)           — on-chain status code, 2 = Flagged
//   SetKeyValue(asset definition `<def>`, "fraudStatus", "Flagged")  — readable status
//   SetKeyValue(asset definition `<def>`, "flagger", "<flagger account id>")
// The flag time is the payload's creation_time_ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "fil/scale.hpp"

namespace fs::fil {

// ---- Identifiers -------------------------------------------------------------------------------

struct AccountId {  // text form name@domain
  std::string domain;
  std::string name;
  bool operator==(const AccountId&) const = default;
};
struct AssetDefinitionId {  // text form name#domain
  std::string name;
  std::string domain;
  bool operator==(const AssetDefinitionId&) const = default;
};
struct AssetId {  // text form <definition>#<account>, e.g. x_1#contribution#bob@admin
  AssetDefinitionId definition;
  AccountId account;
  bool operator==(const AssetId&) const = default;
};
using IdBox = std::variant<AccountId, AssetDefinitionId, AssetId>;

std::string to_string(const AccountId& id);
std::string to_string(const AssetDefinitionId& id);
std::string to_string(const AssetId& id);
// Split at the LAST separator (names may contain '@'/'#', e.g. a URL fraud id); both sides non-empty.
std::optional<AccountId> parse_account_id(std::string_view text);
std::optional<AssetDefinitionId> parse_asset_definition_id(std::string_view text);

// ---- Values and instructions --------------------------------------------------------------------

struct NumericU32 {
  std::uint32_t value = 0;
  bool operator==(const NumericU32&) const = default;
};
struct NumericU64 {
  std::uint64_t value = 0;
  bool operator==(const NumericU64&) const = default;
};
using Value = std::variant<std::string, NumericU32, NumericU64>;
using Metadata = std::vector<std::pair<std::string, Value>>;  // wire: compact count, (key, Value)...

struct Duration {  // Rust core::time::Duration: u64 seconds + u32 nanoseconds
  std::uint64_t secs = 0;
  std::uint32_t nanos = 0;
  bool operator==(const Duration&) const = default;
};

struct RegisterAssetDefinition {
  AssetDefinitionId id;
  std::uint8_t value_type = 3;  // AssetValueType::Store
  std::uint8_t mintable = 0;    // Mintable::Infinitely
  std::optional<std::string> logo;
  Metadata metadata;
  bool operator==(const RegisterAssetDefinition&) const = default;
};
struct GrantPermission {
  std::string token;         // permission token definition, e.g. CanRegisterAssetsWithDefinition
  std::string payload_json;  // kept verbatim: FIL's payloads have a space after ':'
  AccountId destination;
  bool operator==(const GrantPermission&) const = default;
};
struct SetKeyValue {
  IdBox object;
  std::string key;
  Value value;
  bool operator==(const SetKeyValue&) const = default;
};
// A time trigger whose executable is a list of SetKeyValue (the only kind FIL emits; others are
// rejected by the decoder rather than half-modelled).
struct RegisterTimeTrigger {
  std::optional<std::string> domain;
  std::string name;
  std::vector<SetKeyValue> instructions;
  std::optional<std::uint32_t> repeats;  // nullopt = Indefinitely, n = Exactly(n)
  AccountId authority;
  Duration start;
  std::optional<Duration> period;
  Metadata metadata;
  bool operator==(const RegisterTimeTrigger&) const = default;
};
using Instruction = std::variant<RegisterAssetDefinition, GrantPermission, RegisterTimeTrigger, SetKeyValue>;

struct TransactionPayload {
  std::uint64_t creation_time_ms = 0;
  AccountId authority;
  std::vector<Instruction> instructions;
  std::optional<std::uint64_t> time_to_live_ms;  // NonZeroU64 on the wire
  std::optional<std::uint32_t> nonce;            // NonZeroU32 on the wire
  Metadata metadata;
  bool operator==(const TransactionPayload&) const = default;
};

// ---- Payload and envelope codecs ---------------------------------------------------------------

inline constexpr std::uint8_t kTransactionVersion = 1;

Bytes encode_payload(const TransactionPayload& tx);
Result<TransactionPayload> decode_payload(ByteView payload);  // whole span, no trailing bytes

struct SignatureEntry {
  Bytes public_key;  // 32 bytes, Ed25519 (algorithm tag 0 is the only one accepted)
  Bytes signature;   // 64 bytes
  bool operator==(const SignatureEntry&) const = default;
};
struct SignedView {
  std::vector<SignatureEntry> signatures;  // may be empty (an unsigned transaction)
  ByteView payload;  // exact payload bytes, a view INTO the parsed buffer (keep it alive)
};
// Envelope only: the payload is not decoded, so any payload the sandbox issued can be verified.
Result<SignedView> parse_signed(ByteView tx);
Bytes encode_signed(const std::vector<SignatureEntry>& signatures, ByteView payload);

Bytes encode_unsigned(const TransactionPayload& tx);          // 01 00 ‖ P
Result<TransactionPayload> decode_unsigned(ByteView tx);      // requires zero signatures

// ---- Hashing and signatures --------------------------------------------------------------------

enum class HashVariant { Plain, Iroha };  // B256(P) / B256i(P)
std::string_view to_string(HashVariant v);
Bytes payload_hash(ByteView payload, HashVariant variant);
// Which hash the entry's signature verifies over (Plain tried first), or nullopt.
std::optional<HashVariant> verify_entry(const SignatureEntry& entry, ByteView payload);
// Signs hash(payload) with a 32-byte seed or 64-byte secret key; nullopt on a bad key size.
std::optional<SignatureEntry> sign_payload(ByteView payload, ByteView secret_key,
                                           HashVariant variant = HashVariant::Plain);

// ---- Contribution and flag templates -----------------------------------------------------------

struct ContributionEntry {
  std::string fraud_id;       // e.g. 129.0.0.1-129.0.0.1
  std::uint32_t fraud_type;   // on-chain code: Wangiri 0, IRSF 1, StolenDevice 2, IPFraud 3, ...
  std::string origination;    // ISO alpha-2
  std::string destination;
  std::uint32_t status = 0;   // sts: 0 active
  std::uint64_t expiry_s = 0;      // ed, epoch seconds (also the trigger's schedule start)
  std::uint64_t timestamp_ms = 0;  // ts, epoch ms (also the definition-name suffix)
  bool operator==(const ContributionEntry&) const = default;
};
inline constexpr std::string_view kContributionDomain = "contribution";
// `<fraud_id>_<timestamp_ms>#contribution`
AssetDefinitionId contribution_definition(const ContributionEntry& e);
// The `contributions` metadata JSON for these entries, byte-compatible with FIL's sample.
std::string contributions_json(const std::vector<ContributionEntry>& entries);

inline constexpr std::uint64_t kDefaultTtlMs = 86'400'000;

struct ContributionTx {
  std::uint64_t creation_time_ms = 0;
  AccountId authority;
  std::vector<ContributionEntry> entries;  // at least one
  std::optional<std::uint64_t> time_to_live_ms = kDefaultTtlMs;
  std::optional<std::uint32_t> nonce;
  bool operator==(const ContributionTx&) const = default;
};
TransactionPayload build_contribution(const ContributionTx& c);
// Recovers the template fields; fails unless build_contribution(result) reproduces the payload exactly.
Result<ContributionTx> extract_contribution(const TransactionPayload& tx);

struct FlagTarget {
  AssetDefinitionId definition;
  AccountId owner;  // the account holding the contribution asset
  bool operator==(const FlagTarget&) const = default;
};
struct FlagTx {
  std::uint64_t creation_time_ms = 0;
  AccountId authority;  // the flagging user
  std::vector<FlagTarget> targets;  // at least one
  std::optional<std::uint64_t> time_to_live_ms = kDefaultTtlMs;
  std::optional<std::uint32_t> nonce;
  bool operator==(const FlagTx&) const = default;
};
inline constexpr std::uint32_t kStatusFlagged = 2;  // [INF] sts code written by the flag transaction
TransactionPayload build_flag(const FlagTx& f);
Result<FlagTx> extract_flag(const TransactionPayload& tx);

}  // namespace fs::fil
