// The browser does not download the list of common passwords (about 10 KB of the first visit):
// its forms check the password rule's length, and the server, which links the list
// (an archive member of pd_shared, shared/CMakeLists.txt), refuses a common password naming the field.
#include <string_view>

namespace pd::core {

std::string_view common_passwords_text();
std::string_view common_passwords_text() { return {}; }

} // namespace pd::core
