#pragma once
// The graph as a pair of CSV files, nodes and edges, in two layouts:
//
// CsvExporter ("csv"): Gephi's spreadsheet import (Data Laboratory > Import Spreadsheet).
//   PATH.nodes.csv: Id,Label,type,aliases,titles,mentions,documents,start
//   PATH.edges.csv: Source,Target,Type,Id,Label,Weight,relation,evidence,documents,start,class
//   Type is always "Directed"; Label is the node's name and the edge's surface form;
//   lists are joined with " | " and evidence is GraphML's text (one statement a line).
// Neo4jCsvExporter ("neo4j-csv"): neo4j-admin database import's header format.
//   PATH.nodes.csv: id:ID,name,:LABEL,type,aliases:string[],titles:string[],mentions:int,
//                   documents:string[],start:date
//   PATH.relationships.csv: :START_ID,:END_ID,:TYPE,id,relation,label,weight:int,
//                   evidence:string[],documents:string[],start:date,class:string
//   :LABEL is "Entity;" and the entity type ("Entity;PERSON"); :TYPE is the relation in
//   relationship-type style ("spokesperson of" -> SPOKESPERSON_OF: ASCII letters upper-
//   cased, other ASCII runs turned into one "_", RELATED when nothing is left), the
//   relation itself kept as a property. Arrays use neo4j's default ';' delimiter, so a ';'
//   inside an item becomes ','. Import with
//   neo4j-admin database import full --nodes=PATH.nodes.csv --relationships=PATH.relationships.csv
//   (add --multiline-fields=true when a name holds a line break).
// Both end an edge's record with its relation class (meet, role, located_in, ...: a column
// added last, so the earlier columns keep their places).
// Both: RFC 4180: a header row, records ended by CRLF, a field quoted when it holds '"',
// ',', CR or LF, quotes doubled; numbers are plain decimals, start is the earliest date
// (YYYY-MM-DD) of the element's documents or empty. Files are UTF-8 without a BOM:
// ill-formed UTF-8 becomes U+FFFD and C0 controls other than TAB, LF and CR become U+FFFD
// (as in the XML formats; Gephi and neo4j choke on them). Vertices in index order, edges
// in edges_in_order().
// A pair cannot be one stream: write() throws kg::UsageError; write_part() writes each file.
// Thread safety: write_part() is const and re-entrant.
#include <string>
#include <string_view>
#include <vector>

#include "export/exporter.h"

namespace kg::export_ {

class CsvExporter final : public Exporter {
 public:
  std::string_view name() const override { return "csv"; }
  std::vector<std::string_view> parts() const override { return {".nodes.csv", ".edges.csv"}; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
  void write_part(const graph::KnowledgeGraph& graph, std::string_view part, std::ostream& out) const override;
};

class Neo4jCsvExporter final : public Exporter {
 public:
  std::string_view name() const override { return "neo4j-csv"; }
  std::vector<std::string_view> parts() const override { return {".nodes.csv", ".relationships.csv"}; }
  void write(const graph::KnowledgeGraph& graph, std::ostream& out) const override;
  void write_part(const graph::KnowledgeGraph& graph, std::string_view part, std::ostream& out) const override;
};

// Appends `value` as one RFC 4180 field, cleaned and quoted as described above.
void append_csv_field(std::string& out, std::string_view value);

// A relation as a neo4j relationship type: "spokesperson of" -> "SPOKESPERSON_OF".
std::string neo4j_type(std::string_view relation);

}  // namespace kg::export_
