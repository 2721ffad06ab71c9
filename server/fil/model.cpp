#include "fil/model.hpp"

#include <chrono>
#include <cstdio>

namespace fs::fil {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::uint64_t to_u64(std::string_view digits) {  // caller guarantees <= 19 digits
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

// E.164 digits after '+': 7..15 digits, the first not 0.
std::optional<std::uint64_t> phone_digits(std::string_view d) {
  if (d.size() < 7 || d.size() > 15 || !all_digits(d) || d[0] == '0') return std::nullopt;
  return to_u64(d);
}

std::optional<std::uint32_t> ipv4(std::string_view s) {
  std::uint32_t v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 3) return std::nullopt;
    std::uint32_t octet = static_cast<std::uint32_t>(to_u64(s.substr(i, j - i)));
    if (octet > 255 || (j - i > 1 && s[i] == '0')) return std::nullopt;
    v = (v << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (j >= s.size() || s[j] != '.') return std::nullopt;
      i = j + 1;
    } else if (j != s.size()) {
      return std::nullopt;
    }
  }
  return v;
}

constexpr std::string_view kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW "
    "BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI "
    "FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN "
    "IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
    "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
    "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE "
    "YT ZA ZM ZW XK";

}  // namespace

std::optional<EnumMatch> parse_fraud_type(std::string_view text) {
  for (std::size_t i = 0; i < kFraudTypes.size(); ++i)
    if (kFraudTypes[i] == text) return EnumMatch{i, true};
  for (std::size_t i = 0; i < kFraudTypes.size(); ++i)
    if (iequal(kFraudTypes[i], text)) return EnumMatch{i, false};
  return std::nullopt;
}

std::optional<std::size_t> parse_peer_type(std::string_view text) {
  for (std::size_t i = 0; i < kPeerTypes.size(); ++i)
    if (kPeerTypes[i] == text) return i;
  return std::nullopt;
}

bool valid_country(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
  for (std::size_t i = 0; i + 1 < kCountries.size(); i += 3)
    if (kCountries[i] == code[0] && kCountries[i + 1] == code[1]) return true;
  return false;
}

std::string_view kind_name(IdKind k) {
  switch (k) {
    case IdKind::Phone: return "phone";
    case IdKind::Ip: return "ip";
    case IdKind::Imei: return "imei";
    case IdKind::Email: return "email";
    case IdKind::Url: return "url";
  }
  return "?";
}

FraudIdResult parse_fraud_id(std::string_view s) {
  FraudIdResult r;
  FraudId id;
  if (s.empty()) {
    r.error = "the identifier is empty";
    return r;
  }
  if (s.size() > 2048) {
    r.error = "the identifier is longer than 2048 characters";
    return r;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      r.error = "the identifier contains spaces or control characters";
      return r;
    }
  }
  if (s.starts_with("http://") || s.starts_with("https://")) {
    std::string_view rest = s.substr(s.find("//") + 2);
    if (rest.empty() || rest.front() == '/' || rest.front() == '.') {
      r.error = "a URL needs a host (https://www.address.com/)";
      return r;
    }
    id.kind = IdKind::Url;
    id.normalized = std::string(s);
    r.id = std::move(id);
    return r;
  }
  if (auto at = s.find('@'); at != std::string_view::npos) {
    std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
    if (local.empty() || domain.find('@') != std::string_view::npos || domain.find('.') == std::string_view::npos ||
        domain.front() == '.' || domain.back() == '.') {
      r.error = "not an e-mail address (address@mail.com)";
      return r;
    }
    id.kind = IdKind::Email;
    id.normalized = std::string(s);
    r.id = std::move(id);
    return r;
  }
  // Phone numbers: +digits or +digits-+digits; old manual: digits-digits.
  if (s.front() == '+' || (all_digits(s.substr(0, s.find('-'))) && s.find('-') != std::string_view::npos)) {
    std::string_view a = s, b = s;
    auto dash = s.find('-');
    if (dash != std::string_view::npos) {
      a = s.substr(0, dash);
      b = s.substr(dash + 1);
      id.range = true;
    }
    bool plus_a = a.starts_with('+'), plus_b = b.starts_with('+');
    if (plus_a != plus_b) {
      r.error = "both ends of a phone range need the leading '+' (+14155552671-+14155552672)";
      return r;
    }
    if (!plus_a) id.legacy_phone = true;
    auto lo = phone_digits(plus_a ? a.substr(1) : a);
    auto hi = phone_digits(plus_b ? b.substr(1) : b);
    if (!lo || !hi) {
      r.error = "not an E.164 phone number (+ then 7 to 15 digits, e.g. +14155552671)";
      return r;
    }
    if (*hi < *lo) {
      r.error = "the end of the range is below its start";
      return r;
    }
    id.kind = IdKind::Phone;
    id.lo = *lo;
    id.hi = *hi;
    std::string sa = "+" + std::string(plus_a ? a.substr(1) : a), sb = "+" + std::string(plus_b ? b.substr(1) : b);
    id.normalized = sa + "-" + sb;
    r.id = std::move(id);
    return r;
  }
  if (all_digits(s)) {
    if (s.size() != 15) {
      r.error = "an IMEI has 15 digits; phone numbers start with '+'";
      return r;
    }
    id.kind = IdKind::Imei;
    id.lo = id.hi = to_u64(s);
    id.normalized = std::string(s);
    r.id = std::move(id);
    return r;
  }
  {
    std::string_view a = s, b = s;
    auto dash = s.find('-');
    if (dash != std::string_view::npos) {
      a = s.substr(0, dash);
      b = s.substr(dash + 1);
      id.range = true;
    }
    auto lo = ipv4(a), hi = ipv4(b);
    if (!lo || !hi) {
      r.error = "not a phone number, IPv4 address (range), IMEI, e-mail address or URL";
      return r;
    }
    if (*hi < *lo) {
      r.error = "the end of the range is below its start";
      return r;
    }
    id.kind = IdKind::Ip;
    id.lo = *lo;
    id.hi = *hi;
    id.normalized = std::string(a) + "-" + std::string(b);
    r.id = std::move(id);
    return r;
  }
}

