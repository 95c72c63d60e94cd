"""Claims credited to whoever made them. Every sentence here is made up in the way news copy is written;
none is copied from the evaluation corpus."""

from __future__ import annotations

import pytest

from summarise.passes.claims import continues_speech
from summarise.passes.models import ClaimSentence
from summarise.passes.run import read_by_rule, resolve
from summarise.reading.paraphrase import paraphrase_or_nothing
from summarise.reading.sentences import split_sentences
from summarise.reading.speakers import (
    claim_speaker,
    document_owner,
    document_party,
    is_attributed,
    is_document,
    is_person,
    named_speaker,
    party_of,
)


def _claims(article: str, *answers: tuple[int, str, str]) -> list[tuple[str, str]]:
    """Resolve claim-pass ``answers`` (sentence, party, speaker) over every sentence of ``article``."""
    sentences = split_sentences(article)
    resolved = resolve([], [ClaimSentence(sentence=sentence, party=party, speaker=speaker)
                            for sentence, party, speaker in answers], sentences, read_by_rule(sentences))
    return [(claim.party_id, claim.speaker) for claim in resolved.claims]


def test_the_speaker_after_a_closing_quotation_is_the_one_who_said_it() -> None:
    assert named_speaker('"We will rebuild every house," said Maria Okafor, a teacher.') == "Maria Okafor"
    assert named_speaker('"We will rebuild every house," Maria Okafor said.') == "Maria Okafor"
    assert named_speaker('"The bridge is closed," said the fire chief.') == "fire chief"


def test_the_closing_speaker_wins_over_a_name_earlier_in_the_sentence() -> None:
    sentence = 'Police chief Tom Hale arrived later. "Nobody warned us," said Maria Okafor.'
    assert named_speaker(split_sentences(sentence)[1].text) == "Maria Okafor"


def test_a_subject_named_with_a_particle_or_after_an_opening_clause_is_the_speaker() -> None:
    assert named_speaker("Provincial governor Karim al-Hashimi said the road was reopened.") == \
        "Provincial governor Karim al-Hashimi"
    assert named_speaker("Two hours later, army spokesman Omar Nadeem told reporters the fire was out.") == \
        "army spokesman Omar Nadeem"
    assert named_speaker("However, police said the road was shut.") == "police"


def test_a_narrative_sentence_names_no_speaker() -> None:
    assert named_speaker("The storm, which began on Monday, flooded the valley.") is None
    assert named_speaker('"We are safe," he said.') is None


def test_he_and_she_stand_for_the_nearest_person_named_before() -> None:
    sentences = split_sentences("The fire service said the blaze was contained. Maria Okafor said her shop burned. "
                                '"It was terrifying," she said.')
    assert claim_speaker(sentences, 2).name == "Maria Okafor"


def test_it_and_they_stand_for_the_nearest_organisation_named_before() -> None:
    sentences = split_sentences("Maria Okafor said her shop burned. The fire service said the blaze was contained. "
                                "It added that two roads were closed.")
    assert claim_speaker(sentences, 2).name == "fire service"


def test_a_person_is_told_from_an_organisation_by_the_name() -> None:
    assert is_person("Maria Okafor") and is_person("army spokesman") and is_person("Okafor")
    assert not is_person("fire service") and not is_person("Norway") and not is_person("UN")


def test_the_party_of_a_government_official_named_with_the_government_is_the_government() -> None:
    assert party_of("Norway's Foreign Ministry spokesperson, Ingrid Berg") == "Norway"
    assert party_of("Ingrid Berg") == "Ingrid Berg"


def test_a_document_is_not_a_party() -> None:
    assert is_document("official statement") and is_document("a flyer promoting the march")
    assert not is_document("Interior Ministry")


def test_a_statement_speaks_for_the_government_the_sentence_names() -> None:
    assert document_party('"Chile carried out a rescue at dawn," the statement read.', None) == "Chile"
    assert document_party("The statement was read on radio.", "Peru said it would act.") == "Peru"


def test_attribution_is_a_reporting_verb_a_quotation_mark_or_according_to() -> None:
    assert is_attributed("The road is closed, police said.")
    assert is_attributed('The mayor called it "a disgrace".')
    assert is_attributed("According to the coast guard, two boats sank.")
    assert not is_attributed("A storm flooded the valley on Monday.")
    assert not is_attributed("The bridge's pillars were cracked.")


def test_a_sentence_after_an_open_quotation_continues_the_speech() -> None:
    assert continues_speech('She said: "We lost everything.')
    assert continues_speech("The minister said:")
    assert not continues_speech("The minister arrived at noon.")


