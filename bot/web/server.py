"""Serving the web view with waitress: `csprbot web`, or a thread beside the bot in `csprbot run --web`."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("csprbot.web")


def url_of(core: App, host: str, port: int) -> str:
    web = core.settings.web
    if web.public_url:
        return web.public_url.rstrip("/")
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class WebServer:
    """A waitress server over the Flask app; `start()` runs it in a daemon thread, `close()` stops it."""

    def __init__(self, core: App, host: str | None = None, port: int | None = None) -> None:
        from waitress import create_server

        from bot.web.app import create_app

        web = core.settings.web
        self.host = host or web.host
        port = web.port if port is None else port
        self.url = url_of(core, self.host, port)
        proxy: dict[str, Any] = {"trusted_proxy": web.trusted_proxy, "trusted_proxy_count": 1,
                                 "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}} \
            if web.trusted_proxy else {}
        self._app: Any = None
        self.server: Any = create_server(self._wsgi, host=self.host, port=port, threads=4, ident="csprbot", **proxy)
        self.port = int(self.server.effective_port)
        self.url = url_of(core, self.host, self.port)
        # The app is made once the port is known: sign-in links must carry the real address.
        self._app = create_app(core, base_url=self.url)
        self._thread: threading.Thread | None = None
        self._closing = False

    @property
    def app(self) -> Any:
        """The Flask app served (tests and tools wait on its sign-in mailer: app.extensions["csprbot_signin"])."""
        return self._app

    def _wsgi(self, environ: Any, start_response: Any) -> Any:
        return self._app(environ, start_response)

    def serve_forever(self) -> None:
        log.info("csprbot web view at %s", self.url)
        if not self.url.startswith("https://") and self.host not in ("127.0.0.1", "::1", "localhost"):
            # Session cookies are Secure: browsers keep them over plain HTTP on localhost only.
            log.warning("web view on %s without HTTPS: put a TLS reverse proxy in front and set web.public_url "
                        "to its https:// address, or sign-in will not stick", self.host)
        try:
            self.server.run()
        except OSError:
            if not self._closing:
                raise  # closing the socket under the poll loop ends it with EBADF: that is the stop asked for

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="csprbot-web", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closing = True
        self.server.close()
        # Links asked for just before the stop are still queued (a few seconds at most, not forever).
        self._app.extensions["csprbot_signin"].drain(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=5)

