"""What a batch writes for spreadsheets and people: the CSV tables, report.md, progress and summary lines."""

from __future__ import annotations

import csv
import io
import signal
from pathlib import Path

from summarise.batch.aggregate import write_aggregates
from summarise.batch.manifest import ErrorRecord, ManifestEntry, Recipe
from summarise.batch.outcomes import Tally
from summarise.batch.progress import clock, progress_text, summary_line
from summarise.batch.report import Totals, render_report
from summarise.batch.tables import (
    CASUALTY_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    casualty_rows,
    claim_rows,
    csv_text,
    event_rows,
)
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
from summarise.schema import SCHEMA_VERSION, Party, PartyKind, Qualifier
from tests.commonmark import STRUCTURE_TAGS, render_commonmark

QUOTE = "seven non-Iranian nationals were killed"


def hand_made_result() -> Result:
    span = Span(start=10, end=10 + len(QUOTE), status=MatchStatus.EXACT, score=100.0)
    killed = CasualtyFigure(text="seven", qualifier=Qualifier.EXACT, best=7, low=7, high=7, supported=True)
    injured = CasualtyFigure(text="10 to 15", qualifier=Qualifier.RANGE, best=None, low=10, high=15, supported=False)
    return Result(
        article=ArticleInfo(id="4cf0f7c4e857d004", source="world/iran.txt", title=None, chars=900),
        summary="Iran says seven were killed.",
        parties=[Party(id="iran", name="Iranian official", kind=PartyKind.OFFICIAL)],
        claims=[GroundedClaim(party_id="iran", speaker="the deputy governor", quote=QUOTE,
                              paraphrase="Seven foreigners died.", span=span, verified=True)],
        events=[Event(id="e1", what="blasts in Saravan", where="Saravan, Iran", when="on Thursday", date="2024-01-18",
                      perpetrator="unknown", background=False),
                Event(id="e2", what="strike, with a | pipe", where="", when="", date=None, perpetrator="pakistan",
                      background=True)],
        casualties=[
            GroundedCasualty(event_id="e1", perpetrator=None, victims="non-Iranian nationals",
                             reported_by="iran", quote=QUOTE, span=span, killed=killed, injured=None, verified=True,
                             issues=[]),
            GroundedCasualty(event_id="e2", perpetrator="Pakistan", victims="people",
                             reported_by="article", quote="10 to 15 hurt",
                             span=Span(start=None, end=None, status=MatchStatus.NOT_FOUND, score=40.0),
                             killed=None, injured=injured, verified=False,
                             issues=["quote not found in the article", "injured upper bound 15 is not written"]),
        ],
        unverified=1,
        provenance=Provenance(backend="server", model="m", prompt_version="p1", schema_version="1", attempts=1,
                              prompt_tokens=0, completion_tokens=0, seconds=0.0),
    )


def test_casualty_rows_hold_one_row_per_casualty_row_in_column_order() -> None:
    assert casualty_rows(hand_made_result()) == [
        ["4cf0f7c4e857d004", "world/iran.txt", "iran", "Iranian official",
         "e1", "blasts in Saravan", "Saravan, Iran", "on Thursday", "2024-01-18", "false", "",
         "non-Iranian nationals", "seven", "7", "7", "7", "exact", "", "", "", "", "", QUOTE, "10", "49", "exact",
         "true", ""],
        ["4cf0f7c4e857d004", "world/iran.txt", "article", "the article",
         "e2", "strike, with a | pipe", "", "", "", "true", "Pakistan", "people",
         "", "", "", "", "", "10 to 15", "", "10", "15", "range", "10 to 15 hurt", "", "", "not_found", "false",
         "quote not found in the article; injured upper bound 15 is not written"],
    ]


