"""One typed configuration object; the environment is read here and nowhere else.

Graph nodes and commands receive a :class:`TutorContext`; tests build one directly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tutor.clock import Clock, system_clock
from tutor.home import data_dir, prompts_dir, tutor_home

EngineChoice = Literal["offline", "claude", "auto"]


def configured_home() -> str:
    """``$TUTOR_HOME`` (empty when unset: the current directory is the home)."""
    return os.environ.get("TUTOR_HOME", "")


def configured_prompts() -> str:
    """``$TUTOR_PROMPTS`` (empty when unset: the home's or the checkout's prompts folder)."""
    return os.environ.get("TUTOR_PROMPTS", "")


class TutorContext(BaseModel):
    """Settings for a run of the tutor."""

    home: Path
    """Folder holding ``courses/`` and ``prompts/``."""
    data: Path
    """Folder holding learner data (learner store, lesson checkpoints)."""
    prompts: Path | None = None
    """Folder of prompt templates (``TUTOR_PROMPTS``); ``None`` = ``<home>/prompts``, else the
    checkout's (see :meth:`prompts_folder`)."""
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
    clock: Clock = Field(default=system_clock, exclude=True, repr=False)
    """Where "now" comes from (:mod:`tutor.clock`); tests pass a :class:`ManualClock`."""
    max_sources_per_course: int = 50
    """Source files one course may hold (uploads past it are refused)."""
    max_course_mb: int = 200
    """Megabytes the sources of one course may take together."""
    build_max_mb: int = 2000
    """Resident memory a build worker may use before it is stopped (``TUTOR_BUILD_MAX_MB``)."""
    build_max_seconds: float = 3600.0
    """Wall-clock seconds a build worker may take (``TUTOR_BUILD_MAX_SECONDS``)."""
    database_url: str = Field(default="", repr=False)
    """PostgreSQL server for the learner store and lesson checkpoints
    (``TUTOR_DATABASE_URL``, ``postgresql://user@host:5432/db``); empty = SQLite files under
    ``data``. Never shown: it may carry a password."""
    chroma_url: str = ""
    """Chroma server holding the passage indexes (``TUTOR_CHROMA_URL``, ``http://host:8000``);
    empty = each course's embedded store under ``courses/<slug>/.build/chroma``."""
    build_passages: bool = True
    """Build a course's passage index from its sources when a lesson opens it and the index is
    missing or stale (``TUTOR_BUILD_PASSAGES=0`` turns it off: answers then come from the
    concepts' definitions until ``tutor course index`` is run)."""
    author_emails: list[str] = Field(default_factory=list)
    """E-mails of the single-sign-on identities that are authors (``TUTOR_AUTHOR_EMAILS``,
    comma-separated); without sign-on, local author accounts are used (``tutor author add``)."""

    @classmethod
    def from_env(cls, **overrides: object) -> TutorContext:
        env = os.environ
        home = tutor_home(configured_home())
        values: dict[str, object] = {
            "home": home,
            "data": data_dir(home, env.get("TUTOR_DATA")),
            "prompts": configured_prompts() or None,
            "engine": env.get("TUTOR_ENGINE", "auto"),
            "anthropic_api_key": env.get("ANTHROPIC_API_KEY", ""),
            "anthropic_base_url": env.get("ANTHROPIC_BASE_URL", ""),
            "claude_model": env.get("TUTOR_CLAUDE_MODEL", "claude-sonnet-4-6"),
            "claude_fast_model": env.get("TUTOR_CLAUDE_FAST_MODEL", "claude-haiku-4-5"),
            "daily_token_budget": int(env.get("TUTOR_DAILY_TOKEN_BUDGET", "200000")),
            "author_emails": [e for e in env.get("TUTOR_AUTHOR_EMAILS", "").split(",") if e],
            "build_max_mb": int(env.get("TUTOR_BUILD_MAX_MB", "2000")),
            "build_max_seconds": float(env.get("TUTOR_BUILD_MAX_SECONDS", "3600")),
            "course_token_budget": int(env.get("TUTOR_COURSE_TOKEN_BUDGET", "2000000")),
            "database_url": env.get("TUTOR_DATABASE_URL", ""),
            "chroma_url": env.get("TUTOR_CHROMA_URL", ""),
            "build_passages": env.get("TUTOR_BUILD_PASSAGES", "1").strip().lower()
            not in ("0", "false", "no", "off"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def prompts_folder(self) -> Path:
        """The folder prompt templates are read from."""
        return prompts_dir(self.home, self.prompts)

    def resolved_engine(self) -> Literal["offline", "claude"]:
        """The engine ``auto`` stands for here."""
        if self.engine == "auto":
            return "claude" if self.anthropic_api_key else "offline"
        return self.engine
