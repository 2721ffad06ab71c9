#pragma once
// Command line and environment -> Settings (CONTRACT.md's table). Options win over env vars.
#include "core/settings.hpp"

#include <string>
#include <vector>

namespace fs::app {

enum class Command { Serve, Validate, Healthcheck, Help, Version };

struct CommandLine {
  Command command = Command::Serve;
  Settings settings;
  std::vector<std::string> files;  // validate FILE...
};

struct ParseOutcome {
  CommandLine cli;
  std::string error;  // non-empty: print it with the usage hint, exit 2
};

// `env` looks up an environment variable (injectable for tests); nullptr = std::getenv.
ParseOutcome parse_command_line(const std::vector<std::string>& args, const char* (*env)(const char*) = nullptr);
std::string usage();

}  // namespace fs::app
