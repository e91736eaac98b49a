// Uploads through the file picker and videos laid over the canvas (see media.hpp).
#include "client/platform/media.hpp"

#include "client/platform/browser.hpp"

#include <emscripten.h>

#include <map>
#include <utility>

namespace {

std::vector<pd::client::platform::UploadResult> g_uploads;
std::map<std::uint32_t, double> g_progress;

// The picker, then POST uploads {name, content_type, size, purpose}, PUT the pieces of at most
// chunk_bytes, POST complete. A video's length comes from its metadata; a WebM recorded in a
// browser (MediaRecorder) has none in its header (the element says Infinity), and seeking past
// the end makes the browser find it.
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
  const video_length = function(file) {
    return new Promise(function(resolve) {
      const v = document.createElement("video");
      const src = URL.createObjectURL(file);
      let settled = false;
      const done = function(d) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        v.removeAttribute("src");
        v.load();
        URL.revokeObjectURL(src);
        resolve(isFinite(d) && d > 0 ? d : 0);
      };
      const timer = setTimeout(function() { done(v.duration); }, 15000);
      v.preload = "metadata";
      v.muted = true;
      v.onerror = function() { done(0); };
      v.onloadedmetadata = function() {
        if (isFinite(v.duration)) return done(v.duration);
        v.ondurationchange = function() { if (isFinite(v.duration)) done(v.duration); };
        v.onseeked = function() { done(v.duration); };
        v.currentTime = 1e101;
      };
      v.src = src;
    });
  };
  input.addEventListener("cancel", function() { finish(0, "", 0); });
  input.addEventListener("change", async function() {
    const file = input.files && input.files[0];
    if (!file) return finish(0, "", 0);
    const base = "/api/v1/programs/" + program + "/uploads";
    const headers = { "X-Requested-With": "partnerdesk", "Accept": "application/json" };
    try {
      const duration = file.type.startsWith("video/") ? await video_length(file) : 0;
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

// Videos: one <video> per key, absolutely placed over the canvas and clipped to the part of the
// page it lies in (the rest of the canvas stays visible). watched: the end of the stretch played
// from the start without a jump forward; seeking back is fine. A seek moves `last` to where it
// lands, and playback counts only while it goes on from inside the watched stretch, so a jump
// ahead (played to the end or not) adds nothing. The wheel over the player scrolls the page as
// over the canvas.
EM_JS(void, js_place_video, (const char* key_ptr, const char* url_ptr, double x, double y, double w, double h,
                             double clip_x0, double clip_y0, double clip_x1, double clip_y1), {
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
    const played_on = function(t) {
      if (v.last <= v.watched && t >= v.last && isFinite(t)) v.watched = Math.max(v.watched, t);
      v.last = t;
    };
    el.addEventListener("seeking", function() { v.last = el.currentTime; });
    el.addEventListener("timeupdate", function() { played_on(el.currentTime); });
    el.addEventListener("ended", function() { played_on(el.currentTime); });
    el.addEventListener("wheel", function(e) {
      e.preventDefault();
      Module.canvas.dispatchEvent(new MouseEvent("mousemove", { clientX: e.clientX, clientY: e.clientY, bubbles: true }));
      Module.canvas.dispatchEvent(new WheelEvent("wheel", e));
    }, { passive: false });
  }
  const r = Module.canvas.getBoundingClientRect();
  v.el.style.left = (window.scrollX + r.left + x) + "px";
  v.el.style.top = (window.scrollY + r.top + y) + "px";
  v.el.style.width = w + "px";
  v.el.style.height = h + "px";
  const top = Math.max(0, clip_y0 - y), left = Math.max(0, clip_x0 - x);
  const bottom = Math.max(0, y + h - clip_y1), right = Math.max(0, x + w - clip_x1);
  v.el.style.clipPath = top || left || bottom || right ? "inset(" + top + "px " + right + "px " + bottom + "px " + left + "px)" : "";
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

void pick_and_upload(std::uint32_t id, std::int64_t program, const char* accept, const char* purpose) {
  g_progress[id] = 0;
  js_pick_and_upload(id, static_cast<double>(program), accept, purpose);
}

std::vector<UploadResult> take_uploads() { return std::exchange(g_uploads, {}); }

double upload_progress(std::uint32_t id) {
  auto it = g_progress.find(id);
  return it == g_progress.end() ? -1 : it->second;
}

void place_video(const char* key, const char* url, float x, float y, float w, float h, float clip_x0, float clip_y0, float clip_x1,
                 float clip_y1, float pixel_ratio) {
  const float s = pixel_ratio > 0 ? 1.0f / pixel_ratio : 1.0f;
  js_place_video(key, url, x * s, y * s, w * s, h * s, clip_x0 * s, clip_y0 * s, clip_x1 * s, clip_y1 * s);
}

void end_video_frame() { js_end_video_frame(); }
double watched_seconds(const char* key) { return js_watched(key); }
bool video_playing(const char* key) { return js_playing(key) != 0; }

} // namespace pd::client::platform
