"""The vis-network build bundled with the web app's static files, for pages written outside the app."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

__all__ = ["vis_network_js", "vis_network_path"]

_RELATIVE = Path("static", "vendor", "vis-network", "vis-network.min.js")


def vis_network_path() -> Path:
    """Where ``vis-network.min.js`` is installed: in ``netmap.web``'s folder, found without importing
    ``netmap.web`` (which would load Flask; the web app imports the export, not the other way)."""
    spec = importlib.util.find_spec("netmap.web")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / _RELATIVE
        if path.is_file():
            return path
    raise FileNotFoundError("vis-network.min.js not found in netmap.web's static files; reinstall netmap")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The script's text, safe to inline in a ``<script>`` element."""
    return vis_network_path().read_text(encoding="utf-8").replace("</script", "<\\/script")
