"""The server: a page's index.html says where the server's root is, nothing else changes (in a
browser: tests/e2e/test_browser.py, a page opened from a link); the app's modules load as it
starts."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from serve import DirectConnect, page_of
from studio import ROOT

INDEX = (
    b"<html><head><script>\n      window.prerenderReady = false\n    </script>"
    b'<script type="module" src="./static/js/index.js"></script>\n  </head><body></body></html>'
)


def answer(
    path: str,
    status: int = 200,
    body: bytes = INDEX,
    type_: bytes = b"text/html",
    method: str = "GET",
):
    """What the middleware sends for a `method` request of `path` whose inner app answers
    `body` (in two parts), and the request the inner app saw."""
    seen: dict = {}
    headers = [
        (b"content-type", type_),
        (b"content-length", str(len(body)).encode()),
        (b"etag", b'"abc"'),
        (b"accept-ranges", b"bytes"),
        (b"cache-control", b"no-cache"),
    ]

    async def inner(scope, receive, send):
        seen.update(scope, headers=dict(scope["headers"]))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:20], "more_body": True})
        await send({"type": "http.response.body", "body": body[20:]})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(b"accept-encoding", b"gzip"), (b"range", b"bytes=0-99"), (b"host", b"x")],
        "extensions": {"http.response.pathsend": {}},
    }
    # In a thread of its own: the browser tests leave Playwright's event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, DirectConnect(inner)(scope, receive, send)).result()
    start = sent[0]
    content = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), content, seen


def test_a_pages_index_says_where_the_root_is():
    status, headers, content, asked = answer("/delivery")
    assert status == 200
    # One script at the end of the head; every byte of the page is still there.
    added = content[content.index(b"<script>(function") : content.index(b"</head>")]
    assert b's="/delivery"' in added and b"BACKEND_BASE_URL" in added
    assert content.replace(added, b"") == INDEX
    assert int(headers[b"content-length"]) == len(content)
    assert b"etag" not in headers and headers[b"cache-control"] == b"no-cache"
    # Asked for whole, uncompressed and as body messages, so the script can be added.
    assert {b"accept-encoding", b"range"}.isdisjoint(asked["headers"])
    assert b"accept-ranges" not in headers and asked["extensions"] == {}


def test_a_head_request_gets_the_pages_own_headers():
    status, headers, content, asked = answer("/delivery", method="HEAD")
    _, got, page, _ = answer("/delivery")
    assert (status, content, asked["method"]) == (200, b"", "GET")
    assert headers == got and int(headers[b"content-length"]) == len(page)


@pytest.mark.parametrize(
    ("path", "body", "type_"),
    [
        ("/", INDEX, b"text/html"),  # the root: Streamlit asks only there
        ("/_stcore/health", b"ok", b"text/plain"),
        ("/static/js/index.js", b"console.log(1)", b"application/javascript"),
        ("/delivery", b"Not found", b"text/plain"),  # not Streamlit's index.html
        ("/_stcore/x", INDEX, b"text/html"),
        ("/a<script>", INDEX, b"text/html"),  # nothing but a page's path goes into a script
    ],
)
def test_everything_else_goes_through_as_it_is(path, body, type_):
    status, headers, content, _ = answer(path, body=body, type_=type_)
    assert (status, content) == (200, body)
    assert headers[b"etag"] == b'"abc"' and int(headers[b"content-length"]) == len(body)


def test_a_page_that_is_not_found_is_left_as_it_is():
    status, headers, content, _ = answer("/delivery", status=404)
    assert (status, content, headers[b"etag"]) == (404, INDEX, b'"abc"')


@pytest.mark.parametrize(
    ("path", "base", "page"),
    [
        ("/delivery", "", "delivery"),
        ("/delivery/", "", "delivery"),
        ("/data-health", "", "data-health"),
        ("/", "", None),
        ("/studio/delivery", "studio", "delivery"),
        ("/studio", "studio", None),  # the landing page under a base path
        ("/studio/", "/studio/", None),
        ("/other/delivery", "studio", None),
        ("/studiodelivery", "studio", None),
        ("/client/extra", "", None),
        ("/_stcore/health", "", None),
    ],
)
def test_the_page_a_request_opens(path, base, page):
    assert page_of(path, base) == page


def test_the_apps_modules_load_as_the_server_starts():
    # A process of its own, where nothing of the app is loaded yet.
    script = """
import asyncio, sys, threading
import serve
names = ("ui", "metrics.charts", "pandas")
assert not any(name in sys.modules for name in names)
async def start():
    async with serve.warm_up(serve.app):
        pass
asyncio.run(start())
[thread.join() for thread in threading.enumerate() if thread.name == "warm-up"]
print(*(name in sys.modules for name in names))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]
