"""The per-learner daily token budget: past it, the tutor goes on with the offline engine.

The budget counts billable tokens (see :attr:`UsageRecord.billable_tokens`) spent for one
learner during the current UTC day, as recorded in the :class:`UsageLog`. Author-time work
(course building, lesson generation: ``learner_id == ""``) is not limited by it.
"""

from __future__ import annotations

from tutor.clock import Clock, today
from tutor.engine.claude.usage import UsageLog

BUDGET_NOTICE = (
    "Today's Claude budget for this learner is used up; the tutor carries on with the offline "
    "engine until tomorrow (UTC)."
)


class TokenBudget:
    """``daily_limit`` billable tokens per learner per UTC day; ``0`` or less means unlimited.

    The day is the UTC day of ``clock``, by default the usage log's clock, so that the day a
    call is recorded under and the day the budget counts are the same."""

    def __init__(self, usage: UsageLog, daily_limit: int, clock: Clock | None = None) -> None:
        self.usage = usage
        self.daily_limit = daily_limit
        self.clock = clock or usage.clock

    @property
    def unlimited(self) -> bool:
        return self.daily_limit <= 0

    def spent(self, learner_id: str) -> int:
        return self.usage.tokens_on(learner_id, today(self.clock))

    def remaining(self, learner_id: str) -> int | None:
        """Tokens left today; ``None`` when unlimited or for author-time work."""
        if self.unlimited or not learner_id:
            return None
        return max(0, self.daily_limit - self.spent(learner_id))

    def exhausted(self, learner_id: str) -> bool:
        left = self.remaining(learner_id)
        return left is not None and left <= 0

    def notice(self, learner_id: str) -> str | None:
        """The sentence to show the learner when their budget is used up, else ``None``."""
        return BUDGET_NOTICE if self.exhausted(learner_id) else None
