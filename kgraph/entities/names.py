"""Name rules for entities, free of spaCy: cleaning, known aliases, match keys, acronyms,
and the clustering of one article's (name, type) pairs into entities.

:mod:`kgraph.entities.mentions` applies them to a parsed article; :mod:`kgraph.entities.identity`
to entities across articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from functools import cache, lru_cache
from importlib import resources

from kgraph.models import ENTITY_TYPES, EntityRef

VARIANTS_FILE = "name_variants.tsv"

#: Well-known alternative names, keyed by their case-folded form.
KNOWN_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
}
#: Types an alias table entry may be recognized as, mapped to the type it gets.
_PLACE_TYPES = {"GPE", "LOC", "NORP", "ORG"}
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof|president)\.?\s+", re.I)
#: Titles that are part of a peer's name: "Lord Roberts" is not "Sion Aubrey Roberts".
PEER_TITLES = {"lord", "lady", "baroness", "baron"}
#: Forms of address a name keeps only to tell a person apart ("Mrs Howard").
TITLES = {"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms."}
_CORPORATE_SUFFIX = re.compile(r"[\s,]+(?:inc|corp|corporation|ltd|llc|plc|co|group)\.?$", re.I)
_LEADING_THE = re.compile(r"^The\s+(?=\S)")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_MINOR_WORDS = {"and", "of", "the", "for", "&", "in", "on", "at", "to"}
#: Type preference when votes tie (people and organizations first: the usual model slips).
TYPE_ORDER = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
)


@lru_cache(maxsize=100_000)  # asked of the same mention texts again and again
def clean_name(text: str) -> str:
    """A mention's name without a leading article, honorific, possessive ending or a country
    code after a slash ("Sale/ENG")."""
    name = " ".join(text.split())
    name = re.sub(r"^(?:the|an?)\s+", "", name, flags=re.I)
    name = re.sub(r"^(?:ex|former)-(?=\w)", "", name, flags=re.I)  # "Ex-Welsh Office"
    name = _POSSESSIVE.sub("", name) if name.endswith(("'s", "’s")) else name
    name = _without_country_code(name)  # "Sale/ENG" of a squad list: the club Sale
    return _HONORIFICS.sub("", name).strip(" ,;:-\"'“”") or name


#: A country code after a club's name in a squad list: "Sebastien Bruno (Sale/ENG)".
_COUNTRY_CODE = re.compile(r"(?<=[a-z])/([A-Z]{2,3})$")

#: Nations that field their own teams, beside the gazetteer's countries.
_HOME_NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")


def _without_country_code(name: str) -> str:
    """The name without a trailing "/ENG" whose letters begin a country's name ("In-Stat/MDR"
    stays whole)."""
    match = _COUNTRY_CODE.search(name)
    return name[: match.start()] if match and _is_country_code(match.group(1)) else name


@cache
def _is_country_code(code: str) -> bool:
    from kgraph.entities.lexicon import places

    return any(_abbreviates(code, n) for n in (*places().countries, *_HOME_NATIONS))


def _abbreviates(code: str, country: str) -> bool:
    """Whether a code is a country's: its name's first letters ("ENG", "FRA"), or for a name
    of several words its letters in order from the first ("NZL")."""
    code, name = code.casefold(), country.casefold()
    if name.startswith(code):
        return True
    if " " not in name or not name.startswith(code[0]):
        return False
    rest = iter(name)
    return all(letter in rest for letter in code)


def canonical(name: str, type_: str) -> tuple[str, str]:
    """The canonical name and type of a cleaned name (known aliases applied)."""
    known = KNOWN_ALIASES.get(name.casefold())
    if known and type_ in _PLACE_TYPES:
        return known, "GPE" if known == "United States" or known == "United Kingdom" else type_
    return name, type_


def match_key(name: str) -> str:
    """The key of a name: no corporate suffix, no leading "The" ("The World" is "World")."""
    return _CORPORATE_SUFFIX.sub("", _LEADING_THE.sub("", name)).casefold()


@cache
def name_variants() -> dict[str, str]:
    """The variant → canonical name table of ``kgraph/data/name_variants.tsv``."""
    text = resources.files("kgraph").joinpath("data", VARIANTS_FILE).read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            variant, canonical = line.split("\t", 1)
            table[variant.strip().casefold()] = canonical.strip()
    return table


@lru_cache(maxsize=200_000)
def variant_canonical(name: str) -> str:
    """The canonical form of a name listed as a variant ("Tories" → "Conservative Party")."""
    return name_variants().get(name.casefold(), name)


@lru_cache(maxsize=200_000)
def entity_key(name: str) -> str:
    """The key equal names share across articles: variants, case and corporate suffix aside."""
    return match_key(variant_canonical(name))


def is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is the tail of ``full`` ("Trump" of "Donald Trump")."""
    short_words, full_words = short.casefold().split(), full.casefold().split()
    return len(short_words) < len(full_words) and full_words[-len(short_words) :] == short_words


