#include "scenario/json_text.hpp"

#include "scenario/reader.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace fs::scenario {

namespace bj = boost::json;

namespace {

struct Pos {
  std::size_t line = 1, col = 1;
  std::string text() const { return "line " + std::to_string(line) + ", column " + std::to_string(col); }
};

enum class Last { None, Open, Key, Colon, Comma, Value };

struct Frame {
  char kind;  // '{' or '['
  Pos at;
  std::string path;
  std::string key;     // object: the current member's key
  std::size_t index = 0;  // array: the current element
  std::map<std::string, Pos> keys;
};

struct Duplicate {
  std::string path;
  Pos at, first;
};

// A light tokenizer over (relaxed) JSON text, run up to `limit`: where containers open, what the
// last token was, whether the text ends inside a string or comment, and duplicate keys.
struct Scan {
  std::vector<Frame> stack;
  Last last = Last::None;
  Pos last_end;             // where the last token ended
  std::optional<Pos> open_string, open_comment;
  bool any_token = false;
  std::vector<Duplicate> duplicates;

  std::string child_of_top() const {
    if (stack.empty()) return "$";
    const Frame& f = stack.back();
    return f.kind == '{' ? child_path(f.path, f.key) : index_path(f.path, f.index);
  }

  void run(std::string_view t, std::size_t limit) {
    Pos p;
    std::size_t i = 0;
    auto advance = [&](std::size_t n) {
      for (std::size_t k = 0; k < n && i < t.size(); ++k, ++i) {
        if (t[i] == '\n') {
          ++p.line;
          p.col = 1;
        } else {
          ++p.col;
        }
      }
    };
    while (i < limit && i < t.size()) {
      char c = t[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance(1);
        continue;
      }
      if (c == '/' && i + 1 < t.size() && t[i + 1] == '/') {
        while (i < limit && i < t.size() && t[i] != '\n') advance(1);
        continue;
      }
      if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
        open_comment = p;
        advance(2);
        while (i < limit && i < t.size() && !(t[i] == '*' && i + 1 < t.size() && t[i + 1] == '/')) advance(1);
        if (i < t.size() && i < limit) {
          advance(2);
          open_comment.reset();
        }
        continue;
      }
      any_token = true;
      if (c == '"') {
        Pos start = p;
        open_string = p;
        advance(1);
        std::size_t from = i;
        while (i < limit && i < t.size() && t[i] != '"') advance(t[i] == '\\' ? 2 : 1);
        if (i >= t.size() || i >= limit) return;
        std::string s(t.substr(from, i - from));
        advance(1);
        open_string.reset();
        if (!stack.empty() && stack.back().kind == '{' && (last == Last::Open || last == Last::Comma)) {
          Frame& f = stack.back();
          f.key = s;
          auto [it, fresh] = f.keys.emplace(s, start);
          if (!fresh) duplicates.push_back(Duplicate{child_path(f.path, s), start, it->second});
          last = Last::Key;
        } else {
          last = Last::Value;
        }
        last_end = p;
        continue;
      }
      if (c == '{' || c == '[') {
        std::string path = child_of_top();
        stack.push_back(Frame{c, p, std::move(path)});
        last = Last::Open;
        advance(1);
        last_end = p;
        continue;
      }
      if (c == '}' || c == ']') {
        if (!stack.empty()) stack.pop_back();
        last = Last::Value;
        advance(1);
        last_end = p;
        continue;
      }
      if (c == ':') {
        last = Last::Colon;
        advance(1);
        continue;
      }
      if (c == ',') {
        if (!stack.empty() && stack.back().kind == '[') ++stack.back().index;
        last = Last::Comma;
        advance(1);
        continue;
      }
      // A number or a word.
      while (i < limit && i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '+' ||
                                           t[i] == '-' || t[i] == '.' || t[i] == '_'))
        advance(1);
      if (i < t.size() && i < limit && !std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' &&
          c != '.' && c != '_')
        advance(1);  // any other character: keep moving
      last = Last::Value;
      last_end = p;
    }
  }
};

