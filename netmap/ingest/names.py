"""How two organisation names are compared: the comparison key (case, accents, spelling, legal suffixes),
the acronyms a name states, and the words that tell two near names apart."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

__all__ = ["GENERIC_WORDS", "acronym_key", "acronyms_of", "distinguishing_words", "normalise"]

LEGAL_SUFFIXES = frozenset(
    {
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "plc",
        "gmbh",
        "ggmbh",
        "mbh",
        "ag",
        "kg",
        "se",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "ab",
        "as",
        "asa",
        "oy",
        "oyj",
        "aps",
        "ev",
        "pty",
        "pte",
        "sl",
        "kk",
        "ohg",
        "eg",
        "cic",
        "cio",
        "lda",
        "ltda",
        "sapi",
        "cv",
    }
)
SPELLING = {
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "labour": "labor",
    "defence": "defense",
    "international": "international",
    "intl": "international",
    "dept": "department",
    "govt": "government",
    "ministere": "ministry",
}
_PAREN = re.compile(r"\s*[\(\[]([^\)\]]{1,20})[\)\]]\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-\.]{1,11}$")


def _fold(text: str) -> str:
    if not text.isascii():  # ASCII has no compatibility forms and no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("&", " and ").replace("+", " and ")


def normalise(name: str) -> str:
    """The comparison key of an organisation name.

    >>> normalise("The International Organisation for Migration (IOM)")
    'international organization for migration'
    >>> normalise("Siemens Healthineers AG"), normalise("Médecins Sans Frontières")
    ('siemens healthineers', 'medecins sans frontieres')
    """
    text = _PAREN.sub("", name.strip()) or name
    text = _fold(text)
    text = re.sub(r"['’`]", "", text)
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # s.a. → sa, e.v. → ev
    text = re.sub(r"[^\w\s]+", " ", text)
    words = [SPELLING.get(w, w) for w in text.split()]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    if len(words) > 2 and words[-2] in LEGAL_SUFFIXES and words[-1] in LEGAL_SUFFIXES:
        words = words[:-2]
    return " ".join(words)


def acronyms_of(name: str) -> set[str]:
    """Acronyms a name states: a trailing "(IOM)", or the name itself when it is one ("UNHCR")."""
    found = set()
    paren = _PAREN.search(name.strip())
    if paren and _ACRONYM.match(paren.group(1).strip()):
        found.add(acronym_key(paren.group(1)))
    bare = name.strip()
    if _ACRONYM.match(bare) and not any(ch.islower() for ch in bare):
        found.add(acronym_key(bare))
    return {a for a in found if len(a) >= 2}


def acronym_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _fold(text))


#: Words that say nothing about which organisation a name is ("of", "International", "the"...).
GENERIC_WORDS = frozenset(
    "of for the and in on at to a an de la le les l d des du pour et en y del los las el e da do dos das di per"
    " il und fur der die international internationale internacional worldwide global".split()
)

_LONG_GENERIC = [w for w in GENERIC_WORDS if len(w) >= 8]


def distinguishing_words(one: str, other: str) -> list[str]:
    """Words of two normalised names that tell them apart: a word of either side that is not on the
    other, not a misspelling of a word there and not generic.

    >>> distinguishing_words("bulgarian academy of sciences", "hungarian academy of sciences")
    ['bulgarian', 'hungarian']
    >>> distinguishing_words("european science fondation", "european science foundation")
    []
    >>> distinguishing_words("universite de toulouse", "universite de toulon")
    ['toulouse', 'toulon']
    """
    mine = [w for w in dict.fromkeys(one.split()) if not _generic(w)]
    theirs = [w for w in dict.fromkeys(other.split()) if not _generic(w)]
    left = [w for w in mine if w not in theirs and w not in _initials(other.split())]
    right = [w for w in theirs if w not in mine and w not in _initials(one.split())]
    unpaired_right = list(right)
    unpaired_left = []
    for word in left:
        twin = next((w for w in unpaired_right if _typo(word, w)), None)
        if twin is None:
            unpaired_left.append(word)
        else:
            unpaired_right.remove(twin)
    return unpaired_left + unpaired_right


def _generic(word: str) -> bool:
    return word in GENERIC_WORDS or (len(word) >= 8 and any(_typo(word, g) for g in _LONG_GENERIC))


def _typo(one: str, other: str) -> bool:
    """One word misspelt: same first letter, one edit apart (two for words of 8 letters or more); words
    under 5 letters must be equal ("MoH" / "MoE")."""
    shorter = min(len(one), len(other))
    allowed = 2 if shorter >= 8 else 1
    return shorter >= 5 and one[:1] == other[:1] and Levenshtein.distance(one, other, score_cutoff=allowed) <= allowed


def _initials(words: list[str]) -> set[str]:
    return {"".join(w[0] for w in words if w), "".join(w[0] for w in words if w and w not in GENERIC_WORDS)}
