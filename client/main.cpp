// Partnerdesk browser client: opens the window and runs the app's frames.
#include "client/app_frame.hpp"
#include "client/platform/accessibility.hpp"
#include "client/platform/browser.hpp"
#include "client/platform/event_stream.hpp"
#include "client/platform/http.hpp"
#include "client/platform/testing_hooks.hpp"
#include "client/platform/text_input.hpp"
#include "client/platform/theme.hpp"
#include "client/platform/window.hpp"
#include "client/testing/item_table.hpp"
#include "client/ui/ui.hpp"

namespace client = pd::client;

int main() {
  client::platform::install_text_input(); // before the window: its key listener runs before GLFW's
  if (!client::platform::open_window()) {
    client::platform::show_fatal("Partnerdesk needs WebGL 2, which this browser does not provide.");
    return 1;
  }
  if (!client::ui::load_fonts()) {
    client::platform::show_fatal("Partnerdesk could not load its fonts.");
    return 1;
  }
  client::testing::enable(ImGui::GetCurrentContext());
  client::platform::expose_item_table();
  client::platform::install_accessibility_tree();

  // Lives for the whole page: the frame loop never returns.
  static client::App app(client::platform::browser_http(), client::platform::the_browser(),
                        client::platform::browser_event_streams());
  app.start();
  client::platform::run({
      .rescale = [](float ratio) { client::ui::apply_theme(ratio, client::platform::theme_dark()); },
      .update =
          [] {
            // The system's scheme or the person's choice (another tab) changed: recolour.
            const bool dark = client::platform::theme_dark();
            if (dark != client::ui::dark()) {
              client::ui::set_dark(dark);
              client::platform::wake();
            }
            app.update();
          },
      .draw = [] { app.draw(); },
      .after_frame =
          [] {
            app.after_frame();
            client::platform::update_accessibility_tree();
          },
  });
}
