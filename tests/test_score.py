"""The scorer, on hand-made predictions against a hand-made gold article (rules: gold FORMAT.md)."""

from __future__ import annotations

from summarise.evaluation.gold import GoldArticle, GoldClaim, GoldFigure
from summarise.evaluation.metrics import ArticleScore, Metrics, Ratio
from summarise.evaluation.score import score_article, score_failure, total
from summarise.locate import MatchStatus
from summarise.result import (
    ArticleInfo,
    CasualtyFigure,
    Event,
    GroundedCasualty,
    GroundedClaim,
    Provenance,
    Result,
    Span,
)
from summarise.schema import Party, PartyKind, Qualifier

ARTICLE = (
    "Iran said seven people were killed in the strike on Saravan. "
    "Pakistan said dozens of militants died in the operation. "
    "Police said 10 to 15 people were injured. "
    "A flood in 2010 killed 300 people. "
    "The army warned of serious consequences."
)

PARTIES = [
    Party(id="iran", name="Iran government", kind=PartyKind.GOVERNMENT, side="Iran"),
    Party(id="irna", name="IRNA news agency", kind=PartyKind.MEDIA, side="Iran"),
    Party(id="pakistan", name="Pakistan government", kind=PartyKind.GOVERNMENT, side="Pakistan"),
    Party(id="police", name="Police", kind=PartyKind.OFFICIAL),
    Party(id="army", name="Army", kind=PartyKind.MILITARY),
]

SEVEN_KILLED = "seven people were killed in the strike on Saravan"
DOZENS_DIED = "dozens of militants died in the operation"
TEN_TO_FIFTEEN = "10 to 15 people were injured"
FLOOD = "A flood in 2010 killed 300 people"
WARNING = "serious consequences"


def span_of(quote: str) -> Span:
    start = ARTICLE.find(quote)
    if start < 0:
        return Span(start=None, end=None, status=MatchStatus.NOT_FOUND, score=0.0)
    return Span(start=start, end=start + len(quote), status=MatchStatus.EXACT, score=100.0)


def exact(number: int) -> CasualtyFigure:
    return CasualtyFigure(text=str(number), qualifier=Qualifier.EXACT, best=number, low=number, high=number,
                          supported=True)


def between(low: int, high: int) -> CasualtyFigure:
    return CasualtyFigure(text=f"{low} to {high}", qualifier=Qualifier.RANGE, best=None, low=low, high=high,
                          supported=True)


def vague(text: str) -> CasualtyFigure:
    return CasualtyFigure(text=text, qualifier=Qualifier.VAGUE, best=None, low=None, high=None, supported=True)


def row(quote: str, reported_by: str, *, killed: CasualtyFigure | None = None,
        injured: CasualtyFigure | None = None, verified: bool = True) -> GroundedCasualty:
    return GroundedCasualty(event_id="e1", perpetrator=None, victims="people", reported_by=reported_by, quote=quote,
                            span=span_of(quote), killed=killed, injured=injured, verified=verified,
                            issues=[] if verified else ["flagged"])


def claim(party_id: str, quote: str) -> GroundedClaim:
    span = span_of(quote)
    return GroundedClaim(party_id=party_id, speaker=party_id, quote=quote, paraphrase="-", span=span,
                         verified=span.status is not MatchStatus.NOT_FOUND)


def result(casualties: list[GroundedCasualty] | None = None, claims: list[GroundedClaim] | None = None,
           *, seconds: float = 2.5, prompt_tokens: int = 100, completion_tokens: int = 20) -> Result:
    return Result(
        article=ArticleInfo(id="0123456789abcdef", source="article.txt", title=None, chars=len(ARTICLE)),
        summary="-",
        parties=PARTIES,
        claims=claims or [],
        events=[Event(id="e1", what="strike", where="", when="", date=None, perpetrator="unknown",
                      background=False)] if casualties else [],
        casualties=casualties or [],
        unverified=0,
        provenance=Provenance(backend="replay", model="fake", prompt_version="1", schema_version="1", attempts=1,
                              prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, seconds=seconds),
    )


def figure(kind: str, number: int | None, reported_by: list[str], evidence: str, *,
           background: bool = False) -> GoldFigure:
    return GoldFigure.model_validate({
        "kind": kind, "number": number, "qualifier": "exact" if number is not None else "vague", "text": "-",
        "victims": "-", "event": "-", "reported_by": reported_by, "evidence": evidence, "background": background,
    })


