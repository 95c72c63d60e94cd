"""Read gold annotation files: one JSON file per article, named after the article file.

The format is independent of our own output schema; the scorer maps our Result onto it. Unknown fields
are an error, so a typo in a hand-written gold file fails loudly instead of silently scoring nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarise.errors import InputError

__all__ = ["ANY_SOURCE", "UNKNOWN_PERPETRATOR", "NO_PERPETRATOR", "GoldFigure", "GoldClaim", "GoldArticle", "load_gold",
           "load_gold_dir"]

ANY_SOURCE = "*"
# Gold perpetrator words: "unknown" when not said or disputed (our Result says "unknown" too), "none" for
# accidents and natural disasters (our Result says null).
UNKNOWN_PERPETRATOR = "unknown"
NO_PERPETRATOR = "none"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldFigure(_Frozen):
    kind: Literal["killed", "injured", "casualties"] = Field(
        description='"casualties" when the text lumps killed and injured together.'
    )
    number: int | None = Field(description="The number as written; null when the text gives none (vague).")
    qualifier: str = Field(description="exact, at_least, more_than, at_most, about or vague.")
    text: str = Field(description="The figure's words in the article.")
    victims: str = Field(description="Who was killed or injured.")
    event: str = Field(description="What happened, where and when.")
    event_id: str = Field(default="", description="Slug of the incident; figures of one incident share it.")
    perpetrator: tuple[str, ...] = Field(
        default=(),
        description='Aliases of who caused the casualties; ("unknown",) if not said or disputed, ("none",) for '
        "accidents and natural disasters.",
    )
    location: str = Field(default="", description='"place, country" as specific as the text allows; "" if not said.')
    date: str = Field(default="", description='As the text says it ("January 16", "last year"); "" if not said.')
    reported_by: tuple[str, ...] = Field(description='Aliases of the reporting source; ("*",) = any source.')
    evidence: str = Field(description="Verbatim substring of the article that states the figure.")
    background: bool = Field(default=False, description="A past event mentioned in passing: optional for recall.")


class GoldClaim(_Frozen):
    party: tuple[str, ...] = Field(description="Aliases of the asserting party.")
    speaker: str = Field(description="Who says it, as named in the article.")
    evidence: str = Field(description="Verbatim substring of the article that carries the claim.")
    gist: str = Field(description="What the claim says, in one sentence.")


class GoldArticle(_Frozen):
    article: str = Field(description="File name of the article this gold file annotates.")
    figures: tuple[GoldFigure, ...] = Field(description="Casualty figures a careful analyst would list.")
    claims: tuple[GoldClaim, ...] = Field(description="The main claims, not every one.")
    notes: str = Field(default="", description="Traps and conflicts an analyst should know about.")


def load_gold(path: str | Path) -> GoldArticle:
    """Read one gold file; raise InputError naming the file and the problem."""
    path = Path(path)
    try:
        return GoldArticle.model_validate_json(path.read_bytes())
    except OSError as error:
        raise InputError(path, f"cannot read gold file: {error.strerror or error}") from error
    except ValidationError as error:
        raise InputError(path, f"not a valid gold file: {error}") from error


def load_gold_dir(directory: str | Path) -> list[tuple[str, GoldArticle]]:
    """Every ``*.json`` gold file in ``directory`` as (file stem, gold), sorted by file name."""
    return [(path.stem, load_gold(path)) for path in sorted(Path(directory).glob("*.json"))]
