"""The core's words in French and Spanish: complete catalogs, the analytics' reasons rendered in the
reader's language from their message ids, English exactly as the core writes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from netmap.analytics.entry_points import rank_entry_points
from netmap.analytics.structure import structural_scores
from netmap.errors import InputError
from netmap.i18n import LOCALE_DIR, check_language, translator
from netmap.messages import Message
from tests.catalogs import assert_french_typography, assert_placeholders_kept, missing, read_catalog, used_msgids

CORE = Path(__file__).resolve().parent.parent / "netmap"
LANGS = ("fr", "es")


def _used_msgids() -> set[str]:
    """Every string the core marks for its catalogs, extracted as ``pybabel extract -F netmap/babel.cfg`` does."""
    return used_msgids(CORE, [("**.py", "python")], {"_": None, "N_": None, "Message": None, "n_": (1, 2)})


def _catalog(lang: str) -> dict[str, Any]:
    return read_catalog(LOCALE_DIR / lang / "LC_MESSAGES" / "netmap.po", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_core_string_has_a_translation(lang: str) -> None:
    used = _used_msgids()
    catalog = _catalog(lang)
    assert len(used) > 200
    lacking = missing(used, catalog)
    assert lacking == [], f"{lang} catalog misses {len(lacking)} string(s): {lacking[:10]}"
    obsolete = sorted(set(catalog) - used)
    assert obsolete == [], f"{lang} catalog keeps {len(obsolete)} string(s) no code uses: {obsolete[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_core_translations_keep_every_placeholder(lang: str) -> None:
    assert_placeholders_kept(lang, _catalog(lang))


def test_core_french_uses_its_own_punctuation_spacing() -> None:
    assert_french_typography(_catalog("fr"))


def _ranked() -> list[Any]:
    g = nx.Graph()
    g.add_node("us", name="Us", label="Actor", sphere="humanitarian")
    g.add_node("p", name="Partner NGO", label="Actor", sphere="humanitarian", engagement="partner")
    g.add_node(
        "firm",
        name="Firm",
        label="Actor",
        sphere="economic",
        influence=4,
        assessedInfluence=5,
        assessedInterest=4,
        stance="supportive",
        assessedBy="A. Officer",
        assessedOn="2026-10-03",
    )
    g.add_node("union", name="Union", label="Actor", sphere="economic")
    for u, v, t in [("us", "p", "PARTNERS_WITH"), ("p", "firm", "MEMBER_OF"), ("firm", "union", "PARTNERS_WITH")]:
        g.add_edge(u, v, cost=1.0, weight=1.0, evidence=[{"type": t, "source": u, "target": v, "weight": 1.0}])
    return rank_entry_points(g, "us", structural_scores(g))


def test_english_rendering_is_the_text_the_core_always_wrote() -> None:
    en = translator("en")
    for entry in _ranked():
        for reason in entry.reasons:
            assert isinstance(reason, Message)
            assert en.render(reason) == str(reason)
    firm = next(e for e in _ranked() if e.id == "firm")
    assert any(str(r).startswith("reachable in 2 hop(s) through Partner NGO (route cost ") for r in firm.reasons)


@pytest.mark.parametrize(
    ("lang", "words", "english"),
    [
        (
            "fr",
            ("joignable en 2\u00a0étapes", "par l’intermédiaire de Partner NGO", "membre de", "évaluée"),
            "reachable",
        ),
        ("es", ("accesible en 2 pasos", "a través de Partner NGO", "miembro de", "evaluada"), "reachable"),
    ],
)
def test_reasons_and_routes_render_in_the_readers_language(lang: str, words: tuple[str, ...], english: str) -> None:
    t = translator(lang)
    firm = next(e for e in _ranked() if e.id == "firm")
    text = " | ".join(t.render_all(firm.reasons))
    for word in words:
        assert word.replace("\u00a0", " ") in text.replace("\u00a0", " "), (word, text)
    assert english not in text and "hop(s)" not in text and "assessed" not in text
    assert "Partner NGO" in text and "Firm" in text  # names are data: never translated
    assert t.render(firm.route and firm.route["text"]).startswith({"fr": "nous (Us)", "es": "nosotros (Us)"}[lang])


def test_numbers_and_dates_follow_the_locale() -> None:
    from netmap.messages import Count, Date, Num, Share

    fr, es, en = translator("fr"), translator("es"), translator("en")
    assert fr.render(Num(1234.567)) == "1\u202f234,57" and en.render(Num(1234.567)) == "1234.57"
    assert es.render(Share(0.953)) == "95\u00a0%" and en.render(Share(1.0)) == "99%"
    assert fr.render(Count(12000)) == "12\u202f000" and en.render(Count(12000)) == "12,000"
    assert fr.render(Date("2026-10-03")) == "3 oct. 2026" and en.render(Date("2026-10-03")) == "2026-10-03"


def test_messages_survive_copying_and_pickling() -> None:
    import copy
    import json
    import pickle

    m = Message("influence %(influence)s/5 in the data", influence=4)
    for other in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert other == m and other.msgid == m.msgid and other.params == m.params
    assert json.dumps([m]) == '["influence 4/5 in the data"]'


@pytest.mark.parametrize("bad", ["de", "fr-FR", "", "english"])
def test_a_language_netmap_does_not_speak_is_refused(bad: str) -> None:
    if bad == "":
        assert check_language(bad) == "en"
        return
    with pytest.raises(InputError) as err:
        check_language(bad)
    assert str(err.value) == f"--lang: {bad!r} is not a language netmap speaks — use one of en, fr, es"


def _ranked_with_names() -> list[Any]:
    g = nx.Graph()
    g.add_node("us", name="Us", name_fr="Nous-mêmes", label="Actor", sphere="humanitarian")
    g.add_node("p", name="Partner NGO", name_fr="ONG partenaire", name_es="ONG asociada", label="Actor")
    g.nodes["p"].update(sphere="humanitarian", engagement="partner")
    g.add_node("firm", name="Firma", name_en="The Firm", label="Actor", sphere="economic")
    for u, v in [("us", "p"), ("p", "firm")]:
        g.add_edge(u, v, cost=1.0, weight=1.0, evidence=[{"type": "PARTNERS_WITH", "source": u, "target": v}])
    return rank_entry_points(g, "us", structural_scores(g))


@pytest.mark.parametrize(
    ("lang", "partner", "home", "firm"),
    [
        ("fr", "ONG partenaire", "Nous-mêmes", "Firma"),
        ("es", "ONG asociada", "Us", "Firma"),
        ("en", "Partner NGO", "Us", "The Firm"),
    ],
)
def test_names_inside_reasons_and_routes_are_the_readers_language_names(
    lang: str, partner: str, home: str, firm: str
) -> None:
    t = translator(lang)
    entry = next(e for e in _ranked_with_names() if e.id == "firm")
    reasons = " | ".join(t.render_all(entry.reasons))
    route = t.render(entry.route and entry.route["text"])
    assert partner in reasons and partner in route and f"({home})" in route and route.endswith(firm)
    others = {"Partner NGO", "ONG partenaire", "ONG asociada"} - {partner}
    assert not any(o in reasons + route for o in others)
    assert str(entry.route and entry.route["text"]).endswith("Firma")  # the English text keeps the original


def test_a_name_keeps_its_other_language_names_through_copying_and_pickling() -> None:
    import copy
    import pickle

    from netmap.messages import Name, Names

    m = Message("through engaged partner(s): %(names)s", names=Names((Name("ILO", {"fr": "OIT"}),)))
    for other in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert translator("fr").render(other) == translator("fr").render(m) and "OIT" in translator("fr").render(m)
    assert translator("fr").render(Name("A", {"fr": "B"})) != translator("fr").render(Name("A", {"fr": "C"}))
