"""Run the narrow passes and assemble their answers into one Digest."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from summarise.attribution import ATTRIBUTION_VERB, find_source
from summarise.extract import Answer, Usage, ask, ask_async
from summarise.figures import find_figures
from summarise.ingest import Article
from summarise.llm import Connection
from summarise.locate import text_is_in
from summarise.passes.models import OverviewPass, casualty_pass_for, claim_pass_for
from summarise.passes.summary import compose_summary, has_figure
from summarise.prompting import render_template
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Claim, Digest, Figure, Party, PartyKind, vague_words_in
from summarise.sentences import Sentence, casualty_candidates, claim_candidates, split_sentences
from summarise.sides import country_of, government_name

__all__ = ["PASS_PROMPTS", "PassRequest", "Resolved", "resolve", "assemble", "lead_sentence",
           "run_passes", "run_passes_async"]

PASS_PROMPTS = ("casualties.txt", "claims.txt", "overview.txt", "sentences.txt", "overview_user.txt")
MAX_CASUALTY_SENTENCES = 14
MAX_CLAIM_SENTENCES = 16
MAX_OVERVIEW_CHARS = 6000
_NO_SOURCE = {"", "article", "the article", "none", "unknown", "n/a", "null", "unnamed", "not stated"}


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


def first_requests(article: Article) -> tuple[PassRequest | None, PassRequest | None]:
    """The casualty and claim passes, or None where no sentence qualifies."""
    sentences = split_sentences(article.text)
    casualties = [sentence for sentence in casualty_candidates(sentences)
                  if not _shouted(sentence.text) and find_figures(sentence.text)][:MAX_CASUALTY_SENTENCES]
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


def party_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return slug or "unnamed"


def _source_name(source: str) -> str | None:
    return None if source.strip().lower() in _NO_SOURCE else source.strip()


def resolve_source(model_source: str, number: int, context: dict[str, Any]) -> str | None:
    """The named source of sentence ``number``: the attribution the text itself shows, else the model's."""
    sentence = context.get("sentences", {}).get(number, "")
    return find_source(sentence, context.get("before", {}).get(number)) or _source_name(model_source)


_PLACE_WORDS = r"(?:near|in|at|from|of|on|to|into|across|outside|inside|towards?|off|an?|the)"
_UNITS = {"km", "kilometres", "kilometers", "miles", "mile", "mph", "percent", "per", "%", "years", "year",
          "hours", "hour", "minutes", "days", "metres", "meters", "feet", "ft", "kg", "tonnes", "tons", "gmt",
          "am", "pm", "cars", "vehicles", "buildings", "homes", "houses", "dollars", "mm", "cm", "degrees"}
_NOTHING = re.compile(r"^\s*(?:no|none|zero|nobody|not|neither|without)\b", re.IGNORECASE)


def plausible_source(name: str | None, sentence: str, before: str | None) -> str | None:
    """The model's source of a figure, kept only when it looks like a reporter: an actor by its words or
    its country, or a name the text shows beside a reporting verb (not "near Basra" or a car's make)."""
    if name is None or len(name.split()) > 6 or (len(name.split()) > 2 and not re.search(r"[a-z]", name)):
        return None  # a headline or a whole clause, not a name
    if not any(ATTRIBUTION_VERB.search(text) for text in (sentence, before or "")):
        return None  # nothing in the text reports it: the article's own voice (a headline, say)
    for called in {name, country_of(name), government_name(name)} - {None}:
        if re.search(rf"(?<![\w-]){re.escape(str(called))}\s+(?:was |were |is |are |stands? )?(?:accused|blamed|"
                     rf"criticised|criticized|condemned)\s+(?:of|for)\b", sentence, re.IGNORECASE):
            return None  # "Iran accused of killing 16,500": the accused, not the source
    if government_name(name) or country_of(name) or any(re.search(pattern, name, re.IGNORECASE)
                                                        for _, pattern in _KIND_WORDS):
        return name
    for text in (sentence, before or ""):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        if found and name[:1].isupper() and ATTRIBUTION_VERB.search(text) and not re.search(
                rf"\b{_PLACE_WORDS}\s+$", text[:found.start()], re.IGNORECASE):
            return name
    return None


def kept_figure(figure: Figure | None, quote: str) -> Figure | None:
    """None for what is not a count of people: "no injuries", words with neither a number nor a vague
    quantity, or a number that measures something else ("10 km")."""
    if figure is None or _NOTHING.match(figure.text):
        return None
    if figure.number is None and vague_words_in(figure.text) is None:
        return None
    if figure.number is not None:
        at = quote.lower().find(figure.text.lower())
        following = quote[at + len(figure.text):].split()[:1] if at >= 0 else []
        if following and following[0].strip(".,;:()").lower() in _UNITS:
            return None
    return figure


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


