#include "export/json_exporter.h"

#include <ostream>
#include <string>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "export/records.h"
#include "export/utf8.h"

namespace kg::export_ {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

// RapidJSON copies bytes through unchecked unless asked to validate, and validating would
// abort mid-file; repairing first keeps the file whole and valid.
void write_string(Writer& w, std::string_view s) {
  if (is_valid_utf8(s)) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    const std::string repaired = valid_utf8(s);
    w.String(repaired.data(), static_cast<rapidjson::SizeType>(repaired.size()));
  }
}

void write_key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void write_strings(Writer& w, std::string_view key, const std::vector<std::string>& items) {
  write_key(w, key);
  w.StartArray();
  for (const auto& item : items) write_string(w, item);
  w.EndArray();
}

}  // namespace

void JsonExporter::write(const graph::KnowledgeGraph& kg, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);

  w.StartObject();
  write_key(w, "directed");
  w.Bool(true);
  write_key(w, "multigraph");  // parallel edges with different relations are kept
  w.Bool(true);
  write_key(w, "graph");
  w.StartObject();
  write_key(w, "name");
  w.String("kgbuild");
  write_key(w, "documents");
  w.Uint(kg.document_count());
  // The document records, one compact object a line, for merge and --update.
  write_key(w, kRecordsAttribute);
  w.StartArray();
  for (const graph::DocumentRecord& record : kg.records()) {
    export_::for_each_record_line(record, JsonText::utf8, [&](std::string_view line) {
      w.RawValue(line.data(), line.size(), rapidjson::kObjectType);
    });
  }
  w.EndArray();
  w.EndObject();

  write_key(w, "nodes");
  w.StartArray();
  for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const graph::EntityNode& node = g[v];
    w.StartObject();
    write_key(w, "id");
    write_string(w, node.id);
    write_key(w, "label");
    write_string(w, node.label);
    write_key(w, "type");
    write_string(w, node.type);
    write_strings(w, "aliases", node.aliases);
    write_strings(w, "titles", node.titles);
    write_key(w, "mentions");
    w.Uint(node.mentions);
    write_strings(w, "documents", node.documents);
    w.EndObject();
  }
  w.EndArray();

  write_key(w, "links");
  w.StartArray();
  for (graph::Edge e : kg.edges_in_order()) {
    const graph::RelationEdge& edge = g[e];
    w.StartObject();
    write_key(w, "source");
    write_string(w, g[boost::source(e, g)].id);
    write_key(w, "target");
    write_string(w, g[boost::target(e, g)].id);
    write_key(w, "key");
    write_string(w, edge.id);
    write_key(w, "relation");
    write_string(w, edge.relation);
    write_key(w, "label");
    write_string(w, edge.label);
    write_key(w, "weight");
    w.Uint(edge.weight);
    write_key(w, "evidence");
    w.StartArray();
    for (const graph::Evidence& ev : edge.evidence) {
      w.StartObject();
      write_key(w, "document");
      write_string(w, ev.document);
      write_key(w, "sentence");
      w.Uint(ev.sentence);
      write_key(w, "begin");
      w.Uint(ev.begin);
      write_key(w, "end");
      w.Uint(ev.end);
      write_key(w, "text");
      write_string(w, ev.text);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

}  // namespace kg::export_