def test_casualty_columns() -> None:
    assert CASUALTY_COLUMNS == (
        "article_id", "source_file", "party_id", "party_name",
        "event_id", "event_what", "event_where", "event_when", "event_date", "event_background", "perpetrator",
        "victims", "killed_text", "killed_best", "killed_low", "killed_high", "killed_qualifier",
        "injured_text", "injured_best", "injured_low", "injured_high", "injured_qualifier",
        "quote", "span_start", "span_end", "grounding_status", "verified", "issues",
    )


def test_a_row_whose_event_is_not_listed_keeps_its_event_id_with_empty_event_cells() -> None:
    result = hand_made_result()
    stray = result.casualties[1].model_copy(update={"event_id": "e9"})
    [_, row] = casualty_rows(result.model_copy(update={"casualties": [result.casualties[0], stray]}))
    start = CASUALTY_COLUMNS.index("event_id")
    assert row[start:start + 6] == ["e9", "", "", "", "", ""]


def three_event_result() -> Result:
    """Two main events (the first reported by two sources) and one background event."""
    result = hand_made_result()
    iran_row, article_row = result.casualties
    events = [
        Event(id="e1", what="missile and drone strike", where="Balochistan, Pakistan", when="on Tuesday",
              date="2024-01-16", perpetrator="iran", background=False),
        Event(id="e2", what="blasts", where="Saravan", when="", date=None, perpetrator="unknown", background=False),
        Event(id="e3", what="bombing", where="", when="in 2019", date="2019", perpetrator=None, background=True),
    ]
    casualties = [iran_row, article_row.model_copy(update={"event_id": "e1"}),
                  iran_row.model_copy(update={"event_id": "e2"}), article_row.model_copy(update={"event_id": "e3"})]
    return result.model_copy(update={"events": events, "casualties": casualties})


def test_event_columns() -> None:
    assert EVENT_COLUMNS == ("article_id", "source_file", "event_id", "what", "where", "when", "date", "perpetrator",
                             "perpetrator_name", "background", "rows", "sources")


def test_event_rows_hold_one_row_per_event_with_its_rows_counted_and_sources_named() -> None:
    assert event_rows(three_event_result()) == [
        ["4cf0f7c4e857d004", "world/iran.txt", "e1", "missile and drone strike", "Balochistan, Pakistan",
         "on Tuesday", "2024-01-16", "iran", "Iranian official", "false", "2", "Iranian official; the article"],
        ["4cf0f7c4e857d004", "world/iran.txt", "e2", "blasts", "Saravan", "", "", "unknown", "unknown", "false", "1",
         "Iranian official"],
        ["4cf0f7c4e857d004", "world/iran.txt", "e3", "bombing", "", "in 2019", "2019", "", "", "true", "1",
         "the article"],
    ]


def test_casualty_rows_carry_their_event_in_the_order_of_the_digest() -> None:
    start = CASUALTY_COLUMNS.index("event_id")
    assert [row[start:start + 6] for row in casualty_rows(three_event_result())] == [
        ["e1", "missile and drone strike", "Balochistan, Pakistan", "on Tuesday", "2024-01-16", "false"],
        ["e1", "missile and drone strike", "Balochistan, Pakistan", "on Tuesday", "2024-01-16", "false"],
        ["e2", "blasts", "Saravan", "", "", "false"],
        ["e3", "bombing", "", "in 2019", "2019", "true"],
    ]


def test_csv_event_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_single_quote() -> None:
    [row] = read_back(csv_text(EVENT_COLUMNS, event_rows(hostile_result())))
    assert (row["source_file"], row["what"]) == ("'=1+2.txt", '\'=HYPERLINK("http://evil.example","click")')


