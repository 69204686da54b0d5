# ruff: noqa: F811  (pytest fixtures imported from tests.web_fixtures)
"""The web app in English, French and Spanish: complete catalogs, the language chosen and remembered,
every page rendered in French and Spanish without English interface text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pycountry
import pytest

from tests.catalogs import (
    PLACEHOLDER,
    assert_french_typography,
    assert_placeholders_kept,
    missing,
    read_catalog,
    strings,
    used_msgids,
)
from tests.web_fixtures import HOME, PASSWORD, app, csrf_token, login, server, web_store  # noqa: F401

WEB = Path(__file__).resolve().parent.parent / "web"
TRANSLATIONS = WEB / "translations"
LANGS = ("fr", "es")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _used_msgids() -> set[str]:
    """Every string the templates and views mark for translation, extracted as pybabel does."""
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "N_": None}
    return used_msgids(WEB, method_map, keywords)


def _catalog(lang: str) -> dict[str, Any]:
    return read_catalog(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_interface_string_has_a_translation(lang: str) -> None:
    used = _used_msgids()
    assert len(used) > 150
    lacking = missing(used, _catalog(lang))
    assert lacking == [], f"{lang} catalog misses {len(lacking)} string(s): {lacking[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_every_placeholder(lang: str) -> None:
    assert_placeholders_kept(lang, _catalog(lang))


def test_french_uses_its_own_punctuation_spacing() -> None:
    assert_french_typography(_catalog("fr"))


# --- the language of a request -----------------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("header", "lang", "word"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "fr", "Connexion à netmap"),
        ("es-419,es;q=0.9", "es", "Iniciar sesión en netmap"),
        ("de-DE,de;q=0.9", "en", "Log in to netmap"),
        (";;;q=x,,,\x7f", "en", "Log in to netmap"),
        ("", "en", "Log in to netmap"),
    ],
)
def test_the_browser_language_is_used_and_anything_else_falls_back_to_english(
    app: Any, header: str, lang: str, word: str
) -> None:
    page = app.test_client().get("/login", headers={"Accept-Language": header})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in text
    assert word in text


@pytest.mark.neo4j
def test_the_chosen_language_beats_the_browser_and_is_remembered(app: Any) -> None:
    client = app.test_client()
    token = csrf_token(client)
    answer = client.post("/language", data={"lang": "es", "next": "/login", "csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/login")
    assert "netmap_lang=es" in answer.headers["Set-Cookie"] and "HttpOnly" in answer.headers["Set-Cookie"]
    again = client.get("/login", headers={"Accept-Language": "fr"})
    assert '<html lang="es">' in again.get_data(as_text=True)


@pytest.mark.neo4j
def test_the_switcher_refuses_unknown_languages_outside_addresses_and_missing_tokens(app: Any) -> None:
    client = app.test_client()
    token = csrf_token(client)
    assert client.post("/language", data={"lang": "de", "csrf_token": token}).status_code == 400
    outside = client.post("/language", data={"lang": "fr", "next": "//evil.example/", "csrf_token": token})
    assert outside.status_code == 302 and "evil.example" not in outside.headers["Location"]
    assert client.post("/language", data={"lang": "fr"}).status_code == 400  # no CSRF token


@pytest.mark.neo4j
def test_numbers_and_dates_follow_the_locale(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    client.set_cookie("netmap_lang", "fr")
    page = client.get("/entry-points").get_data(as_text=True)
    assert re.search(r"<td title=\"[^\"]*\">\d,\d\d</td>", page), "scores with a decimal comma"
    client.set_cookie("netmap_lang", "es")
    assert re.search(r"<td title=\"[^\"]*\">\d,\d\d</td>", client.get("/entry-points").get_data(as_text=True))
    client.set_cookie("netmap_lang", "en")
    assert re.search(r"<td title=\"[^\"]*\">\d\.\d\d</td>", client.get("/entry-points").get_data(as_text=True))


@pytest.mark.neo4j
def test_country_filter_lists_show_country_names_in_the_readers_language_in_name_order(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    for lang, names in (("fr", ("Allemagne", "Jordanie", "Suisse")), ("es", ("Alemania", "Jordania", "Suiza"))):
        client.set_cookie("netmap_lang", lang)
        for path in ("/entry-points", "/grid"):
            page = client.get(path).get_data(as_text=True)
            select = page[page.index('<select name="country"') :]
            select = select[: select.index("</select>")]
            options = re.findall(r'<option value="(\w+)"\s*>([^<]*)</option>', select)
            shown = dict(options)
            assert (shown["DEU"], shown["JOR"], shown["CHE"]) == names, (path, options[:5])
            plain = [
                "".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c))
                for _c, n in options
            ]
            assert plain == sorted(plain, key=str.casefold), path  # by name, accents aside


@pytest.mark.neo4j
def test_entry_points_and_actor_pages_name_countries_in_the_readers_language(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    client.set_cookie("netmap_lang", "fr")
    table = client.get("/entry-points").get_data(as_text=True)
    table = table[table.index("<tbody") : table.index("</tbody>")]
    cells = re.findall(r"<td>([^<]*)</td>", table)
    codes = {c.alpha_3 for c in pycountry.countries}
    assert not [c for c in cells if c in codes], "a country shown as its ISO code"
    assert {"Allemagne", "Jordanie"} & set(cells), "a country named in French"
    page = client.get("/actors/xss-ngo").get_data(as_text=True)
    assert re.search(r"<dt>Pays</dt><dd>Allemagne</dd>", page), "the actor's country by its French name"


@pytest.mark.neo4j
def test_error_pages_and_json_errors_are_translated(app: Any) -> None:
    client = login(app.test_client(), "viewer")
    client.set_cookie("netmap_lang", "fr")
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "Il n’y a aucune page à cette adresse." in page.get_data(as_text=True)
    client.set_cookie("netmap_lang", "es")
    assert client.get("/console").get_json() is None  # a page, not JSON
    assert "Acceso denegado" in client.get("/console").get_data(as_text=True)


# --- every page in a real browser ----------------------------------------------------------------------

PAGES = (
    "/",
    "/entry-points",
    "/grid",
    "/world",
    "/coverage",
    f"/actors/{HOME}",
    "/actors/unhcr",
    "/paths?from=iom&to=adecco",
    "/console",
    "/import",
)
#: The header's layout at the page's width: how many rows its links take, its height, what is cut.
HEADER_LAYOUT = """() => { const header = document.querySelector('header.top');
    const items = [...header.querySelectorAll('a, button, .who')];
    const rows = new Set([...header.querySelectorAll('nav a')].map(e => Math.round(e.getBoundingClientRect().top)));
    const cut = items.filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().height > 40
        || e.getBoundingClientRect().right > window.innerWidth).map(e => e.textContent.trim());
    return {rows: rows.size, height: header.getBoundingClientRect().height, cut}; }"""
#: Elements that hold interface text only (never data) on every page.
UI_SELECTORS = "nav a, button, th, h2, h3, summary, dt, label, .lead, .empty, .map-status, .legend, p.note"
#: Their text without what is data or code inside them: filter options, inputs, code (parameter names),
#: anything marked ``.data`` (a sector name heading a column).
UI_TEXT = """els => els.map(e => { const c = e.cloneNode(true);
    c.querySelectorAll('select, option, input, textarea, code, .data').forEach(x => x.remove());
    return (c.textContent || '').replace(/\\s+/g, ' ').trim(); })"""


def _english_phrases() -> set[str]:
    """The English interface strings that a translated page must not show (words that read the same in
    the other languages, such as "Format" or "Source", are left out by comparing with both catalogs)."""
    fr, es = _catalog("fr"), _catalog("es")
    phrases = set()
    for msgid in _used_msgids():
        for part in PLACEHOLDER.split(msgid)[::2]:
            part = part.strip(" .:;,()…")
            translated = " ".join(t for m in (fr.get(msgid), es.get(msgid)) if m for t in strings(m))
            same = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", translated) is not None
            if len(part) >= 4 and not same and part.lower() not in {"netmap", "cypher", "wikidata", "csv"}:
                phrases.add(part)
    return phrases


@pytest.mark.browser
@pytest.mark.neo4j
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_in_french_and_spanish_shows_no_english_interface_text(browser: Any, server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale=lang)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/login")
    assert page.get_attribute("html", "lang") == lang
    page.fill("input[name=name]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    english = _english_phrases()
    ARTIFACTS.mkdir(exist_ok=True)
    for path in PAGES:
        page.goto(server + path)
        if path == "/":
            page.wait_for_selector("body[data-map-ready='1']", timeout=30000, state="attached")
        if path == "/world":
            page.wait_for_selector("#world-map[data-drawn]", timeout=30000, state="attached")
        if path.startswith("/paths"):
            page.wait_for_selector("body[data-paths-ready='1']", timeout=30000, state="attached")
        texts = page.eval_on_selector_all(UI_SELECTORS, UI_TEXT)
        for text in texts:
            hits = [p for p in english if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
            assert hits == [], f"{lang} {path}: English interface text {hits} in {text!r}"
        header = page.evaluate(HEADER_LAYOUT)
        assert header["rows"] == 1 and header["height"] < 60, f"{lang} {path}: the header wraps: {header}"
        assert header["cut"] == [], f"{lang} {path}: header items cut or off screen: {header}"
        page.screenshot(path=str(ARTIFACTS / f"i18n-{lang}{_slug(path)}.png"))
    assert errors == []
    context.close()


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).rstrip("-") or "-map"