Pos pos_of(std::string_view t, std::size_t offset) {
  Pos p;
  for (std::size_t i = 0; i < offset && i < t.size(); ++i) {
    if (t[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  return p;
}

std::string word_at(std::string_view t, std::size_t i) {
  std::size_t j = i;
  while (j < t.size() && j - i < 40 && (std::isalnum(static_cast<unsigned char>(t[j])) || t[j] == '_' || t[j] == '-' || t[j] == '.')) ++j;
  return std::string(t.substr(i, j - i));
}

std::string shown(char c) {
  if (c == '\n') return "a line break";
  if (static_cast<unsigned char>(c) < 0x20) return "a control character";
  return std::string("'") + c + "'";
}

std::string diagnose(std::string_view t, std::size_t offset, const boost::system::error_code& ec) {
  Scan s;
  if (ec == bj::error::incomplete || offset >= t.size()) {
    s.run(t, t.size());
    if (s.open_comment) return "the /* comment that starts at " + s.open_comment->text() + " is never closed (*/)";
    if (s.open_string) return "the string that starts at " + s.open_string->text() + " is never closed";
    if (!s.any_token) return "the file is empty; a scenario is a JSON object, e.g. {\"name\": \"my-scenario\"}";
    if (!s.stack.empty()) {
      const Frame& f = s.stack.back();
      return std::string("the '") + f.kind + "' at " + f.at.text() + " is never closed (the file ends first)";
    }
    return "the document ends in the middle of a value";
  }
  if (ec == bj::error::extra_data)
    return "more text after the end of the document; a scenario is a single JSON object";
  s.run(t, offset);
  const char c = t[offset];
  const char prev = offset > 0 ? t[offset - 1] : '\0';
  if (s.open_string) {
    if (prev == '\\') return std::string("invalid escape \\") + c + " in a string (a backslash is written \\\\)";
    if (static_cast<unsigned char>(c) < 0x20)
      return "a string cannot contain " + shown(c) + " (write \\n for a line break; the string starts at " +
             s.open_string->text() + ")";
    return "invalid text in a string (" + ec.message() + ")";
  }
  if (c == '\'') return "strings and keys take double quotes (\"...\"), not single quotes";
  const bool in_object = !s.stack.empty() && s.stack.back().kind == '{';
  const bool word = std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  if (s.last == Last::Value) {
    if (c == ':') return "':' after a value; only object keys are followed by ':'";
    if (c == '}' || c == ']') {
      const Frame* f = s.stack.empty() ? nullptr : &s.stack.back();
      if (f) return std::string("'") + c + "' does not close the '" + f->kind + "' opened at " + f->at.text();
      return std::string("unexpected '") + c + "'";
    }
    if (std::isdigit(static_cast<unsigned char>(c)) && prev == '0') return "a number cannot start with 0 (write 7, not 07)";
    if (c == '"' || word || c == '{' || c == '[' || std::isdigit(static_cast<unsigned char>(c)) || c == '-')
      return "a ',' is missing after the value that ends at " + s.last_end.text();
    return "unexpected " + shown(c) + " after a value; expected ',' or " + (in_object ? "'}'" : "']'");
  }
  if (in_object && (s.last == Last::Open || s.last == Last::Comma)) {
    if (word) return "a key needs double quotes: \"" + word_at(t, offset) + "\"";
    if (c == ',') return "an extra ',' (a member is missing before it)";
    return "expected a key in double quotes, found " + shown(c);
  }
  if (in_object && s.last == Last::Key) return "expected ':' after the key \"" + s.stack.back().key + "\"";
  // A value is expected here.
  if (word) {
    std::string w = word_at(t, offset);
    std::string near = did_you_mean(w, {"true", "false", "null"});
    if (!near.empty()) return "\"" + w + "\" is not a JSON value (did you mean " + near + "?)";
    return "\"" + w + "\" is not a JSON value; text needs double quotes: \"" + w + "\"";
  }
  if (c == '+') return "a number has no leading '+'";
  if (c == '.') return "a number needs a digit before the point (0.5, not .5)";
  if (c == ',') return "a value is missing before this ','";
  if (c == '}' || c == ']') {
    const Frame* f = s.stack.empty() ? nullptr : &s.stack.back();
    if (f && f->kind != (c == '}' ? '{' : '['))
      return std::string("'") + c + "' does not close the '" + f->kind + "' opened at " + f->at.text();
    return "a value is missing before " + shown(c);
  }
  if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') return "not a valid number (" + ec.message() + ")";
  return "unexpected " + shown(c) + " where a value should be";
}

}  // namespace

std::optional<bj::value> parse_scenario_text(std::string_view text, Problems& problems) {
  bj::parse_options opt;
  opt.allow_comments = true;
  opt.allow_trailing_commas = true;
  opt.max_depth = 64;
  bj::stream_parser p(bj::storage_ptr(), opt);
  boost::system::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = bj::error::extra_data;
  if (!ec) p.finish(ec);
  if (ec) {
    if (ec == bj::error::too_deep) {
      problems.add("$", "not valid JSON: nested deeper than 64 levels");
      return std::nullopt;
    }
    std::size_t offset = std::min(used, text.size());
    problems.add("$", "not valid JSON at " + pos_of(text, offset).text() + ": " + diagnose(text, offset, ec));
    return std::nullopt;
  }
  Scan s;
  s.run(text, text.size());
  for (const auto& d : s.duplicates)
    problems.add(d.path, "duplicate key at " + d.at.text() + " (first at " + d.first.text() +
                             "); JSON keeps only one of them, so remove or rename one");
  if (!s.duplicates.empty()) return std::nullopt;
  return p.release();
}

}  // namespace fs::scenario
