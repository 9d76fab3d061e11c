"""Word lists and gazetteers the constructions read: countries, demonyms, cities, roles.

The data files live in ``kgraph/data/`` (``countries.tsv``, ``cities.tsv`` and
``geonames.tsv`` are generated from GeoNames and countryinfo by ``scripts/gen_places.py``;
``roles.tsv`` and ``regional_demonyms.tsv`` are kept by hand) and are loaded once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@dataclass(frozen=True)
class Places:
    """Countries with their demonyms and other names, and the cities in them."""

    countries: frozenset[str]  # canonical country names ("Germany", "United States")
    by_name: dict[str, str]  # case-folded name or other name → country
    by_demonym: dict[str, str]  # case-folded demonym ("german", "us") → country
    cities: dict[str, tuple[str, ...]]  # case-folded city or US state → countries, largest first
    us_states: frozenset[str]  # case-folded

    def country(self, name: str) -> str | None:
        """The country a name stands for ("Germany", "the Netherlands"), if it is one."""
        return self.by_name.get(_lookup_key(name))

    def demonym(self, word: str) -> str | None:
        """The country a demonym names ("German" → Germany), if it is one."""
        return self.by_demonym.get(_lookup_key(word))

    def city_country(self, name: str) -> str | None:
        """The country of the most populous city (or US state) of that name, if any."""
        found = self.cities.get(_lookup_key(name))
        return found[0] if found else None


def _fold(text: str) -> str:
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=100_000)  # the same names are looked up again and again
def _lookup_key(name: str) -> str:
    return _fold(name)


#: Nouns for a country's people that the gazetteer's adjectives leave out ("Briton Tim
#: Henman", "Spaniard Carlos Moya"); surnames as well ("Pole", "Finn") are left out.
PERSON_DEMONYMS = {
    **dict.fromkeys(["briton", "englishman", "englishwoman", "welshman"], "United Kingdom"),
    **dict.fromkeys(["welshwoman", "scotsman", "scotswoman"], "United Kingdom"),
    "spaniard": "Spain",
    "frenchman": "France",
    "frenchwoman": "France",
    "dutchman": "Netherlands",
    "irishman": "Ireland",
    "argentine": "Argentina",
    "swede": "Sweden",
    "dane": "Denmark",
}


@lru_cache(maxsize=1)
def places() -> Places:
    """The gazetteer, loaded once."""
    countries: set[str] = set()
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for row in _rows("countries.tsv"):
        name, demonym_list, others = (row + ["", ""])[:3]
        countries.add(name)
        by_name[_fold(name)] = name
        for other in filter(None, others.split("|")):
            by_name.setdefault(_fold(other), name)
        for demonym in filter(None, demonym_list.split("|")):
            by_demonym.setdefault(_fold(demonym), name)  # the most populous country first
    for demonym, country in PERSON_DEMONYMS.items():
        by_demonym.setdefault(demonym, country)
    rows = _rows("cities.tsv")
    cities = {_fold(row[0]): tuple(row[1].split("|")) for row in rows}
    states = frozenset(_fold(row[0]) for row in rows if row[2] == "us-state")
    return Places(frozenset(countries), by_name, by_demonym, cities, states)


@dataclass(frozen=True)
class RegionalDemonym:
    """A word for a person ("Mallorcan", "Scot") or only an origin ("Scottish") of a region
    or city of one country or more (``regional_demonyms.tsv``)."""

    region: str
    countries: frozenset[str]
    person: bool


@lru_cache(maxsize=1)
def regional_demonyms() -> dict[str, RegionalDemonym]:
    """Regional demonyms by case-folded word, loaded once."""
    return {
        _fold(word): RegionalDemonym(region, frozenset(countries.split("|")), kind == "person")
        for word, region, countries, kind in _rows("regional_demonyms.tsv")
    }


def origin_countries(word: str) -> frozenset[str]:
    """The countries a word of origin names: a nationality ("German" → Germany), or a
    region's or a city's people ("Mallorcan" → Spain, "Basque" → Spain and France)."""
    country = places().demonym(word)
    if country is not None:
        return frozenset((country,))
    regional = regional_demonyms().get(_lookup_key(word))
    return regional.countries if regional is not None else frozenset()


def person_demonym(word: str) -> bool:
    """Whether a word may stand for one person of a country or region ("Welshman",
    "Scot", "Mallorcan"), not only describe one ("Scottish")."""
    key = _lookup_key(word)
    regional = regional_demonyms().get(key)
    return key in PERSON_DEMONYMS or (regional is not None and regional.person)


@dataclass(frozen=True)
class Role:
    predicate: str
    of_country: bool  # "German Chancellor X": X holds the role for Germany


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    """Role phrases ("striker", "foreign minister") → their relation, loaded once."""
    return {row[0]: Role(row[1], row[2].strip() == "yes") for row in _rows("roles.tsv")}


#: Words before a role that do not change it ("former striker", "star striker").
NEUTRAL_MODIFIERS = {"former", "ex", "new", "current", "then", "outgoing", "incoming", "top"}
NEUTRAL_MODIFIERS |= {"senior", "veteran", "longtime", "star", "acting", "interim", "young"}


def role(words: list[str]) -> Role | None:
    """The role a phrase names ("foreign minister", "former striker"), if it is a known one.

    Other modifiers change the role: a "vice president" is not a president.
    """
    kept = [w.casefold() for w in words if w.casefold() not in NEUTRAL_MODIFIERS]
    return roles().get(" ".join(kept))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Nouns that name a role a person or organization holds ("chairman", "striker",
    "subsidiary"): the last words of ``roles.tsv`` and of the relation vocabulary's role rows,
    and ``role_nouns.txt``."""
    from kgraph.relations import shipped_vocabulary

    words = {phrase.split()[-1] for phrase in roles()}
    words |= {w[-1] for w in shipped_vocabulary().rules.get("role", {})}
    text = (DATA / "role_nouns.txt").read_text(encoding="utf-8")
    words |= {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(words)


def is_role_noun(lemma: str) -> bool:
    """Whether a noun names a role held in or for something ("chief executive", "striker").

    "Option", "decision", "story" do not: "X is a good option for Y" states no relation.
    """
    return lemma.casefold() in role_nouns()


@lru_cache(maxsize=1)
def _first_names():
    """gender-guesser's detector, its list of names read as one text: the same lines the
    library reads one at a time through ``codecs``, in half the time (0.1 s, not 0.17 s)."""
    from gender_guesser.detector import Detector

    class WholeFileDetector(Detector):
        def _parse(self, filename: str) -> None:
            self.names = {}
            with open(filename, encoding="utf-8") as lines:
                for line in lines.read().splitlines():
                    self._eat_name_line(line.strip())

    return WholeFileDetector(case_sensitive=False)


#: Titles that tell a person's gender ("Mr Blunkett" is not the "she" of the next sentence).
TITLE_GENDER = {
    **dict.fromkeys(["mr", "mr.", "sir", "lord", "baron"], "m"),
    **dict.fromkeys(["mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "baroness"], "f"),
}
#: gender-guesser's answers that tell a gender ("mostly_female" Bernie, "andy" Jo do not).
_GENDERS = {"male": "m", "female": "f"}


def first_name_gender(name: str) -> str | None:
    """ "m" or "f" when a full name's first name is given to men or to women only, from
    the ``gender-guesser`` package's list of 40,000 first names; else None."""
    words = name.split()
    if len(words) < 2:
        return None
    return _first_name_gender(words[0].strip("."))


@lru_cache(maxsize=100_000)
def is_first_name(word: str) -> bool:
    """Whether a word is a first name of the list, of either gender or both ("Chris")."""
    return _first_names().get_gender(word) != "unknown"


@lru_cache(maxsize=100_000)
def _first_name_gender(word: str) -> str | None:
    return _GENDERS.get(_first_names().get_gender(word))


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words that end the name of an institution, a club or an event ("Bank", "Institute",
    "Court", "United"): the "name" rows of ``type_words.tsv``."""
    return frozenset(row[0].strip() for row in _rows("type_words.tsv") if row[2].strip() == "name")


@dataclass(frozen=True)
class GeoPlace:
    """A place of GeoNames: its id, kind, country and coordinates (WGS 84 degrees)."""

    name: str
    geonameid: int
    kind: str  # country, city, us-state, region (England ...), continent
    country: str  # the canonical country name; empty for a continent
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def geo_places() -> dict[str, tuple[GeoPlace, ...]]:
    """Case-folded place name → every GeoNames place of that name (or of which it is a
    short name: "Newcastle" → Newcastle upon Tyne), loaded once."""
    found: dict[str, list[GeoPlace]] = {}
    for row in _rows("geonames.tsv"):
        name, geonameid, kind, country, lat, lon, population = row[:7]
        full = row[7] if len(row) > 7 and row[7] else name  # a short name's GeoNames name
        place = GeoPlace(
            full, int(geonameid), kind, country, float(lat), float(lon), int(population)
        )
        found.setdefault(_fold(name), []).append(place)
    return {name: tuple(places) for name, places in found.items()}


def country_outlines_path() -> Path:
    """The GeoJSON file of country outlines (Natural Earth's low resolution, via countryinfo)."""
    return DATA / "country-outlines.json"


#: The gazetteer under a name that does not clash with :mod:`kgraph.extract.places`.
gazetteer = places
