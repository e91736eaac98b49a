// Walks the fields of a plain struct (an aggregate without bases) without naming them, so a
// test can require that a sample sets every field: the count comes from how many values brace
// initialisation accepts, the fields from a structured binding.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace pd::testing {

namespace detail {
struct any_field {
  template <class T>
  operator T&() const noexcept; // declared only: used in unevaluated braces
};
template <class T, std::size_t... I>
constexpr bool braces_with(std::index_sequence<I...>) {
  return requires { T{((void)I, any_field{})...}; };
}
} // namespace detail

inline constexpr std::size_t max_walked_fields = 20;

template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
  if constexpr (N > max_walked_fields) return N;
  else if constexpr (detail::braces_with<T>(std::make_index_sequence<N + 1>{})) return field_count<T, N + 1>();
  else return N;
}

// The fields of x as a tuple of const references.
template <class T>
auto tie_fields(const T& x) {
  constexpr auto n = field_count<T>();
  static_assert(std::is_aggregate_v<T>, "tie_fields walks plain structs only");
  static_assert(n <= max_walked_fields, "tie_fields: a struct with more than max_walked_fields fields; add cases in field_walk.hpp");
  if constexpr (n == 0) {
    return std::tuple<>{};
  } else if constexpr (n == 1) {
    const auto& [f0] = x;
    return std::tie(f0);
  } else if constexpr (n == 2) {
    const auto& [f0, f1] = x;
    return std::tie(f0, f1);
  } else if constexpr (n == 3) {
    const auto& [f0, f1, f2] = x;
    return std::tie(f0, f1, f2);
  } else if constexpr (n == 4) {
    const auto& [f0, f1, f2, f3] = x;
    return std::tie(f0, f1, f2, f3);
  } else if constexpr (n == 5) {
    const auto& [f0, f1, f2, f3, f4] = x;
    return std::tie(f0, f1, f2, f3, f4);
  } else if constexpr (n == 6) {
    const auto& [f0, f1, f2, f3, f4, f5] = x;
    return std::tie(f0, f1, f2, f3, f4, f5);
  } else if constexpr (n == 7) {
    const auto& [f0, f1, f2, f3, f4, f5, f6] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6);
  } else if constexpr (n == 8) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7);
  } else if constexpr (n == 9) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8);
  } else if constexpr (n == 10) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9);
  } else if constexpr (n == 11) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10);
  } else if constexpr (n == 12) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11);
  } else if constexpr (n == 13) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
  } else if constexpr (n == 14) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13);
  } else if constexpr (n == 15) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14);
  } else if constexpr (n == 16) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15);
  } else if constexpr (n == 17) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16);
  } else if constexpr (n == 18) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17);
  } else if constexpr (n == 19) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18);
  } else if constexpr (n == 20) {
    const auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19] = x;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19);
  }
}

// The positions (from 0) of the fields of `sample` that still hold the value of a
// default-constructed T.
template <class T>
std::vector<std::size_t> fields_left_default(const T& sample) {
  const T fresh{};
  std::vector<std::size_t> out;
  auto a = tie_fields(sample);
  auto b = tie_fields(fresh);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((std::get<I>(a) == std::get<I>(b) ? out.push_back(I) : void()), ...);
  }(std::make_index_sequence<std::tuple_size_v<decltype(a)>>{});
  return out;
}

} // namespace pd::testing
