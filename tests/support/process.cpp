#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

extern char** environ;

namespace fs::test {

namespace {

int spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, int& out_fd, int& err_fd) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return -1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addclose(&fa, err[0]);
  std::vector<std::string> full{FS_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    std::string s = *e;
    if (s.rfind("FRAUD_SANDBOX_", 0) == 0) continue;  // tests decide the server's env
    envs.push_back(s);
  }
  envs.insert(envs.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, FS_BINARY, &fa, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  close(err[1]);
  out_fd = out[0];
  err_fd = err[0];
  return pid;
}

// Appends what is readable now (or within wait_ms) from fd; false on EOF.
bool drain(int fd, std::string& into, int wait_ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, wait_ms) <= 0) return true;
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n <= 0) return false;
  into.append(buf, static_cast<std::size_t>(n));
  return true;
}

int wait_pid(int pid, std::chrono::milliseconds timeout, int out_fd, std::string& out, int err_fd, std::string& err) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      while (drain(out_fd, out, 0) && out.size() < (1 << 20)) {
        pollfd p{out_fd, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0) break;
      }
      while (drain(err_fd, err, 0) && err.size() < (1 << 20)) {
        pollfd p{err_fd, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0) break;
      }
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() > deadline) return -1;
    drain(out_fd, out, 0);
    drain(err_fd, err, 10);
  }
}

}  // namespace

RunResult run_binary(const std::vector<std::string>& args, const std::vector<std::string>& env,
                     std::chrono::milliseconds timeout) {
  RunResult r;
  int out_fd, err_fd;
  int pid = spawn(args, env, out_fd, err_fd);
  if (pid < 0) return r;
  r.exit_code = wait_pid(pid, timeout, out_fd, r.out, err_fd, r.err);
  if (r.exit_code == -1) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  close(out_fd);
  close(err_fd);
  return r;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  pid_ = spawn(args, env, out_fd_, err_fd_);
  if (pid_ < 0) return;
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (out.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (!drain(out_fd_, out, 50)) break;
    drain(err_fd_, err_, 0);
  }
  auto nl = out.find('\n');
  first_line_ = out.substr(0, nl);
  if (nl != std::string::npos) out_rest_ = out.substr(nl + 1);
  auto colon = first_line_.rfind(':');
  if (colon != std::string::npos) port_ = static_cast<std::uint16_t>(std::stoi(first_line_.substr(colon + 1)));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

void ServerProcess::signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int ServerProcess::wait(std::chrono::milliseconds timeout) {
  int code = wait_pid(pid_, timeout, out_fd_, out_rest_, err_fd_, err_);
  if (code != -1) exited_ = true;
  return code;
}

std::string ServerProcess::stdout_rest() {
  drain(out_fd_, out_rest_, 0);
  return out_rest_;
}

std::string ServerProcess::stderr_text() {
  while (true) {
    pollfd p{err_fd_, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || !drain(err_fd_, err_, 0)) break;
  }
  return err_;
}

}  // namespace fs::test
