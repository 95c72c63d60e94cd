"""Ground a digest in its article: locate every quote, check every casualty number in the article's own
text at the quote (never in the model's words) and that the sentence there reports an event (not an
instruction, a hypothetical or a question), flag the rest."""

from __future__ import annotations

from dataclasses import dataclass

from summarise.errors import GroundingError
from summarise.locate import QuoteMatch
from summarise.reading.evidence import Evidence, evidence_for
from summarise.reading.figures import unreported_in
from summarise.reading.paraphrase import paraphrase_or_nothing
from summarise.reading.sentences import Sentences
from summarise.result import CasualtyFigure, CheckedCasualty, GroundedClaim, Span
from summarise.schema import CasualtyReport, Claim, Digest, Figure, Qualifier, figure_problems

__all__ = ["Grounded", "ground_digest", "bounds_of"]


@dataclass(frozen=True)
class Grounded:
    claims: list[GroundedClaim]
    casualties: list[CheckedCasualty]  # summarise.reading.events puts each in its incident
    dropped: int = 0  # claims and rows that failed grounding and were left out (strict)

    @property
    def unverified(self) -> int:
        return sum(not claim.verified for claim in self.claims) + sum(not row.verified for row in self.casualties)


def _span(match: QuoteMatch) -> Span:
    return Span(start=match.start, end=match.end, status=match.status, score=match.score)


def bounds_of(figure: Figure) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) of a figure, in UCDP's sense: exact numbers are their own bounds."""
    number = figure.number
    match figure.qualifier:
        case Qualifier.EXACT:
            return number, number, number
        case Qualifier.ABOUT:
            return number, None, None
        case Qualifier.AT_LEAST | Qualifier.MORE_THAN:
            return None, number, None
        case Qualifier.AT_MOST:
            return None, None, number
        case Qualifier.RANGE:
            return None, number, figure.high
    return None, None, None


def _figure(figure: Figure | None, evidence: Evidence, label: str, issues: list[str]) -> CasualtyFigure | None:
    if figure is None:
        return None
    problems = figure_problems(figure, evidence.text, label)
    if evidence.match.found:  # an unfound quote has its one issue already, and nothing in the article supports it
        issues.extend(problems)
    best, low, high = bounds_of(figure)
    return CasualtyFigure(text=figure.text, qualifier=figure.qualifier, best=best, low=low, high=high,
                          supported=evidence.match.found and not problems)


def _ground_claim(claim: Claim, article: str) -> GroundedClaim:
    """The claim located in ``article``; its paraphrase kept only when it restates the article's words
    there briefly in other words (summarise.reading.paraphrase)."""
    evidence = evidence_for(claim.quote, article)
    issues = evidence.changes if evidence.match.found else ["quote not found in the article"]
    paraphrase = paraphrase_or_nothing(claim.paraphrase, evidence.text if evidence.match.found else claim.quote)
    return GroundedClaim(**claim.model_dump(exclude={"paraphrase"}), paraphrase=paraphrase,
                         span=_span(evidence.match), verified=not issues, issues=issues)


def _sentences_at(match: QuoteMatch, sentences: Sentences) -> str:
    """The article's sentences that the span of ``match`` overlaps, as one text."""
    start, end = match.start or 0, match.end or 0
    covering = sentences.covering(start, end)
    return sentences.article[covering[0].start:covering[-1].end] if covering else sentences.article[start:end]


def _not_reported(row: CasualtyReport, sentence: str) -> list[str]:
    """Why the row's figures report no event in ``sentence``, the article's text around its quote."""
    problems = []
    for label, figure in (("killed", row.killed), ("injured", row.injured)):
        reason = unreported_in(sentence, figure.number) if figure is not None else None
        if figure is not None and reason is not None:
            problems.append(f"{label} {figure.text!r} is read from {reason}, not from a report of an event")
    return problems


def _ground_casualty(row: CasualtyReport, sentences: Sentences) -> CheckedCasualty:
    evidence = evidence_for(row.quote, sentences.article)
    issues = list(evidence.changes) if evidence.match.found else ["quote not found in the article"]
    killed = _figure(row.killed, evidence, "killed", issues)
    injured = _figure(row.injured, evidence, "injured", issues)
    if evidence.match.found:
        issues.extend(_not_reported(row, _sentences_at(evidence.match, sentences)))
    return CheckedCasualty(
        victims=row.victims,
        reported_by=row.reported_by,
        quote=row.quote,
        span=_span(evidence.match),
        killed=killed,
        injured=injured,
        verified=not issues,
        issues=issues,
    )


def ground_digest(digest: Digest, sentences: Sentences, *, strict: bool = False) -> Grounded:
    """Ground every claim and casualty row in the article ``sentences`` were split from; claims come out
    grouped by party, in the order of parties.

    With ``strict`` the unverified ones are dropped instead of flagged, and counted as ``dropped``. Whatever
    breaks on the way is raised as a GroundingError around it, so a failure names its step.
    """
    try:
        return _ground(digest, sentences, strict)
    except Exception as error:
        raise GroundingError(error) from error


def _ground(digest: Digest, sentences: Sentences, strict: bool) -> Grounded:
    party_order = {party.id: position for position, party in enumerate(digest.parties)}
    claims = sorted(
        (_ground_claim(claim, sentences.article) for claim in digest.claims),
        key=lambda claim: party_order.get(claim.party_id, len(party_order)),
    )
    casualties = [_ground_casualty(row, sentences) for row in digest.casualties if row.killed or row.injured]
    if not strict:
        return Grounded(claims=claims, casualties=casualties)
    kept_claims = [claim for claim in claims if claim.verified]
    kept_casualties = [row for row in casualties if row.verified]
    dropped = len(claims) - len(kept_claims) + len(casualties) - len(kept_casualties)
    return Grounded(claims=kept_claims, casualties=kept_casualties, dropped=dropped)
