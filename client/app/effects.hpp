// What the store asks of the world outside it, as values. The store never sends a request,
// opens a stream or touches the clipboard itself: each of its steps (start, apply_*, tick)
// appends effects, and whoever drives it (the browser's frame in client/app_frame.cpp, a unit
// test) takes them with Store::take_effects() and runs them, in order, before the next step.
//
// Ids are the store's: it numbers its requests, streams and uploads, the platform echoes the
// id back (HttpResponse::id, StreamMessage::stream, UploadResult::id), so the store knows what
// an answer belongs to without asking the platform anything.
//
// Reads of the page (the URL fragment, sessionStorage, navigator.onLine, the clock) stay calls
// through platform::Browser: they answer at once and the store's next line depends on them.
#pragma once

#include "client/platform/event_stream.hpp"
#include "client/platform/http.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace pd::client {

// An HTTP request to the server (same origin, JSON; non-GET requests carry the CSRF header).
struct HttpCall {
  platform::RequestId id = 0;
  platform::Method method = platform::Method::get;
  std::string path;
  std::string body;
  bool operator==(const HttpCall&) const = default;
};

// The program's live event stream (Server-Sent Events), opened at `url` ...
struct OpenStream {
  platform::StreamId id = 0;
  std::string url;
  bool operator==(const OpenStream&) const = default;
};
// ... and closed: no message of it is delivered afterwards.
struct CloseStream {
  platform::StreamId id = 0;
  bool operator==(const CloseStream&) const = default;
};

// The browser's file picker, then the resumable upload of the chosen file to the program.
// purpose: "attachment" or "training"; accept: the picker's MIME types. Must run in the frame
// of the click that asked for it (browsers open a picker only right after a person's gesture).
struct PickAndUpload {
  std::uint32_t id = 0;
  std::int64_t program_id = 0;
  std::string accept;
  std::string purpose;
  bool operator==(const PickAndUpload&) const = default;
};

// Text written to the system clipboard (an invitation link, an API key shown once).
struct CopyText {
  std::string text;
  bool operator==(const CopyText&) const = default;
};

// A same-origin file the browser saves (a customer's data export): fetched as a download, no
// tab opened.
struct Download {
  std::string url;
  bool operator==(const Download&) const = default;
};

using Effect = std::variant<HttpCall, OpenStream, CloseStream, PickAndUpload, CopyText, Download>;

// Runs effects on the browser's platform: Http and EventStreams as given, the file picker and
// the clipboard through the free functions of client/platform (media.hpp, browser.hpp).
void run_effects(std::vector<Effect> effects, platform::Http& http, platform::EventStreams& streams);

} // namespace pd::client
