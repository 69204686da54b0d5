"""Benchmark the format importers: MB/s and peak memory on generated large files, and loading the real data.

    python bench/importers.py [--iati-mb 100] [--hxl-rows 200000] [--real tests/data/real] [--neo4j]
                              [--only iati|hxl|xml] [--baseline-ref REF]
                              [--comment-mb 200] [--before-mb 5,10,20]

* IATI and HXL: a generated file is parsed in a fresh subprocess (so peak RSS is the parser's own);
  reported: size, seconds, MB/s, records, peak RSS (ru_maxrss) and the tracemalloc peak of Python objects.
* HXL's generated 3W has acronym-only rows (about one in eleven) and consortium cells ("A + B", "A / B"),
  as real 3Ws do. Baselines measured in the same run, on the same file: Python's ``csv.reader`` reading it
  (the floor any CSV importer stands on), and with ``--baseline-ref`` the importer as it was at that git
  ref (e.g. ``main``), so a change is judged against the code before it on the same machine, same load.
* A huge XML comment (the security review's 200 KB ``.graphml.gz`` holding a 200 MB comment): one pass of
  the XML reader as it was (the bytes fed to expat as they are) against the reader of today (comments
  stripped before expat), on the same files in the same run, at ``--before-mb`` sizes (the old reader is
  quadratic: 200 MB would take hours), then today's reader alone at ``--comment-mb``.
* Real data: every file under ``--real`` through its importer and the entity resolver (no database), and,
  with ``--neo4j`` and ``NETMAP_NEO4J_URI`` set, the full ``run_import`` into that database (end to end).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
fmt, path = sys.argv[1], Path(sys.argv[2])
trace = sys.argv[3] == "1"
if len(sys.argv) > 4:  # a copy of the importers at a baseline git ref, as a package of its own
    sys.path.insert(0, sys.argv[4])
    from baseline_importers.hxl import HxlImporter as Imp
elif fmt == "iati":
    from netmap.importers.iati import IatiImporter as Imp
elif fmt == "csv":
    import csv

    class Imp:
        def __init__(self, paths):
            self.path = paths[0]

        def read(self):
            with self.path.open(encoding="utf-8", newline="") as fh:
                yield from csv.reader(fh)
else:
    from netmap.importers.hxl import HxlImporter as Imp
if trace:
    tracemalloc.start()
start = time.perf_counter()
n = sum(1 for _ in Imp([path]).read())
seconds = time.perf_counter() - start
peak_py = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
print(json.dumps({"records": n, "seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tracemalloc_mb": peak_py}))
"""

SECTORS = ["Livelihoods", "Protection", "Education", "Health", "WASH", "Shelter", "Vocational training"]
COUNTRIES = ["KE", "UG", "JO", "LB", "TR", "DE", "CA", "AU", "CO", "ET"]


def make_iati(path: Path, megabytes: float, seed: int = 1) -> None:
    rnd = random.Random(seed)
    target = int(megabytes * 2**20)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        i = 0
        while out.tell() < target:
            donor, impl, partner = rnd.randrange(300), 300 + rnd.randrange(5000), 300 + rnd.randrange(5000)
            country = rnd.choice(COUNTRIES)
            tx = "".join(
                f'<transaction><transaction-type code="{rnd.choice("234")}"/>'
                f'<transaction-date iso-date="{rnd.randrange(2015, 2026)}-0{rnd.randrange(1, 10)}-01"/>'
                f'<value currency="{rnd.choice(["USD", "EUR"])}">{rnd.randrange(1000, 10**6)}</value>'
                f'<provider-org ref="XM-DAC-{donor}"><narrative>Donor {donor}</narrative></provider-org>'
                f'<receiver-org ref="XX-ORG-{impl}"><narrative>Organisation {impl}</narrative></receiver-org>'
                f"</transaction>"
                for _ in range(rnd.randrange(1, 6))
            )
            out.write(
                f'<iati-activity default-currency="USD" xml:lang="en"><iati-identifier>XM-DAC-{donor}-{i}'
                f'</iati-identifier><reporting-org ref="XM-DAC-{donor}" type="10"><narrative>Donor {donor}'
                f"</narrative></reporting-org><title><narrative>Programme {i} on skills and labour mobility"
                f"</narrative></title><description><narrative>{'Employer-led pathway pilot. ' * 12}</narrative>"
                f'</description><participating-org ref="XM-DAC-{donor}" role="1" type="10"><narrative>Donor '
                f'{donor}</narrative></participating-org><participating-org ref="XX-ORG-{partner}" role="2" '
                f'type="21"><narrative>Organisation {partner}</narrative></participating-org>'
                f'<participating-org ref="XX-ORG-{impl}" role="4" type="22"><narrative>Organisation {impl}'
                f'</narrative></participating-org><recipient-country code="{country}"/>'
                f'<sector vocabulary="1" code="11330"><narrative>Vocational training</narrative></sector>'
                f"{tx}</iati-activity>\n"
            )
            i += 1
        out.write("</iati-activities>\n")


