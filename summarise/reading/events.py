"""Incidents: which casualty rows report the same event, and what, where, when and by whom it was."""

from __future__ import annotations

from summarise.result import Event, GroundedCasualty

__all__ = ["group_events"]


def group_events(rows: list[GroundedCasualty], article: str) -> tuple[list[Event], list[GroundedCasualty]]:
    """The events the ``rows`` of ``article`` report, and the rows, each pointing at its event, in the
    order of events."""
    if not rows:
        return [], []
    event = Event(id="e1", what="", where="", when="", date=None, perpetrator="unknown", background=False)
    return [event], [row.model_copy(update={"event_id": event.id}) for row in rows]
