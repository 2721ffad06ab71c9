#include "core/log.hpp"

#include "core/json.hpp"

#include <unistd.h>

#include <string>

namespace fs {

namespace {

void emit(std::string& line) {
  line += '\n';
  // One write(2) per line: atomic for pipes up to PIPE_BUF, never interleaved mid-line in practice.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) return;  // nowhere to log to; never fail a request for it
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void Logger::request(const RequestLogLine& l) const {
  if (format_ == LogFormat::None) return;
  std::string line;
  line.reserve(160);
  if (format_ == LogFormat::Json) {
    line += "{\"type\":\"request\",\"ns\":";
    json::write_string(line, l.ns);
    line += ",\"method\":";
    json::write_string(line, l.method);
    line += ",\"path\":";
    json::write_string(line, l.path);
    line += ",\"status\":" + std::to_string(l.status) + ",\"micros\":" + std::to_string(l.micros);
    if (!l.variants.empty()) {
      line += ",\"variants\":";
      json::write_string(line, l.variants);
    }
    if (!l.fault.empty()) {
      line += ",\"fault\":";
      json::write_string(line, l.fault);
    }
    line += '}';
  } else {
    line.append("request ns=").append(l.ns).append(" ").append(l.method).append(" ").append(l.path);
    line += " status=" + std::to_string(l.status) + " micros=" + std::to_string(l.micros);
    if (!l.variants.empty()) line.append(" variants=").append(l.variants);
    if (!l.fault.empty()) line.append(" fault=").append(l.fault);
  }
  emit(line);
}

void Logger::event(std::string_view level, std::string_view message) const {
  if (format_ == LogFormat::None) return;
  std::string line;
  if (format_ == LogFormat::Json) {
    line += "{\"type\":\"event\",\"level\":";
    json::write_string(line, level);
    line += ",\"message\":";
    json::write_string(line, message);
    line += '}';
  } else {
    line.append(level).append(" ").append(message);
  }
  emit(line);
}

}  // namespace fs
