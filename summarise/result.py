"""The validated output: a digest grounded in its article, with provenance. This is what we write."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from summarise.locate import MatchStatus
from summarise.schema import Party, Qualifier

__all__ = ["UNKNOWN_PERPETRATOR", "Span", "CasualtyFigure", "GroundedClaim", "GroundedCasualty", "CheckedCasualty",
           "Event", "ArticleInfo", "Provenance", "Result"]


# What a perpetrator field holds when the article does not say who did it (null: nobody did, an accident).
UNKNOWN_PERPETRATOR = "unknown"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Frozen):
    start: int | None = Field(description="Offset of the first character in the article text (inclusive).")
    end: int | None = Field(description="Offset one past the last character (exclusive).")
    status: MatchStatus = Field(description="exact, normalised (whitespace/quote marks/dashes), fuzzy or not_found.")
    score: float = Field(description="Similarity 0-100 of the quote to the article text at the span.")


class CasualtyFigure(_Frozen):
    text: str = Field(description="The figure's words as the model read them from the quote.")
    qualifier: Qualifier = Field(description="How the figure is bounded.")
    best: int | None = Field(description="Best estimate: the exact or approximate number; null for bounds only.")
    low: int | None = Field(description="Lower bound (exact numbers have low = high = best).")
    high: int | None = Field(description="Upper bound; null when open-ended or vague.")
    supported: bool = Field(description="The number (or vague words) is written in the article at the row's quote "
                            "(false when the quote is not found).")


class GroundedClaim(_Frozen):
    party_id: str = Field(description="Id of the asserting party (one of parties[].id).")
    speaker: str = Field(description="Who says it, as named in the article.")
    quote: str = Field(description="The model's verbatim quote.")
    paraphrase: str = Field(description="One-sentence neutral paraphrase.")
    span: Span = Field(description="Where the quote lies in the article.")
    verified: bool = Field(description="False when the quote was not found in the article, or changes a number, "
                           "a negation or a name of the article's text there.")
    issues: list[str] = Field(default_factory=list, description="Why the claim is unverified; empty when verified.")


class GroundedCasualty(_Frozen):
    event_id: str = Field(description="Id of the incident these figures belong to (one of events[].id).")
    perpetrator: str | None = Field(description='Who caused these casualties: a party id or the article\'s words; '
                                    '"unknown" when the article does not say; null for accidents and disasters.')
    victims: str = Field(description="Who was killed or injured.")
    reported_by: str = Field(description='Id of the reporting party, or "article" for the article\'s own voice.')
    quote: str = Field(description="The model's verbatim quote stating the figure.")
    span: Span = Field(description="Where the quote lies in the article.")
    killed: CasualtyFigure | None = Field(description="People killed, per this source.")
    injured: CasualtyFigure | None = Field(description="People injured, per this source.")
    verified: bool = Field(description="False when the quote is not found, changes a number, a negation or a name "
                           "of the article's text there, or a figure is not written in the article there.")
    issues: list[str] = Field(description="Why the row is unverified; empty when verified.")


@dataclass(frozen=True)
class CheckedCasualty:
    """A casualty row as grounding leaves it: checked against the article, but not yet in an incident.
    summarise.reading.events reads its incident and its perpetrator from the article's text (never from the
    model) and makes it a :class:`GroundedCasualty` with :meth:`in_event`."""

    victims: str
    reported_by: str
    quote: str
    span: Span
    killed: CasualtyFigure | None
    injured: CasualtyFigure | None
    verified: bool
    issues: list[str]

    def in_event(self, event_id: str, perpetrator: str | None) -> GroundedCasualty:
        """The row as written: in the incident ``event_id``, caused by ``perpetrator``."""
        return GroundedCasualty(event_id=event_id, perpetrator=perpetrator, victims=self.victims,
                                reported_by=self.reported_by, quote=self.quote, span=self.span, killed=self.killed,
                                injured=self.injured, verified=self.verified, issues=self.issues)


class Event(_Frozen):
    id: str = Field(description='Id of the incident within this digest: "e1", "e2", ... (main events first, '
                    "then background events, each in the order the article first gives its figures).")
    what: str = Field(description='What happened, as a short noun phrase, e.g. "missile and drone strike".')
    where: str = Field(description='Place and country as the article gives them; "" when it does not say.')
    when: str = Field(description='When, as written, e.g. "on Tuesday", "in July 2016"; "" when it does not say.')
    date: str | None = Field(description="The ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that `when` and the article's "
                             "date allow; null when they do not.")
    perpetrator: str | None = Field(description='Who caused it: a party id or the article\'s words; "unknown" when '
                                    "the article does not say; null for accidents and natural disasters.")
    background: bool = Field(description="True for a past incident the article mentions in passing.")


class ArticleInfo(_Frozen):
    id: str = Field(description="Content hash of the normalised article text (16 hex digits).")
    source: str = Field(description="Where the article came from: a path, or '-' for standard input.")
    title: str | None = Field(description="Title, when the input gave one.")
    chars: int = Field(description="Length of the article text the model read; offsets refer to it.")


class Provenance(_Frozen):
    backend: str = Field(description="embedded, server, or replay.")
    model: str = Field(description="Model name or GGUF file name.")
    strategy: str = Field(default="passes",
                          description="passes (one call per question) or single (the same questions in one call).")
    mode: str | None = Field(default=None, description="How the requests asked for structured output (--mode, given "
                             "or chosen by probing the server); null in digests written before it was recorded.")
    constrained: bool | None = Field(default=None, description="Whether decoding was held to the response schema: "
                                     "true for the embedded model and on a server known to honour the mode, false "
                                     "on a server known to ignore or refuse it (the answer may drift from the "
                                     "schema), null when the server's kind is not known.")
    prompt_version: str = Field(description="Version of the prompt files used.")
    schema_version: str = Field(description="Version of the response schema.")
    attempts: int = Field(description="LLM calls made, re-asks included.")
    prompt_tokens: int = Field(description="Prompt tokens summed over all attempts.")
    completion_tokens: int = Field(description="Completion tokens summed over all attempts.")
    seconds: float = Field(description="Wall time of the extraction and grounding.")


class Result(_Frozen):
    article: ArticleInfo = Field(description="The article this digest describes.")
    summary: str = Field(description="Short neutral summary, contested facts attributed; its figures are the "
                         "verified casualty rows' only, each with its source.")
    summary_sentences_dropped: int = Field(
        default=0, description="Sentences of the model's summary left out because they stated a number, which "
        "nothing can ground in a paraphrase; the summary states the verified rows' figures instead."
    )
    parties: list[Party] = Field(description="The actors in the story.")
    claims: list[GroundedClaim] = Field(description="Claims, grouped by party in the order of parties.")
    events: list[Event] = Field(description="The incidents the casualty rows report, main events first.")
    casualties: list[GroundedCasualty] = Field(description="Casualty rows, one per event and reporting source, in "
                                               "the order of events.")
    unverified: int = Field(description="How many claims and casualty rows failed grounding.")
    dropped: int = Field(default=0, description="How many claims and casualty rows failed grounding and were left "
                         "out (--strict); 0 without --strict.")
    provenance: Provenance = Field(description="How this digest was made.")
