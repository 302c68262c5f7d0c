#pragma once
// kgbuild library: the one public header. Builds a knowledge graph (entities and the
// relations between them) from plain-text news articles and writes it as GraphML, GEXF, DOT or
// JSON, as the kgbuild command does; the extraction stages stay behind this facade.
//
//   find_package(kgbuild REQUIRED)                                  # CMake
//   target_link_libraries(app PRIVATE kgbuild::kgbuild)
//
//   kgbuild::Builder builder;                                       # C++17 or later
//   builder.add_file("article.txt");
//   builder.add_text("note", "Russian President Vladimir Putin met ...");
//   builder.write(std::cout, "graphml", {.max_nodes = 50});  // C++20; else set the fields
//
// What it represents: kgbuild::Builder is one graph being built. Each added text is one
// document: decoded (BOM dropped, line ends unified, invalid UTF-8 replaced by U+FFFD with
// a warning on stderr), run through the extractor, and merged into the graph (entities
// matched across documents, each relation keeping its sentences as evidence).
// Requires: the models extractor (the default) needs en-tagger.bin, en-parser.bin,
// en-ner.bin and en-relations.bin in models_dir: Options::models_dir, else $KGBUILD_MODELS, else the models
// installed with the package this header comes from (the source tree's models/ when used
// from the build tree). The "rules" extractor needs no files.
// Ensures: the same texts added in the same order give byte-identical output, the same as
// `kgbuild FILES -f FORMAT` with the same filters (for add_file, the document is named by
// the path as given, as on the command line).
// Errors: std::runtime_error and subclasses, with a one-line message: a model that cannot
// be used (constructor), an unreadable, empty or binary input (add_file, add_text; the
// graph is unchanged), an unknown format, entity type or option value (write).
// Thread safety: a Builder is used by one thread at a time; separate Builders may run at
// once. Log lines (warnings) go to stderr through spdlog's "kgbuild" logger.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The package's installed models folder, set for you by the kgbuild::kgbuild target.
#ifndef KGBUILD_PACKAGE_MODELS_DIR
#define KGBUILD_PACKAGE_MODELS_DIR ""
#endif

namespace kgbuild {

struct Options {
  std::string extractor = "models";  // "models" (tagger, parser, NER) or "rules" (faster, no models)
  std::string models_dir;            // empty: $KGBUILD_MODELS, else the package's models (above)
};

// What write() keeps and how DOT is drawn; the default writes the whole graph. The filters
// apply in kgbuild's order: types and relations, min_weight, drop_isolated, max_nodes (see
// `kgbuild --help`); kept nodes and edges keep their ids ("n12", "e40").
struct WriteOptions {
  std::vector<std::string> types;      // entity types, any case: PERSON, ORG, GPE, LOC, EVENT, DATE, NORP, WORK_OF_ART, AWARD
  // Relation names ("meet", "spokesperson of") or relation classes ("meet", "lead", "role",
  // "member", "said", "quote", "located_in", "held_in", "date", "part_of", "other"), matched
  // exactly: an edge is kept when its relation or its class is listed.
  std::vector<std::string> relations;
  std::uint32_t min_weight = 0;        // keep edges stated in at least this many sentences
  bool drop_isolated = false;          // drop nodes left without any edge
  std::uint32_t max_nodes = 0;         // keep this many nodes of highest weighted degree; 0: all
  std::string dot_cluster_by;          // dot only: "" (none), "type" or "document"
};

class Builder {
 public:
  // Loads the extractor's models now, so a missing or broken model fails here.
  explicit Builder(Options options = {}) : Builder(std::move(options), KGBUILD_PACKAGE_MODELS_DIR) {}
  ~Builder();
  Builder(Builder&&) noexcept;
  Builder& operator=(Builder&&) noexcept;
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // Adds `text` as a document called `name` (the name its evidence cites).
  void add_text(const std::string& name, std::string_view text);
  // Adds the file at `path` as a document called `path`.
  void add_file(const std::string& path);

  // Writes the graph (filtered by `options`) in `format`: "dot", "gexf", "graphml", "html" or "json"
  // (see formats()); the CSV pairs are two files, written by the kgbuild command.
  void write(std::ostream& out, std::string_view format, const WriteOptions& options = {}) const;

  std::size_t node_count() const;      // of the whole graph, before any filter
  std::size_t edge_count() const;
  std::size_t document_count() const;
  // The folder the models are read from; empty for the rules extractor.
  const std::string& models_dir() const;

  static std::vector<std::string> formats();  // the format names write() takes, sorted
  static std::string version();               // "0.1.0"

 private:
  Builder(Options options, const char* package_models_dir);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kgbuild
