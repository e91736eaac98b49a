#include "client/views/views.hpp"

namespace pd::client::views {

void draw_app(const AppState& app, UiState& ui, Dispatch& dispatch) {
  switch (app.route.page) {
  case Page::loading: draw_loading(app, ui, dispatch); break;
  case Page::signin: draw_signin(app, ui, dispatch); break;
  case Page::home:
    draw_shell(app, ui, dispatch);
    draw_home(app, ui, dispatch);
    break;
  }
}

} // namespace pd::client::views
