#pragma once
// The graph clients of tests/clients/, for the tests that load kgbuild's files the way
// users do: graphology (GraphML, GEXF, node-link JSON) through node and load.js, and
// Python's csv module with networkx (the CSV pairs) through read_csv.py.
//
// Requires: KG_SOURCE_DIR (the source tree). Ensures: have_graphology() and have_csv_reader()
// say whether the client can run here, so a test skips with a MESSAGE rather than fails
// when node, the npm modules (`npm ci` in tests/clients, which .ci/setup.sh runs) or the
// system python with networkx are missing; the loaders never throw, they return the
// command's status and output. Thread safety: none needed.
#include <filesystem>
#include <string>
#include <string_view>

#include "tests/test_support.h"

namespace kg::test {

inline std::filesystem::path clients_dir() { return std::filesystem::path(KG_SOURCE_DIR) / "tests/clients"; }

// Why graphology cannot run here, or empty when it can; probed once (node starts slowly).
inline const std::string& graphology_missing() {
  static const std::string reason = [] {
    if (!have_command("node")) return std::string("node not found (Debian package nodejs)");
    const auto probe = run("cd " + shell_quote(clients_dir().string()) +
                           " && node -e \"for (const m of ['graphology', 'graphology-gexf', "
                           "'graphology-graphml', '@xmldom/xmldom']) require(m)\"");
    if (probe.status != 0) return std::string("npm modules missing (run npm ci in tests/clients)");
    return std::string();
  }();
  return reason;
}

inline bool have_graphology() { return graphology_missing().empty(); }

// node load.js FORMAT FILE: graphology's view of the file as JSON (see load.js).
inline CommandResult load_with_graphology(std::string_view format, const std::filesystem::path& file) {
  return run("node " + shell_quote((clients_dir() / "load.js").string()) + " " + shell_quote(format) + " " +
             shell_quote(file.string()));
}

inline bool have_csv_reader() { return have_python_modules({"csv", "networkx"}); }

// read_csv.py NODES EDGES: both files as Python's csv module read them, and the graph
// networkx built from them, as JSON (see read_csv.py).
inline CommandResult read_csv_pair(const std::filesystem::path& nodes, const std::filesystem::path& edges) {
  return run(std::string(kSystemPython) + " " + shell_quote((clients_dir() / "read_csv.py").string()) + " " +
             shell_quote(nodes.string()) + " " + shell_quote(edges.string()));
}

}  // namespace kg::test
