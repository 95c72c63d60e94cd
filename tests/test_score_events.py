"""Event metrics of the scorer (gold FORMAT.md, "Events") on hand-made rows, events and gold figures.

Only figures matched to a gold figure are scored; every gold figure here accepts any source ("*"), so a
prediction matches by kind and number alone."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.evaluation.gold import GoldArticle, GoldFigure
from summarise.evaluation.metrics import Metrics, Ratio
from summarise.evaluation.score import score_article
from summarise.result import CasualtyFigure, Event, GroundedCasualty, Result
from summarise.schema import Party, PartyKind
from tests.test_score import ARTICLE, FLOOD, SEVEN_KILLED, TEN_TO_FIFTEEN, exact, result, span_of

PARTIES = [
    Party(id="iran", name="Iran government", kind=PartyKind.GOVERNMENT, side="Iran"),
    Party(id="raiders", name="Jaish al-Adl", kind=PartyKind.ARMED_GROUP, side="Baluchistan"),
]


def event(event_id: str, *, background: bool = False) -> Event:
    return Event(id=event_id, what="-", where="", when="", date=None, perpetrator="unknown", background=background)


def row(quote: str, event_id: str, *, perpetrator: str | None = "unknown", killed: CasualtyFigure | None = None,
        injured: CasualtyFigure | None = None) -> GroundedCasualty:
    return GroundedCasualty(event_id=event_id, perpetrator=perpetrator, victims="people", reported_by="iran",
                            quote=quote, span=span_of(quote), killed=killed, injured=injured, verified=True,
                            issues=[])


def digest(rows: list[GroundedCasualty], events: list[Event]) -> Result:
    return result(rows).model_copy(update={"events": events, "parties": PARTIES})


def figure(kind: str, number: int, evidence: str, event_id: str, *, perpetrator: Sequence[str] = ("unknown",),
           background: bool | None = None) -> GoldFigure:
    fields: dict[str, object] = {
        "kind": kind, "number": number, "qualifier": "exact", "text": "-", "victims": "-", "event": "-",
        "event_id": event_id, "perpetrator": list(perpetrator), "reported_by": ["*"], "evidence": evidence,
    }
    if background is not None:
        fields["background"] = background
    return GoldFigure.model_validate(fields)


def metrics_of(predicted: Result, figures: list[GoldFigure]) -> Metrics:
    gold = GoldArticle.model_validate({"article": "001_hand-made.txt", "figures": figures, "claims": []})
    return score_article(predicted, gold, ARTICLE).metrics


def grouping(metrics: Metrics) -> tuple[Ratio, Ratio]:
    return metrics.event_grouping_precision, metrics.event_grouping_recall


STRIKE_SEVEN = figure("killed", 7, SEVEN_KILLED, "saravan-strike")
STRIKE_FIFTEEN = figure("injured", 15, TEN_TO_FIFTEEN, "saravan-strike")
FLOOD_300 = figure("killed", 300, FLOOD, "flood-2010")


# Grouping


def test_two_rows_in_one_event_that_gold_splits_lower_precision() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7)), row(FLOOD, "e1", killed=exact(300))], [event("e1")])
    assert grouping(metrics_of(predicted, [STRIKE_SEVEN, FLOOD_300])) == (Ratio(0, 1), Ratio(0, 0))


def test_two_events_that_gold_joins_lower_recall() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7)), row(TEN_TO_FIFTEEN, "e2", injured=exact(15))],
                       [event("e1"), event("e2")])
    assert grouping(metrics_of(predicted, [STRIKE_SEVEN, STRIKE_FIFTEEN])) == (Ratio(0, 0), Ratio(0, 1))


def test_killed_and_injured_of_one_row_are_a_pair_in_one_event() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7), injured=exact(15))], [event("e1")])
    assert grouping(metrics_of(predicted, [STRIKE_SEVEN, STRIKE_FIFTEEN])) == (Ratio(1, 1), Ratio(1, 1))


def test_every_pair_of_matched_figures_is_counted() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7), injured=exact(15)),
                        row(FLOOD, "e1", killed=exact(300))], [event("e1")])
    metrics = metrics_of(predicted, [STRIKE_SEVEN, STRIKE_FIFTEEN, FLOOD_300])
    assert grouping(metrics) == (Ratio(1, 3), Ratio(1, 1))


def test_unmatched_predictions_take_no_part_in_pairs() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7)), row(FLOOD, "e1", killed=exact(301))], [event("e1")])
    assert grouping(metrics_of(predicted, [STRIKE_SEVEN, FLOOD_300])) == (Ratio(0, 0), Ratio(0, 0))


def test_gold_figures_without_an_event_id_take_no_part_in_pairs() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7), injured=exact(15))], [event("e1")])
    unannotated = figure("injured", 15, TEN_TO_FIFTEEN, "")
    assert grouping(metrics_of(predicted, [STRIKE_SEVEN, unannotated])) == (Ratio(0, 0), Ratio(0, 0))


# Background


def test_a_background_flag_that_differs_from_gold_is_wrong() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", killed=exact(7)), row(FLOOD, "e2", killed=exact(300))],
                       [event("e1"), event("e2", background=False)])
    flood_in_passing = figure("killed", 300, FLOOD, "flood-2010", background=True)
    assert metrics_of(predicted, [STRIKE_SEVEN, flood_in_passing]).background_accuracy == Ratio(1, 2)


def test_a_background_event_matching_a_background_gold_figure_is_right() -> None:
    predicted = digest([row(FLOOD, "e2", killed=exact(300))], [event("e2", background=True)])
    flood_in_passing = figure("killed", 300, FLOOD, "flood-2010", background=True)
    assert metrics_of(predicted, [flood_in_passing]).background_accuracy == Ratio(1, 1)


def test_a_missing_gold_background_flag_means_not_background() -> None:
    predicted = digest([row(FLOOD, "e2", killed=exact(300))], [event("e2", background=True)])
    assert metrics_of(predicted, [figure("killed", 300, FLOOD, "flood-2010")]).background_accuracy == Ratio(0, 1)


def test_a_row_whose_event_is_not_listed_is_not_background() -> None:
    predicted = digest([row(SEVEN_KILLED, "e9", killed=exact(7))], [event("e1", background=True)])
    assert metrics_of(predicted, [STRIKE_SEVEN]).background_accuracy == Ratio(1, 1)


# Perpetrator


def perpetrator_accuracy(perpetrator: str | None, aliases: Sequence[str]) -> Ratio:
    predicted = digest([row(SEVEN_KILLED, "e1", perpetrator=perpetrator, killed=exact(7))], [event("e1")])
    gold = figure("killed", 7, SEVEN_KILLED, "saravan-strike", perpetrator=aliases)
    return metrics_of(predicted, [gold]).perpetrator_accuracy


def test_a_perpetrator_containing_an_alias_matches() -> None:
    assert perpetrator_accuracy("Pakistani forces", ["Pakistan", "Islamabad"]) == Ratio(1, 1)


def test_a_perpetrator_inside_an_alias_matches_ignoring_case() -> None:
    assert perpetrator_accuracy("MILITANTS", ["Baloch militants"]) == Ratio(1, 1)


def test_a_different_perpetrator_does_not_match() -> None:
    assert perpetrator_accuracy("Iraq", ["Pakistan", "Islamabad"]) == Ratio(0, 1)


def test_a_party_id_matches_through_the_party_name() -> None:
    assert perpetrator_accuracy("raiders", ["Jaish al-Adl"]) == Ratio(1, 1)


def test_gold_none_matches_no_perpetrator() -> None:
    assert perpetrator_accuracy(None, ["none"]) == Ratio(1, 1)


def test_gold_none_does_not_match_a_named_or_unknown_perpetrator() -> None:
    assert (perpetrator_accuracy("flood", ["none"]), perpetrator_accuracy("unknown", ["none"])) == (
        Ratio(0, 1), Ratio(0, 1))


def test_no_perpetrator_does_not_match_a_named_gold_perpetrator() -> None:
    assert perpetrator_accuracy(None, ["Pakistan"]) == Ratio(0, 1)


def test_a_predicted_unknown_never_matches_even_an_alias_containing_it() -> None:
    assert perpetrator_accuracy("unknown", ["unknown gunmen"]) == Ratio(0, 1)


def test_a_gold_unknown_perpetrator_is_not_scored() -> None:
    predicted = digest([row(SEVEN_KILLED, "e1", perpetrator="pakistan", killed=exact(7)),
                        row(FLOOD, "e2", perpetrator=None, killed=exact(300))], [event("e1"), event("e2")])
    flood = figure("killed", 300, FLOOD, "flood-2010", perpetrator=["none"])
    assert metrics_of(predicted, [STRIKE_SEVEN, flood]).perpetrator_accuracy == Ratio(1, 1)


def test_a_gold_figure_takes_the_prediction_read_from_its_own_sentence() -> None:
    # Two rows give the same number from the same source; the gold figure pairs with the row whose span
    # overlaps its evidence (not the first row), so the grouping is scored on the row it was read from.
    rows = [row(FLOOD, "e2", killed=exact(7)), row(SEVEN_KILLED, "e1", killed=exact(7)),
            row(TEN_TO_FIFTEEN, "e1", injured=exact(15))]
    metrics = metrics_of(digest(rows, [event("e1"), event("e2")]), [STRIKE_SEVEN, STRIKE_FIFTEEN])
    assert grouping(metrics) == (Ratio(1, 1), Ratio(1, 1))
