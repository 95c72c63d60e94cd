"""Incidents: which casualty rows report the same event, and what, where, when and by whom it was.

Each row is read in its sentence (summarise.reading.incidents); a part the sentence leaves out is taken
from the sentence before it in its paragraph. Rows then join an incident unless the text sets them apart:
a past incident mentioned in passing ("in July 2016", "a week ago") is its own event; a row naming
another perpetrator, or another place than every row of an incident so far, starts a new one. Figures
of one sentence always share their incident (children within a toll, police within the dead).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from summarise.reading.dates import article_date, iso_date
from summarise.reading.figures import reported_figures
from summarise.reading.incidents import NO_PERPETRATOR, Incident, read_incident
from summarise.reading.sentences import Sentence, Sentences, sentence_before
from summarise.reading.sides import country_of
from summarise.result import UNKNOWN_PERPETRATOR, CheckedCasualty, Event, GroundedCasualty
from summarise.schema import Party

__all__ = ["group_events"]


@dataclass
class _Group:
    """An incident being assembled: its rows (indexes) and what their sentences say of it."""

    background: bool
    rows: list[int] = field(default_factory=list)
    readings: list[Incident] = field(default_factory=list)  # each row's, gaps filled from its context
    own: list[Incident] = field(default_factory=list)  # each row's, from its own sentence
    _firsts: dict[tuple[str, bool], str] = field(default_factory=dict)
    _places: set[str] = field(default_factory=set)

    def add(self, position: int, own: Incident, filled: Incident) -> None:
        """Row ``position`` with its readings; what the group says first of each part is kept as it comes."""
        self.rows.append(position)
        self.own.append(own)
        self._keep(own, True)
        self.fill(filled)
        if own.where:
            self._places.add(own.where.casefold())

    def fill(self, reading: Incident) -> None:
        """A reading of the incident (a row's, or the lede's) that fills what its rows leave unsaid."""
        self.readings.append(reading)
        self._keep(reading, False)

    def _keep(self, reading: Incident, own: bool) -> None:
        for part in ("perpetrator", "what", "where", "when"):
            if (value := getattr(reading, part)) and (part, own) not in self._firsts:
                self._firsts[part, own] = value

    def first(self, part: str, own: bool = False) -> str | None:
        return self._firsts.get((part, own))

    def places(self) -> set[str]:
        return self._places


def _same_actor(first: str, second: str) -> bool:
    first_key, second_key = (country_of(name) or name.casefold() for name in (first, second))
    return first_key == second_key or first.casefold() in second.casefold() or second.casefold() in first.casefold()


def _named(actor: str) -> bool:
    """A named actor ("Iran", "Islamic State"), not a generic one ("security forces", "the gunman"), which
    may belong to any named side and so sets no row apart."""
    return actor[:1].isupper() or country_of(actor) is not None


def _fits(group: _Group, reading: Incident) -> bool:
    """Whether nothing in ``reading`` sets it apart from ``group``."""
    if group.background != reading.background:
        return False
    perpetrator = group.first("perpetrator")
    if perpetrator and reading.perpetrator and _named(perpetrator) and _named(reading.perpetrator) and \
            not _same_actor(perpetrator, reading.perpetrator):
        return False
    places = group.places()
    if places and reading.where and not any(place in reading.where.casefold() or reading.where.casefold() in place
                                            for place in places):
        return False
    when = group.first("when", own=True)
    return not (reading.background and when and reading.when and when != reading.when)


@lru_cache(maxsize=16)
def _figure_bounds(sentence: str) -> tuple[list[int], list[int]]:
    """Where the figures of a sentence start and end, each sorted; read once for all the rows it holds."""
    figures = reported_figures(sentence)
    return sorted(figure.start for figure in figures), sorted(figure.end for figure in figures)


def _clauses(sentence: str, near: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The parts of ``sentence`` that belong to the figure at ``near``: after it, up to the next figure ("45
    were killed in Lwarai Mandi and 23 ..."), and before it, back to the figure before ("The toll in Teri
    Mangal rose to 81")."""
    starts, ends = _figure_bounds(sentence)
    after = bisect_right(starts, near)  # the first figure that starts after ``near``
    before = bisect_right(ends, near)  # the figures that end by ``near``
    return (near, starts[after] if after < len(starts) else len(sentence)), (ends[before - 1] if before else 0, near)