def test_narration_is_no_party_s_claim() -> None:
    article = "A storm flooded the valley on Monday. The road is closed, police said."
    claims = _claims(article, (1, "police", "police"), (2, "police", "police"))
    assert claims == [("police", "police")]


def test_the_speaker_the_text_names_wins_over_the_model_s() -> None:
    article = 'Officials met at noon. "Nobody warned us," said Maria Okafor, a shop owner.'
    assert _claims(article, (2, "officials", "officials")) == \
        [("maria-okafor", "Maria Okafor")]


def test_a_statement_read_for_a_government_is_that_government_s_claim() -> None:
    article = ('Chile sent troops to the border. "Chile carried out a rescue at dawn and freed nine hostages," '
               "the official statement read.")
    assert _claims(article, (2, "official statement", "official statement")) == \
        [("chile", "official statement")]


def test_the_model_breaks_the_tie_when_the_text_names_no_one() -> None:
    article = 'A resident spoke at the gate. "This is our home and we will stay in it."'
    assert _claims(article, (2, "residents", "a resident")) == [("a-resident", "a resident")]


def test_the_model_s_party_stands_when_the_article_names_it_and_its_speaker_is_not_in_the_text() -> None:
    article = 'Residents gathered at the gate. "This is our home and we will stay in it."'
    assert _claims(article, (2, "residents", "an old man")) == [("residents", "residents")]


def test_a_party_the_article_never_names_is_no_one() -> None:
    article = 'Crowds gathered at the gate. "This is our home and we will stay in it."'
    assert _claims(article, (2, "Ministry of Housing", "a spokesman")) == []


def test_a_paraphrase_in_other_words_is_kept() -> None:
    assert paraphrase_or_nothing("Police say the bridge is unsafe.",
                                 "The bridge could collapse at any moment, police said.") == \
        "Police say the bridge is unsafe."


def test_a_cut_paraphrase_is_none() -> None:
    assert paraphrase_or_nothing("The government described the attack as an ", "q") == ""
    assert paraphrase_or_nothing("The government described the attack as…", "q") == ""


def test_a_copy_of_the_quote_is_no_paraphrase() -> None:
    quote = "Two boats sank near the harbour, the coast guard said."
    assert paraphrase_or_nothing("Two boats sank near the harbour, the coast guard said.", quote) == ""
    assert paraphrase_or_nothing("Two boats sank near the harbour.", quote) == ""


def test_the_gist_of_another_sentence_is_no_paraphrase() -> None:
    assert paraphrase_or_nothing("Farmers demand compensation for flooded fields.",
                                 "Two boats sank near the harbour, the coast guard said.") == ""


def test_a_speaker_described_between_commas_is_the_subject() -> None:
    assert named_speaker("Maria Okafor, a teacher at the village school, said the roof fell in.") == "Maria Okafor"


def test_a_time_between_speaker_and_verb_does_not_hide_the_speaker() -> None:
    assert named_speaker("Chile earlier today said its navy had found the boat.") == "Chile"


def test_who_issues_a_statement_is_its_speaker() -> None:
    assert named_speaker("Mayor Ana Ruiz issued a statement saying the curfew would end.") == "Mayor Ana Ruiz"


def test_a_closing_speaker_may_carry_lower_case_titles() -> None:
    assert named_speaker('"The fire is out," acting fire chief Tom Hale said.') == "acting fire chief Tom Hale"


def test_a_quotation_is_credited_where_it_closes() -> None:
    sentences = split_sentences('Maria Okafor spoke first. "We lost the harvest. Nobody came," Ivan Petrov said.')
    assert [sentence.text for sentence in sentences][1] == '"We lost the harvest.'
    assert claim_speaker(sentences, 1).name == "Ivan Petrov"


def test_one_person_of_a_country_is_credited_as_named_not_as_the_government() -> None:
    article = "Rescuers searched all night. There are no more survivors, a Chilean official said."
    assert _claims(article, (2, "Chile", "official")) == \
        [("chilean-official", "Chilean official")]
    article = "Rescuers searched all night. There are no more survivors, Chilean officials said."
    assert _claims(article, (2, "Chile", "officials")) == \
        [("chile", "Chilean officials")]


def test_a_plural_speaker_in_the_present_is_a_speaker() -> None:
    assert named_speaker("The river burst its banks overnight, Chilean media say.") == "Chilean media"


