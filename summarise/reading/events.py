"""Incidents: which casualty rows report the same event, and what, where, when and by whom it was.

Each row is read in its sentence (summarise.reading.incidents); a part the sentence leaves out is taken
from the sentence before it in its paragraph. Rows then join an incident unless the text sets them apart:
a past incident mentioned in passing ("in July 2016", "a week ago") is its own event; a row naming
another perpetrator, or another place than every row of an incident so far, starts a new one. Figures
of one sentence always share their incident (children within a toll, police within the dead).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from summarise.reading.dates import article_date, iso_date, months_back
from summarise.reading.figures import reported_figures
from summarise.reading.incident_places import Containments, place_of
from summarise.reading.incident_words import in_lower_case
from summarise.reading.incidents import NO_PERPETRATOR, Incident, read_incident
from summarise.reading.lexicon import (
    AGENT_NOUNS,
    ATTACKER_NOUNS,
    CROWD_AGENT_NOUNS,
    REPORTING_VERBS,
    STATE_AGENT_NOUNS,
    alternation,
)
from summarise.reading.perpetrators import attacker_named, claimed_by
from summarise.reading.sentences import Sentence, Sentences, sentence_before
from summarise.reading.sides import country_of
from summarise.result import UNKNOWN_PERPETRATOR, CheckedCasualty, Event, GroundedCasualty
from summarise.schema import Party

__all__ = ["group_events"]


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") else noun


def _head(what: str | None) -> str:
    """The noun of an incident's name ("attack" of "missile attack")."""
    return what.split()[-1].casefold() if what else ""


@dataclass
class _Group:
    """An incident being assembled: its rows (indexes) and what their sentences say of it."""

    background: bool
    named: str | None = None  # the incident the row that began it is said to be "killed in": that one alone
    tally: bool = False  # begun by a count over a month, not of one incident
    part_of: _Group | None = None  # the incident told with no place whose toll it gives in one place
    actor: str | None = None  # who did it, once group_events has read it
    rows: list[int] = field(default_factory=list)
    readings: list[Incident] = field(default_factory=list)  # each row's, gaps filled from its context
    own: list[Incident] = field(default_factory=list)  # each row's, from its own sentence
    _firsts: dict[tuple[str, bool], str] = field(default_factory=dict)
    _places: set[str] = field(default_factory=set)
    _kind: str | None = None
    _heads: set[str] = field(default_factory=set)

    def add(self, position: int, own: Incident, filled: Incident, fought_back: bool = False) -> None:
        """Row ``position`` with its readings; what the group says first of each part is kept as it comes. The
        actor of a row whose victims are the attackers (``fought_back``) is no perpetrator of the incident."""
        self.rows.append(position)
        self.own.append(own)
        if fought_back:
            own, filled = replace(own, perpetrator=None), replace(filled, perpetrator=None)
        self._keep(own, True)
        self.fill(filled)
        if own.where:
            self._places.add(own.where.casefold())
        self._kind = self._kind or own.kind
        if own.what:
            self._heads.add(_head(own.what))

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

    def kind(self) -> str | None:
        """The kind of incident its rows' sentences first name."""
        return self._kind

    def heads(self) -> set[str]:
        """The nouns its rows' sentences name their incident by ("attack", "violence")."""
        return self._heads


def _same_actor(first: str, second: str) -> bool:
    first_key, second_key = (country_of(name) or name.casefold() for name in (first, second))
    return first_key == second_key or first.casefold() in second.casefold() or second.casefold() in first.casefold()


def _named(actor: str) -> bool:
    """A named actor ("Iran", "Islamic State"), not a generic one ("security forces", "the gunman"), which
    may belong to any named side and so sets no row apart."""
    if actor.casefold() in AGENT_NOUNS:  # "Security forces" opening a sentence
        return False
    return actor[:1].isupper() or country_of(actor) is not None


def _named_apart(group: _Group, reading: Incident, story: bool) -> bool:
    """Whether the incident a row or a group is said to be "killed in" sets them apart: another kind of incident
    ("the 58 killed in the train attack", in a toll of riots), another incident than the one a group is named
    for, or, for an incident other than the story's own, another noun than any of its rows' ("the massacre")."""
    if group.named and reading.what and reading.what.casefold() != group.named.casefold():
        return True
    if not reading.named:
        return False
    kind = group.kind()
    if kind and reading.named_kind and reading.named_kind != kind:
        return True
    return _specific(reading.named) and not story and not group.named and _head(reading.named) not in group.heads()