def test_a_batch_writes_events_csv_next_to_casualties_csv(tmp_path: Path) -> None:
    (tmp_path / "digests").mkdir()
    (tmp_path / "digests" / "iran.json").write_text(three_event_result().model_dump_json(), encoding="utf-8")
    recipe = Recipe(model="m", backend="server", prompt_version="p1", schema_version=SCHEMA_VERSION, strict=False)
    entry = ManifestEntry(path="world/iran.txt", status="done", article_id="4cf0f7c4e857d004", recipe=recipe,
                          output="digests/iran.json", error=None)
    write_aggregates(tmp_path, [entry], Tally(total=1, digested=1))
    assert (tmp_path / "events.csv").read_bytes().decode() == csv_text(EVENT_COLUMNS, event_rows(three_event_result()))
    assert read_back((tmp_path / "casualties.csv").read_text(encoding="utf-8"))[3]["event_what"] == "bombing"


def test_claim_rows_hold_one_row_per_claim_in_column_order() -> None:
    assert CLAIM_COLUMNS == ("article_id", "source_file", "party_id", "party_name", "speaker", "quote", "paraphrase",
                             "span_start", "span_end", "grounding_status", "verified")
    assert claim_rows(hand_made_result()) == [
        ["4cf0f7c4e857d004", "world/iran.txt", "iran", "Iranian official", "the deputy governor", QUOTE,
         "Seven foreigners died.", "10", "49", "exact", "true"],
    ]


def test_csv_text_has_a_header_quotes_when_needed_and_reads_back() -> None:
    text = csv_text(("a", "b"), [["1, 2", 'say "hi"'], ["", "x"]])
    assert text == 'a,b\r\n"1, 2","say ""hi"""\r\n,x\r\n'
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["1, 2", 'say "hi"'], ["", "x"]]


def hostile_result() -> Result:
    """A digest of a file named like a formula, whose model fields hold formulas and markup."""
    result = hand_made_result()
    event = result.events[0].model_copy(update={"what": '=HYPERLINK("http://evil.example","click")'})
    casualty = result.casualties[0].model_copy(update={"perpetrator": "+cmd|' /C calc'!A0",
        "victims": "-2+3", "quote": "@SUM(A1:A9)",
        "killed": result.casualties[0].killed.model_copy(update={"text": "\t=1+1", "best": -5, "low": -5}),
    })
    claim = result.claims[0].model_copy(update={"speaker": "\r=1+1", "paraphrase": "<img src=x onerror=alert(9)>"})
    article = result.article.model_copy(update={"source": "=1+2.txt"})
    return result.model_copy(update={"article": article, "events": [event], "casualties": [casualty],
                                     "claims": [claim]})


