"""Ground a digest in its article: locate every quote, check every casualty number, flag the rest."""

from __future__ import annotations

from dataclasses import dataclass

from summarise.locate import QuoteMatch, locate_quote
from summarise.result import CasualtyFigure, GroundedCasualty, GroundedClaim, Span
from summarise.schema import CasualtyReport, Claim, Digest, Figure, Qualifier, figure_problems

__all__ = ["Grounded", "ground_digest", "bounds_of"]


@dataclass(frozen=True)
class Grounded:
    claims: list[GroundedClaim]
    casualties: list[GroundedCasualty]
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


def _figure(figure: Figure | None, quote: str, label: str, issues: list[str]) -> CasualtyFigure | None:
    if figure is None:
        return None
    problems = figure_problems(figure, quote, label)
    issues.extend(problems)
    best, low, high = bounds_of(figure)
    return CasualtyFigure(
        text=figure.text, qualifier=figure.qualifier, best=best, low=low, high=high, supported=not problems
    )


def _ground_claim(claim: Claim, article: str) -> GroundedClaim:
    match = locate_quote(claim.quote, article)
    return GroundedClaim(**claim.model_dump(), span=_span(match), verified=match.found)


def _ground_casualty(row: CasualtyReport, article: str) -> GroundedCasualty:
    match = locate_quote(row.quote, article)
    issues = [] if match.found else ["quote not found in the article"]
    killed = _figure(row.killed, row.quote, "killed", issues)
    injured = _figure(row.injured, row.quote, "injured", issues)
    return GroundedCasualty(
        event=row.event,
        perpetrator=row.perpetrator,
        victims=row.victims,
        reported_by=row.reported_by,
        quote=row.quote,
        span=_span(match),
        killed=killed,
        injured=injured,
        verified=not issues,
        issues=issues,
    )


def ground_digest(digest: Digest, article: str, *, strict: bool = False) -> Grounded:
    """Ground every claim and casualty row; claims come out grouped by party, in the order of parties.

    With ``strict`` the unverified ones are dropped instead of flagged, and counted as ``dropped``.
    """
    party_order = {party.id: position for position, party in enumerate(digest.parties)}
    claims = sorted(
        (_ground_claim(claim, article) for claim in digest.claims),
        key=lambda claim: party_order.get(claim.party_id, len(party_order)),
    )
    casualties = [_ground_casualty(row, article) for row in digest.casualties if row.killed or row.injured]
    if not strict:
        return Grounded(claims=claims, casualties=casualties)
    kept_claims = [claim for claim in claims if claim.verified]
    kept_casualties = [row for row in casualties if row.verified]
    dropped = len(claims) - len(kept_claims) + len(casualties) - len(kept_casualties)
    return Grounded(claims=kept_claims, casualties=kept_casualties, dropped=dropped)
