// library_example: builds one knowledge graph from the articles named on the command line
// (- reads standard input) with the kgbuild library and writes it to standard output.
//
//   library_example [-f FORMAT] [--max-nodes N] ARTICLE...
//
// FORMAT is graphml, dot or json (the default). A summary line goes to standard error:
// "library_example: 2 document(s), 31 node(s), 24 edge(s); models: /usr/local/share/kgbuild/models".
#include <kgbuild/kgbuild.h>

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::string format = "json";
  kgbuild::WriteOptions write_options;
  std::vector<std::string> inputs;
  bool usage = argc < 2;
  for (int i = 1; i < argc && !usage; ++i) {
    const std::string arg = argv[i];
    if (arg == "-f" && i + 1 < argc) {
      format = argv[++i];
    } else if (arg == "--max-nodes" && i + 1 < argc) {
      const long n = std::strtol(argv[++i], nullptr, 10);
      usage = n <= 0;
      write_options.max_nodes = static_cast<std::uint32_t>(n);
    } else {
      inputs.push_back(arg);
    }
  }
  if (usage || inputs.empty()) {
    std::cerr << "usage: library_example [-f FORMAT] [--max-nodes N] ARTICLE...\n";
    return 2;
  }
  try {
    kgbuild::Builder builder;  // the models extractor, with the models installed with kgbuild
    for (const std::string& input : inputs) {
      if (input == "-") {
        const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        builder.add_text("-", text);
      } else {
        builder.add_file(input);
      }
    }
    builder.write(std::cout, format, write_options);
    std::cout.flush();
    std::cerr << "library_example: " << builder.document_count() << " document(s), " << builder.node_count()
              << " node(s), " << builder.edge_count() << " edge(s); models: " << builder.models_dir() << "\n";
    return std::cout ? EXIT_SUCCESS : EXIT_FAILURE;
  } catch (const std::exception& e) {
    std::cerr << "library_example: " << e.what() << "\n";
    return EXIT_FAILURE;
  }
}
