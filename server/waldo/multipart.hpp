#pragma once
// multipart/form-data (RFC 7578) parsing for POST /document. Pure functions; the parts are views
// into the body, so a 10 MB file is never copied.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fs::waldo::multipart {

struct Part {
  std::string name;          // Content-Disposition name
  std::string filename;      // Content-Disposition filename ("" when none)
  bool has_filename = false;
  std::string content_type;  // the part's Content-Type ("" when none)
  std::string_view data;     // the part's bytes, a view into the body
};

// The boundary parameter of a `multipart/form-data; boundary=...` Content-Type; nullopt when the
// type is not multipart/form-data or has no usable boundary.
std::optional<std::string> boundary(std::string_view content_type);

struct Result {
  std::vector<Part> parts;
  std::string error;  // empty on success
};
Result parse(std::string_view body, std::string_view boundary);

// The first part of that name, or nullptr.
const Part* find(const std::vector<Part>& parts, std::string_view name);

}  // namespace fs::waldo::multipart
