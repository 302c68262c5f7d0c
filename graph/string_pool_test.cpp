// StringPool: one id per distinct string, ids in first-seen order, views that stay valid,
// copies with the same ids. One TEST_CASE per edge case.
#include "graph/string_pool.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using kg::graph::StringId;
using kg::graph::StringPool;

TEST_CASE("string pool: the same string gives the same id, and is stored once") {
  StringPool pool;
  const StringId a = pool.intern("Ondrej Vasko met the mayor.");
  const std::string again("Ondrej Vasko met the mayor.");  // other bytes in memory, same text
  CHECK(pool.intern(again) == a);
  CHECK(pool.size() == 1);
  CHECK(pool.bytes() == again.size());
}

TEST_CASE("string pool: distinct strings get distinct ids, in first-seen order from 0") {
  StringPool pool;
  CHECK(pool.intern("meet") == 0);
  CHECK(pool.intern("Meet") == 1);  // case matters
  CHECK(pool.intern("meet ") == 2);
  CHECK(pool.intern("meet") == 0);
  CHECK(pool.view(1) == "Meet");
  CHECK(pool.view(2) == "meet ");
}

TEST_CASE("string pool: the empty string and strings with NUL bytes are strings like any other") {
  StringPool pool;
  const std::string_view nul("a\0b", 3);
  const StringId empty = pool.intern("");
  const StringId with_nul = pool.intern(nul);
  CHECK(pool.intern("a") != with_nul);
  CHECK(pool.view(empty).empty());
  CHECK(pool.view(with_nul) == nul);
  CHECK(pool.intern(std::string_view()) == empty);
}

TEST_CASE("string pool: find() looks up without adding") {
  StringPool pool;
  CHECK_FALSE(pool.find("Kestrel Bay").has_value());
  CHECK(pool.size() == 0);
  const StringId id = pool.intern("Kestrel Bay");
  CHECK(pool.find("Kestrel Bay") == id);
  CHECK_FALSE(pool.find("Kestrel").has_value());
}

TEST_CASE("string pool: views handed out stay valid while many more strings are added") {
  StringPool pool;
  const std::string_view first = pool.view(pool.intern("the first sentence"));
  const char* where = first.data();
  // Far more than one block and many table growths.
  for (int i = 0; i < 200000; ++i) pool.intern("sentence number " + std::to_string(i) + " of the invented wire");
  CHECK(first == "the first sentence");
  CHECK(first.data() == where);
  CHECK(pool.size() == 200001);
  CHECK(pool.view(pool.intern("sentence number 123456 of the invented wire")) ==
        "sentence number 123456 of the invented wire");
  CHECK(pool.intern("sentence number 123456 of the invented wire") == 123457);
}

TEST_CASE("string pool: a string longer than a block is kept whole, and short ones still go together") {
  StringPool pool;
  const StringId small = pool.intern("short");
  const std::string huge(3u << 20, 'q');  // 3 MiB: more than a block
  const StringId big = pool.intern(huge);
  const StringId after = pool.intern("after");
  CHECK(pool.view(big) == huge);
  CHECK(pool.view(small) == "short");
  CHECK(pool.view(after) == "after");
  CHECK(pool.intern(huge) == big);
}

TEST_CASE("string pool: the ids depend only on the order strings come in") {
  const std::vector<std::string> words{"Lavrov", "Tallinn", "Lavrov", "the summit", "Tallinn", ""};
  StringPool a, b;
  std::vector<StringId> ids_a, ids_b;
  for (const auto& w : words) ids_a.push_back(a.intern(w));
  for (const auto& w : words) ids_b.push_back(b.intern(std::string(w)));
  CHECK(ids_a == ids_b);
  CHECK(ids_a == std::vector<StringId>{0, 1, 0, 2, 1, 3});
}

TEST_CASE("string pool: a copy has the same ids and strings, and grows on its own") {
  StringPool pool;
  pool.intern("Nora Halvorsen");
  pool.intern("resign");
  StringPool copy(pool);
  CHECK(copy.size() == 2);
  CHECK(copy.view(0) == "Nora Halvorsen");
  CHECK(copy.intern("resign") == 1);
  CHECK(copy.intern("appoint") == 2);
  CHECK(pool.size() == 2);  // the original did not change
  CHECK_FALSE(pool.find("appoint").has_value());
  StringPool assigned;
  assigned.intern("something else");
  assigned = copy;
  CHECK(assigned.size() == 3);
  CHECK(assigned.view(2) == "appoint");
}

TEST_CASE("string pool: view() of an id it never gave throws std::out_of_range") {
  StringPool pool;
  pool.intern("one");
  CHECK_THROWS_AS(pool.view(1), std::out_of_range);
}
