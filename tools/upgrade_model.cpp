// kg_upgrade_model IN OUT: rewrites a model file of any kind in the current model format
// version (models/README.md). Loading accepts every older version this kgbuild reads;
// saving writes the current one. The models' contents, and so their outputs, are unchanged.
#include <cstdio>
#include <exception>
#include <string>

#include "extract/kg/relation_filter.h"
#include "extract/nlp/dep_parser.h"
#include "extract/nlp/model_io.h"
#include "extract/nlp/ner.h"
#include "extract/nlp/pos_tagger.h"
#include "extract/nlp/word_clusters.h"
#include "extract/text/error.h"

namespace {

// The kind named in a model file's header (model_io.h: magic, u32 version, string kind).
std::string kind_of(const std::string& path) {
  const kg::extract::ModelBytes bytes = kg::extract::ModelBytes::from_file(path);
  kg::extract::BinaryReader in(bytes.view(), path);
  if (in.bytes(8, "magic") != kg::extract::kModelMagic) throw kg::ModelError(path + ": not a kgbuild model");
  in.u32("format version");
  return in.string("kind");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: kg_upgrade_model IN OUT\n");
    return 2;
  }
  const std::string in = argv[1], out = argv[2];
  try {
    const std::string kind = kind_of(in);
    namespace x = kg::extract;
    if (kind == x::PosTagger::kKind) {
      x::PosTagger::load(in).save(out);
    } else if (kind == x::DependencyParser::kKind) {
      x::DependencyParser::load(in).save(out);
    } else if (kind == x::NamedEntityRecognizer::kKind) {
      x::NamedEntityRecognizer::load(in).save(out);
    } else if (kind == x::WordClusters::kKind) {
      x::WordClusters::load(in).save(out);
    } else if (kind == x::RelationFilter::kKind) {
      x::RelationFilter::load(in).save(out);
    } else {
      throw kg::ModelError(in + ": unknown model kind '" + kind + "'");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kg_upgrade_model: %s\n", e.what());
    return 1;
  }
  return 0;
}
