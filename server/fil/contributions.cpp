// FIL contribution handlers: assemble/submit, lookup, search with charging, and the flag flow.
// Transactions: the sandbox issues them (remembering BLAKE2b-256 of the payload with the planned
// effect) and applies the effect only when the same payload comes back signed by the caller's
// Blockchain key (spec §5.2.3).
#include "core/json.hpp"
#include "core/namespace.hpp"
#include "crypto/crypto.hpp"
#include "fil/state.hpp"
#include "fil/transaction.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace fs::fil {

namespace bj = boost::json;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::int64_t next_ts(Ctx& c) {  // strictly increasing per namespace, so definition ids never collide
  c.st.last_ts_ms = std::max(c.now_ms, c.st.last_ts_ms + 1);
  return c.st.last_ts_ms;
}

std::uint32_t nonce() {
  auto b = crypto::random_bytes(4);
  std::uint32_t n = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
  return n ? n : 1;
}

std::string_view status_of(const Contribution& c, std::int64_t now_ms) {
  if (c.flagged) return "Flagged";
  return now_ms / 1000 >= c.expiry_s ? "Expired" : "Active";
}

bool expired(const Contribution& c, std::int64_t now_ms) { return !c.flagged && now_ms / 1000 >= c.expiry_s; }

// Credits a peer within its reward limit for the current period; returns what was credited.
std::int64_t credit(Ctx& c, const std::string& peer_id, std::int64_t amount) {
  Peer* p = c.st.peer(peer_id);
  if (!p || amount <= 0) return 0;
  c.st.roll_period(*p, c.now_ms);
  std::int64_t room = std::max<std::int64_t>(0, c.cfg.peer_limit - p->limit_used);
  std::int64_t granted = std::min(amount, room);
  p->balance += granted;
  p->limit_used += granted;
  return granted;
}

std::int64_t reward_value(Ctx& c, const std::string& peer_id, std::size_t fraud_type) {
  const Peer* p = c.st.peer(peer_id);
  return p ? c.cfg.rewards[p->config->type][fraud_type] : 0;
}

const char* const kLegacyEntryFields[] = {"expiryDate", "fraudStatus", "confidenceIndex", "isPrivileged",
                                          "peerId",     "flagger",     "timestamp"};

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t i = 0;
    while (i <= v.size()) {
      std::size_t j = v.find(',', i);
      if (j == std::string::npos) j = v.size();
      std::string item(trim(std::string_view(v).substr(i, j - i)));
      if (!item.empty()) out.push_back(std::move(item));
      i = j + 1;
    }
  }
  return out;
}

}  // namespace

// ---- JSON ---------------------------------------------------------------------------------------

bj::object contribution_json(const Contribution& c, std::int64_t now_ms, bool with_definition) {
  bj::object o;
  o["id"] = c.id;
  o["fraudType"] = kFraudTypes[c.fraud_type];
  o["origination"] = c.origination;
  o["destination"] = c.destination;
  o["expiryDate"] = c.expiry_s;
  o["fraudStatus"] = status_of(c, now_ms);
  if (c.confidence_index) o["confidenceIndex"] = *c.confidence_index;
  else o["confidenceIndex"] = nullptr;
  o["isPrivileged"] = c.privileged;
  o["peerId"] = c.peer_id;
  if (c.flagged) o["flagger"] = c.flagger;
  else o["flagger"] = nullptr;
  o["timestamp"] = iso_utc(c.timestamp_ms);
  if (c.flagged) o["flagTimestamp"] = iso_utc(c.flag_ts_ms);
  else o["flagTimestamp"] = nullptr;
  if (with_definition) o["assetDefinitionId"] = c.definition_id;
  if (c.source_peer_id) o["sourcePeerId"] = *c.source_peer_id;
  else o["sourcePeerId"] = nullptr;
  return o;
}

// ---- Issuing and verifying transactions ----------------------------------------------------------

