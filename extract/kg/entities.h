#pragma once
// Within-document resolution: Document::mentions -> Document::entities.
//
// Joins the mentions that name one thing: gazetteer aliases, demonyms and capitals used
// for their state; a surname or titled short form with the full name ("Lavrov" ->
// "Sergey Lavrov"); an acronym in parentheses with its expansion ("Federal Security
// Service (FSB)"); a shorter organisation or event name with the longer one it ends
// ("G20 summit" -> "2019 G20 summit"); a bare one-word "person", or an organisation the
// gazetteer does not know, with the one organisation whose name it begins ("Halvik" ->
// "Halvik Motor Corp."); a company with and without its legal form ("Vantor Industries",
// "Vantor Industries Ltd."). Groups ("the US team") stay
// entities of their own.
// Requires: find_mentions() has run. Ensures: every mention has entity >= 0; entities in
// order of first mention; names canonical (gazetteer form, or the fullest form used).
#include "extract/text/document.h"

namespace kg::extract {

void resolve_entities(Document& doc);

}  // namespace kg::extract
