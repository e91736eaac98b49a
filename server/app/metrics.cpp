#include "server/app/metrics.hpp"

#include "server/http/thread_pool.hpp"

#include <sstream>

namespace pd::app {

namespace {
constexpr live::StreamLimit refusal_kinds[] = {live::StreamLimit::session, live::StreamLimit::person, live::StreamLimit::address,
                                                 live::StreamLimit::total};
} // namespace

void Metrics::stream_refused(live::StreamLimit limit) {
  for (std::size_t i = 0; i < std::size(refusal_kinds); ++i)
    if (refusal_kinds[i] == limit) ++streams_refused_[i];
}

void Metrics::observe(int status, double seconds) {
  int cls = status / 100;
  ++by_class_[cls >= 1 && cls <= 5 ? static_cast<std::size_t>(cls - 1) : 5];
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (seconds <= buckets[i]) ++le_[i];
  ++count_;
  sum_us_ += static_cast<std::uint64_t>(seconds * 1e6);
}

std::string Metrics::render(std::int64_t events_appended, int open_streams, std::int64_t programs) const {
  std::ostringstream o;
  o << "# HELP pd_http_requests_total HTTP requests answered, by status class.\n# TYPE pd_http_requests_total counter\n";
  const char* names[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
  for (std::size_t i = 0; i < 6; ++i) o << "pd_http_requests_total{status=\"" << names[i] << "\"} " << by_class_[i].load() << "\n";
  o << "# HELP pd_http_request_duration_seconds Time from reading a request to writing its answer.\n"
    << "# TYPE pd_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < buckets.size(); ++i)
    o << "pd_http_request_duration_seconds_bucket{le=\"" << buckets[i] << "\"} " << le_[i].load() << "\n";
  o << "pd_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_.load() << "\n"
    << "pd_http_request_duration_seconds_sum " << static_cast<double>(sum_us_.load()) / 1e6 << "\n"
    << "pd_http_request_duration_seconds_count " << count_.load() << "\n"
    << "# HELP pd_events_appended_total Events in the log.\n# TYPE pd_events_appended_total counter\n"
    << "pd_events_appended_total " << events_appended << "\n"
    << "# HELP pd_open_streams Live event streams open now.\n# TYPE pd_open_streams gauge\n"
    << "pd_open_streams " << open_streams << "\n"
    << "# HELP pd_stream_capacity Live event streams admitted at once (--max-streams, below --max-threads by --stream-reserve).\n"
    << "# TYPE pd_stream_capacity gauge\n"
    << "pd_stream_capacity " << stream_capacity_.load() << "\n"
    << "# HELP pd_streams_refused_total Live event streams refused, by the limit reached.\n# TYPE pd_streams_refused_total counter\n";
  for (std::size_t i = 0; i < std::size(refusal_kinds); ++i)
    o << "pd_streams_refused_total{limit=\"" << live::metric_label(refusal_kinds[i]) << "\"} " << streams_refused_[i].load() << "\n";
  o << "# HELP pd_http_threads HTTP threads running now (at most --max-threads).\n# TYPE pd_http_threads gauge\n"
    << "pd_http_threads " << http::GrowingThreadPool::threads_in_process() << "\n"
    << "# HELP pd_http_threads_busy HTTP threads serving a connection or a live stream now.\n# TYPE pd_http_threads_busy gauge\n"
    << "pd_http_threads_busy " << http::GrowingThreadPool::busy_in_process() << "\n"
    << "# HELP pd_programs Programs on this server.\n# TYPE pd_programs gauge\n"
    << "pd_programs " << programs << "\n"
    << "# HELP pd_rate_limited_total Requests refused by the per-address rate limit.\n# TYPE pd_rate_limited_total counter\n"
    << "pd_rate_limited_total " << rate_limited_.load() << "\n";
  return o.str();
}

} // namespace pd::app
