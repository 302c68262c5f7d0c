#include "export/json_exporter.h"

#include <ostream>
#include <string>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "export/json_write.h"
#include "export/records.h"
#include "export/utf8.h"

namespace kg::export_ {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

}  // namespace

void JsonExporter::write(const graph::KnowledgeGraph& kg, std::ostream& out) const {
  const graph::Graph& g = kg.graph();
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);

  w.StartObject();
  put_key(w, "directed");
  w.Bool(true);
  put_key(w, "multigraph");  // parallel edges with different relations are kept
  w.Bool(true);
  put_key(w, "graph");
  w.StartObject();
  put_key(w, "name");
  w.String("kgbuild");
  put_key(w, "documents");
  w.Uint(kg.document_count());
  // The document records, one compact object a line, for merge and --update.
  put_key(w, kRecordsAttribute);
  w.StartArray();
  for (std::size_t i = 0; i < kg.record_count(); ++i) {
    export_::for_each_record_line(kg.record(i), JsonText::utf8, [&](std::string_view line) {
      w.RawValue(line.data(), line.size(), rapidjson::kObjectType);
    });
  }
  w.EndArray();
  w.EndObject();

  put_key(w, "nodes");
  w.StartArray();
  for (graph::Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const graph::EntityNode& node = g[v];
    w.StartObject();
    put_node_fields(w, kg, node);
    w.EndObject();
  }
  w.EndArray();

  put_key(w, "links");
  w.StartArray();
  for (graph::Edge e : kg.edges_in_order()) {
    const graph::RelationEdge& edge = g[e];
    w.StartObject();
    put_field(w, "source", g[boost::source(e, g)].id);
    put_field(w, "target", g[boost::target(e, g)].id);
    put_field(w, "key", edge.id);
    put_field(w, "relation", edge.relation);
    put_field(w, "class", extract::to_string(edge.relation_class));
    put_field(w, "label", edge.label);
    put_key(w, "weight");
    w.Uint(edge.weight);
    put_evidence(w, kg, edge.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

}  // namespace kg::export_
