"""Incidents read by rule, on made-up sentences: what, where, when, who, past-ness, and the grouping of rows
into events."""

from __future__ import annotations

import datetime
from dataclasses import replace

from summarise.locate import MatchStatus
from summarise.reading.dates import article_date, iso_date
from summarise.reading.events import group_events
from summarise.reading.incident_places import Containments, containments
from summarise.reading.incidents import NO_PERPETRATOR, Incident, read_incident
from summarise.reading.sentences import split_sentences
from summarise.result import CasualtyFigure, CheckedCasualty, Span
from summarise.schema import Qualifier


def _alone(sentence: str, figure: str) -> Incident:
    """``sentence`` read for ``figure``, its only figure: its clauses are all before it and all after it, as
    summarise.reading.events gives them."""
    near = sentence.index(figure)
    return read_incident(sentence, near, ((near, len(sentence)), (0, near)))


def test_the_incident_noun_keeps_the_words_that_name_it() -> None:
    assert read_incident("Officials said a suicide bomb attack killed 12 people.", 30).what == "suicide bomb attack"


def test_judgements_before_the_noun_are_not_part_of_its_name() -> None:
    assert read_incident("The deadly ambush left four guards dead.").what == "ambush"


def test_a_possessive_names_the_perpetrator() -> None:
    assert read_incident("Freedonia's artillery shelling killed three farmers.").perpetrator == "Freedonia"


def test_the_agent_of_a_passive_names_the_perpetrator() -> None:
    assert read_incident("Two protesters were killed by police on the bridge.").perpetrator == "police"


def test_the_subject_of_a_harming_verb_names_the_perpetrator() -> None:
    assert read_incident("The gunman opened fire on diners, wounding six.").perpetrator == "gunman"


def test_a_place_before_the_verb_is_not_the_perpetrator() -> None:
    assert read_incident("A blast in Springfield killed nine people.").perpetrator is None


def test_an_accident_has_no_perpetrator() -> None:
    reading = read_incident("Eleven passengers died when the ferry capsized after a collision.")
    assert (reading.accident, reading.perpetrator) == (True, NO_PERPETRATOR)


def test_gunfire_is_not_a_blaze() -> None:
    reading = read_incident("Three men were hurt when police opened fire at the gate.")
    assert (reading.accident, reading.perpetrator) == (False, "police")


def test_a_place_after_a_preposition_is_read_with_its_direction() -> None:
    assert read_incident("Five soldiers died in clashes in northern Freedonia.").where == "northern Freedonia"


def test_a_place_named_as_a_city_of_is_the_city() -> None:
    assert read_incident("Blasts rocked the eastern city of Port Verde on Monday.").where == "Port Verde"


def test_a_place_in_copy_set_in_lower_case_is_a_word_no_list_knows() -> None:
    assert read_incident("six people were killed in riots in karvapur on monday.").where == "karvapur"


def test_a_weekday_is_when_and_not_the_past() -> None:
    reading = read_incident("On Tuesday, a car bomb killed eight people.")
    assert (reading.when, reading.background) == ("On Tuesday", False)


def test_a_year_marks_a_past_incident() -> None:
    reading = read_incident("In 2011, a similar flood killed 300 people.")
    assert (reading.when, reading.background) == ("In 2011", True)


def test_ago_marks_a_past_incident() -> None:
    assert read_incident("Gunmen killed 16 people in the capital two weeks ago.").background is True


def test_a_dateline_is_not_when_the_incident_happened() -> None:
    assert read_incident("PORT VERDE, May 3 - Nine people were killed on Sunday.").when == "on Sunday"


def test_the_article_date_comes_from_its_dateline() -> None:
    assert article_date("   Lima, 31 Oct 88 (EFE) -- [Text] Twenty people were hurt.") == datetime.date(1988, 10, 31)


def test_a_weekday_becomes_a_date_before_the_article_date() -> None:
    assert iso_date("on Tuesday", datetime.date(2024, 1, 18)) == "2024-01-16"


def test_a_month_and_year_become_an_iso_month() -> None:
    assert iso_date("In July 2016", None) == "2016-07"


ARTICLE = (
    "Freedonia's missile strike on the village of Oakham in Sylvania killed two children, Sylvania said.\n\n"
    "In Port Verde, Sylvanian jets struck back, killing seven people, officials said.\n\n"
    "In 2011, a similar attack in Oakham killed 40 people."
)


