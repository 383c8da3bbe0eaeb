"""The app as `studio run` serves it: Streamlit's own server, where a page opened from a link
connects at once.

A Streamlit page opened at a page's own address (a bookmark of /client, a link in an e-mail, a
reload) does not know where the server's root is: it asks /client/_stcore/health first, is
refused, and asks the root a tenth of a second later. Each page served here says where the root
is: the address the browser opened, less the page's own path. Anything else goes through as it
is, and a page whose address does not end with its path keeps Streamlit's own search.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Streamlit answers every page's address with its index.html, which holds this line. The script
# goes at the end of its head: Streamlit's own are modules, which run after the whole document.
INDEX_MARK = b"window.prerenderReady = false"
PAGE_PATH = re.compile(r"[A-Za-z0-9_-]+")  # a page's url_path (and nothing a script could hold)


def root_script(page: str) -> bytes:
    """The script that gives Streamlit the server's root when the page's address ends with
    `/page`: the address without it."""
    suffix = json.dumps(f"/{page}")
    return (
        "<script>(function(){var p=location.pathname.replace(/\\/+$/,''),s="
        f"{suffix};if(p.slice(-s.length)===s)window.__streamlit=Object.assign({{}},"
        "window.__streamlit,{BACKEND_BASE_URL:location.origin+p.slice(0,-s.length)+'/'});})();"
        "</script>"
    ).encode()


def page_of(path: str, base: str) -> str | None:
    """The page a request for `path` opens, when it is one page below the root `base`
    (server.baseUrlPath); None for the root itself and anything else."""
    prefix = f"/{base.strip('/')}" if base.strip("/") else ""
    if not path.startswith(prefix):
        return None
    page = path[len(prefix) :].strip("/")
    return page if PAGE_PATH.fullmatch(page) else None


class DirectConnect:
    """ASGI middleware: a page's index.html, asked for at the page's own address, carries the
    script that tells Streamlit where the server's root is (`root_script`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; a page's index.html comes back with the script."""
        page = None
        if scope["type"] == "http" and scope["method"] == "GET":
            page = page_of(scope["path"], str(config.get_option("server.baseUrlPath") or ""))
        if page is None:
            await self.app(scope, receive, send)
            return
        # Uncompressed, to add the script (a page is 8 kB); kept whole until it is complete.
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        start: Message = {}
        body: list[bytes] = []

        async def amend(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            content = b"".join(body)
            kept = list(start.get("headers", []))
            if start.get("status") == 200 and INDEX_MARK in content:
                content = content.replace(b"</head>", root_script(page) + b"</head>", 1)
                # The length changes; the validators were the file's, not this page's.
                dropped = {b"content-length", b"etag", b"last-modified"}
                kept = [(k, v) for k, v in kept if k.lower() not in dropped]
                kept.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": kept})
            await send({"type": "http.response.body", "body": content})

        await self.app({**scope, "headers": headers}, receive, amend)


app = st.App("app.py", middleware=[Middleware(DirectConnect)])
