import pytest

from netmap.model.countries import UnknownCountry, to_iso3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Germany", "DEU"),
        ("de", "DEU"),
        ("DEU", "DEU"),
        ("United Kingdom", "GBR"),
        ("UK", "GBR"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("  kenya ", "KEN"),
    ],
)
def test_to_iso3_accepts_names_and_codes(value, expected):
    assert to_iso3(value) == expected


def test_to_iso3_refuses_unknown_countries():
    with pytest.raises(UnknownCountry):
        to_iso3("Atlantis")
