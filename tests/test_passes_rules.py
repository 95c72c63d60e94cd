"""The deterministic parts around the model's passes: attribution, sides, summary, repairs."""

from __future__ import annotations

import pytest

from summarise.ingest import article_from_text
from summarise.passes.models import CasualtySentence, casualty_pass_for, claim_pass_for
from summarise.passes.run import Resolved, read_by_rule, resolve
from summarise.reading.attribution import find_source
from summarise.reading.casualties import attribution_context, rows_by_rule
from summarise.reading.parties import canonical_party
from summarise.reading.sentences import Sentence, split_sentences
from summarise.reading.sides import country_of, government_name
from summarise.reading.summary import compose_summary, has_figure, lead_sentence, whole_sentences
from summarise.schema import CasualtyReport, Figure


@pytest.mark.parametrize(("sentence", "source"), [
    ("Several terrorists were killed in the strikes, the Pakistan government said.", "Pakistan government"),
    ("A number of terrorists were killed,\" an official statement read.", "official statement"),
    ("According to the deputy governor of the province, seven were killed.", "deputy governor of the province"),
    ("Police told AFP three people died.", "Police"),
    ("Pakistan on Wednesday condemned Iran for the strike.", "Pakistan"),
])
def test_sources_are_read_from_the_phrasing(sentence: str, source: str) -> None:
    assert find_source(sentence) == source


def test_no_attribution_gives_none() -> None:
    assert find_source("The explosion destroyed three houses near the market.") is None


@pytest.mark.parametrize(("name", "country", "government"), [
    ("Islamabad", "Pakistan", "Pakistan"),
    ("the Pakistani government", "Pakistan", "Pakistan"),
    ("Tehran", "Iran", "Iran"),
    ("Pakistani intelligence source", "Pakistan", None),
    ("deputy governor general of Iran’s Sistan and Baluchestan province", "Iran", None),
    ("police", None, None),
])
def test_sides_come_from_country_names_demonyms_and_capitals(name: str, country: str | None,
                                                             government: str | None) -> None:
    assert country_of(name) == country
    assert government_name(name) == government
    assert canonical_party(name) == (government or name)


def row(source: str, killed: str | None, injured: str | None = None, victims: str = "people") -> CasualtyReport:
    def figure(text: str | None) -> Figure | None:
        return None if text is None else Figure.model_validate({"text": text, "qualifier": "exact", "number": None})

    return CasualtyReport(quote="q", reported_by=source, event="e", perpetrator=None, victims=victims,
                          killed=figure(killed), injured=figure(injured))


def test_the_summary_drops_model_sentences_with_figures_and_states_each_source() -> None:
    model = "Pakistan struck militants, killing seven people. Both sides traded accusations. Iran says"
    rows = [row("iran-official", "seven", victims="non-Iranian nationals"), row("pakistan", "two", "three")]
    names = {"iran-official": "deputy governor of Sistan", "pakistan": "Pakistan"}
    summary = compose_summary(model, rows, names, lead="Lead sentence.")
    assert summary == ("Both sides traded accusations. Deputy governor of Sistan reports seven killed "
                       "(non-Iranian nationals). Pakistan reports two killed and three injured.")


def test_the_lead_sentence_stands_in_when_no_model_sentence_is_left() -> None:
    assert compose_summary("Seven died.", [], {}, lead="A storm hit the coast.") == "A storm hit the coast."


def test_helpers_of_the_summary() -> None:
    assert has_figure("at least 7 died") and has_figure("dozens were hurt") and not has_figure("Talks resumed.")
    assert whole_sentences("One. Two is cut") == "One."
    assert whole_sentences("Cut") == ""


