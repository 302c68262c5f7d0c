#include "export/exporter.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "export/csv_exporter.h"
#include "export/dot_exporter.h"
#include "export/gexf_exporter.h"
#include "export/graphml_exporter.h"
#include "export/html_exporter.h"
#include "export/json_exporter.h"
#include "extract/text/error.h"

namespace kg::export_ {
namespace {

struct Registration {
  std::string_view name;
  std::unique_ptr<Exporter> (*make)(const ExportOptions& options);
};

// Exporters with settings take the ExportOptions; the others are default-constructed.
template <class T>
std::unique_ptr<Exporter> make(const ExportOptions& options) {
  if constexpr (std::is_constructible_v<T, const ExportOptions&>) {
    return std::make_unique<T>(options);
  } else {
    return std::make_unique<T>();
  }
}

// The one table of formats, sorted by name. A plain table rather than static
// self-registration, which the linker drops from static libraries.
constexpr std::array<Registration, 7> kExporters{{
    {"csv", &make<CsvExporter>},
    {"dot", &make<DotExporter>},
    {"gexf", &make<GexfExporter>},
    {"graphml", &make<GraphmlExporter>},
    {"html", &make<HtmlExporter>},
    {"json", &make<JsonExporter>},
    {"neo4j-csv", &make<Neo4jCsvExporter>},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kExtensions{{
    {".csv", "csv"},
    {".dot", "dot"},
    {".gv", "dot"},
    {".gexf", "gexf"},
    {".graphml", "graphml"},
    {".xml", "graphml"},
    {".htm", "html"},
    {".html", "html"},
    {".json", "json"},
}};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

bool ends_with_ascii_lower(std::string_view s, std::string_view lower_suffix) {
  return s.size() >= lower_suffix.size() && ascii_lower(s.substr(s.size() - lower_suffix.size())) == lower_suffix;
}

}  // namespace

void Exporter::write_part(const graph::KnowledgeGraph& graph, std::string_view part, std::ostream& out) const {
  if (!part.empty() || !parts().empty())
    throw std::invalid_argument("format " + std::string(name()) + " has no part '" + std::string(part) + "'");
  write(graph, out);
}

std::vector<ExportedFile> export_files(const Exporter& exporter, const graph::KnowledgeGraph& graph) {
  std::vector<std::string_view> parts = exporter.parts();
  if (parts.empty()) parts.push_back("");
  std::vector<ExportedFile> files;
  for (std::string_view part : parts) {
    std::ostringstream out;
    exporter.write_part(graph, part, out);
    files.push_back({std::string(part), std::move(out).str()});
  }
  return files;
}

void require_stream_format(const Exporter& exporter) {
  const std::vector<std::string_view> parts = exporter.parts();
  if (parts.empty()) return;
  std::string files;
  for (std::size_t i = 0; i < parts.size(); ++i)
    files += (i == 0 ? "PATH" : i + 1 == parts.size() ? " and PATH" : ", PATH") + std::string(parts[i]);
  throw UsageError("format " + std::string(exporter.name()) + " is written as " + std::to_string(parts.size()) +
                   " files (" + files + "), not to standard output: give -o PATH");
}

std::string part_path(std::string_view output, const Exporter& exporter, std::string_view suffix) {
  std::string_view base = output;
  bool stripped = false;
  for (std::string_view part : exporter.parts()) {
    if (!stripped && ends_with_ascii_lower(base, ascii_lower(part))) {
      base.remove_suffix(part.size());
      stripped = true;
    }
  }
  if (!stripped && ends_with_ascii_lower(base, ".csv")) base.remove_suffix(4);
  return std::string(base) + std::string(suffix);
}

std::unique_ptr<Exporter> make_exporter(std::string_view format, const ExportOptions& options) {
  const std::string wanted = ascii_lower(format);
  for (const Registration& r : kExporters)
    if (r.name == wanted) return r.make(options);
  std::string known;
  for (const std::string& name : exporter_names()) known += (known.empty() ? "" : ", ") + name;
  throw UsageError("unknown output format '" + std::string(format) + "' (known: " + known + ")");
}

std::vector<std::string> exporter_names() {
  std::vector<std::string> names;
  for (const Registration& r : kExporters) names.emplace_back(r.name);
  return names;
}

std::optional<std::string> format_for_path(std::string_view path) {
  const std::string extension = ascii_lower(std::filesystem::path(path).extension().string());
  for (const auto& [ext, format] : kExtensions)
    if (ext == extension) return std::string(format);
  return std::nullopt;
}

}  // namespace kg::export_
