"""Every word list the reading rules share, each written once (a list written twice drifts: "Under 10"
became exactly 10 in one reader and at_most in the other). The rules build their patterns from these;
a test checks that no other module holds a copy.

The lists: number words and what they are worth, qualifiers, vague quantities, the cues that pick a
sentence for a pass, casualty words, units, attribution verbs, months and negations."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ACCIDENT_EVENT_NOUNS", "AGENT_NOUNS", "ATTACKER_NOUNS", "ATTRIBUTION_CUES", "ATTRIBUTION_VERBS",
    "BELOW_TWENTY_WORDS", "CASUALTY_CUES", "CLOCK_WORDS", "COLLECTIVE_NOUNS", "CROWD_AGENT_NOUNS", "DOCUMENT_WORDS",
    "DOZEN", "FIGURE_WORDS", "INJURED_WORDS", "INJURING_VERBS", "KILLED_WORDS", "KILLING_VERBS", "MONTHS",
    "MONTH_ABBREVIATIONS", "NAME_PARTICLES", "NEGATIONS", "NOT_INCIDENT_MODIFIERS", "NOT_INCIDENT_PLACE_CUES",
    "ONE_WORD_CASUALTY_WORDS", "ORGANISATION_PRONOUNS", "PAGE_CONTROL_WORDS", "PAST_TIME_WORDS", "PERPETRATING_VERBS",
    "PERSON_PRONOUNS", "PERSON_TITLES", "PROPERTY_WORDS", "QUALIFIERS", "QUANTITY_CUES", "REPORTING_VERBS",
    "SCALE_WORDS", "SPEAKER_NOUNS", "SPEECH_ADVERBS", "STATEMENT_VERBS", "STATE_AGENT_NOUNS", "SUPERLATIVES",
    "TENS_WORDS", "TIME_UNITS", "UNITS_OF_MEASURE", "UNREST_EVENT_NOUNS", "VAGUE_COUNTS", "VAGUE_WORDS",
    "VIOLENT_EVENT_NOUNS", "WEEKDAYS", "alternation", "any_of", "first_letters",
]


# Words with no regex syntax in them, each character standing for itself (a space too, which some patterns turn
# into "\s+"); a list holding anything else ("Sept\.?") is joined as it is.
_PLAIN_WORD = re.compile(r"[\w '’-]+")
_Trie = dict[str, "_Trie"]  # each next character's words; "" where a word ends


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, the longest first, so "seventeen" is tried before "seven".

    Plain words are written as a trie ("s(?:even(?:teen)?|ix)"): at each position of a text the letters are
    read once, instead of once for each word (a sentence searched for the reporting verbs took 19 us, 8 after).
    It matches what the plain alternation matches, the same text at every position: only words that are
    prefixes of one another can match at one position, and the trie tries the longer first, as the
    alternation's order does. A list holding regex syntax is joined as it is."""
    ordered = sorted(words, key=lambda word: (-len(word), word))
    if not ordered or not all(_PLAIN_WORD.fullmatch(word) for word in ordered):
        return "|".join(ordered)
    trie: _Trie = {}
    for word in ordered:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def any_of(cues: Iterable[str]) -> str:
    """A regex matching any of ``cues`` (stems and patterns), for a search that asks only whether one is there:
    the plain ones as one trie (:func:`alternation`), the patterns after them."""
    plain: list[str] = []
    patterns: list[str] = []
    for cue in cues:
        (plain if _PLAIN_WORD.fullmatch(cue) else patterns).append(cue)
    return "|".join(part for part in (alternation(plain), *patterns) if part)