def test_pass_schemas_list_only_existing_sentences_and_bound_the_lists() -> None:
    schema = claim_pass_for((2, 5, 9)).model_json_schema()
    item = schema["$defs"]["ClaimSentence"]
    assert item["properties"]["sentence"]["enum"] == [2, 5, 9]
    assert schema["properties"]["claims"]["maxItems"] == 3
    assert set(item["properties"]) == {"sentence", "party", "speaker"}
    assert casualty_pass_for((1, 4)).model_json_schema()["properties"]["reports"]["maxItems"] == 2


def test_the_casualty_pass_asks_only_who_reports_and_about_whom() -> None:
    item = casualty_pass_for((1, 2)).model_json_schema()["$defs"]["CasualtySentence"]
    assert set(item["properties"]) == {"sentence", "source", "victims"}


def _read(*texts: str) -> list[Sentence]:
    """``texts`` as the article's sentences, each a paragraph of its own."""
    sentences = split_sentences("\n\n".join(texts))
    assert [sentence.text for sentence in sentences] == list(texts)
    return sentences


def _resolve(casualty_answers: list[CasualtySentence], sentences: list[Sentence]) -> Resolved:
    """The casualty pass's answers over ``sentences``, resolved with the rules (no claim answers)."""
    return resolve(casualty_answers, [], sentences, read_by_rule(sentences))


def _casualty_answer(*reports: dict[str, object]) -> list[CasualtySentence]:
    numbers = tuple(int(str(report["sentence"])) for report in reports)
    return list(casualty_pass_for(numbers).model_validate({"reports": list(reports)}).reports)


def test_figures_come_from_the_text_and_the_source_from_the_pass_where_the_text_names_none() -> None:
    sentences = ("The gunman killed 49 and injured 53 at the club, as was confirmed later.",
                 "Police said two people died.", "Orlando police have set up a hotline.")
    answer = _casualty_answer(
        {"sentence": 1, "source": "Orlando police", "victims": "clubgoers"},
        {"sentence": 2, "source": "hospital", "victims": "people"})
    resolved = _resolve(answer, _read(*sentences))
    first, second = resolved.casualties
    assert (first.killed and first.killed.number, first.injured and first.injured.number) == (49, 53)
    # "clubgoers" is the model's word, not the article's: the victims stay the plain "people"
    assert (first.reported_by, first.victims) == ("orlando-police", "people")
    assert second.killed is not None and second.killed.number == 2
    assert second.reported_by == "police"  # the text names its source; the model's "hospital" loses


def test_a_source_the_article_never_names_is_not_taken_from_the_model() -> None:
    sentences = ("The gunman killed 49 at the club, as was confirmed later.",)
    answer = _casualty_answer({"sentence": 1, "source": "Orlando police", "victims": "clubgoers"})
    (row,) = _resolve(answer, _read(*sentences)).casualties
    assert row.reported_by == "article"


def test_a_sentence_that_reports_nobody_stays_in_the_article_s_voice_whatever_the_model_says() -> None:
    sentences = ("7 killed as Pakistan hits hideouts in Iran",)
    answer = _casualty_answer({"sentence": 1, "source": "Pakistan", "victims": "people"})
    (row,) = _resolve(answer, _read(*sentences)).casualties
    assert row.reported_by == "article"


def test_sentences_the_pass_did_not_read_still_give_their_figures() -> None:
    article = "A storm hit the coast. Police said 12 people were killed. Ten ships sank."
    resolved = _resolve([], split_sentences(article))
    (row,) = resolved.casualties
    assert row.killed is not None and (row.killed.number, row.reported_by) == (12, "police")


def test_a_headline_figure_is_dropped_when_a_source_gives_it_later_but_a_later_body_figure_stays() -> None:
    article = ("Two killed in blast\n\nPolice said two people were killed in the blast on Monday. "
               "Officers said six people were injured.\n\nThe six people injured were in hospital overnight.")
    rows = _resolve([], split_sentences(article)).casualties
    assert [(row.reported_by, row.killed and row.killed.number, row.injured and row.injured.number)
            for row in rows] == [("police", 2, None), ("officers", None, 6), ("article", None, 6)]


