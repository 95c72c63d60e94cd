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
