"""Positions a user arranged for a map view, kept in ``NETMAP_HOME/layouts`` (one file per view, bounded).

Saved positions win over computed ones when the view is drawn again.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from netmap.errors import InputError
from netmap.private import private_dir, write_private

__all__ = ["MAX_SAVED_VIEWS", "layout_file", "load_positions", "save_positions"]


def layout_file(home: Path, view_key: str) -> Path:
    digest = hashlib.sha256(view_key.encode()).hexdigest()[:32]
    return Path(home) / "layouts" / f"{digest}.json"


#: Saved views kept at most; saving one more drops the least recently saved (bounded storage).
MAX_SAVED_VIEWS = 200


def save_positions(
    home: Path,
    view_key: str,
    positions: Mapping[str, Any],
    *,
    known: Collection[str] | None = None,
    max_views: int = MAX_SAVED_VIEWS,
) -> int:
    """Keep the positions a user arranged for a view; returns how many were saved.

    With ``known`` (the view's node ids) an id the view does not show is refused, so what is stored
    is bounded by the graph; at most ``max_views`` views are kept, the least recently saved go first.
    """
    clean: dict[str, list[float]] = {}
    if not isinstance(positions, Mapping) or len(positions) > 20000:
        raise InputError("positions", "expected an object of at most 20000 {id: [x, y]} entries")
    unknown = [str(node) for node in positions if known is not None and str(node) not in known]
    if unknown:
        raise InputError(
            "positions",
            f"{len(unknown):,} id(s) are not on this view, e.g. {unknown[0][:50]!r}",
            "reload the map and save its layout again",
        )
    for node, xy in positions.items():
        try:
            x, y = float(xy[0]), float(xy[1])
        except (TypeError, ValueError, IndexError, KeyError):
            raise InputError("positions", f"{str(node)[:50]!r} has no [x, y]") from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InputError("positions", f"{str(node)[:50]!r} has a non-finite position")
        clean[str(node)[:300]] = [round(x, 1), round(y, 1)]
    path = layout_file(home, view_key)
    private_dir(path.parent, root=home)
    write_private(path, json.dumps({"view": view_key, "positions": clean}))
    saved = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in saved[max(max_views, 1) :]:
        old.unlink(missing_ok=True)
    return len(clean)


def load_positions(home: Path, view_key: str) -> dict[str, list[float]]:
    """The positions saved for the view (``{}`` when none). Not cached: it is read only when a map
    payload is computed, and :mod:`.mapview` caches that per view and saved file's mtime."""
    try:
        data = json.loads(layout_file(home, view_key).read_text(encoding="utf-8")).get("positions", {})
    except (OSError, ValueError):
        return {}
    return dict(data) if isinstance(data, dict) else {}
