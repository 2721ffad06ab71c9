#pragma once
// The built binary as a child process: for what only a real process shows (stdout line, signals,
// exit codes).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace fs::test {

struct RunResult {
  int exit_code = -1;  // -1: did not exit in time (then it was killed)
  std::string out;
  std::string err;
};

// Runs the binary to completion with `args` (and extra env "K=V" entries), bounded in time.
RunResult run_binary(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(20));

class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
  ~ServerProcess();
  std::uint16_t port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  void signal(int sig);
  // Waits for exit; returns the exit code, or -1 if it did not exit within `timeout`.
  int wait(std::chrono::milliseconds timeout);
  std::string stdout_rest();  // what came after the first line (must be nothing)
  std::string stderr_text();

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::uint16_t port_ = 0;
  std::string first_line_;
  std::string out_rest_;
  std::string err_;
  bool exited_ = false;
};

}  // namespace fs::test
