#include "export/exporter.h"

#include "extract/error.h"

namespace kg::export_ {

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
  throw UsageError("unknown output format '" + std::string(format) + "'");
}
std::vector<std::string> exporter_names() { return {}; }
std::optional<std::string> format_for_path(std::string_view) { return std::nullopt; }

}  // namespace kg::export_
