#include "fil/config.hpp"

#include "crypto/crypto.hpp"
#include "fil/transaction.hpp"
#include "scenario/reader.hpp"

#include <boost/json.hpp>

#include <set>

namespace fs::fil {

namespace bj = boost::json;
using scenario::child_path;
using scenario::index_path;
using scenario::Problems;
using SReader = scenario::Reader;

std::optional<std::array<std::uint8_t, 32>> parse_key_hex(std::string_view text, bool* had_multihash) {
  bool multihash = false;
  if (text.size() == 70 && (text.substr(0, 6) == "ed0120" || text.substr(0, 6) == "ED0120")) {
    text.remove_prefix(6);
    multihash = true;
  }
  if (had_multihash) *had_multihash = multihash;
  if (text.size() != 64) return std::nullopt;
  auto bytes = crypto::hex_decode(text);
  if (!bytes || bytes->size() != 32) return std::nullopt;
  std::array<std::uint8_t, 32> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

namespace {

constexpr std::int64_t kMaxTokens = 1'000'000'000'000'000LL;

std::optional<std::array<std::uint8_t, 32>> read_key(SReader& r, std::string_view key, bool required) {
  auto s = r.string(key, required);
  if (!s) return std::nullopt;
  auto k = parse_key_hex(*s);
  if (!k) r.error(key, "expected a 32-byte Ed25519 key as 64 hex characters (optionally prefixed \"ed0120\"), found \"" + *s + "\"");
  return k;
}

std::optional<std::int64_t> read_time_ms(SReader& r, std::string_view key) {
  const bj::value* v = r.get(key);
  if (!v) return std::nullopt;
  if (v->is_number()) return r.integer(key, 0, 253402300799999);
  if (v->is_string()) {
    if (auto ms = parse_iso(v->get_string())) return ms;
  }
  r.error(key, "expected epoch milliseconds or an ISO 8601 UTC time like \"2024-08-31T11:35:41Z\"");
  return std::nullopt;
}

void read_peer(const bj::value& v, const std::string& path, FilSection& s, Problems& problems) {
  SReader r(v, path, problems);
  if (!r.ok()) return;
  PeerConfig p;
  if (auto id = r.string("id", true)) {
    if (id->empty() || id->find_first_of("@# /") != std::string::npos) r.error("id", "a peer id is a domain name without '@', '#', '/' or spaces");
    p.id = *id;
  }
  if (auto t = r.one_of("type", {"LARGE_TELCO", "MEDIUM_TELCO", "SMALL_TELCO", "VENDOR"})) p.type = *parse_peer_type(*t);
  if (auto b = r.integer("balance", 0, kMaxTokens)) p.balance = *b;
  if (auto sub = r.one_of("subscription", {"TRIAL", "FREEMIUM", "PREMIUM", "PAID"})) p.subscription = *sub;
  p.company_name = r.string("companyName").value_or(p.id.empty() ? "" : std::string(1, static_cast<char>(std::toupper(p.id[0]))) + p.id.substr(1));
  p.operating_country = r.string("operatingCountry").value_or("");
  p.group = r.string("group").value_or("Group1");
  p.privileged = r.boolean("privileged").value_or(false);
  for (const auto& q : s.peers)
    if (q.id == p.id && !p.id.empty()) r.error("id", "peer \"" + p.id + "\" is listed twice");
  s.peers.push_back(std::move(p));
}

void read_user(const bj::value& v, const std::string& path, FilSection& s, Problems& problems) {
  SReader r(v, path, problems);
  if (!r.ok()) return;
  UserConfig u;
  if (auto e = r.string("email", true)) {
    if (e->find('@') == std::string::npos) r.error("email", "expected an e-mail address");
    for (const auto& q : s.users)
      if (q.email == *e) r.error("email", "user \"" + *e + "\" is listed twice");
    u.email = *e;
  }
  if (auto a = r.string("accountId", true)) {
    if (!parse_account_id(*a)) r.error("accountId", "expected name@domain (the domain is the user's peer)");
    u.account_id = *a;
  }
  if (auto k = read_key(r, "authPublicKey", true)) u.auth_key = *k;
  if (auto k = read_key(r, "blockchainPublicKey", true)) u.blockchain_key = *k;
  if (auto role = r.one_of("role", {"ROLE_PEER", "ROLE_ADMIN", "ROLE_DOMAIN_ADMIN"})) u.role = *role;
  u.first_name = r.string("firstName").value_or("");
  u.last_name = r.string("lastName").value_or("");
  u.phone_number = r.string("phoneNumber").value_or("");
  u.role_name = r.string("roleName").value_or("");
  if (auto st = r.one_of("status", {"ACTIVE", "INACTIVE", "BLOCKED"})) u.status = *st;
  s.users.push_back(std::move(u));
}

void read_contribution(const bj::value& v, const std::string& path, FilSection& s, Problems& problems) {
  SReader r(v, path, problems);
  if (!r.ok()) return;
  ContributionConfig c;
  if (auto id = r.string("id", true)) {
    auto parsed = parse_fraud_id(*id);
    if (!parsed.id) r.error("id", "\"" + *id + "\": " + parsed.error);
    else c.id = parsed.id->normalized;
  }
  if (auto ft = r.string("fraudType", true)) {
    auto m = parse_fraud_type(*ft);
    if (!m || !m->exact) r.error("fraudType", "\"" + *ft + "\" is not one of Wangiri, IRSF, StolenDevice, IPFraud, SMSA2P, FlashCall, Scam");
    else c.fraud_type = m->index;
  }
  for (auto key : {"origination", "destination"}) {
    if (auto cc = r.string(key, true)) {
      if (!valid_country(*cc)) r.error(key, "\"" + *cc + "\" is not an upper-case ISO 3166-1 alpha-2 country code");
      (std::string_view(key) == "origination" ? c.origination : c.destination) = *cc;
    }
  }
  if (auto a = r.string("accountId", true)) {
    if (!parse_account_id(*a)) r.error("accountId", "expected the owner's account id name@domain");
    c.account_id = *a;
  }
  if (auto st = r.one_of("fraudStatus", {"Active", "Flagged"})) c.status = *st;
  c.timestamp_ms = read_time_ms(r, "timestamp");
  if (const bj::value* e = r.get("expiryDate")) {
    if (e->is_number()) c.expiry_s = r.integer("expiryDate", 0, 253402300799);
    else if (e->is_string() && parse_iso(e->get_string())) c.expiry_s = *parse_iso(e->get_string()) / 1000;
    else r.error("expiryDate", "expected epoch seconds or an ISO 8601 UTC time");
  }
  if (auto d = r.string("definitionId")) {
    auto def = parse_asset_definition_id(*d);
    if (!def || def->domain != kContributionDomain) r.error("definitionId", "expected <name>#contribution");
    c.definition_id = *d;
  }
  if (auto sp = r.string("sourcePeerId"); sp && !sp->empty()) c.source_peer_id = *sp;
  c.confidence_index = r.number("confidenceIndex", 1, 100);
  c.privileged = r.boolean("isPrivileged").value_or(false);
  c.flagger = r.string("flagger");
  s.contributions.push_back(std::move(c));
}

}  // namespace

std::shared_ptr<const FilSection> load_fil_section(const bj::value* section, Problems& problems) {
  auto s = std::make_shared<FilSection>();
  for (auto& row : s->rewards) row.fill(10);
  if (!section) return s;
  SReader r(*section, "$.fil", problems);
  if (!r.ok()) return s;
  s->strict = r.boolean("strict").value_or(false);
  if (auto v = r.integer("accessTokenTtlSeconds", 1, 10LL * 365 * 86400)) s->access_ttl_s = *v;
  if (auto v = r.integer("refreshTokenTtlSeconds", 1, 10LL * 365 * 86400)) s->refresh_ttl_s = *v;
  if (auto v = r.integer("transactionTtlMs", 1, 10LL * 365 * 86'400'000)) s->transaction_ttl_ms = *v;
  if (auto v = r.integer("maxEntries", 1, 100000)) s->max_entries = static_cast<std::size_t>(*v);
  if (auto v = r.integer("price", 0, kMaxTokens)) s->price = *v;
  if (auto v = r.integer("confidenceIndexPrice", 0, kMaxTokens)) s->confidence_index_price = *v;
  if (auto v = r.integer("peerLimit", 0, kMaxTokens)) s->peer_limit = *v;
  if (auto v = r.integer("limitPeriodSeconds", 1, 10LL * 365 * 86400)) s->limit_period_s = *v;
  if (auto v = r.string("balanceDefinitionId")) {
    if (!parse_asset_definition_id(*v)) r.error("balanceDefinitionId", "expected name#domain, like \"credit#admin\"");
    s->balance_definition_id = *v;
  }
  if (auto seed = r.string("jwtSeed")) {
    auto k = parse_key_hex(*seed);
    if (!k) r.error("jwtSeed", "expected a 32-byte Ed25519 seed as 64 hex characters, found \"" + *seed + "\"");
    s->jwt_seed = k;
  }
  if (const bj::value* rw = r.get("rewards")) {
    SReader rr(*rw, r.path_of("rewards"), problems);
    for (std::size_t p = 0; p < kPeerTypeCount; ++p) {
      const bj::value* row = rr.get(kPeerTypes[p]);
      if (!row) continue;
      SReader rowr(*row, rr.path_of(kPeerTypes[p]), problems);
      for (std::size_t f = 0; f < kFraudTypeCount; ++f)
        if (auto v = rowr.integer(kFraudTypes[f], 0, kMaxTokens)) s->rewards[p][f] = *v;
    }
  }
  if (const bj::array* peers = r.array("peers"))
    for (std::size_t i = 0; i < peers->size(); ++i) read_peer((*peers)[i], index_path(r.path_of("peers"), i), *s, problems);
  if (const bj::array* users = r.array("users"))
    for (std::size_t i = 0; i < users->size(); ++i) read_user((*users)[i], index_path(r.path_of("users"), i), *s, problems);
  if (const bj::array* cs = r.array("contributions"))
    for (std::size_t i = 0; i < cs->size(); ++i)
      read_contribution((*cs)[i], index_path(r.path_of("contributions"), i), *s, problems);

  // Cross references: every user's and owner's domain, and every sourcePeerId, is a listed peer.
  std::set<std::string> peers;
  for (const auto& p : s->peers) peers.insert(p.id);
  auto domain_of = [](const std::string& account) {
    auto a = parse_account_id(account);
    return a ? a->domain : std::string();
  };
  for (std::size_t i = 0; i < s->users.size(); ++i) {
    auto d = domain_of(s->users[i].account_id);
    if (!d.empty() && !peers.count(d))
      problems.add(child_path(index_path(r.path_of("users"), i), "accountId"),
                   "the domain \"" + d + "\" is not a peer listed in $.fil.peers");
  }
  std::set<std::string> defs;
  for (std::size_t i = 0; i < s->contributions.size(); ++i) {
    const auto& c = s->contributions[i];
    std::string path = index_path(r.path_of("contributions"), i);
    auto d = domain_of(c.account_id);
    if (!d.empty() && !peers.count(d))
      problems.add(child_path(path, "accountId"), "the domain \"" + d + "\" is not a peer listed in $.fil.peers");
    if (c.source_peer_id && !peers.count(*c.source_peer_id))
      problems.add(child_path(path, "sourcePeerId"), "\"" + *c.source_peer_id + "\" is not a peer listed in $.fil.peers");
    if (c.definition_id && !defs.insert(*c.definition_id).second)
      problems.add(child_path(path, "definitionId"), "\"" + *c.definition_id + "\" is used twice");
  }
  return s;
}

}  // namespace fs::fil
