#pragma once
// DocumentRecord: exactly what KnowledgeGraph reads from one extracted Document.
//
// What it represents: a document's name, its entities (in the document's order: vertex
// creation order depends on it) and its triples (in the document's order: edge creation
// and evidence order depend on it), each triple with the text of its evidence sentence.
// It is the unit of `kgbuild extract` output (JSON Lines), of the records kgbuild embeds
// in the graphs it writes, and of `kgbuild merge` / `--update`: replaying the records of
// a run, in the run's order, into an empty KnowledgeGraph rebuilds that graph exactly.
// Triples the graph drops (both ends resolved to one node) are kept: in a bigger graph
// the same triple may survive, and the other way round.
// Requires: strings are valid UTF-8 (decode_text guarantees it for extracted text); the
// JSON serialisation turns ill-formed bytes into U+FFFD. Ensures: make_record(doc) keeps
// every field add_document(doc) used to read, nothing else.
// Thread safety: plain values.
#include <cstdint>
#include <string>
#include <vector>

#include "extract/text/document.h"

namespace kg::graph {

struct EntityRecord {
  std::string name;  // Entity::name
  extract::EntityType type = extract::EntityType::Org;
  std::string key;                   // Entity::key, may be empty
  std::vector<std::string> aliases;  // Entity::aliases
  std::vector<std::string> titles;   // Entity::titles
  std::uint32_t mentions = 0;        // Entity::mentions.size()
  bool operator==(const EntityRecord&) const = default;
};

struct TripleRecord {
  std::uint32_t subject = 0;  // index into DocumentRecord::entities
  std::uint32_t object = 0;
  std::string relation;
  std::string label;
  std::uint32_t sentence = 0;
  std::uint32_t begin = 0;  // byte span of the statement in the document's text
  std::uint32_t end = 0;
  std::string evidence;  // the text of sentence `sentence`
  // Triple::relation_class; make_record classifies a triple that has none
  // (extract/kg/relation_class.h), so a record always has one.
  extract::RelationClass relation_class = extract::RelationClass::Other;
  bool operator==(const TripleRecord&) const = default;
};

struct DocumentRecord {
  std::string name;  // Document::name: the path as given, "-" for standard input
  std::string date;  // Document::date: "YYYY-MM-DD", or empty when unknown
  std::vector<EntityRecord> entities;
  std::vector<TripleRecord> triples;
  bool operator==(const DocumentRecord&) const = default;
};

DocumentRecord make_record(const extract::Document& doc);

// The order of documents in one run over a directory: by path, component by component in
// byte order (std::filesystem::path comparison, as cli/inputs.cpp sorts directory
// contents). Merge and --update replay records in this order.
bool document_order(const DocumentRecord& a, const DocumentRecord& b);

}  // namespace kg::graph
