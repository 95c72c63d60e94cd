"""Plan the narrow passes and assemble their answers into one Digest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.ingest import Article
from summarise.passes.claims import resolve_claims
from summarise.passes.models import (
    CasualtyPass,
    CasualtySentence,
    ClaimPass,
    OverviewPass,
    casualty_pass_for,
    claim_pass_for,
)
from summarise.plan import Answers, Plan, Request
from summarise.prompting import render_template
from summarise.reading.attribution import find_source
from summarise.reading.casualties import (
    casualty_sentences,
    distinct,
    drop_echoes,
    plausible_source,
    rows_by_rule,
    shouted,
)
from summarise.reading.figures import find_figures
from summarise.reading.parties import canonical_party, parties_named, party_id, source_name
from summarise.reading.sentences import Numbered, Sentence, casualty_candidates, claim_candidates, split_sentences
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Claim, Digest

__all__ = ["PASS_PROMPTS", "Resolved", "resolve", "assemble", "plan_passes"]


PASS_PROMPTS = ("casualties.txt", "claims.txt", "overview.txt", "sentences.txt", "overview_user.txt")


MAX_CASUALTY_SENTENCES = 14


MAX_CLAIM_SENTENCES = 16


MAX_OVERVIEW_CHARS = 6000


def _listing(numbered: Numbered) -> str:
    """The prompt's numbered list: each sentence, with the one before it in its paragraph as context."""
    lines = []
    for number, sentence in numbered.sentences.items():
        lines.append(f"[{number}] {' '.join(sentence.text.split())}")
        if number in numbered.before:
            lines.append(f"    context before: {' '.join(numbered.before[number].text.split())}")
    return "\n".join(lines)


def _sentence_request(system: str, model_for: Callable[[int], type[BaseModel]], numbered: Numbered) -> Request | None:
    if not numbered.sentences:
        return None
    messages = [{"role": "system", "content": render_template(system)},
                {"role": "user", "content": render_template("sentences.txt", sentences=_listing(numbered))}]
    return Request(model_for(len(numbered.sentences)), messages, numbered.validation_context())


def numbered_for_passes(sentences: list[Sentence]) -> tuple[Numbered, Numbered]:
    """The sentences the casualty pass and the claim pass read, numbered, from the article's ``sentences``."""
    casualties = [sentence for sentence in casualty_candidates(sentences)
                  if not shouted(sentence.text) and find_figures(sentence.text)][:MAX_CASUALTY_SENTENCES]
    claims = claim_candidates(sentences)[:MAX_CLAIM_SENTENCES]
    return Numbered.of(casualties, sentences), Numbered.of(claims, sentences)


def first_requests(casualties: Numbered, claims: Numbered) -> tuple[Request | None, Request | None]:
    """The casualty and claim passes over their numbered sentences, or None where none qualifies."""
    return (_sentence_request("casualties.txt", casualty_pass_for, casualties),
            _sentence_request("claims.txt", claim_pass_for, claims))


def overview_request(article: Article) -> Request:
    """The summary's words: the article alone, so this request does not depend on the other passes (and
    runs beside them). Figures are not asked for: the summary states them from the casualty table."""
    text = article.text[:MAX_OVERVIEW_CHARS]
    messages = [{"role": "system", "content": render_template("overview.txt")},
                {"role": "user", "content": render_template("overview_user.txt", article=text)}]
    return Request(OverviewPass, messages, {})


@dataclass(frozen=True)
class Resolved:
    """Pass answers with sentence numbers replaced by the sentences and sources resolved to names."""

    claims: list[Claim]
    casualties: list[CasualtyReport]
    names: list[str]


def resolve(casualties: CasualtyPass | None, casualty_sentences_read: Numbered, claims: ClaimPass | None,
            claim_sentences_read: Numbered, sentences: list[Sentence] | None = None) -> Resolved:
    """Claims from the claim pass; casualty rows from every sentence whose phrasing ties a number to a
    casualty word (``sentences``: the article's), with source, victims and event from the casualty pass.
    Each pass's answers name the sentences it read by number."""
    names: dict[str, str] = {}

    def register(name: str | None, as_named: bool = False) -> str:
        if name is None:
            return ARTICLE_VOICE
        name = name if as_named else canonical_party(name)
        return party_id(names.setdefault(party_id(name), name))

    claim_rows = resolve_claims(claims, claim_sentences_read, sentences, register)
    answered: dict[str, CasualtySentence] = {}
    for answer in casualties.reports if casualties else []:
        quote = casualty_sentences_read.text(answer.sentence)
        if quote is not None:
            answered.setdefault(quote, answer)
    rows: list[CasualtyReport] = []
    for quote, before in casualty_sentences(sentences, casualty_sentences_read):
        report = answered.get(quote)
        model_source = source_name(report.source) if report else None
        source = register(find_source(quote, before) or plausible_source(model_source, quote, before))
        rows.extend(rows_by_rule(quote, source, report))
    return Resolved(claim_rows, drop_echoes(distinct(rows)), list(names.values()))


def assemble(resolved: Resolved, overview: Any) -> Digest:
    """One Digest from the resolved passes and the overview; quotes are the numbered sentences. The summary
    is the overview's words: after grounding, the pipeline publishes them with the verified rows' figures
    (summarise.reading.summary.publish_summary)."""
    parties = parties_named(resolved.names)
    return Digest(summary=overview.summary if overview else "", parties=parties, claims=resolved.claims,
                  casualties=resolved.casualties)


def plan_passes(article: Article) -> Plan:
    """Casualty pass, claim pass and overview pass; none depends on another's answer."""
    sentences = split_sentences(article.text)
    casualty_sentences_read, claim_sentences_read = numbered_for_passes(sentences)
    casualty_request, claim_request = first_requests(casualty_sentences_read, claim_sentences_read)

    def finish(answers: Answers) -> Digest:
        casualties, claims, overview = answers
        resolved = resolve(casualties.value if casualties else None, casualty_sentences_read,
                           claims.value if claims else None, claim_sentences_read, sentences)
        return assemble(resolved, overview.value if overview else None)

    return Plan([casualty_request, claim_request, overview_request(article)], finish)