// Records an assembled transaction as issued to the caller (TTL from now, on the namespace clock)
// and returns its hex. `tx` carries only what is specific to its kind.
std::string issue(Ctx& c, const crypto::Bytes& wire, std::size_t payload_offset, IssuedTx tx) {
  tx.account = c.user->account_id;
  tx.created_ms = c.now_ms;
  tx.expires_ms = c.now_ms + c.cfg.transaction_ttl_ms;
  auto hash = crypto::blake2b_256(crypto::ByteView(wire).subspan(payload_offset));
  std::string key(hash.begin(), hash.end());
  c.st.issued[key] = std::move(tx);
  c.st.issued_order.push_back(std::move(key));
  // Bounded (CONTRACT Limits): the oldest go first; with one TTL for all they also expire first.
  while (c.st.issued.size() > c.st.retained_limit && !c.st.issued_order.empty()) {
    c.st.issued.erase(c.st.issued_order.front());
    c.st.issued_order.pop_front();
    ++c.st.evicted_transactions;
  }
  return crypto::hex_encode(wire);
}

std::optional<crypto::Bytes> read_submit_body(Ctx& c) {
  std::string_view body = trim(c.call->request().body);
  std::string text;
  if (!body.empty() && body.front() == '"') {
    auto parsed = json::parse(body);
    if (!parsed.value || !parsed.value->is_string()) {
      reply_fail(c, 400, "BadRequest", "Invalid transaction: the body must be the signed transaction hex as a JSON string.");
      return std::nullopt;
    }
    text = std::string(parsed.value->get_string());
  } else if (!body.empty() && body.front() == '{') {
    auto parsed = json::parse(body);
    const bj::string* s = nullptr;
    if (parsed.value && parsed.value->is_object()) {
      s = json::find_string(parsed.value->get_object(), "transactionHex");
      if (!s) s = json::find_string(parsed.value->get_object(), "transaction");
    }
    if (!s) {
      reply_fail(c, 400, "BadRequest", "Invalid transaction: the body must be the signed transaction hex as a JSON string.");
      return std::nullopt;
    }
    if (!c.variant("A10:submit_object_body", "a {\"transactionHex\": ...} object body (send a JSON string)")) return std::nullopt;
    text = std::string(*s);
  } else {
    if (!c.variant("A10:submit_raw_hex_body", "a raw hex body (send the hex as a JSON string)")) return std::nullopt;
    text = std::string(body);
  }
  std::string_view hex = trim(text);
  if (hex.starts_with("0x") || hex.starts_with("0X")) {
    if (!c.variant("A10:hex_0x_prefix", "a '0x' prefix on the transaction hex")) return std::nullopt;
    hex.remove_prefix(2);
  }
  auto bytes = crypto::hex_decode(hex);
  if (!bytes || bytes->empty()) {
    reply_fail(c, 400, "BadRequest", "Invalid transaction: the body is not an even-length hex string.");
    return std::nullopt;
  }
  return bytes;
}

IssuedTx* verify_submission(Ctx& c, const crypto::Bytes& wire, IssuedTx::Kind kind) {
  auto fail = [&](const std::string& why) {
    reply_fail(c, 400, "BadRequest", "Invalid transaction: " + why);
    return nullptr;
  };
  auto view = parse_signed(wire);
  if (!view.ok())
    return fail("it does not decode as a signed Iroha transaction (" + view.error().message + " at byte " +
                std::to_string(view.error().offset) + ").");
  if (view->signatures.empty())
    return fail("it carries no signature; append an Ed25519 signature of BLAKE2b-256(payload) made with your Blockchain key.");
  auto hash = crypto::blake2b_256(view->payload);
  auto it = c.st.issued.find(std::string(hash.begin(), hash.end()));
  if (it == c.st.issued.end())
    return fail("its payload was not issued by this sandbox namespace (assemble first, and keep the payload bytes unchanged).");
  IssuedTx& tx = it->second;
  if (tx.kind != kind)
    return fail(tx.kind == IssuedTx::Kind::Flag ? "it is a flag transaction; submit it to PATCH .../contribution-management/contribution/flag."
                                                : "it is a contribution transaction; submit it to POST .../contribution-management/contribution.");
  if (tx.consumed) return fail("this transaction has already been submitted.");
  if (tx.account != c.user->account_id) return fail("it was assembled for another account (" + tx.account + ").");
  if (c.now_ms > tx.expires_ms)
    return fail("it expired (its time to live ended at " + iso_utc(tx.expires_ms) + "); assemble a new one.");
  const SignatureEntry* mine = nullptr;
  bool by_auth_key = false;
  std::size_t others = 0;
  for (const auto& e : view->signatures) {
    if (std::equal(e.public_key.begin(), e.public_key.end(), c.user->blockchain_key.begin(), c.user->blockchain_key.end())) {
      if (!mine) mine = &e;
    } else {
      ++others;
      if (std::equal(e.public_key.begin(), e.public_key.end(), c.user->auth_key.begin(), c.user->auth_key.end()))
        by_auth_key = true;
    }
  }
  if (!mine)
    return fail(by_auth_key ? "it is signed with your Authorization key; transactions are signed with the Blockchain key."
                            : "no signature carries your Blockchain public key (" + crypto::hex_encode(c.user->blockchain_key) + ").");
  auto variant = verify_entry(*mine, view->payload);
  if (!variant) {
    if (crypto::ed25519_verify(mine->signature, view->payload, mine->public_key))
      return fail("the signature is over the raw payload bytes; sign BLAKE2b-256(payload) (32-byte digest) instead.");
    return fail("the signature does not verify over BLAKE2b-256(payload) with your Blockchain key.");
  }
  c.call->note_variant(*variant == HashVariant::Plain ? "A7:hash_plain" : "A7:hash_iroha");
  if (others) c.call->note_variant("extra_signatures_ignored");
  return &tx;
}

