#include "extract/nlp/conllu.h"

#include <doctest/doctest.h>

#include <string>

#include "extract/text/error.h"

using kg::InputError;
using kg::extract::parse_conllu;

namespace {

std::string line(const std::string& id, const std::string& form, const std::string& head = "0",
                 const std::string& deprel = "root") {
  return id + "\t" + form + "\t" + form + "\tNOUN\tNN\t_\t" + head + "\t" + deprel + "\t_\t_\n";
}

std::string error_of(const std::string& text) {
  try {
    parse_conllu(text, "t.conllu");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("conllu: reads words with every column") {
  const auto s = parse_conllu(
      "# sent_id = s1\n# text = Dogs bark.\n"
      "1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t2:nsubj\t_\n"
      "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t0:root\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_\n\n",
      "t.conllu");
  REQUIRE(s.size() == 1);
  CHECK(s[0].sent_id == "s1");
  CHECK(s[0].text == "Dogs bark.");
  CHECK(s[0].comments == std::vector<std::string>{"sent_id = s1", "text = Dogs bark."});
  REQUIRE(s[0].words.size() == 3);
  const auto& w = s[0].words[0];
  CHECK(w.id == 1);
  CHECK(w.form == "Dogs");
  CHECK(w.lemma == "dog");
  CHECK(w.upos == "NOUN");
  CHECK(w.xpos == "NNS");
  CHECK(w.feats == "Number=Plur");
  CHECK(w.head == 2);
  CHECK(w.deprel == "nsubj");
  CHECK(w.deps == "2:nsubj");
  CHECK(s[0].words[1].misc == "SpaceAfter=No");
  CHECK(s[0].words[1].head == 0);
  CHECK(s[0].line == 3);
}

TEST_CASE("conllu: blank lines separate sentences, and the last needs none") {
  const auto s = parse_conllu(line("1", "a") + "\n" + line("1", "b") + "\n\n" + line("1", "c"),
                              "t.conllu");
  REQUIRE(s.size() == 3);
  CHECK(s[2].words[0].form == "c");
}

TEST_CASE("conllu: multiword-token ranges are skipped") {
  const auto s = parse_conllu("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" + line("1", "do") +
                                  line("2", "n't", "1", "advmod"),
                              "t.conllu");
  REQUIRE(s[0].words.size() == 2);
  CHECK(s[0].words[1].form == "n't");
}

TEST_CASE("conllu: empty nodes are skipped") {
  const auto s = parse_conllu(line("1", "a") + "1.1\tx\tx\tVERB\t_\t_\t_\t_\t1:conj\t_\n" +
                                  line("2", "b", "1", "dep"),
                              "t.conllu");
  CHECK(s[0].words.size() == 2);
}

TEST_CASE("conllu: CRLF line ends are accepted") {
  const auto s = parse_conllu("# text = a\r\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\r\n\r\n", "t.conllu");
  REQUIRE(s.size() == 1);
  CHECK(s[0].text == "a");
  CHECK(s[0].words[0].misc == "_");
}

TEST_CASE("conllu: an underscore head is -1") {
  CHECK(parse_conllu(line("1", "a", "_", "_"), "t.conllu")[0].words[0].head == -1);
}

TEST_CASE("conllu: a comment-only header block is dropped") {
  const auto s = parse_conllu("# a file header\n\n" + line("1", "a"), "t.conllu");
  REQUIRE(s.size() == 1);
  CHECK(s[0].comments.empty());
}

TEST_CASE("conllu: an empty text has no sentences") {
  CHECK(parse_conllu("", "t.conllu").empty());
  CHECK(parse_conllu("\n\n", "t.conllu").empty());
}

TEST_CASE("conllu: a line with too few fields names file and line") {
  CHECK(error_of(line("1", "a") + "2\tb\tb\n") ==
        "t.conllu:2: expected 10 tab-separated fields, found 3");
}

TEST_CASE("conllu: a line with too many fields is an error") {
  CHECK(error_of("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\textra\n") ==
        "t.conllu:1: more than 10 tab-separated fields");
}

TEST_CASE("conllu: a bad ID is an error") {
  CHECK(error_of(line("x", "a")) == "t.conllu:1: bad ID 'x'");
}

TEST_CASE("conllu: IDs out of sequence are an error") {
  CHECK(error_of(line("1", "a") + line("3", "b")) ==
        "t.conllu:2: word ID 3 out of sequence (expected 2)");
}

TEST_CASE("conllu: a bad HEAD is an error") {
  CHECK(error_of(line("1", "a", "-1")) == "t.conllu:1: bad HEAD '-1'");
}

TEST_CASE("conllu: a HEAD beyond the sentence is an error on its line") {
  CHECK(error_of(line("1", "a", "0") + line("2", "b", "5", "dep") + "\n") ==
        "t.conllu:2: HEAD 5 beyond the sentence's 2 words");
}

TEST_CASE("conllu: an empty field is an error") {
  CHECK(error_of("1\ta\t\tX\t_\t_\t0\troot\t_\t_\n") == "t.conllu:1: empty field 3 (use _)");
}

TEST_CASE("conllu: a whitespace-only line is an error") {
  CHECK(error_of(line("1", "a") + " \n") ==
        "t.conllu:2: whitespace-only line (a sentence break must be empty)");
}

TEST_CASE("conllu: a comment inside a sentence is an error") {
  CHECK(error_of(line("1", "a") + "# late\n") == "t.conllu:2: comment line inside a sentence");
}

TEST_CASE("conllu: a sentence of ranges only is an error") {
  CHECK(error_of("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n\n") ==
        "t.conllu:2: sentence without words (only ranges or empty nodes)");
}

TEST_CASE("conllu: a missing file is an InputError naming it") {
  CHECK_THROWS_WITH_AS(kg::extract::read_conllu("/nonexistent/x.conllu"),
                       doctest::Contains("/nonexistent/x.conllu: cannot open"), InputError);
}