def make_hxl(path: Path, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Donor,Partner,Implementer,Acronym,Type,Sector,Country,Admin 1,Contact email\n")
        out.write(
            "#org+funder,#org+prog,#org+impl,#org+impl+acronym,#org+impl+type,#sector,#country+code,"
            "#adm1,#contact+email\n"
        )
        for n in range(rows):
            impl = rnd.randrange(20000)
            name = f"Implementer {impl}"
            if n % 11 == 5:  # named only by its acronym
                name = ""
            elif n % 23 == 7:  # a consortium of two implementers, irregular spacing
                name = f"Implementer {impl} {rnd.choice(['+', ' / ', '/', ' + '])} Implementer {rnd.randrange(20000)}"
            out.write(
                f"Donor {rnd.randrange(200)},Partner {rnd.randrange(2000)},{name},IMP{impl},"
                f"National NGO,{rnd.choice(SECTORS)},{rnd.choice(['KEN', 'UGA', 'JOR', 'LBN'])},"
                f"Region {rnd.randrange(50)},someone{impl}@example.org\n"
            )


def baseline_copy(ref: str, into: Path) -> Path:
    """The ``importers/`` folder at git ``ref``, unpacked as the package ``baseline_importers`` under ``into``."""
    repo = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(repo), "archive", ref, "importers"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    (into / "importers").rename(into / "baseline_importers")
    return into


def make_comment_graphml(path: Path, megabytes: int) -> None:
    import gzip

    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b'<?xml version="1.0"?>\n<graphml><graph edgedefault="directed">\n<!--')
        block = b"x" * 2**20
        for _ in range(megabytes):
            out.write(block)
        out.write(b'-->\n<node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>\n')


def read_xml_before(path: Path) -> float:
    """One pass of the XML reader as it was: every chunk fed to the hardened parser unchanged."""
    from xml.etree.ElementTree import TreeBuilder

    from defusedxml.ElementTree import DefusedXMLParser
    from netmap.importers.xmlsafe import CHUNK, open_binary

    start = time.perf_counter()
    parser = DefusedXMLParser(target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    with open_binary(path) as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            parser.feed(chunk)
    parser.close()
    return time.perf_counter() - start


def read_xml_now(path: Path) -> float:
    """One pass of today's reader (what each of the GraphML importer's two passes does)."""
    from netmap.importers.limits import CLI_LIMITS
    from netmap.importers.xmlsafe import iter_elements

    start = time.perf_counter()
    found = sum(1 for event, _ in iter_elements(path, {"node", "edge"}, limits=CLI_LIMITS) if event == "end")
    assert found == 3
    return time.perf_counter() - start


def measure_comments(tmp: Path, before_mb: list[int], comment_mb: int) -> None:
    for mb in before_mb:
        path = tmp / f"comment-{mb}.graphml.gz"
        make_comment_graphml(path, mb)
        before, now = read_xml_before(path), read_xml_now(path)
        print(
            f"xml comment {mb} MB ({path.stat().st_size / 1024:.0f} KB gz): before {before:.2f} s, "
            f"now {now:.2f} s = {before / now:.0f}x faster"
        )
    path = tmp / f"comment-{comment_mb}.graphml.gz"
    make_comment_graphml(path, comment_mb)
    now = read_xml_now(path)
    print(
        f"xml comment {comment_mb} MB ({path.stat().st_size / 1024:.0f} KB gz): now {now:.2f} s "
        f"({comment_mb / now:.0f} MB/s); before: not run (quadratic)"
    )


def measure(fmt: str, path: Path, trace: bool, baseline: Path | None = None) -> dict[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, fmt, str(path), "1" if trace else "0", *([str(baseline)] if baseline else [])],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout)
    size = path.stat().st_size / 2**20
    result["mb"] = size
    result["mb_per_s"] = size / result["seconds"]
    return result


def real_files(root: Path) -> list[tuple[str, list[Path]]]:
    iati = [p for p in sorted((root / "iati").glob("*.xml")) if not p.name.startswith("codelist")]
    hxl = [root / "hxl-3w" / "unhcr-3w-2014_hxl.csv"]
    return [
        ("orgs", sorted((root / "org-lists").glob("*.csv"))),
        ("iati", iati),
        ("hxl", hxl),
        ("gexf", sorted((root / "graphml-gexf").glob("*.gexf"))),
        ("gleif", sorted((root / "gleif").glob("*.json"))),
    ]


