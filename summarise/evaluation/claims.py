"""The claims of a Result scored against the gold claims (see summarise.evaluation.score for the rules):
recall, attribution accuracy, and how many predicted claims are the article's narration."""

from __future__ import annotations

from summarise.evaluation.aliases import aliases_match, source_names
from summarise.evaluation.gold import GoldArticle
from summarise.evaluation.metrics import Metrics, Ratio
from summarise.evaluation.spans import interval_of, locate_evidence, overlaps
from summarise.reading.sentences import split_sentences
from summarise.reading.speakers import is_attributed
from summarise.result import Result

__all__ = ["claim_metrics", "narration_metrics"]


def claim_metrics(result: Result, gold: GoldArticle, article_text: str) -> Metrics:
    """Gold claims found (a predicted claim overlaps their evidence and names their party), and predicted
    claims near some gold claim that name its party."""
    names = source_names(result)
    predicted = [(names.get(claim.party_id, (claim.party_id,)), interval_of(claim.span)) for claim in result.claims]
    evidence = [locate_evidence(claim.evidence, article_text) for claim in gold.claims]
    found = sum(
        any(overlaps(span, gold_span) and aliases_match(sources, gold_claim.party) for sources, span in predicted)
        for gold_claim, gold_span in zip(gold.claims, evidence, strict=True)
    )
    in_scope = attributed = 0
    for sources, span in predicted:
        near = [gold_claim for gold_claim, gold_span in zip(gold.claims, evidence, strict=True)
                if overlaps(span, gold_span)]
        if near:
            in_scope += 1
            attributed += any(aliases_match(sources, gold_claim.party) for gold_claim in near)
    return Metrics(claim_recall=Ratio(found, len(gold.claims)), attribution_accuracy=Ratio(attributed, in_scope))


def narration_metrics(result: Result, article_text: str) -> Metrics:
    """Predicted claims whose sentences (those their span covers, else the quote) attribute nothing."""
    sentences = split_sentences(article_text)
    narrated = 0
    for claim in result.claims:
        interval = interval_of(claim.span)
        covered = [sentence.text for sentence in sentences.covering(*interval)] if interval else []
        narrated += not is_attributed(" ".join(covered) if covered else claim.quote)
    return Metrics(narration_rate=Ratio(narrated, len(result.claims)))