// ---- Assemble and submit ------------------------------------------------------------------------

void h_assemble(Ctx& c) {
  auto parsed = json::parse(c.call->request().body);
  if (!parsed.value) {
    reply_fail(c, 400, "ArgumentNotValid", "The body is not valid JSON: " + parsed.error);
    return;
  }
  bj::array single;
  const bj::array* list = parsed.value->if_array();
  if (!list && parsed.value->is_object()) {
    if (!c.variant("A26:assemble_single_object", "a single contribution object (send an array)")) return;
    single.push_back(*parsed.value);
    list = &single;
  }
  if (!list) {
    reply_fail(c, 400, "ArgumentNotValid", "The body must be a JSON array of contributions.");
    return;
  }
  if (list->empty() || list->size() > c.cfg.max_entries) {
    reply_fail(c, 400, "ArgumentNotValid",
               "The array must hold 1 to " + std::to_string(c.cfg.max_entries) + " contributions (got " +
                   std::to_string(list->size()) + ").");
    return;
  }
  const std::string caller_peer = c.peer_id();
  const std::int64_t ts = next_ts(c);
  std::vector<PlannedEntry> plan;
  plan.reserve(list->size());
  std::set<std::string> ids;
  bool noted_case = false, noted_legacy = false, noted_phone = false;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    const bj::object* o = (*list)[i].if_object();
    if (!o) return reply_fail(c, 400, "ArgumentNotValid", at + ": each contribution must be an object.");
    const bj::string* id = json::find_string(*o, "id");
    const bj::string* ft = json::find_string(*o, "fraudType");
    const bj::string* org = json::find_string(*o, "origination");
    const bj::string* dst = json::find_string(*o, "destination");
    if (!id || !ft || !org || !dst)
      return reply_fail(c, 400, "ArgumentNotValid", at + ": id, fraudType, origination and destination are required strings.");
    auto fid = parse_fraud_id(std::string_view(*id));
    if (!fid.id) return reply_fail(c, 400, "ArgumentNotValid", at + ".id \"" + std::string(*id) + "\": " + fid.error + ".");
    if (fid.id->legacy_phone && !noted_phone) {
      noted_phone = true;
      if (!c.variant("A20:phone_range_without_plus", "a phone range without '+'")) return;
    }
    auto type = parse_fraud_type(std::string_view(*ft));
    if (!type)
      return reply_fail(c, 400, "BadRequest",
                        at + ".fraudType: contribution type \"" + std::string(*ft) +
                            "\" is invalid (Wangiri, IRSF, StolenDevice, IPFraud, SMSA2P, FlashCall, Scam).");
    if (!type->exact && !noted_case) {
      noted_case = true;
      if (!c.variant("A14:enum_case", "an enum value in another letter case")) return;
    }
    for (const bj::string* cc : {org, dst})
      if (!valid_country(std::string_view(*cc)))
        return reply_fail(c, 400, "ArgumentNotValid",
                          at + ": \"" + std::string(*cc) + "\" is not an upper-case ISO 3166-1 alpha-2 country code.");
    std::optional<std::string> source;
    if (const bj::value* sp = json::find(*o, "sourcePeerId"); sp && !sp->is_null()) {
      if (!sp->is_string()) return reply_fail(c, 400, "ArgumentNotValid", at + ".sourcePeerId must be a string.");
      std::string s(sp->get_string());
      if (!s.empty()) {
        if (!c.st.peer(s))
          return reply_fail(c, 400, "ArgumentNotValid", at + ".sourcePeerId \"" + s + "\" is not a registered peer.");
        source = std::move(s);
      }
    }
    if (!noted_legacy) {
      for (const char* k : kLegacyEntryFields) {
        if (o->contains(k)) {
          noted_legacy = true;
          if (!c.variant("A26:assemble_legacy_fields", "fields removed from the assemble body (expiryDate, fraudStatus ...)")) return;
          break;
        }
      }
    }
    if (!ids.insert(fid.id->normalized).second)
      return reply_fail(c, 400, "ArgumentNotValid", at + ".id \"" + fid.id->normalized + "\" appears twice in this batch.");
    PlannedEntry e;
    e.id = fid.id->normalized;
    e.key = std::move(*fid.id);
    e.fraud_type = type->index;
    e.origination = std::string(*org);
    e.destination = std::string(*dst);
    e.source_peer_id = std::move(source);
    e.timestamp_ms = ts;
    e.expiry_s = ts / 1000 + (e.fraud_type == 1 ? 90 : 30) * 86400LL;
    e.definition_id = e.id + "_" + std::to_string(ts) + "#contribution";
    plan.push_back(std::move(e));
  }
  (void)caller_peer;
  ContributionTx tx;
  tx.creation_time_ms = static_cast<std::uint64_t>(ts);
  tx.authority = *parse_account_id(c.user->account_id);
  tx.time_to_live_ms = static_cast<std::uint64_t>(c.cfg.transaction_ttl_ms);
  tx.nonce = nonce();
  tx.entries.reserve(plan.size());
  for (const auto& e : plan)
    tx.entries.push_back(ContributionEntry{e.id, static_cast<std::uint32_t>(e.fraud_type), e.origination, e.destination, 0,
                                           static_cast<std::uint64_t>(e.expiry_s), static_cast<std::uint64_t>(ts)});
  crypto::Bytes wire = encode_unsigned(build_contribution(tx));
  IssuedTx issued;
  issued.kind = IssuedTx::Kind::Contribution;
  issued.entries = std::move(plan);
  std::string hex = issue(c, wire, 2, std::move(issued));
  reply_ok(c, "OK", "Contribution has been assembled and its transaction transactionHex string has been retrieved successfully",
           bj::string(hex));
}

