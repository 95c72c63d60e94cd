"""Find casualty figures in one sentence by the phrasing news copy uses, without a model.

A number (or a vague quantity) is a casualty figure only when the sentence ties it to a casualty word:

- after it, through a short noun phrase: "seven non-Iranian nationals were killed", "35 guerrillas and
  5 soldiers dead", "left two teenagers dead", "2,109 injured";
- before it, as the verb: "killing at least 12", "the gunman who killed 49 and injured 53";
- as a toll: "the toll ... rose to 81", "put the toll at five", "the total injured ... to 17".

The kind (killed or injured) is the tied word's, so "killed 49 and injured 53" gives 49 killed and 53
injured whatever order a model would have put them in. A number tied to nothing (an age, "11 police
officers", "62 hostages were rescued") or one that does the killing ("two gunmen killed ...") is not a
figure.

A figure found in an instruction, a hypothetical or a question (summarise.reading.mood) reports no event: it
says why in ``unreported``, and only :func:`reported_figures` become casualty rows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

from summarise.reading.lexicon import (
    CLOCK_WORDS,
    INJURED_WORDS,
    INJURING_VERBS,
    KILLED_WORDS,
    KILLING_VERBS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    PROPERTY_WORDS,
    QUALIFIERS,
    TIME_UNITS,
    UNITS_OF_MEASURE,
    VAGUE_WORDS,
    alternation,
)
from summarise.reading.mood import (
    HYPOTHETICAL,
    INSTRUCTION,
    QUESTION,
    hypothetical_cause,
    is_forecast,
    is_instruction,
    is_question_at,
    modal_governs,
)
from summarise.reading.numbers import NUMBER_WORDS, NUMERAL, parse_figure
from summarise.schema import Figure

__all__ = ["FoundFigure", "find_figures", "reported_figures", "unreported_in"]


def _spaced(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` with every literal space matching any run of whitespace (wire copy wraps lines)."""
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


# Numbers as the one number reader (summarise.reading.numbers) reads them, so grounding finds every figure read
# here; the digits only where they count something (not "$5", "5:30", "5%", "5-year", "1/2").
_DIGITS = rf"(?<![\w.,/:$£€-]){NUMERAL}(?![\w/:]|[.,]\d|-year|%)"
# "a" and "an" alone are read too (and dropped later), so the "a" of "a number" is never a figure of its own.
_WORDS = rf"(?:{NUMBER_WORDS}|\b(?:dozen|an?)\b)"
# The lexicon's vague quantities, less their "of" (read after them). Not "some", a qualifier too ("some 50");
# not "few" alone ("few details"), nor "a dozen or so", which reads as a dozen.
_VAGUE_READ = {words.removesuffix(" of") for words in VAGUE_WORDS} - {"some", "few", "tens", "a dozen or so"}
_VAGUE = rf"several (?:dozen|hundred|thousand)s?|tens of thousands|hundreds of thousands|{alternation(_VAGUE_READ)}"
_QUALIFIER = alternation(phrase for phrases in QUALIFIERS.values() for phrase in phrases)
_LEAD = r"only|another|a further|an additional|additional|all|the"
_AMOUNT = rf"(?:{_DIGITS}|{_WORDS})"
# At most three qualifiers ("at least some"): an unbounded run made a text of them quadratic.
_QUALIFIERS = rf"(?:(?:{_QUALIFIER}) ){{0,3}}"
_FIGURE = _spaced(
    rf"(?<![\w-])(?:(?:{_LEAD}) )?(?P<figure>{_QUALIFIERS}(?P<amount>\b(?:{_VAGUE})\b(?: of)?|"
    rf"between {_AMOUNT} and {_AMOUNT}|{_AMOUNT}(?: ?(?:-|–|to|or) ?{_AMOUNT})?))(?![\w-])"
)

_CASUALTY_AFTER = _spaced(rf"\b(?:(?P<killed>{alternation(KILLED_WORDS)})|(?P<injured>{alternation(INJURED_WORDS)}))\b")
_VERB_FORMS = re.compile(rf"^(?:{alternation((*KILLING_VERBS, *INJURING_VERBS))})$", re.IGNORECASE)
# After a casualty verb, an object means the number before it did the killing: "two gunmen killed three".
_OBJECT = _spaced(rf"^\s*{_QUALIFIERS}(?:{_AMOUNT}|(?:{_VAGUE}|the|his|her|their|its|"
                  rf"people|civilians|soldiers|himself|themselves)\b)")