def gold_claim(party: list[str], evidence: str) -> GoldClaim:
    return GoldClaim.model_validate({"party": party, "speaker": "-", "evidence": evidence, "gist": "-"})


def gold(figures: list[GoldFigure] | None = None, claims: list[GoldClaim] | None = None) -> GoldArticle:
    return GoldArticle.model_validate({"article": "001_hand-made.txt", "figures": figures or [],
                                       "claims": claims or []})


def metrics_of(predicted: Result, expected: GoldArticle) -> Metrics:
    return score_article(predicted, expected, ARTICLE).metrics


IRAN_SEVEN = figure("killed", 7, ["Iran", "Iranian"], SEVEN_KILLED)


# Figures: matching


def test_an_exact_prediction_is_recalled_and_precise() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "iran", killed=exact(7))]), gold([IRAN_SEVEN]))
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(1, 1), Ratio(1, 1))


def test_a_wrong_number_matches_nothing_and_counts_against_number_accuracy() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "iran", killed=exact(8))]), gold([IRAN_SEVEN]))
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(0, 1), Ratio(0, 1))
    assert (metrics.number_accuracy, metrics.source_accuracy) == (Ratio(0, 1), Ratio(1, 1))


def test_a_wrong_source_matches_nothing_and_counts_against_source_accuracy() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "pakistan", killed=exact(7))]), gold([IRAN_SEVEN]))
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(0, 1), Ratio(0, 1))
    assert (metrics.number_accuracy, metrics.source_accuracy) == (Ratio(1, 1), Ratio(0, 1))


def test_the_wrong_kind_matches_nothing() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "iran", injured=exact(7))]), gold([IRAN_SEVEN]))
    assert (metrics.figure_recall, metrics.number_accuracy) == (Ratio(0, 1), Ratio(0, 1))


def test_the_source_matches_through_the_party_side() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "irna", killed=exact(7))]), gold([IRAN_SEVEN]))
    assert metrics.figure_recall == Ratio(1, 1)


def test_the_source_matches_when_a_gold_alias_is_inside_a_party_name() -> None:
    expected = gold([figure("killed", 7, ["news agency"], SEVEN_KILLED)])
    assert metrics_of(result([row(SEVEN_KILLED, "irna", killed=exact(7))]), expected).figure_recall == Ratio(1, 1)


def test_the_article_voice_does_not_match_a_named_source() -> None:
    metrics = metrics_of(result([row(SEVEN_KILLED, "article", killed=exact(7))]), gold([IRAN_SEVEN]))
    assert metrics.figure_recall == Ratio(0, 1)


def test_the_star_source_accepts_the_article_voice_and_any_party() -> None:
    expected = gold([figure("killed", 7, ["*"], SEVEN_KILLED), figure("killed", 300, ["*"], FLOOD)])
    predicted = result([row(SEVEN_KILLED, "article", killed=exact(7)), row(FLOOD, "police", killed=exact(300))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(2, 2)


def test_a_gold_casualties_figure_accepts_killed_or_injured() -> None:
    expected = gold([figure("casualties", 7, ["Iran"], SEVEN_KILLED), figure("casualties", 15, ["*"], TEN_TO_FIFTEEN)])
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(7)), row(TEN_TO_FIFTEEN, "police", injured=exact(15))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(2, 2)


# Figures: duplicates, vague figures, ranges, background


def test_duplicate_predictions_count_once() -> None:
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(7)), row("Iran said seven", "iran", killed=exact(7))])
    metrics = metrics_of(predicted, gold([IRAN_SEVEN]))
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(1, 1), Ratio(1, 1))


def test_unmatched_duplicates_count_once_against_precision() -> None:
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(9)), row("Iran said seven", "iran", killed=exact(9))])
    assert metrics_of(predicted, gold([IRAN_SEVEN])).figure_precision == Ratio(0, 1)


def test_two_gold_figures_sharing_number_and_source_can_both_be_found() -> None:
    expected = gold([figure("killed", 7, ["Iran"], SEVEN_KILLED), figure("killed", 7, ["Iran"], FLOOD)])
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(7)), row(FLOOD, "iran", killed=exact(7))])
    metrics = metrics_of(predicted, expected)
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(2, 2), Ratio(2, 2))


