#include "waldo/errors.hpp"

#include "core/json.hpp"

namespace fs::waldo {

std::string error_body(std::string_view code, std::string_view message) {
  std::string out;
  out.reserve(32 + code.size() + message.size());
  out += "{\"code\":";
  json::write_string(out, code);
  out += ",\"message\":";
  json::write_string(out, message);
  out += '}';
  return out;
}

void reply(const routing::CallPtr& c, const ErrorDef& e) {
  c->reply(routing::Response::json_text(e.status, error_body(e.code, e.message)));
}

void reply_missing_data(const routing::CallPtr& c, std::string_view field) {
  c->reply(routing::Response::json_text(400, error_body("MISSING_DATA", "Missing data: " + std::string(field))));
}

void reply_invalid_data(const routing::CallPtr& c, std::string_view field) {
  c->reply(routing::Response::json_text(400, error_body("INVALID_DATA", "Invalid " + std::string(field))));
}

}  // namespace fs::waldo