def _name_preference(name: str, count: int) -> tuple[bool, int, int, str]:
    return (not _CORPORATE_SUFFIX.search(name), len(name.split()), count, name)


def is_acronym(name: str) -> bool:
    """True for a name written as capitals only: "UCU", "BBC"."""
    return bool(_ACRONYM.fullmatch(name))


def initials(name: str) -> str:
    """Capital initials of a name's significant words ("University and College Union" → "UCU")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _MINOR_WORDS]
    return "".join(w[0] for w in words).upper()


def _majority(votes: Counter[str]) -> str:
    return min(votes, key=lambda t: (-votes[t], TYPE_ORDER.index(t) if t in TYPE_ORDER else 99, t))


def cluster_names(
    names: Iterable[tuple[str, str]], not_people: Collection[str] = frozenset()
) -> dict[tuple[str, str], EntityRef]:
    """Group canonical (name, type) pairs into entities; map each pair to its entity.

    The type is not part of identity: the same name under two labels is one entity, typed
    by the majority of the labels of its fullest name (all labels kept as votes). Names
    that differ only by corporate suffix merge. A short name that is the tail of exactly
    one longer PERSON name ("Trump", "Donald Trump") merges into it unless it was labelled
    a place the gazetteer knows (a slip like "Ebbers" as ORG or "Zvonareva" as GPE is no
    contradiction when the article names the person in full). A first name labelled
    PERSON ("Steven") merges into the one full name of the article that starts with it
    ("Steven Gerrard"). "Dave Collins" merges into the article's "David Collins". An
    acronym merges into the one longer name whose initials it spells ("UCU", "University
    and College Union").
    A bare institution name merges into the one longer name it ends or begins ("Institute",
    "American Film Institute"; "Bank", "Bank of England").
    Two different full names never merge, and a name the article itself says is no
    person (``not_people``, by match key: "Ford, the US car company") joins no person's
    full name ("Bill Ford").
    """
    counts = Counter(names)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    groups: dict[str, list[str]] = defaultdict(list)
    surface_counts: Counter[str] = Counter()
    for (name, type_), count in counts.items():
        key = match_key(name)
        votes[key][type_] += count
        surface_counts[name] += count
        if name not in groups[key]:
            groups[key].append(name)
    persons = [
        k
        for k in groups
        if _majority(votes[k]) == "PERSON" and len(k.split()) > 1 and k.split()[0] not in TITLES
    ]  # "Mrs Howard", kept apart from Michael Howard, takes no "Howard"
    merged: dict[str, str] = _nickname_forms(persons)
    informal = {surface for key in merged for surface in groups[key]}  # "Jim Smith"
    persons = [k for k in persons if k not in merged]
    for key in groups:
        if (
            "PERSON" in votes[key]
            or not votes[key].keys() & {"GPE", "LOC", "NORP"}
            or not _known_place(groups[key][0])
        ):
            longer = [other for other in persons if is_short_form(key, other)]
            if len(longer) == 1 and key not in not_people:
                merged[key] = longer[0]
                continue
        if "PERSON" in votes[key] and len(key.split()) == 1 and key not in PEER_TITLES:
            # "Steven" for the one Steven in the article ("Steven Gerrard"), no surname clash
            first = [o for o in persons if o.split()[0] == key]
            if len(first) == 1 and not any(o.split()[-1] == key for o in persons):
                merged[key] = first[0]
                continue
        if is_acronym(groups[key][0]):
            spelled = [
                o for o in groups if o != key and len(o.split()) > 1 and _spells(key, groups[o])
            ]
            if len(spelled) == 1:
                merged[key] = spelled[0]
                continue
        whole = _whole_institution(key, groups, votes)
        if whole is not None:
            merged[key] = whole
    own_votes = {key: Counter(tally) for key, tally in votes.items()}
    for short in list(merged):
        long = _final_name(short, merged)
        if long == short or short not in groups:
            continue  # two names that would each join the other stay apart
        groups[long].extend(groups.pop(short))
        votes[long].update(votes.pop(short))
    result: dict[tuple[str, str], EntityRef] = {}
    for key, members in groups.items():
        name = max(
            members, key=lambda m: (m not in informal, _name_preference(m, surface_counts[m]))
        )
        aliases = tuple(sorted(set(members) - {name}))
        tally = votes[key]  # the full name's own labels decide ("Ebbers" as ORG is a slip)
        type_ = _majority(own_votes[key])
        entity = EntityRef.make(name, type_, aliases, tuple(sorted(tally.items())))
        for member in members:
            for type_ in ENTITY_TYPES:
                if (member, type_) in counts:
                    result[member, type_] = entity
    return result


def _final_name(key: str, merged: dict[str, str]) -> str:
    """Where ``key`` ends following ``merged`` ("Collins" → "Dave Collins" → "David
    Collins"); ``key`` itself when the chain comes back to a name it passed."""
    seen = [key]
    while seen[-1] in merged:
        following = merged[seen[-1]]
        if following in seen:
            return key
        seen.append(following)
    return seen[-1]


def _nickname_forms(persons: list[str]) -> dict[str, str]:
    """Full names of the article whose first name is a nickname of another's with the same
    surname ("Dave Collins" → "David Collins"), mapped to that one formal name."""
    from kgraph.entities.identity import nickname_of

    found = {}
    for key in persons:
        first, rest = key.split(" ", 1)
        formal = [
            o
            for o in persons
            if o != key
            and o.split(" ", 1)[1] == rest
            and nickname_of(first, o.split(" ", 1)[0])
            and _more_formal(o.split(" ", 1)[0], first)
        ]
        if len(formal) == 1:
            found[key] = formal[0]
    return found


def _more_formal(name: str, nickname: str) -> bool:
    """Which of two first names each a short form of the other is the formal one: the
    longer ("Anthony", not "Tony"), else the later in the alphabet; any known full form of
    a nickname otherwise."""
    from kgraph.entities.identity import nickname_of

    if not nickname_of(name, nickname):
        return True
    return (len(name), name) > (len(nickname), nickname)


def _whole_institution(
    key: str, groups: dict[str, list[str]], votes: dict[str, Counter[str]]
) -> str | None:
    """The one longer name of the article a bare institution name stands for: "Institute"
    for the American Film Institute, "District Court" for the US District Court, "Bank" for
    the Bank of England (its last word, or its first before "of"); None when there are two
    ("Bank" beside the Bank of England and the World Bank), or it is a person or a place."""
    from kgraph.entities.lexicon import institution_words

    last = groups[key][0].split()[-1]
    if last not in institution_words() or "PERSON" in votes[key] or _known_place(groups[key][0]):
        return None
    short = groups[key][0]
    longer = [
        other
        for other in groups
        if other != key
        and _majority(votes[other]) != "PERSON"
        and any(_ends_or_opens(short, name) for name in groups[other])
    ]
    return longer[0] if len(longer) == 1 else None


def _ends_or_opens(short: str, name: str) -> bool:
    """Whether ``name`` ends with ``short`` as written ("American Film Institute", not
    "IRNA news agency" for "News Agency"), or opens with it before "of" ("Bank of
    England", "News Agency of Nigeria")."""
    words, full = short.split(), name.split()
    if len(full) <= len(words):
        return False
    return full[-len(words) :] == words or full[: len(words) + 1] == [*words, "of"]


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows the name as a country, nationality or city: a surname
    the model labelled a place ("Zvonareva" beside "Vera Zvonareva") is no place."""
    from kgraph.entities.lexicon import geo_places, places

    gazetteer = places()
    known = KNOWN_ALIASES.get(name.casefold(), name)
    return bool(
        gazetteer.country(known)
        or gazetteer.demonym(known)
        or gazetteer.city_country(known)
        or geo_places().get(known.casefold())  # "Wales", "Europe"
    )


def _spells(acronym_key: str, names: list[str]) -> bool:
    return any(spells(acronym_key, name) for name in names)


def spells(acronym: str, name: str) -> bool:
    """True when ``acronym`` is the initials of ``name``'s significant words, at most one
    skipped after the first ("ONS", "Office for National Statistics"; "PCS", "Public and
    Commercial Services Union")."""
    letters, wanted = initials(name), acronym.upper()
    if len(wanted) < 2 or not letters.startswith(wanted[0]) or len(letters) - len(wanted) > 1:
        return False
    rest = iter(letters)
    return all(letter in rest for letter in wanted)