void h_submit(Ctx& c) {
  auto wire = read_submit_body(c);
  if (!wire) return;
  IssuedTx* tx = verify_submission(c, *wire, IssuedTx::Kind::Contribution);
  if (!tx) return;
  for (const auto& e : tx->entries)
    if (c.st.by_definition.count(e.definition_id))
      return reply_fail(c, 400, "BadRequest", "Invalid transaction: contribution " + e.definition_id + " already exists.");
  tx->consumed = true;
  const std::string caller_peer = c.peer_id();
  std::int64_t rewarded = 0;
  bj::array token_ids;
  for (const auto& e : tx->entries) {
    std::int64_t reward = reward_value(c, caller_peer, e.fraud_type);
    if (e.source_peer_id && *e.source_peer_id != caller_peer) {
      std::int64_t mine = reward / 10;  // 1:9 in favour of the source, uploader rounded down (A22)
      credit(c, *e.source_peer_id, reward - mine);
      rewarded += credit(c, caller_peer, mine);
    } else {
      rewarded += credit(c, caller_peer, reward);
    }
    Contribution k;
    k.id = e.id;
    k.key = e.key;
    k.fraud_type = e.fraud_type;
    k.origination = e.origination;
    k.destination = e.destination;
    k.definition_id = e.definition_id;
    k.owner = c.user->account_id;
    k.peer_id = caller_peer;
    k.source_peer_id = e.source_peer_id;
    k.timestamp_ms = e.timestamp_ms;
    k.expiry_s = e.expiry_s;
    bj::object tid;
    tid["definitionId"] = e.definition_id;
    tid["accountId"] = c.user->account_id;
    token_ids.push_back(std::move(tid));
    c.st.add_contribution(std::move(k));
  }
  bj::object d;
  d["tokenIds"] = std::move(token_ids);
  d["rewarded"] = rewarded;
  reply_ok(c, "OK", "Contribution has been submitted and tokens have been rewarded successfully", std::move(d));
}

// ---- Lookup and search --------------------------------------------------------------------------

