#include "cli/relation_commands.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/run.h"
#include "export/json_nesting.h"
#include "extract/kg/pipeline.h"
#include "extract/kg/relation_filter.h"
#include "extract/nlp/lexicon.h"
#include "extract/text/error.h"
#include "extract/text/log.h"
#include "extract/text/text.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;

// The scorer's name key: lower case, typographic apostrophes folded, dots dropped, spaces
// squeezed, a leading "the " and a trailing "'s" dropped.
std::string name_key(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x80\x99") == 0 || s.compare(i, 3, "\xE2\x80\x98") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '.') continue;
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.erase(out.size() - 2);
  return out;
}

struct GoldRelation {
  std::string subject, object;
  std::vector<std::string> predicates;  // name_key()s of the accepted wordings
  std::uint32_t cls = 0;  // 1 + index in kRelationClasses
  bool symmetric = false, optional = false;
};

struct Gold {
  std::map<std::string, std::set<std::string>> keys;  // entity name -> its name keys
  std::vector<GoldRelation> relations;
};

std::string text_of(const rapidjson::Value& v, const char* field, const std::string& file) {
  if (!v.IsObject() || !v.HasMember(field) || !v[field].IsString())
    throw InputError(file, std::string("a record lacks the text field \"") + field + "\"");
  return v[field].GetString();
}

Gold read_gold(const fs::path& path) {
  const std::string file = path.string();
  const std::string bytes = extract::read_file(path);
  if (const auto deep = export_::too_deep(bytes))
    throw InputError(file + ":" + std::to_string(deep->line),
                     "nesting deeper than " + std::to_string(export_::kMaxJsonNesting));
  rapidjson::Document json;
  json.Parse<rapidjson::kParseIterativeFlag>(bytes.data(), bytes.size());
  if (json.HasParseError())
    throw InputError(file, std::string("not JSON: ") + rapidjson::GetParseError_En(json.GetParseError()),
                     json.GetErrorOffset());
  if (!json.IsObject() || !json.HasMember("entities") || !json["entities"].IsArray() ||
      !json.HasMember("relations") || !json["relations"].IsArray())
    throw InputError(file, "gold needs the arrays \"entities\" and \"relations\"");
  Gold gold;
  for (const auto& e : json["entities"].GetArray()) {
    const std::string name = text_of(e, "name", file);
    std::set<std::string>& keys = gold.keys[name];
    keys.insert(name_key(name));
    if (e.HasMember("aliases") && e["aliases"].IsArray())
      for (const auto& a : e["aliases"].GetArray())
        if (a.IsString()) keys.insert(name_key(a.GetString()));
  }
  for (const auto& r : json["relations"].GetArray()) {
    GoldRelation g;
    g.subject = text_of(r, "subject", file);
    g.object = text_of(r, "object", file);
    if (r.HasMember("predicates") && r["predicates"].IsArray())
      for (const auto& p : r["predicates"].GetArray())
        if (p.IsString()) g.predicates.push_back(name_key(p.GetString()));
    const std::string cls = r.HasMember("class") && r["class"].IsString() ? r["class"].GetString() : "other";
    const auto c = extract::relation_class_from_string(cls);
    if (!c) throw InputError(file, "unknown relation class \"" + cls + "\"");
    g.cls = 1 + static_cast<std::uint32_t>(std::find(extract::kRelationClasses.begin(),
                                                     extract::kRelationClasses.end(), *c) -
                                           extract::kRelationClasses.begin());
    g.symmetric = r.HasMember("symmetric") && r["symmetric"].IsBool() && r["symmetric"].GetBool();
    g.optional = r.HasMember("optional") && r["optional"].IsBool() && r["optional"].GetBool();
    gold.relations.push_back(std::move(g));
  }
  return gold;
}

// The gold entities an extracted entity stands for (by any of its names).
std::set<std::string> gold_names(const extract::Entity& e, const Gold& gold) {
  std::set<std::string> keys{name_key(e.name)};
  for (const std::string& a : e.aliases) keys.insert(name_key(a));
  std::set<std::string> out;
  for (const auto& [name, gold_keys] : gold.keys)
    for (const std::string& k : keys)
      if (gold_keys.count(k)) {
        out.insert(name);
        break;
      }
  return out;
}

