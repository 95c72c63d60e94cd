"""The single strategy: one call per window for the model's part of a digest.

It asks what the passes ask (who reports the figures whose source the text does not name, who makes the
claims the rules cannot credit, and an overview) together, in one request per window of the article, for
models that can answer several questions at once. Everything else comes from the reading layer, as for the
passes: the figures and their numbers, the sources and speakers the text names, and the quotes (the
article's own sentences). A model's figure is never asked for, so it is never trusted over the text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from summarise.ingest import Article
from summarise.passes.layout import Window, excerpt, question, windows
from summarise.passes.models import OverviewPass, casualty_pass_for, claim_pass_for
from summarise.passes.run import RuleReading, asked_numbers, digest_of, read_by_rule
from summarise.plan import Plan, Request
from summarise.prompting import render_template
from summarise.reading.sentences import Sentences

__all__ = ["SINGLE_PROMPTS", "ModelPart", "model_part_for", "plan_single", "single_requests"]

SINGLE_PROMPTS = ("single_system.txt", "single.txt", "casualties.txt", "claims.txt", "overview.txt")


class ModelPart(BaseModel):
    """The model's answers for one window: ``reports`` (casualty pass), ``claims`` (claim pass) and
    ``summary`` (overview), each present only where it is asked."""

    model_config = ConfigDict(extra="forbid")


@lru_cache(maxsize=128)
def model_part_for(casualties: tuple[int, ...], claims: tuple[int, ...], overview: bool) -> type[ModelPart]:
    """:class:`ModelPart` with the passes' own fields for the sentences asked: the same bounds and
    sentence numbers as each pass's own response model."""
    fields: dict[str, Any] = {}
    if casualties:
        reports = casualty_pass_for(casualties).model_fields["reports"]
        fields["reports"] = (reports.annotation, reports)
    if claims:
        credited = claim_pass_for(claims).model_fields["claims"]
        fields["claims"] = (credited.annotation, credited)
    if overview:
        fields["summary"] = (str, OverviewPass.model_fields["summary"])
    return create_model("ModelPart", __base__=ModelPart, **fields)  # type: ignore[no-any-return,call-overload]


def _questions(casualties: list[int], claims: list[int], overview: bool) -> tuple[list[str], list[str]]:
    keys, questions = [], []
    for key, template, numbers in (("reports", "casualties.txt", casualties), ("claims", "claims.txt", claims)):
        if numbers:
            keys.append(key)
            questions.append(f'Key "{key}". ' + render_template(template, numbers=", ".join(map(str, numbers))))
    if overview:
        keys.append("summary")
        questions.append('Key "summary". ' + render_template("overview.txt"))
    return keys, questions


def _window_request(window: Window, casualties: set[int], claims: set[int], overview: bool) -> Request | None:
    asked_casualties = [number for number in window.sentences if number in casualties]
    asked_claims = [number for number in window.sentences if number in claims]
    if not (asked_casualties or asked_claims or overview):
        return None
    keys, questions = _questions(asked_casualties, asked_claims, overview)
    asked = {number: window.sentences[number] for number in (*asked_casualties, *asked_claims)}
    return question(window, "single.txt", model_part_for(tuple(asked_casualties), tuple(asked_claims), overview),
                    asked, system="single_system.txt", keys=", ".join(f'"{key}"' for key in keys),
                    questions="\n\n".join(questions))


def single_requests(sentences: Sentences, read: RuleReading) -> list[Request | None]:
    """One request per window of the article's excerpt (see :func:`summarise.passes.layout.excerpt`); the
    first also asks for the overview. ``read`` is what the rules read of the article
    (:func:`summarise.passes.run.read_by_rule`)."""
    casualties, claims = asked_numbers(sentences, read)
    shown = excerpt(sentences, casualties | claims)
    return [_window_request(window, casualties, claims, number == 0)
            for number, window in enumerate(windows(sentences, shown=shown))]


def plan_single(article: Article, sentences: Sentences) -> Plan:
    """The passes' questions about ``article`` (split into ``sentences``), asked in one call per window."""
    read = read_by_rule(sentences)
    return Plan(single_requests(sentences, read), digest_of(sentences, read))
