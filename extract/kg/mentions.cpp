#include "extract/kg/mentions.h"

#include <tuple>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <tuple>

#include "extract/kg/names.h"
#include "extract/kg/relation_words.h"
#include "extract/text/text_util.h"

namespace kg::extract {
namespace {
// "In-form", "Third-stringer": a capitalised word whose part after the hyphen is lower case.
bool hyphen_lower(std::string_view w) {
  const std::size_t h = w.find('-');
  return h != std::string_view::npos && h + 1 < w.size() && w[h + 1] >= 'a' && w[h + 1] <= 'z';
}

// A sentence with no lower-case letter (an ALL-CAPS headline): capitals say nothing there.
bool all_caps_sentence(const Document& doc, const Sentence& sent) {
  for (std::uint32_t i = sent.first; i < sent.last; ++i)
    if (has_lower(doc.tokens[i].norm)) return false;
  return true;
}

// Mostly capitalised words, as a title-case headline has. A list of names ("Portugal: Vitor
// Baia, Paulinho Santos, ...") is capitalised too, but a headline has no run of commas.
bool title_case_sentence(const Document& doc, const Sentence& sent) {
  if (sent.headline) return true;
  int words = 0, caps = 0, commas = 0;
  for (std::uint32_t i = sent.first; i < sent.last; ++i) {
    const std::string& w = doc.tokens[i].norm;
    commas += w == "," ? 1 : 0;
    if (w.empty() || !is_letter_code_point(first_code_point(w))) continue;
    ++words;
    caps += starts_upper(w) ? 1 : 0;
  }
  return words >= 3 && caps * 10 >= words * 7 && commas < 3;
}

bool is_weekday(std::string_view w) {
  static constexpr std::string_view kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
  for (std::string_view d : kDays)
    if (w == d) return true;
  return false;
}
}  // namespace

namespace {

constexpr std::array<std::string_view, 12> kMonths{"January", "February", "March",     "April",
                                                   "May",     "June",     "July",      "August",
                                                   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 13> kMonthAbbrevs{"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
                                                         "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan"};

bool is_month(std::string_view w) {
  return std::find(kMonths.begin(), kMonths.end(), w) != kMonths.end() ||
         std::find(kMonthAbbrevs.begin(), kMonthAbbrevs.end(), w) != kMonthAbbrevs.end();
}

bool is_day(std::string_view w) {
  std::string_view digits = w;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (digits.size() > suffix.size() && digits.substr(digits.size() - suffix.size()) == suffix)
      digits.remove_suffix(suffix.size());
  if (!is_digits(digits) || digits.size() > 2) return false;
  int d = std::stoi(std::string(digits));
  return d >= 1 && d <= 31;
}

bool is_year(std::string_view w) {
  if (w.size() != 4 || !is_digits(w)) return false;
  int y = std::stoi(std::string(w));
  return y >= 1900 && y <= 2099;
}

// Words that start a locative phrase: a capital after them is the city, not the state.
bool is_locative_preposition(std::string_view w) {
  static const std::set<std::string_view> kWords{"in", "at", "to", "from", "near", "outside", "into",
                                                 "across", "via", "toward", "towards", "around", "inside"};
  return kWords.count(w) > 0;
}

// A middle initial: "A.", "J".
bool is_initial(std::string_view w) {
  return (w.size() == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z') || (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z');
}
// A generational suffix of a personal name.
bool is_name_suffix(std::string_view w) { return w == "Jr." || w == "Jr" || w == "Sr." || w == "Sr"; }

// Modifiers of a title that say when, never part of an organisation's name ("Former").
bool is_temporal_modifier(std::string_view lower) {
  static const std::set<std::string_view> kWords{"former", "then", "acting", "outgoing", "incoming",
                                                 "longtime", "veteran", "interim", "ex"};
  return kWords.count(lower) > 0;
}

// Verbs after which a capital is the city one goes to or leaves, not its state.
bool is_movement_verb(std::string_view lower) {
  static const std::set<std::string_view> kWords{"visit", "visits", "visited", "visiting", "leave", "leaves",
                                                 "left", "leaving", "reach", "reached", "toured", "tour"};
  return kWords.count(lower) > 0;
}

// Modifiers that may stand inside a title region before the role word ("state news agency",
// "former Deputy Prime Minister").
bool is_title_modifier(std::string_view lower) {
  static const std::set<std::string_view> kWords{"state", "state-run", "state-owned", "news", "deputy", "top",
                                                 "senior", "former", "chief", "acting", "then", "first",
                                                 "vice", "assistant", "foreign", "defense", "defence", "outgoing",
                                                 "incoming", "longtime", "veteran", "special", "interim"};
  return kWords.count(lower) > 0;
}

bool is_speech_verb(std::string_view lower) {
  static const std::set<std::string_view> kWords{"said", "says", "told", "added", "stated", "noted",
                                                 "wrote", "explained", "argued", "insisted", "warned"};
  return kWords.count(lower) > 0;
}

// Lower-case heads that make an organisation of the capitalised words before them
// ("North America department"); after a lone demonym only the institutions listed second.
bool is_lower_org_head(std::string_view lower, bool after_demonym) {
  static const std::set<std::string_view> kAfterName{"department", "ministry", "agency", "committee", "council",
                                                     "commission", "office", "bureau", "service", "party",
                                                     "parliament", "university"};
  static const std::set<std::string_view> kAfterDemonym{"parliament", "army", "navy", "military"};
  return after_demonym ? kAfterDemonym.count(lower) > 0 : kAfterName.count(lower) > 0;
}


// "high court", "district court": a court a place names after itself ("the Lyon high
// court"); the number of words, 0 when there is none at `k`.
std::uint32_t court_words(const std::vector<Token>& tokens, std::uint32_t k, std::uint32_t end) {
  static const std::set<std::string_view> kLevels{"high", "supreme", "district", "county", "federal"};
  if (k + 1 < end && kLevels.count(to_lower(tokens[k].norm)) && to_lower(tokens[k + 1].norm) == "court") return 2;
  return 0;
}

bool is_event_noun(std::string_view lower) {
  return lower == "summit" || lower == "conference" || lower == "forum" || lower == "games" ||
         lower == "olympics" || lower == "festival" || lower == "championship";
}

// The last word of a building's name, lower case ("Halvard House", "Azadi Stadium").
bool is_building_head(std::string_view lower) {
  static const std::set<std::string_view> kWords{"house", "palace", "stadium", "arena", "hall", "hotel",
                                                 "tower", "towers", "airport", "station", "square", "bridge",
                                                 "castle", "cathedral", "mosque", "temple", "church", "centre",
                                                 "center", "building", "mansion", "lodge", "plaza"};
  return kWords.count(lower) > 0;
}
// The last word of the name of a division of a country, lower case ("Kalvik District").
bool is_division_head(std::string_view lower) {
  static const std::set<std::string_view> kWords{"district", "province", "county", "prefecture", "region",
                                                 "municipality", "governorate", "oblast", "canton"};
  return kWords.count(lower) > 0;
}
// Lower-case words for a place within a country, after its name ("Vostrava city"): a
// division's word or a settlement's ("region" names an area, not a place of its own).
bool is_lower_place_noun(std::string_view lower) {
  return (is_division_head(lower) && lower != "region") || lower == "city" || lower == "town" || lower == "village";
}
// The last word of an institution's name, lower case ("Halden University").
bool is_institution_head(std::string_view lower) {
  static const std::set<std::string_view> kWords{"university", "college", "school", "academy", "hospital",
                                                 "museum", "institute", "court", "assembly", "council",
                                                 "ministry", "commission", "agency", "bank", "club", "union",
                                                 "federation", "association", "party", "corporation", "company"};
  return kWords.count(lower) > 0;
}

bool is_facility_noun(std::string_view lower) {
  return lower == "residence" || lower == "compound" || lower == "headquarters" || lower == "mansion";
}

// Upper-case abbreviations that name no entity.
bool is_non_name_acronym(std::string_view w) {
  static const std::set<std::string_view> kWords{"TV", "GMT", "UTC", "CEO", "CFO", "PM", "AM", "GDP", "OK",
                                                 "DNA", "HIV", "ID", "PC", "USD", "EUR", "VAT", "FM", "PR",
                                                 "IT", "AI", "VIP", "UFO", "CCTV", "SMS", "PDF", "URL", "FAQ"};
  return kWords.count(w) > 0;
}

// A bracketed abbreviation of the common words before it ("vice-chancellor (VC)", "chief
// executive officer (CEO)", "memorandum of understanding (MoU)"): the initials of the last
// lower-case words before the bracket (hyphenated parts count apart; "of" and "and" may
// count or not) spell the one token in it. Such an abbreviation names no one.
bool abbreviates_common_words(const Document& doc, std::uint32_t first, std::uint32_t last) {
  if (last != first + 1 || first < 2 || last >= doc.tokens.size()) return false;
  if (doc.tokens[first - 1].norm != "(" || doc.tokens[last].norm != ")") return false;
  std::string acronym = to_lower(doc.tokens[first].norm);
  if (acronym.size() > 2 && acronym.back() == 's') acronym.pop_back();  // "NGOs"
  if (acronym.size() < 2 || acronym.size() > 6) return false;
  std::string all, content;  // initials read right to left
  for (std::uint32_t t = first - 1; t-- > 0 && all.size() < acronym.size() + 3;) {
    const std::string& w = doc.tokens[t].norm;
    if (w == "-") continue;
    if (w.empty() || !std::islower(static_cast<unsigned char>(w[0]))) break;
    for (std::size_t k = w.size(); k-- > 0;)
      if (k == 0 || w[k - 1] == '-') {
        all += w[k];
        if (w != "of" && w != "and") content += w[k];
      }
    const auto spells = [&](const std::string& initials) {
      return initials.size() == acronym.size() && std::equal(initials.rbegin(), initials.rend(), acronym.begin());
    };
    if (spells(all) || spells(content)) return true;
  }
  return false;
}

bool is_function_word(std::string_view lower) {
  static const std::set<std::string_view> kWords{
      "the", "a", "an", "in", "on", "at", "for", "with", "by", "as", "of", "and", "but", "this", "that",
      "these", "those", "his", "her", "its", "their", "our", "my", "your", "it", "he", "she", "we",
      "they", "i", "to", "from", "after", "before", "while", "when", "if", "despite", "under", "over"};
  return kWords.count(lower) > 0;
}

bool is_name_particle(std::string_view w) {
  static const std::set<std::string_view> kWords{"de", "da", "van", "von", "bin", "al", "el", "der",
                                                 "la", "le", "du", "di", "dos", "del", "ibn"};
  return kWords.count(w) > 0;
}

bool is_opening(std::string_view norm) {
  return norm == "\"" || norm == "'" || norm == "(" || norm == "[" || norm == "-" || norm == ":" ||
         norm == "##" || norm == "#";
}

struct PendingTitle {
  std::uint32_t first = 0;      // title region start
  std::uint32_t role_first = 0; // first role word
  std::uint32_t last = 0;       // one past the title words
  std::uint32_t name_at = 0;    // where the name must start for the title to attach
  std::string role;
  TitleKind kind = TitleKind::Official;
};

class MentionFinder {
 public:
  // `recognised`: the recogniser's names, the evidence a run of capitalised common words
  // needs to be a name; null when there is no recogniser (the rules alone).
  // title_case: per sentence, title_case_sentence() (read once for both passes).
  MentionFinder(Document& doc, const Lexicon& lex, const std::set<std::string>& surnames,
                const std::vector<std::uint8_t>& title_case, const std::vector<std::uint8_t>* recognised = nullptr)
      : doc_(doc), lex_(lex), surnames_(surnames), title_case_(title_case), recognised_(recognised) {}

  void run() {
    for (std::uint32_t s = 0; s < doc_.sentences.size(); ++s) sentence(s);
  }

 private:
  const std::string& norm(std::uint32_t i) const { return doc_.tokens[i].norm; }
  bool is_cap(std::uint32_t i) const {
    const std::string& w = norm(i);
    return starts_upper(w) && is_letter_code_point(first_code_point(w));
  }

  std::string phrase(std::uint32_t i, std::uint32_t n) const {
    std::string p = norm(i);
    for (std::uint32_t k = 1; k < n; ++k) p += " " + norm(i + k);
    return p;
  }

  std::string surface(std::uint32_t first, std::uint32_t last) const {
    const auto& t = doc_.tokens;
    std::string s = doc_.text.substr(t[first].begin, t[last - 1].end - t[first].begin);
    for (char& c : s)
      if (c == '\n' || c == '\t') c = ' ';
    return s;
  }

  bool sentence_initial(std::uint32_t i) const {
    if (i == begin_ || doc_.tokens[i].line_start) return true;
    for (std::uint32_t k = i; k > begin_; --k) {
      if (!is_opening(norm(k - 1))) return false;
      if (k - 1 == begin_) return true;
    }
    return false;
  }

  // A capitalised common word that only carries the capital because of its position.
  bool positional_capital(std::uint32_t i) const {
    if (!headline_ && !sentence_initial(i)) return false;
    std::string lower = to_lower(norm(i));
    if (!lex_.is_common_word(lower)) return false;
    if (surnames_.count(spelling_key(norm(i)))) return false;
    std::uint32_t n = 0;
    if (gazetteer_at(i, n) && n >= 2) return false;  // "NEW DELHI:", "United Nations"
    return true;
  }

  const NameEntry* gazetteer_at(std::uint32_t i, std::uint32_t& n) const {
    std::uint32_t max = std::min<std::uint32_t>(static_cast<std::uint32_t>(lex_.max_name_tokens()), end_ - i);
    // Phrases of several words are tried only after a word that starts one.
    if (!lex_.starts_long_name(norm(i)) && !(is_all_caps(norm(i)) && lex_.starts_long_name(to_lower(norm(i)))))
      max = std::min<std::uint32_t>(max, 1);
    for (n = max; n >= 1; --n) {
      if (n > 1 && !is_cap(i + n - 1)) continue;
      if (const NameEntry* e = lex_.name(phrase(i, n))) return e;
    }
    n = 0;
    return nullptr;
  }

  const TitleEntry* title_at(std::uint32_t i, std::uint32_t& n) const {
    std::uint32_t max = std::min<std::uint32_t>(static_cast<std::uint32_t>(lex_.max_title_tokens()), end_ - i);
    if (!lex_.starts_long_title(norm(i))) max = std::min<std::uint32_t>(max, 1);
    for (n = max; n >= 1; --n)
      if (const TitleEntry* e = lex_.title(phrase(i, n))) return e;
    // A plural title before names: "Presidents Ama Owusu and Kofi Mensah".
    const std::string& w = norm(i);
    if (w.size() > 4 && w.back() == 's' && i + 1 < end_ && is_cap(i + 1)) {
      if (const TitleEntry* e = lex_.title(std::string_view(w).substr(0, w.size() - 1)); e && e->kind != TitleKind::Media) {
        n = 1;
        return e;
      }
    }
    n = 0;
    return nullptr;
  }

  // Length of an organisation head ("Ministry", "Consulate General") at i, 0 if none.
  std::uint32_t org_head_at(std::uint32_t i, OrgHead& head) const {
    if (i + 1 < end_ && is_cap(i + 1)) {
      if (auto h = lex_.org_head(phrase(i, 2)); h && !h->at_start) {
        head = *h;
        return 2;
      }
    }
    if (auto h = lex_.org_head(norm(i)); h && !h->at_start) {
      head = *h;
      return 1;
    }
    return 0;
  }

  Mention& add(std::uint32_t first, std::uint32_t last, EntityType type) {
    Mention m;
    m.sentence = sentence_;
    m.first = first;
    m.last = last;
    m.title_first = first;
    m.role_first = first;
    m.type = type;
    m.text = surface(first, last);
    if (is_all_caps(m.text) && m.text.size() > 4 && type == EntityType::Person) m.text = title_case(m.text);
    doc_.mentions.push_back(std::move(m));
    return doc_.mentions.back();
  }

  // The start of the region of mentions and modifiers right before a title at i.
  std::uint32_t title_region_start(std::uint32_t i) const {
    std::uint32_t first = i;
    while (first > begin_) {
      std::uint32_t prev = first - 1;
      bool in_mention = false;
      for (auto it = doc_.mentions.rbegin(); it != doc_.mentions.rend() && it->sentence == sentence_; ++it) {
        if (it->last == first && it->type != EntityType::Date && it->type != EntityType::Person) {
          first = it->title_first;
          in_mention = true;
          break;
        }
      }
      if (in_mention) continue;
      if (is_title_modifier(to_lower(norm(prev))) || norm(prev) == "'s") {
        first = prev;
        continue;
      }
      break;
    }
    return first;
  }

  void sentence(std::uint32_t s) {
    const Sentence& sent = doc_.sentences[s];
    sentence_ = s;
    begin_ = sent.first;
    end_ = sent.last;
    headline_ = title_case_[s] != 0;
    pending_.reset();
    std::uint32_t i = begin_;
    while (i < end_) i = step(i);
  }

  // Processes what starts at token i; returns the next token to look at.
  std::uint32_t step(std::uint32_t i) {
    if (pending_ && i > pending_->name_at) pending_.reset();
    if (std::uint32_t n = match_date(doc_, i, end_)) {
      add(i, i + n, EntityType::Date);
      // "2019 G20 summit": the year also opens an event name.
      if (n == 1 && i + 1 < end_ && is_cap(i + 1)) return i + 1;
      return i + n;
    }
    std::uint32_t n = 0;
    if (const TitleEntry* t = title_at(i, n); t && !(positional_capital(i) && n == 1 && !next_is_name(i + n))) {
      // A gazetteer name that starts with a title word is the name ("General Motors").
      std::uint32_t name_words = 0;
      if (!(gazetteer_at(i, name_words) && name_words > n)) return on_title(i, n, *t);
    }
    if (!is_cap(i)) return i + 1;
    if (positional_capital(i) && (is_function_word(to_lower(norm(i))) || !org_run_ahead(i))) return i + 1;
    // A capitalised function word opens no name ("[Goa]: After Jamshedpur FC's loss"),
    // unless the gazetteer knows it ("The Hague").
    if (is_function_word(to_lower(norm(i))) && !gazetteer_at(i, n)) return i + 1;
    if (sentence_role_noun(i)) return i + 1;
    if (acronym_title_at(i)) return on_acronym_title(i);
    // "Lakeside MCA Jane Doe": the words before an acronym title are a name of their own.
    for (std::uint32_t k = i + 1; k < end_ && is_cap(k); ++k) {
      if (!acronym_title_at(k)) continue;
      const std::uint32_t sentence_end = end_;
      end_ = k;
      const std::uint32_t next = on_capitalised(i);
      end_ = sentence_end;
      return next < k ? next : k;
    }
    return on_capitalised(i);
  }

  // A sentence-opening noun the capital only marks as first, before a personal name:
  // "Full-back Jan Berg" (a hyphenated word with a lower-case part), "Midfielder Jan Berg"
  // (an agent noun, no given name itself, before a given name).
  bool sentence_role_noun(std::uint32_t i) const {
    if (!sentence_initial(i) || i + 1 >= end_ || !is_cap(i + 1)) return false;
    const std::string& w = norm(i);
    if (lex_.is_given_name(w) || surnames_.count(spelling_key(w))) return false;
    if (hyphen_lower(w)) return true;
    const auto ends = [&](std::string_view suffix) {
      return w.size() > suffix.size() + 3 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    const bool agent = ends("er") || ends("ers") || ends("or") || ends("ist") || ends("ists");
    return agent && !is_all_caps(w) && lex_.is_given_name(given_form(i + 1));
  }

  // An unknown upper-case abbreviation used as a title before a personal name ("MCA Jane
  // Doe", "Lakeside MP John Smith"): it is followed by a given name and another capitalised
  // word, and the gazetteer does not know it as a name.
  bool acronym_title_at(std::uint32_t k) const {
    const std::string& w = norm(k);
    if (headline_ || w.size() < 2 || w.size() > 5 || !is_all_caps(w) || w.find('.') != std::string::npos) return false;
    if (k + 2 >= end_ || !is_cap(k + 2) || !lex_.is_given_name(given_form(k + 1)) || is_all_caps(norm(k + 1))) return false;
    std::uint32_t n = 0;
    return !gazetteer_at(k, n);
  }

  std::uint32_t on_acronym_title(std::uint32_t k) {
    PendingTitle p;
    p.first = title_region_start(k);
    p.role_first = k;
    p.last = k + 1;
    p.name_at = k + 1;
    p.role = norm(k);
    p.kind = TitleKind::Official;
    pending_ = p;
    return k + 1;
  }

  bool next_is_name(std::uint32_t i) const { return i < end_ && is_cap(i); }

  // True when the capitalised run at i ends in an organisation head ("Foreign Ministry").
  bool org_run_ahead(std::uint32_t i) const {
    for (std::uint32_t j = i; j < end_ && is_cap(j); ++j) {
      OrgHead head;
      if (j > i && org_head_at(j, head)) return true;
    }
    return false;
  }

  std::uint32_t on_title(std::uint32_t i, std::uint32_t n, const TitleEntry& t) {
    std::uint32_t last = i + n;
    std::string role = t.role;
    // Chained titles: "Deputy" + "Assistant Secretary of State".
    std::uint32_t more = 0;
    while (last < end_) {
      const TitleEntry* t2 = title_at(last, more);
      // "former speaker Ms Jo Park": a courtesy title after a role is how the name is
      // written, no part of the role.
      if (!t2 || (t.kind != TitleKind::Honorific && t2->kind == TitleKind::Honorific)) break;
      role = role.empty() || t.kind == TitleKind::Honorific ? t2->role : role + " " + t2->role;
      if (t.kind == TitleKind::Honorific) role = t2->role;
      last += more;
    }
    if (t.kind != TitleKind::Honorific && role.rfind("deputy", 0) != 0 && phrase(i, 1) == "Deputy") role = "deputy " + role;
    PendingTitle p;
    p.first = title_region_start(i);
    p.role_first = i;
    p.last = last;
    p.name_at = last;
    p.role = role;
    p.kind = t.kind;
    // "Minister of Agriculture, Fisheries and Forestry Jane Doe": the portfolio is part of
    // the title, never a name of its own, and the person's name ends the run.
    if (const std::uint32_t name = portfolio_name_start(last, role.find(" of ") != std::string::npos ||
                                                                  role.find(" for ") != std::string::npos);
        name > last + 1) {
      std::uint32_t portfolio_last = name;
      while (portfolio_last > last && (norm(portfolio_last - 1) == "," || norm(portfolio_last - 1) == "and"))
        --portfolio_last;
      p.last = portfolio_last;
      p.name_at = name;
      // The role is the office with its first portfolio ("minister of agriculture"); the
      // whole run stays the title.
      std::uint32_t first_portfolio = last;
      while (first_portfolio < portfolio_last && norm(first_portfolio) != "," && norm(first_portfolio) != "and")
        ++first_portfolio;
      p.role = role + " " + to_lower(surface(last, first_portfolio));
      pending_ = p;
      return name;
    }
    // "Secretary of State for Russia and Central Europe, Sonata Coulter": the name comes
    // after the portfolio and a comma.
    if (last < end_ && (norm(last) == "for" || norm(last) == "of")) {
      for (std::uint32_t k = last + 1; k < end_ && k < last + 10; ++k) {
        if (norm(k) == ",") {
          if (k + 2 < end_ && is_cap(k + 1) && is_cap(k + 2)) p.name_at = k + 1;
          break;
        }
        if (!is_cap(k) && norm(k) != "and" && norm(k) != "the") break;
      }
    }
    // "U.S. Consul General's residence": a place named after the office.
    if (last + 1 < end_ && norm(last) == "'s" && is_facility_noun(to_lower(norm(last + 1)))) {
      add_facility(p.first, last + 2);
      return last + 2;
    }
    // The name comes after the courtesy titles that follow the role ("speaker Ms Jo Park").
    if (t.kind != TitleKind::Honorific) {
      std::uint32_t name = last;
      while (name < end_) {
        const TitleEntry* courtesy = title_at(name, more);
        if (!courtesy || courtesy->kind != TitleKind::Honorific || more == 0) break;
        name += more;
      }
      if (name > last && name < end_ && is_cap(name)) {
        p.name_at = name;
        pending_ = p;
        return name;
      }
    }
    pending_ = p;
    return last;
  }

  // After a title, "of/for" + a portfolio of capitalised common words ("Natural Resources",
  // "Transport, Communication and Tourism") directly followed by a personal name: where the
  // name starts, else 0. The name is a given name and what follows it, or the last two or
  // three capitalised words that are not common English words ("Parmanand Sewdien").
  std::uint32_t portfolio_name_start(std::uint32_t of, bool title_has_portfolio) const {
    if (of + 2 >= end_) return 0;
    // "Minister of Foreign Affairs, Trade and Industry Jane Doe": the lexicon's title already
    // holds the first part of the portfolio.
    const bool continued = title_has_portfolio && (norm(of) == "," || norm(of) == "and");
    if (norm(of) != "of" && norm(of) != "for" && !continued) return 0;
    if (norm(of + 1) == "the") ++of;  // "Chancellor of the Exchequer Jane Doe"
    std::uint32_t run_end = of + 1;
    std::uint32_t last_joint = of;
    std::uint32_t n = 0;
    while (run_end < end_) {
      const std::string& w = norm(run_end);
      if (is_cap(run_end)) {
        if (run_end > of + 1 && title_at(run_end, n)) break;  // the next title of a list
        ++run_end;
      } else if ((w == "," || w == "and" || w == "&") && run_end + 1 < end_ && is_cap(run_end + 1) &&
                 !title_at(run_end + 1, n)) {
        last_joint = run_end++;
      } else {
        break;
      }
    }
    const auto common = [&](std::uint32_t k) { return lex_.is_common_word(to_lower(norm(k))); };
    // The portfolio's last part: its first word ("Justice" is a given name too), then
    // capitalised common words.
    std::uint32_t name = last_joint + 2;
    while (name < run_end && common(name)) ++name;
    // A given name further on starts the name; the words before it belong to the portfolio
    // even when the word list misses them ("Public Health Maria ...").
    for (std::uint32_t g = name + 1; g + 2 <= run_end; ++g) {
      if (lex_.is_given_name(given_form(g))) {
        name = g;
        break;
      }
    }
    if (name + 2 > run_end || run_end - name > 4) return 0;  // a personal name of two to four words
    for (std::uint32_t k = name; k < run_end; ++k)
      if (!is_cap(k) || lex_.org_head(norm(k))) return 0;  // "... World Health Organization" names no one
    if (gazetteer_at(name, n)) return 0;  // "Minister of Foreign Affairs of Japan" is no person
    return name;
  }

  std::uint32_t on_capitalised(std::uint32_t i) {
    // Run of capitalised words, with name particles inside ("Osama bin Laden").
    std::uint32_t j = i + 1;
    while (j < end_) {
      if (is_cap(j)) {
        ++j;
        continue;
      }
      // "Boutros-Ghali", "Mary Osei-Hesse", but not "US-Russia", where the left side is a
      // name of its own; "Bong Joon-ho": a lower-case part that is no English word.
      if (norm(j) == "-" && j + 1 < end_ && !doc_.tokens[j].space_before && !doc_.tokens[j + 1].space_before) {
        std::uint32_t span = 0;
        const bool left_known = gazetteer_at(j - 1, span) && !surnames_.count(spelling_key(norm(j - 1)));
        if (is_cap(j + 1) && !left_known && (j - 1 > i || !gazetteer_at(j + 1, span))) {
          j += 2;
          continue;
        }
        const std::string& right = norm(j + 1);
        if (!is_cap(j + 1) && !left_known && j - 1 > i && right.size() <= 4 && is_letter_code_point(first_code_point(right)) &&
            !lex_.is_common_word(right) && !lex_.verb(right)) {
          j += 2;
          continue;
        }
      }
      if (is_name_particle(norm(j))) {
        std::uint32_t k = j;
        while (k < end_ && is_name_particle(norm(k))) ++k;  // "von der Leyen"
        if (k < end_ && is_cap(k) && k - j <= 2) {
          j = k + 1;
          continue;
        }
      }
      // "Procter & Gamble", "Union Solidarity and Development Party", "Directorate of
      // Vigilance and Anti-Corruption": a conjunction inside an organisation's name, when the
      // capitalised words after it end in an organisation head or the run is already the
      // "of ..." complement of one.
      if ((norm(j) == "&" || norm(j) == "and") && j + 1 < end_ && is_cap(j + 1) && !starts_known(j + 1)) {
        std::uint32_t k = j + 1;
        while (k < end_ && is_cap(k)) ++k;
        OrgHead head;
        const bool headed = org_head_at(k - 1, head) > 0 || (k >= j + 3 && org_head_at(k - 2, head) == 2);
        if (norm(j) == "&" || headed || in_org_complement(i, j)) {
          j = k;
          continue;
        }
      }
      // "Ministry of Foreign Affairs", "Bank of England".
      // "Ministry of Foreign Affairs", "Organisation of the Islamic Conference", but not
      // "the Foreign Ministry of Japan", where the state stays a name of its own.
      if ((norm(j) == "of" || norm(j) == "for") && j + 1 < end_) {
        std::uint32_t next = j + 1;
        if (norm(next) == "the" && next + 1 < end_) ++next;
        std::uint32_t span = 0;
        // A head that opens the name takes a place too ("University of Yangon", "Bank of Ghana").
        const bool opens = j - 1 == i && lex_.starts_org_name(norm(i));
        if (is_cap(next) && lex_.org_head(norm(j - 1)) && (opens || !gazetteer_at(next, span))) {
          j = next + 1;
          continue;
        }
      }
      break;
    }
    // "to Abidjan Monday", "replace Gordon Brown Monday": a weekday ends no name, nor does a
    // function word ("... The Daily Courier It said").
    while (j > i + 1 && (is_weekday(norm(j - 1)) || is_function_word(to_lower(norm(j - 1))) ||
                         to_lower(norm(j - 1)) == "all"))
      --j;
    // Organisation assembled up to its head word.
    for (std::uint32_t h = i; h < j; ++h) {
      OrgHead head;
      std::uint32_t hn = (h > i || j - i == 1) ? org_head_at(h, head) : 0;
      if (hn == 0 && h == i) {
        if (lex_.starts_org_name(norm(h)) && j - i > 2 && !org_head_at(j - 1, head)) {
          return add_org(i, j, EntityType::Org);
        }
      }
      if (hn == 0) continue;
      if (h == i && !(i > begin_ && norm(i - 1) == "the")) break;  // a bare "Embassy" is not a name
      // "Former European Commission President ...": a capitalised modifier is no part of the name.
      std::uint32_t first = i;
      while (first < h && (is_temporal_modifier(to_lower(norm(first))) || positional_capital(first) || is_weekday(norm(first))))
        ++first;
      if (first == h) break;
      std::uint32_t last = h + hn;
      // "Vantor Industries Ltd.", "Halden Bank Group": heads right after the head are the name's too.
      for (OrgHead more; last < j;) {
        const std::uint32_t mn = org_head_at(last, more);
        if (mn == 0) break;
        last += mn;
      }
      // "Institute of Technology": the run already holds the "of ..." complement.
      if (last < j && (norm(last) == "of" || norm(last) == "for")) last = j;
      return add_org(first, last, head.type);
    }
    std::uint32_t n = 0;
    if (const NameEntry* e = gazetteer_at(i, n)) {
      if (const std::uint32_t end = named_after_place(i + n, j, *e)) return add_org(i, end, EntityType::Org);
      return on_gazetteer(i, n, *e);
    }
    // "Real Madrid", "AC Milan": capitalised words before a city in one run name a club.
    {
      std::uint32_t place = i;
      while (place < j && place < i + 3 && club_word(place)) ++place;
      std::uint32_t pn = 0;
      const NameEntry* e = place > i && place < j ? gazetteer_at(place, pn) : nullptr;
      if (e && !headline_ && city_like(*e)) {
        std::uint32_t end = place + pn;
        while (end < j && club_word(end)) ++end;
        return add_org(i, end, EntityType::Org);
      }
    }
    // Lower-case organisation head after capitalised words: "North America department".
    std::uint32_t unknown_end = i;
    // The part after a hyphen the run joined ("Okafor-Hesse") starts nothing of its own.
    const auto joined = [&](std::uint32_t k) { return k > i && norm(k - 1) == "-" && !doc_.tokens[k].space_before; };
    while (unknown_end < j && (joined(unknown_end) || !starts_known(unknown_end))) ++unknown_end;
    if (unknown_end == i) unknown_end = i + 1;
    // A given name opens a personal name even when a title-like word follows ("John Major").
    if (unknown_end == i + 1 && unknown_end < j && lex_.is_given_name(given_form(i)) &&
        (!pending_ || pending_->name_at == i)) {
      std::uint32_t span = 0;
      if (!gazetteer_at(unknown_end, span)) ++unknown_end;
    }
    return on_unknown(i, unknown_end);
  }

  // Whether the run from i to j holds "<organisation head> of/for ..." ("Directorate of Vigilance").
  bool in_org_complement(std::uint32_t i, std::uint32_t j) const {
    for (std::uint32_t k = i + 1; k + 1 < j; ++k)
      if ((norm(k) == "of" || norm(k) == "for") && lex_.org_head(norm(k - 1))) return true;
    return false;
  }

  // A town, city or region of the gazetteer (not a state, not a demonym): clubs, papers and
  // firms are named after these ("Manchester United", "Boston Globe").
  static bool city_like(const NameEntry& e) {
    if (e.kind == NameKind::Demonym || (e.type != EntityType::Gpe && e.type != EntityType::Loc)) return false;
    return e.kind == NameKind::Capital || (!e.country.empty() && e.canonical != e.country);
  }

  // A capitalised word that can join a place's name into an organisation's: no title,
  // weekday, month, function word, group noun, compass or size word, and no name of its own.
  bool club_word(std::uint32_t k) const {
    const std::string& w = norm(k);
    if (!is_cap(k) || w.find('.') != std::string::npos) return false;
    const std::string lower = to_lower(w);
    static const std::set<std::string_view> kPlaceModifiers{
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
        "downtown", "old", "new", "upper", "lower", "inner", "outer", "metropolitan", "city", "province", "state",
        "county", "district", "region", "area", "suburb", "suburbs", "airport", "port", "mayor", "governor"};
    if (kPlaceModifiers.count(lower) || is_function_word(lower) || is_weekday(w) || is_month(w)) return false;
    std::uint32_t n = 0;
    if (title_at(k, n) || gazetteer_at(k, n) || lex_.group_noun(lower)) return false;
    return true;
  }

  // Where the organisation named after the place ending at `place_end` ends ("Green Bay" +
  // "Packers"), or 0 when the run holds nothing more than the place.
  std::uint32_t named_after_place(std::uint32_t place_end, std::uint32_t run_end, const NameEntry& e) const {
    if (headline_ || !city_like(e)) return 0;
    std::uint32_t end = place_end;
    while (end < run_end && club_word(end)) ++end;
    return end > place_end ? end : 0;
  }

  bool starts_known(std::uint32_t i) const {
    std::uint32_t n = 0;
    if (gazetteer_at(i, n) && !surnames_.count(spelling_key(norm(i)))) return true;
    if (title_at(i, n)) return true;
    return false;
  }

  // "U.S. Consul General's residence": a place named after an office of a state.
  void add_facility(std::uint32_t first, std::uint32_t last) {
    Mention& m = add(first, last, EntityType::Loc);
    std::uint32_t n = 0;
    if (const NameEntry* e = gazetteer_at(first, n); e && n < last - first && !e->country.empty()) {
      m.country = e->country;
      m.key = "org:" + e->country + " " + to_lower(surface(first + n, last));
    }
  }

  std::uint32_t add_org(std::uint32_t first, std::uint32_t last, EntityType type) {
    // A facility through the possessive: "US Consulate General's residence".
    if (last + 1 < end_ && norm(last) == "'s" && is_facility_noun(to_lower(norm(last + 1)))) {
      last += 2;
      type = EntityType::Loc;
    }
    Mention& m = add(first, last, type);
    std::uint32_t n = 0;
    if (const NameEntry* e = gazetteer_at(first, n); e && n < last - first && e->type == EntityType::Gpe) {
      m.country = e->country;
      // "U.S. Embassy" and "US Embassy" are one name: key on the state's canonical name.
      if (!e->country.empty()) m.key = "org:" + e->country + " " + surface(first + n, last);
    }
    if (m.country.empty() && first >= begin_ + 2 && norm(first - 1) == "'s") {
      std::uint32_t start = first - 2;
      while (start > begin_ && is_cap(start - 1)) --start;
      if (const NameEntry* e = lex_.name(phrase(start, first - 1 - start)); e && e->type == EntityType::Gpe &&
          !e->country.empty()) {
        m.country = e->country;
        m.key = "org:" + e->country + " " + m.text;
      }
    }
    if (const NameEntry* e = lex_.name(m.text); e && e->type == type) m.key = e->canonical;
    return last;
  }

  std::uint32_t on_gazetteer(std::uint32_t i, std::uint32_t n, const NameEntry& e) {
    std::uint32_t last = i + n;
    // "the Russian delegation", "the US team": a group of its own.
    if (last < end_ && e.kind != NameKind::Demonym && e.type != EntityType::Org &&
        is_lower_org_head(to_lower(norm(last)), false)) {
      // "the foreign ministry's North America department"
      Mention& m = add(i, last + 1, EntityType::Org);
      m.country = e.country;
      return last + 1;
    }
    if (e.type == EntityType::Gpe && e.country.size() && last < end_) {
      if (const std::uint32_t court = e.kind != NameKind::Demonym ? court_words(doc_.tokens, last, end_) : 0) {
        Mention& m = add(i, last + court, EntityType::Org);
        m.country = e.country;
        return last + court;
      }
      std::string next = to_lower(norm(last));
      auto group = lex_.group_noun(next);
      if (group && *group == GroupKind::Group && next.back() != 's') {
        Mention& m = add(i, last + 1, EntityType::Org);
        m.country = e.country;
        m.key = "group:" + e.country;
        return last + 1;
      }
      if (is_lower_org_head(next, e.kind == NameKind::Demonym)) {
        Mention& m = add(i, last + 1, EntityType::Org);
        m.country = e.country;
        return last + 1;
      }
      if (e.kind == NameKind::Name && (next == "consul" || next == "consulate" || next == "embassy")) {
        std::uint32_t k = last + 1;
        if (k < end_ && to_lower(norm(k)) == "general") ++k;
        if (k + 1 < end_ && norm(k) == "'s" && is_facility_noun(to_lower(norm(k + 1)))) {
          add_facility(i, k + 2);
          return k + 2;
        }
      }
    }
    // "the 2019 G20 summit": an organisation's or place's event.
    if (last < end_ && is_event_noun(to_lower(norm(last))) && e.kind != NameKind::Demonym) {
      std::uint32_t first = (i > begin_ && is_year(norm(i - 1))) ? i - 1 : i;
      add(first, last + 1, EntityType::Event);
      return last + 1;
    }
    EntityType type = e.type;
    Mention& m = add(i, last, type);
    m.country = e.country;
    if (e.kind == NameKind::Capital) {
      std::uint32_t prev = i;
      while (prev > begin_ && (norm(prev - 1) == "the")) --prev;
      bool locative = prev > begin_ && (is_locative_preposition(to_lower(norm(prev - 1))) ||
                                        is_movement_verb(to_lower(norm(prev - 1))));
      // A dateline ("LIMA, May 5 (Agency) --", "LIMA (Agency) -"): where the story was filed.
      locative = locative || (i == begin_ && doc_.tokens[i].line_start && last < end_ &&
                              in(norm(last), {",", "(", "-", "--", ":"}));
      m.key = locative ? e.canonical : e.country;
    } else {
      m.key = e.canonical;
    }
    // "the 2019 G20 summit" style events named after a place are rare; "Istanbul talks" is not one.
    return last;
  }

  std::uint32_t on_unknown(std::uint32_t i, std::uint32_t j) {
    // "AFL National Chairman": an adjective between a name and the title word right after it
    // is the title's ("National Chairman"), not the name's.
    if (std::uint32_t title_words = 0;
        j - i >= 2 && j < end_ && title_at(j, title_words) && title_adjective(j - 1)) {
      const std::uint32_t next = on_unknown(i, j - 1);
      return std::max(next, j);
    }
    std::uint32_t len = j - i;
    const std::string lower_next = j < end_ ? to_lower(norm(j)) : "";
    // Event: "(2019) G20 summit".
    if (is_event_noun(lower_next)) {
      std::uint32_t first = (i > begin_ && is_year(norm(i - 1))) ? i - 1 : i;
      add(first, j + 1, EntityType::Event);
      return j + 1;
    }
    // "the Trump administration", "the Ruto administration": a leader's government.
    if (len <= 2 && lower_next == "administration" && i > begin_ && to_lower(norm(i - 1)) == "the") {
      add(i, j + 1, EntityType::Org);
      return j + 1;
    }
    // "Vostrava city", "Kiambu county": capitalised words before a lower-case word for a
    // place within a country are that place's name (the word itself is no part of it).
    // The run must be the whole capitalised name (not the end of "Premier League"), with no
    // title before it ("Mr Smith town hall") and no day or month in it ("Sunday city ...").
    const auto whole_run = [&] {
      if (i == begin_ || starts_upper(norm(i - 1)) || (pending_ && pending_->name_at == i)) return false;
      for (std::uint32_t k = i; k < j; ++k)
        if (is_weekday(norm(k)) || is_month(norm(k)) || is_function_word(to_lower(norm(k)))) return false;
      return true;
    };
    if (len <= 3 && is_lower_place_noun(lower_next) && whole_run()) {
      add(i, j, EntityType::Gpe);
      return j;
    }
    if (len >= 1 && j < end_ && is_lower_org_head(lower_next, false) && len >= 2) {
      add(i, j + 1, EntityType::Org);
      return j + 1;
    }
    bool titled = pending_ && pending_->name_at == i;
    bool byline = i > begin_ && i - 1 == begin_ && to_lower(norm(begin_)) == "by" && len >= 2 && len <= 3;
    bool given = len >= 2 && lex_.is_given_name(given_form(i));
    bool known = surnames_.count(spelling_key(norm(j - 1))) > 0 && (len == 1 || given || titled);
    bool speaker = len >= 2 && len <= 3 && is_speech_verb(lower_next);
    if ((len <= 4 || (titled && len <= 6)) && (titled || byline || given || known || speaker)) {
      Mention& m = add(i, j, EntityType::Person);
      if (titled) {
        m.title_first = pending_->first;
        m.role_first = pending_->role_first;
        m.title = surface(pending_->first, pending_->last);
        m.role = pending_->kind == TitleKind::Honorific ? "" : pending_->role;
        if (pending_->kind == TitleKind::Honorific) m.title.clear();
        pending_.reset();
      }
      return j;
    }
    // Other multi-word names inside a sentence: a person when no word is a common English
    // word ("Salem Bitar"), an organisation otherwise ("Green Bay Packers").
    if (len >= 2 && len <= 6 && !headline_) {
      bool plain = std::none_of(doc_.tokens.begin() + i, doc_.tokens.begin() + j, [&](const Token& t) {
        return t.norm != "-" && lex_.is_common_word(to_lower(t.norm));
      });
      // Capitalised common words and nothing else ("Foreign Policy", "Strategic Dialogue")
      // are a name only where the recogniser reads one there too ("Premier League").
      if (recognised_ && only_common_words(i, j) && !recognised_at(i, j)) return j;
      if (plain || !sentence_initial(i)) {
        // A middle initial and a generational suffix are no words of their own ("Rudolph A.
        // Smith Jr." is as long as "Rudolph Smith").
        auto words = static_cast<std::uint32_t>(std::count_if(doc_.tokens.begin() + i, doc_.tokens.begin() + j,
                                                               [](const Token& t) {
                                                                 return t.norm != "-" && !is_initial(t.norm) &&
                                                                        !is_name_suffix(t.norm);
                                                               }));
        // Before a title word the run is whose title it is ("AFL National Chairman X"), no person.
        std::uint32_t title_words = 0;
        const bool before_title = j < end_ && title_at(j, title_words);
        add(i, j, plain && words <= 3 && !before_title ? EntityType::Person : EntityType::Org);
        return j;
      }
    }
    // Acronyms: "FSB", "NATO" (ALL-CAPS headlines excepted).
    if (len == 1 && is_all_caps(norm(i)) && norm(i).size() >= 2 && norm(i).size() <= 6 &&
        !all_caps_sentence(doc_, doc_.sentences[sentence_]) &&
        !is_non_name_acronym(norm(i)) && !abbreviates_common_words(doc_, i, j)) {
      add(i, j, EntityType::Org);
      return j;
    }
    return j;
  }

  // A capitalised adjective that can modify a title ("National", "Presidential", "Executive"):
  // the tagger's adjective where it ran, else a common word with an adjective's ending.
  bool title_adjective(std::uint32_t k) const {
    const std::string w = to_lower(norm(k));
    std::uint32_t n = 0;
    if (!is_cap(k) || is_all_caps(norm(k)) || gazetteer_at(k, n) || lex_.is_given_name(norm(k))) return false;
    if (!doc_.tokens[k].tag.empty()) return doc_.tokens[k].tag == "ADJ";
    const auto ends = [&](std::string_view suffix) {
      return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("al") || ends("ive") || ends("ary") || ends("ic");
  }

  bool only_common_words(std::uint32_t i, std::uint32_t j) const {
    for (std::uint32_t k = i; k < j; ++k) {
      const std::string& w = norm(k);
      if (w != "-" && w != "and" && w != "of" && w != "&" && !lex_.is_common_word(to_lower(w))) return false;
    }
    return true;
  }

  bool recognised_at(std::uint32_t i, std::uint32_t j) const {
    for (std::uint32_t k = i; k < j; ++k)
      if ((*recognised_)[k]) return true;
    return false;
  }

  std::string given_form(std::uint32_t i) const {
    return is_all_caps(norm(i)) ? title_case(norm(i)) : norm(i);
  }


  Document& doc_;
  const Lexicon& lex_;
  const std::set<std::string>& surnames_;
  const std::vector<std::uint8_t>& title_case_;
  const std::vector<std::uint8_t>* recognised_;  // per token: inside a recognised name
  std::uint32_t sentence_ = 0, begin_ = 0, end_ = 0;
  bool headline_ = false;
  std::optional<PendingTitle> pending_;
};

}  // namespace

std::uint32_t match_date(const Document& doc, std::uint32_t i, std::uint32_t end) {
  auto w = [&](std::uint32_t k) -> const std::string& { return doc.tokens[k].norm; };
  if (is_month(w(i)) && w(i) != "May" ) {
    if (i + 1 < end && is_day(w(i + 1))) {
      if (i + 3 < end && w(i + 2) == "," && is_year(w(i + 3))) return 4;
      if (i + 2 < end && is_year(w(i + 2))) return 3;
      return 2;
    }
    if (i + 1 < end && is_year(w(i + 1))) return 2;
    // "in March", "since January": a month on its own after a time word.
    static const std::set<std::string_view> kTimeWords{"in", "since", "until", "by", "last", "next", "early",
                                                       "late", "mid", "mid-", "this", "before", "after", "from"};
    if (i > 0 && kTimeWords.count(doc.tokens[i - 1].norm) && kMonths.end() != std::find(kMonths.begin(), kMonths.end(), w(i)))
      return 1;
    return 0;
  }
  if (w(i) == "May" && i + 1 < end && (is_day(w(i + 1)) || is_year(w(i + 1)))) {
    if (i + 3 < end && w(i + 2) == "," && is_year(w(i + 3))) return 4;
    return 2;
  }
  if (is_day(w(i)) && i + 1 < end && is_month(w(i + 1))) {
    if (i + 2 < end && is_year(w(i + 2))) return 3;
    return 2;
  }
  if (is_year(w(i))) {
    // Not a count ("2019 people" is rare in news but "$2019" or "2019-20" are not dates).
    if (i > 0 && (w(i - 1) == "$" || w(i - 1) == "-")) return 0;
    return 1;
  }
  return 0;
}

namespace {

std::string span_text(const Document& doc, std::uint32_t first, std::uint32_t last) {
  std::string s = doc.text.substr(doc.tokens[first].begin, doc.tokens[last - 1].end - doc.tokens[first].begin);
  for (char& c : s)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return s;
}

// The lower-case words that may stand inside a name.
bool is_name_joint(std::string_view w) {
  static const std::set<std::string_view> kWords{"of", "and", "the", "for", "de", "da", "do", "dos", "das", "van",
                                                 "von", "der", "den", "la", "le", "les", "du", "di", "del", "della",
                                                 "al", "el", "bin", "ibn", "y", "e", "zu", "on", "upon", "in", "'s", "&"};
  return kWords.count(w) > 0;
}

// A role rather than a name: a title word ("President", "Minority Leader", "Presidential
// Adviser"), with only common words before it.
bool names_a_role(const Document& doc, const Lexicon& lexicon, std::uint32_t first, std::uint32_t last) {
  if (last - first > 3) return false;
  const std::string& head = doc.tokens[last - 1].norm;
  if (!lexicon.title(head) && !lexicon.title(to_lower(head))) return false;
  for (std::uint32_t t = first; t + 1 < last; ++t) {
    const std::string lower = to_lower(doc.tokens[t].norm);
    if (!lexicon.is_common_word(lower) && !lexicon.title(doc.tokens[t].norm) && !lexicon.title(lower)) return false;
  }
  return true;
}

// A recognised organisation that holds a rule mention and capitalised words no mention
// covers: of a place, on either side ("Real Lyon", "Bergen City", "Lyon High Court"
// where the rules read only the city), or of an organisation, after it ("Halvor Power",
// "Halvor Sons" where the gazetteer knows the group "Halvor"): the recognised name is the
// name, one organisation of its own.
bool name_inside_organisation(const Document& doc, const Lexicon& lexicon, const std::vector<int>& covered,
                              std::uint32_t first, std::uint32_t last) {
  bool known = false, other = false;
  for (std::uint32_t t = first; t < last; ++t) {
    if (covered[t] >= 0) {
      const Mention& m = doc.mentions[static_cast<std::size_t>(covered[t])];
      // Only the whole mention, no title region, no person the rules know.
      if (m.first < first || m.last > last || m.title_first < first) return false;
      const bool leading_organisation = m.type == EntityType::Org && m.first == first && m.last < last;
      if (m.type != EntityType::Gpe && m.type != EntityType::Loc && !leading_organisation) return false;
      known = true;
    } else {
      const std::string& w = doc.tokens[t].norm;
      if (!starts_upper(w) || lexicon.title(w) || lexicon.title(to_lower(w)) || lexicon.group_noun(to_lower(w)))
        return false;
      other = true;
    }
  }
  return known && other;
}

// A recognised person whose surname the rules read as a one-word name of the gazetteer
// ("Ratan Tata", "Henry Ford", "George Washington"): the given names before it are
// capitalised words no mention covers, no title and no common word.
bool name_ends_person(const Document& doc, const Lexicon& lexicon, const std::vector<int>& covered,
                      std::uint32_t first, std::uint32_t last) {
  if (last < first + 2 || covered[last - 1] < 0) return false;
  const Mention& m = doc.mentions[static_cast<std::size_t>(covered[last - 1])];
  if (m.first != last - 1 || m.last != last || m.title_first != m.first || m.type == EntityType::Person ||
      m.type == EntityType::Date)
    return false;
  for (std::uint32_t t = first; t + 1 < last; ++t) {
    const std::string& w = doc.tokens[t].norm;
    if (covered[t] >= 0 || !starts_upper(w) || lexicon.title(w) || lexicon.title(to_lower(w)) ||
        lexicon.is_common_word(to_lower(w)))
      return false;
  }
  return true;
}

// The recogniser's names where the rules found nothing: a span that touches a rule mention
// (its title region included, dates too) is left to the rules, which know titles, roles and
// gazetteer identities.
void add_recognised(Document& doc, const Lexicon& lexicon, std::span<const NerSpan> spans,
                    const std::vector<std::uint8_t>& title_case) {
  // Sentences with no lower-case letter (ALL-CAPS headlines): capitals say nothing there, so
  // a recognised name needs the same name, in any case, in the rest of the document.
  // Each sentence read once, when a span first asks (-1: not yet).
  std::vector<std::int8_t> caps_only_memo(doc.sentences.size(), -1);
  const auto caps_only = [&](std::uint32_t s) {
    if (caps_only_memo[s] < 0) caps_only_memo[s] = all_caps_sentence(doc, doc.sentences[s]) ? 1 : 0;
    return caps_only_memo[s] == 1;
  };
  // Body names, whole and word by word ("VORNAK" is the "Ilse Vornak" of the body): read
  // only when a span in an all-capitals sentence asks, from the mentions as they were here.
  std::set<std::string> body_names;
  bool body_names_read = false;
  const std::size_t mentions_before = doc.mentions.size();
  const auto add_body_name = [&](std::uint32_t sentence, std::uint32_t first, std::uint32_t last) {
    if (sentence >= doc.sentences.size() || caps_only(sentence) || last > doc.tokens.size() || first >= last) return;
    body_names.insert(to_lower(span_text(doc, first, last)));
    for (std::uint32_t t = first; t < last; ++t) body_names.insert(to_lower(doc.tokens[t].norm));
  };
  const auto named_in_body = [&](const std::string& text) {
    if (!body_names_read) {
      body_names_read = true;
      for (std::size_t i = 0; i < mentions_before; ++i)
        add_body_name(doc.mentions[i].sentence, doc.mentions[i].first, doc.mentions[i].last);
      for (const NerSpan& span : spans) add_body_name(span.sentence, span.first, span.last);
    }
    return body_names.count(to_lower(text)) > 0;
  };
  // The words the document writes in lower case (by their Word numbers, sorted).
  std::vector<Word::Id> lower_words;
  for (const Token& t : doc.tokens)
    if (!t.norm.empty() && lower_of(t.norm) == t.norm && has_lower(t.norm)) lower_words.push_back(t.norm.id());
  std::sort(lower_words.begin(), lower_words.end());
  std::vector<int> covered(doc.tokens.size(), -1);
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    for (std::uint32_t t = std::min(m.title_first, m.first); t < m.last; ++t) covered[t] = static_cast<int>(i);
  }
  std::vector<Mention> added;
  for (const NerSpan& span : spans) {
    if (span.type != EntityType::Person && span.type != EntityType::Org && span.type != EntityType::Gpe &&
        span.type != EntityType::Loc)
      continue;
    std::uint32_t first = span.first, last = std::min(span.last, static_cast<std::uint32_t>(doc.tokens.size()));
    while (last > first && (doc.tokens[last - 1].norm == "'s" || doc.tokens[last - 1].norm == "'")) --last;
    if (first >= last) continue;
    // A name starts and ends with a capitalised word or a number ("Bank of America", "G20");
    // a span running into lower-case words ("Mercedes van for the talks") is a decoding slip.
    const auto name_edge = [&](std::uint32_t t) {
      const std::string& w = doc.tokens[t].norm;
      return !w.empty() && (starts_upper(w) || (w[0] >= '0' && w[0] <= '9'));
    };
    // Words a name does not start or end with: a weekday ("Friday New York Stock Exchange"),
    // or at the sentence start a common word the capital only marks as first, before a name
    // of two words or more ("Midfielder Jan Berg"; "Real Madrid" stays whole).
    while (last - first > 1 && is_weekday(doc.tokens[first].norm)) ++first;
    while (last - first > 1 && is_weekday(doc.tokens[last - 1].norm)) --last;
    if (last - first > 2 && first == doc.sentences[span.sentence].first &&
        (lexicon.is_common_word(to_lower(doc.tokens[first].norm)) || hyphen_lower(doc.tokens[first].norm)) &&
        !lexicon.is_given_name(doc.tokens[first].norm))
      ++first;
    if (!name_edge(first) || !name_edge(last - 1)) continue;
    // Inside, only the small words names hold ("Bank of America", "Trinidad and Tobago", "van
    // der"); any other lower-case word means the span ran on ("University early on Saturday").
    bool ran_on = false;
    for (std::uint32_t t = first + 1; t + 1 < last && !ran_on; ++t) {
      const std::string& w = doc.tokens[t].norm;
      ran_on = !w.empty() && is_letter_code_point(first_code_point(w)) && !starts_upper(w) && !is_name_joint(w);
    }
    if (ran_on) continue;
    bool touched = false;
    for (std::uint32_t t = first; t < last && !touched; ++t) touched = covered[t] >= 0;
    if (touched && !(!title_case[span.sentence] &&
                     ((span.type == EntityType::Org && name_inside_organisation(doc, lexicon, covered, first, last)) ||
                      (span.type == EntityType::Person && name_ends_person(doc, lexicon, covered, first, last)))))
      continue;
    if (names_a_role(doc, lexicon, first, last) || abbreviates_common_words(doc, first, last)) continue;
    // A single word the document also writes in lower case is a common noun ("Members").
    if (last == first + 1 &&
        std::binary_search(lower_words.begin(), lower_words.end(), lower_of(doc.tokens[first].norm).id()))
      continue;
    if (caps_only(span.sentence) && !named_in_body(span_text(doc, first, last))) continue;
    // Some training data (GMB) puts titles inside person names ("President Ama Owusu"): the
    // title words become the mention's title, as the rules make them.
    const std::uint32_t title_first = first;
    std::string role;
    if (span.type == EntityType::Person) {
      while (first + 1 < last) {
        const std::string& w = doc.tokens[first].norm;
        const TitleEntry* title = lexicon.title(w);
        if (!title) title = lexicon.title(to_lower(w));
        if (!title) break;
        role = title->role;
        ++first;
      }
    }
    Mention m;
    m.sentence = span.sentence;
    m.first = first;
    m.last = last;
    m.title_first = title_first;
    m.role_first = title_first;
    if (first > title_first) {
      m.title = span_text(doc, title_first, first);
      m.role = role;
    }
    m.type = span.type;
    m.text = span_text(doc, first, last);
    // A name the gazetteers know takes their type and identity ("US" is the United States).
    if (const NameEntry* e = lexicon.name(m.text)) {
      if (e->kind == NameKind::Demonym) continue;  // the rules decide what a demonym stands for
      m.type = e->type;
      m.key = e->canonical;
      m.country = e->country;
    }
    added.push_back(std::move(m));
  }
  if (added.empty()) return;
  // Rule mentions inside a recognised organisation that replaces them ("Real Madrid").
  std::vector<std::uint8_t> replaced(doc.tokens.size(), 0);
  for (const Mention& m : added)
    for (std::uint32_t t = m.first; t < m.last; ++t) replaced[t] = 1;
  std::erase_if(doc.mentions, [&](const Mention& m) { return m.first < m.last && replaced[m.first] && replaced[m.last - 1]; });
  for (Mention& m : added) doc.mentions.push_back(std::move(m));
  std::stable_sort(doc.mentions.begin(), doc.mentions.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.sentence, a.title_first, a.first) < std::tie(b.sentence, b.title_first, b.first);
  });
}

// Words for what a company has, lower case: "a Kalvik mine", "Kalvik's Tarn plant" (its
// sites, relation_words.h, and more).
bool is_company_asset(std::string_view lower) {
  static const std::set<std::string_view> kWords{
      "mines", "plants", "factories", "subsidiary", "subsidiaries", "shareholders", "workforce", "stores",
      "outlets", "shares", "brand", "brands"};
  return is_site_noun(lower) || kWords.count(lower) > 0;
}

// The names of a document's mentions, found again where their words are written: "Jo Park"
// at every token sequence "Jo Park". Each name holds one value.
template <typename Value>
class WrittenNames {
 public:
  Value& operator[](std::vector<std::string> words) { return names_[std::move(words)]; }
  bool empty() const { return names_.empty(); }
  // Indexes the names by their first word; call once, after the last name is added.
  void index() {
    for (auto& entry : names_) by_first_[entry.first.front()].push_back(&entry);
  }
  // f(words, value) for each name whose words are written from token t on, in no
  // particular order, until f returns true.
  template <typename F>
  void at(const Document& doc, std::size_t t, F&& f) {
    const auto it = by_first_.find(doc.tokens[t].norm);
    if (it == by_first_.end()) return;
    for (auto* entry : it->second) {
      const std::vector<std::string>& words = entry->first;
      if (t + words.size() > doc.tokens.size() ||
          !std::equal(words.begin() + 1, words.end(), doc.tokens.begin() + static_cast<std::ptrdiff_t>(t) + 1,
                      [](const std::string& w, const Token& k) { return w == k.norm; }))
        continue;
      if (f(words, entry->second)) return;
    }
  }

