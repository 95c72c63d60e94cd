"""Score one Result against its gold article, by the matching rules of the gold FORMAT.md.

Pure functions: nothing here reads files or calls a model. How our output maps onto the rules:

- **Predicted figures.** Each casualty row gives one figure per kind (killed, injured) that has a
  number or vague words. Its numbers are whichever of best/low/high are present; a figure with none is
  vague. Its source names are the reporting party's id, name and side from ``result.parties``; the
  article's own voice ("article") has no names, so it matches only a gold ``*``.
- **Figure match.** Same kind (a gold "casualties" figure, killed and injured lumped, accepts either of
  our kinds), the gold number equals any of our bounds (vague matches vague), and a source name and a
  gold alias contain one another, ignoring case. Each gold figure takes at most one prediction: a
  maximum bipartite matching that serves required gold figures before background ones.
- **Duplicates count once.** An unmatched prediction with the same (kind, numbers, reporting party) as
  another prediction is not counted again: it is the same figure said twice (headline and body).
  Duplicates are resolved after matching, so two gold figures that share a key (the same toll from the
  same source for two events) can both be found.
- **Evidence overlap.** Two spans overlap when they share at least half of the shorter one. Gold
  evidence is located in the article text; predictions use their own recorded span. Number and source
  accuracy count the predictions, duplicates once, whose span overlaps some gold figure's evidence: the
  number is right when a gold figure there has the same kind and number, the source when one there
  has a matching alias.
- **Narration.** A predicted claim is narration when its sentence (the article sentences its recorded
  span covers; the quote itself when it was not located) attributes nothing: no reporting verb, no
  quotation mark, no "according to" (summarise.reading.speakers.is_attributed). *narration rate*:
  such claims / predicted claims.
- **Grounding.** The grounding rate counts every claim and row quote the pipeline located. A figure's
  number is unsupported when one of its bounds is not written in the article at the row's recorded span
  (in the row's quote when it was not located; checked here again, independently of the pipeline); an
  unsupported figure in a row marked verified is *unflagged*, which the pipeline should never allow.
- **Events.** The figures the matching paired with a gold figure go on to ``events``, which scores
  how their rows group them into events, flag background events and name perpetrators.

Every metric keeps its numerator and denominator, so :func:`total` micro-averages exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarise.evaluation.aliases import aliases_match
from summarise.evaluation.events import MatchedFigure, event_metrics
from summarise.evaluation.gold import GoldArticle, GoldFigure
from summarise.evaluation.metrics import ArticleScore, Metrics, Ratio, TotalScore
from summarise.locate import MatchStatus, locate_quote, number_is_written
from summarise.reading.sentences import split_sentences
from summarise.reading.speakers import is_attributed
from summarise.result import CasualtyFigure, GroundedCasualty, Result, Span
from summarise.schema import ARTICLE_VOICE

__all__ = ["score_article", "score_failure", "total"]

_Interval = tuple[int, int]


@dataclass(frozen=True)
class _Predicted:
    kind: str
    numbers: frozenset[int]
    reporting_party: str
    sources: tuple[str, ...]
    span: _Interval | None
    row: GroundedCasualty


def _interval(span: Span) -> _Interval | None:
    if span.status is MatchStatus.NOT_FOUND or span.start is None or span.end is None:
        return None
    return span.start, span.end


def _locate(evidence: str, article_text: str) -> _Interval | None:
    match = locate_quote(evidence, article_text)
    return None if match.start is None or match.end is None else (match.start, match.end)


def _overlaps(first: _Interval | None, second: _Interval | None) -> bool:
    """True when the spans share at least half of the shorter one."""
    if first is None or second is None:
        return False
    shared = min(first[1], second[1]) - max(first[0], second[0])
    shorter = min(first[1] - first[0], second[1] - second[0])
    return shared > 0 and 2 * shared >= shorter


def _source_names(result: Result) -> dict[str, tuple[str, ...]]:
    names = {party.id: tuple(name for name in (party.id, party.name, party.side) if name) for party in result.parties}
    names[ARTICLE_VOICE] = ()
    return names


def _numbers(figure: CasualtyFigure) -> frozenset[int]:
    return frozenset(number for number in (figure.best, figure.low, figure.high) if number is not None)


def _predicted_figures(result: Result) -> list[_Predicted]:
    names = _source_names(result)
    predicted = []
    for row in result.casualties:
        sources = names.get(row.reported_by, (row.reported_by,))
        for kind, figure in (("killed", row.killed), ("injured", row.injured)):
            if figure is None or not (_numbers(figure) or figure.text.strip()):
                continue
            predicted.append(_Predicted(kind, _numbers(figure), row.reported_by, sources, _interval(row.span), row))
    return predicted


def _counted(predicted: Sequence[_Predicted], owner: dict[int, int]) -> list[_Predicted]:
    """The matched predictions, plus one unmatched prediction per key that no matched one has."""
    def key(figure: _Predicted) -> tuple[str, frozenset[int], str]:
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


def _figure_matches(predicted: _Predicted, gold: GoldFigure) -> bool:
    return (
        _kind_fits(predicted.kind, gold.kind)
        and _number_fits(predicted.numbers, gold.number)
        and aliases_match(predicted.sources, gold.reported_by)
    )


def _match_figures(predicted: Sequence[_Predicted], golds: Sequence[GoldFigure]) -> dict[int, int]:
    """A maximum matching, prediction index -> gold index (Kuhn's augmenting paths).

    Gold figures are served required-first; an augmenting path never unmatches a gold figure, so the
    required ones matched are as many as possible, and background ones then take what is left.
    """
    candidates = [[index for index, figure in enumerate(predicted) if _figure_matches(figure, gold)] for gold in golds]
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


def _figure_metrics(predicted: Sequence[_Predicted], owner: dict[int, int], gold: GoldArticle,
                    article_text: str) -> Metrics:
    counted = _counted(predicted, owner)
    required = [index for index, figure in enumerate(gold.figures) if not figure.background]
    matched_gold = set(owner.values())
    evidence = [_locate(figure.evidence, article_text) for figure in gold.figures]
    in_scope = right_number = right_source = 0
    for figure in counted:
        near = [gold_figure for gold_figure, span in zip(gold.figures, evidence, strict=True)
                if _overlaps(figure.span, span)]
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


def _claim_metrics(result: Result, gold: GoldArticle, article_text: str) -> Metrics:
    names = _source_names(result)
    predicted = [(names.get(claim.party_id, (claim.party_id,)), _interval(claim.span)) for claim in result.claims]
    evidence = [_locate(claim.evidence, article_text) for claim in gold.claims]
    found = sum(
        any(_overlaps(span, gold_span) and aliases_match(sources, gold_claim.party) for sources, span in predicted)
        for gold_claim, gold_span in zip(gold.claims, evidence, strict=True)
    )
    in_scope = attributed = 0
    for sources, span in predicted:
        near = [gold_claim for gold_claim, gold_span in zip(gold.claims, evidence, strict=True)
                if _overlaps(span, gold_span)]
        if near:
            in_scope += 1
            attributed += any(aliases_match(sources, gold_claim.party) for gold_claim in near)
    return Metrics(claim_recall=Ratio(found, len(gold.claims)), attribution_accuracy=Ratio(attributed, in_scope))


def _narration_metrics(result: Result, article_text: str) -> Metrics:
    sentences = split_sentences(article_text)
    narrated = 0
    for claim in result.claims:
        interval = _interval(claim.span)
        covered = [sentence.text for sentence in sentences
                   if interval and sentence.start < interval[1] and interval[0] < sentence.end]
        narrated += not is_attributed(" ".join(covered) if covered else claim.quote)
    return Metrics(narration_rate=Ratio(narrated, len(result.claims)))


def _grounding_metrics(result: Result, article_text: str) -> Metrics:
    spans = [claim.span for claim in result.claims] + [row.span for row in result.casualties]
    located = sum(span.status is not MatchStatus.NOT_FOUND for span in spans)
    numbered = unsupported = unflagged = 0
    for row in result.casualties:
        interval = _interval(row.span)
        evidence = article_text[interval[0]:interval[1]] if interval else row.quote
        for figure in (row.killed, row.injured):
            if figure is None or not _numbers(figure):
                continue
            numbered += 1
            if not all(number_is_written(number, evidence) for number in _numbers(figure)):
                unsupported += 1
                unflagged += row.verified
    return Metrics(
        grounding_rate=Ratio(located, len(spans)),
        unsupported_numbers=Ratio(unsupported, numbered),
        unflagged_unsupported=unflagged,
    )


def _name(gold: GoldArticle) -> str:
    return Path(gold.article).stem


def score_article(result: Result, gold: GoldArticle, article_text: str) -> ArticleScore:
    """Score ``result`` against ``gold``; ``article_text`` is the exact text the pipeline read."""
    predicted = _predicted_figures(result)
    owner = _match_figures(predicted, gold.figures)
    matched = [MatchedFigure(predicted[index].row, gold.figures[gold_index]) for index, gold_index in owner.items()]
    metrics = (
        _figure_metrics(predicted, owner, gold, article_text)
        + event_metrics(result, matched)
        + _claim_metrics(result, gold, article_text)
        + _grounding_metrics(result, article_text)
        + _narration_metrics(result, article_text)
    )
    provenance = result.provenance
    tokens = provenance.prompt_tokens + provenance.completion_tokens
    return ArticleScore(_name(gold), metrics, seconds=provenance.seconds, tokens=tokens)


def score_failure(gold: GoldArticle, error: str) -> ArticleScore:
    """The score of an article the pipeline produced nothing for: zero recall, nothing predicted."""
    required = sum(not figure.background for figure in gold.figures)
    metrics = Metrics(figure_recall=Ratio(0, required), claim_recall=Ratio(0, len(gold.claims)))
    return ArticleScore(_name(gold), metrics, error=error)


def total(scores: Iterable[ArticleScore]) -> TotalScore:
    """Micro-average over articles: sum every numerator and denominator, failed articles included."""
    scores = list(scores)
    metrics = sum((score.metrics for score in scores), Metrics())
    return TotalScore(
        articles=len(scores),
        failed=sum(score.error is not None for score in scores),
        metrics=metrics,
        seconds=round(sum(score.seconds or 0.0 for score in scores), 3),
        tokens=sum(score.tokens or 0 for score in scores),
    )