# What may stand between a number and its casualty word: a short noun phrase ("non-Iranian nationals",
# "people in the city"), then auxiliaries ("were reportedly"). No other verb: "62 hostages were rescued,
# and two militants were killed" ties only "two".
_NOT_IN_PHRASE = re.compile(
    r"\b(?:rescued|freed|released|arrested|detained|kidnapped|abducted|missing|evacuated|displaced|held|taken|"
    r"saved|survived|escaped|fled|deployed|sent|fired|shots|rounds|bullets|said|told|says|"
    r"after|before|since|when|while|because|but|although|which|than|attackers|gunmen|gunman|bombers?|"
    r"suspects?|arrests|remain|remained|remains|still|as|stood|stand|standing|identified|"
    rf"{alternation(UNITS_OF_MEASURE | TIME_UNITS | PROPERTY_WORDS)})\b",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"^(?P<head>[^,;()]{0,40}?),(?P<aside>[^,;]{1,70}),(?P<tail>[^,;()]*)$")
_AUXILIARY = (r"were|was|have|has|had|been|being|are|is|be|reportedly|also|later|all|now|allegedly|confirmed|"
              r"feared|believed|said to be|thought to be|left|of them|of whom|who|and|remained|remain|remains|"
              r"suffered|seriously|critically|slightly|badly|fatally|severely|still|in|a|an")
_VICTIM_END = re.compile(rf"\s(?:{_AUXILIARY})\b.*$|\s*$", re.IGNORECASE)
_BEFORE_VERB_HEAD = (
    r"\b(?:(?P<killed>killing|killed|kills|kill|claimed the lives of|claiming the lives of|took the lives of|"
    r"executed|executing|massacred|murdered|murdering|slaughtered|deaths? of|killings? of|killed were|dead were|"
    r"dead included|dead include)|(?P<injured>injuring|injured|injures|wounding|wounded|wounds|hurting|"
    r"injuries to|injury to|wounds to|injured were|wounded were))"
)
_TOLL_HEAD = (
    r"\b(?:(?P<killed>death toll|toll|number of (?:dead|deaths|those killed|people killed)|fatalities|"
    r"official figure|total (?:number )?of (?:the )?(?:dead|deaths|killed))|(?P<injured>total (?:number )?"
    r"(?:of )?(?:injured|wounded)|number of (?:injured|wounded)))"
)
_TOLL_VERB = (r"\b(?:rose to|risen to|rising to|climbed to|climb to|jumped to|gone up to|went up to|increased to|"
              r"revised to|reached|reach|stood at|stands at|stand at|put at|at|to|hit|of|now|in the|were|was|is)")
# What a number before it measures ("5 km", "3 a.m."), escaped but for the spaces _spaced reads.
_MEASURES = alternation(re.escape(unit).replace("\\ ", " ") for unit in UNITS_OF_MEASURE | TIME_UNITS | CLOCK_WORDS)
_SKIP_AFTER = _spaced(
    rf"^\s*(?:-?years?[- ]old|-year|%|(?:{_MEASURES})s?(?!\w)|times\b|of whom\b|of \d|"
    rf"(?:{alternation(month[:3] for month in MONTHS)})[a-z]*\b)"
)
_SKIP_BEFORE_HEAD = (
    r"(?:\b(?:aged|age|ages|no\.|number|day|on|since|in|of the|out of|route|flight|section|article|chapter|page|"
    rf"room|unit|(?:{alternation(MONTH_ABBREVIATIONS)})\.?|{alternation(MONTHS)})|[$£€#])"
)
# How far after a number its casualty word may lie. The longest tie in the corpus spans 99 characters
# ("school children, returning after appearing for the ssc examinations, sustained minor stab injuries").
_REACH = 300


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of _Index's table
class _EndsAt:
    """A pattern that must end where a number starts ("killing at least", "the toll rose to"), and the
    pattern of its first words. Those are found once per sentence (:class:`_Index`); a number's check then
    tries only the few that start within ``reach`` before it. Searching the sentence up to every number,
    as this once did, made a sentence of numbers quadratic."""

    pattern: re.Pattern[str]
    first_words: re.Pattern[str]
    reach: int


def _ends_at(head: str, rest: str, reach: int) -> _EndsAt:
    return _EndsAt(_spaced(head + rest + "$"), _spaced(f"(?={head})"), reach)


# ``reach`` allows for the longest words, three qualifiers and spacing; the corpus's longest spans are 21
# ("claimed the\nlives of "), 10 ("September ") and, for a toll, 90 ("death toll in the attack on the train
# at godhra had risen from 58 to 62 with the death of ").
_KILLING = _ends_at(_BEFORE_VERB_HEAD, rf"\s+(?:(?:{_LEAD}) )?{_QUALIFIERS}", 150)
_NOT_A_COUNT = _ends_at(_SKIP_BEFORE_HEAD, r"\s*", 40)
_TOLL_RISE = _ends_at(_TOLL_VERB, rf"\s+{_QUALIFIERS}", 100)
_TOLL_NAMED = _ends_at(_TOLL_HEAD, r"\b[^.;:]{0,80}", 120)  # ends where its _TOLL_RISE starts