def _side(actor: str) -> str | None:
    """Whether an actor the text gives no name is a crowd ("rival mobs") or the state's forces ("riot police")."""
    words = actor.casefold().split()
    for noun in (" ".join(words[-2:]), words[-1] if words else ""):
        if noun in CROWD_AGENT_NOUNS:
            return "crowd"
        if noun in STATE_AGENT_NOUNS:
            return "state"
    return None


def _opposed(first: str, second: str) -> bool:
    """Whether two actors the text gives no name are the two sides of a riot: a crowd and the state's forces."""
    return {_side(first), _side(second)} == {"crowd", "state"}


def _same_place(first: str, second: str, within: Container[tuple[str, str]] = frozenset()) -> bool:
    """Whether two case-folded places are one: a name within the other, or a place the article puts inside the
    other (``within``: "the Cameo nightclub in Cincinnati")."""
    return first in second or second in first or (first, second) in within or (second, first) in within


def _placed_apart(known: set[str], place: str | None, within: Container[tuple[str, str]] = frozenset()) -> bool:
    """Whether ``place`` is none of the ``known`` places."""
    folded = place.casefold() if place else ""
    return bool(known and folded and not any(_same_place(folded, other, within) for other in known))


def _fits(group: _Group, reading: Incident, story: bool = False,
          within: Container[tuple[str, str]] = frozenset()) -> bool:
    """Whether nothing in ``reading`` sets it apart from ``group`` (``story``: the story's own incident)."""
    if group.background != reading.background or _named_apart(group, reading, story):
        return False
    if reading.where and not group.places() and group.kind() == "unrest":
        return False  # a toll of unrest told with no place ("430 killed in the violence"), and a place's own
    perpetrator = group.first("perpetrator")
    if perpetrator and reading.perpetrator and (_named(perpetrator) and _named(reading.perpetrator) and
                                                not _same_actor(perpetrator, reading.perpetrator) or
                                                _opposed(perpetrator, reading.perpetrator)):
        return False
    if _placed_apart(group.places(), reading.where, within):
        return False
    when = group.first("when", own=True)
    return not (reading.background and when and reading.when and when != reading.when)


def _same_past(group: _Group, reading: Incident) -> bool:
    """Whether a past incident is told as the same as ``group``'s: the same place or the same time. Past
    incidents mentioned in passing are each their own unless the text ties them."""
    place = (reading.where or "").casefold()
    return bool(place and any(_same_place(place, known) for known in group.places())) or \
        bool(reading.when and reading.when == group.first("when", own=True))


@lru_cache(maxsize=16)
def _figure_bounds(sentence: str) -> tuple[list[int], list[int]]:
    """Where the figures of a sentence start and end, each sorted; read once for all the rows it holds."""
    figures = reported_figures(sentence)
    return sorted(figure.start for figure in figures), sorted(figure.end for figure in figures)


def _lead(sentence: str) -> int:
    """Where the sentence's first figure starts."""
    starts, _ = _figure_bounds(sentence)
    return starts[0] if starts else len(sentence)


