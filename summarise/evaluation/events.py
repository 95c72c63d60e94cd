"""Score events: how the rows group matched figures, flag background events and name perpetrators.

The rules of the gold FORMAT.md ("Events"), over the figures that the figure matching paired with a
gold figure (:class:`MatchedFigure`); a figure's event, background flag and perpetrator are its row's:

- **Grouping.** Every pair of matched figures in the article (two figures of one row, killed and
  injured, are a pair too) is predicted in one event when their rows share an ``event_id``, and is in one
  gold event when their gold figures share an ``event_id``. Precision: pairs in one event by both / pairs
  predicted in one event; recall: pairs in one event by both / pairs in one gold event. A gold figure
  without an ``event_id`` is not annotated for events and takes part in no pair.
- **Background.** A matched figure is right when its row's event (found by id; none found: not
  background) has the gold figure's ``background`` flag.
- **Perpetrator.** Scored where the gold perpetrator is neither ``unknown`` nor missing. Gold ``none``
  accepts only a row with no perpetrator (null); a row that says ``unknown`` or has none matches no gold
  alias; otherwise the row's perpetrator, and the name of the party it is the id of, are matched to the
  aliases by the alias rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from summarise.evaluation.aliases import aliases_match
from summarise.evaluation.gold import NO_PERPETRATOR, UNKNOWN_PERPETRATOR, GoldFigure
from summarise.evaluation.metrics import Metrics, Ratio
from summarise.result import GroundedCasualty, Result

__all__ = ["MatchedFigure", "event_metrics"]


@dataclass(frozen=True)
class MatchedFigure:
    """A predicted figure's row and the gold figure the figure matching paired it with."""

    row: GroundedCasualty
    gold: GoldFigure


def _grouping_metrics(matched: Sequence[MatchedFigure]) -> Metrics:
    annotated = [figure for figure in matched if figure.gold.event_id]
    predicted_same = gold_same = both = 0
    for first, second in combinations(annotated, 2):
        in_one_row_event = first.row.event_id == second.row.event_id
        in_one_gold_event = first.gold.event_id == second.gold.event_id
        predicted_same += in_one_row_event
        gold_same += in_one_gold_event
        both += in_one_row_event and in_one_gold_event
    return Metrics(event_grouping_precision=Ratio(both, predicted_same),
                   event_grouping_recall=Ratio(both, gold_same))


def _background_metrics(result: Result, matched: Sequence[MatchedFigure]) -> Metrics:
    background = {event.id: event.background for event in result.events}
    right = sum(background.get(figure.row.event_id, False) == figure.gold.background for figure in matched)
    return Metrics(background_accuracy=Ratio(right, len(matched)))


def _folded(aliases: Sequence[str]) -> set[str]:
    return {alias.strip().casefold() for alias in aliases if alias.strip()}


def _perpetrator_matches(perpetrator: str | None, aliases: Sequence[str], party_names: dict[str, str]) -> bool:
    if NO_PERPETRATOR in _folded(aliases):
        return perpetrator is None
    if perpetrator is None or perpetrator.strip().casefold() == UNKNOWN_PERPETRATOR:
        return False
    names = (perpetrator, party_names[perpetrator]) if perpetrator in party_names else (perpetrator,)
    return aliases_match(names, aliases)


def _perpetrator_metrics(result: Result, matched: Sequence[MatchedFigure]) -> Metrics:
    party_names = {party.id: party.name for party in result.parties}
    scored = [figure for figure in matched
              if _folded(figure.gold.perpetrator) and UNKNOWN_PERPETRATOR not in _folded(figure.gold.perpetrator)]
    right = sum(_perpetrator_matches(figure.row.perpetrator, figure.gold.perpetrator, party_names)
                for figure in scored)
    return Metrics(perpetrator_accuracy=Ratio(right, len(scored)))


def event_metrics(result: Result, matched: Sequence[MatchedFigure]) -> Metrics:
    """Grouping precision and recall, background and perpetrator accuracy of the matched figures."""
    return _grouping_metrics(matched) + _background_metrics(result, matched) + _perpetrator_metrics(result, matched)