def test_the_accused_is_not_the_source_of_a_figure() -> None:
    sentences = ("Iran accused of killing 16,500 in crackdown: report",)
    answer = _casualty_answer({"sentence": 1, "source": "Iranian government", "victims": "protesters"})
    (row,) = _resolve(answer, _read(*sentences)).casualties
    assert row.reported_by == "article"
    assert find_source("Iran accused of killing 16,500 in crackdown") is None


def test_the_lead_sentence_of_the_summary_carries_no_figure() -> None:
    article = article_from_text("Seven killed as storm hits the coast of the northern province\n\n"
                                "A storm hit the northern coast on Monday, officials in the province said.")
    lead = "A storm hit the northern coast on Monday, officials in the province said."
    assert lead_sentence(split_sentences(article.text)) == lead


def test_the_unit_after_a_figure_is_read_at_the_figure_not_at_an_earlier_same_number() -> None:
    quote = "A bomb went off 5 km from the border and 5 people were killed."
    assert [row.killed.text if row.killed else None for row in rows_by_rule(quote, "article", None)] == ["5"]


@pytest.mark.parametrize(("quote", "kind", "text"), [
    ("No fewer than 5 people were killed.", "killed", "No fewer than 5"),
    ("No more than 3 people were injured.", "injured", "No more than 3"),
    ("Not less than 12 civilians were killed.", "killed", "Not less than 12"),
])
def test_a_number_bounded_by_a_negated_qualifier_is_a_row(quote: str, kind: str, text: str) -> None:
    [row] = rows_by_rule(quote, "article", None)
    figure = row.killed if kind == "killed" else row.injured
    assert figure is not None and (figure.text, figure.number) == (text, int(text.split()[-1]))



def test_a_pronoun_with_any_attribution_verb_reaches_back_across_a_paragraph_for_its_source() -> None:
    article = "Police gave the toll on Monday.\n\nThey put the number of dead at 12."
    assert attribution_context(split_sentences(article), 1) == "Police gave the toll on Monday."


def test_a_statement_that_reports_figures_speaks_for_the_government_it_names() -> None:
    article = ('Chile said it struck rebel camps at dawn. "Chile carried out strikes on camps, and a number '
               'of rebels were killed," an official statement read.')
    (row,) = _resolve([], split_sentences(article)).casualties
    assert row.reported_by == "chile"


def test_a_summary_sentence_repeated_in_nearly_the_same_words_is_said_once() -> None:
    summary = compose_summary("Osk is still at war, and others must take this into account. Osk is at war, and "
                              "others must take this into account. Talks resume on Monday.", [], {}, "")
    assert summary == "Osk is still at war, and others must take this into account. Talks resume on Monday."


def test_the_attackers_a_figure_counts_are_its_victims_whatever_the_model_read() -> None:
    report = CasualtyReport(quote="-", reported_by="article", event="", perpetrator=None, victims="staff and patients",
                            killed=None, injured=None)
    rows = rows_by_rule("Guards who reached the roof killed all four attackers after a gun battle.", "article",
                        report)
    assert [row.victims for row in rows] == ["attackers"]


def _victims_read(quote: str, model_victims: str) -> list[str]:
    report = CasualtyReport(quote="-", reported_by="article", event="", perpetrator=None, victims=model_victims,
                            killed=None, injured=None)
    return [row.victims for row in rows_by_rule(quote, "article", report)]


def test_the_model_s_victims_are_kept_only_in_the_words_of_the_sentence() -> None:
    quote = "Police said the toll among the villagers of Osk rose to 12."
    assert _victims_read(quote, "villagers") == ["villagers"]
    assert _victims_read(quote, "twelve villagers") == ["villagers"]  # the count is the row's own
    assert _victims_read(quote, "soldiers and rebels") == ["people"]  # not said: a guess
    assert _victims_read(quote, "12 dead") == ["people"]  # what befell them, not who they were