_WORDS = {2: "two", 4: "four", 7: "seven", 9: "nine"}


def _row(quote: str, number: int, article: str = ARTICLE) -> CheckedCasualty:
    start = article.index(quote)
    figure = CasualtyFigure(text=_WORDS.get(number, str(number)), qualifier=Qualifier.EXACT, best=number, low=number,
                            high=number, supported=True)
    return CheckedCasualty(victims="people", reported_by="article", quote=quote,
                           span=Span(start=start, end=start + len(quote), status=MatchStatus.EXACT, score=100.0),
                           killed=figure, injured=None, verified=True, issues=[])


def _event_ids(article: str, *numbers: int) -> list[str]:
    """The event of each paragraph's row: one figure a paragraph, ``numbers`` in order (the paragraphs after
    the last number hold none)."""
    paragraphs = article.split("\n\n")
    rows = [_row(paragraph, number, article) for paragraph, number in zip(paragraphs, numbers, strict=False)]
    _, grouped = group_events(rows, split_sentences(article))
    return [row.event_id for row in grouped]


def test_rows_with_other_places_and_a_past_incident_make_three_events() -> None:
    rows = [_row(ARTICLE.split("\n\n")[0], 2), _row(ARTICLE.split("\n\n")[1], 7), _row(ARTICLE.split("\n\n")[2], 40)]
    events, grouped = group_events(rows, split_sentences(ARTICLE))
    assert [(event.id, event.where, event.background) for event in events] == [
        ("e1", "Oakham", False), ("e2", "Port Verde", False), ("e3", "Oakham", True)]
    assert [row.event_id for row in grouped] == ["e1", "e2", "e3"]
    assert events[0].perpetrator == "Freedonia"


def test_figures_of_one_sentence_share_their_event() -> None:
    sentence = ARTICLE.split("\n\n")[0]
    events, grouped = group_events([_row(sentence, 2), _row(sentence, 2)], split_sentences(ARTICLE))
    assert len(events) == 1 and {row.event_id for row in grouped} == {"e1"}


def test_no_rows_no_events() -> None:
    assert group_events([], split_sentences(ARTICLE)) == ([], [])


def test_a_demonym_as_a_place_is_its_country() -> None:
    assert read_incident("Jets struck targets in Iranian territory, killing four.").where == "Iran"


def test_an_incident_some_weeks_before_another_is_a_past_one() -> None:
    assert read_incident("The raid came six weeks after a bombing in which 30 people died.").background is True


def test_a_closing_quote_mark_is_not_a_possessive() -> None:
    assert read_incident("Rebels accused of 40 deaths in ‘brutal’ raids: report").perpetrator == "Rebels"


def test_a_generic_perpetrator_sets_no_row_apart_from_a_named_one() -> None:
    article = ("Freedonia's army shelled the town, killing nine people.\n\n"
               "Security forces killed four more people in the town, officials said.")
    first, second = article.split("\n\n")
    events, _ = group_events([_row(first, 9, article), _row(second, 4, article)], split_sentences(article))
    assert len(events) == 1


def test_the_incident_noun_takes_whole_words_only() -> None:
    assert read_incident("The Tarvian mass shooting left 5 dead.", 20).what == "mass shooting"
    assert read_incident("Deadly flood kills 12 in Osk.", 15).what == "flood"


def test_counted_people_before_a_killing_verb_are_victims_not_perpetrators() -> None:
    assert read_incident("3 bandits killed, 10 hostages freed, police say", 0).perpetrator is None


def test_its_forces_stand_for_the_subject_that_speaks() -> None:
    assert read_incident("Tarvia said its troops killed 40 rebels near Osk.", 30).perpetrator == "Tarvia"


def test_the_actor_nearest_the_figure_is_its_perpetrator() -> None:
    sentence = ("A van hit a market crowd, killing at least 12 people as the driver also opened fire, "
                "witnesses said, before being shot dead by police.")
    assert read_incident(sentence, sentence.index("12")).perpetrator == "driver"


def test_a_perpetrator_wrapped_over_lines_is_one_name() -> None:
    sentence = "Presumed Red Hand\nguerrillas ambushed and killed 12 farmers in the\nnorthern Osk valley."
    incident = read_incident(sentence, sentence.index("12"))
    assert "\n" not in (incident.perpetrator or "") and incident.where == "northern Osk"