 private:
  std::map<std::vector<std::string>, Value> names_;
  std::unordered_map<std::string, std::vector<std::pair<const std::vector<std::string>, Value>*>> by_first_;
};
// Words for a company, right before its name, lower case: "software giant Kalvik".
bool is_company_noun(std::string_view lower) {
  static const std::set<std::string_view> kWords{
      "giant", "firm", "company", "carmaker", "automaker", "retailer", "lender", "insurer", "airline",
      "conglomerate", "manufacturer", "brewer", "startup"};
  return kWords.count(lower) > 0;
}

// "Kalvik said ... a Kalvik mine", "software giant Tarnor's mine": a "person" with no title
// and no given name, written anywhere right after a word for a company or right before a
// word for what a company has (after its possessive or not, with up to one name between),
// or set beside a body noun ("the national team, the Kestrels."), is a company. Every
// mention of the name becomes one.
void retype_companies_read_as_people(Document& doc, const Lexicon& lexicon) {
  const auto lower_at = [&](std::size_t t) { return t < doc.tokens.size() ? to_lower(doc.tokens[t].norm) : std::string(); };
  const auto words_of = [&](const Mention& m) {
    std::vector<std::string> words;
    for (std::uint32_t t = m.first; t < m.last; ++t) words.push_back(doc.tokens[t].norm);
    return words;
  };
  // Each person name, as its words: read as a company somewhere, or a person's for sure (a
  // title or a given name on one of its mentions, or the surname of such a name: "Park's
  // shares" after "Jo Park").
  struct Reading {
    bool company = false, person = false;
  };
  WrittenNames<Reading> names;
  std::set<std::string> surnames;
  for (const Mention& m : doc.mentions) {
    if (m.type != EntityType::Person || m.last <= m.first) continue;
    Reading& reading = names[words_of(m)];
    if (!m.title.empty() || m.title_first < m.first || lexicon.is_given_name(doc.tokens[m.first].norm)) {
      reading.person = true;
      surnames.insert(doc.tokens[m.last - 1].norm);
    }
  }
  if (names.empty()) return;
  names.index();
  for (std::size_t t = 0; t < doc.tokens.size(); ++t) {
    const std::string& norm = doc.tokens[t].norm;
    if (norm.empty() || !std::isupper(static_cast<unsigned char>(norm[0]))) continue;  // names start upper-case
    names.at(doc, t, [&](const std::vector<std::string>& words, Reading& reading) {
      std::size_t next = t + words.size();
      if (lower_at(next) == "'s") ++next;
      if (next < doc.tokens.size() && !is_company_asset(lower_at(next)) && !doc.tokens[next].norm.empty() &&
          std::isupper(static_cast<unsigned char>(doc.tokens[next].norm[0])))
        ++next;  // "Tarnor's Vell mine"
      // "the national team, the Kestrels": a name set beside a body noun names the body.
      const std::size_t before = t > 0 && lower_at(t - 1) == "the" ? t - 1 : t;
      const bool beside_body = before >= 2 && lower_at(before - 1) == "," && is_body_noun(lower_at(before - 2)) &&
                               in(lower_at(t + words.size()), {"", ",", ".", ";", ")"});
      if (is_company_asset(lower_at(next)) || (t > 0 && is_company_noun(lower_at(t - 1))) || beside_body)
        reading.company = true;
      return false;
    });
  }
  for (Mention& m : doc.mentions) {
    if (m.type != EntityType::Person || m.last <= m.first || surnames.count(doc.tokens[m.last - 1].norm)) continue;
    const Reading& reading = names[words_of(m)];
    if (reading.company && !reading.person) m.type = EntityType::Org;
  }
}

// "Kestrels coach Jo Park ..." after "fans of the Kestrels": a name the article has as a
// mention, written again with the same capitals where no mention covers it and no other
// capitalised word touches it (a sentence's first word may stand before it), is the same
// name there. Only names written inside a sentence somewhere count, so that a capital
// only the sentence start gives ("Kestrels are birds") never teaches one.
void add_repeated_names(Document& doc) {
  std::vector<std::uint8_t> covered(doc.tokens.size(), 0);
  WrittenNames<const Mention*> names;
  for (const Mention& m : doc.mentions) {
    for (std::uint32_t t = std::min(m.title_first, m.first); t < m.last && t < covered.size(); ++t) covered[t] = 1;
    if (m.type == EntityType::Date || m.last <= m.first || m.first == doc.sentences[m.sentence].first) continue;
    std::vector<std::string> words;
    for (std::uint32_t t = m.first; t < m.last; ++t) words.push_back(doc.tokens[t].norm);
    const Mention*& first_seen = names[std::move(words)];
    if (!first_seen) first_seen = &m;
  }
  if (names.empty()) return;
  names.index();
  const auto capitalised = [&](std::size_t t) { return t < doc.tokens.size() && starts_upper(doc.tokens[t].norm); };
  std::vector<Mention> added;
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    for (std::uint32_t t = sent.first; t < sent.last; ++t) {
      if (covered[t] || !capitalised(t) || (t > sent.first && capitalised(t - 1))) continue;
      names.at(doc, t, [&](const std::vector<std::string>& words, const Mention* seen) {
        const std::uint32_t end = t + static_cast<std::uint32_t>(words.size());
        if (end > sent.last || capitalised(end)) return false;
        for (std::uint32_t k = t; k < end; ++k)
          if (covered[k]) return false;
        Mention m = *seen;
        m.sentence = s;
        m.first = m.title_first = m.role_first = t;
        m.last = end;
        m.title = Word();
        m.role = Word();
        m.entity = -1;
        added.push_back(std::move(m));
        for (std::uint32_t k = t; k < end; ++k) covered[k] = 1;
        return true;
      });
    }
  }
  if (added.empty()) return;
  for (Mention& m : added) doc.mentions.push_back(std::move(m));
  std::stable_sort(doc.mentions.begin(), doc.mentions.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.sentence, a.title_first, a.first) < std::tie(b.sentence, b.title_first, b.first);
  });
}