def _branches(node: _Trie) -> str:
    """The regex of the words below ``node``: a branch for each next letter; where a word also ends here, the
    branches are optional (tried first: the longer word first)."""
    branches = [character + _branches(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def first_letters(words: Iterable[str]) -> str:
    """A regex check that the text at hand starts with the first letter of one of ``words`` (each starts
    with a letter), to put before their alternation: most words of a text start with none, and one check
    rules a position out instead of trying every word there."""
    firsts = {word[:1].lower() for word in words}
    if not all(first.isalpha() for first in firsts):
        raise ValueError(f"every word must start with a letter: {sorted(firsts)}")
    return f"(?=[{''.join(sorted(firsts))}])"


# Numbers. Counting words only: "zero", "no" and "none" count nobody, and a casualty figure is a count of
# people.
BELOW_TWENTY_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
# Words that multiply the number before them ("twenty-one hundred", "1.5 million").
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = 12
# The words before a number that bound it, by the qualifier they give a figure ("at least 7": at_least).
QUALIFIERS = {
    "at_least": ("at least", "not less than", "no fewer than", "a minimum of", "at a minimum"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "above"),
    "at_most": ("up to", "at most", "as many as", "no more than", "fewer than", "less than", "under"),
    "about": ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
              "estimated", "close to"),
}

# Vague quantities that still say how large a count is ("dozens", "several"), unlike "many" or "some".
VAGUE_COUNTS = frozenset({"several", "dozens", "scores", "hundreds", "thousands", "multiple", "numerous"})
# Quantities without a number: a figure in these words is "vague".
VAGUE_WORDS = VAGUE_COUNTS | {
    "a number of", "many", "some", "a few", "few", "countless", "a handful", "a handful of", "a dozen or so",
    "dozens of", "hundreds of", "thousands of", "scores of", "tens of", "a large number of", "a number", "lots of",
    "a lot of",
}
# Nouns that make "a"/"an" a quantity rather than one person: "a couple", "a few", "a dozen", "a hundred".
COLLECTIVE_NOUNS = frozenset({"couple", "pair", "few", "handful", "number", "lot", "lots", "dozen", "score", "host",
                              "series", "group", "string", *SCALE_WORDS})
# Words that state a figure when a sentence holds one: a summary sentence with one leaves the figures to the
# casualty table.
FIGURE_WORDS = frozenset({*BELOW_TWENTY_WORDS, *TENS_WORDS, "hundred", "thousand", "dozen", *VAGUE_COUNTS})
# Words that make a sentence worth showing the casualty pass when a casualty word is there too. Looser than
# FIGURE_WORDS ("many", "a couple"): the figure rules then decide whether the sentence holds a figure.
QUANTITY_CUES = FIGURE_WORDS | {"many", "few", "countless", "number of", "at least", "more than", "a couple"}

# Casualty words, by kind, as they follow a number ("seven nationals were killed", "2,109 injured").
KILLING_VERBS = ("killed", "murdered", "executed", "hanged", "massacred", "slain", "lynched", "beheaded")
INJURING_VERBS = ("injured", "wounded", "hurt", "blinded", "maimed", "treated")
KILLED_WORDS = (*KILLING_VERBS, "dead", "died", "die", "deaths", "death", "dying", "bodies", "fatalities", "fatally",
                "perished", "drowned", "burnt alive", "burned alive", "martyred", "deceased", "lost their lives",
                "lost his life", "lost her life", "confirmed dead")
INJURED_WORDS = (*INJURING_VERBS, "injuries", "injury", "hospitalised", "hospitalized")
# The killed and injured words of one word each ("killed", "wounded"): what a figure's casualty is called.
ONE_WORD_CASUALTY_WORDS = frozenset(word for word in (*KILLED_WORDS, *INJURED_WORDS) if " " not in word)
# Stems (regex fragments) that make a sentence a casualty candidate: looser than the words above, since
# the figure rules decide afterwards.
CASUALTY_CUES = (
    "kill", "dead", "death", "died", r"die[sd]?\b", "dying", "injur", "wound", "hurt", "casualt", "toll",
    "bod(y|ies)", "shot", "fatal", "lives", "massacre", "slain", "murder", "victim", r"hospitali[sz]",
    "life-threatening", "critical condition", "perish", "drown", "lost their",
)

# Units: a number before one measures something, it does not count people ("5 km", "10 years").
UNITS_OF_MEASURE = frozenset({
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mph", "percent", "per cent",
    "metres", "meters", "metre", "meter", "feet", "ft", "kg", "tonnes", "tons", "mm", "cm", "degrees", "dollars",
})
TIME_UNITS = frozenset({"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
                        "minutes", "minute"})
CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "o'clock"})
# Things counted that are not people ("five cars were damaged").
PROPERTY_WORDS = frozenset({"cars", "vehicles", "trucks", "buildings", "homes", "houses", "shops"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# The months news copy abbreviates with a full stop ("Sept. 11"; AP style, and "Sep."), never "Mar." or "Jun.".
MONTH_ABBREVIATIONS = ("jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec")

# Verbs that attribute what a sentence says to a named source ("..., police said").
ATTRIBUTION_VERBS = (
    "said", "says", "told", "tells", "reported", "reports", "stated", "states", "announced", "confirmed", "claimed",
    "claims", "added", "condemned", "accused", "warned", "denied", "described", "acknowledged", "insisted",
    "estimated", "put", "urged", "expressed", "called", "declared", "admitted", "alleged", "blamed", "asserted",
    "read", "noted",
)
# Stems (regex fragments) that make a sentence a claim candidate: any attribution of speech, including a
# statement's nouns ("statement", "spokesman") and verbs that name no source ("vowed", "rejected").
ATTRIBUTION_CUES = (
    "said", "says", "say", "told", "tells", "according to", "claim", "stated", "statement", "announc", "added",
    "denied", "denies", "accus", "warn", "condemn", "urg", r"call(ed|s)? (on|for)", "describ", "acknowledg",
    "insist", "assert", r"report(ed|s)", "confirm", "alleg", "blam", "vow", "demand", "express", "quot", "spokes",
    "declar", "admit", "reject", "threaten", "promis", "explain", "estimat",
)

# Words that turn a statement into its opposite ("did not fire"); words ending in "n't" do too.
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
                       "cannot"})