def test_a_statement_naming_two_countries_speaks_for_the_first() -> None:
    assert document_party('"Chile struck camps inside Peru at dawn," the statement read.', None) == "Chile"


def test_a_document_named_with_its_author_is_the_author_s() -> None:
    assert document_owner("a CNN report on Monday") == "CNN"
    assert document_owner("Chile's official statement") == "Chile"
    assert document_owner("official statement") is None


def test_according_to_inside_what_a_speaker_reports_does_not_replace_the_speaker() -> None:
    assert named_speaker('Maria Okafor told reporters that "the gate was locked, according to the guards."') == \
        "Maria Okafor"


def test_a_copy_with_other_quotation_marks_is_still_a_copy() -> None:
    quote = 'The mayor called the flood "a disaster".'
    assert paraphrase_or_nothing("The mayor called the flood 'a disaster'.", quote) == ""


def test_the_quote_reworded_around_is_still_a_copy() -> None:
    quote = '"We have found nobody alive," he said.'
    assert paraphrase_or_nothing("Rescuers said 'we have found nobody alive'.", quote) == ""


def test_a_speaker_described_by_a_clause_between_commas_is_the_subject() -> None:
    assert named_speaker("Mayor Anne Roy, speaking to reporters, said that nine people died.") == "Mayor Anne Roy"
    assert named_speaker("Tuesday: Fire Chief Tom Hale, while visiting the site, said the blaze was out.") == \
        "Fire Chief Tom Hale"


def test_a_place_the_model_gives_as_the_party_credits_no_one() -> None:
    article = 'Crowds gathered in Port Verde on Sunday. "This is our home and we will stay in it."'
    assert _claims(article, (2, "Port Verde", "")) == []


def test_a_pronoun_is_never_a_party() -> None:
    article = 'Crowds gathered at the gate on Sunday. "This is our home and we will stay in it."'
    assert _claims(article, (2, "he", "He")) == []


@pytest.mark.parametrize(("sentence", "speaker"), [
    # described by role, not named
    ("No one survived the crash, a senior\nPortuguese official said.", "senior Portuguese official"),
    ("The convoy was attacked at dawn, the newspaper EL DIARIO reported today.", "newspaper EL DIARIO"),
    ("As the march began, a hospital official in northern Tarvia said two people were hurt.", "hospital official"),
    ("One man, who said he lived next door, described hearing three blasts.", "man"),
    # a name with its acronym, a perfect tense, a title as the appositive
    ("Later, Citizens Monitoring Network (CMN) reported that the roads were shut.", "Citizens Monitoring Network"),
    ("Senator Ana Ruiz Otero, head of the\ninquiry board, has noted that the attacks rose.", "Senator Ana Ruiz Otero"),
    ("UN aid envoy Marta Lind said the camps were full.", "UN aid envoy Marta Lind"),
    # inside a relative clause
    ("The raid, which the Tarvian Herald said lasted an hour, ended at noon.", "Tarvian Herald"),
])
def test_speakers_described_or_named_around_the_verb(sentence: str, speaker: str) -> None:
    assert named_speaker(sentence) == speaker


@pytest.mark.parametrize("sentence", [
    "The soldiers killed an official in the town.",
    "A bus carrying a local official hit a wall on Monday.",
])
def test_no_speaker_is_read_from_a_sentence_that_reports_no_speech(sentence: str) -> None:
    assert named_speaker(sentence) is None


def test_a_described_speaker_never_swallows_a_relative_clause() -> None:
    assert named_speaker("The man who shot the guard said nothing to the court.") != "man who shot the guard"


def test_an_adverb_before_the_verb_is_not_part_of_the_name() -> None:
    assert named_speaker("Tarvia's de-facto deputy leader Omar Odin also condemned the raid on Twitter.") == \
        "Tarvia's de-facto deputy leader Omar Odin"


@pytest.mark.parametrize("sentence", [
    'Troops shelled the valley, killing several "insurgents".',
    "The Red Hand, or the “Army of Dawn,” is a militant group founded in 2001.",
    "Rebels seize 'strategic hill' near Osk",
])
def test_a_word_or_a_name_in_quotation_marks_quotes_no_one(sentence: str) -> None:
    assert not is_attributed(sentence)


@pytest.mark.parametrize("sentence", [
    '"We have lost everything we had."',
    'It is only getting worse."',
    "‘We will not leave our homes again,’ one man shouted.",
    'Officials called it an "unprovoked violation".',
])
def test_a_quotation_of_someone_s_words_is_attributed(sentence: str) -> None:
    assert is_attributed(sentence)
