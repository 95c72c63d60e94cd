"""The rule-based casualty figure finder: which numbers a sentence ties to killed or injured, and which not.
Sentences are made up or paraphrase common news phrasing; none is copied from the evaluation corpus."""

from __future__ import annotations

import pytest

from summarise.figures import find_figures
from summarise.locate import number_is_written
from summarise.schema import Qualifier


def _found(sentence: str) -> list[tuple[str, str]]:
    return [(figure.kind, figure.text) for figure in find_figures(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Seven farm workers were killed in the raid.", [("killed", "Seven")]),
    ("The attack left 12 soldiers dead and 30 wounded.", [("killed", "12"), ("injured", "30")]),
    ("The gunman, who killed 14 and injured 22, was arrested.", [("killed", "14"), ("injured", "22")]),
    ("The strike resulted in the deaths of three children and injuries to four others.",
     [("killed", "three"), ("injured", "four")]),
    ("Officials said at least 40 people died.", [("killed", "at least 40")]),
    ("Up to 15 people were hurt.", [("injured", "Up to 15")]),
    ("The clashes left 20 rebels and 3 soldiers dead.", [("killed", "20"), ("killed", "3")]),
    ("Nineteen people, six of whom are children, were injured.", [("injured", "Nineteen")]),
    ("The death toll in the province rose to 210 on Monday.", [("killed", "210")]),
    ("Police put the toll at nine.", [("killed", "nine")]),
    ("Dozens of people were wounded in the blast.", [("injured", "Dozens of")]),
    ("The minister said \"several thousands\" have been killed.", [("killed", "several thousands")]),
    ("A number of fighters were killed in the raid.", [("killed", "A number of")]),
    ("Between 10 and 15 villagers were killed.", [("killed", "Between 10 and 15")]),
    ("More than a dozen people were treated at hospitals.", [("injured", "More than a dozen")]),
    ("The fighting has claimed the\nlives of 80 people this year.", [("killed", "80")]),
    ("Four were killed,\nand 1,250 others were wounded.", [("killed", "Four"), ("injured", "1,250")]),
])
def test_figures_tied_to_casualty_words(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Two gunmen killed a guard.",                                   # the number did the killing
    "The 34-year-old man was killed.",                              # an age
    "Police identified the victim as John Smith, 27.",              # an age after a name
    "62 hostages were rescued by the army.",                        # not a casualty
    "About 11 officers exchanged fire with the attacker.",          # people, not casualties
    "More than 20 shots were fired.",                               # shots
    "A car bomb killed the mayor.",                                 # an article, not a count
    "The attack happened in 2016 and was deadly.",                  # a year
    "They did a great job and saved many lives.",                   # saved, not lost
    "Two patients remained hospitalized on Monday.",                # a status, not a new count
    "Three of the 40 passengers were missing.",                     # missing
])
def test_numbers_that_are_not_casualty_figures(sentence: str) -> None:
    assert _found(sentence) == []


def test_rescued_and_killed_in_one_sentence_ties_only_the_killed() -> None:
    assert _found("The army said 62 hostages were rescued, and two militants were killed.") == [("killed", "two")]


def test_offsets_and_victims() -> None:
    sentence = "A bomb left two teenagers dead."
    (figure,) = find_figures(sentence)
    assert sentence[figure.start:figure.end] == figure.text == "two"
    assert figure.victims == "teenagers"


@pytest.mark.parametrize(("sentence", "qualifier", "number", "high"), [
    ("At least 7 were killed.", Qualifier.AT_LEAST, 7, None),
    ("Some 10 to 15 people were hurt.", Qualifier.RANGE, 10, 15),
    ("Several people were injured.", Qualifier.VAGUE, None, None),
    ("More than a dozen people were wounded.", Qualifier.MORE_THAN, 12, None),
    ("Under 10 people were killed.", Qualifier.AT_MOST, 10, None),         # one qualifier list for both readers
    ("A minimum of 5 people were killed.", Qualifier.AT_LEAST, 5, None),
    ("At least dozens of people were killed.", Qualifier.VAGUE, None, None),  # no number: vague, not exact
])
def test_figure_words_become_schema_figures(sentence: str, qualifier: Qualifier, number: int | None,
                                            high: int | None) -> None:
    (found,) = find_figures(sentence)
    figure = found.figure()
    assert (figure.qualifier, figure.number, figure.high) == (qualifier, number, high)


@pytest.mark.parametrize(("sentence", "number"), [
    ("Twenty-one hundred people were killed.", 2100),
    ("One hundred and twenty-five people were killed.", 125),
    ("Two thousand five hundred people were killed.", 2500),
    ("2 million people were killed.", 2_000_000),
    ("\uff15 people were killed.", 5),
    ("\u0665 people were killed.", 5),
])
def test_the_rules_read_a_number_whole_and_grounding_finds_the_same_number(sentence: str, number: int) -> None:
    (found,) = find_figures(sentence)
    figure = found.figure()
    assert (figure.number, number_is_written(number, sentence[found.start:found.end])) == (number, True)


def test_a_number_of_more_digits_than_any_count_of_people_is_no_figure() -> None:
    assert find_figures("Police said " + "9" * 5000 + " people were killed.") == ()
