#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

// The tests are the server's clients. A server may refuse a request and close the connection while
// the client is still sending its body (a size limit, a rate limit): the send must then fail with
// EPIPE, which the test reads as a refused request, not raise SIGPIPE and end the whole run.
int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return doctest::Context(argc, argv).run();
}
