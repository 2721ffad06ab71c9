#include "waldo/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace fs::waldo::multipart {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parameters of a header value: `form-data; name="a"; filename="b.png"`. Calls fn(lower key, value).
template <class Fn>
void for_each_param(std::string_view v, Fn fn) {
  std::size_t i = v.find(';');
  while (i != std::string_view::npos && i < v.size()) {
    ++i;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::size_t eq = v.find('=', i);
    if (eq == std::string_view::npos) return;
    std::string key = lower(trim(v.substr(i, eq - i)));
    std::size_t j = eq + 1;
    std::string value;
    if (j < v.size() && v[j] == '"') {
      ++j;
      while (j < v.size() && v[j] != '"') {
        if (v[j] == '\\' && j + 1 < v.size()) ++j;
        value += v[j++];
      }
      i = v.find(';', j);
    } else {
      std::size_t end = v.find(';', j);
      value = std::string(trim(v.substr(j, end == std::string_view::npos ? std::string_view::npos : end - j)));
      i = end;
    }
    fn(key, std::move(value));
  }
}

}  // namespace

std::optional<std::string> boundary(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  if (lower(type) != "multipart/form-data") return std::nullopt;
  std::optional<std::string> b;
  for_each_param(content_type, [&](const std::string& k, std::string v) {
    if (k == "boundary" && !b) b = std::move(v);
  });
  if (!b || b->empty() || b->size() > 200) return std::nullopt;
  return b;
}

Result parse(std::string_view body, std::string_view boundary) {
  Result r;
  const std::string delim = "--" + std::string(boundary);
  // The first delimiter may open the body or follow a preamble after CRLF.
  std::size_t pos;
  if (body.substr(0, delim.size()) == delim) {
    pos = 0;
  } else {
    pos = body.find("\r\n" + delim);
    if (pos == std::string_view::npos) {
      r.error = "no boundary delimiter in the body";
      return r;
    }
    pos += 2;
  }
  const std::string next = "\r\n" + delim;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return r;  // close delimiter
    // Transport padding, then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      r.error = "malformed boundary line";
      return r;
    }
    pos += 2;
    Part part;
    // Headers up to an empty line.
    while (true) {
      std::size_t eol = body.find("\r\n", pos);
      if (eol == std::string_view::npos) {
        r.error = "unterminated part headers";
        return r;
      }
      std::string_view line = body.substr(pos, eol - pos);
      pos = eol + 2;
      if (line.empty()) break;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        r.error = "malformed part header";
        return r;
      }
      std::string name = lower(trim(line.substr(0, colon)));
      std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        for_each_param(value, [&](const std::string& k, std::string v) {
          if (k == "name") part.name = std::move(v);
          else if (k == "filename") {
            part.filename = std::move(v);
            part.has_filename = true;
          }
        });
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    std::size_t end = body.find(next, pos);
    if (end == std::string_view::npos) {
      r.error = "missing closing boundary";
      return r;
    }
    part.data = body.substr(pos, end - pos);
    r.parts.push_back(std::move(part));
    pos = end + 2;
  }
}

const Part* find(const std::vector<Part>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace fs::waldo::multipart
