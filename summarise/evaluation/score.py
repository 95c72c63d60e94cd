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

from collections.abc import Iterable
from pathlib import Path

from summarise.evaluation.claims import claim_metrics, narration_metrics
from summarise.evaluation.events import MatchedFigure, event_metrics
from summarise.evaluation.figures import figure_metrics, match_figures, numbers_of, predicted_figures
from summarise.evaluation.gold import GoldArticle
from summarise.evaluation.metrics import ArticleScore, Metrics, Ratio, TotalScore
from summarise.evaluation.spans import interval_of, locate_evidence
from summarise.locate import MatchStatus, number_is_written
from summarise.result import Result

__all__ = ["score_article", "score_failure", "total"]


def _grounding_metrics(result: Result, article_text: str) -> Metrics:
    spans = [claim.span for claim in result.claims] + [row.span for row in result.casualties]
    located = sum(span.status is not MatchStatus.NOT_FOUND for span in spans)
    numbered = unsupported = unflagged = 0
    for row in result.casualties:
        interval = interval_of(row.span)
        evidence = article_text[interval[0]:interval[1]] if interval else row.quote
        for figure in (row.killed, row.injured):
            if figure is None or not numbers_of(figure):
                continue
            numbered += 1
            if not all(number_is_written(number, evidence) for number in numbers_of(figure)):
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
    predicted = predicted_figures(result)
    evidence = [locate_evidence(figure.evidence, article_text) for figure in gold.figures]
    owner = match_figures(predicted, gold.figures, evidence)
    matched = [MatchedFigure(predicted[index].row, gold.figures[gold_index]) for index, gold_index in owner.items()]
    metrics = (
        figure_metrics(predicted, owner, gold, evidence)
        + event_metrics(result, matched)
        + claim_metrics(result, gold, article_text)
        + _grounding_metrics(result, article_text)
        + narration_metrics(result, article_text)
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
