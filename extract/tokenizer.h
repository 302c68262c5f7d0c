#pragma once
// Tokenizer: Document::text -> Document::tokens and Document::sentences.
//
// Requires: `doc.text` is valid UTF-8 (the text stage guarantees it); tokens and
// sentences are empty. Ensures: every non-space byte belongs to exactly one token, tokens
// are in text order with half-open byte ranges, sentences partition the tokens in order.
// Handles abbreviations (U.S., Feb., Mr., Dr.), initials, curly and straight quotes,
// dashes, possessive 's / ’s as separate tokens, hyphenated names split where a side is a
// capitalised name (US-Russia -> US - Russia), datelines ("MOSCOW:", "ISTANBUL (AP) —")
// and headlines without final punctuation (a line break ends a sentence when the next line
// starts a new paragraph or the line has no final punctuation).
// Thread safety: stateless; tokenize() may run concurrently on different documents.
#include "extract/document.h"

namespace kg::extract {

void tokenize(Document& doc);

}  // namespace kg::extract
