// Files and video in the page, where the canvas cannot help:
//   * uploads: the browser's file picker, then the server's resumable upload in pieces
//     (POST uploads, PUT pieces, POST complete); the stored file's facts (and a video's length,
//     read from its metadata) come back through take_uploads() at the start of a frame;
//   * video: a <video> element laid over the canvas where the view reserved room for it. The
//     page counts only what was watched without skipping ahead: watched_seconds() is the end of
//     the stretch played from the start without a jump forward.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pd::client::platform {

struct UploadResult {
  std::uint32_t id = 0;
  int status = 0;        // the last HTTP status (0: cancelled or unreachable)
  std::string body;      // the server's JSON answer (the stored file, or an error)
  double duration = 0;   // a video's length in seconds (0 otherwise)
};

// Opens the file picker (accept: "video/mp4,video/webm" ...) and uploads the chosen file to
// the program. purpose: "attachment" (a ticket's files) or "training" (videos and PDF guides).
// The id is the caller's; take_uploads() and upload_progress() name the upload by it.
void pick_and_upload(std::uint32_t id, std::int64_t program, const char* accept, const char* purpose);
std::vector<UploadResult> take_uploads();
// Bytes sent of the upload in progress (0..1), -1 when none.
double upload_progress(std::uint32_t id);

// Places (and shows) the video `key` playing `url` at a rectangle in canvas pixels, showing only
// its part inside the clip rectangle (the window it lies in); call every frame it is visible.
// end_video_frame() hides the videos not placed since the last call.
void place_video(const char* key, const char* url, float x, float y, float w, float h, float clip_x0, float clip_y0, float clip_x1,
                 float clip_y1, float pixel_ratio);
void end_video_frame();
double watched_seconds(const char* key); // -1 when the video is not in the page
bool video_playing(const char* key);

} // namespace pd::client::platform
