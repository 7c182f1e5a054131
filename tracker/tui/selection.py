"""What the user has chosen to see: search text, filters and the sort order."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.vocab import Status


@dataclass(frozen=True)
class Selection:
    """Filters and sort of the indicator table; every filter given narrows the rows."""

    search: str = ""
    region: str | None = None
    pillar: str | None = None
    status: Status | None = None
    department: str | None = None
    flagged: bool = False
    stale: bool = False
    attention: bool = False
    include_closed: bool = False  # the indicators of programmes that have ended
    sort: str = "code"
    reverse: bool = False

    @property
    def narrows(self) -> bool:
        """Whether any filter is set."""
        return bool(
            self.search
            or self.region
            or self.pillar
            or self.status
            or self.department
            or self.flagged
            or self.stale
            or self.attention
        )
