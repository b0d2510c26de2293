"""What an export wrote, for the CLI summary and the author page."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class ExportSummary(BaseModel):
    format: str
    path: Path
    items: int
    """Notes, questions, concepts or nodes written (see ``detail``)."""
    detail: dict[str, int] = Field(default_factory=dict)
    skipped: dict[str, int] = Field(default_factory=dict)
    """Items the format cannot hold, by reason."""