// "Acme's Kalvik plant", "Acme's Tarn mine": a name between an organisation's possessive
// and a word for a site is the site's name, a facility ("Kalvik plant").
void name_owned_facilities(Document& doc) {
  for (std::size_t i = 1; i < doc.mentions.size(); ++i) {
    Mention& m = doc.mentions[i];
    const Mention& owner = doc.mentions[i - 1];
    if (m.type == EntityType::Date || m.title_first < m.first || m.last >= doc.tokens.size() || m.first < 2) continue;
    if (owner.type != EntityType::Org || owner.sentence != m.sentence || owner.last + 1 != m.first) continue;
    const std::string& mark = doc.tokens[owner.last].norm;
    if ((mark != "'s" && mark != "'") || !is_site_noun(to_lower(doc.tokens[m.last].norm))) continue;
    if (m.last + 1 < doc.tokens.size() && starts_upper(doc.tokens[m.last + 1].norm)) continue;
    ++m.last;
    m.type = EntityType::Loc;
    m.text = span_text(doc, m.first, m.last);
    m.key = Word();
    m.country = Word();
  }
}

}  // namespace

void find_mentions(Document& doc, const Lexicon& lexicon, std::span<const NerSpan> recognised) {
  // Two passes: the first learns the surnames of people named in full (by the rules or the
  // recogniser), so the second can recognise "Putin" alone, even at the start of a sentence
  // where capitals mislead.
  std::set<std::string> surnames;
  std::vector<std::uint8_t> title_case(doc.sentences.size());
  for (std::size_t s = 0; s < doc.sentences.size(); ++s) title_case[s] = title_case_sentence(doc, doc.sentences[s]);
  MentionFinder(doc, lexicon, surnames, title_case).run();
  for (const Mention& m : doc.mentions) {
    if (m.type != EntityType::Person) continue;
    auto words = name_tokens(m.text);
    if (words.size() >= 2 || !m.title.empty()) surnames.insert(spelling_key(words.back()));
  }
  for (const NerSpan& span : recognised) {
    if (span.type != EntityType::Person || span.last < span.first + 2 || span.last > doc.tokens.size()) continue;
    surnames.insert(spelling_key(doc.tokens[span.last - 1].norm));
  }
  doc.mentions.clear();
  std::vector<std::uint8_t> in_recognised;
  if (!recognised.empty()) {
    in_recognised.assign(doc.tokens.size(), 0);
    for (const NerSpan& span : recognised)
      for (std::uint32_t t = span.first; t < span.last && t < doc.tokens.size(); ++t) in_recognised[t] = 1;
  }
  MentionFinder(doc, lexicon, surnames, title_case, recognised.empty() ? nullptr : &in_recognised).run();
  add_recognised(doc, lexicon, recognised, title_case);
  add_repeated_names(doc);
  // A "person" of several words whose last word names a building or an institution is that
  // ("Halvard House", "Norvik Stadium", "Halden University"), whoever read it as a person.
  // A "person" or "organisation" ending in a word for a division of a country is a place
  // ("Kalvik District", "Kalvik Prefecture").
  // A title before, or a given name first, keeps a person ("Dr Anna Church", "Mary House"),
  // unless the article writes the name after "the" somewhere ("the Halvard House").
  std::set<std::string> after_the;
  for (const Mention& m : doc.mentions)
    if (m.first > 0 && m.title_first == m.first && to_lower(doc.tokens[m.first - 1].norm) == "the")
      after_the.insert(m.text);
  for (Mention& m : doc.mentions) {
    if (m.last < m.first + 2 || !m.title.empty() || m.title_first < m.first || !m.key.empty()) continue;
    if (!after_the.count(m.text) && lexicon.is_given_name(doc.tokens[m.first].norm)) continue;
    const std::string head = to_lower(doc.tokens[m.last - 1].norm);
    if ((m.type == EntityType::Person || m.type == EntityType::Org) && is_division_head(head)) m.type = EntityType::Gpe;
    if (m.type != EntityType::Person) continue;
    if (is_building_head(head)) m.type = EntityType::Loc;
    else if (is_institution_head(head)) m.type = EntityType::Org;
  }
  retype_companies_read_as_people(doc, lexicon);
  name_owned_facilities(doc);
}

}  // namespace kg::extract
