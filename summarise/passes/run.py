"""Run the narrow passes and assemble their answers into one Digest."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.attribution import find_source
from summarise.extract import Answer, Usage, ask, ask_async
from summarise.figures import find_figures
from summarise.ingest import Article
from summarise.llm import Connection
from summarise.locate import text_is_in
from summarise.passes.casualties import (
    casualty_sentences,
    distinct,
    drop_echoes,
    plausible_source,
    rows_by_rule,
    shouted,
)
from summarise.passes.models import OverviewPass, casualty_pass_for, claim_pass_for
from summarise.passes.parties import canonical_party, parties_named, party_id, source_name
from summarise.passes.summary import compose_summary, has_figure
from summarise.prompting import render_template
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Claim, Digest
from summarise.sentences import Sentence, casualty_candidates, claim_candidates, split_sentences

__all__ = ["PASS_PROMPTS", "PassRequest", "Resolved", "resolve", "assemble", "lead_sentence",
           "run_passes", "run_passes_async"]


PASS_PROMPTS = ("casualties.txt", "claims.txt", "overview.txt", "sentences.txt", "overview_user.txt")


MAX_CASUALTY_SENTENCES = 14


MAX_CLAIM_SENTENCES = 16


MAX_OVERVIEW_CHARS = 6000


@dataclass(frozen=True)
class PassRequest:
    model: type[BaseModel]
    messages: list[dict[str, str]]
    context: dict[str, Any]


def _numbered(candidates: list[Sentence], sentences: list[Sentence]) -> tuple[str, dict[str, Any]]:
    """The prompt's numbered list (each sentence with the one before it as context) and its context:
    ``sentences`` (number -> text) and ``before`` (number -> the preceding sentence of the paragraph)."""
    position = {sentence.start: index for index, sentence in enumerate(sentences)}
    lines, by_number, before = [], {}, {}
    for number, sentence in enumerate(candidates, start=1):
        by_number[number] = sentence.text
        lines.append(f"[{number}] {' '.join(sentence.text.split())}")
        index = position[sentence.start]
        if index > 0 and sentences[index - 1].paragraph == sentence.paragraph:
            before[number] = sentences[index - 1].text
            lines.append(f"    context before: {' '.join(before[number].split())}")
    return "\n".join(lines), {"sentences": by_number, "before": before}


def _sentence_request(system: str, model_for: Callable[[int], type[BaseModel]], candidates: list[Sentence],
                      sentences: list[Sentence]) -> PassRequest | None:
    if not candidates:
        return None
    listing, context = _numbered(candidates, sentences)
    messages = [{"role": "system", "content": render_template(system)},
                {"role": "user", "content": render_template("sentences.txt", sentences=listing)}]
    return PassRequest(model_for(len(candidates)), messages, context)


def first_requests(sentences: list[Sentence]) -> tuple[PassRequest | None, PassRequest | None]:
    """The casualty and claim passes over the article's ``sentences``, or None where none qualifies."""
    casualties = [sentence for sentence in casualty_candidates(sentences)
                  if not shouted(sentence.text) and find_figures(sentence.text)][:MAX_CASUALTY_SENTENCES]
    claims = claim_candidates(sentences)[:MAX_CLAIM_SENTENCES]
    return (_sentence_request("casualties.txt", casualty_pass_for, casualties, sentences),
            _sentence_request("claims.txt", claim_pass_for, claims, sentences))


def overview_request(article: Article) -> PassRequest:
    """The summary's words: the article alone, so this request does not depend on the other passes (and
    runs beside them). Figures are not asked for: the summary states them from the casualty table."""
    text = article.text[:MAX_OVERVIEW_CHARS]
    messages = [{"role": "system", "content": render_template("overview.txt")},
                {"role": "user", "content": render_template("overview_user.txt", article=text)}]
    return PassRequest(OverviewPass, messages, {})


def resolve_source(model_source: str, number: int, context: dict[str, Any]) -> str | None:
    """The named source of sentence ``number``: the attribution the text itself shows, else the model's."""
    sentence = context.get("sentences", {}).get(number, "")
    return find_source(sentence, context.get("before", {}).get(number)) or source_name(model_source)


def _speaker(model_speaker: str, named: str | None, number: int, context: dict[str, Any]) -> str:
    """The attribution the text shows; else the model's speaker when the sentence or its context names
    every word of it; else the model's party."""
    if named:
        return named
    around = " ".join((context.get("before", {}).get(number, ""), context.get("sentences", {}).get(number, "")))
    speaker = model_speaker.strip()
    if speaker and all(text_is_in(word, around) for word in speaker.replace(",", " ").split()):
        return speaker
    return speaker or "unnamed"


def _paraphrase(claim: str, quote: str) -> str:
    """The model's paraphrase; one cut off (by the length limit, or at a quotation mark) ends at a whole word."""
    claim = claim.strip()
    if claim and not claim.endswith((".", "!", "?", '"', "”", "’", "'", ")")):
        cut = claim.rfind(" ")
        claim = (claim[:cut] if cut > 0 else claim).rstrip(" ,;:-–") + "…"
    return claim