void h_lookup(Ctx& c) {
  const std::string& raw = c.call->param("id");
  auto fid = parse_fraud_id(raw);
  if (!fid.id) return reply_fail(c, 400, "BadRequest", "The contribution ID \"" + raw + "\" is invalid: " + fid.error + ".");
  if (fid.id->legacy_phone && !c.variant("A20:phone_range_without_plus", "a phone range without '+'")) return;
  bj::array items;
  for (std::size_t i : c.st.find(*fid.id, c.strict())) {
    const Contribution& k = c.st.contributions[i];
    if (expired(k, c.now_ms)) continue;
    bj::object item;
    item["assetDefinitionId"] = k.definition_id;
    item["assetDefinitionIds"] = k.definition_id;
    item["contribution"] = contribution_json(k, c.now_ms, false);
    items.push_back(std::move(item));
  }
  if (items.empty())
    return reply_fail(c, 404, "NotFound", "No active contribution matches \"" + fid.id->normalized + "\".");
  reply_ok(c, "Ok", "Contribution has been successfully retrieved by its ID", std::move(items));
}

void h_search(Ctx& c) {
  std::map<std::string, std::vector<std::string>> q;
  for (auto& [k, v] : c.call->request().query_params()) q[k].push_back(v);
  auto bad = [&](const std::string& why) { reply_fail(c, 400, "BadRequest", "Invalid parameters: " + why); };
  auto one = [&](const char* k) -> const std::string* {
    auto it = q.find(k);
    return it == q.end() || it->second.empty() ? nullptr : &it->second.back();
  };
  std::optional<std::size_t> size;
  if (auto* s = one("size")) {
    if (s->empty() || s->size() > 9 || s->find_first_not_of("0123456789") != std::string::npos)
      return bad("size must be a non-negative integer.");
    size = static_cast<std::size_t>(std::stoull(*s));
  }
  std::int64_t from = INT64_MIN, to = INT64_MAX;
  for (const char* k : {"from", "to"}) {
    if (auto* s = one(k)) {
      auto t = parse_time_param(*s);
      if (!t) return bad(std::string(k) + " must be ISO 8601 (2024-01-03T12:00:00Z) or epoch seconds.");
      if (t->epoch && !c.variant("A14:time_epoch_seconds", "from/to as epoch seconds (the spec says ISO 8601)")) return;
      (std::string_view(k) == "from" ? from : to) = t->ms;
    }
  }
  bool noted_case = false;
  auto note_case = [&]() {
    if (noted_case) return true;
    noted_case = true;
    return c.variant("A14:enum_case", "an enum value in another letter case");
  };
  std::vector<bool> ft(kFraudTypeCount, false);
  bool ft_any = true;
  if (auto it = q.find("ft"); it != q.end()) {
    for (const auto& v : split_list(it->second)) {
      auto m = parse_fraud_type(v);
      if (!m) return bad("ft \"" + v + "\" is not a fraud type.");
      if (!m->exact && !note_case()) return;
      ft[m->index] = true;
      ft_any = false;
    }
  }
  std::set<std::string> org, dst;
  for (auto [key, set] : {std::pair{"org", &org}, std::pair{"dst", &dst}}) {
    if (auto it = q.find(key); it != q.end()) {
      for (auto v : split_list(it->second)) {
        std::string up = v;
        for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (!valid_country(up)) return bad(std::string(key) + " \"" + v + "\" is not an ISO 3166-1 alpha-2 code.");
        if (up != v && !note_case()) return;
        set->insert(up);
      }
    }
  }
  enum class Mode { Default, New, Old, Self } mode = Mode::Default;
  if (auto* s = one("fetch-mode")) {
    std::string up = *s;
    for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (up == "DEFAULT") mode = Mode::Default;
    else if (up == "NEW") mode = Mode::New;
    else if (up == "OLD") mode = Mode::Old;
    else if (up == "SELF") mode = Mode::Self;
    else if (up == "DOWNLOAD") {
      if (!c.variant("A14:fetch_mode_download", "fetch-mode=DOWNLOAD (only in release notes; treated as DEFAULT)")) return;
    } else {
      return bad("fetch-mode must be DEFAULT, NEW, OLD or SELF.");
    }
    if (up != *s && !note_case()) return;
  }
  if (auto* s = one("self-only")) {
    if (*s != "true" && *s != "false") return bad("self-only must be true or false.");
    if (!c.variant("A14:self_only_param", "the removed self-only parameter (use fetch-mode=SELF)")) return;
    if (*s == "true") mode = Mode::Self;
  }
  bool by_confidence = false;
  if (auto* s = one("confidence-score")) {
    if (*s != "true" && *s != "false") return bad("confidence-score must be true or false.");
    by_confidence = *s == "true";
  }

  const std::string me = c.peer_id();
  Peer* peer = c.st.peer(me);
  std::vector<std::size_t> match;
  for (std::size_t i = 0; i < c.st.contributions.size(); ++i) {
    const Contribution& k = c.st.contributions[i];
    if (k.timestamp_ms < from || k.timestamp_ms > to) continue;
    if (!ft_any && !ft[k.fraud_type]) continue;
    if (!org.empty() && !org.count(k.origination)) continue;
    if (!dst.empty() && !dst.count(k.destination)) continue;
    const bool own = k.peer_id == me;
    const bool seen = k.seen_by.count(me) > 0;
    if (mode == Mode::Self && !own) continue;
    if (mode == Mode::New && (own || seen)) continue;
    if (mode == Mode::Old && (own || !seen)) continue;
    match.push_back(i);
  }
  std::stable_sort(match.begin(), match.end(), [&](std::size_t a, std::size_t b) {
    const auto ta = c.st.contributions[a].timestamp_ms, tb = c.st.contributions[b].timestamp_ms;
    return ta != tb ? ta > tb : a > b;
  });
  if (size && match.size() > *size) match.resize(*size);

  const bool premium = peer && peer->config->subscription == "PREMIUM";
  std::int64_t n_self = 0, n_old = 0, n_new = 0, n_new_ci = 0, spent = 0, withheld = 0, withheld_cost = 0;
  bj::array out;
  for (std::size_t i : match) {
    Contribution& k = c.st.contributions[i];
    if (k.peer_id == me) {
      ++n_self;
    } else if (k.seen_by.count(me)) {
      ++n_old;
    } else {
      const bool ci = by_confidence && k.confidence_index.has_value();
      std::int64_t price = ci ? c.cfg.confidence_index_price : c.cfg.price;
      if (premium || (k.source_peer_id && *k.source_peer_id == me)) price = 0;
      if (!peer || peer->balance < price) {
        ++withheld;
        withheld_cost += price;
        continue;
      }
      peer->balance -= price;
      spent += price;
      ++n_new;
      if (ci) ++n_new_ci;
      k.seen_by.insert(me);
    }
    out.push_back(contribution_json(k, c.now_ms, true));
  }
  bj::object details;
  details["self"] = n_self;
  details["old"] = n_old;
  details["new"] = n_new;
  details["newWithConfidenceIndex"] = n_new_ci;
  details["creditsSpent"] = spent;
  details["balanceLeft"] = peer ? peer->balance : 0;
  details["contributionsNotReturned"] = withheld;
  details["contributionsNotReturnedCost"] = withheld_cost;
  bj::object d;
  d["contributions"] = std::move(out);
  d["details"] = std::move(details);
  reply_ok(c, "Ok", "Contributions have been successfully retrieved and filtered by the specified parameters", std::move(d));
}

