"""The phrasing news copy ties a casualty figure with, as patterns: the figure's own words ("at least
seven", "dozens of"), the casualty words after it, the verbs and tolls before it, and what makes a number
no count of people (a unit, a date, an age). summarise.reading.figures reads sentences with them; every
word list here comes from summarise.reading.lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
from summarise.reading.numbers import NUMBER_WORDS, NUMERAL

__all__ = [
    "AMOUNT", "CASUALTY_AFTER", "CLAUSE_END", "EndsAt", "FIGURE", "KILLING", "NOT_A_COUNT", "NOT_IN_PHRASE",
    "OBJECT", "PARENTHESIS", "PRONOUN_AMOUNTS", "REACH", "SKIP_AFTER", "TOLL_NAMED", "TOLL_RISE",
    "VERB_FORMS", "VICTIM_END",
]


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
AMOUNT = rf"(?:{_DIGITS}|{_WORDS})"
# At most three qualifiers ("at least some"): an unbounded run made a text of them quadratic.
_QUALIFIERS = rf"(?:(?:{_QUALIFIER}) ){{0,3}}"
FIGURE = _spaced(
    rf"(?<![\w-])(?:(?:{_LEAD}) )?(?P<figure>{_QUALIFIERS}(?P<amount>\b(?:{_VAGUE})\b(?: of)?|"
    rf"between {AMOUNT} and {AMOUNT}|{AMOUNT}(?: ?(?:-|–|to|or) ?{AMOUNT})?))(?![\w-])"
)

CASUALTY_AFTER = _spaced(rf"\b(?:(?P<killed>{alternation(KILLED_WORDS)})|(?P<injured>{alternation(INJURED_WORDS)}))\b")
VERB_FORMS = re.compile(rf"^(?:{alternation((*KILLING_VERBS, *INJURING_VERBS))})$", re.IGNORECASE)
# After a casualty verb, an object means the number before it did the killing: "two gunmen killed three".
OBJECT = _spaced(rf"^\s*{_QUALIFIERS}(?:{AMOUNT}|(?:{_VAGUE}|the|his|her|their|its|"
                  rf"people|civilians|soldiers|himself|themselves)\b)")
# What may stand between a number and its casualty word: a short noun phrase ("non-Iranian nationals",
# "people in the city"), then auxiliaries ("were reportedly"). No other verb: "62 hostages were rescued,
# and two militants were killed" ties only "two".
NOT_IN_PHRASE = re.compile(
    r"\b(?:rescued|freed|released|arrested|detained|kidnapped|abducted|missing|evacuated|displaced|held|taken|"
    r"saved|survived|escaped|fled|deployed|sent|fired|shots|rounds|bullets|said|told|says|"
    r"after|before|since|when|while|because|but|although|which|than|attackers|gunmen|gunman|bombers?|"
    r"suspects?|arrests|remain|remained|remains|still|as|stood|stand|standing|identified|"
    rf"{alternation(UNITS_OF_MEASURE | TIME_UNITS | PROPERTY_WORDS)})\b",
    re.IGNORECASE,
)
PARENTHESIS = re.compile(r"^(?P<head>[^,;()]{0,40}?),(?P<aside>[^,;]{1,70}),(?P<tail>[^,;()]*)$")
_AUXILIARY = (r"were|was|have|has|had|been|being|are|is|be|reportedly|also|later|all|now|allegedly|confirmed|"
              r"feared|believed|said to be|thought to be|left|of them|of whom|who|and|remained|remain|remains|"
              r"suffered|seriously|critically|slightly|badly|fatally|severely|still|in|a|an")
VICTIM_END = re.compile(rf"\s(?:{_AUXILIARY})\b.*$|\s*$", re.IGNORECASE)
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
SKIP_AFTER = _spaced(
    rf"^\s*(?:-?years?[- ]old|-year|%|(?:{_MEASURES})s?(?!\w)|times\b|of whom\b|of \d|"
    rf"(?:{alternation(month[:3] for month in MONTHS)})[a-z]*\b)"
)
_SKIP_BEFORE_HEAD = (
    r"(?:\b(?:aged|age|ages|no\.|number|day|on|since|in|of the|out of|route|flight|section|article|chapter|page|"
    rf"room|unit|(?:{alternation(MONTH_ABBREVIATIONS)})\.?|{alternation(MONTHS)})|[$£€#])"
)
# How far after a number its casualty word may lie. The longest tie in the corpus spans 99 characters
# ("school children, returning after appearing for the ssc examinations, sustained minor stab injuries").
REACH = 300


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the figure index's table (summarise.reading.figures)
class EndsAt:
    """A pattern that must end where a number starts ("killing at least", "the toll rose to"), and the
    pattern of its first words. Those are found once per sentence (by the figure index); a number's check then
    tries only the few that start within ``reach`` before it. Searching the sentence up to every number,
    as this once did, made a sentence of numbers quadratic."""

    pattern: re.Pattern[str]
    first_words: re.Pattern[str]
    reach: int


def _ends_at(head: str, rest: str, reach: int) -> EndsAt:
    return EndsAt(_spaced(head + rest + "$"), _spaced(f"(?={head})"), reach)


# ``reach`` allows for the longest words, three qualifiers and spacing; the corpus's longest spans are 21
# ("claimed the\nlives of "), 10 ("September ") and, for a toll, 90 ("death toll in the attack on the train
# at godhra had risen from 58 to 62 with the death of ").
KILLING = _ends_at(_BEFORE_VERB_HEAD, rf"\s+(?:(?:{_LEAD}) )?{_QUALIFIERS}", 150)
NOT_A_COUNT = _ends_at(_SKIP_BEFORE_HEAD, r"\s*", 40)
TOLL_RISE = _ends_at(_TOLL_VERB, rf"\s+{_QUALIFIERS}", 100)
TOLL_NAMED = _ends_at(_TOLL_HEAD, r"\b[^.;:]{0,80}", 120)  # ends where its TOLL_RISE starts


CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s|--|\.\s", re.IGNORECASE)
PRONOUN_AMOUNTS = {"many", "lots", "a lot", "several", "numerous", "multiple"}
