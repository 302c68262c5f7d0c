#pragma once
// Pronoun resolution: which entities a personal pronoun stands for, where the evidence is clear.
//
//   he, him, his, she, her  -> the most recent compatible PERSON before the pronoun in its own
//                              sentence or the two before it. A person is compatible unless
//                              its titles and roles give the other gender ("spokeswoman",
//                              "Mrs" for he; "spokesman", "Mr" for she). When the parse is
//                              there, a person who was a subject (nsubj) in the previous
//                              sentence wins over a more recent non-subject, as a reader
//                              would read "Putin met Erdogan. He said ..." (Putin).
//   it, its                 -> the ORG or GPE that was the subject of the previous sentence's
//                              main clause, when no other ORG or GPE stands between it and the
//                              pronoun; "it" as an expletive ("it is likely", "it said" with no
//                              such subject) stays unresolved.
//   they, them, their       -> the previous sentence's main-clause subjects when they are two or
//                              more coordinated entities ("Russia and China ... They"), or one
//                              group or organisation ("the delegation"); otherwise unresolved.
// Anything else, or no clear antecedent, gives no entity.
//
// Requires: doc.mentions resolved to entities (resolve_entities()), in text order (by
// sentence, as find_mentions() leaves them); Token::deprel and Token::head are used when
// the parser ran and ignored otherwise.
// Ensures: the result lists entity indexes in text order, without duplicates, each of a
// mention that starts before `token`. A call reads only the mentions of the pronoun's
// window (its sentence and the two before), so its cost does not grow with the document
// (sentences are bounded: extract/text/tokenizer.h); PronounResolver also reads each
// person's mentions once for their gender, where resolve_pronoun() reads them per call.
// Thread safety: reads the Document only; a PronounResolver belongs to one thread.
#include <cstdint>
#include <vector>

#include "extract/text/document.h"

namespace kg::extract {

enum class Gender : std::uint8_t { Unknown, Male, Female };

// The gender a person entity's titles and roles state, Unknown when they say nothing.
Gender entity_gender(const Document& doc, std::uint32_t entity);

std::vector<std::uint32_t> resolve_pronoun(const Document& doc, std::uint32_t token);

// resolve_pronoun() over one document, many pronouns: remembers what each person entity's
// mentions say of its gender (they do not change once resolved), and reads only the titles
// added to an entity since the last call (frames add titles as they go; titles are only
// ever appended). Same results as resolve_pronoun() and entity_gender().
class PronounResolver {
 public:
  explicit PronounResolver(const Document& doc) : doc_(doc) {}
  std::vector<std::uint32_t> resolve(std::uint32_t token) const;
  Gender gender(std::uint32_t entity) const;

 private:
  struct Known {
    std::uint8_t mentions = 0;  // bit 0 male, bit 1 female, bit 2 read
    std::uint8_t titles = 0;    // bit 0 male, bit 1 female
    std::uint32_t titles_read = 0;
  };
  const Document& doc_;
  mutable std::vector<Known> known_;  // per entity, sized on first use
};

}  // namespace kg::extract
