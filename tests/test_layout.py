"""How the passes lay out their requests: the numbered article first and the same in every pass, marked
as data; long articles in windows; questions only about what the rules cannot read. Made-up articles."""

from __future__ import annotations

from summarise.passes.layout import GAP, Window, excerpt, windows
from summarise.passes.run import pass_requests, read_by_rule
from summarise.plan import Request
from summarise.reading.sentences import split_sentences

ARTICLE = ("Flood hits valley\n\n"
           "Nine people were killed when the river burst its banks, police said.\n\n"
           "Twelve more were injured in the night.\n\n"
           '"We have lost everything," farmer Ivan Petrov said. "Nobody came to help us, nobody at all."\n\n'
           "It was reported that the dam had failed before dawn.")


def _requests(article: str) -> list[Request | None]:
    sentences = split_sentences(article)
    return pass_requests(sentences, read_by_rule(sentences))


def test_the_article_is_numbered_between_tags_with_a_blank_line_between_paragraphs() -> None:
    (window,) = windows(split_sentences(ARTICLE))
    assert window.text().splitlines() == [
        "<article>", "[1] Flood hits valley", "",
        "[2] Nine people were killed when the river burst its banks, police said.", "",
        "[3] Twelve more were injured in the night.", "",
        '[4] "We have lost everything," farmer Ivan Petrov said.', '[5] "Nobody came to help us, nobody at all."',
        "", "[6] It was reported that the dam had failed before dawn.", "</article>"]


def test_every_pass_starts_with_the_same_system_prompt_and_article() -> None:
    requests = [request for request in _requests(ARTICLE) if request is not None]
    assert len(requests) == 3
    prefixes = {(request.messages[0]["content"], request.messages[1]["content"].split("</article>")[0])
                for request in requests}
    assert len(prefixes) == 1


def test_only_sentences_whose_source_the_rules_cannot_name_go_to_the_casualty_pass() -> None:
    casualties = _requests(ARTICLE)[0]
    assert casualties is not None and list(casualties.context["sentences"]) == [3]
    assert casualties.model.model_json_schema()["$defs"]["CasualtySentence"]["properties"]["sentence"]["const"] == 3


def test_only_claims_the_rules_cannot_credit_go_to_the_claim_pass() -> None:
    # [5] continues the quotation [4] credits to farmer Ivan Petrov; [6] names no one.
    claims = _requests(ARTICLE)[1]
    assert claims is not None and list(claims.context["sentences"]) == [6]


def test_a_long_article_is_read_in_windows_that_keep_the_article_s_numbers() -> None:
    sentences = split_sentences("\n\n".join(f"Paragraph {number} has words enough to count." for number in range(10)))
    found = windows(sentences, limit=120)
    assert [list(window.sentences) for window in found] == [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]
    assert all(isinstance(window, Window) for window in found)


def test_each_window_asks_about_its_own_sentences_and_only_the_first_asks_for_the_overview() -> None:
    text = "\n\n".join(["Police said 3 people were killed in the north."] * 1
                       + [text for number in range(350) for text in
                          (f"Filler text {number} goes here.", f"Five were hurt in district {number}.")])
    requests = _requests(text)
    asked = [request.model.__name__ for request in requests if request is not None]
    assert asked.count("OverviewPass") == 1
    assert asked[-1] == "CasualtyPass" and asked.count("CasualtyPass") > 1


def test_the_model_is_shown_the_opening_and_each_asked_sentence_with_the_two_before_it() -> None:
    text = "\n\n".join([f"Opening sentence {number}." for number in range(1, 11)]
                       + [f"Filler sentence {number}." for number in range(11, 41)]
                       + ["Five were hurt in the south."] + [f"Closing sentence {number}." for number in range(42, 50)])
    sentences = split_sentences(text)
    assert excerpt(sentences, {41}) == [*range(1, 9), 39, 40, 41]
    (casualties, _, _) = pass_requests(sentences, read_by_rule(sentences))
    assert casualties is not None and list(casualties.context["sentences"]) == [41]
    lines = casualties.messages[1]["content"].split("</article>")[0].splitlines()
    at = lines.index("[8] Opening sentence 8.")
    assert lines[at:at + 3] == ["[8] Opening sentence 8.", GAP, "[39] Filler sentence 39."]
    assert not any("Closing" in line or "Filler sentence 38" in line for line in lines)
