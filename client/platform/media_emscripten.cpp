// Uploads through the file picker and videos laid over the canvas (see media.hpp).
#include "client/platform/media.hpp"

#include "client/platform/browser.hpp"

#include <emscripten.h>

#include <map>
#include <utility>

namespace {

std::vector<pd::client::platform::UploadResult> g_uploads;
std::map<std::uint32_t, double> g_progress;
std::uint32_t g_next_upload = 1;

// The picker, then POST uploads {name, content_type, size, purpose}, PUT the pieces of at most
// chunk_bytes, POST complete. A video's length comes from its metadata.
EM_JS(void, js_pick_and_upload, (unsigned id, double program, const char* accept_ptr, const char* purpose_ptr), {
  const accept = UTF8ToString(accept_ptr);
  const purpose = UTF8ToString(purpose_ptr);
  const input = document.createElement("input");
  input.type = "file";
  input.accept = accept;
  input.style.display = "none";
  document.body.appendChild(input);
  const finish = function(status, body, duration) {
    input.remove();
    const n = lengthBytesUTF8(body) + 1;
    const p = _malloc(n);
    stringToUTF8(body, p, n);
    _pd_upload_done(id, status, p, duration);
    _free(p);
  };
  input.addEventListener("cancel", function() { finish(0, "", 0); });
  input.addEventListener("change", async function() {
    const file = input.files && input.files[0];
    if (!file) return finish(0, "", 0);
    const base = "/api/v1/programs/" + program + "/uploads";
    const headers = { "X-Requested-With": "partnerdesk", "Accept": "application/json" };
    try {
      let duration = 0;
      if (file.type.startsWith("video/")) {
        duration = await new Promise(function(resolve) {
          const v = document.createElement("video");
          v.preload = "metadata";
          v.onloadedmetadata = function() { resolve(isFinite(v.duration) ? v.duration : 0); URL.revokeObjectURL(v.src); };
          v.onerror = function() { resolve(0); };
          v.src = URL.createObjectURL(file);
        });
      }
      let r = await fetch(base, { method: "POST", credentials: "same-origin", headers: Object.assign({ "Content-Type": "application/json" }, headers),
                                  body: JSON.stringify({ name: file.name.slice(0, 200), content_type: file.type || "application/octet-stream",
                                                         size: file.size, purpose: purpose }) });
      let body = await r.text();
      if (r.status !== 201) return finish(r.status, body, 0);
      const up = JSON.parse(body);
      const chunk = up.chunk_bytes || 1048576;
      for (let offset = 0; offset < file.size; offset += chunk) {
        const piece = file.slice(offset, Math.min(file.size, offset + chunk));
        r = await fetch(base + "/" + up.upload_id + "?offset=" + offset,
                        { method: "PUT", credentials: "same-origin", headers: Object.assign({ "Content-Type": "application/octet-stream" }, headers), body: piece });
        if (r.status !== 200) return finish(r.status, await r.text(), 0);
        _pd_upload_progress(id, Math.min(1, (offset + chunk) / file.size));
      }
      r = await fetch(base + "/" + up.upload_id + "/complete", { method: "POST", credentials: "same-origin", headers: headers });
      finish(r.status, await r.text(), duration);
    } catch (e) {
      finish(0, "", 0);
    }
  });
  input.click();
});

// Videos: one <video> per key, absolutely placed over the canvas. watched: the end of the
// stretch played from the start without a jump forward (seeking back is fine).
EM_JS(void, js_place_video, (const char* key_ptr, const char* url_ptr, double x, double y, double w, double h), {
  const key = UTF8ToString(key_ptr), url = UTF8ToString(url_ptr);
  window.pdVideos = window.pdVideos || {};
  let v = window.pdVideos[key];
  if (!v) {
    const el = document.createElement("video");
    el.controls = true;
    el.preload = "metadata";
    el.playsInline = true;
    el.src = url;
    el.style.position = "absolute";
    el.style.background = "#000";
    el.style.borderRadius = "8px";
    el.style.zIndex = "5";
    document.body.appendChild(el);
    v = window.pdVideos[key] = { el: el, watched: 0, last: 0, placed: true };
    el.addEventListener("timeupdate", function() {
      const t = el.currentTime;
      if (t <= v.watched + 2) v.watched = Math.max(v.watched, t);
      v.last = t;
    });
    el.addEventListener("ended", function() { if (v.last >= v.watched - 2) v.watched = el.duration; });
  }
  const r = Module.canvas.getBoundingClientRect();
  v.el.style.left = (window.scrollX + r.left + x) + "px";
  v.el.style.top = (window.scrollY + r.top + y) + "px";
  v.el.style.width = w + "px";
  v.el.style.height = h + "px";
  v.el.style.display = "";
  v.placed = true;
});

EM_JS(void, js_end_video_frame, (), {
  if (!window.pdVideos) return;
  for (const key in window.pdVideos) {
    const v = window.pdVideos[key];
    if (!v.placed && v.el.style.display !== "none") { v.el.pause(); v.el.style.display = "none"; }
    v.placed = false;
  }
});

EM_JS(double, js_watched, (const char* key_ptr), {
  const v = window.pdVideos && window.pdVideos[UTF8ToString(key_ptr)];
  return v ? v.watched : -1;
});

EM_JS(int, js_playing, (const char* key_ptr), {
  const v = window.pdVideos && window.pdVideos[UTF8ToString(key_ptr)];
  return v && !v.el.paused && !v.el.ended ? 1 : 0;
});

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void pd_upload_done(unsigned id, int status, const char* body, double duration) {
  g_uploads.push_back({id, status, body ? std::string(body) : std::string(), duration});
  g_progress.erase(id);
  pd::client::platform::wake();
}

extern "C" EMSCRIPTEN_KEEPALIVE void pd_upload_progress(unsigned id, double fraction) {
  g_progress[id] = fraction;
  pd::client::platform::wake();
}

namespace pd::client::platform {

std::uint32_t pick_and_upload(std::int64_t program, const char* accept, const char* purpose) {
  const auto id = g_next_upload++;
  g_progress[id] = 0;
  js_pick_and_upload(id, static_cast<double>(program), accept, purpose);
  return id;
}

std::vector<UploadResult> take_uploads() { return std::exchange(g_uploads, {}); }

double upload_progress(std::uint32_t id) {
  auto it = g_progress.find(id);
  return it == g_progress.end() ? -1 : it->second;
}

void place_video(const char* key, const char* url, float x, float y, float w, float h, float pixel_ratio) {
  const float s = pixel_ratio > 0 ? 1.0f / pixel_ratio : 1.0f;
  js_place_video(key, url, x * s, y * s, w * s, h * s);
}

void end_video_frame() { js_end_video_frame(); }
double watched_seconds(const char* key) { return js_watched(key); }
bool video_playing(const char* key) { return js_playing(key) != 0; }

} // namespace pd::client::platform