# Incidents. Nouns that name what happened, by whether someone does it: violence has a perpetrator, an
# accident or a natural disaster has none ("the derailment", "the quake").
VIOLENT_EVENT_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "air strike", "air strikes", "air raid",
    "air raids", "raid", "raids", "bombing", "bombings", "bomb", "bombs", "car bomb", "blast", "blasts", "explosion",
    "explosions", "shooting", "shootings", "gunfire", "ambush", "clash", "clashes", "fighting", "offensive",
    "operation", "operations", "assault", "massacre", "violence", "riot", "riots", "rioting", "unrest", "protests",
    "crackdown", "execution", "executions", "firing", "shelling", "rampage", "siege", "stabbing", "insurgency",
    "war", "battle", "killings", "incident", "sabotage", "hostage-taking", "gunbattle", "firefight",
})
# Violent-event nouns for diffuse, collective violence over a time and an area, not one act ("the communal
# violence", "clashes"): an act named within it ("the 58 killed in the train attack") is an incident of its own.
UNREST_EVENT_NOUNS = frozenset({
    "violence", "riot", "riots", "rioting", "unrest", "protests", "clash", "clashes", "fighting", "insurgency", "war",
    "crackdown", "offensive", "battle",
})
ACCIDENT_EVENT_NOUNS = frozenset({
    "earthquake", "earthquakes", "quake", "quakes", "tremor", "derailment", "crash", "collision", "pileup",
    "pile-up", "fire", "blaze", "flood", "floods", "flooding", "landslide", "storm", "hurricane", "typhoon",
    "cyclone", "tornado", "avalanche", "tsunami", "eruption", "sinking", "capsizing", "disaster", "accident",
    "stampede", "collapse", "wreck",
})
# Verbs whose subject did the harm ("the gunman killed ...", "Pakistan launched air raids").
PERPETRATING_VERBS = (
    "killed", "shot", "attacked", "struck", "bombed", "ambushed", "launched", "carried out", "conducted", "staged",
    "mounted", "opened fire", "open fire", "fired", "stabbed", "massacred", "executed", "hanged", "targeted",
    "raided", "shelled", "hit", "undertook", "rammed", "drove", "detonated", "set off", "claimed responsibility",
    "wounded", "injured", "murdered", "abducted", "kidnapped", "dynamited", "blew up", "torched", "burned", "burnt",
    "set fire", "set on fire", "hacked", "beheaded", "lynched", "gunned down", "mowed down", "bombarded",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Times that place an incident well before the story's own ("last year", "a week ago", "in the past three
# years"): a figure stated with one is a past incident mentioned in passing.
PAST_TIME_WORDS = ("last week", "last month", "last year", "last summer", "last winter", "last spring",
                   "last autumn", "last fall", "earlier this year", "earlier this month", "previous", "previously",
                   "similar", "deadliest since", "worst since")
# Nouns for whoever carried out an attack: as the victims of a figure ("killed all four attackers"), they
# make its actor someone who fought back, not the incident's perpetrator.
ATTACKER_NOUNS = frozenset({
    "gunman", "gunmen", "attacker", "attackers", "shooter", "shooters", "assailant", "assailants", "bomber",
    "bombers", "hijacker", "hijackers", "suicide bomber", "suicide bombers",
})
# Words that rank an incident against others ("the deadliest attack since 2015").
SUPERLATIVES = frozenset({
    "worst", "biggest", "deadliest", "largest", "highest", "bloodiest", "greatest", "heaviest", "most", "first",
    "worst-ever", "deadliest-ever",
})
# A crowd that does harm, and the state's forces: two sides of a riot, never one actor ("police opened fire on
# the mob"; "the mobs fired at each other").
CROWD_AGENT_NOUNS = frozenset({"mob", "mobs", "rioters", "crowd", "crowds"})
STATE_AGENT_NOUNS = frozenset({"police", "policemen", "troops", "soldiers", "army", "security forces", "commandos",
                               "paramilitaries", "paramilitary forces"})
# Nouns for whoever does harm, when the text names no one ("the gunman", "security forces", "police").
AGENT_NOUNS = frozenset({
    "gunman", "gunmen", "attacker", "attackers", "shooter", "shooters", "assailant", "assailants", "bomber",
    "bombers", "militants", "militant", "guerrillas", "guerrilla", "rebels", "insurgents", "terrorists", "police",
    "policemen", "troops", "soldiers", "army", "forces", "security forces", "militia", "militias", "militiamen",
    "driver", "extremists", "jihadists", "mob", "mobs", "rioters", "commandos", "sniper", "snipers", "aircraft",
    "jets", "warplanes", "drones", "regime", "government",
})
# Words that never name an incident when they stand before its noun ("a deadly strike", "the same attack"),
# unlike "missile and drone strike" or "suicide bomb attack": function words, numbers and judgements.
# The words of a web page's controls, kept in text saved from a page ("CLOSE Skip in Skip x Embed x Share"):
# no place, actor or time.
PAGE_CONTROL_WORDS = frozenset({
    "skip", "share", "embed", "close", "next", "previous", "play", "replay", "watch", "video", "photo", "photos",
    "gallery", "caption", "advertisement", "comments", "subscribe", "menu", "search", "total",
})
# Where the wounded were treated ("treated at Mercy Hospital", "taken to UCMC"), or where someone spoke ("told
# reporters in Islamabad", "spoke at City Hall"): a place that is not where an incident happened.
NOT_INCIDENT_PLACE_CUES = (
    "treated", "hospitalised", "hospitalized", "admitted", "taken", "rushed", "transported", "airlifted", "flown",
    "spoke", "speaking", "told reporters", "news conference", "press conference", "briefing", "an update",
    # where a source sits: "according to the police control room in Gandhinagar", "a spokesman in Kabul said"
    "control room", "headquarters", "spokesman", "spokeswoman", "spokesperson",
)
NOT_INCIDENT_MODIFIERS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "of", "in", "on", "at",
    "by", "for", "to", "from", "with", "into", "after", "before", "during", "since", "and", "or", "but", "was", "were",
    "is", "are", "be", "been", "had", "has", "have", "deadly", "recent", "latest", "similar", "fresh", "new", "another",
    "other", "first", "second", "same", "earlier", "previous", "alleged", "apparent", "suspected", "which", "who",
    "as", "when", "where", "while", "said", "say", "says", "killed", "killing", "left", "such", "what", "it", "all",
    "two", "three", "several", "multiple", "series", "wave", "string", "spate", "one", "any", "more",
    "most", "further", "also", "not", "no", "than", "between", "near", "over", "under", "about", "there", "here",
    # verbs and their particles before the noun: "denied firing", "carrying out attacks"
    "out", "up", "off", "denied", "denies", "condemned", "claimed", "blamed", "carrying", "launching", "staging",
    "mounting", "conducting",
})
# Verbs that report speech or writing: with ATTRIBUTION_VERBS, a sentence holding one of these (or a quotation
# mark, or "according to") is attributed to someone; one with none is the article's own narration.
REPORTING_VERBS = (*ATTRIBUTION_VERBS, "tweeted", "wrote", "posted", "recalled", "explained", "stressed", "argued",
                   "maintained", "charged", "hailed", "concluded", "vowed", "quoted", "replied", "testified",
                   # the plural present: "officials say", "witnesses tell"
                   "say", "tell", "confirm", "deny", "warn", "insist", "claim", "allege")