_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s|--|\.\s", re.IGNORECASE)
_PRONOUN_AMOUNTS = {"many", "lots", "a lot", "several", "numerous", "multiple"}


@dataclass(frozen=True)
class FoundFigure:
    """A casualty figure: its words as written (``text == sentence[start:end]``), its kind, and the
    noun it counts ("teenagers"), when one follows it."""

    kind: str
    text: str
    start: int
    end: int
    victims: str | None
    unreported: str | None = None  # why the phrase reports no event: an instruction, a hypothetical, a question

    def figure(self) -> Figure:
        """The figure in the schema's terms: qualifier and bounds read from its words, vague when they hold
        no number ("dozens", and "at least dozens of", which the schema alone would leave exact)."""
        qualifier = "exact" if parse_figure(self.text) else "vague"
        return Figure.model_validate({"text": self.text, "qualifier": qualifier, "number": None})


def _is_year(words: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", words.strip()))


def _phrase_ok(between: str) -> bool:
    """A short noun phrase (with auxiliaries), possibly joined to another counted noun ("35 guerrillas
    and 5 soldiers") or broken by one aside between commas ("people, four of whom are policemen, were")."""
    aside = _PARENTHESIS.match(between)
    if aside:
        between = aside.group("head") + " " + aside.group("tail")
    between = re.sub(rf"\band {_AMOUNT}|\bof the \d[\d,]*|\d+[- ]years?[- ]old",
                     " ", between, flags=re.IGNORECASE)
    if _CLAUSE_END.search(between) or _NOT_IN_PHRASE.search(between) or len(between.split()) > 9:
        return False
    return not re.search(r"\d", between)


def _victims(between: str) -> str | None:
    head = _PARENTHESIS.match(between)
    phrase = (head.group("head") if head else between).strip(" \"”’")
    phrase = _VICTIM_END.sub("", " " + phrase).strip(" ,")
    phrase = re.sub(r"^(?:of the|of)\s+", "", phrase, flags=re.IGNORECASE)
    return phrase or None


class _Index:
    """Where a sentence's casualty words and the first words of each _EndsAt pattern lie, each found once."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._starts: dict[_EndsAt, list[int]] = {}

    @cached_property
    def instruction(self) -> bool:
        """The sentence gives an order (summarise.reading.mood): every figure in it is then unreported."""
        return is_instruction(self.sentence)

    @cached_property
    def _casualties(self) -> list[re.Match[str]]:
        return list(_CASUALTY_AFTER.finditer(self.sentence))

    @cached_property
    def _casualty_starts(self) -> list[int]:
        return [casualty.start() for casualty in self._casualties]

    def casualty_after(self, end: int) -> re.Match[str] | None:
        """The first casualty word after ``end`` and within _REACH of it."""
        index = bisect_left(self._casualty_starts, end)
        if index < len(self._casualties) and self._casualties[index].end() <= end + _REACH:
            return self._casualties[index]
        return None

    def ending_at(self, pattern: _EndsAt, end: int) -> list[re.Match[str]]:
        """Every match of ``pattern`` that ends at ``end``, leftmost first."""
        if pattern not in self._starts:
            self._starts[pattern] = [match.start() for match in pattern.first_words.finditer(self.sentence)]
        starts = self._starts[pattern]
        candidates = starts[bisect_left(starts, end - pattern.reach):bisect_left(starts, end)]
        return [match for start in candidates if (match := pattern.pattern.match(self.sentence, start, end))]


_GOVERNING_CHARS = 80  # the words before a casualty verb that may hold the modal governing it


@dataclass(frozen=True)
class _Tie:
    """The casualty word a number is tied to: its kind, the noun phrase between them (ties after the
    number only), and whether a modal verb governs it ("could kill", "would die")."""

    kind: str
    victims: str | None = None
    hypothetical: bool = False


def _tie_after(index: _Index, end: int, after: str, amount: str) -> _Tie | None:
    """The casualty word that the text after a number (``after``, from ``end``) ties the number to."""
    found = index.casualty_after(end)
    if found is None:
        return None
    between = index.sentence[end:found.start()]
    if not _phrase_ok(between.lstrip("\"”’")):
        return None
    if _VERB_FORMS.match(found.group()) and _OBJECT.match(index.sentence[found.end():found.end() + _REACH]):
        return None  # active voice: the number did it
    passive = re.search(r"\b(?:were|was|been|be|are|is)\s+(?:\w+\s+)?$", between, re.IGNORECASE)
    if amount.lower() in _PRONOUN_AMOUNTS and not (passive or re.match(r"\s*(?:people|persons?|civilians)\b",
                                                                       after, re.IGNORECASE)):
        return None  # "a car bomb killed", "many of them": an article or a pronoun, not a count
    kind = "killed" if found.group("killed") else "injured"
    return _Tie(kind, _victims(between), modal_governs(between, found.group()))


def _tie_before(index: _Index, end: int) -> _Tie | None:
    """The casualty verb ("killing at least") or toll ("the toll rose to") that ends at ``end``."""
    verb = next(iter(index.ending_at(_KILLING, end)), None)
    if verb is not None:
        governing = index.sentence[max(0, verb.start() - _GOVERNING_CHARS):verb.start()]
        kind = "killed" if verb.group("killed") else "injured"
        return _Tie(kind, hypothetical=modal_governs(governing, verb.group()))
    named = (index.ending_at(_TOLL_NAMED, rise.start()) for rise in index.ending_at(_TOLL_RISE, end))
    toll = min((tolls[0] for tolls in named if tolls), key=lambda toll: toll.start(), default=None)
    if toll is None:
        return None
    return _Tie("killed" if toll.group("killed") else "injured", hypothetical=is_forecast(toll.group()))


def _unreported(index: _Index, start: int, end: int, tie: _Tie) -> str | None:
    if index.instruction:
        return INSTRUCTION
    if is_question_at(index.sentence, end):
        return QUESTION
    if tie.hypothetical or hypothetical_cause(index.sentence[max(0, start - _GOVERNING_CHARS):start]):
        return HYPOTHETICAL
    return None


def _skipped(index: _Index, words: str, after: str, *starts: int) -> bool:
    """A year, a measure ("5 km", "10 years old"), a date or a label ("aged 27", "flight 93"), not a count."""
    return _is_year(words) or bool(_SKIP_AFTER.match(after)) or any(
        index.ending_at(_NOT_A_COUNT, start) for start in set(starts))


@lru_cache(maxsize=4096)
def find_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """Every casualty figure the sentence ties to a casualty word, in order. Cached: the passes ask for a
    sentence's figures when they choose the casualty sentences and again when they build the rows."""
    found: list[FoundFigure] = []
    index = _Index(sentence)
    for match in _FIGURE.finditer(sentence):
        words, start, end = match.group("figure"), match.start("figure"), match.end("figure")
        amount = match.group("amount")
        after = sentence[end:end + _REACH]
        if amount.lower() in ("a", "an"):
            continue  # "a policeman was killed" is one, but no digit or number word says so: not a figure
        if _skipped(index, words, after, match.start(), start):
            continue
        if amount.lower() == "one" and re.match(r"\s+of\b", after, re.IGNORECASE):
            continue  # "one of the two people killed": one of a count given elsewhere
        tie = _tie_before(index, match.start()) or _tie_before(index, match.start("amount"))
        if tie is None:
            tie = _tie_after(index, end, after, amount)
            if tie is None:
                continue
        elif amount.lower() in ("many", "several") and not re.match(r"\s+(?:people|persons|civilians)", after):
            continue
        unreported = _unreported(index, match.start(), end, tie)
        found.append(FoundFigure(tie.kind, words, start, end, tie.victims, unreported))
    return tuple(found)


def reported_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """The figures of :func:`find_figures` that report an event (not an instruction, a hypothetical or a
    question): the ones a casualty row may hold."""
    return tuple(figure for figure in find_figures(sentence) if figure.unreported is None)


def unreported_in(sentence: str, number: int | None) -> str | None:
    """Why ``number``, as a casualty figure of ``sentence``, reports no event: the sentence is an
    instruction, or every figure the rules read there with that number is a hypothetical or a question.
    None when it reports one (or the rules read no such figure there and the sentence gives no order)."""
    if is_instruction(sentence):
        return INSTRUCTION
    reasons = _reasons_by_number(sentence).get(number, ())
    return reasons[0] if reasons and all(reasons) else None


@lru_cache(maxsize=256)
def _reasons_by_number(sentence: str) -> dict[int | None, tuple[str | None, ...]]:
    """For each number the rules read as a figure in ``sentence``, why each such figure is unreported (None
    where it reports an event). Built once per sentence: a sentence of many figures asks for each of them."""
    reasons: dict[int | None, list[str | None]] = {}
    for figure in find_figures(sentence):
        reasons.setdefault(figure.figure().number, []).append(figure.unreported)
    return {number: tuple(found) for number, found in reasons.items()}
