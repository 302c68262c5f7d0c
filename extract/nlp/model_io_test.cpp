#include "extract/nlp/model_io.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "extract/text/error.h"
#include "tests/test_support.h"

using kg::ModelError;
using kg::extract::BinaryReader;
using kg::extract::BinaryWriter;
using kg::extract::decode_model;
using kg::extract::encode_model;
using kg::extract::read_model_file;
using kg::extract::write_model_file;

namespace {

constexpr std::uint64_t kPrint = 0x1234abcd5678ef00ull;

std::string payload() {
  BinaryWriter w;
  w.string("hello");
  w.u32(42);
  w.f32(0.5f);
  return w.take();
}

// The ModelError message of decoding `bytes` as a tagger with kPrint, or "" when it loads.
std::string rejection(std::string bytes, std::string_view kind = "tagger",
                      std::uint64_t fingerprint = kPrint) {
  try {
    decode_model(std::move(bytes), "m.bin", kind, fingerprint);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("model_io: BinaryWriter and BinaryReader round-trip every type") {
  BinaryWriter w;
  w.u8(0xab);
  w.u16(0xbeef);
  w.u32(0xdeadbeef);
  w.u64(0x0123456789abcdefull);
  w.i16(-1234);
  w.f32(-2.75f);
  w.string("naïve");
  w.vector(std::vector<std::uint32_t>{1, 2, 3});
  w.vector(std::vector<std::string>{"a", "", "bc"});
  const std::string bytes = w.take();
  BinaryReader r(bytes, "x.bin");
  CHECK(r.u8() == 0xab);
  CHECK(r.u16() == 0xbeef);
  CHECK(r.u32() == 0xdeadbeef);
  CHECK(r.u64() == 0x0123456789abcdefull);
  CHECK(r.i16() == -1234);
  CHECK(r.f32() == -2.75f);
  CHECK(r.string() == "naïve");
  CHECK(r.vector<std::uint32_t>() == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(r.vector<std::string>() == std::vector<std::string>{"a", "", "bc"});
  CHECK(r.at_end());
}

TEST_CASE("model_io: integers are little-endian on disk") {
  BinaryWriter w;
  w.u32(0x01020304);
  CHECK(w.data() == std::string("\x04\x03\x02\x01", 4));
}

TEST_CASE("model_io: a truncated read names the file, the offset and what was expected") {
  BinaryWriter w;
  w.u16(7);
  const std::string bytes = w.take();
  BinaryReader r(bytes, "weights.bin", 100);
  try {
    r.u32("class count");
    FAIL("no exception");
  } catch (const ModelError& e) {
    CHECK(std::string(e.what()) ==
          "weights.bin: byte 100: truncated: expected class count (4 bytes), 2 left");
  }
}

TEST_CASE("model_io: a huge element count fails as truncation, not as an allocation") {
  BinaryWriter w;
  w.u64(1ull << 60);
  const std::string bytes = w.take();
  BinaryReader r(bytes, "v.bin");
  CHECK_THROWS_WITH_AS(r.vector<std::uint32_t>("weights"),
                       doctest::Contains("truncated: weights says 1152921504606846976 elements"),
                       ModelError);
}

TEST_CASE("model_io: a model image round-trips kind, fingerprint and payload") {
  const auto file = decode_model(encode_model("tagger", kPrint, payload()), "m.bin", "tagger", kPrint);
  CHECK(file.kind == "tagger");
  CHECK(file.version == kg::extract::kModelFormatVersion);
  CHECK(file.fingerprint == kPrint);
  BinaryReader r = file.payload();
  CHECK(r.string() == "hello");
  CHECK(r.u32() == 42);
  CHECK(r.f32() == 0.5f);
  CHECK(r.at_end());
}

TEST_CASE("model_io: the header layout is magic, version, kind, fingerprint, size") {
  const std::string image = encode_model("ner", kPrint, "abc");
  CHECK(image.substr(0, 8) == std::string("KGMODEL\0", 8));
  CHECK(image.substr(8, 4) == std::string("\x02\0\0\0", 4));
  CHECK(image.substr(12, 4) == std::string("\x03\0\0\0", 4));
  CHECK(image.substr(16, 3) == "ner");
  CHECK(image.size() == 8 + 4 + 4 + 3 + 8 + 8 + 3 + 4);
}

TEST_CASE("model_io: payload offsets in messages are file offsets") {
  const auto file = decode_model(encode_model("tagger", kPrint, "ab"), "m.bin", "tagger", kPrint);
  BinaryReader r = file.payload();
  CHECK_THROWS_WITH_AS(r.u32("x"), doctest::Contains("m.bin: byte 38: truncated"), ModelError);
}

TEST_CASE("model_io: write_model_file and read_model_file round-trip on disk") {
  const kg::test::TempDir dir;
  const auto path = dir / "m.bin";
  write_model_file(path, "tagger", kPrint, payload());
  const auto file = read_model_file(path, "tagger", kPrint);
  CHECK(file.payload_size == payload().size());
  CHECK(file.path == path.string());
  CHECK(dir.listing() == std::vector<std::string>{"m.bin"});  // no temporary file left
}

TEST_CASE("model_io: writing into a missing directory throws and names the path") {
  const kg::test::TempDir dir;
  const auto path = dir / "missing" / "m.bin";
  CHECK_THROWS_WITH_AS(write_model_file(path, "tagger", kPrint, "x"),
                       doctest::Contains(path.string().c_str()), ModelError);
}

TEST_CASE("model_io: a missing file is rejected by name") {
  CHECK_THROWS_WITH_AS(read_model_file("/nonexistent/m.bin", "tagger", kPrint),
                       "/nonexistent/m.bin: model file not found", ModelError);
}

TEST_CASE("model_io: a foreign file is rejected, showing its first bytes") {
  CHECK(rejection("{\"nodes\": []}") ==
        "m.bin: not a kgbuild model: starts with \"{\\x22nodes\\x22\", expected \"KGMODEL\\x00\"");
}

TEST_CASE("model_io: an empty file is rejected") {
  CHECK(rejection("") == "m.bin: empty file, not a kgbuild model");
}

TEST_CASE("model_io: a newer format version is rejected, naming both versions") {
  std::string image = encode_model("tagger", kPrint, payload());
  image[8] = 3;
  CHECK(contains(rejection(image),
                 "m.bin: model format version 3 is newer than this kgbuild supports (2)"));
}

TEST_CASE("model_io: format version 0 is rejected") {
  std::string image = encode_model("tagger", kPrint, payload());
  image[8] = 0;
  CHECK(rejection(image) == "m.bin: unknown model format version 0");
}

TEST_CASE("model_io: another kind is rejected, naming both kinds") {
  CHECK(rejection(encode_model("parser", kPrint, payload())) ==
        "m.bin: is a parser model, expected a tagger model");
  CHECK(rejection(encode_model("tagger", kPrint, payload()), "ner") ==
        "m.bin: is a tagger model, expected a ner model");
}

TEST_CASE("model_io: a fingerprint mismatch is rejected, naming both fingerprints") {
  const std::string message = rejection(encode_model("tagger", kPrint + 1, payload()));
  CHECK(contains(message, "m.bin: tagger model built for feature templates 0x1234abcd5678ef01"));
  CHECK(contains(message, "this kgbuild uses 0x1234abcd5678ef00"));
}

TEST_CASE("model_io: a truncated payload is rejected") {
  std::string image = encode_model("tagger", kPrint, payload());
  image.resize(image.size() - 6);
  CHECK(contains(rejection(image), "m.bin: truncated: the header promises 17 payload bytes"));
}

TEST_CASE("model_io: a file cut inside the header is rejected as truncated") {
  std::string image = encode_model("tagger", kPrint, payload());
  CHECK(contains(rejection(image.substr(0, 5)), "m.bin: truncated kgbuild model"));
  CHECK(contains(rejection(image.substr(0, 26)), "m.bin: byte 22: truncated: expected feature fingerprint"));
}

TEST_CASE("model_io: a flipped payload byte fails the checksum") {
  std::string image = encode_model("tagger", kPrint, payload());
  image[40] ^= 0x20;
  CHECK(contains(rejection(image), "m.bin: checksum mismatch"));
}

TEST_CASE("model_io: bytes after the checksum are rejected") {
  CHECK(contains(rejection(encode_model("tagger", kPrint, payload()) + "xx"),
                 "m.bin: 2 unexpected bytes after the checksum"));
}

TEST_CASE("model_io: a version 1 file (FNV-1a checksum) is still read and says its version") {
  const auto file = decode_model(encode_model("tagger", kPrint, payload(), 1), "m.bin", "tagger", kPrint);
  CHECK(file.version == 1);
  CHECK(file.payload().version() == 1);
  std::string image = encode_model("tagger", kPrint, payload(), 1);
  image[image.size() - 5] ^= 1;  // last payload byte
  CHECK(contains(rejection(image), "checksum mismatch"));
}

TEST_CASE("model_io: the version 2 checksum sees every byte and the length") {
  const std::string bytes(100, 'x');
  const std::uint32_t base = kg::extract::model_checksum(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string changed = bytes;
    changed[i] ^= 4;
    CHECK(kg::extract::model_checksum(changed) != base);
  }
  CHECK(kg::extract::model_checksum(bytes + '\0') != base);
  CHECK(kg::extract::model_checksum(bytes.substr(1)) != base);
}

TEST_CASE("model_io: a model file is read through a map and stays valid when moved") {
  const kg::test::TempDir dir;
  const auto path = dir / "m.bin";
  write_model_file(path, "tagger", kPrint, payload());
  auto file = read_model_file(path, "tagger", kPrint);
  const kg::extract::ModelFile moved = std::move(file);
  BinaryReader r = moved.payload();
  CHECK(r.string() == "hello");
  CHECK(r.u32() == 42);
}