def canonical_party(name: str) -> str:
    """One name for a government however the text calls it ("Islamabad", "Pakistani government")."""
    return government_name(name) or name


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
    for quote, before in _casualty_sentences(sentences, casualty_context):
        report = answered.get(quote)
        model_source = _source_name(report.source) if report else None
        source = register(find_source(quote, before) or plausible_source(model_source, quote, before))
        for row in _rows_by_rule(quote, source, report):
            if row not in rows:
                rows.append(row)
    return Resolved(claim_rows, _drop_echoes(rows), list(names.values()))


def _casualty_sentences(sentences: list[Sentence] | None,
                        context: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(sentence, the sentence before it in its paragraph) for every sentence of the article, each text
    once; without the article's sentences, the numbered ones the model read."""
    if sentences is None:
        return [(text, context.get("before", {}).get(number)) for number, text in context.get("sentences", {}).items()]
    pairs, seen = [], set()
    for index, sentence in enumerate(sentences):
        if sentence.text in seen or _shouted(sentence.text):
            continue
        seen.add(sentence.text)
        pairs.append((sentence.text, _attribution_context(sentences, index)))
    return pairs


_OPEN_QUOTE = re.compile(r"^[\"“]")
_PRONOUN_SAYS = re.compile(r"^(?:it|he|she|they)\s+(?:also\s+)?(?:said|added|reported|told|stated)\b|"
                           r",\s*(?:it|he|she|they)\s+(?:said|added|reported|told|stated)\W*$", re.IGNORECASE)


def _attribution_context(sentences: list[Sentence], index: int) -> str | None:
    """The text that may name who says sentence ``index``: for a quotation, the sentence that ends it (or,
    when it ends in the same sentence, the next one: "I think over 30 ..." / "..., the journalist said");
    else the sentence before it in its paragraph, or across a paragraph break when it says "It added ...",
    "..., he said"."""
    sentence = sentences[index]
    if _OPEN_QUOTE.match(sentence.text):
        closed = re.search(r"[\"”]", sentence.text[1:])
        for following in sentences[index + 1:index + 4]:
            if closed or re.search(r"[\"”]", following.text):
                return following.text
    previous = sentences[index - 1] if index else None
    if previous and (previous.paragraph == sentence.paragraph or _PRONOUN_SAYS.search(sentence.text)):
        return previous.text
    return None


def _shouted(text: str) -> bool:
    """An all-capitals line: a headline or a link to another story ("MULTIPLE PEOPLE KILLED AFTER ..."),
    whose figures either repeat the body's or belong to another event."""
    return len(text.split()) >= 3 and not re.search(r"[a-z]", text)


def _rows_by_rule(quote: str, source: str, report: Any | None) -> list[CasualtyReport]:
    """Rows from the figures the sentence's own phrasing ties to a casualty word (summarise.figures):
    kind and number come from the text; victims and event from the casualty pass where it read the
    sentence. One row holds at most one killed and one injured figure, in the sentence's order."""
    rows: list[CasualtyReport] = []
    slots: dict[str, Figure] = {}
    victims: str | None = None

    def close() -> None:
        if slots:
            rows.append(CasualtyReport(
                quote=quote, reported_by=source, event=report.event if report else "", perpetrator=None,
                victims=victims or (report.victims if report else None) or "people",
                killed=slots.get("killed"), injured=slots.get("injured")))

    for found in find_figures(quote):
        figure = kept_figure(found.figure(), quote)
        if figure is None:
            continue
        if found.kind in slots:
            close()
            slots, victims = {}, None
        slots[found.kind] = figure
        victims = victims or found.victims
    close()
    return rows


_KIND_WORDS = (  # first match wins: the most specific words come first
    (PartyKind.INTERNATIONAL_BODY, r"\b(?:un|united nations|red cross|red crescent|who|nato|unicef|unhcr|eu|"
                                   r"european union|african union|amnesty|human rights watch|ocha|icrc)\b"),
    (PartyKind.MEDIA, r"\b(?:news|agency|reuters|afp|ap|irna|tv|television|radio|newspaper|media|reporter|"
                      r"correspondent|journalist)\b"),
    (PartyKind.WITNESS, r"\b(?:witness|witnesses|resident|residents|survivor|survivors|bystander|neighbou?r)\b"),
    (PartyKind.ARMED_GROUP, r"\b(?:rebels?|militants?|insurgents?|guerrillas?|front|liberation|jaish|taliban|"
                            r"hamas|hezbollah|shining path|isis|islamic state|al-qaeda|militia)\b"),
    (PartyKind.MILITARY, r"\b(?:army|military|armed forces|troops|soldiers|navy|air force|defen[cs]e forces|"
                         r"intelligence|commander|general staff|revolutionary guards?)\b"),
    (PartyKind.OFFICIAL, r"\b(?:spokes(?:person|man|woman)|minister|ministry|official|officials|governor|mayor|"
                         r"police|sheriff|coroner|president|prime minister|chief|department|authorities|"
                         r"hospital|doctors?|health|fire|rescue|statement|office|embassy)\b"),
)


def party_kind(name: str) -> PartyKind:
    """What sort of actor ``name`` is, by its words; a bare country (or its capital) is its government."""
    if government_name(name) is not None:
        return PartyKind.GOVERNMENT
    for kind, pattern in _KIND_WORDS:
        if re.search(pattern, name, re.IGNORECASE):
            return kind
    return PartyKind.OTHER


def _parties(names: list[str]) -> list[Party]:
    """Parties in first-mention order; the side is the country the name places it in, if any."""
    return [Party(id=party_id(name), name=name, kind=party_kind(name), side=country_of(name)) for name in names]


def _figure_keys(row: CasualtyReport) -> set[tuple[str, int | None]]:
    return {(kind, figure.number) for kind, figure in (("killed", row.killed), ("injured", row.injured)) if figure}


def _drop_echoes(rows: list[CasualtyReport]) -> list[CasualtyReport]:
    """Drop figures in the article's own voice (a headline, a lead) that a named source gives further on;
    a figure the article states after its source's, in the body, is a fact of its own and stays."""
    kept: list[CasualtyReport] = []
    later: set[tuple[str, int | None]] = set()  # figures named sources give after the row at hand
    for row in reversed(rows):
        if row.reported_by != ARTICLE_VOICE:
            kept.append(row)
            later |= _figure_keys(row)
        elif not _figure_keys(row) <= later:
            kept.append(row)
    return kept[::-1]


def assemble(resolved: Resolved, overview: Any, lead: str = "") -> Digest:
    """One Digest from the resolved passes and the overview; quotes are the numbered sentences."""
    parties = _parties(resolved.names)
    names = {party.id: party.name for party in parties}
    summary = compose_summary(overview.summary if overview else "", resolved.casualties, names, lead)
    return Digest(summary=summary, parties=parties, claims=resolved.claims, casualties=resolved.casualties)


def lead_sentence(article: Article) -> str:
    """The article's first sentence of some length (headlines and bylines are short) that states no
    figure: the summary gives the figures from the table, each with its source."""
    return next((sentence.text for sentence in split_sentences(article.text)
                 if len(sentence.text.split()) >= 8 and not has_figure(sentence.text)), "")



def _resolve(article: Article, casualties: Answer[Any] | None, casualty_request: PassRequest | None,
             claims: Answer[Any] | None, claim_request: PassRequest | None) -> Resolved:
    return resolve(casualties.value if casualties else None, casualty_request.context if casualty_request else {},
                   claims.value if claims else None, claim_request.context if claim_request else {},
                   split_sentences(article.text))


def _total(*answers: Answer[Any] | None) -> Usage:
    return sum((answer.usage for answer in answers if answer is not None), Usage())


def _ask_if(connection: Connection, request: PassRequest | None, max_retries: int) -> Answer[Any] | None:
    if request is None:
        return None
    return ask(connection, request.model, request.messages, request.context, max_retries)


def run_passes(connection: Connection, article: Article, max_retries: int = 1) -> tuple[Digest, Usage]:
    """Casualty pass, claim pass and overview pass; none depends on another's answer."""
    casualty_request, claim_request = first_requests(article)
    casualties = _ask_if(connection, casualty_request, max_retries)
    claims = _ask_if(connection, claim_request, max_retries)
    overview = _ask_if(connection, overview_request(article), max_retries)
    resolved = _resolve(article, casualties, casualty_request, claims, claim_request)
    return _assembled(resolved, overview, article), _total(casualties, claims, overview)


def _assembled(resolved: Resolved, overview: Answer[Any] | None, article: Article) -> Digest:
    return assemble(resolved, overview.value if overview else None, lead_sentence(article))


async def _ask_if_async(connection: Connection, request: PassRequest | None,
                        max_retries: int) -> Answer[Any] | None:
    if request is None:
        return None
    return await ask_async(connection, request.model, request.messages, request.context, max_retries)


async def run_passes_async(connection: Connection, article: Article,
                           max_retries: int = 1) -> tuple[Digest, Usage]:
    casualty_request, claim_request = first_requests(article)
    casualties, claims, overview = await asyncio.gather(
        _ask_if_async(connection, casualty_request, max_retries),
        _ask_if_async(connection, claim_request, max_retries),
        _ask_if_async(connection, overview_request(article), max_retries))
    resolved = _resolve(article, casualties, casualty_request, claims, claim_request)
    return _assembled(resolved, overview, article), _total(casualties, claims, overview)
