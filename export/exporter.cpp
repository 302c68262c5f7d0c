#include "export/exporter.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <type_traits>

#include "export/dot_exporter.h"
#include "export/graphml_exporter.h"
#include "export/json_exporter.h"
#include "extract/error.h"

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
constexpr std::array<Registration, 3> kExporters{{
    {"dot", &make<DotExporter>},
    {"graphml", &make<GraphmlExporter>},
    {"json", &make<JsonExporter>},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kExtensions{{
    {".dot", "dot"},
    {".gv", "dot"},
    {".graphml", "graphml"},
    {".xml", "graphml"},
    {".json", "json"},
}};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

}  // namespace

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
