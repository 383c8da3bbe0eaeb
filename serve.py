"""The app as `studio run` serves it: Streamlit's own server, where a page opened from a link
connects at once.

A Streamlit page opened at a page's own address (a bookmark of /client, a link in an e-mail, a
reload) does not know where the server's root is: it asks /client/_stcore/health first, is
refused, and asks the root a tenth of a second later. Each page served here says where the root
is: the address the browser opened, less the page's own path. Anything else goes through as it
is, and a page whose address does not end with its path keeps Streamlit's own search.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import config

# Streamlit answers every page's address with its index.html, which holds this line. The script
# goes at the end of its head: Streamlit's own are modules, which run after the whole document.
INDEX_MARK = b"window.prerenderReady = false"
PAGE_PATH = re.compile(r"[A-Za-z0-9_-]+")  # a page's url_path (and nothing a script could hold)
# The page is amended whole: not compressed, not in ranges, not sent straight from its file.
REQUEST_HEADERS_DROPPED = {b"accept-encoding", b"range", b"if-range"}
RESPONSE_HEADERS_DROPPED = {b"content-length", b"etag", b"last-modified", b"accept-ranges"}
# What the first view of any page imports (pandas, plotly, the reports' libraries): loaded as the
# server starts, not while the first person to open the app waits (0.7 s of a 3.9 s first view).
WARM_MODULES = ("ui", "metrics.charts")


def root_script(page: str) -> bytes:
    """The script telling Streamlit its server's root: the page's address less `/page`."""
    suffix = json.dumps(f"/{page}")
    return (
        "<script>(function(){var p=location.pathname.replace(/\\/+$/,''),s="
        f"{suffix};if(p.slice(-s.length)===s)window.__streamlit=Object.assign({{}},"
        "window.__streamlit,{BACKEND_BASE_URL:location.origin+p.slice(0,-s.length)+'/'});})();"
        "</script>"
    ).encode()


def page_of(path: str, base: str) -> str | None:
    """The page at `path` one level below the root `base` (server.baseUrlPath), else None."""
    prefix = f"/{base.strip('/')}" if base.strip("/") else ""
    if path != prefix and not path.startswith(f"{prefix}/"):
        return None
    page = path[len(prefix) :].strip("/")
    return page if PAGE_PATH.fullmatch(page) else None


def amended(start: Message, content: bytes, page: str) -> tuple[list, bytes]:
    """The response's headers and body, with the root's script when it is Streamlit's page."""
    headers = list(start.get("headers", []))
    if start.get("status") != 200 or INDEX_MARK not in content:
        return headers, content
    content = content.replace(b"</head>", root_script(page) + b"</head>", 1)
    # The length changes; the validators and ranges were the file's, not this page's.
    headers = [(k, v) for k, v in headers if k.lower() not in RESPONSE_HEADERS_DROPPED]
    return [*headers, (b"content-length", str(len(content)).encode())], content


class DirectConnect:
    """ASGI middleware: a page's index.html, asked for at the page's own address, carries the
    script that tells Streamlit where the server's root is (`root_script`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; a page comes back with the script."""
        page = None
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            page = page_of(scope["path"], str(config.get_option("server.baseUrlPath") or ""))
        if page is None:
            await self.app(scope, receive, send)
            return
        headers_only = scope["method"] == "HEAD"  # answered with the amended page's headers
        start: Message = {}
        body: list[bytes] = []

        async def keep(message: Message) -> None:
            """Hold the response until its last part, then send it amended."""
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers, content = amended(start, b"".join(body), page)
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": b"" if headers_only else content})

        extensions = {k: v for k, v in scope.get("extensions", {}).items() if "pathsend" not in k}
        request = {
            **scope,
            "method": "GET",
            "headers": [(k, v) for k, v in scope["headers"] if k not in REQUEST_HEADERS_DROPPED],
            "extensions": extensions,
        }
        await self.app(request, receive, keep)


def load_modules() -> None:
    """Import `WARM_MODULES`."""
    for name in WARM_MODULES:
        importlib.import_module(name)


@asynccontextmanager
async def warm_up(_app: st.App) -> AsyncIterator[None]:
    """Load the modules every first view needs beside the server as it starts."""
    threading.Thread(target=load_modules, name="warm-up", daemon=True).start()
    yield


app = st.App("app.py", middleware=[Middleware(DirectConnect)], lifespan=warm_up)
