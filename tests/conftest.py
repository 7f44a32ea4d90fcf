"""Shared fixtures: an isolated data directory and a tiny HTTP server on 127.0.0.1."""
from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def real_data_dir() -> Path | None:
    """Where real MNIST / Tiny Shakespeare files are for the tests, if anywhere."""
    for candidate in (os.environ.get("COURSE_DATA_DIR"), SHARED_DATA):
        if candidate and (Path(candidate) / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file():
            return Path(candidate)
    return None


@pytest.fixture
def empty_data_dir(tmp_path, monkeypatch) -> Path:
    """COURSE_DATA_DIR pointed at a new, empty folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(folder))
    return folder


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[bytes, int | None]] = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        body, claimed_length = self.routes.get(self.path, (None, None))
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(claimed_length if claimed_length is not None else len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True  # a claimed length above len(body) means: cut off mid-transfer

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """Serve ``server.routes[path] = (body, claimed_length)`` at ``server.url + path`` on 127.0.0.1."""
    handler = type("Handler", (_Handler,), {"routes": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.routes = handler.routes
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: a download from it fails at once, as offline."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package, driven by playwright). Missing, it fails with what to install."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` "
                    "(.ci/run does), or point COURSE_CHROMIUM at another Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()
