"""Dates: the article's own date, from its dateline ("BOGOTA, 24 Oct 88 (REUTER) --", "This story is from
March 4, 2002"), and an ISO date for an incident's "when" where it and the article's date allow it
("July 2016" -> 2016-07; "Tuesday" in an article dated Thursday 18 January 2024 -> 2024-01-16)."""

from __future__ import annotations

import datetime
import re

from summarise.reading.lexicon import MONTHS, WEEKDAYS

__all__ = ["article_date", "iso_date", "months_back"]

_MONTH_NUMBER = {month[:3]: number for number, month in enumerate(MONTHS, start=1)}
_MONTH = rf"({'|'.join(_MONTH_NUMBER)})[a-z]*\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}}|\d{{2}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Where a dateline sits: the first lines of the article.
_DATELINE_REACH = 400


def _year(text: str) -> int:
    year = int(text)
    return year + (1900 if year >= 50 else 2000) if year < 100 else year


def _full_date(text: str) -> datetime.date | None:
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        match = pattern.search(text)
        if match:
            groups = match.groups()
            day, month, year = (groups[index] for index in order)
            try:
                return datetime.date(_year(year), _MONTH_NUMBER[month[:3].lower()], int(day))
            except ValueError:
                continue
    return None


def article_date(article: str) -> datetime.date | None:
    """The date the article gives itself near its start, with a year; None when it gives none."""
    return _full_date(article[:_DATELINE_REACH])


def iso_date(when: str, dated: datetime.date | None) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for ``when``, read alone or against the article's date."""
    full = _full_date(when)
    if full:
        return full.isoformat()
    month_year = _MONTH_YEAR.search(when)
    if month_year:
        return f"{int(month_year.group(2)):04d}-{_MONTH_NUMBER[month_year.group(1)[:3].lower()]:02d}"
    year = _YEAR.search(when)
    if year:
        return year.group(1)
    if dated is None:
        return None
    words = when.lower().split()
    if "today" in words or "this" in words or "tonight" in words:
        return dated.isoformat()
    if "yesterday" in words:
        return (dated - datetime.timedelta(days=1)).isoformat()
    for weekday, name in enumerate(WEEKDAYS):
        if name in words:
            back = (dated.weekday() - weekday) % 7
            return (dated - datetime.timedelta(days=back)).isoformat()
    return None


_MONTH_ALONE = re.compile(rf"^(?:in|during)\s+(?:the\s+month\s+of\s+)?{_MONTH}$", re.IGNORECASE)


def months_back(when: str, dated: datetime.date | None) -> int | None:
    """How many months before the article's date a month named alone lies ("in March" in an article of
    July: 4; of March: 0); None where ``when`` is not a month alone. Without the article's date a month
    named alone is taken as 12 months back: a story names its own incident's day, not its month."""
    match = _MONTH_ALONE.match(when.strip())
    if match is None:
        return None
    if dated is None:
        return 12
    return (dated.month - _MONTH_NUMBER[match.group(1)[:3].lower()]) % 12
