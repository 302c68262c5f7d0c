// kgbuild: plain-text news articles -> knowledge graph (GraphML, GEXF, DOT, JSON, CSV).
// The one place that catches: library code throws, main logs and picks the exit status.
#include <exception>
#include <iostream>

#include "cli/merge.h"
#include "cli/models.h"
#include "cli/options.h"
#include "cli/run.h"
#include "extract/text/error.h"
#include "extract/text/log.h"

int main(int argc, char** argv) {
  using namespace kg;
  try {
    const cli::Options options = cli::parse_options(argc, argv);
    if (options.help) {
      std::cout << cli::usage(options.command) << std::flush;
      return std::cout ? cli::kExitOk : cli::kExitFailure;
    }
    if (options.version) {
      std::cout << cli::version_line() << std::endl;
      return std::cout ? cli::kExitOk : cli::kExitFailure;
    }
    log::set_level(options.log_level);
    switch (options.command) {
      case cli::Command::train: return cli::run_train(options);
      case cli::Command::eval: return cli::run_eval(options, std::cout);
      case cli::Command::extract: return cli::run_extract(options, std::cin, std::cout);
      case cli::Command::merge: return cli::run_merge(options, std::cin, std::cout);
      case cli::Command::build: break;
    }
    return cli::run(options, std::cin, std::cout);
  } catch (const UsageError& e) {
    log::error("{}", e.what());
    log::error("try 'kgbuild --help'");
    return cli::kExitUsage;
  } catch (const InputError& e) {
    log::error("{}", e.what());
    return cli::kExitFailure;
  } catch (const std::exception& e) {
    log::error("{}", e.what());
    return cli::kExitFailure;
  }
}
