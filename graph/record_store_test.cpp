// RecordStore: records come back equal to those added, strings shared through the pool.
// One TEST_CASE per edge case.
#include "graph/record_store.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using kg::extract::EntityType;
using kg::extract::RelationClass;
using kg::graph::DocumentRecord;
using kg::graph::RecordStore;
using kg::graph::StringPool;

namespace {

DocumentRecord invented(const std::string& name) {
  DocumentRecord r;
  r.name = name;
  r.date = "2031-04-05";
  r.entities = {{"Ilse Brandvik", EntityType::Person, "", {"Ilse Brandvik", "Brandvik"}, {"Mayor"}, 3},
                {"Port Aldous", EntityType::Gpe, "GPE:port aldous", {"Port Aldous"}, {}, 2}};
  r.triples = {{0, 1, "visit", "visited", 0, 0, 31, "Ilse Brandvik visited Port Aldous.", RelationClass::Other},
               {1, 0, "host", "hosted", 0, 0, 31, "Ilse Brandvik visited Port Aldous.", RelationClass::Meet}};
  return r;
}

}  // namespace

TEST_CASE("record store: a record comes back equal to the one added") {
  StringPool pool;
  RecordStore store;
  const DocumentRecord r = invented("wire/a.txt");
  store.add(r, pool);
  REQUIRE(store.size() == 1);
  CHECK(store.get(0, pool) == r);
}

TEST_CASE("record store: records come back in the order added, each with its own entities and triples") {
  StringPool pool;
  RecordStore store;
  DocumentRecord a = invented("wire/a.txt"), b = invented("wire/b.txt"), empty;
  b.entities.pop_back();
  b.triples.clear();
  empty.name = "wire/empty.txt";
  store.add(a, pool);
  store.add(empty, pool);
  store.add(b, pool);
  REQUIRE(store.size() == 3);
  CHECK(store.get(0, pool) == a);
  CHECK(store.get(1, pool) == empty);
  CHECK(store.get(2, pool) == b);
}

TEST_CASE("record store: a sentence quoted by several triples and documents is in the pool once") {
  StringPool pool;
  RecordStore store;
  store.add(invented("wire/a.txt"), pool);
  const std::size_t strings = pool.size();
  store.add(invented("wire/b.txt"), pool);
  CHECK(pool.size() == strings + 1);  // only the new document name
}

TEST_CASE("record store: empty strings and lists survive, so do NUL bytes") {
  StringPool pool;
  RecordStore store;
  DocumentRecord r;
  r.name = std::string("odd\0name", 8);
  r.entities = {{"", EntityType::Org, "", {}, {}, 0}};
  r.triples = {{0, 0, "", "", 0, 0, 0, "", RelationClass::Other}};
  store.add(r, pool);
  CHECK(store.get(0, pool) == r);
}

TEST_CASE("record store: a copied pool reads the same records") {
  StringPool pool;
  RecordStore store;
  store.add(invented("wire/a.txt"), pool);
  const StringPool copy(pool);
  CHECK(store.get(0, copy) == invented("wire/a.txt"));
}

TEST_CASE("record store: get() past the end throws std::out_of_range") {
  StringPool pool;
  RecordStore store;
  CHECK_THROWS_AS(store.get(0, pool), std::out_of_range);
}