// ---- Flag ---------------------------------------------------------------------------------------

void h_flag_assemble(Ctx& c) {
  auto parsed = json::parse(c.call->request().body);
  if (!parsed.value || !parsed.value->is_object())
    return reply_fail(c, 400, "ArgumentNotValid", "The body must be {\"assetDefinitionIds\": [\"<definitionId>\", ...]}.");
  const bj::object& body = parsed.value->get_object();
  const bj::value* ids = json::find(body, "assetDefinitionIds");
  bool asset_ids = false;
  if (!ids && (ids = json::find(body, "assetIds"))) asset_ids = true;
  if (!ids || !ids->is_array() || ids->get_array().empty())
    return reply_fail(c, 400, "ArgumentNotValid", "assetDefinitionIds must be a non-empty array of definition ids.");
  const bj::array& arr = ids->get_array();
  const bool objects = arr.front().is_object();
  if (asset_ids) {
    if (!objects) return reply_fail(c, 400, "ArgumentNotValid", "assetIds must hold {definitionId, accountId} objects.");
    if (!c.variant("A4:flag_body_asset_ids", "the 2023 body {\"assetIds\": [{definitionId, accountId}]}")) return;
  } else if (objects) {
    if (!c.variant("A4:flag_body_objects", "assetDefinitionIds as {definitionId, accountId} objects (the tutorial's form)")) return;
  }
  std::vector<std::string> defs;
  std::vector<std::optional<std::string>> accounts;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    if (objects) {
      const bj::object* o = arr[i].if_object();
      const bj::string* d = o ? json::find_string(*o, "definitionId") : nullptr;
      if (!d) return reply_fail(c, 400, "ArgumentNotValid", at + ": expected {\"definitionId\": ..., \"accountId\": ...}.");
      defs.emplace_back(*d);
      const bj::string* a = json::find_string(*o, "accountId");
      accounts.push_back(a ? std::optional<std::string>(std::string(*a)) : std::nullopt);
    } else {
      if (!arr[i].is_string()) return reply_fail(c, 400, "ArgumentNotValid", at + ": expected a definition id string.");
      defs.emplace_back(arr[i].get_string());
      accounts.push_back(std::nullopt);
    }
  }
  FlagTx f;
  std::vector<std::string> planned;
  std::set<std::string> dedupe;
  bool noted_acc = false;
  for (std::size_t i = 0; i < defs.size(); ++i) {
    auto it = c.st.by_definition.find(defs[i]);
    if (it == c.st.by_definition.end())
      return reply_fail(c, 404, "NotFound", "Asset \"" + defs[i] + "\" has not been found.");
    const Contribution& k = c.st.contributions[it->second];
    if (accounts[i] && *accounts[i] != k.owner && *accounts[i] != c.user->account_id && !noted_acc) {
      noted_acc = true;
      if (!c.variant("A4:flag_account_id_unrelated", "an accountId that is neither the owner nor the caller")) return;
    }
    if (k.privileged) return reply_fail(c, 400, "BadRequest", "Contribution " + defs[i] + " is premium and cannot be changed.");
    if (k.flagged) return reply_fail(c, 400, "BadRequest", "Contribution " + defs[i] + " is already flagged.");
    if (expired(k, c.now_ms)) return reply_fail(c, 400, "BadRequest", "Contribution " + defs[i] + " has expired.");
    if (!dedupe.insert(defs[i]).second) continue;
    f.targets.push_back(FlagTarget{*parse_asset_definition_id(k.definition_id), *parse_account_id(k.owner)});
    planned.push_back(defs[i]);
  }
  const std::int64_t ts = next_ts(c);
  f.creation_time_ms = static_cast<std::uint64_t>(ts);
  f.authority = *parse_account_id(c.user->account_id);
  f.time_to_live_ms = static_cast<std::uint64_t>(c.cfg.transaction_ttl_ms);
  f.nonce = nonce();
  crypto::Bytes wire = encode_unsigned(build_flag(f));
  IssuedTx issued;
  issued.kind = IssuedTx::Kind::Flag;
  issued.flag_definitions = std::move(planned);
  std::string hex = issue(c, wire, 2, std::move(issued));
  reply_ok(c, "OK", "Contribution flag has been assembled and its transactionHex string has been retrieved successfully",
           bj::string(hex));
}

