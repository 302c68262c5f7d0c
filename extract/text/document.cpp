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

}  // namespace kg::extract
