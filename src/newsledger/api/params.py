"""Query parameters shared by the list endpoints: paging and the CLI's filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from newsledger.query import listing

MAX_LIMIT = 500
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (max 500).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
EntityFilter = Annotated[
    str | None, Query(min_length=1, description="Only what involves this entity (id, name or alias).")
]
TypeFilter = Annotated[str | None, Query(min_length=1)]
Since = Annotated[str | None, Query(pattern=DATE_PATTERN, description="From this date (YYYY, YYYY-MM, YYYY-MM-DD).")]
Until = Annotated[str | None, Query(pattern=DATE_PATTERN, description="Up to this date (YYYY, YYYY-MM, YYYY-MM-DD).")]


def filters(
    entity: str | None = None, type: str | None = None, since: str | None = None, until: str | None = None
) -> listing.Filters:
    return listing.Filters(entity=entity, type=type, since=since, until=until)
