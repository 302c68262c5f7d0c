#include "cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

// Whether a file found in a directory is a text document: ".txt", ".text" or ".md", in any
// case ("A.TXT" too).
bool is_text_document(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return ext == ".txt" || ext == ".text" || ext == ".md";
}

// The text documents below `dir`, sorted. Errors met while walking (an unreadable
// subdirectory) are reported but do not hide the files found elsewhere.
std::vector<fs::path> text_files_below(const fs::path& dir, InputList& list) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (is_text_document(it->path()) && it->is_regular_file(type_ec)) {
      found.push_back(it->path());
    }
  }
  if (ec) list.failures.emplace_back(dir.string(), "cannot list directory: " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& inputs) {
  InputList list;
  std::set<std::string> seen;  // canonical paths (or "-")
  const auto add = [&](const fs::path& path, const std::string& name) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (seen.insert(ec ? name : canonical.string()).second) list.files.push_back(name);
  };

  for (const std::string& input : inputs) {
    if (input == "-") {
      if (seen.insert("-").second) list.files.push_back(input);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (status.type() == fs::file_type::not_found) {
      list.failures.emplace_back(input, "no such file or directory");
    } else if (ec) {
      list.failures.emplace_back(input, ec.message());
    } else if (status.type() == fs::file_type::directory) {
      const std::size_t failures_before = list.failures.size();
      const auto files = text_files_below(input, list);
      if (files.empty() && list.failures.size() == failures_before) {
        list.failures.emplace_back(input, "no text files (*.txt, *.text, *.md) in this directory");
      }
      for (const fs::path& file : files) add(file, file.string());
    } else {
      add(input, input);
    }
  }
  return list;
}

}  // namespace kg::cli
