"""Every word list the reading rules share is written once, in summarise.reading.lexicon: no other module
holds a copy (a list written twice drifts: "Under 10" became exactly 10 in one reader and at_most in the
other)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from summarise.reading import lexicon

PACKAGE = Path(__file__).resolve().parents[1] / "summarise"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _entries(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _entries(key)
            yield from _entries(item)
    elif isinstance(value, tuple | frozenset | set):
        for item in value:
            yield from _entries(item)


def _single_words(value: object) -> frozenset[str]:
    """The entries of a lexicon list that are one plain word ("killed", not "lost their lives" or "bod(y|ies)")."""
    return frozenset(entry for entry in _entries(value) if _WORD.fullmatch(entry))


LISTS = {name: words for name in lexicon.__all__ if len(words := _single_words(getattr(lexicon, name))) >= 3}


def _holders(module: Path) -> Iterator[tuple[int, frozenset[str]]]:
    """The words each literal of ``module`` holds: a string (a regex alternation, say), or a set, tuple,
    list or dict of strings; with its line. Docstrings are prose, not lists."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    prose = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            yield node.lineno, frozenset(_WORD.findall(node.value.lower()))
        elif isinstance(node, ast.Set | ast.Tuple | ast.List | ast.Dict):
            elements = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = [element.value for element in elements
                       if isinstance(element, ast.Constant) and isinstance(element.value, str)]
            yield node.lineno, frozenset(word for string in strings for word in _WORD.findall(string.lower()))


def copies_in(module: Path) -> list[str]:
    """Literals of ``module`` that hold more than half of a lexicon list's words (and at least three)."""
    found = []
    for line, words in _holders(module):
        for name, listed in LISTS.items():
            shared = listed & words
            if len(shared) >= 3 and len(shared) > len(listed) / 2:
                found.append(f"{module.name}:{line} copies {name}: {' '.join(sorted(shared))}")
    return found


def test_no_module_but_the_lexicon_holds_a_copy_of_its_word_lists() -> None:
    modules = sorted(path for path in PACKAGE.rglob("*.py") if path != PACKAGE / "reading" / "lexicon.py")
    assert [copy for module in modules for copy in copies_in(module)] == []


def test_a_regex_alternation_of_number_words_is_a_copy(tmp_path: Path) -> None:
    module = tmp_path / "counts.py"
    module.write_text('COUNT = r"\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven)\\b"\n',
                      encoding="utf-8")
    assert copies_in(module) == [
        "counts.py:1 copies BELOW_TWENTY_WORDS: eight eleven five four nine one seven six ten three two"]


def test_a_set_of_units_is_a_copy(tmp_path: Path) -> None:
    module = tmp_path / "units.py"
    module.write_text('UNITS = {"km", "miles", "mph", "percent", "metres", "meters", "feet", "ft", "kg", "tonnes", '
                      '"tons", "mm", "cm"}\n', encoding="utf-8")
    assert copies_in(module) == ["units.py:1 copies UNITS_OF_MEASURE: cm feet ft kg km meters metres miles mm mph "
                                 "percent tonnes tons"]


# Made-up words and texts: prefixes of one another, spaces, apostrophes, hyphens, mixed case.
_WORDS = ["seven", "seventeen", "seventy", "say", "says", "said", "at least", "at", "o'clock", "life-threatening",
          "Ali", "al"]
_TEXTS = ["Seventeen died, says a police officer at least.", "He said at 7 o'clock: seventy-seven", "al-Ali saysay",
          "life-threatening injuries at leastwise", "AT LEAST SEVENTY SAID", ""]


def _joined(words: list[str]) -> str:
    """The alternation as it was written before the trie: the words longest first, joined."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


def test_an_alternation_of_plain_words_matches_what_the_words_joined_match() -> None:
    for context in (r"\b(?:{})\b", r"({})", r"(?:{})\s+\w+", r"(?:{})(?:teen)?"):
        for flags in (0, re.IGNORECASE):
            ours = re.compile(context.format(lexicon.alternation(_WORDS)), flags)
            joined = re.compile(context.format(_joined(_WORDS)), flags)
            for text in _TEXTS:
                assert [(found.span(), found.groups()) for found in ours.finditer(text)] == \
                    [(found.span(), found.groups()) for found in joined.finditer(text)], (context, text)


def test_an_alternation_is_a_trie_of_its_words_and_keeps_a_space_a_space() -> None:
    assert lexicon.alternation(["seven", "seventeen", "six"]) == "s(?:even(?:teen)?|ix)"
    # figure_phrases turns each space of its patterns into "\s+": a space in a word must stay a plain space.
    assert lexicon.alternation(["at least", "at most"]) == "at (?:least|most)"


def test_an_alternation_holding_regex_syntax_is_the_words_joined() -> None:
    words = [r"Sept\.?", "May", r"die[sd]?\b"]
    assert lexicon.alternation(words) == _joined(words)
    assert lexicon.alternation([]) == ""


def test_any_of_finds_a_cue_where_the_cues_joined_find_one() -> None:
    cues = ["kill", "dead", r"die[sd]?\b", "critical condition", r"bod(y|ies)", "lost their"]
    ours = re.compile(rf"\b(?:{lexicon.any_of(cues)})", re.IGNORECASE)
    joined = re.compile(rf"\b(?:{'|'.join(cues)})", re.IGNORECASE)
    for text in ("Two bodies were found.", "He dies.", "She died at home.", "in critical condition", "they lost their",
                 "nothing here", "Killers", "undead", "diet"):
        assert bool(ours.search(text)) == bool(joined.search(text)), text
        assert (ours.search(text) or joined.search(text)) is None or ours.search(text).start() == \
            joined.search(text).start(), text
