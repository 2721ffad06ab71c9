// fraud-sandbox: command line -> serve, validate or healthcheck (CONTRACT.md).
#include "app/app.hpp"
#include "app/config.hpp"
#include "app/healthcheck.hpp"
#include "app/modules.hpp"
#include "scenario/loader.hpp"

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <iostream>

namespace {

// Each file on its own (not merged): one line per problem on stdout, a summary on stderr.
int validate(const std::vector<std::string>& files) {
  auto modules = fs::app::make_modules();
  std::size_t bad = 0, problems = 0;
  for (const auto& f : files) {
    auto r = fs::scenario::load_files({f}, modules);
    for (const auto& p : r.problems) std::cout << p.text() << "\n";
    problems += r.problems.size();
    if (!r.scenario) ++bad;
  }
  std::cout.flush();
  if (bad)
    std::cerr << "fraud-sandbox validate: " << problems << (problems == 1 ? " problem" : " problems") << " in " << bad
              << " of " << files.size() << (files.size() == 1 ? " file" : " files") << "\n";
  return bad ? 1 : 0;
}

// Many idle test connections must not hit the soft fd limit of 1024.
void raise_fd_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

int serve(const fs::Settings& settings) {
  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  raise_fd_limit();
  try {
    fs::app::App app(settings);
    auto port = app.start();
    std::printf("fraud-sandbox listening on http://%s:%u\n", settings.host.c_str(), static_cast<unsigned>(port));
    std::fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    std::cerr << "fraud-sandbox: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down\n";
    app.shutdown();
    std::cerr << "fraud-sandbox: stopped\n";
    return 0;
  } catch (const fs::app::ScenarioError& e) {
    for (const auto& p : e.problems) std::cerr << p.text() << "\n";
    std::cerr << "fraud-sandbox: the scenario is invalid; nothing is served\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "fraud-sandbox: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = fs::app::parse_command_line(args);
  if (!parsed.error.empty()) {
    std::cerr << "fraud-sandbox: " << parsed.error << "\nTry 'fraud-sandbox --help'.\n";
    return 2;
  }
  switch (parsed.cli.command) {
    case fs::app::Command::Help: std::cout << fs::app::usage(); return 0;
    case fs::app::Command::Version: std::cout << "fraud-sandbox " << FS_VERSION << "\n"; return 0;
    case fs::app::Command::Validate: return validate(parsed.cli.files);
    case fs::app::Command::Healthcheck: return fs::app::run_healthcheck(parsed.cli.settings);
    case fs::app::Command::Serve: return serve(parsed.cli.settings);
  }
  return 2;
}
