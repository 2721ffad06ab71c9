// Per-namespace FIL state (guarded by the namespace mutex) and the handler context shared by the
// FIL source files. Internal to server/fil/.
#pragma once

#include "core/module.hpp"
#include "crypto/crypto.hpp"
#include "fil/config.hpp"
#include "fil/model.hpp"
#include "routing/call.hpp"

#include <boost/json/value.hpp>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fs {
class Namespace;
}

namespace fs::fil {

struct Contribution {
  std::string id;  // normalized fraud id
  FraudId key;     // kind and numeric range, for matching
  std::size_t fraud_type = 0;
  std::string origination, destination;
  std::string definition_id;  // <id>_<ts>#contribution
  std::string owner;          // account id of the uploader
  std::string peer_id;        // the uploader's domain
  std::optional<std::string> source_peer_id;
  std::int64_t timestamp_ms = 0;
  std::int64_t expiry_s = 0;
  bool flagged = false;
  std::string flagger;
  std::int64_t flag_ts_ms = 0;
  std::optional<double> confidence_index;
  bool privileged = false;
  std::unordered_set<std::string> seen_by;  // peers that downloaded it
};

struct Peer {
  const PeerConfig* config = nullptr;
  std::int64_t balance = 0;
  std::int64_t limit_used = 0;       // rewards earned in the current period
  std::int64_t period_start_ms = 0;  // the current limit period began here
};

struct Session {  // an access token
  std::size_t user = 0;  // index into FilSection::users
  std::int64_t exp_s = 0;
  std::string jti;
  std::string refresh_token;  // the paired refresh token
};
struct RefreshSession {
  std::size_t user = 0;
  std::int64_t exp_s = 0;
  std::string access_token;  // the paired access token
};

struct PlannedEntry {
  std::string id;  // normalized
  FraudId key;
  std::size_t fraud_type = 0;
  std::string origination, destination;
  std::optional<std::string> source_peer_id;
  std::string definition_id;
  std::int64_t timestamp_ms = 0;
  std::int64_t expiry_s = 0;
};

struct IssuedTx {
  enum class Kind { Contribution, Flag } kind = Kind::Contribution;
  std::string account;  // the caller it was assembled for
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
  bool consumed = false;
  std::vector<PlannedEntry> entries;        // Contribution
  std::vector<std::string> flag_definitions;  // Flag: definition ids
};

struct FilState : ModuleState {
  std::shared_ptr<const FilSection> cfg;
  crypto::Ed25519KeyPair jwt_key;
  std::size_t retained_limit = 100000;
  std::unordered_map<std::string, std::size_t> user_by_email;
  std::unordered_map<std::string, Peer> peers;
  std::unordered_map<std::string, Session> access;           // token -> session
  std::unordered_map<std::string, RefreshSession> refresh;   // token -> session
  std::deque<std::string> access_order, refresh_order;       // issue order, for bounding
  std::vector<Contribution> contributions;
  std::unordered_map<std::string, std::size_t> by_definition;
  std::unordered_map<std::string, std::vector<std::size_t>> by_id;  // normalized id -> contributions
  // Phone and IP ranges by start, with the widest span seen, for overlap queries.
  std::array<std::multimap<std::uint64_t, std::size_t>, 2> ranges;
  std::array<std::uint64_t, 2> max_span{};
  std::unordered_map<std::string, IssuedTx> issued;  // key: BLAKE2b-256(payload) as raw bytes
  std::deque<std::string> issued_order;
  std::int64_t last_ts_ms = 0;
  std::uint64_t evicted_transactions = 0;

  void add_contribution(Contribution c);
  // Contributions whose range overlaps `q` (exact: normalized id equal), in insertion order.
  std::vector<std::size_t> find(const FraudId& q, bool exact) const;
  Peer* peer(const std::string& id);
  void roll_period(Peer& p, std::int64_t now_ms) const;
};

std::unique_ptr<FilState> make_fil_state(Namespace& ns, std::shared_ptr<const FilSection> cfg);

// ---- Handler context and envelope ---------------------------------------------------------------

struct Ctx {
  const routing::CallPtr& call;
  FilState& st;
  const FilSection& cfg;
  const UserConfig* user = nullptr;  // set on protected endpoints
  std::string token;                  // the access token of a protected call
  std::int64_t now_ms = 0;
  bool strict() const { return cfg.strict; }
  // Records a documented variant; under fil.strict answers 400 and returns false instead.
  bool variant(const std::string& code, std::string_view what);
  std::string peer_id() const;  // the caller's domain
};

// {status:{code,name,message},data}
boost::json::object envelope(unsigned status, std::string_view name, std::string_view message, boost::json::value data);
void reply_ok(Ctx& c, std::string_view name, std::string_view message, boost::json::value data);
void reply_fail(Ctx& c, unsigned status, std::string_view name, std::string_view message);
std::string_view default_error_name(unsigned status);

// Reads the signed hex from a submit body (A10 forms); replies and returns nullopt on failure.
std::optional<crypto::Bytes> read_submit_body(Ctx& c);
// Issues a transaction: remembers its payload hash with the plan; returns the wire hex.
std::string issue(Ctx& c, const crypto::Bytes& unsigned_wire, std::size_t payload_offset, IssuedTx tx);
// Finds the issued transaction the signed bytes carry and checks the caller's signature (§5.2.3).
// Replies 400 and returns nullptr on any failure; marks nothing consumed.
IssuedTx* verify_submission(Ctx& c, const crypto::Bytes& wire, IssuedTx::Kind kind);

boost::json::object contribution_json(const Contribution& c, std::int64_t now_ms, bool with_definition);

// Contribution handlers (contributions.cpp).
void h_assemble(Ctx& c);
void h_submit(Ctx& c);
void h_lookup(Ctx& c);
void h_search(Ctx& c);
void h_flag_assemble(Ctx& c);
void h_flag_submit(Ctx& c);

}  // namespace fs::fil