def _clauses(sentence: str, near: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The parts of ``sentence`` that belong to the figure at ``near``: after it, up to the next figure ("45
    were killed in Lwarai Mandi and 23 ..."), and before it, back to the figure before ("The toll in Teri
    Mangal rose to 81")."""
    starts, ends = _figure_bounds(sentence)
    after = bisect_right(starts, near)  # the first figure that starts after ``near``
    before = bisect_right(ends, near)  # the figures that end by ``near``
    return (near, starts[after] if after < len(starts) else len(sentence)), (ends[before - 1] if before else 0, near)


_ATTACKERS = re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?(?:{alternation(ATTACKER_NOUNS)})\b", re.IGNORECASE)


def _attackers_counted(text: str, figure: str) -> bool:
    """Whether the figure counts the attackers themselves ("killed all four attackers")."""
    return bool(_ATTACKERS.match(figure)) or bool(figure and _ATTACKERS.match(text, text.find(figure) + len(figure)))


@dataclass(frozen=True)
class _Reading:
    """A row's sentence (its index), what it says of the row's incident alone and with its gaps filled from
    the sentence before, and whether the row counts the attackers."""

    sentence: int | None
    own: Incident
    filled: Incident
    fought_back: bool
    previous: int | None = None  # the sentence before it in its paragraph
    tally: bool = False  # a count over this month or the last, not of one incident (_dated)


def _specific(named: str | None) -> bool:
    """Whether the incident a figure is said to be "killed in" is named by more than its noun ("the train
    attack", not "the attack"): an incident of its own, not one named before."""
    return named is not None and " " in named


def _pointed_back(own: Incident, before: Incident | None) -> Incident:
    """A figure "killed in the incident", or "in the attack" after a sentence naming an attack, was killed in
    the incident the sentence ``before`` names ("... the church massacre of Friday. 18 were killed in the
    incident."); "the strikes" after "a missile attack" are not that attack."""
    if own.named is None or _specific(own.named):
        return own
    generic = own.named_kind is None  # "the incident"
    if before is not None and before.what and (generic or _singular(_head(own.named)) == _singular(_head(before.what))):
        return replace(own, what=before.what, named=before.what, named_kind=before.kind)
    return replace(own, named=None) if generic else own  # a bare "incident" names nothing of itself


# A sentence that opens on a place sets the scene of the sentences after it: "In Osk, shops were burnt. 'Two
# were killed,' the police chief said."
_SCENE = re.compile(r"^\W*(?:in|at)\s+([^,]{2,60}),", re.IGNORECASE)
_SCENE_REACH = 3  # sentences back, within the paragraph
# "In Washington, officials condemned the attack": where someone spoke, not a scene ("was reported" is one).
_SPOKEN = re.compile(rf"(?<!was )(?<!were )(?<!been )\b(?:{alternation(REPORTING_VERBS)})\b", re.IGNORECASE)


def _scene(sentences: list[Sentence], index: int) -> str | None:
    """The place the nearest sentence before ``sentences[index]`` in its paragraph opens on, if any."""
    for back in range(index - 1, max(-1, index - 1 - _SCENE_REACH), -1):
        if sentence_before(sentences, back + 1) is None:
            return None
        text = sentences[back].text
        opening = _SCENE.match(text)
        if opening and not _SPOKEN.search(text, opening.end()) and \
                (place := place_of(opening.group(0), in_lower_case(text))):
            return place
    return None


def _reading(row: CheckedCasualty, index: int | None, sentences: list[Sentence]) -> _Reading:
    """What the row's sentence says of its incident, alone and with its gaps filled from the sentence before
    it in its paragraph."""
    figure = row.killed or row.injured
    if index is None:
        alone = read_incident(row.quote)
        return _Reading(None, alone, alone, False)
    sentence = sentences[index]
    near = max(sentence.text.find(figure.text), 0) if figure else 0
    own = read_incident(sentence.text, near, _clauses(sentence.text, near), _lead(sentence.text))
    fought_back = figure is not None and row.killed is figure and _attackers_counted(sentence.text, figure.text)
    previous = sentence_before(sentences, index)
    before = read_incident(previous.text, len(previous.text)) if previous is not None else None
    named_here = _specific(own.named)  # "the 58 killed in the train attack": no other sentence's incident
    own = _pointed_back(own, before)
    if own.where is None and not own.background and (scene := _scene(sentences, index)):
        own = replace(own, where=scene)
    if before is None or named_here:
        return _Reading(index, own, own, fought_back, None if before is None else index - 1)
    return _Reading(index, own, replace(own, what=own.what or before.what, where=own.where or before.where,
                                        when=own.when or before.when,
                                        perpetrator=own.perpetrator or before.perpetrator), fought_back, index - 1)


# A month named alone this far back is a past incident ("In March, attackers killed 32"); last month's toll
# ("403 were killed in November", in a story of 2 December) is still the news.
_PAST_MONTHS = 2


def _dated(reading: _Reading, dated: date | None) -> _Reading:
    """The row's reading, in the past where its time is a month named alone, long enough before the article;
    a tally over the month where the month is this one or the last ("403 were killed in November")."""
    back = months_back(reading.own.when or "", dated)
    if back is None or reading.own.background:
        return reading
    if back < _PAST_MONTHS:
        return replace(reading, tally=True)
    return replace(reading, own=replace(reading.own, background=True),
                   filled=replace(reading.filled, background=True))


def _grouped(readings: list[_Reading], within: Container[tuple[str, str]] = frozenset()) -> list[_Group]:
    """Rows into incidents, in article order: a row joins its sentence's incident; a row whose sentence says
    nothing of its incident ("However, police put the toll at five.") joins the sentence before it; else the
    first incident nothing sets it apart from (the story's own comes first), else a new one. A tally over the
    month joins only a tally; a toll given place by place joins no incident without a place."""
    groups: list[_Group] = []
    by_sentence: dict[int, _Group] = {}
    places: dict[int | None, set[str]] = {}  # the places each sentence puts its rows in
    for row_reading in readings:
        if row_reading.own.where:
            places.setdefault(row_reading.sentence, set()).add(row_reading.own.where.casefold())

    def split(row_reading: _Reading) -> bool:
        return row_reading.sentence is not None and len(places.get(row_reading.sentence, ())) > 1

    def fits(group: _Group, row_reading: _Reading, by_place: bool = True) -> bool:
        # A toll given place by place ("81 in Osk, 45 in Vel") is no part of an incident told with no place.
        return _fits(group, row_reading.own, group is groups[0], within) and \
            (group.tally or not row_reading.tally) and \
            not (by_place and split(row_reading) and not group.places())

    for position, row_reading in enumerate(readings):
        sentence, reading = row_reading.sentence, row_reading.own
        group = by_sentence.get(sentence) if sentence is not None else None
        if group is None and row_reading.previous is not None and not (reading.what or reading.where or
                                                                       reading.perpetrator):
            group = by_sentence.get(row_reading.previous)
        if group is not None and not fits(group, row_reading):
            group = None
        if group is None:
            fitting = [group for group in groups
                       if fits(group, row_reading) and (not reading.background or _same_past(group, reading))]
            group = fitting[0] if fitting else None
        if group is None:
            whole = next((other for other in groups if fits(other, row_reading, by_place=False)), None) \
                if split(row_reading) else None
            group = _Group(background=reading.background, named=reading.named if _specific(reading.named) else None,
                           tally=row_reading.tally, part_of=whole)
            groups.append(group)
        group.add(position, reading, row_reading.filled, row_reading.fought_back)
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


def _sentence_mates_actor(group: _Group, groups: list[_Group], readings: list[_Reading]) -> str | None:
    """The perpetrator of another incident of the same time a row of ``group`` shares its sentence with:
    "Jets raided the border, killing 81 in Teri and 45 in Vel" is one raid's toll in two places."""
    sentences = {readings[position].sentence for position in group.rows} - {None}
    if group.named:  # an incident named apart from its sentence's ("the 58 killed in the train attack")
        return None
    for other in groups:
        if other is not group and other.background == group.background and \
                sentences & {readings[position].sentence for position in other.rows}:
            actor = _actor(other)
            if actor not in (None, NO_PERPETRATOR):
                return actor
    return None


def _told_after(group: _Group, readings: list[_Reading], sentences: Sentences, counted: set[int | None]) -> str | None:
    """Who the rest of the paragraph of the incident's first row says did it, in sentences that count no one
    and speak of an incident (not among the ``counted`` sentences, those of the rows): "21 people a day were
    killed in November. He traced the violence to actions by the Red Hand."."""
    first = readings[group.rows[0]].sentence if group.rows else None
    if first is None:
        return None
    index = first + 1
    while index < len(sentences) and sentence_before(sentences, index) is not None and index not in counted:
        told = read_incident(sentences[index].text)
        if told.what and told.perpetrator:  # of an incident ("the violence"), not of an arrest or a complaint
            return None if told.perpetrator == NO_PERPETRATOR else told.perpetrator
        index += 1
    return None


def _whole(part: str, group: _Group) -> str | None:
    """What the incident a toll in one place is part of says of ``part`` ("what", "when")."""
    return group.part_of.first(part) if group.part_of else None


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
    dated = article_date(sentences.article)
    readings = [_dated(_reading(row, index, sentences), dated) for row, index in zip(rows, indexes, strict=True)]
    lede = read_incident(" ".join(sentence.text for sentence in sentences[:_LEDE_SENTENCES]))
    texts = [sentence.text for sentence in sentences]
    events, ordered = [], []
    groups = _grouped(readings, Containments(sentences.article))
    counted = {reading.sentence for reading in readings}  # the sentences that hold rows
    for number, group in enumerate(groups, start=1):
        event_id = f"e{number}"
        when = group.first("when") or _whole("when", group) or ""
        story = number == 1 and not group.background
        # Whoever claimed "the attack" did the story's own incident, unless its rows' sentences name who did;
        # the whole article is read for it only then.
        actor = _actor(group) or (claimed_by(texts) if story else None)
        if story:
            group.fill(lede)  # the story's own incident: what the headline and lede say of it fills gaps
        actor = actor or _actor(group) or _sentence_mates_actor(group, groups, readings) or \
            (attacker_named(texts) if story else None) or _told_after(group, readings, sentences, counted) or \
            (group.part_of.actor if group.part_of else None)  # "the toll in Osk": the raid's, in Osk
        group.actor = actor
        perpetrator = _party_of(actor, parties or [])
        what = group.first("what") or _whole("what", group) or "incident"
        events.append(Event(id=event_id, what=what, where=group.first("where") or "", when=when,
                            date=iso_date(when, dated), perpetrator=perpetrator, background=group.background))
        for position, reading in zip(group.rows, group.own, strict=True):
            own = _party_of(reading.perpetrator, parties or []) if reading.perpetrator else perpetrator
            ordered.append(rows[position].in_event(event_id, own))
    return events, ordered