def load_real(root: Path, neo4j: bool) -> dict[str, float]:
    from netmap.importers.gleif import GleifImporter
    from netmap.importers.graphml import GexfImporter
    from netmap.importers.hxl import HxlImporter
    from netmap.importers.iati import IatiImporter
    from netmap.importers.orgs import OrgsImporter

    from netmap.ingest.resolve import Resolver
    from netmap.model import Actor

    classes = {
        "orgs": OrgsImporter,
        "iati": IatiImporter,
        "hxl": HxlImporter,
        "gexf": GexfImporter,
        "gleif": GleifImporter,
    }
    start = time.perf_counter()
    resolver = Resolver([])
    records = merged = reviews = 0
    for fmt, paths in real_files(root):
        for record in classes[fmt](paths).read():
            records += 1
            if isinstance(record, Actor):
                match = resolver.match(record)
                merged += match.how != "new"
                reviews += match.review is not None
    result = {
        "records": records,
        "matched": merged,
        "for_review": reviews,
        "seconds_parse_resolve": time.perf_counter() - start,
    }
    if neo4j:
        from netmap.config import load_settings
        from netmap.ingest.pipeline import run_import
        from netmap.store import connect

        store = connect(load_settings())
        try:
            start = time.perf_counter()
            for fmt, paths in real_files(root):
                run_import(store, classes[fmt](paths))
            result["seconds_end_to_end_neo4j"] = time.perf_counter() - start
        finally:
            store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iati-mb", type=float, default=100)
    parser.add_argument("--hxl-rows", type=int, default=200_000)
    parser.add_argument("--real", type=Path, default=Path(__file__).resolve().parents[1] / "tests" / "data" / "real")
    parser.add_argument("--neo4j", action="store_true", help="also load the real data into NETMAP_NEO4J_URI")
    parser.add_argument(
        "--only", choices=["iati", "hxl", "xml"], help="measure one generated format, or the XML comment (no real data)"
    )
    parser.add_argument("--baseline-ref", help="also measure the HXL importer as it was at this git ref")
    parser.add_argument("--comment-mb", type=int, default=200, help="size of the XML comment read by today's reader")
    parser.add_argument("--before-mb", default="5,10,20", help="comment sizes read by both readers")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "xml"):
            measure_comments(Path(tmp), [int(n) for n in args.before_mb.split(",") if n], args.comment_mb)
        iati, hxl = Path(tmp) / "big-iati.xml", Path(tmp) / "big-3w.csv"
        runs: list[tuple[str, str, Path, Path | None]] = []
        if args.only in (None, "iati"):
            make_iati(iati, args.iati_mb)
            runs.append(("iati", "iati", iati, None))
        if args.only in (None, "hxl"):
            make_hxl(hxl, args.hxl_rows)
            runs.append(("csv.reader (baseline)", "csv", hxl, None))
            if args.baseline_ref:
                base = baseline_copy(args.baseline_ref, Path(tmp))
                runs.append((f"hxl at {args.baseline_ref} (baseline)", "hxl", hxl, base))
            runs.append(("hxl", "hxl", hxl, None))
        figures: dict[str, dict[str, float]] = {}
        for label, fmt, path, base in runs:
            speed = measure(fmt, path, trace=False, baseline=base)
            traced = measure(fmt, path, trace=True, baseline=base)
            figures[label] = speed
            print(
                f"{label}: {speed['mb']:.1f} MB, {speed['records']} records in {speed['seconds']:.1f} s = "
                f"{speed['mb_per_s']:.2f} MB/s; peak RSS {speed['rss_mb']:.0f} MB; "
                f"Python objects peak (tracemalloc) {traced['tracemalloc_mb']:.1f} MB"
            )
        if "hxl" in figures:
            for label, base_figures in figures.items():
                if "baseline" in label:
                    print(
                        f"hxl vs {label}: {figures['hxl']['seconds'] / base_figures['seconds']:.2f}x the time, "
                        f"{figures['hxl']['rss_mb'] / base_figures['rss_mb']:.2f}x the peak RSS"
                    )
    if args.real.is_dir() and args.only is None:
        real = load_real(args.real, args.neo4j and bool(os.environ.get("NETMAP_NEO4J_URI")))
        line = (
            f"real data ({args.real}): {real['records']} records, {real['matched']} actors matched, "
            f"{real['for_review']} for review; parse + resolve {real['seconds_parse_resolve']:.2f} s"
        )
        if "seconds_end_to_end_neo4j" in real:
            line += f"; end to end into Neo4j {real['seconds_end_to_end_neo4j']:.2f} s"
        print(line)


if __name__ == "__main__":
    main()
