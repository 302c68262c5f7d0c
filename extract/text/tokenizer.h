#pragma once
// Tokenizer: Document::text -> Document::tokens and Document::sentences.
//
// Requires: `doc.text` is valid UTF-8 (the text stage guarantees it; malformed bytes are
// tolerated as letters) and shorter than 4 GiB (offsets are 32-bit; longer throws
// kg::InputError). Existing tokens and sentences are replaced. Ensures: every
// non-space byte belongs to exactly one token, tokens are in text order with half-open
// byte ranges and `form` equal to those bytes, sentences partition the tokens in order.
// Runs in linear time, without regex. Thread safety: stateless; tokenize() may run
// concurrently on different documents.
//
// Whitespace: ASCII blanks and controls (\r included), NBSP, U+2000-200B, U+202F, U+3000,
// BOM; line breaks are \n, U+2028, U+2029. Whitespace never appears inside a token.
// Any non-ASCII code point that is not a known space, quote, dash or symbol is a letter.
//
// Tokens:
//  - Words and numbers. Kept inside one token: decimal points and thousands commas
//    between digits (3.5, 1,000, not 2019,2020), ':' and '/' inside numbers (10:30, 24/7),
//    a period before a lower-case letter (themoscowtimes.com), '&' between capitals (AT&T),
//    '_' before a letter or digit, an apostrophe between letters (O'Brien, rock'n'roll).
//  - Periods kept: dotted acronyms, single letters each followed by a period, two or more
//    (U.S., U.S.A., a.m., e.g., J.R.R., also Ph.D.); a single capital before a capitalised
//    word (John F. Kennedy, J. R. R. Tolkien; "I." only after a capitalised word, so "do I."
//    and "Plan B." at a line end keep a separate period); listed abbreviations (extract/text/abbreviations.h: Mr. Dr. Gen. Feb. Inc. St. etc. vs.),
//    "No." "Art." "Vol." "p." only before a number.
//  - Clitics split off: 's 'm 'd 're 've 'll and n't in any apostrophe style ("Russia’s" ->
//    Russia ’s, "won’t" -> wo n’t, "can't" -> ca n't). A trailing apostrophe is its own
//    token ("countries’" -> countries ’).
//  - Quotes (straight, curly, „ « » ‹ ›) and brackets are single tokens.
//  - Dashes: – — ― − and runs of two or more hyphens ("--") are tokens; norm is "-". A
//    free-standing or leading hyphen is a dash token too ("Moscow - Reuters", "-5" -> - 5).
//  - Hyphens: a hyphenated word stays whole ("long-standing", "tit-for-tat", "pro-Kremlin",
//    "X-ray", "COVID-19") unless the part left of the hyphen starts with a capital and has
//    two or more letters: then the hyphen is its own token ("US-Russia" -> US - Russia,
//    "Russian-controlled" -> Russian - controlled, "Jean-Claude" -> Jean - Claude; after an
//    acronym always: "U.S.-led" -> U.S. - led). Exceptions keep the word whole: the right
//    part starts with a digit (COVID-19, Su-27); the left part is a common prefix (Anti-,
//    Pro-, Non-, Self-, Full-, ...); at a sentence start a capitalised, not all-caps left
//    part before a lower-case right part ("Long-standing"). Split parts have
//    space_before = false, so later stages can rejoin them.
//  - URLs (http://, https://, ftp://, www.) and e-mail addresses are single tokens; the
//    trailing punctuation and an unbalanced closing bracket stay outside.
//  - Runs of '.', of '!'/'?', of one dash character and of '#', '*', '=', '_', '~' are one
//    token each ("...", "?!", "##", "___"). Other punctuation and symbols: one per token
//    (€ £ $ % / •), with emoji modifiers and flags kept with their symbol (👍🏽, 🇺🇦).
//  - norm folds ’ ‘ ‛ ′ ´ ‚ ‹ › -> ', “ ” „ ‟ ″ « » -> ", ‐ ‑ ‒ – — ― − -> -, … -> ...,
//    drops soft hyphens; dash tokens normalise to "-".
//  - space_before: whitespace precedes the token; line_start: first token on its line
//    (the first token of the text included).
//
// Sentences:
//  - Every line break ends a sentence (news files hold one paragraph per line; hard-wrapped
//    text therefore yields one sentence per line).
//  - Within a line a sentence ends after . ! ? ... … (plus any closing quotes or brackets
//    right after it) when whitespace follows and the next token starts with a capital
//    letter, a digit, an opening quote or an opening bracket; not after a list number
//    opening the line ("1. Background").
//  - A period belonging to an acronym, abbreviation or initial (U.S., Inc., Feb., F.) ends a
//    sentence only when the next token (maybe after an opening quote) is a capitalised
//    function word (The, He, In, But, ...: is_sentence_opener) and the line itself ends
//    with final punctuation. Titles (Mr. Dr. Gen. Sen.) never end a sentence.
//  - Datelines stay in their sentence ("MOSCOW:", "ISTANBUL (AP) —", "Istanbul, 28 February —").
//  - Sentence::headline: the sentence is a whole line that does not end in . ! ? … (closing
//    quotes or brackets after them allowed): headlines, bylines, "___", "## Heading", URLs.
//  - No sentence is longer than kMaxSentenceTokens tokens: a longer one (a line without
//    punctuation, a list run together) is cut, repeatedly, after the last , ; : or dash
//    in the second half of its first kMaxSentenceTokens tokens, else between two words
//    that are not capitalised there (so no name is cut), else after kMaxSentenceTokens
//    tokens. The pieces are not headlines. Every later stage (tagger, parser, names,
//    relations, pronoun windows, evidence text) costs at most quadratically in a sentence's
//    length; the bound keeps the whole pipeline linear in the length of a document. News
//    sentences stay far below it (the longest in the dev set has about 70 words).
#include <cstddef>

#include "extract/text/document.h"

namespace kg::extract {

inline constexpr std::size_t kMaxSentenceTokens = 200;

void tokenize(Document& doc);

}  // namespace kg::extract
