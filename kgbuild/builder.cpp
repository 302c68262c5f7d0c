#include "kgbuild/kgbuild.h"

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "export/dot_exporter.h"
#include "export/exporter.h"
#include "extract/kg/pipeline.h"
#include "extract/text/document.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text.h"
#include "graph/filter.h"
#include "graph/knowledge_graph.h"

#ifndef KG_VERSION
#define KG_VERSION "unknown"
#endif

namespace kgbuild {
namespace {

// Options::models_dir, else $KGBUILD_MODELS, else the package's folder when it is there,
// else the pipeline's own default.
std::string resolve_models_dir(const Options& options, const char* package_models_dir) {
  if (options.extractor != "models") return "";
  if (!options.models_dir.empty()) return options.models_dir;
  const char* env = std::getenv("KGBUILD_MODELS");
  if (env && *env) return env;
  std::error_code ec;
  if (package_models_dir && *package_models_dir && std::filesystem::is_directory(package_models_dir, ec))
    return package_models_dir;
  return kg::extract::default_models_dir();
}

// The same checks and repairs as the kgbuild command's inputs (cli/run.cpp).
kg::extract::Document decode(const std::string& name, std::string_view raw) {
  if (raw.empty()) throw kg::InputError(name, "empty file");
  kg::extract::DecodedText decoded = kg::extract::decode_text(raw, name);
  if (decoded.binary) throw kg::InputError(name, "skipped: binary file (" + decoded.binary_reason + ")");
  if (!decoded.invalid.empty()) {
    kg::log::warn("{}: byte {}: invalid UTF-8 replaced by U+FFFD ({} sequence(s) in all)", name,
                  decoded.invalid.front().offset, decoded.invalid.size());
  }
  if (decoded.text.find_first_not_of(" \t\n\v\f") == std::string::npos)
    throw kg::InputError(name, "empty file (whitespace only)");
  kg::extract::Document doc;
  doc.name = name;
  doc.text = std::move(decoded.text);
  return doc;
}

}  // namespace

struct Builder::Impl {
  std::string models_dir;
  kg::extract::Pipeline pipeline;
  kg::graph::KnowledgeGraph graph;

  Impl(const Options& options, std::string dir)
      : models_dir(std::move(dir)), pipeline(kg::extract::PipelineOptions{options.extractor, models_dir, false}) {}

  void add(kg::extract::Document doc) {
    pipeline.run(doc);  // throws before the graph changes
    graph.add_document(doc);
  }
};

Builder::Builder(Options options, const char* package_models_dir)
    : impl_(std::make_unique<Impl>(options, resolve_models_dir(options, package_models_dir))) {}
Builder::~Builder() = default;
Builder::Builder(Builder&&) noexcept = default;
Builder& Builder::operator=(Builder&&) noexcept = default;

void Builder::add_text(const std::string& name, std::string_view text) { impl_->add(decode(name, text)); }

void Builder::add_file(const std::string& path) {
  const std::string raw = kg::extract::read_file(path);
  impl_->add(decode(path, raw));
}

void Builder::write(std::ostream& out, std::string_view format, const WriteOptions& options) const {
  kg::export_::ExportOptions export_options;
  if (!options.dot_cluster_by.empty())
    export_options.dot_cluster_by = kg::export_::parse_dot_cluster_by(options.dot_cluster_by);
  const auto exporter = kg::export_::make_exporter(format, export_options);
  kg::export_::require_stream_format(*exporter);  // a CSV pair is two files: the CLI writes those
  if (exporter->name() != "dot" && export_options.dot_cluster_by != kg::export_::DotClusterBy::none)
    throw kg::UsageError("dot_cluster_by applies to the dot format only, not " + std::string(format));

  kg::graph::GraphFilter filter;
  for (const std::string& type : options.types) {
    for (std::string& name : kg::graph::parse_entity_types(type)) filter.types.push_back(std::move(name));
  }
  for (const std::string& relation : options.relations) {
    if (relation.empty()) throw kg::UsageError("empty relation name");
    filter.relations.push_back(relation);
  }
  filter.min_weight = options.min_weight;
  filter.drop_isolated = options.drop_isolated;
  filter.max_nodes = options.max_nodes;
  if (filter.keeps_everything()) {
    exporter->write(impl_->graph, out);
  } else {
    exporter->write(kg::graph::filter_graph(impl_->graph, filter), out);
  }
}

std::size_t Builder::node_count() const { return impl_->graph.node_count(); }
std::size_t Builder::edge_count() const { return impl_->graph.edge_count(); }
std::size_t Builder::document_count() const { return impl_->graph.document_count(); }
const std::string& Builder::models_dir() const { return impl_->models_dir; }

std::vector<std::string> Builder::formats() {
  std::vector<std::string> names;
  for (const std::string& name : kg::export_::exporter_names())
    if (kg::export_::make_exporter(name)->parts().empty()) names.push_back(name);
  return names;
}
std::string Builder::version() { return KG_VERSION; }

}  // namespace kgbuild
