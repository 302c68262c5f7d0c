#pragma once
// Document records as JSON: the JSON Lines of `kgbuild extract`, the records kgbuild embeds
// in the graphs it writes, and the reader `kgbuild merge` and `--update` use on all three.
//
// What it writes, per record, one compact JSON object a line, in this order:
//   {"type":"document","document":NAME,"entities":N,"triples":M}
//   {"type":"entity","document":NAME,"index":i,"name":..,"entity_type":"PERSON","key":..,
//    "aliases":[..],"titles":[..],"mentions":n}                        (i = 0 .. N-1)
//   {"type":"triple","document":NAME,"index":j,"subject":{"index":i,"name":..,"type":..},
//    "relation":..,"label":..,"class":"meet","object":{"index":..,"name":..,"type":..},
//    "sentence":k,"begin":b,"end":e,"evidence":"the sentence"}         (j = 0 .. M-1)
// "class" is the relation class (extract/text/document.h RelationClass). A triple line
// without it (written before classes existed) is read with the class classify_relation()
// gives its relation and end types, the one a new extraction of the same triple gets when
// its finder set none.
// Every line names its document and carries its index, so lines may come in any order
// (a shuffle or a sort between map and reduce steps loses nothing); the counts on the
// document line tell a complete document from a truncated one.
// Requires: nothing. Ensures: valid UTF-8 JSON, ill-formed bytes as U+FFFD; with
// JsonText::ascii every non-ASCII character is \u-escaped (for the GraphML embedding,
// where XML cannot carry U+FFFE, U+FFFF or C0 controls); reading back what was written
// gives equal records. Thread safety: stateless functions.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/document_record.h"

namespace kg::export_ {

enum class JsonText { utf8, ascii };

// The graph attribute holding the records: "kgbuild_records" inside node-link JSON's
// "graph" object (a JSON array of the line objects), and the GraphML graph <data> of
// that name (the JSON Lines as text).
inline constexpr std::string_view kRecordsAttribute = "kgbuild_records";

// Calls `line` with each JSON object of the record (no newline), in the order above.
void for_each_record_line(const graph::DocumentRecord& record, JsonText text,
                          const std::function<void(std::string_view)>& line);
// The record's JSON Lines, each ended by '\n'.
std::string record_lines(const graph::DocumentRecord& record, JsonText text = JsonText::utf8);

// The records in a file written by kgbuild: JSON Lines (`kgbuild extract`), node-link
// JSON or GraphML (with the kgbuild_records attribute); told apart by content, not by
// name. `file` names the source in errors. Returns the documents in the order their first
// line appears; an empty or blank text has none. Blank lines and a trailing tab (Hadoop
// Streaming adds one) are ignored, so are members this version does not know.
// Throws kg::InputError "FILE:LINE: reason" (JSON Lines), "FILE: graph.kgbuild_records[i]:
// reason" (node-link JSON) or "FILE: kgbuild_records line N: reason" (GraphML) for
// invalid JSON, a missing or mistyped member, an unknown entity type or relation class, a document, entity
// or triple given twice, an index out of range, a triple whose subject or object differs
// from the entity at its index, or a document missing lines its document line announces;
// "FILE: reason" for a graph without records or a file of another kind.
std::vector<graph::DocumentRecord> read_records(std::string_view text, const std::string& file);

}  // namespace kg::export_