@dataclass(frozen=True)
class Resolved:
    """Pass answers with sentence numbers replaced by the sentences and sources resolved to names."""

    claims: list[Claim]
    casualties: list[CasualtyReport]
    names: list[str]


def resolve(casualties: Any, casualty_context: dict[str, Any], claims: Any, claim_context: dict[str, Any],
            sentences: list[Sentence] | None = None) -> Resolved:
    """Claims from the claim pass; casualty rows from every sentence whose phrasing ties a number to a
    casualty word (``sentences``: the article's), with source, victims and event from the casualty pass."""
    names: dict[str, str] = {}

    def register(name: str | None) -> str:
        if name is None:
            return ARTICLE_VOICE
        name = canonical_party(name)
        return party_id(names.setdefault(party_id(name), name))

    claim_rows = []
    for claim in claims.claims if claims else []:
        quote = claim_context.get("sentences", {}).get(claim.sentence)
        if quote is not None:
            named = resolve_source(claim.party, claim.sentence, claim_context)
            party = register(named or claim.party)
            speaker = _speaker(claim.speaker, named, claim.sentence, claim_context)
            claim_rows.append(Claim(party_id=party, speaker=speaker, quote=quote,
                                    paraphrase=_paraphrase(claim.claim, quote)))
    answered: dict[str, Any] = {}
    for report in casualties.reports if casualties else []:
        quote = casualty_context.get("sentences", {}).get(report.sentence)
        if quote is not None:
            answered.setdefault(quote, report)
    rows: list[CasualtyReport] = []
    for quote, before in casualty_sentences(sentences, casualty_context):
        report = answered.get(quote)
        model_source = source_name(report.source) if report else None
        source = register(find_source(quote, before) or plausible_source(model_source, quote, before))
        rows.extend(rows_by_rule(quote, source, report))
    return Resolved(claim_rows, drop_echoes(distinct(rows)), list(names.values()))


def assemble(resolved: Resolved, overview: Any, lead: str = "") -> Digest:
    """One Digest from the resolved passes and the overview; quotes are the numbered sentences."""
    parties = parties_named(resolved.names)
    names = {party.id: party.name for party in parties}
    summary = compose_summary(overview.summary if overview else "", resolved.casualties, names, lead)
    return Digest(summary=summary, parties=parties, claims=resolved.claims, casualties=resolved.casualties)


def lead_sentence(sentences: list[Sentence]) -> str:
    """The article's first sentence of some length (headlines and bylines are short) that states no
    figure: the summary gives the figures from the table, each with its source."""
    return next((sentence.text for sentence in sentences
                 if len(sentence.text.split()) >= 8 and not has_figure(sentence.text)), "")


def _resolve(sentences: list[Sentence], casualties: Answer[Any] | None, casualty_request: PassRequest | None,
             claims: Answer[Any] | None, claim_request: PassRequest | None) -> Resolved:
    return resolve(casualties.value if casualties else None, casualty_request.context if casualty_request else {},
                   claims.value if claims else None, claim_request.context if claim_request else {}, sentences)


def _total(*answers: Answer[Any] | None) -> Usage:
    return sum((answer.usage for answer in answers if answer is not None), Usage())


def _ask_if(connection: Connection, request: PassRequest | None, max_retries: int) -> Answer[Any] | None:
    if request is None:
        return None
    return ask(connection, request.model, request.messages, request.context, max_retries)


def run_passes(connection: Connection, article: Article, max_retries: int = 1) -> tuple[Digest, Usage]:
    """Casualty pass, claim pass and overview pass; none depends on another's answer."""
    sentences = split_sentences(article.text)
    casualty_request, claim_request = first_requests(sentences)
    casualties = _ask_if(connection, casualty_request, max_retries)
    claims = _ask_if(connection, claim_request, max_retries)
    overview = _ask_if(connection, overview_request(article), max_retries)
    resolved = _resolve(sentences, casualties, casualty_request, claims, claim_request)
    return _assembled(resolved, overview, sentences), _total(casualties, claims, overview)


def _assembled(resolved: Resolved, overview: Answer[Any] | None, sentences: list[Sentence]) -> Digest:
    return assemble(resolved, overview.value if overview else None, lead_sentence(sentences))


async def _ask_if_async(connection: Connection, request: PassRequest | None,
                        max_retries: int) -> Answer[Any] | None:
    if request is None:
        return None
    return await ask_async(connection, request.model, request.messages, request.context, max_retries)


async def run_passes_async(connection: Connection, article: Article,
                           max_retries: int = 1) -> tuple[Digest, Usage]:
    sentences = split_sentences(article.text)
    casualty_request, claim_request = first_requests(sentences)
    casualties, claims, overview = await asyncio.gather(
        _ask_if_async(connection, casualty_request, max_retries),
        _ask_if_async(connection, claim_request, max_retries),
        _ask_if_async(connection, overview_request(article), max_retries))
    resolved = _resolve(sentences, casualties, casualty_request, claims, claim_request)
    return _assembled(resolved, overview, sentences), _total(casualties, claims, overview)
