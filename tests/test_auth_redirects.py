"""The ``next`` target after login: a path on this site, or the home page."""

from __future__ import annotations

import pytest

from netmap.auth.redirects import safe_next


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nSet-Cookie: x=1",
        "/\\evil.example",
        "\\\\evil.example",
        "/ /evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/\x00x",
        "/\x7f/evil",
        "/" + "a" * 2001,
        "",
        None,
    ],
)
def test_anything_that_could_leave_the_site_goes_home(target: str | None) -> None:
    assert safe_next(target, "/") == "/"


@pytest.mark.parametrize("target", ["/", "/actors/iom", "/entry-points?kind=NGO&sphere=economic", "/%2F%2Fevil"])
def test_paths_on_this_site_are_kept(target: str) -> None:
    assert safe_next(target, "/home") == target
