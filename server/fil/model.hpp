// FIL's vocabulary as pure functions: fraud types, peer types, ISO countries, fraud identifiers
// (phone numbers, IPv4 addresses, IMEIs, e-mail addresses, URLs, and ranges of the first two) and
// the time formats of the API (spec §2.3, §2.4, §9 A14/A15/A20). No state, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fs::fil {

// ---- Enums --------------------------------------------------------------------------------------

inline constexpr std::size_t kFraudTypeCount = 7;
// In on-chain code order: Wangiri 0, IRSF 1, StolenDevice 2, IPFraud 3, SMSA2P 4, FlashCall 5, Scam 6.
inline constexpr std::array<std::string_view, kFraudTypeCount> kFraudTypes = {
    "Wangiri", "IRSF", "StolenDevice", "IPFraud", "SMSA2P", "FlashCall", "Scam"};

struct EnumMatch {
  std::size_t index = 0;
  bool exact = true;  // false: matched ignoring case (a §9 A14 variant)
};
// Exact token first, then case-insensitively; nullopt when neither matches.
std::optional<EnumMatch> parse_fraud_type(std::string_view text);

inline constexpr std::size_t kPeerTypeCount = 4;
inline constexpr std::array<std::string_view, kPeerTypeCount> kPeerTypes = {"LARGE_TELCO", "MEDIUM_TELCO",
                                                                            "SMALL_TELCO", "VENDOR"};
std::optional<std::size_t> parse_peer_type(std::string_view text);

// ISO 3166-1 alpha-2, upper case, plus XK (Kosovo, accepted since FIL v1.5.2).
bool valid_country(std::string_view code);

// ---- Fraud identifiers --------------------------------------------------------------------------

enum class IdKind : std::uint8_t { Phone, Ip, Imei, Email, Url };
std::string_view kind_name(IdKind k);

struct FraudId {
  IdKind kind = IdKind::Ip;
  // Phone, Ip: the inclusive range [lo, hi] (phone: the digits as a number; ip: the address as u32).
  // Imei: lo == hi == the number. Email, Url: unused (matched by `normalized`).
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  bool range = false;           // given as a range (start-end)
  std::string normalized;       // stored form: single IPs and phones as "X-X" (A20), others verbatim
  bool legacy_phone = false;    // a phone range without '+' (old manual); normalized with '+'
  bool ranged_kind() const { return kind == IdKind::Phone || kind == IdKind::Ip; }
};

struct FraudIdResult {
  std::optional<FraudId> id;
  std::string error;  // why it is not a fraud identifier
};
FraudIdResult parse_fraud_id(std::string_view text);

// ---- Time ---------------------------------------------------------------------------------------

// "YYYY-MM-DDTHH:MM:SSZ" (UTC, seconds precision), as FIL's list samples write `timestamp`.
std::string iso_utc(std::int64_t epoch_ms);
// "YYYY-MM-DDTHH:MM:SS.ffffff" without zone, as FIL's user details write `registrationDate`.
std::string iso_local_micros(std::int64_t epoch_ms);
// ISO 8601 "YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+hh:mm]" (no zone = UTC) to epoch ms.
std::optional<std::int64_t> parse_iso(std::string_view text);

struct TimeParam {
  std::int64_t ms = 0;
  bool epoch = false;  // given as digits (tutorial form) rather than ISO 8601 (spec form)
};
// Query from/to: all digits = epoch seconds (13 or more digits = milliseconds), else ISO 8601.
std::optional<TimeParam> parse_time_param(std::string_view text);

}  // namespace fs::fil