def test_killed_in_police_firing_names_the_police() -> None:
    sentence = "Riots spread in the old town, where three men were killed in police firing."
    assert read_incident(sentence, sentence.index("three")).perpetrator == "police"


def test_a_sub_count_s_perpetrator_is_not_the_total_s() -> None:
    sentence = "The toll in the riots has reached 140, including 12 killed in army firing."
    clauses_total = ((sentence.index("140"), sentence.index("12")), (0, sentence.index("140")))
    total = read_incident(sentence, sentence.index("140"), clauses_total, sentence.index("140"))
    clauses_part = ((sentence.index("12"), len(sentence)), (sentence.index("140") + 3, sentence.index("12")))
    part = read_incident(sentence, sentence.index("12"), clauses_part, sentence.index("140"))
    assert (total.perpetrator, part.perpetrator) == (None, "army")


def test_the_subject_before_every_figure_is_each_figure_s_perpetrator() -> None:
    sentence = "Tarvian jets bombed three villages, killing 40 in Osk and 12 in Vel."
    clauses = ((sentence.index("12"), len(sentence)), (sentence.index("40") + 2, sentence.index("12")))
    assert read_incident(sentence, sentence.index("12"), clauses, sentence.index("40")).perpetrator == "Tarvian jets"


def test_a_group_that_claimed_an_attack_is_its_perpetrator() -> None:
    sentence = "The Red Hand group, which claimed the bombing, said it killed 14 soldiers in a camp."
    assert read_incident(sentence, sentence.index("14")).perpetrator == "Red Hand"
    assert read_incident("Nobody has claimed the lives of the 9 victims yet.", 30).perpetrator is None


def test_a_named_group_before_an_agent_noun_is_kept_whole() -> None:
    assert read_incident("Red Hand gunmen shot dead 6 guards.", 20).perpetrator == "Red Hand gunmen"


def test_an_ongoing_campaign_names_its_perpetrator() -> None:
    sentence = "The Red Hand has also been carrying out raids, killing 11 people in Osk."
    assert read_incident(sentence, sentence.index("11")).perpetrator == "Red Hand"


def test_a_place_that_locates_another_is_not_the_incident_s_place() -> None:
    assert read_incident("In Vel, near Osk, a bus crash killed 4 people.", 30).where == "Vel"
    assert read_incident("The toll in Karn in Tarvia Province rose to 19.", 40).where == "Karn"


def test_the_place_nearest_a_figure_before_it_is_its_place() -> None:
    sentence = "The shooting in Osk came days after the bombing in Vel that killed 84 people."
    assert _alone(sentence, "84").where == "Vel"


def test_each_figure_has_the_time_of_its_own_clause() -> None:
    sentence = "Officials said 630 people were killed in November and 1,775 over the past 12 months."
    after_first = sentence.index("1,775")
    first = read_incident(sentence, sentence.index("630"), ((sentence.index("630"), after_first),
                                                            (0, sentence.index("630"))))
    second = read_incident(sentence, after_first, ((after_first, len(sentence)), (sentence.index("630") + 3,
                                                                                  after_first)))
    assert (first.background, second.background) == (False, True)


def test_recent_weeks_mark_a_past_incident() -> None:
    assert read_incident("Attacks in recent weeks killed 60 people across the region.", 30).background is True


def test_a_month_named_alone_is_a_past_incident_unless_it_is_last_month() -> None:
    article = ("OSK, 2 Dec 99 - Gunmen killed nine people on Monday in Osk.\n\n"
               "In November, 40 people were killed in the province.\n\n"
               "In August, a bombing in Osk killed 4 people.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0][paragraphs[0].index("Gunmen"):], 9, article),
            _row(paragraphs[1], 40, article), _row(paragraphs[2], 4, article)]
    events, grouped = group_events(rows, split_sentences(article))
    background = {event.id: event.background for event in events}
    assert [background[row.event_id] for row in grouped] == [False, False, True]