def read_back(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_single_quote() -> None:
    [row] = read_back(csv_text(CASUALTY_COLUMNS, casualty_rows(hostile_result())))
    assert {column: row[column] for column in ("source_file", "event_what", "perpetrator", "victims", "quote",
                                               "killed_text")} == {
        "source_file": "'=1+2.txt",
        "event_what": '\'=HYPERLINK("http://evil.example","click")',
        "perpetrator": "'+cmd|' /C calc'!A0",
        "victims": "'-2+3",
        "quote": "'@SUM(A1:A9)",
        "killed_text": "'\t=1+1",
    }


def test_csv_claim_cells_starting_with_a_carriage_return_are_neutralised_too() -> None:
    [row] = read_back(csv_text(CLAIM_COLUMNS, claim_rows(hostile_result())))
    assert (row["source_file"], row["speaker"]) == ("'=1+2.txt", "'\r=1+1")


def test_csv_keeps_plain_negative_numbers_as_numbers() -> None:
    [row] = read_back(csv_text(CASUALTY_COLUMNS, casualty_rows(hostile_result())))
    assert (row["killed_best"], row["killed_low"], row["killed_high"]) == ("-5", "-5", "7")


def test_csv_leaves_cells_that_cannot_be_formulas_as_they_are() -> None:
    assert csv_text(("a", "b", "c"), [["a=b", "1-2", "me@example.org"]]) == "a,b,c\r\na=b,1-2,me@example.org\r\n"


def test_report_gives_counts_failures_and_the_casualty_table() -> None:
    failure = ErrorRecord(file="notes.pdf", stage="ingest", error_type="InputError",
                          message="unsupported file type .pdf")
    tally = Tally(total=3, digested=1, up_to_date=1, failed=1)
    totals = Totals(articles=3, done=2, failed=1, unverified=1, dropped=2)
    report = render_report(totals, tally, [failure], casualty_rows(hand_made_result()))
    assert report == """# Batch report

| Articles | Count |
| --- | ---: |
| done | 2 |
| failed | 1 |
| not reached | 0 |
| total | 3 |

This run: 1 digested, 1 skipped (up to date), 1 failed, 0 failed earlier and kept (--retry-failed redoes them).
Grounding: 1 claims and casualty rows unverified (flagged in every output), 2 dropped by --strict.

## Failures

| File | Stage | Error | Message |
| --- | --- | --- | --- |
| notes.pdf | ingest | InputError | unsupported file type .pdf |

## Casualties

| File | Reported by | Event | Victims | Killed | Injured | Grounding | Verified |
| --- | --- | --- | --- | --- | --- | --- | --- |
| world/iran.txt | Iranian official | blasts in Saravan | non-Iranian nationals | seven |  | exact | true |
| world/iran.txt | the article | strike, with a \\| pipe | people |  | 10 to 15 | not_found | false |
"""


def test_report_shows_html_in_file_names_and_model_fields_as_text_never_as_elements() -> None:
    failure = ErrorRecord(file="<img src=x onerror=alert(9)>.txt", stage="ingest", error_type="InputError",
                          message="<script>alert(1)</script> & more")
    [row] = casualty_rows(hostile_result())
    row[CASUALTY_COLUMNS.index("victims")] = "<svg onload=alert(2)>"
    report = render_report(Totals(articles=2, done=1, failed=1), Tally(total=2, digested=1, failed=1), [failure],
                           [row])
    page = render_commonmark(report)
    assert set(page.tags) <= STRUCTURE_TAGS
    assert "<img src=x onerror=alert(9)>.txt" in page.text and "<script>alert(1)</script> & more" in page.text
    assert "<svg onload=alert(2)>" in page.text and "=1+2.txt" in page.text


def test_report_of_an_interrupted_run_says_how_to_finish() -> None:
    report = render_report(Totals(articles=5, done=2, failed=0), Tally(total=5, digested=2), [], [],
                           interrupted_by=signal.SIGINT)
    assert "| not reached | 3 |" in report
    assert "Interrupted by SIGINT: run the same command again to finish." in report
    assert report.endswith("## Failures\n\nNone.\n\n## Casualties\n\nNone.\n")


def test_progress_text_gives_done_failed_left_rate_and_eta() -> None:
    tally = Tally(total=100, digested=8, up_to_date=10, failed=2, kept_failure=1)
    assert progress_text(tally, seconds=30.0) == "18 done, 3 failed, 79 left, 20.0/min, ETA 0:03:57"


def test_progress_text_before_any_digest_has_no_eta() -> None:
    assert progress_text(Tally(total=4), seconds=0.0) == "0 done, 0 failed, 4 left, 0.0/min, ETA -:--:--"


def test_clock() -> None:
    assert (clock(59.6), clock(3725.0), clock(None)) == ("0:01:00", "1:02:05", "-:--:--")


def test_summary_line_of_a_complete_run() -> None:
    tally = Tally(total=30, digested=25, up_to_date=3, failed=1, kept_failure=1)
    assert summary_line(tally, seconds=12.0) == (
        "batch: 30 articles: 25 digested, 3 up to date, 1 failed, 1 failed earlier (--retry-failed redoes them) "
        "in 12.0 s (130.0/min)")


def test_summary_line_of_an_interrupted_run() -> None:
    tally = Tally(total=30, digested=4)
    assert summary_line(tally, seconds=2.0, interrupted_by=signal.SIGTERM) == (
        "batch interrupted by SIGTERM after 4 of 30 articles: 4 digested, 0 up to date, 0 failed in 2.0 s "
        "(120.0/min); run the same command again to finish")
