"""Gold files: the loader takes every field of FORMAT.md and still refuses unknown ones."""

import json
from pathlib import Path

import pytest

from summarise.errors import InputError
from summarise.evaluation.gold import load_gold

FIGURE = {
    "kind": "killed",
    "number": 7,
    "qualifier": "exact",
    "text": "seven",
    "victims": "non-Iranian nationals",
    "event": "Strikes near a border town (Thursday)",
    "event_id": "strikes-border-town",
    "perpetrator": ["Ruritania", "Ruritanian"],
    "location": "a border town, Ruritania",
    "date": "Thursday",
    "reported_by": ["deputy governor"],
    "evidence": "seven non-nationals were killed in the blasts",
    "background": False,
}


def _write(tmp_path: Path, figure: dict) -> Path:
    path = tmp_path / "001_made-up.json"
    path.write_text(json.dumps({"article": "001_made-up.txt", "figures": [figure], "claims": []}))
    return path


def test_gold_figure_keeps_event_fields(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path, FIGURE))
    figure = gold.figures[0]
    assert (figure.event_id, figure.perpetrator, figure.location, figure.date) == (
        "strikes-border-town",
        ("Ruritania", "Ruritanian"),
        "a border town, Ruritania",
        "Thursday",
    )


def test_gold_figure_without_event_fields_still_loads(tmp_path: Path) -> None:
    older = {key: value for key, value in FIGURE.items() if key not in {"event_id", "perpetrator", "location", "date"}}
    assert load_gold(_write(tmp_path, older)).figures[0].event_id == ""


def test_gold_figure_with_unknown_field_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, {**FIGURE, "perpetrater": ["typo"]})
    with pytest.raises(InputError, match="001_made-up.json"):
        load_gold(path)
