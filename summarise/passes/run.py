"""Plan the narrow passes and assemble their answers into one Digest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.ingest import Article
from summarise.passes.claims import SpokenSentence, needs_reading, resolve_claims, spoken_sentences
from summarise.passes.layout import Window, excerpt, question, windows
from summarise.passes.models import (
    CasualtySentence,
    ClaimSentence,
    OverviewPass,
    casualty_pass_for,
    claim_pass_for,
)
from summarise.plan import Answers, Plan, Request
from summarise.reading.casualties import (
    SourcedSentence,
    casualty_sentences,
    distinct,
    drop_echoes,
    plausible_source,
    rows_by_rule,
)
from summarise.reading.figures import find_figures
from summarise.reading.parties import canonical_party, parties_named, party_id, source_name
from summarise.reading.sentences import Sentences, is_casualty_candidate
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Claim, Digest

__all__ = ["PASS_PROMPTS", "Resolved", "RuleReading", "asked_numbers", "digest_of", "resolve", "assemble",
           "plan_passes", "pass_requests", "read_by_rule"]


PASS_PROMPTS = ("passes_system.txt", "casualties.txt", "claims.txt", "overview.txt")


def _sentence_question(window: Window, template: str, model_for: Callable[[tuple[int, ...]], type[BaseModel]],
                       numbers: set[int]) -> Request | None:
    """The question in ``template`` about the sentences of ``window`` among ``numbers``; None when none is."""
    asked = {number: sentence for number, sentence in window.sentences.items() if number in numbers}
    if not asked:
        return None
    return question(window, template, model_for(tuple(asked)), asked, numbers=", ".join(map(str, asked)))


def _casualty_numbers(sourced: list[SourcedSentence]) -> set[int]:
    """The sentences (numbers: position + 1) whose figures the rules read but whose source the text does not
    name: the casualty pass is asked who reports them, and about whom. A sentence that names only the one it
    accuses is not asked: the text says no one reports its figures but the article. (Each of ``sourced`` is
    the first sentence with its text, as summarise.reading.sentences.casualty_candidates takes them.)"""
    return {sentence.index + 1 for sentence in sourced if sentence.source is None and sentence.speaker is None and
            is_casualty_candidate(sentence.text) and find_figures(sentence.text)}


@dataclass(frozen=True)
class RuleReading:
    """What the rules read of an article before the model is asked, once, for the questions and for the
    answers: its casualty sentences with their sources, and the sentences that may carry a claim with their
    speakers."""

    sourced: list[SourcedSentence]
    spoken: list[SpokenSentence]


def read_by_rule(sentences: Sentences) -> RuleReading:
    """The casualty sentences (summarise.reading.casualties.casualty_sentences) and the claim sentences
    (summarise.passes.claims.spoken_sentences) of the article split into ``sentences``."""
    return RuleReading(casualty_sentences(sentences), spoken_sentences(sentences))


def asked_numbers(sentences: Sentences, read: RuleReading) -> tuple[set[int], set[int]]:
    """The sentences (numbers: position + 1) the model is asked about: those whose figures' source the rules
    cannot name (of the casualty sentences ``read``), and those whose claim they cannot credit."""
    return _casualty_numbers(read.sourced), {spoken.index + 1 for spoken in read.spoken
                                             if needs_reading(sentences, spoken)}


def pass_requests(sentences: Sentences, read: RuleReading) -> list[Request | None]:
    """For each window of the article: the casualty pass, the claim pass (each None where the rules leave
    nothing to ask) and, over the first window, the overview pass; all share the window as prefix.
    ``read`` is what the rules read of the article (:func:`read_by_rule`)."""
    casualties, claims = asked_numbers(sentences, read)
    requests: list[Request | None] = []
    for number, window in enumerate(windows(sentences, shown=excerpt(sentences, casualties | claims))):
        requests.append(_sentence_question(window, "casualties.txt", casualty_pass_for, casualties))
        requests.append(_sentence_question(window, "claims.txt", claim_pass_for, claims))
        if number == 0:
            requests.append(question(window, "overview.txt", OverviewPass, {}))
    return requests


@dataclass(frozen=True)
class Resolved:
    """Pass answers with sentence numbers replaced by the sentences and sources resolved to names."""

    claims: list[Claim]
    casualties: list[CasualtyReport]
    names: list[str]


def resolve(casualty_answers: list[CasualtySentence], claim_answers: list[ClaimSentence],
            sentences: Sentences, read: RuleReading) -> Resolved:
    """Claims from every sentence that attributes speech, credited by rule or by the claim pass; casualty
    rows from every sentence whose phrasing ties a number to a casualty word (of ``read``'s casualty
    sentences), sourced by rule or by the casualty pass. Answers name sentences by number (position in
    ``sentences`` + 1)."""
    names: dict[str, str] = {}

    def register(name: str | None, as_named: bool = False) -> str:
        if name is None:
            return ARTICLE_VOICE
        name = name if as_named else canonical_party(name)
        return party_id(names.setdefault(party_id(name), name))

    claim_rows = resolve_claims({answer.sentence: answer for answer in claim_answers}, sentences, read.spoken,
                                register)
    answered: dict[str, CasualtySentence] = {}
    for answer in casualty_answers:
        if 0 < answer.sentence <= len(sentences):
            answered.setdefault(sentences[answer.sentence - 1].text, answer)
    rows: list[CasualtyReport] = []
    for sentence in read.sourced:
        report = answered.get(sentence.text)
        model_source = source_name(report.source) if report else None
        source = register(sentence.source or plausible_source(model_source, sentence.text, sentence.context,
                                                              sentences.article))
        rows.extend(rows_by_rule(sentence.text, source, report))
    return Resolved(claim_rows, drop_echoes(distinct(rows)), list(names.values()))


def assemble(resolved: Resolved, overview: Any) -> Digest:
    """One Digest from the resolved passes and the overview; quotes are the numbered sentences. The summary
    is the overview's words: after grounding, the pipeline publishes them with the verified rows' figures
    (summarise.reading.summary.publish_summary)."""
    parties = parties_named(resolved.names)
    return Digest(summary=overview.summary if overview else "", parties=parties, claims=resolved.claims,
                  casualties=resolved.casualties)


def plan_passes(article: Article, sentences: Sentences) -> Plan:
    """Casualty, claim and overview passes over the numbered ``sentences`` of ``article``; none depends on
    another's answer. Who the text says reports each casualty sentence and makes each claim is read once,
    for the questions and for the rows."""
    read = read_by_rule(sentences)
    return Plan(pass_requests(sentences, read), digest_of(sentences, read))


def digest_of(sentences: Sentences, read: RuleReading) -> Callable[[Answers], Digest]:
    """How a plan's answers make the digest, whatever answers which question: every ``reports`` (casualty
    sources), every ``claims`` (speakers) and the first ``summary`` among them, resolved against the rules."""

    def finish(answers: Answers) -> Digest:
        values = [answer.value for answer in answers if answer is not None]
        reports = [report for value in values for report in getattr(value, "reports", [])]
        claims = [claim for value in values for claim in getattr(value, "claims", [])]
        overview = next((value for value in values if hasattr(value, "summary")), None)
        return assemble(resolve(reports, claims, sentences, read), overview)

    return finish
