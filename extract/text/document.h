#pragma once
// extract/text: the room that turns bytes into a Document. It owns text decoding (text.h:
// UTF-8 checks, BOM, line ends, binary detection), the tokenizer with its abbreviations
// and sentence splitting (tokenizer.h, abbreviations.h), datelines (dateline.h), this
// Document type that every later stage fills in, the text utilities (text_util.h), the
// error types (error.h) and logging (log.h). It may use the standard library and spdlog
// only; nothing here knows about models, entities or relations, and it links no other
// part of kgbuild (extract/CMakeLists.txt).
//
// Document: the one annotated object every extraction stage reads and extends in place.
//
// What it represents: one input text (UTF-8, already validated by the text stage) with
// its tokens, sentences, entity mentions, within-document entities and relation triples.
// Requires: `text` never changes once tokens exist, because every offset points into it.
// Ensures: token byte ranges are half-open [begin, end) into `text`; mention spans are
// half-open token ranges [first, last) inside one sentence; indexes between the layers
// (mention -> entity, triple -> entity) are positions in the owning vectors.
// Thread safety: none; one thread owns a Document while a pipeline runs on it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text/interned.h"

namespace kg::extract {

// OntoNotes names; new types are appended, so the numbering of the older ones never changes.
// WorkOfArt: titles of films, books, songs, plays, series, paintings, games; Award: named
// prizes and awards ("Jury Prize", "Golden Camera").
enum class EntityType : std::uint8_t { Person, Org, Gpe, Loc, Event, Date, Norp, WorkOfArt, Award };

// Every type, in enumeration order: loop over this, never up to a named last value.
inline constexpr std::array<EntityType, 9> kEntityTypes{
    EntityType::Person, EntityType::Org,  EntityType::Gpe,       EntityType::Loc,  EntityType::Event,
    EntityType::Date,   EntityType::Norp, EntityType::WorkOfArt, EntityType::Award};

std::string_view to_string(EntityType type);
std::optional<EntityType> entity_type_from_string(std::string_view name);

// The kind of a relation, from a small closed set, beside its open relation label (Triple::
// relation), so that a graph can be filtered by kind (issue 17 point 5; the classes of the
// gold files in shared/gold/GUIDELINES.md). Names: "meet", "lead", "role", "member", "said",
// "quote", "located_in", "held_in", "date", "part_of", "other". New classes are appended.
enum class RelationClass : std::uint8_t { Meet, Lead, Role, Member, Said, Quote, LocatedIn, HeldIn, Date, PartOf, Other };

// Every class, in enumeration order.
inline constexpr std::array<RelationClass, 11> kRelationClasses{
    RelationClass::Meet,      RelationClass::Lead,   RelationClass::Role, RelationClass::Member,
    RelationClass::Said,      RelationClass::Quote,  RelationClass::LocatedIn, RelationClass::HeldIn,
    RelationClass::Date,      RelationClass::PartOf, RelationClass::Other};

std::string_view to_string(RelationClass relation_class);
// The class of a name as to_string writes it (exact, lower case); nullopt for another name.
std::optional<RelationClass> relation_class_from_string(std::string_view name);

// One token: 32 bytes. Its strings are Words and Labels (extract/text/interned.h): numbers
// into tables the process shares, read like std::strings (`tok.tag == "NOUN"`,
// `std::string_view(tok.form)`, `const std::string& d = tok.deprel`).
struct Token {
  std::uint32_t begin = 0;  // byte offset of the first byte in Document::text
  std::uint32_t end = 0;    // one past the last byte
  Word form;                // exactly text[begin, end)
  Word norm;                // typographic variants folded: ’‘ → ', “” → ", – — → -, … → ...
  bool space_before = false;  // whitespace separates this token from the previous one
  bool line_start = false;    // first token on its line (headlines, datelines)
  // Filled by later stages; empty until then.
  Label tag;     // coarse part of speech (UPOS) where known
  Label xpos;    // language-specific part of speech (Penn Treebank for English) where known
  Label deprel;  // Universal Dependencies relation to the head ("nsubj", "root"); empty if unparsed
  std::int32_t head = -1;  // syntactic head: token index in the document; -1 for the root or unparsed
  Word lemma;    // lower-case dictionary form where known
};

struct Sentence {
  std::uint32_t first = 0;  // first token index
  std::uint32_t last = 0;   // one past the last token index
  std::uint32_t begin = 0;  // byte offset of the first token
  std::uint32_t end = 0;    // byte offset one past the last token
  bool headline = false;    // a line without final punctuation standing alone
};

// One mention: 48 bytes; its strings are Words (extract/text/interned.h), as a Token's.
struct Mention {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0;  // token range [first, last), inside one sentence
  std::uint32_t last = 0;
  EntityType type = EntityType::Org;
  Word text;     // the name as written, titles excluded ("Vladimir Putin")
  Word title;    // role words attached to it ("Russian President"), if any
  std::uint32_t title_first = 0;  // first token of the title region (== first when no title)
  std::uint32_t role_first = 0;   // first token of the role words inside the title region
  Word role;     // normalised role of the title ("president"), if any
  Word key;      // resolution key: gazetteer canonical, or "group:"/"org:"-prefixed identity; may be empty
  Word country;  // the state a demonym, group or national body belongs to
  int entity = -1;     // index into Document::entities once resolved
};

struct Entity {
  std::string name;  // canonical: the fullest form used in the document
  EntityType type = EntityType::Org;
  std::vector<std::string> aliases;  // every surface form, the name included, first-seen order
  std::vector<std::string> titles;   // role words used for it
  std::vector<std::uint32_t> mentions;
  std::string key;  // cross-document identity hint (gazetteer canonical, group key); may be empty
};

struct Triple {
  std::uint32_t subject = 0;  // index into Document::entities
  std::uint32_t object = 0;
  std::string relation;       // normalised predicate: lemma form ("meet", "lead", "spokesperson of")
  std::string label;          // the predicate as the text says it ("is led by")
  std::uint32_t sentence = 0;
  std::uint32_t begin = 0;    // byte span of the evidence inside Document::text
  std::uint32_t end = 0;
  // The relation's kind, when the finder that made the triple knows it; the pipeline's last
  // step fills in every one left unset (extract/kg/relation_class.h).
  std::optional<RelationClass> relation_class;
};

struct Document {
  std::string name;  // file path or "-" for stdin; used in evidence and messages
  std::string text;
  std::string date;  // publication date "YYYY-MM-DD" (kgbuild --date, else the dateline); empty when unknown
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<Triple> triples;

  std::string_view sentence_text(std::size_t index) const {
    const Sentence& s = sentences.at(index);
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
};

// The head of the parsed phrase covering tokens [first, last) (first < last): its token
// whose head lies outside the span (or is the root); the last token when none does.
std::uint32_t span_head(const Document& doc, std::uint32_t first, std::uint32_t last);

}  // namespace kg::extract
