// Decoding a std::variant of plain structs by the `type` name each struct declares
// (static constexpr const char* type).
#pragma once

#include <optional>
#include <string_view>
#include <variant>

namespace pd::core {

// Calls make(tag) for the alternative whose T::type equals `type`; returns its result, or
// nothing when no alternative has that name. `make` receives a default-constructed T.
template <class Variant, class Make, std::size_t I = 0>
std::optional<Variant> make_alternative(std::string_view type, Make&& make) {
  if constexpr (I < std::variant_size_v<Variant>) {
    using T = std::variant_alternative_t<I, Variant>;
    if (type == T::type) return make(T{});
    return make_alternative<Variant, Make, I + 1>(type, std::forward<Make>(make));
  } else {
    return std::nullopt;
  }
}

} // namespace pd::core
