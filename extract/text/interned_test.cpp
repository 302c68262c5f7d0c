// Unit tests for extract/text/interned.h: Word and Label, the interned strings of a Token.
// One TEST_CASE per edge case.
#include "extract/text/interned.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "extract/text/document.h"

using kg::extract::Label;
using kg::extract::Token;
using kg::extract::Word;

TEST_CASE("interned: a default Word is the empty string, number 0") {
  const Word w;
  CHECK(w.empty());
  CHECK(w.id() == 0);
  CHECK(w.str().empty());
  CHECK(w == "");
  CHECK(Word("") == w);
}

TEST_CASE("interned: the same bytes give the same number, other bytes another") {
  const Word a("Halvorsen"), b(std::string("Halvor") + "sen"), c("halvorsen");
  CHECK(a.id() == b.id());
  CHECK(a == b);
  CHECK(a.id() != c.id());
  CHECK(a != c);
}

TEST_CASE("interned: a Word compares with strings by content, in both orders") {
  const Word w("Tarnow");
  CHECK(w == "Tarnow");
  CHECK("Tarnow" == w);
  CHECK(w == std::string("Tarnow"));
  CHECK(w == std::string_view("Tarnow"));
  CHECK(w != "tarnow");
  CHECK(std::string("Tarnow") != Word("Tarno"));
}

TEST_CASE("interned: ordering compares bytes, never the numbers") {
  // Interned in reverse order, so numbers and bytes disagree.
  const Word z("zzq-order"), a("aaq-order");
  CHECK(a < z);
  CHECK(z > a);
  CHECK(a < std::string_view("b"));
  CHECK(std::set<Word>{z, a}.begin()->str() == "aaq-order");
}

TEST_CASE("interned: a Word reads as const std::string& and as std::string_view") {
  const Word w("Velmora");
  const std::string& ref = w;
  const std::string_view view = w;
  const std::string copy = w;
  const std::string direct(w);
  CHECK(ref == "Velmora");
  CHECK(view == "Velmora");
  CHECK(copy == "Velmora");
  CHECK(direct == "Velmora");
  CHECK(&ref == &w.str());  // the table's own string, not a temporary
}

TEST_CASE("interned: the string of a Word stays where it is while many more are added") {
  const Word w("Ostrava-Kestin");
  const std::string* before = &w.str();
  for (int i = 0; i < 5000; ++i) (void)Word("filler-" + std::to_string(i));
  CHECK(&w.str() == before);
  CHECK(w == "Ostrava-Kestin");
  CHECK(Word("filler-4999") == "filler-4999");
  CHECK(Word("filler-17").id() == Word("filler-17").id());
}

TEST_CASE("interned: string members read through the Word") {
  const Word w("nsubj:pass");
  CHECK(w.size() == 10);
  CHECK(w.length() == 10);
  CHECK(w[0] == 'n');
  CHECK(w.front() == 'n');
  CHECK(w.back() == 's');
  CHECK(w.find(':') == 5);
  CHECK(w.rfind("nsubj", 0) == 0);
  CHECK(w.substr(0, 5) == "nsubj");
  CHECK(w.starts_with("nsubj"));
  CHECK(w.ends_with(":pass"));
  CHECK(w.compare("nsubj:pass") == 0);
  CHECK(std::string(w.begin(), w.end()) == "nsubj:pass");
  CHECK(std::string_view(w.c_str()) == "nsubj:pass");
}

TEST_CASE("interned: concatenation gives a std::string") {
  const Word a("Lake"), b("Orrin");
  CHECK(a + " " + b == "Lake Orrin");
  CHECK(a + b == "LakeOrrin");
  CHECK(std::string("the ") + a == "the Lake");
  CHECK("by " + b == "by Orrin");
  CHECK(a + '-' == "Lake-");
  std::string s = "x";
  s += a;
  CHECK(s == "xLake");
}

TEST_CASE("interned: assigning a string interns it, clear makes it empty") {
  Word w;
  w = "Brenvik";
  CHECK(w == "Brenvik");
  w.assign(std::string("Sollen"));
  CHECK(w == "Sollen");
  w.clear();
  CHECK(w.empty());
}

TEST_CASE("interned: Words and Labels are separate tables with the same reading") {
  const Label l("PROPN");
  const Word w("PROPN");
  CHECK(l == "PROPN");
  CHECK(std::string_view(l) == std::string_view(w));
  CHECK(sizeof(Label) == 2);
  CHECK(sizeof(Word) == 4);
}

TEST_CASE("interned: a Word writes its bytes to a stream and hashes like its string") {
  std::ostringstream out;
  out << Word("Quellin");
  CHECK(out.str() == "Quellin");
  CHECK(std::hash<Word>{}(Word("Quellin")) == std::hash<std::string_view>{}("Quellin"));
}

TEST_CASE("interned: a Token is 32 bytes and its defaults are empty") {
  const Token t;
  CHECK(sizeof(Token) == 32);
  CHECK(t.form.empty());
  CHECK(t.norm.empty());
  CHECK(t.tag.empty());
  CHECK(t.xpos.empty());
  CHECK(t.deprel.empty());
  CHECK(t.lemma.empty());
  CHECK(t.head == -1);
}

TEST_CASE("interned: two threads interning the same new strings get the same numbers") {
  constexpr int kCount = 3000;
  std::vector<Word::Id> first(kCount), second(kCount);
  const auto run = [](std::vector<Word::Id>& out) {
    for (int i = 0; i < kCount; ++i) out[static_cast<std::size_t>(i)] = Word("both-threads-" + std::to_string(i)).id();
  };
  std::thread a(run, std::ref(first)), b(run, std::ref(second));
  a.join();
  b.join();
  CHECK(first == second);
  CHECK(std::set<Word::Id>(first.begin(), first.end()).size() == kCount);
  CHECK(Word("both-threads-2999") == "both-threads-2999");
}
