#pragma once
// One line per request or event on stderr (stdout carries only the "listening on" line).
// Each line is written with a single write, so lines from several threads never interleave.
#include "core/settings.hpp"

#include <cstdint>
#include <string_view>

namespace fs {

struct RequestLogLine {
  std::string_view ns;
  std::string_view method;
  std::string_view path;
  unsigned status = 0;
  std::int64_t micros = 0;
  std::string_view variants;  // comma-separated, may be empty
  std::string_view fault;     // the fault rule that answered, may be empty
};

class Logger {
 public:
  explicit Logger(LogFormat format) : format_(format) {}
  void request(const RequestLogLine& line) const;
  void info(std::string_view message) const { event("info", message); }
  void warn(std::string_view message) const { event("warn", message); }
  void event(std::string_view level, std::string_view message) const;

 private:
  LogFormat format_;
};

}  // namespace fs
