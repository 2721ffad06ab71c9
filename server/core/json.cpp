#include "core/json.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

namespace fs::json {

namespace {

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) {  // JSON has no NaN/Infinity
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, end);
}

void write_value(std::string& out, const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: out += "null"; break;
    case bj::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case bj::kind::int64: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_int64());
      out.append(buf, end);
      break;
    }
    case bj::kind::uint64: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      out.append(buf, end);
      break;
    }
    case bj::kind::double_: write_double(out, v.get_double()); break;
    case bj::kind::string: write_string(out, v.get_string()); break;
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write_value(out, e);
      }
      out += ']';
      break;
    }
    case bj::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        write_string(out, kv.key());
        out += ':';
        write_value(out, kv.value());
      }
      out += '}';
      break;
    }
  }
}

ParseResult parse_with(std::string_view text, const bj::parse_options& opt) {
  bj::stream_parser p(bj::storage_ptr(), opt);
  boost::system::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = bj::error::extra_data;
  if (!ec) p.finish(ec);
  ParseResult r;
  if (!ec) {
    r.value = p.release();
    return r;
  }
  // Turn the byte offset into a line and column so a human can find the problem.
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < used && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  r.error = "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + ec.message();
  return r;
}

}  // namespace

void write_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write_to(std::string& out, const bj::value& v) { write_value(out, v); }

std::string write(const bj::value& v) {
  std::string out;
  out.reserve(256);
  write_value(out, v);
  return out;
}

ParseResult parse(std::string_view text) { return parse_with(text, bj::parse_options{}); }

ParseResult parse_relaxed(std::string_view text) {
  bj::parse_options opt;
  opt.allow_comments = true;
  opt.allow_trailing_commas = true;
  return parse_with(text, opt);
}

const bj::value* find(const bj::object& o, std::string_view key) { return o.if_contains(key); }

const bj::string* find_string(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

const bj::object* find_object(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

std::optional<bool> find_bool(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v && v->is_bool()) return v->get_bool();
  return std::nullopt;
}

std::optional<std::int64_t> find_int(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double() && std::trunc(v->get_double()) == v->get_double() && std::abs(v->get_double()) < 9e15)
    return static_cast<std::int64_t>(v->get_double());
  return std::nullopt;
}

std::optional<double> find_number(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return std::nullopt;
}

}  // namespace fs::json
