"""File digests: the SHA-256 that provenance (``:Source``) and the bundle's manifest record for a file."""

from __future__ import annotations

import hashlib
from os import PathLike


def file_sha256(path: str | PathLike[str]) -> str:
    """The file's SHA-256 as hex, read in 1 MB blocks (any size, constant memory).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"; _ = p.write_bytes(b"abc")
    >>> file_sha256(p)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
