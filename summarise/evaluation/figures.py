"""The casualty figures of a Result matched to the gold figures (see summarise.evaluation.score for the
rules), and the figure metrics: recall, precision, number and source accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarise.evaluation.aliases import aliases_match, source_names
from summarise.evaluation.gold import GoldArticle, GoldFigure
from summarise.evaluation.metrics import Metrics, Ratio
from summarise.evaluation.spans import Interval, interval_of, overlaps
from summarise.result import CasualtyFigure, GroundedCasualty, Result

__all__ = ["Predicted", "figure_metrics", "match_figures", "numbers_of", "predicted_figures"]


@dataclass(frozen=True)
class Predicted:
    """One figure of a casualty row: its kind, its numbers, who reports it, the names that source goes by,
    where its row's quote lies, and the row."""

    kind: str
    numbers: frozenset[int]
    reporting_party: str
    sources: tuple[str, ...]
    span: Interval | None
    row: GroundedCasualty


def numbers_of(figure: CasualtyFigure) -> frozenset[int]:
    """Whichever of the figure's best, low and high are given; none for a vague figure."""
    return frozenset(number for number in (figure.best, figure.low, figure.high) if number is not None)


def predicted_figures(result: Result) -> list[Predicted]:
    """Each row's killed and injured figures that have a number or words."""
    names = source_names(result)
    predicted = []
    for row in result.casualties:
        sources = names.get(row.reported_by, (row.reported_by,))
        for kind, figure in (("killed", row.killed), ("injured", row.injured)):
            if figure is None or not (numbers_of(figure) or figure.text.strip()):
                continue
            predicted.append(Predicted(kind, numbers_of(figure), row.reported_by, sources, interval_of(row.span), row))
    return predicted


def _counted(predicted: Sequence[Predicted], owner: dict[int, int]) -> list[Predicted]:
    """The matched predictions, plus one unmatched prediction per key that no matched one has."""
    def key(figure: Predicted) -> tuple[str, frozenset[int], str]:
        return figure.kind, figure.numbers, figure.reporting_party

    seen = {key(predicted[index]) for index in owner}
    counted = []
    for index, figure in enumerate(predicted):
        if index in owner or key(figure) not in seen:
            counted.append(figure)
            seen.add(key(figure))
    return counted


def _kind_fits(predicted_kind: str, gold_kind: str) -> bool:
    return gold_kind in (predicted_kind, "casualties")


def _number_fits(numbers: frozenset[int], gold_number: int | None) -> bool:
    return not numbers if gold_number is None else gold_number in numbers


def _figure_matches(predicted: Predicted, gold: GoldFigure) -> bool:
    return (
        _kind_fits(predicted.kind, gold.kind)
        and _number_fits(predicted.numbers, gold.number)
        and aliases_match(predicted.sources, gold.reported_by)
    )


def match_figures(predicted: Sequence[Predicted], golds: Sequence[GoldFigure],
                  evidence: Sequence[Interval | None] = ()) -> dict[int, int]:
    """A maximum matching, prediction index -> gold index (Kuhn's augmenting paths).

    Gold figures are served required-first; an augmenting path never unmatches a gold figure, so the
    required ones matched are as many as possible, and background ones then take what is left. Where a
    gold figure could take several predictions (the same number from the same source, said of two
    incidents), it tries first those whose span overlaps its ``evidence`` (each gold figure's, in order):
    the matching is as large either way, and pairs each figure with the sentence it was read from.
    """
    def candidates_of(gold_index: int) -> list[int]:
        fitting = [index for index, figure in enumerate(predicted) if _figure_matches(figure, golds[gold_index])]
        where = evidence[gold_index] if gold_index < len(evidence) else None
        return sorted(fitting, key=lambda index: not overlaps(predicted[index].span, where))

    candidates = [candidates_of(gold_index) for gold_index in range(len(golds))]
    owner: dict[int, int] = {}

    def augment(gold_index: int, visited: set[int]) -> bool:
        for index in candidates[gold_index]:
            if index in visited:
                continue
            visited.add(index)
            if index not in owner or augment(owner[index], visited):
                owner[index] = gold_index
                return True
        return False

    for gold_index in sorted(range(len(golds)), key=lambda position: golds[position].background):
        augment(gold_index, set())
    return owner


def figure_metrics(predicted: Sequence[Predicted], owner: dict[int, int], gold: GoldArticle,
                   evidence: Sequence[Interval | None]) -> Metrics:
    """Recall and precision of the matching ``owner``; number and source accuracy of the counted
    predictions whose span overlaps some gold figure's ``evidence`` (where each lies in the article)."""
    counted = _counted(predicted, owner)
    required = [index for index, figure in enumerate(gold.figures) if not figure.background]
    matched_gold = set(owner.values())
    in_scope = right_number = right_source = 0
    for figure in counted:
        near = [gold_figure for gold_figure, span in zip(gold.figures, evidence, strict=True)
                if overlaps(figure.span, span)]
        if not near:
            continue
        in_scope += 1
        right_number += any(_kind_fits(figure.kind, g.kind) and _number_fits(figure.numbers, g.number) for g in near)
        right_source += any(aliases_match(figure.sources, g.reported_by) for g in near)
    return Metrics(
        figure_recall=Ratio(sum(index in matched_gold for index in required), len(required)),
        figure_precision=Ratio(len(owner), len(counted)),
        number_accuracy=Ratio(right_number, in_scope),
        source_accuracy=Ratio(right_source, in_scope),
    )
