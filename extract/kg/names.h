#pragma once
// Name keys for deciding whether two spellings name the same thing, within a document
// and across documents: transliteration variants of personal names (Sergey/Sergei,
// Aleksandr/Alexander, Dmitry/Dmitri), diacritics (Türkiye/Turkiye) and case.
// Pure functions; thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace kg::extract {

std::vector<std::string> name_tokens(std::string_view name);  // split on spaces
// fold() plus transliteration folding: ks->x, y->i, doubled letters collapsed.
std::string spelling_key(std::string_view word);
std::size_t edit_distance(std::string_view a, std::string_view b);
// True when two spellings of a given name or surname are variants of one another.
bool same_name_word(std::string_view a, std::string_view b);
// True when two personal names can denote the same person: same surname, and given
// names that are variants, initials of each other, or missing on one side.
bool compatible_person_names(std::string_view a, std::string_view b);

}  // namespace kg::extract
