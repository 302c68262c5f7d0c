#include "graph/document_record.h"

#include <filesystem>

#include "extract/kg/relation_class.h"

namespace kg::graph {

DocumentRecord make_record(const extract::Document& doc) {
  DocumentRecord record;
  record.name = doc.name;
  record.date = doc.date;
  record.entities.reserve(doc.entities.size());
  for (const extract::Entity& e : doc.entities) {
    record.entities.push_back({e.name, e.type, e.key, e.aliases, e.titles,
                               static_cast<std::uint32_t>(e.mentions.size())});
  }
  record.triples.reserve(doc.triples.size());
  for (const extract::Triple& t : doc.triples) {
    // An end outside the document is left for add_record to report.
    const bool ends_known = t.subject < doc.entities.size() && t.object < doc.entities.size();
    const extract::RelationClass relation_class =
        t.relation_class ? *t.relation_class
        : ends_known     ? extract::classify_relation(t.relation, doc.entities[t.subject].type,
                                                      doc.entities[t.object].type)
                         : extract::RelationClass::Other;
    record.triples.push_back({t.subject, t.object, t.relation, t.label, t.sentence, t.begin, t.end,
                              std::string(doc.sentence_text(t.sentence)), relation_class});
  }
  return record;
}

bool document_order(const DocumentRecord& a, const DocumentRecord& b) {
  return std::filesystem::path(a.name) < std::filesystem::path(b.name);
}

}  // namespace kg::graph
