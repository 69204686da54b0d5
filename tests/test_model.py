from netmap.model import (
    ACTOR_KINDS,
    Actor,
    derive_sphere,
    map_kind,
    map_rel_type,
    slugify,
)


def test_map_kind_accepts_vocabulary_and_synonyms():
    assert all(map_kind(k) == k for k in ACTOR_KINDS)
    assert map_kind("UN agency") == "IGO"
    assert map_kind("  Employer   Association ") == "EmployerOrganisation"
    assert map_kind("private sector") == "Company"
    assert map_kind("trade union") == "TradeUnion"


def test_map_kind_returns_none_for_unknown_values():
    assert map_kind("Gov.") is None
    assert map_kind("") is None


def test_map_rel_type_maps_raw_types_onto_the_vocabulary():
    assert map_rel_type("RUNS") == "IMPLEMENTS"
    assert map_rel_type("member of") == "MEMBER_OF"
    assert map_rel_type("partners-with") == "PARTNERS_WITH"
    assert map_rel_type("Funder") == "FUNDS"
    assert map_rel_type("likes") is None


def test_derive_sphere_puts_employers_in_the_economic_sphere():
    assert derive_sphere("Company", ["refugee protection"]) == "economic"
    assert derive_sphere("EmployerOrganisation") == "economic"


def test_derive_sphere_follows_sectors_for_ngos_and_igos():
    assert derive_sphere("NGO", ["refugee protection"]) == "humanitarian"
    assert derive_sphere("NGO", ["refugee protection", "skills training"]) == "both"
    assert derive_sphere("IGO", ["migration", "resettlement"]) == "both"
    assert derive_sphere("Government", []) == "economic"


def test_explicit_sphere_overrides_the_derived_one():
    actor = Actor(id="a", name="A", kind="Company", sphere="both")
    assert actor.effective_sphere() == "both"
    assert Actor(id="b", name="B", kind="NGO").effective_sphere() == "humanitarian"


def test_slugify_makes_stable_ascii_ids():
    assert slugify("Agência para a Integração, Migrações e Asilo") == "agencia-para-a-integracao-migracoes-e-asilo"
    assert slugify("!!!") == "actor"
    assert len(slugify("x" * 200)) == 80
