#pragma once

namespace pd {
inline constexpr const char* version = "0.1.0";
}
