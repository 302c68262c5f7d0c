#include "extract/text/document.h"

#include <array>
#include <utility>

namespace kg::extract {
namespace {
constexpr std::array<std::pair<EntityType, std::string_view>, kEntityTypes.size()> kTypeNames{{
    {EntityType::Person, "PERSON"},
    {EntityType::Org, "ORG"},
    {EntityType::Gpe, "GPE"},
    {EntityType::Loc, "LOC"},
    {EntityType::Event, "EVENT"},
    {EntityType::Date, "DATE"},
    {EntityType::Norp, "NORP"},
    {EntityType::WorkOfArt, "WORK_OF_ART"},
    {EntityType::Award, "AWARD"},
}};

constexpr std::array<std::pair<RelationClass, std::string_view>, kRelationClasses.size()> kClassNames{{
    {RelationClass::Meet, "meet"},
    {RelationClass::Lead, "lead"},
    {RelationClass::Role, "role"},
    {RelationClass::Member, "member"},
    {RelationClass::Said, "said"},
    {RelationClass::Quote, "quote"},
    {RelationClass::LocatedIn, "located_in"},
    {RelationClass::HeldIn, "held_in"},
    {RelationClass::Date, "date"},
    {RelationClass::PartOf, "part_of"},
    {RelationClass::Other, "other"},
}};
}  // namespace

std::string_view to_string(EntityType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "ORG";
}

std::optional<EntityType> entity_type_from_string(std::string_view name) {
  for (const auto& [t, n] : kTypeNames)
    if (n == name) return t;
  return std::nullopt;
}

std::string_view to_string(RelationClass relation_class) {
  for (const auto& [c, name] : kClassNames)
    if (c == relation_class) return name;
  return "other";
}

std::optional<RelationClass> relation_class_from_string(std::string_view name) {
  for (const auto& [c, n] : kClassNames)
    if (n == name) return c;
  return std::nullopt;
}

std::uint32_t span_head(const Document& doc, std::uint32_t first, std::uint32_t last) {
  for (std::uint32_t t = first; t < last; ++t) {
    const std::int32_t h = doc.tokens[t].head;
    if (h < static_cast<std::int32_t>(first) || h >= static_cast<std::int32_t>(last)) return t;
  }
  return last - 1;
}

}  // namespace kg::extract
