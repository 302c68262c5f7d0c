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
// Requires: doc.mentions resolved to entities (resolve_entities()); Token::deprel and
// Token::head are used when the parser ran and ignored otherwise.
// Ensures: the result lists entity indexes in text order, without duplicates, each of a
// mention that starts before `token`.
// Thread safety: reads the Document only.
#include <cstdint>
#include <vector>

#include "extract/text/document.h"

namespace kg::extract {

enum class Gender : std::uint8_t { Unknown, Male, Female };

// The gender a person entity's titles and roles state, Unknown when they say nothing.
Gender entity_gender(const Document& doc, std::uint32_t entity);

std::vector<std::uint32_t> resolve_pronoun(const Document& doc, std::uint32_t token);

}  // namespace kg::extract
