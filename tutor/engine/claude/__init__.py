"""The Claude engine: the port's tasks on Anthropic's Messages API, falling back to offline.

Build it from the settings with :meth:`ClaudeEngine.from_context` (raises
:class:`tutor.errors.EngineUnavailable` without a key), or inject a client for tests.
"""

from tutor.engine.claude.budget import BUDGET_NOTICE, TokenBudget
from tutor.engine.claude.client import client_from_context, engine_error, make_client
from tutor.engine.claude.engine import ClaudeEngine, Fallback
from tutor.engine.claude.usage import UsageLog, UsageRecord, UsageTotals

__all__ = [
    "BUDGET_NOTICE",
    "ClaudeEngine",
    "Fallback",
    "TokenBudget",
    "UsageLog",
    "UsageRecord",
    "UsageTotals",
    "client_from_context",
    "engine_error",
    "make_client",
]
