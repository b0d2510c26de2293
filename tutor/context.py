"""One typed configuration object; the environment is read here and nowhere else.

Graph nodes and commands receive a :class:`TutorContext`; tests build one directly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tutor.home import data_dir, tutor_home

EngineChoice = Literal["offline", "claude", "auto"]


class TutorContext(BaseModel):
    """Settings for a run of the tutor."""

    home: Path
    """Folder holding ``courses/`` and ``prompts/``."""
    data: Path
    """Folder holding learner data (learner store, lesson checkpoints)."""
    engine: EngineChoice = "auto"
    """``auto`` = Claude when an API key is set, else offline."""
    anthropic_api_key: str = Field(default="", repr=False)
    anthropic_base_url: str = ""
    """Any Messages-API-compatible endpoint; empty = Anthropic's."""
    claude_model: str = "claude-sonnet-4-6"
    """Model for learner-facing text and for course understanding."""
    claude_fast_model: str = "claude-haiku-4-5"
    """Model for cheap steps (grading, exercise checking)."""
    daily_token_budget: int = 200_000
    """Per-learner daily Claude token budget; past it the tutor goes on offline."""
    course_token_budget: int = 2_000_000
    """Billable Claude tokens one course build may spend (checked before each Message Batch
    of ``tutor course build --batch``); 0 = no limit."""
    request_timeout: float = 60.0
    max_upload_mb: int = 50

    @classmethod
    def from_env(cls, **overrides: object) -> TutorContext:
        env = os.environ
        values: dict[str, object] = {
            "home": tutor_home(),
            "data": data_dir(),
            "engine": env.get("TUTOR_ENGINE", "auto"),
            "anthropic_api_key": env.get("ANTHROPIC_API_KEY", ""),
            "anthropic_base_url": env.get("ANTHROPIC_BASE_URL", ""),
            "claude_model": env.get("TUTOR_CLAUDE_MODEL", "claude-sonnet-4-6"),
            "claude_fast_model": env.get("TUTOR_CLAUDE_FAST_MODEL", "claude-haiku-4-5"),
            "daily_token_budget": int(env.get("TUTOR_DAILY_TOKEN_BUDGET", "200000")),
            "course_token_budget": int(env.get("TUTOR_COURSE_TOKEN_BUDGET", "2000000")),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def resolved_engine(self) -> Literal["offline", "claude"]:
        """The engine ``auto`` stands for here."""
        if self.engine == "auto":
            return "claude" if self.anthropic_api_key else "offline"
        return self.engine
