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

A figure found in an instruction, a hypothetical or a question (summarise.mood) reports no event: it
says why in ``unreported``, and only :func:`reported_figures` become casualty rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarise.mood import (
    HYPOTHETICAL,
    INSTRUCTION,
    QUESTION,
    hypothetical_cause,
    is_forecast,
    is_instruction,
    is_question_at,
    modal_governs,
)
from summarise.schema import Figure

__all__ = ["FoundFigure", "find_figures", "reported_figures", "unreported_in"]


def _spaced(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` with every literal space matching any run of whitespace (wire copy wraps lines)."""
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


_UNIT_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               r"sixteen|seventeen|eighteen|nineteen")
_TENS_WORDS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = (rf"a dozen|a hundred|a thousand|dozen|"
                rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}|a|an)"
                rf"(?: (?:hundred|thousand)(?: and (?:{_TENS_WORDS}|{_UNIT_WORDS}))?)?")
_DIGITS = r"(?<![\w.,/:$£€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w/:]|[.,]\d|-year|%)"
_VAGUE = (r"several (?:dozens?|hundreds?|thousands?)|tens of thousands|hundreds of thousands|dozens|scores|hundreds|"
          r"thousands|several|a number|a handful|many|multiple|numerous|"
          r"lots|a lot")
_QUALIFIER = (r"at least|not less than|no fewer than|more than|over|upwards of|in excess of|up to|at most|"
              r"as many as|no more than|fewer than|less than|about|around|approximately|roughly|nearly|almost|"
              r"some|an estimated|estimated|close to")
_LEAD = r"only|another|a further|an additional|additional|all|the"
_AMOUNT = rf"(?:{_DIGITS}|\b(?:{_WORD_NUMBER})\b)"
_FIGURE = _spaced(
    rf"(?<![\w-])(?:(?:{_LEAD}) )?(?P<figure>(?:(?:{_QUALIFIER}) )*(?P<amount>\b(?:{_VAGUE})\b(?: of)?|"
    rf"between {_AMOUNT} and {_AMOUNT}|{_AMOUNT}(?: ?(?:-|–|to|or) ?{_AMOUNT})?))(?![\w-])"
)

_KILLED = (r"killed|dead|died|die|deaths?|dying|bodies|fatalities|fatally|slain|murdered|executed|hanged|"
           r"massacred|perished|drowned|burnt alive|burned alive|beheaded|lynched|martyred|deceased|"
           r"lost their lives|lost his life|lost her life|confirmed dead")
_INJURED = r"injured|injuries|injury|wounded|hurt|hospitali[sz]ed|blinded|maimed|treated"
_CASUALTY_AFTER = _spaced(rf"\b(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED}))\b")
_VERB_FORMS = re.compile(r"^(?:killed|injured|wounded|hurt|murdered|executed|hanged|massacred|slain|blinded|"
                         r"maimed|treated|lynched|beheaded)$", re.IGNORECASE)
# After a casualty verb, an object means the number before it did the killing: "two gunmen killed three".
_OBJECT = _spaced(rf"^\s*(?:(?:{_QUALIFIER}) )*(?:{_DIGITS}|(?:{_WORD_NUMBER}|{_VAGUE}|the|his|her|their|its|"
                  rf"people|civilians|soldiers|himself|themselves)\b)")
# What may stand between a number and its casualty word: a short noun phrase ("non-Iranian nationals",
# "people in the city"), then auxiliaries ("were reportedly"). No other verb: "62 hostages were rescued,
# and two militants were killed" ties only "two".
_NOT_IN_PHRASE = re.compile(
    r"\b(?:rescued|freed|released|arrested|detained|kidnapped|abducted|missing|evacuated|displaced|held|taken|"
    r"saved|survived|escaped|fled|deployed|sent|fired|shots|rounds|bullets|years?|months?|days?|hours?|minutes?|"
    r"weeks?|km|miles?|kilometres?|kilometers?|percent|cars|vehicles|buildings|homes|houses|said|told|says|"
    r"after|before|since|when|while|because|but|although|which|than|attackers|gunmen|gunman|bombers?|"
    r"suspects?|arrests|shops|trucks|remain|remained|remains|still|as|stood|stand|standing|identified)\b",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"^(?P<head>[^,;()]{0,40}?),(?P<aside>[^,;]{1,70}),(?P<tail>[^,;()]*)$")
_AUXILIARY = (r"were|was|have|has|had|been|being|are|is|be|reportedly|also|later|all|now|allegedly|confirmed|"
              r"feared|believed|said to be|thought to be|left|of them|of whom|who|and|remained|remain|remains|"
              r"suffered|seriously|critically|slightly|badly|fatally|severely|still|in|a|an")
_VICTIM_END = re.compile(rf"\s(?:{_AUXILIARY})\b.*$|\s*$", re.IGNORECASE)
_BEFORE_VERB = _spaced(
    rf"\b(?:(?P<killed>killing|killed|kills|kill|claimed the lives of|claiming the lives of|took the lives of|"
    rf"executed|executing|massacred|murdered|murdering|slaughtered|deaths? of|killings? of|killed were|dead were|"
    rf"dead included|dead include)|(?P<injured>injuring|injured|injures|wounding|wounded|wounds|hurting|"
    rf"injuries to|injury to|wounds to|injured were|wounded were))\s+(?:(?:{_LEAD}) )?(?:(?:{_QUALIFIER}) )*$"
)
_TOLL = _spaced(
    rf"\b(?:(?P<killed>death toll|toll|number of (?:dead|deaths|those killed|people killed)|fatalities|"
    rf"official figure|total (?:number )?of (?:the )?(?:dead|deaths|killed))|(?P<injured>total (?:number )?"
    rf"(?:of )?(?:injured|wounded)|number of (?:injured|wounded)))\b[^.;:]{{0,80}}?\b(?:rose to|risen to|"
    rf"rising to|climbed to|climb to|jumped to|gone up to|went up to|increased to|revised to|reached|reach|"
    rf"stood at|stands at|stand at|put at|at|to|hit|of|now|in the|were|was|is)\s+(?:(?:{_QUALIFIER}) )*$"
)
_SKIP_AFTER = _spaced(
    r"^\s*(?:-?years?[- ]old|years?\b|-year|%|percent|per cent|a\.m\.|p\.m\.|am\b|pm\b|gmt\b|o'clock|km|"
    r"miles?\b|kilomet|metres|meters|feet|ft\b|mph|kg|tonnes|tons|times\b|(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\b|of whom\b|of \d)"
)
_SKIP_BEFORE = _spaced(
    r"(?:\b(?:aged|age|ages|no\.|number|day|on|since|in|of the|out of|jan\.?|feb\.?|march|april|may|june|july|aug\.?|"
    r"sept?\.?|oct\.?|nov\.?|dec\.?|january|february|august|september|october|november|december|route|"
    r"flight|section|article|chapter|page|room|unit)|[$£€#])\s*$"
)
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
        """The figure in the schema's terms: qualifier and bounds read from its words."""
        return Figure.model_validate({"text": self.text, "qualifier": "exact", "number": None})


def _is_year(words: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", words.strip()))


def _phrase_ok(between: str) -> bool:
    """A short noun phrase (with auxiliaries), possibly joined to another counted noun ("35 guerrillas
    and 5 soldiers") or broken by one aside between commas ("people, four of whom are policemen, were")."""
    aside = _PARENTHESIS.match(between)
    if aside:
        between = aside.group("head") + " " + aside.group("tail")
    between = re.sub(rf"\band (?:{_DIGITS}|{_WORD_NUMBER})\b|\bof the \d[\d,]*|\d+[- ]years?[- ]old",
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


_GOVERNING_CHARS = 80  # the words before a casualty verb that may hold the modal governing it


@dataclass(frozen=True)
class _Tie:
    """The casualty word a number is tied to: its kind, the noun phrase between them (ties after the
    number only), and whether a modal verb governs it ("could kill", "would die")."""

    kind: str
    victims: str | None = None
    hypothetical: bool = False


def _tie_after(rest: str, amount: str) -> _Tie | None:
    """The casualty word that ``rest`` (the text after a number) ties the number to."""
    found = _CASUALTY_AFTER.search(rest)
    if found is None:
        return None
    between = rest[:found.start()]
    if not _phrase_ok(between.lstrip("\"”’")):
        return None
    if _VERB_FORMS.match(found.group()) and _OBJECT.match(rest[found.end():]):
        return None  # active voice: the number did it
    passive = re.search(r"\b(?:were|was|been|be|are|is)\s+(?:\w+\s+)?$", between, re.IGNORECASE)
    if amount.lower() in _PRONOUN_AMOUNTS and not (passive or re.match(r"\s*(?:people|persons?|civilians)\b",
                                                                       rest, re.IGNORECASE)):
        return None  # "a car bomb killed", "many of them": an article or a pronoun, not a count
    kind = "killed" if found.group("killed") else "injured"
    return _Tie(kind, _victims(between), modal_governs(between, found.group()))


def _tie_before(before: str) -> _Tie | None:
    """The casualty verb or toll that ``before`` (the text before a number) ends with."""
    for pattern in (_BEFORE_VERB, _TOLL):
        found = pattern.search(before)
        if found:
            kind = "killed" if found.group("killed") else "injured"
            if pattern is _TOLL:
                return _Tie(kind, hypothetical=is_forecast(found.group()))
            governing = before[max(0, found.start() - _GOVERNING_CHARS):found.start()]
            return _Tie(kind, hypothetical=modal_governs(governing, found.group()))
    return None


def _unreported(sentence: str, end: int, before: str, tie: _Tie) -> str | None:
    if is_instruction(sentence):
        return INSTRUCTION
    if is_question_at(sentence, end):
        return QUESTION
    if tie.hypothetical or hypothetical_cause(before):
        return HYPOTHETICAL
    return None


@lru_cache(maxsize=4096)
def find_figures(sentence: str) -> tuple[FoundFigure, ...]:
    """Every casualty figure the sentence ties to a casualty word, in order. Cached: the passes ask for a
    sentence's figures when they choose the casualty sentences and again when they build the rows."""
    found: list[FoundFigure] = []
    for match in _FIGURE.finditer(sentence):
        words, start, end = match.group("figure"), match.start("figure"), match.end("figure")
        amount = match.group("amount")
        before, after = sentence[:match.start()], sentence[end:]
        if _is_year(words) or _SKIP_AFTER.match(after) or _SKIP_BEFORE.search(before) or \
                _SKIP_BEFORE.search(sentence[:start]):
            continue
        if amount.lower() in ("a", "an"):
            continue  # "a policeman was killed" is one, but no digit or number word says so: not a figure
        if amount.lower() == "one" and re.match(r"\s+of\b", after, re.IGNORECASE):
            continue  # "one of the two people killed": one of a count given elsewhere
        tie = _tie_before(before) or _tie_before(sentence[:match.start("amount")])
        if tie is None:
            tie = _tie_after(after, amount)
            if tie is None:
                continue
        elif amount.lower() in ("many", "several") and not re.match(r"\s+(?:people|persons|civilians)", after):
            continue
        found.append(FoundFigure(tie.kind, words, start, end, tie.victims, _unreported(sentence, end, before, tie)))
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
    reasons = [figure.unreported for figure in find_figures(sentence) if figure.figure().number == number]
    return reasons[0] if reasons and all(reasons) else None
