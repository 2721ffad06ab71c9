// FIL module: routes, envelope, authentication (login, refresh, logout, token checks), the peer and
// wallet endpoints, and the per-namespace state. Contribution handlers are in contributions.cpp.
#include "fil/fil_module.hpp"

#include "core/json.hpp"
#include "core/namespace.hpp"
#include "core/services.hpp"
#include "crypto/jwt.hpp"
#include "fil/state.hpp"
#include "fil/transaction.hpp"
#include "routing/router.hpp"

#include <boost/json.hpp>

namespace fs::fil {

namespace bj = boost::json;
using routing::CallPtr;
using routing::Method;
using routing::Response;

// ---- State --------------------------------------------------------------------------------------

void FilState::add_contribution(Contribution c) {
  std::size_t index = contributions.size();
  by_definition[c.definition_id] = index;
  by_id[c.id].push_back(index);
  if (c.key.ranged_kind()) {
    std::size_t k = c.key.kind == IdKind::Phone ? 0 : 1;
    ranges[k].emplace(c.key.lo, index);
    max_span[k] = std::max(max_span[k], c.key.hi - c.key.lo);
  }
  contributions.push_back(std::move(c));
}

std::vector<std::size_t> FilState::find(const FraudId& q, bool exact) const {
  std::vector<std::size_t> out;
  if (exact || !q.ranged_kind()) {
    if (auto it = by_id.find(q.normalized); it != by_id.end()) out = it->second;
    return out;
  }
  std::size_t k = q.kind == IdKind::Phone ? 0 : 1;
  const auto& m = ranges[k];
  std::uint64_t from = q.lo >= max_span[k] ? q.lo - max_span[k] : 0;
  for (auto it = m.lower_bound(from); it != m.end() && it->first <= q.hi; ++it) {
    const Contribution& c = contributions[it->second];
    if (c.key.hi >= q.lo) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Peer* FilState::peer(const std::string& id) {
  auto it = peers.find(id);
  return it == peers.end() ? nullptr : &it->second;
}

void FilState::roll_period(Peer& p, std::int64_t now_ms) const {
  const std::int64_t period = cfg->limit_period_s * 1000;
  if (now_ms >= p.period_start_ms + period) {
    p.period_start_ms += (now_ms - p.period_start_ms) / period * period;
    p.limit_used = 0;
  }
}

namespace {

std::int64_t expiry_for(std::size_t fraud_type, std::int64_t ts_ms) {
  const std::int64_t days = fraud_type == 1 ? 90 : 30;  // IRSF: 90 days since v1.3.1
  return ts_ms / 1000 + days * 86400;
}

}  // namespace

std::unique_ptr<FilState> make_fil_state(Namespace& ns, std::shared_ptr<const FilSection> cfg) {
  auto st = std::make_unique<FilState>();
  st->cfg = cfg;
  st->retained_limit = ns.services().settings.max_retained;
  const std::int64_t now = ns.now_ms();
  st->last_ts_ms = now;
  if (cfg->jwt_seed) st->jwt_key = *crypto::ed25519_seed_keypair(*cfg->jwt_seed);
  else st->jwt_key = crypto::ed25519_generate();
  for (std::size_t i = 0; i < cfg->users.size(); ++i) st->user_by_email[cfg->users[i].email] = i;
  for (const auto& p : cfg->peers) st->peers[p.id] = Peer{&p, p.balance, 0, now};
  for (const auto& pc : cfg->contributions) {
    Contribution c;
    c.id = pc.id;
    c.key = *parse_fraud_id(pc.id).id;
    c.fraud_type = pc.fraud_type;
    c.origination = pc.origination;
    c.destination = pc.destination;
    c.owner = pc.account_id;
    c.peer_id = parse_account_id(pc.account_id)->domain;
    c.source_peer_id = pc.source_peer_id;
    c.timestamp_ms = pc.timestamp_ms.value_or(now);
    c.expiry_s = pc.expiry_s.value_or(expiry_for(pc.fraud_type, c.timestamp_ms));
    c.definition_id = pc.definition_id.value_or(pc.id + "_" + std::to_string(c.timestamp_ms) + "#contribution");
    if (st->by_definition.count(c.definition_id)) continue;  // same id and time twice: keep the first
    c.flagged = pc.status == "Flagged";
    if (c.flagged) {
      c.flagger = pc.flagger.value_or("admin@" + c.peer_id);
      c.flag_ts_ms = c.timestamp_ms;
    }
    c.confidence_index = pc.confidence_index;
    c.privileged = pc.privileged;
    st->add_contribution(std::move(c));
  }
  return st;
}

// ---- Envelope -----------------------------------------------------------------------------------

std::string_view default_error_name(unsigned status) {
  switch (status) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 405: return "MethodNotAllowed";
    case 413: return "PayloadTooLarge";
    case 422: return "UnprocessableEntity";
    case 429: return "TooManyRequests";
    case 500: return "InternalServerError";
    default: return status < 400 ? "OK" : "Error";
  }
}

bj::object envelope(unsigned status, std::string_view name, std::string_view message, bj::value data) {
  bj::object st;
  st["code"] = status;
  st["name"] = name;
  st["message"] = message;
  bj::object o;
  o["status"] = std::move(st);
  o["data"] = std::move(data);
  return o;
}

void reply_ok(Ctx& c, std::string_view name, std::string_view message, bj::value data) {
  c.call->reply(Response::json(200, envelope(200, name, message, std::move(data))));
}

void reply_fail(Ctx& c, unsigned status, std::string_view name, std::string_view message) {
  c.call->reply(Response::json(status, envelope(status, name, message, nullptr)));
}

bool Ctx::variant(const std::string& code, std::string_view what) {
  if (cfg.strict) {
    reply_fail(*this, 400, "BadRequest",
               "fil.strict: " + std::string(what) + " is not the current documented form (variant " + code + ").");
    return false;
  }
  call->note_variant(code);
  return true;
}

std::string Ctx::peer_id() const {
  auto at = user->account_id.rfind('@');
  return user->account_id.substr(at + 1);
}

namespace {

// Router-level errors (404/405 ...) on FIL paths, in the envelope.
Response format_error(unsigned status, std::string_view code, std::string_view message) {
  std::string_view name = default_error_name(status);
  return Response::json(status, envelope(status, name, message, nullptr));
}

// ---- Authentication -----------------------------------------------------------------------------

std::string make_jti() {
  auto b = crypto::random_bytes(16);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  std::string h = crypto::hex_encode(b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

template <class Map>
void bound(Map& map, std::deque<std::string>& order, std::size_t limit) {
  while (map.size() > limit && !order.empty()) {
    map.erase(order.front());
    order.pop_front();
  }
  if (order.size() > 2 * limit + 16) {  // drop keys already removed (logout, refresh)
    std::deque<std::string> kept;
    for (auto& k : order)
      if (map.count(k)) kept.push_back(std::move(k));
    order.swap(kept);
  }
}

bj::object issue_tokens(Ctx& c, std::size_t user_index) {
  const UserConfig& u = c.cfg.users[user_index];
  const std::int64_t now_s = c.now_ms / 1000;
  std::string jti = make_jti(), rjti = make_jti();
  bj::object access;
  access["acc"] = u.account_id;
  access["sub"] = u.email;
  access["role"] = u.role;
  access["exp"] = now_s + c.cfg.access_ttl_s;
  access["jti"] = jti;
  bj::object refresh;
  refresh["sub"] = u.email;
  refresh["acjti"] = jti;
  refresh["exp"] = now_s + c.cfg.refresh_ttl_s;
  refresh["jti"] = rjti;
  std::string at = *crypto::jwt::encode_eddsa(access, c.st.jwt_key.secret_key);
  std::string rt = *crypto::jwt::encode_eddsa(refresh, c.st.jwt_key.secret_key);
  c.st.access[at] = Session{user_index, now_s + c.cfg.access_ttl_s, jti, rt};
  c.st.refresh[rt] = RefreshSession{user_index, now_s + c.cfg.refresh_ttl_s, at};
  c.st.access_order.push_back(at);
  c.st.refresh_order.push_back(rt);
  bound(c.st.access, c.st.access_order, c.st.retained_limit);
  bound(c.st.refresh, c.st.refresh_order, c.st.retained_limit);
  bj::object data;
  data["accessToken"] = at;
  data["refreshToken"] = rt;
  data["expirationTime"] = c.cfg.access_ttl_s;
  return data;
}

// The token of the Authorization header ("Bearer <jwt>", or a bare JWT: A17); replies 401 on failure.
std::optional<std::string> bearer(Ctx& c) {
  std::string_view h = c.call->request().header("authorization");
  while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
  if (h.empty()) {
    reply_fail(c, 401, "Unauthorized", "The Authorization header is missing; send 'Authorization: Bearer <token>'.");
    return std::nullopt;
  }
  if (h.size() > 7 && routing::iequals(h.substr(0, 7), "Bearer ")) {
    h.remove_prefix(7);
    while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
    return std::string(h);
  }
  if (std::count(h.begin(), h.end(), '.') == 2 && h.find(' ') == std::string_view::npos) {
    if (c.cfg.strict) {
      reply_fail(c, 401, "Unauthorized", "fil.strict: the token must be sent as 'Authorization: Bearer <token>' (variant A17:bare_token).");
      return std::nullopt;
    }
    c.call->note_variant("A17:bare_token");
    return std::string(h);
  }
  reply_fail(c, 401, "Unauthorized", "The Authorization header is not parsable; send 'Authorization: Bearer <token>'.");
  return std::nullopt;
}

// Why a token that is not in the live table fails, for a helpful 401 message.
std::string token_problem(Ctx& c, const std::string& token, bool want_refresh) {
  auto parts = crypto::jwt::decode_unverified(token);
  if (!parts) return "The token is not a JWT.";
  if (!crypto::jwt::verify_eddsa(token, c.st.jwt_key.public_key, 0))
    return "The token's signature does not verify: it was not issued by this sandbox namespace (or the namespace was reset).";
  auto exp = parts->claims.if_contains("exp");
  if (exp && exp->is_int64() && c.now_ms / 1000 >= exp->get_int64()) return "The token has expired.";
  if (want_refresh && parts->claims.contains("acjti") == false) return "This is an access token; the refresh endpoint needs the refresh token.";
  if (!want_refresh && parts->claims.contains("acjti")) return "This is a refresh token; send the access token.";
  return "The token was revoked (logged out or refreshed).";
}

bool authenticate(Ctx& c) {
  auto token = bearer(c);
  if (!token) return false;
  auto it = c.st.access.find(*token);
  if (it == c.st.access.end()) {
    reply_fail(c, 401, "Unauthorized", "accessToken is either expired or invalid: " + token_problem(c, *token, false));
    return false;
  }
  if (c.now_ms / 1000 >= it->second.exp_s) {
    reply_fail(c, 401, "Unauthorized", "accessToken is either expired or invalid: the token has expired.");
    return false;
  }
  c.user = &c.cfg.users[it->second.user];
  c.token = std::move(*token);
  return true;
}

std::optional<bj::object> body_object(Ctx& c) {
  auto parsed = json::parse(c.call->request().body);
  if (!parsed.value || !parsed.value->is_object()) {
    reply_fail(c, 400, "ArgumentNotValid",
               parsed.value ? "The body must be a JSON object." : "The body is not valid JSON: " + parsed.error);
    return std::nullopt;
  }
  return std::move(parsed.value->get_object());
}

void h_login(Ctx& c) {
  auto body = body_object(c);
  if (!body) return;
  const bj::string* email = json::find_string(*body, "email");
  const bj::string* sig = json::find_string(*body, "signature");
  const bj::string* key = json::find_string(*body, "authPublicKeyHex");
  if (!key && (key = json::find_string(*body, "publicKey"))) {
    if (!c.variant("A9:legacy_public_key_field", "the login field 'publicKey' (now 'authPublicKeyHex')")) return;
  }
  if (!email || !sig || !key) {
    reply_fail(c, 400, "ArgumentNotValid", "The body needs string fields email, signature and authPublicKeyHex.");
    return;
  }
  for (const auto& kv : *body) {
    std::string_view k = kv.key();
    if (k == "email" || k == "signature" || k == "authPublicKeyHex" || k == "publicKey") continue;
    if (k == "otp" || k == "code") {
      if (!c.variant("A25:login_otp_ignored", "a 2FA 'otp'/'code' field at login")) return;
    }
  }
  auto uit = c.st.user_by_email.find(std::string(*email));
  if (uit == c.st.user_by_email.end()) {
    reply_fail(c, 404, "NotFound", "User with e-mail '" + std::string(*email) + "' has not been found.");
    return;
  }
  const UserConfig& u = c.cfg.users[uit->second];
  bool multihash = false;
  auto pub = parse_key_hex(std::string_view(*key), &multihash);
  if (!pub) {
    reply_fail(c, 422, "InvalidPublicKey", "authPublicKeyHex must be a 32-byte Ed25519 public key as 64 hex characters.");
    return;
  }
  if (multihash && !c.variant("A8:multihash_public_key", "a multihash 'ed0120' prefix on the public key")) return;
  std::string_view sig_text = *sig;
  if (sig_text.starts_with("0x") || sig_text.starts_with("0X")) {
    if (!c.variant("A8:signature_0x_prefix", "a '0x' prefix on the signature")) return;
    sig_text.remove_prefix(2);
  }
  auto sig_bytes = crypto::hex_decode(sig_text);
  if (!sig_bytes || sig_bytes->size() != 64) {
    reply_fail(c, 422, "SignatureDecodeError", "signature must be a 64-byte Ed25519 signature as 128 hex characters.");
    return;
  }
  if (*pub != u.auth_key) {
    reply_fail(c, 422, "InvalidPublicKey",
               *pub == u.blockchain_key
                   ? "authPublicKeyHex is this user's Blockchain key; log in with the Authorization key pair."
                   : "authPublicKeyHex is not this user's Authorization public key.");
    return;
  }
  auto m = crypto::as_bytes(std::string_view(*email));
  if (crypto::ed25519_verify(*sig_bytes, crypto::blake2b_256(m), *pub)) {
    c.call->note_variant("A7:hash_plain");
  } else if (crypto::ed25519_verify(*sig_bytes, crypto::iroha_hash(m), *pub)) {
    c.call->note_variant("A7:hash_iroha");
  } else {
    reply_fail(c, 422, "InvalidSignature",
               crypto::ed25519_verify(*sig_bytes, m, *pub)
                   ? "The signature is over the raw e-mail bytes; sign BLAKE2b-256(email) (32-byte digest) instead."
                   : "The signature does not verify: sign BLAKE2b-256 of the e-mail's UTF-8 bytes with the Authorization key.");
    return;
  }
  reply_ok(c, "OK", "User authorization has been successful.", issue_tokens(c, uit->second));
}

void h_refresh(Ctx& c) {
  auto token = bearer(c);
  if (!token) return;
  auto it = c.st.refresh.find(*token);
  if (it == c.st.refresh.end() || c.now_ms / 1000 >= it->second.exp_s) {
    reply_fail(c, 401, "Unauthorized",
               "refreshToken is either expired or invalid: " +
                   (it == c.st.refresh.end() ? token_problem(c, *token, true) : std::string("The token has expired.")));
    return;
  }
  std::size_t user = it->second.user;
  c.st.refresh.erase(it);  // refresh tokens are single use; the old access token lives until it expires
  reply_ok(c, "OK", "Authentication tokens have been refreshed successfully.", issue_tokens(c, user));
}

void h_logout(Ctx& c) {
  if (auto it = c.st.access.find(c.token); it != c.st.access.end()) {
    c.st.refresh.erase(it->second.refresh_token);
    c.st.access.erase(it);
  }
  reply_ok(c, "OK", "User has been logged out successfully.", bj::object{});
}

// ---- Peer and wallet ----------------------------------------------------------------------------

void h_account(Ctx& c) {
  const UserConfig& u = *c.user;
  const Peer* p = c.st.peer(c.peer_id());
  const PeerConfig* pc = p ? p->config : nullptr;
  const std::int64_t reg = 1705744970118;  // fixed, as in the docs' sample: 2024-01-20T10:02:50.118000
  bj::object d;
  d["email"] = u.email;
  d["accountId"] = u.account_id;
  d["authPubKeyHex"] = crypto::hex_encode(u.auth_key);
  d["authPublicKeyHex"] = crypto::hex_encode(u.auth_key);
  d["irohaPubKeyHex"] = crypto::hex_encode(u.blockchain_key);
  d["irohaPublicKeyHex"] = crypto::hex_encode(u.blockchain_key);
  d["salt"] = crypto::hex_encode(crypto::blake2b_256(crypto::as_bytes("salt:" + u.email)));
  d["role"] = u.role;
  d["status"] = u.status;
  d["phoneNumber"] = u.phone_number;
  d["firstName"] = u.first_name;
  d["lastName"] = u.last_name;
  d["roleName"] = u.role_name;
  d["peerCompanyName"] = pc ? pc->company_name : "";
  d["peerOperatingCountry"] = pc ? pc->operating_country : "";
  d["peerType"] = pc ? kPeerTypes[pc->type] : "";
  d["peerConnectionType"] = "Web";
  d["peerGroup"] = pc ? pc->group : "";
  d["peerIsPrivileged"] = pc ? pc->privileged : false;
  d["isPrivileged"] = pc ? pc->privileged : false;
  d["registrationDate"] = iso_local_micros(reg);
  d["subscriptionExpiryDate"] = iso_local_micros(reg + 10LL * 365 * 86'400'000);
  d["subscriptionType"] = pc ? pc->subscription : "FREEMIUM";
  reply_ok(c, "Ok", "User details have been retrieved successfully.", std::move(d));
}

void h_limit(Ctx& c) {
  Peer* p = c.st.peer(c.peer_id());
  if (!p) {
    reply_fail(c, 404, "NotFound", "The peer's limit metadata has not been found.");
    return;
  }
  c.st.roll_period(*p, c.now_ms);
  bj::object d;
  d["used"] = p->limit_used;
  d["total"] = c.cfg.peer_limit;
  d["updatePeriod"] = c.cfg.limit_period_s;
  d["nextUpdate"] = (p->period_start_ms + c.cfg.limit_period_s * 1000) / 1000;
  reply_ok(c, "Ok", "Peer limit state has been retrieved successfully.", std::move(d));
}

void h_balance(Ctx& c) {
  Peer* p = c.st.peer(c.peer_id());
  bj::object tid;
  tid["definitionId"] = c.cfg.balance_definition_id;
  tid["accountId"] = c.user->account_id;
  bj::object d;
  d["tokenId"] = std::move(tid);
  d["balance"] = p ? p->balance : 0;
  reply_ok(c, "OK", "Token balance has been retrieved successfully", std::move(d));
}

void h_price(Ctx& c) {
  bj::object d;
  d["price"] = c.cfg.price;
  d["confidenceIndexPrice"] = c.cfg.confidence_index_price;
  reply_ok(c, "OK", "Pricing rate has been retrieved successfully.", std::move(d));
}

void h_rewards(Ctx& c) {
  bj::object table;
  for (std::size_t p = 0; p < kPeerTypeCount; ++p) {
    bj::object row;
    for (std::size_t f = 0; f < kFraudTypeCount; ++f) row[kFraudTypes[f]] = c.cfg.rewards[p][f];
    table[kPeerTypes[p]] = std::move(row);
  }
  bj::object d;
  d["rewardsTable"] = std::move(table);
  reply_ok(c, "OK", "Rewards rate has been retrieved successfully.", std::move(d));
}

// ---- Routing ------------------------------------------------------------------------------------

using Fn = void (*)(Ctx&);

struct RouteVariant {
  std::string code;  // "" = canonical
  std::string what;
  unsigned strict_status = 404;
};

void run(const CallPtr& call, std::size_t slot, Fn fn, bool protect, const std::vector<RouteVariant>& variants) {
  auto& ns = call->ns();
  auto lock = ns.lock();
  auto& st = ns.state<FilState>(slot);
  Ctx c{call, st, *st.cfg};
  c.now_ms = ns.now_ms();
  for (const auto& v : variants) {
    if (c.cfg.strict) {
      reply_fail(c, v.strict_status, default_error_name(v.strict_status),
                 "fil.strict: " + v.what + " is not the current documented endpoint (variant " + v.code + ").");
      return;
    }
    call->note_variant(v.code);
  }
  if (protect && !authenticate(c)) return;
  fn(c);
}

}  // namespace

std::shared_ptr<const scenario::Section> FilModule::load_section(const bj::value* section,
                                                                scenario::Problems& problems) const {
  return load_fil_section(section, problems);
}

std::unique_ptr<ModuleState> FilModule::make_state(Namespace& ns, std::size_t slot) const {
  auto cfg = std::static_pointer_cast<const FilSection>(ns.scenario().sections.at(slot));
  return make_fil_state(ns, std::move(cfg));
}

void FilModule::add_routes(routing::Router& router, std::size_t slot, Services&) {
  constexpr std::size_t kBig = 16u << 20;  // CONTRACT Limits: FIL submit and assemble
  auto add = [&](Method m, const std::string& path, Fn fn, bool protect, std::vector<RouteVariant> variants,
                 std::size_t limit = 1u << 20) {
    routing::RouteOptions o;
    o.body_limit = limit;
    router.add(m, path,
               [slot, fn, protect, variants = std::move(variants)](const CallPtr& call) {
                 run(call, slot, fn, protect, variants);
               },
               o);
  };
  for (const std::string prefix : {"/auth/api/", "/data/api/", "/api/v1/contribution-management/",
                                   "/api/v1/contribution-manager/", "/api/v1/peer-management/",
                                   "/api/v1/wallet-management/"})
    router.set_error_format(prefix, format_error);

  const std::string auth = "/auth/api/v1";
  add(Method::Post, auth + "/authentication-management/session", h_login, false, {});
  add(Method::Patch, auth + "/authentication-management/session", h_refresh, false, {});
  add(Method::Post, auth + "/authentication-management/logout", h_logout, true, {});
  add(Method::Get, auth + "/peer-management/account", h_account, true, {});

  // Data endpoints: canonical under /data/api/v1, also under /api/v1 (A3).
  for (bool legacy : {false, true}) {
    const std::string p = legacy ? "/api/v1" : "/data/api/v1";
    auto v = [&](std::vector<RouteVariant> extra) {
      if (legacy) extra.insert(extra.begin(), RouteVariant{"A3:path_without_data_prefix", "the path without '/data'", 404});
      return extra;
    };
    const std::string cm = p + "/contribution-management";
    add(Method::Get, p + "/peer-management/limit", h_limit, true, v({}));
    add(Method::Get, p + "/wallet-management/balance", h_balance, true, v({}));
    add(Method::Post, cm + "/contribution/assemble", h_assemble, true, v({}), kBig);
    add(Method::Post, cm + "/contribution", h_submit, true, v({}), kBig);
    add(Method::Get, cm + "/contribution", h_search, true, v({}));
    add(Method::Get, cm + "/contribution/price", h_price, true, v({}));
    add(Method::Get, cm + "/rewards", h_rewards, true, v({}));
    add(Method::Get, cm + "/contribution/{id}", h_lookup, true, v({}));
    add(Method::Post, cm + "/contribution/{id}", h_lookup, true,
        v({{"A2:lookup_post_method", "POST on the lookup (the spec says GET)", 405}}));
    // Flag assemble: documented at contribution-manager (A1), also -management; PATCH, also POST (A2).
    const RouteVariant post{"A2:flag_post_method", "POST on a flag endpoint (the spec says PATCH)", 405};
    const RouteVariant mgmt{"A1:flag_assemble_management_path",
                            "contribution-management/contribution/flag/assemble (documented: contribution-manager)", 404};
    add(Method::Patch, p + "/contribution-manager/contribution/flag/assemble", h_flag_assemble, true, v({}), kBig);
    add(Method::Post, p + "/contribution-manager/contribution/flag/assemble", h_flag_assemble, true, v({post}), kBig);
    add(Method::Patch, cm + "/contribution/flag/assemble", h_flag_assemble, true, v({mgmt}), kBig);
    add(Method::Post, cm + "/contribution/flag/assemble", h_flag_assemble, true, v({mgmt, post}), kBig);
    add(Method::Patch, cm + "/contribution/flag", h_flag_submit, true, v({}), kBig);
    add(Method::Post, cm + "/contribution/flag", h_flag_submit, true, v({post}), kBig);
  }
}

}  // namespace fs::fil