// The candidate's class by the gold: -1 to leave it out of training. `predicates` gets the
// wordings of the gold relation it matches.
int label_of(const extract::PairCandidate& c, const extract::Document& doc, const Gold& gold,
             std::vector<std::string>& predicates) {
  const std::set<std::string> xs = gold_names(doc.entities[c.subject], gold);
  const std::set<std::string> ys = gold_names(doc.entities[c.object], gold);
  if (xs.empty() || ys.empty()) return -1;
  int label = 0;
  bool optional = false;
  for (const GoldRelation& r : gold.relations) {
    const bool forward = xs.count(r.subject) && ys.count(r.object);
    const bool backward = r.symmetric && xs.count(r.object) && ys.count(r.subject);
    if (!forward && !backward) continue;
    if (r.optional) {
      optional = true;
      continue;
    }
    if (label == 0) {
      label = static_cast<int>(r.cls);
      predicates = r.predicates;
    }
  }
  if (label == 0 && optional) return -1;
  return label;
}

}  // namespace

int run_train_relations(const Options& options) {
  const fs::path dir = options.model.train;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir.string(), "not a folder of articles (NAME.txt with NAME.gold.json)");
  std::vector<fs::path> articles;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".txt") articles.push_back(entry.path());
  std::sort(articles.begin(), articles.end());
  if (articles.empty()) throw InputError(dir.string(), "no *.txt articles");

  extract::PipelineOptions pipeline = options.pipeline;
  pipeline.extractor = "models";
  pipeline.relation_filter = false;
  const extract::Pipeline extractor(pipeline);
  const extract::Lexicon& lexicon = extract::Lexicon::builtin();

  std::vector<extract::Document> docs(articles.size());
  std::vector<std::vector<extract::PairCandidate>> candidates(articles.size());
  std::vector<extract::FilterExample> examples;
  std::vector<std::size_t> per_class(extract::kFilterLabels, 0);
  for (std::size_t i = 0; i < articles.size(); ++i) {
    fs::path gold_path = articles[i];
    gold_path.replace_extension(".gold.json");
    if (!fs::exists(gold_path, ec)) throw InputError(articles[i].string(), "has no gold file " + gold_path.string());
    const Gold gold = read_gold(gold_path);
    extract::Document& doc = docs[i];
    doc.name = articles[i].string();
    const extract::DecodedText decoded = extract::decode_text(extract::read_file(articles[i]), doc.name);
    if (decoded.binary) throw InputError(doc.name, decoded.binary_reason);
    doc.text = decoded.text;
    extractor.run(doc);
    candidates[i] = extract::relation_candidates(doc, lexicon, (log::level() == log::Level::debug));
    for (const extract::PairCandidate& c : candidates[i]) {
      std::vector<std::string> predicates;
      const int label = label_of(c, doc, gold, predicates);
      if ((log::level() == log::Level::debug)) {
        std::string features;
        for (const std::string& f : c.feature_names) features += " " + f;
        log::debug("candidate\t{}\t{}\t{}\t{}\t{}\t{}\t{}", doc.name, doc.entities[c.subject].name,
                   doc.entities[c.object].name, label, c.predicate, c.role, features);
      }
      // The filter decides only pairs no frame linked: it learns from those alone.
      if (label < 0 || c.linked) continue;
      examples.push_back({&c, &doc, static_cast<std::uint32_t>(label), std::move(predicates)});
      ++per_class[static_cast<std::size_t>(label)];
    }
  }
  std::string counts;
  for (std::uint32_t k = 0; k < extract::kFilterLabels; ++k) {
    if (!per_class[k]) continue;
    counts += (counts.empty() ? "" : ", ") +
              std::string(k == 0 ? "none" : extract::to_string(extract::kRelationClasses[k - 1])) + " " +
              std::to_string(per_class[k]);
  }
  log::info("train relations: {} articles, {} labelled candidates ({})", articles.size(), examples.size(), counts);
  extract::RelationFilterTraining training;
  training.iterations = options.model.iterations;
  training.seed = options.model.seed;
  training.margin = options.model.margin;
  training.description = "relation filter trained on " + std::to_string(articles.size()) + " articles, " +
                         std::to_string(examples.size()) + " candidates, " +
                         std::to_string(training.iterations) + " iterations";
  const extract::RelationFilter filter = extract::train_relation_filter(examples, training);
  filter.save(options.model.model);
  log::info("wrote {}", options.model.model);
  return kExitOk;
}

}  // namespace kg::cli