def test_whoever_claimed_the_attack_did_the_story_s_incident() -> None:
    article = ("Guards shot dead all three attackers at the hotel gate.\n\n"
               "The Red Hand movement has claimed the attack.\n\n"
               "Twelve guests were wounded, police said.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 3, article), _row(paragraphs[2], 12, article)]
    rows[0] = replace(rows[0], killed=rows[0].killed.model_copy(update={"text": "all three"}))
    events, grouped = group_events(rows, split_sentences(article))
    assert events[0].perpetrator == "Red Hand"
    assert [row.perpetrator for row in grouped] == ["Guards", "Red Hand"]


def test_a_long_opening_clause_is_no_dateline() -> None:
    sentence = ("The shooting in Osk is one of many this year and follows the bombing in Vel, Tarvia — where 30 "
                "were killed.")
    assert _alone(sentence, "30").where == "Vel"


def test_whom_the_attack_is_laid_on_did_the_story_s_incident() -> None:
    article = ("Nine people were hurt in a blast at a market on Monday.\n\n"
               "Police have attributed the attack to rebels who planted a bomb.")
    rows = [_row(article.split("\n\n")[0], 9, article)]
    events, _ = group_events(rows, split_sentences(article))
    assert events[0].perpetrator == "rebels"


def test_a_group_held_responsible_for_deaths_is_their_perpetrator() -> None:
    sentence = 'The "Red Hand," which began its campaign in 1980, is responsible for the death of 900 people.'
    assert read_incident(sentence, sentence.index("900")).perpetrator == "Red Hand"


def test_figures_of_one_sentence_in_other_places_share_its_perpetrator() -> None:
    article = "Tarvian jets raided the border, killing 40 people in Osk and 12 in Vel."
    rows = [_row(article, 40, article), _row(article, 12, article)]
    rows = [replace(rows[0], killed=rows[0].killed.model_copy(update={"text": "40"})),
            replace(rows[1], killed=rows[1].killed.model_copy(update={"text": "12"}))]
    events, grouped = group_events(rows, split_sentences(article))
    assert [event.where for event in events] == ["Osk", "Vel"]
    assert [row.perpetrator for row in grouped] == ["Tarvian jets", "Tarvian jets"]


def test_a_sentence_that_says_nothing_of_its_incident_continues_the_one_before() -> None:
    article = ("Gunmen killed 40 people in Osk on Monday.\n\n"
               "Riots in Vel killed 16, officials said. However, local officials put the toll at 9.")
    paragraphs = article.split("\n\n")
    first, second, third = paragraphs[0], *paragraphs[1].split(" However, ")
    rows = [_row(first, 40, article), _row(second, 16, article), _row("However, " + third, 9, article)]
    events, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2", "e2"]


def test_where_the_wounded_were_treated_is_not_where_it_happened() -> None:
    assert read_incident("Seven more people were treated at Mercy Hospital for injuries.").where is None
    assert read_incident("Four victims were taken to hospital in Osk.", 0).where is None


def test_where_an_official_spoke_is_not_where_it_happened() -> None:
    sentence = "The chief, speaking Monday morning at City Hall, said 17 were hurt."
    assert read_incident(sentence, sentence.index("17")).where is None


def test_the_words_of_a_page_s_controls_are_no_place_or_actor() -> None:
    reading = read_incident("CLOSE Skip in Skip x Embed x Share Total hit 17 at a club", 40)
    assert (reading.where, reading.perpetrator) == (None, None)


def test_a_place_given_as_a_distance_from_another_is_not_that_place() -> None:
    assert read_incident("Vel, about 150 miles southwest of Osk, saw a shooting that hurt 3.", 50).where is None


def test_past_incidents_are_each_their_own_unless_place_or_time_ties_them() -> None:
    article = ("A bomb killed 9 people in Osk on Monday.\n\n"
               "Last year a flood in Vel killed 300 people.\n\n"
               "Two years ago, a shooting at a school killed 4 people.\n\n"
               "Last year the Vel flood also injured 50 people.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 9, article), _row(paragraphs[1], 300, article), _row(paragraphs[2], 4, article),
            _row(paragraphs[3], 50, article)]
    rows[3] = replace(rows[3], killed=None, injured=rows[3].killed)
    _, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2", "e2", "e3"]


def test_the_time_after_a_figure_is_its_time_and_words_before_it_can_make_it_past() -> None:
    sentence = "Officials said 630 were killed in November and that 1,775 died over the past 12 months."
    reading = _alone(sentence, "630")
    assert (reading.when, reading.background) == ("in November", False)
    sentence = "In 2011, a similar flood killed 300 people on a Sunday."
    assert _alone(sentence, "300").background is True


def test_an_article_naming_no_one_calls_the_perpetrator_what_it_calls_the_attacker() -> None:
    article = ("Nine people were killed at a mall in Osk on Friday.\n\n"
               "Police searched the area for the gunman, witnesses said.")
    events, _ = group_events([_row(article.split("\n\n")[0], 9, article)], split_sentences(article))
    assert events[0].perpetrator == "gunman"
    article = "Guards killed 3 gunmen at the gate on Friday."
    events, _ = group_events([_row(article, 3, article)], split_sentences(article))
    assert events[0].perpetrator != "gunmen"


def test_a_verb_before_the_incident_noun_is_not_part_of_its_name() -> None:
    assert read_incident("The suspect denied firing any shots that hurt 16 people.", 40).what == "firing"
    assert read_incident("The group has been carrying out attacks, killing 16.", 45).what == "attacks"


def _one_sentence_rows(sentence: str, *numbers: int, article: str | None = None) -> list[CheckedCasualty]:
    """Rows for figures of one sentence (of ``article``, else the whole of it), each figure given as its digits."""
    rows = [_row(sentence, number, article or sentence) for number in numbers]
    return [replace(row, killed=row.killed.model_copy(update={"text": str(number)}))
            for row, number in zip(rows, numbers, strict=True)]


def test_an_act_named_beside_a_toll_of_unrest_is_an_incident_of_its_own() -> None:
    article = "The toll of the unrest in Osk has reached 140, counting the 20 people killed in the hotel bombing."
    events, grouped = group_events(_one_sentence_rows(article, 140, 20), split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2"]
    assert events[1].what == "hotel bombing"


def test_a_part_of_a_toll_killed_in_an_act_stays_in_the_toll() -> None:
    article = "The toll of the unrest in Osk has reached 140, including 20 people killed in the police firing."
    _, grouped = group_events(_one_sentence_rows(article, 140, 20), split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e1"]


def test_the_incident_is_the_one_the_sentence_before_names() -> None:
    article = ("Riots swept Osk on Monday, killing 40 people.\n\n"
               "Two militiamen were charged over the church massacre of Friday. 18 people were killed in the incident.")
    second = article.split("\n\n")[1].split(". ")[1]
    rows = [_row(article.split("\n\n")[0], 40, article), _row(second, 18, article)]
    events, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2"]
    assert events[1].what == "church massacre"


def test_the_attack_of_a_story_with_one_incident_is_that_incident() -> None:
    for later in ("Five more people died in the attack, police said.",
                  "Five more people died in the market bombing, police said."):
        article = f"A bombing at a market in Osk killed 20 people.\n\n{later}"
        rows = [_row(article.split("\n\n")[0], 20, article), _row(later, 5, article)]
        _, grouped = group_events(rows, split_sentences(article))
        assert [row.event_id for row in grouped] == ["e1", "e1"], later


def test_a_named_act_joins_another_act_only_when_named_alike() -> None:
    article = ("Riots in Osk killed 40 people on Monday.\n\n"
               "In Vel, police firing killed 6 protesters.\n\n"
               "Separately, nine people were killed in the temple arson attack.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 40, article), _row(paragraphs[1], 6, article), _row(paragraphs[2], 9, article)]
    _, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2", "e3"]


def test_a_tally_over_this_month_is_apart_from_the_story_s_incident() -> None:
    article = ("OSK, 2 Dec 99 - Gunmen killed nine people in Vel on Monday.\n\n"
               "Officials said 300 people were killed across the province in November. "
               "Another 40 died during the month of November in the north.")
    paragraphs = article.split("\n\n")
    tally, month = paragraphs[1].split(". ")
    rows = [_row(paragraphs[0][paragraphs[0].index("Gunmen"):], 9, article), _row(tally + ".", 300, article),
            _row(month, 40, article)]
    events, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2", "e2"]
    assert [event.background for event in events] == [False, False]


def test_a_row_after_a_tally_of_the_month_may_join_it() -> None:
    article = "OSK, 2 Dec 99 - In November, a bombing in Osk killed 20 people.\n\nThe toll later rose to 25."
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0][paragraphs[0].index("In November"):], 20, article), _row(paragraphs[1], 25, article)]
    _, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e1"]


def test_the_name_after_a_group_noun_is_the_perpetrator() -> None:
    sentence = "The bombing, which killed 8 people, was carried out by the militant group Red Hand."
    assert read_incident(sentence, sentence.index("8")).perpetrator == "Red Hand"
    assert read_incident("The bombing killed 8 people in Osk.", 20).perpetrator is None


def test_the_rest_of_the_paragraph_may_say_who_did_it() -> None:
    article = ("A car bomb killed 12 people in Osk on Monday.\n\n"
               "In Vel, 21 people a day were killed last week. The violence was blamed on the Red Hand. "
               "A complaint was filed by police.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 12, article), _row(paragraphs[1].split(". ")[0] + ".", 21, article)]
    events, _ = group_events(rows, split_sentences(article))
    assert events[1].perpetrator == "Red Hand"


def test_a_later_sentence_of_no_incident_names_no_perpetrator() -> None:
    article = ("A car bomb killed 12 people in Osk on Monday.\n\n"
               "In Vel, 21 people were killed in the temple massacre. A complaint was filed by police.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 12, article), _row(paragraphs[1].split(". ")[0] + ".", 21, article)]
    events, _ = group_events(rows, split_sentences(article))
    assert events[1].perpetrator == "unknown"


def test_a_name_after_the_is_the_perpetrator_without_the_sentence_s_full_stop() -> None:
    assert read_incident("Ten people were killed by the Red Hand.", 0).perpetrator == "Red Hand"
    assert read_incident("The raid, which killed 4, was blamed on the Red Hand.", 20).perpetrator == "Red Hand"
    assert read_incident("Four were killed in a raid blamed on the U.S.", 0).perpetrator == "U.S."


def test_a_crowd_and_the_police_are_two_sides_not_one_actor() -> None:
    article = ("Riot police opened fire on rioters in the old town, killing 3 people.\n\n"
               "Rival mobs also attacked each other with swords, wounding 8 people.")
    assert _event_ids(article, 3, 8) == ["e1", "e2"]


def test_each_other_and_at_least_are_no_places_in_lower_case_copy() -> None:
    assert read_incident("the mobs fired at each other, injuring several people.").where is None
    assert read_incident("at least eight people were killed in karvapur.").where == "karvapur"


def test_a_toll_given_place_by_place_is_apart_from_the_whole_and_shares_its_perpetrator() -> None:
    article = ("Tarvian jets raided border villages on Monday, killing 90 people.\n\n"
               "The toll in Osk rose to 50, and 40 died in Vel, officials said.")
    paragraphs = article.split("\n\n")
    rows = [_row(paragraphs[0], 90, article), *_one_sentence_rows(paragraphs[1], 50, 40, article=article)]
    events, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2", "e3"]
    assert [(event.perpetrator, event.when) for event in events] == [("Tarvian jets", "on Monday")] * 3
    assert [event.where for event in events[1:]] == ["Osk", "Vel"]


def test_since_after_a_superlative_dates_the_comparison_not_the_incident() -> None:
    sentence = "The 16 people hurt at the club were the most of any shooting in the city since 2013."
    assert _alone(sentence, "16").background is False
    assert _alone("Attacks since 2013 have killed 400 people in the city.", "400").background is True


def test_a_sentence_opening_on_a_place_sets_the_scene_of_the_sentences_after_it() -> None:
    article = ("Gunmen killed 7 people in Osk on Monday. In Vel, shops were burnt overnight. "
               "Three more people were killed there, the police chief said.")
    sentences = article.split(". ")
    rows = [_row(sentences[0] + ".", 7, article), _row(sentences[2], 3, article)]
    events, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e2"]
    assert events[1].where == "Vel"


def test_where_someone_spoke_sets_no_scene() -> None:
    article = ("Gunmen killed 7 people in Osk on Monday. In Vel, the minister condemned the killings. "
               "Three more people were killed there, police said.")
    later = "Three more people were killed there, police said."
    rows = [_row("Gunmen killed 7 people in Osk on Monday.", 7, article), _row(later, 3, article)]
    _, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e1"]


def test_the_strikes_after_a_sentence_naming_an_attack_are_not_that_attack() -> None:
    article = ("A day after the rebels' rocket attack on Vel, jets struck back. "
               "9 fighters were killed in the strikes, the army said.\n\n"
               "The army said 12 more fighters were killed in the raids on Monday.")
    first = "9 fighters were killed in the strikes, the army said."
    rows = [_row(first, 9, article), _row(article.split("\n\n")[1], 12, article)]
    rows = [replace(row, killed=row.killed.model_copy(update={"text": str(number)}))
            for row, number in zip(rows, (9, 12), strict=True)]
    _, grouped = group_events(rows, split_sentences(article))
    assert [row.event_id for row in grouped] == ["e1", "e1"]


def test_a_time_word_before_an_agent_noun_is_not_part_of_the_actor() -> None:
    sentence = "The army said today troops killed 40 rebels near Osk."
    assert read_incident(sentence, sentence.index("40")).perpetrator == "troops"


def test_a_named_storm_is_no_actor() -> None:
    sentence = "As the coast was hit by Hurricane Lola, 12 people were killed."
    assert read_incident(sentence, sentence.index("12")).perpetrator != "Hurricane Lola"


def test_a_place_does_not_run_over_a_full_stop() -> None:
    sentence = "Troops killed 30 rebels in clashes in November. Meanwhile, the rebels said they killed 90."
    assert read_incident(sentence, sentence.index("30")).where is None


def test_an_act_named_apart_takes_nothing_from_the_sentences_around_it() -> None:
    article = ("Police fired on rioters in Vel, killing 4 people. "
               "The toll of the unrest has reached 140, counting the 20 people killed in the hotel bombing.")
    second = article.split(". ")[1]
    rows = [_row(article.split(". ")[0] + ".", 4, article), *_one_sentence_rows(second, 140, 20, article=article)]
    events, grouped = group_events(rows, split_sentences(article))
    bombing = next(event for event in events if event.what == "hotel bombing")
    assert (bombing.where, bombing.perpetrator) == ("", "unknown")


def test_a_toll_of_unrest_told_with_no_place_keeps_apart_a_place_s_own_incident() -> None:
    article = ("The toll in the riots rose to 300 on Sunday, officials said.\n\n"
               "In a clash in Vel, 6 people were stabbed to death.")
    assert _event_ids(article, 300, 6) == ["e1", "e2"]


def test_a_single_act_told_with_no_place_takes_the_place_told_later() -> None:
    article = ("A suicide bomber killed 20 people at a wedding on Sunday, officials said.\n\n"
               "The bombing in Vel also wounded 45 people.")
    assert _event_ids(article, 20, 45) == ["e1", "e1"]


def test_where_a_source_sits_is_no_place_of_the_incident_but_where_it_took_place_is() -> None:
    assert read_incident("the toll rose to 43, according to the police control room in karvapur.").where is None
    assert read_incident("most deaths have taken place in karvapur, where 12 were killed.").where == "karvapur"


def test_more_ways_of_doing_harm_name_the_one_who_did_it() -> None:
    for sentence in ("Suspected rebels dynamited a bridge in Osk, injuring 6 people.",
                     "Gunmen kidnapped 4 engineers near Vel.", "A mob torched 12 houses and lynched 2 men."):
        assert read_incident(sentence, 30).perpetrator in {"rebels", "Gunmen", "mob"}, sentence


def test_a_month_before_a_clause_is_no_actor_and_hides_none() -> None:
    sentence = "During November, rebels killed 43 farmers, kidnapped 32, and burned 6 buses."
    assert read_incident(sentence, sentence.index("43")).perpetrator == "rebels"


def test_a_place_the_article_puts_inside_another_is_the_same_place() -> None:
    article = ("Gunfire at the Lark club left 9 people wounded early Sunday.\n\n"
               "Police said 3 more were hurt in the Osk nightclub shooting.\n\n"
               "The Lark club in Osk reopened a year ago.")
    assert _event_ids(article, 9, 3) == ["e1", "e1"]
    listed = article.replace("The Lark club in Osk reopened a year ago.", "Lark, Osk and Vel are towns.")
    assert _event_ids(listed, 9, 3) == ["e1", "e2"]  # a list puts no place inside another


def test_the_places_an_article_puts_inside_others_are_read_when_first_asked() -> None:
    text = "Gunmen attacked the Rio nightclub in Lakeport on Friday. Police in Osk, Tarn said two died."
    within = Containments(text)
    assert ("rio", "lakeport") in within
    assert ("lakeport", "rio") not in within
    assert ("osk", "tarn") not in within  # a list is no containment
    assert all((pair in within) == (pair in containments(text)) for pair in
               [("rio", "lakeport"), ("police", "osk"), ("tarn", "osk")])