def test_a_vague_prediction_matches_a_vague_gold_figure() -> None:
    expected = gold([figure("killed", None, ["Pakistan"], DOZENS_DIED)])
    predicted = result([row(DOZENS_DIED, "pakistan", killed=vague("dozens"))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(1, 1)


def test_a_vague_prediction_does_not_match_a_numbered_gold_figure() -> None:
    expected = gold([figure("killed", 24, ["Pakistan"], DOZENS_DIED)])
    predicted = result([row(DOZENS_DIED, "pakistan", killed=vague("dozens"))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(0, 1)


def test_a_numbered_prediction_does_not_match_a_vague_gold_figure() -> None:
    expected = gold([figure("killed", None, ["Pakistan"], DOZENS_DIED)])
    predicted = result([row(DOZENS_DIED, "pakistan", killed=exact(24))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(0, 1)


def test_a_range_matches_a_gold_number_equal_to_either_bound() -> None:
    expected = gold([figure("injured", 10, ["Police"], TEN_TO_FIFTEEN), figure("injured", 15, ["*"], TEN_TO_FIFTEEN)])
    predicted = result([row(TEN_TO_FIFTEEN, "police", injured=between(10, 15)),
                        row("Police said 10 to 15", "police", injured=between(10, 15))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(2, 2)


def test_a_range_does_not_match_a_number_inside_it() -> None:
    expected = gold([figure("injured", 12, ["Police"], TEN_TO_FIFTEEN)])
    predicted = result([row(TEN_TO_FIFTEEN, "police", injured=between(10, 15))])
    assert metrics_of(predicted, expected).figure_recall == Ratio(0, 1)


def test_background_figures_are_not_required_for_recall() -> None:
    expected = gold([IRAN_SEVEN, figure("killed", 300, ["*"], FLOOD, background=True)])
    metrics = metrics_of(result([row(SEVEN_KILLED, "iran", killed=exact(7))]), expected)
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(1, 1), Ratio(1, 1))


def test_a_prediction_of_a_background_figure_is_not_penalised() -> None:
    expected = gold([IRAN_SEVEN, figure("killed", 300, ["*"], FLOOD, background=True)])
    metrics = metrics_of(result([row(FLOOD, "article", killed=exact(300))]), expected)
    assert (metrics.figure_recall, metrics.figure_precision) == (Ratio(0, 1), Ratio(1, 1))


def test_a_prediction_fitting_a_required_and_a_background_figure_counts_for_recall() -> None:
    expected = gold([figure("killed", 7, ["*"], FLOOD, background=True), IRAN_SEVEN])
    metrics = metrics_of(result([row(SEVEN_KILLED, "iran", killed=exact(7))]), expected)
    assert metrics.figure_recall == Ratio(1, 1)


def test_number_accuracy_counts_only_predictions_overlapping_gold_evidence() -> None:
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(7)), row(FLOOD, "article", killed=exact(300))])
    metrics = metrics_of(predicted, gold([IRAN_SEVEN]))
    assert (metrics.number_accuracy, metrics.figure_precision) == (Ratio(1, 1), Ratio(1, 2))


# Claims


def test_a_claim_is_found_when_party_and_quote_overlap_match() -> None:
    expected = gold(claims=[gold_claim(["army", "military"], WARNING)])
    metrics = metrics_of(result(claims=[claim("army", "The army warned of serious consequences.")]), expected)
    assert metrics.claim_recall == Ratio(1, 1)


def test_a_claim_overlapping_exactly_half_of_the_shorter_span_is_found() -> None:
    expected = gold(claims=[gold_claim(["army"], WARNING)])
    metrics = metrics_of(result(claims=[claim("army", "The army warned of serious co")]), expected)
    assert metrics.claim_recall == Ratio(1, 1)


def test_a_claim_overlapping_less_than_half_is_not_found() -> None:
    expected = gold(claims=[gold_claim(["army"], WARNING)])
    metrics = metrics_of(result(claims=[claim("army", "The army warned of serious c")]), expected)
    assert (metrics.claim_recall, metrics.attribution_accuracy) == (Ratio(0, 1), Ratio(0, 0))


def test_a_claim_from_the_wrong_party_is_not_found() -> None:
    expected = gold(claims=[gold_claim(["army"], WARNING)])
    metrics = metrics_of(result(claims=[claim("police", WARNING)]), expected)
    assert metrics.claim_recall == Ratio(0, 1)


def test_attribution_accuracy_counts_overlapping_claims_with_the_right_party() -> None:
    expected = gold(claims=[gold_claim(["army"], WARNING)])
    predicted = result(claims=[claim("army", WARNING), claim("police", "warned of serious consequences"),
                               claim("iran", SEVEN_KILLED)])
    metrics = metrics_of(predicted, expected)
    assert (metrics.claim_recall, metrics.attribution_accuracy) == (Ratio(1, 1), Ratio(1, 2))


# Grounding


def test_grounding_rate_counts_claim_and_row_quotes_located() -> None:
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(7))],
                       [claim("army", WARNING), claim("army", "words the article never says")])
    assert metrics_of(predicted, gold()).grounding_rate == Ratio(2, 3)


def test_a_number_not_written_in_its_quote_is_unsupported() -> None:
    predicted = result([row(SEVEN_KILLED, "iran", killed=exact(8), verified=False),
                        row(TEN_TO_FIFTEEN, "police", injured=between(10, 15))])
    metrics = metrics_of(predicted, gold())
    assert (metrics.unsupported_numbers, metrics.unflagged_unsupported) == (Ratio(1, 2), 0)


def test_an_unsupported_number_in_a_verified_row_is_unflagged() -> None:
    predicted = result([row(TEN_TO_FIFTEEN, "police", injured=between(10, 16), verified=True)])
    metrics = metrics_of(predicted, gold())
    assert (metrics.unsupported_numbers, metrics.unflagged_unsupported) == (Ratio(1, 1), 1)


def test_a_number_is_checked_in_the_article_at_the_span_not_in_the_model_s_quote() -> None:
    altered = GroundedCasualty(event_id="e1", perpetrator=None, victims="people", reported_by="iran",
                               quote="seventy people were killed in the strike on Saravan", span=span_of(SEVEN_KILLED),
                               killed=exact(70), injured=None, verified=True, issues=[])
    metrics = metrics_of(result([altered]), gold())
    assert (metrics.unsupported_numbers, metrics.unflagged_unsupported) == (Ratio(1, 1), 1)


def test_vague_figures_have_no_number_to_support() -> None:
    metrics = metrics_of(result([row(DOZENS_DIED, "pakistan", killed=vague("dozens"))]), gold())
    assert metrics.unsupported_numbers == Ratio(0, 0)


# Zero denominators, failures, totals


def test_a_metric_with_nothing_to_count_has_no_value() -> None:
    metrics = metrics_of(result(), gold())
    assert metrics == Metrics()
    assert metrics.figure_recall.value is None


def test_a_ratio_value_is_numerator_over_denominator() -> None:
    assert Ratio(3, 4).value == 0.75


def test_seconds_and_tokens_come_from_the_provenance() -> None:
    score = score_article(result(seconds=4.25, prompt_tokens=300, completion_tokens=45), gold(), ARTICLE)
    assert (score.article, score.seconds, score.tokens, score.error) == ("001_hand-made", 4.25, 345, None)


def test_a_failed_article_scores_zero_recall_and_predicts_nothing() -> None:
    expected = gold([IRAN_SEVEN, figure("killed", 300, ["*"], FLOOD, background=True)], [gold_claim(["army"], WARNING)])
    assert score_failure(expected, "boom") == ArticleScore(
        "001_hand-made", Metrics(figure_recall=Ratio(0, 1), claim_recall=Ratio(0, 1)), error="boom"
    )


def test_total_is_micro_averaged_over_articles() -> None:
    scores = [
        ArticleScore("a", Metrics(figure_recall=Ratio(1, 1), unflagged_unsupported=1), seconds=1.5, tokens=10),
        ArticleScore("b", Metrics(figure_recall=Ratio(0, 3)), seconds=2.0, tokens=5),
        ArticleScore("c", Metrics(figure_recall=Ratio(0, 2)), error="missing"),
    ]
    overall = total(scores)
    assert (overall.articles, overall.failed, overall.seconds, overall.tokens) == (3, 1, 3.5, 15)
    assert overall.metrics == Metrics(figure_recall=Ratio(1, 6), unflagged_unsupported=1)


# Narration


def test_a_claim_whose_sentence_attributes_nothing_is_narration() -> None:
    predicted = result(claims=[claim("army", WARNING), claim("army", FLOOD), claim("iran", SEVEN_KILLED)])
    assert metrics_of(predicted, gold()).narration_rate == Ratio(1, 3)


def test_an_unlocated_claim_is_judged_by_its_own_quote() -> None:
    predicted = result(claims=[claim("army", "the river rose overnight"), claim("army", "the river rose, they said")])
    assert metrics_of(predicted, gold()).narration_rate == Ratio(1, 2)


def test_no_claim_no_narration_rate() -> None:
    assert metrics_of(result(), gold()).narration_rate == Ratio(0, 0)