def _reading(row: CheckedCasualty, index: int | None, sentences: list[Sentence]) -> tuple[Incident, Incident]:
    """What the row's sentence says of its incident, alone and with its gaps filled from the sentence before
    it in its paragraph."""
    if index is None:
        return read_incident(row.quote), read_incident(row.quote)
    sentence = sentences[index]
    figure = row.killed or row.injured
    near = max(sentence.text.find(figure.text), 0) if figure else 0
    own = read_incident(sentence.text, near, _clauses(sentence.text, near))
    previous = sentence_before(sentences, index)
    if previous is None:
        return own, own
    before = read_incident(previous.text, len(previous.text))
    return own, replace(own, what=own.what or before.what, where=own.where or before.where,
                        when=own.when or before.when, perpetrator=own.perpetrator or before.perpetrator)


def _grouped(readings: list[tuple[int | None, Incident, Incident]]) -> list[_Group]:
    """Rows into incidents, in article order: a row joins its sentence's incident, else the first incident
    nothing sets it apart from (the story's own comes first), else a new one."""
    groups: list[_Group] = []
    by_sentence: dict[int, _Group] = {}
    for position, (sentence, reading, filled) in enumerate(readings):
        group = by_sentence.get(sentence) if sentence is not None else None
        if group is not None and not _fits(group, reading):
            group = None
        if group is None:
            fitting = [group for group in groups if _fits(group, reading)]
            group = fitting[0] if fitting else None
        if group is None:
            group = _Group(background=reading.background)
            groups.append(group)
        group.add(position, reading, filled)
        if sentence is not None:
            by_sentence[sentence] = group
    return sorted(groups, key=lambda group: group.background)  # stable: main events first, in article order


# The headline and first sentence: where a story names its own incident.
_LEDE_SENTENCES = 2


def _actor(group: _Group) -> str | None:
    """Who did it: the first actor its sentences name; nobody when they name none and call it an accident."""
    actor = group.first("perpetrator")
    if actor is None and any(reading.accident for reading in group.readings):
        return NO_PERPETRATOR
    return actor


def _party_of(actor: str | None, parties: list[Party]) -> str | None:
    """The perpetrator as a party id where it names a party, else the text's words; unknown, or None for none."""
    if actor is None:
        return UNKNOWN_PERPETRATOR
    if actor == NO_PERPETRATOR:
        return None
    for party in parties:
        if actor.casefold() in (party.id, party.name.casefold()):
            return party.id
    return actor


def group_events(rows: list[CheckedCasualty], sentences: Sentences,
                 parties: list[Party] | None = None) -> tuple[list[Event], list[GroundedCasualty]]:
    """The events the ``rows`` of the article of ``sentences`` report, and the rows, each in its event (with
    the perpetrator its own sentence names, else its event's), in the order of events."""
    indexes = [None if row.span.start is None else sentences.index_at(row.span.start) for row in rows]
    readings = [(index, *_reading(row, index, sentences)) for row, index in zip(rows, indexes, strict=True)]
    dated = article_date(sentences.article)
    lede = read_incident(" ".join(sentence.text for sentence in sentences[:_LEDE_SENTENCES]))
    events, ordered = [], []
    for number, group in enumerate(_grouped(readings), start=1):
        event_id = f"e{number}"
        when = group.first("when") or ""
        if number == 1 and not group.background:
            group.fill(lede)  # the story's own incident: what the headline and lede say of it fills gaps
        perpetrator = _party_of(_actor(group), parties or [])
        events.append(Event(id=event_id, what=group.first("what") or "incident", where=group.first("where") or "",
                            when=when, date=iso_date(when, dated), perpetrator=perpetrator,
                            background=group.background))
        for position, reading in zip(group.rows, group.own, strict=True):
            own = _party_of(reading.perpetrator, parties or []) if reading.perpetrator else perpetrator
            ordered.append(rows[position].in_event(event_id, own))
    return events, ordered
