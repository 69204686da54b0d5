"""How often the entity resolver is right: precision and recall on labelled name pairs, before and after.

    python bench/resolution.py [--pairs tests/data/resolution-pairs.csv] [--baseline-ref main]

Each pair (``a`` and ``b`` with their countries and kinds, ``same`` y/n) is asked once: ``b`` is what the
database knows, ``a`` comes in. The resolver "says duplicate" when it merges ``a`` into ``b`` or proposes
``b`` for review. Precision: of the pairs it calls duplicates, how many are; recall: of the duplicates, how
many it calls. The baseline is the resolver at ``--baseline-ref`` (read from git), measured in the same run
on the same pairs; then the real 3W file (``tests/data/real/hxl-3w``) after the HDX organisation list, the
review candidates each resolver leaves, with the pairs that changed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "resolution-pairs.csv"
REAL = ROOT / "tests" / "data" / "real"


def load_pairs(path: Path = PAIRS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def says_duplicate(resolve: Any, pair: dict[str, str]) -> bool:
    from netmap.model import Actor

    known = {"id": "b", "name": pair["b"], "country": pair["b_country"] or None, "kind": pair["b_kind"] or None}
    match = resolve.Resolver([{**known, "aliases": [], "label": "Actor"}]).match(
        Actor(id="a", name=pair["a"], country=pair["a_country"] or None, kind=pair["a_kind"] or "Other")
    )
    return match.id == "b" or (match.review is not None and match.review.candidate_id == "b")


def measure(resolve: Any, pairs: list[dict[str, str]]) -> dict[str, Any]:
    said = [says_duplicate(resolve, p) for p in pairs]
    truth = [p["same"] == "y" for p in pairs]
    tp = sum(s and t for s, t in zip(said, truth, strict=True))
    called, real = sum(said), sum(truth)
    wrong = [p for p, s, t in zip(pairs, said, truth, strict=True) if s and not t]
    missed = [p for p, s, t in zip(pairs, said, truth, strict=True) if t and not s]
    return {
        "precision": tp / called if called else 1.0,
        "recall": tp / real if real else 1.0,
        "called": called,
        "right": tp,
        "pairs": len(pairs),
        "wrong": wrong,
        "missed": missed,
    }


def real_candidates(resolve: Any) -> list[tuple[str, str, str]]:
    """The review candidates of the HDX organisation list followed by the UNHCR 3W, through the resolver."""
    from netmap.importers.hxl import HxlImporter
    from netmap.importers.orgs import OrgsImporter

    from netmap.model import Actor

    resolver = resolve.Resolver([])
    out = []
    files = [
        OrgsImporter([REAL / "org-lists" / "hdx-hapi-organisations-global.csv"]),
        HxlImporter([REAL / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]),
    ]
    for importer in files:
        for record in importer.read():
            if isinstance(record, Actor):
                match = resolver.match(record)
                if match.review is not None:
                    out.append((match.review.incoming_name, match.review.candidate_name, match.review.reason))
    return out


def baseline(ref: str) -> ModuleType:
    text = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:netmap/ingest/resolve.py"], check=True, capture_output=True, text=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "resolve_baseline.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("resolve_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["resolve_baseline"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--baseline-ref", default="main")
    parser.add_argument("--show", action="store_true", help="list the wrong and missed pairs")
    args = parser.parse_args()
    from netmap.ingest import resolve

    pairs = load_pairs(args.pairs)
    before, after = baseline(args.baseline_ref), resolve
    print(f"{len(pairs)} labelled pairs, {sum(p['same'] == 'y' for p in pairs)} duplicates")
    for label, module in ((f"before ({args.baseline_ref})", before), ("after", after)):
        m = measure(module, pairs)
        print(
            f"{label:>16}: precision {m['precision']:.2f} ({m['right']}/{m['called']}), "
            f"recall {m['recall']:.2f} ({m['right']}/{m['right'] + len(m['missed'])})"
        )
        if args.show:
            for p in m["wrong"]:
                print(f"    wrong: {p['a']!r} ~ {p['b']!r}")
            for p in m["missed"]:
                print(f"   missed: {p['a']!r} ~ {p['b']!r}")
    old, new = real_candidates(before), real_candidates(after)
    print(f"review candidates, HDX list + UNHCR 3W: before {len(old)}, after {len(new)}")
    for a, b, reason in sorted(set(old) - set(new)):
        print(f"   dropped: {a!r} ~ {b!r} ({reason})")
    for a, b, reason in sorted(set(new) - set(old)):
        print(f"     added: {a!r} ~ {b!r} ({reason})")


if __name__ == "__main__":
    main()