# Lower-case words inside a person's name ("Raed al-Jabouri", "Ursula von der Leyen"), or their prefixes.
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "del", "della", "der", "den", "di", "da", "du",
                            "dos", "van", "von", "la", "le", "ul", "ud"})
# Pronouns that stand for a person, and those that stand for an organisation or a country ("it said").
PERSON_PRONOUNS = frozenset({"he", "she"})
ORGANISATION_PRONOUNS = frozenset({"it", "they"})
# Words that make a speaker one person, however the rest of the name reads ("the military spokesman").
PERSON_TITLES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "governor", "president", "mayor", "senator", "chief",
    "commander", "general", "official", "officer", "witness", "resident", "survivor", "director", "head", "leader",
    "secretary", "ambassador", "envoy", "trooper", "sergeant", "sgt", "lieutenant", "captain", "colonel", "sheriff",
    "coroner", "doctor", "nurse", "employee", "man", "woman", "member", "driver", "father", "mother", "king",
    "queen", "prince", "judge", "prosecutor", "lawyer", "attorney", "professor", "journalist", "correspondent",
    "reporter", "candidate", "nominee", "pope", "bishop", "imam", "mr", "mrs", "ms", "dr", "gen", "gov", "sen",
})
# Nouns that head a speaker described rather than named ("a senior Belgian official", "one woman", "the
# newspaper Expreso"): a person's role, or a body that publishes.
SPEAKER_NOUNS = PERSON_TITLES | frozenset({
    "passenger", "worker", "student", "teacher", "neighbour", "neighbor", "relative", "friend", "eyewitness",
    "source", "newspaper", "paper", "agency", "broadcaster", "outlet", "monitor", "observatory", "group",
    "activist", "villager", "farmer", "shopkeeper", "owner", "manager", "medic", "paramedic",
})
# Things that carry a claim but cannot make one: a party is the actor behind the document.
DOCUMENT_WORDS = frozenset({"statement", "communique", "communiqué", "report", "reports", "flyer", "leaflet", "poster",
                            "poll", "survey", "release", "document", "letter", "video", "post", "tweet", "message",
                            "footage", "article", "headline", "notice", "memo", "transcript"})
# Words between a speaker and the reporting verb that name no one ("Iran earlier today said", "he also added").
SPEECH_ADVERBS = ("today", "yesterday", "tonight", "earlier", "later", "also", "again", "previously", "then",
                  "further", "separately")
# Verbs that put out a statement for its author ("The ministry issued a statement saying ...").
STATEMENT_VERBS = ("issued", "released", "published", "put out")