void h_flag_submit(Ctx& c) {
  auto wire = read_submit_body(c);
  if (!wire) return;
  IssuedTx* tx = verify_submission(c, *wire, IssuedTx::Kind::Flag);
  if (!tx) return;
  for (const auto& d : tx->flag_definitions) {
    auto it = c.st.by_definition.find(d);
    if (it == c.st.by_definition.end()) return reply_fail(c, 404, "NotFound", "Asset \"" + d + "\" has not been found.");
    if (c.st.contributions[it->second].flagged)
      return reply_fail(c, 400, "BadRequest", "Invalid transaction: contribution " + d + " was flagged in the meantime.");
  }
  tx->consumed = true;
  const std::string me = c.peer_id();
  std::int64_t rewarded = 0;
  for (const auto& d : tx->flag_definitions) {
    Contribution& k = c.st.contributions[c.st.by_definition[d]];
    k.flagged = true;
    k.flagger = c.user->account_id;
    k.flag_ts_ms = c.now_ms;
    if (k.peer_id != me) rewarded += credit(c, me, reward_value(c, me, k.fraud_type));  // own peer: 0
  }
  bj::object d;
  d["rewarded"] = rewarded;
  reply_ok(c, "OK", "Contribution has been flagged and its transactionHex string has been retrieved successfully", std::move(d));
}

}  // namespace fs::fil