// ---- Time ---------------------------------------------------------------------------------------

namespace {

struct Civil {
  int y;
  unsigned m, d;
  std::int64_t secs_of_day;
  std::int64_t ms;
};

Civil civil(std::int64_t epoch_ms) {
  using namespace std::chrono;
  std::int64_t days = epoch_ms >= 0 ? epoch_ms / 86'400'000 : -((-epoch_ms + 86'399'999) / 86'400'000);
  std::int64_t rem = epoch_ms - days * 86'400'000;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Civil{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
               rem / 1000, rem % 1000};
}

}  // namespace

std::string iso_utc(std::int64_t epoch_ms) {
  Civil c = civil(epoch_ms);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.y, c.m, c.d, static_cast<int>(c.secs_of_day / 3600),
                static_cast<int>(c.secs_of_day / 60 % 60), static_cast<int>(c.secs_of_day % 60));
  return buf;
}

std::string iso_local_micros(std::int64_t epoch_ms) {
  Civil c = civil(epoch_ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06d", c.y, c.m, c.d,
                static_cast<int>(c.secs_of_day / 3600), static_cast<int>(c.secs_of_day / 60 % 60),
                static_cast<int>(c.secs_of_day % 60), static_cast<int>(c.ms * 1000));
  return buf;
}

std::optional<std::int64_t> parse_iso(std::string_view s) {
  using namespace std::chrono;
  auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    if (pos + len > s.size() || !all_digits(s.substr(pos, len))) return std::nullopt;
    return static_cast<int>(to_u64(s.substr(pos, len)));
  };
  auto y = num(0, 4);
  if (!y || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto mo = num(5, 2), d = num(8, 2);
  if (!mo || !d) return std::nullopt;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t ms = static_cast<std::int64_t>(sys_days{ymd}.time_since_epoch().count()) * 86'400'000;
  std::size_t i = 10;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    auto h = num(i + 1, 2);
    if (!h || i + 3 >= s.size() || s[i + 3] != ':') return std::nullopt;
    auto mi = num(i + 4, 2);
    if (!mi || *h > 23 || *mi > 59) return std::nullopt;
    ms += (*h * 3600LL + *mi * 60LL) * 1000;
    i += 6;
    if (i < s.size() && s[i] == ':') {
      auto sec = num(i + 1, 2);
      if (!sec || *sec > 60) return std::nullopt;
      ms += *sec * 1000LL;
      i += 3;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        std::size_t j = i + 1;
        std::int64_t frac = 0, scale = 1000;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
          if (scale > 1) {
            scale /= 10;
            frac += (s[j] - '0') * scale;
          }
          ++j;
        }
        if (j == i + 1) return std::nullopt;
        ms += frac;
        i = j;
      }
    }
  }
  if (i == s.size()) return ms;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return ms;
  if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && s[i + 3] == ':') {
    auto oh = num(i + 1, 2), om = num(i + 4, 2);
    if (!oh || !om) return std::nullopt;
    std::int64_t off = (*oh * 60LL + *om) * 60'000;
    return s[i] == '+' ? ms - off : ms + off;
  }
  return std::nullopt;
}

std::optional<TimeParam> parse_time_param(std::string_view text) {
  if (all_digits(text)) {
    if (text.size() > 16) return std::nullopt;
    std::int64_t v = static_cast<std::int64_t>(to_u64(text));
    return TimeParam{text.size() >= 13 ? v : v * 1000, true};
  }
  auto ms = parse_iso(text);
  if (!ms) return std::nullopt;
  return TimeParam{*ms, false};
}

}  // namespace fs::fil
