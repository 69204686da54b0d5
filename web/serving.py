"""Serving the app: waitress (a maintained, pure-Python WSGI server) for use, Werkzeug's reloader for development.

The production server runs a pool of threads sized for the machine, closes connections that stay idle
or send nothing for :data:`CHANNEL_TIMEOUT` seconds, caps request bodies just above the upload limit,
sends no ``Server`` header, and stops cleanly on Ctrl+C or SIGTERM: requests in progress get a few
seconds to finish, then the database driver is closed.
"""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import Any

from flask import Flask
from netmap.web.app import MAX_UPLOAD_BYTES

#: Seconds a connection may stay idle (or trickle a request) before it is closed.
CHANNEL_TIMEOUT = 30
#: Open connections at most; more wait in the listen backlog.
CONNECTION_LIMIT = 200


def thread_count(cpus: int | None = None) -> int:
    """Worker threads for this machine: the work is mostly waiting on Neo4j, so a few per core.

    >>> thread_count(1), thread_count(2), thread_count(64)
    (8, 8, 32)
    """
    return max(8, min(32, 4 * (cpus or os.cpu_count() or 1)))


def serve_production(app: Flask, host: str, port: int, *, threads: int | None = None) -> None:
    """Serve ``app`` with waitress until Ctrl+C or SIGTERM, then shut down gracefully."""
    from waitress import create_server

    server: Any = create_server(
        app,
        host=host,
        port=port,
        threads=threads or thread_count(),
        channel_timeout=CHANNEL_TIMEOUT,
        connection_limit=CONNECTION_LIMIT,
        max_request_body_size=MAX_UPLOAD_BYTES + 1024 * 1024,
        ident="",  # no Server header naming the software and its version
        clear_untrusted_proxy_headers=True,
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # waitress's loop ends on it and lets the workers finish

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        store = app.extensions.get("netmap_store")
        if store is not None:
            store.close()


def serve_development(app: Flask, host: str, port: int) -> None:
    """Werkzeug's development server with the reloader (restarts on code changes; never for real use)."""
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=True, use_debugger=False)
