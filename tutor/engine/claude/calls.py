"""One Claude request and its reply: the cached prefix, structured outputs, streaming, usage.

Every request has the same shape, so that the prompt cache works: the system prompt is the
stable prefix (persona + reading rules, then the course context), each part ending in a
``cache_control`` breakpoint, with nothing volatile in it; the task prompt, with the course
passages and the learner's text as delimited data, is the user message after it.

A step that cannot produce a usable reply raises :class:`StepFailed` with a reason
(``malformed``, ``refused``, ``budget``, ``api``); the engine then falls back. A rejected key is
not a step failure: it raises :class:`tutor.errors.EngineUnavailable` at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import anthropic
from pydantic import BaseModel, ValidationError

from tutor.engine.claude.budget import BUDGET_NOTICE, TokenBudget
from tutor.engine.claude.client import endpoint_of, engine_error
from tutor.engine.claude.usage import UsageLog, UsageRecord
from tutor.errors import EngineUnavailable

Reply = TypeVar("Reply", bound=BaseModel)
EPHEMERAL: dict[str, str] = {"type": "ephemeral"}


class StepFailed(Exception):
    """A Claude step gave no usable reply; the engine falls back and records ``reason``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def system_blocks(prefix_parts: list[str]) -> list[dict[str, Any]]:
    """The cached prefix: one text block per part, each closed by a cache breakpoint."""
    return [
        {"type": "text", "text": part, "cache_control": dict(EPHEMERAL)}
        for part in prefix_parts
        if part
    ]


def output_format(reply_model: type[BaseModel]) -> dict[str, Any]:
    """The ``output_config`` that asks for JSON matching ``reply_model``'s schema."""
    return {"format": {"type": "json_schema", "schema": anthropic.transform_schema(reply_model)}}


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:80]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _BrokenStream(Exception):
    """The reply stream failed while it was read (not the code that reads it)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _pieces(stream: Any) -> Iterator[str]:
    """The text pieces of a reply stream; a failure of the stream itself is wrapped in
    :class:`_BrokenStream` so that it is told apart from a failure of the code given them."""
    pieces = iter(stream.text_stream)
    while True:
        try:
            piece = next(pieces)
        except StopIteration:
            return
        except anthropic.APIError:
            raise
        except Exception as exc:
            raise _BrokenStream(exc) from exc
        if piece:
            yield piece


def reply_text(message: Any) -> str:
    return "".join(
        getattr(block, "text", "") for block in message.content if block.type == "text"
    )


AUTHOR_BUDGET_NOTICE = (
    "the course's Claude budget of {limit:,} tokens (TUTOR_COURSE_TOKEN_BUDGET) is used up; "
    "the offline engine does the rest"
)


class ClaudeCalls:
    """Makes the engine's requests with one client, recording usage and keeping the budget."""

    def __init__(self, client: anthropic.Anthropic, usage: UsageLog, budget: TokenBudget) -> None:
        self.client = client
        self.usage = usage
        self.budget = budget
        self.author_limit = 0
        """Billable tokens that author-time calls (``learner_id == ""``: building a course,
        writing lessons) of this engine may spend in all; 0 = no limit. Past it each step
        falls back to the offline engine."""
        self.author_spent = 0
        self._spent_lock = threading.Lock()

    # -- request parameters (shared with the Message Batches path) ---------------------------
    @staticmethod
    def params(
        model: str,
        prefix_parts: list[str],
        prompt: str,
        max_tokens: int,
        reply_model: type[BaseModel] | None = None,
    ) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": model,
            "max_tokens": max_tokens,
            "system": system_blocks(prefix_parts),
            "messages": [{"role": "user", "content": prompt}],
        }
        if reply_model is not None:
            params["output_config"] = output_format(reply_model)
        return params

    def _check_budget(self, learner_id: str) -> None:
        if self.budget.exhausted(learner_id):
            raise StepFailed("budget", BUDGET_NOTICE)
        if not learner_id and 0 < self.author_limit <= self.author_spent:
            raise StepFailed("budget", AUTHOR_BUDGET_NOTICE.format(limit=self.author_limit))

    def _record(self, message: Any, task: str, model: str, learner_id: str) -> None:
        if getattr(message, "usage", None) is not None:
            record = UsageRecord.from_usage(message.usage, task=task, model=model,
                                            learner_id=learner_id)
            self.usage.record(record)
            if not learner_id:
                with self._spent_lock:
                    self.author_spent += record.billable_tokens

    def _api_failure(self, exc: anthropic.APIError) -> StepFailed:
        error = engine_error(exc, endpoint_of(self.client))
        if isinstance(error, EngineUnavailable):
            raise error from exc
        return StepFailed("api", str(error))

    # -- structured replies -------------------------------------------------------------------
    def structured(
        self,
        task: str,
        reply_model: type[Reply],
        params: dict[str, Any],
        learner_id: str = "",
        attempts: int = 2,
        timeout: float | None = None,
    ) -> Reply:
        """The reply parsed as ``reply_model``; a malformed or refused reply is asked again
        once (``attempts=2``), then :class:`StepFailed` is raised. ``timeout`` overrides the
        client's for long replies."""
        extra: dict[str, Any] = {"timeout": timeout} if timeout else {}
        failure = StepFailed("malformed", "no attempt made")
        for _ in range(attempts):
            self._check_budget(learner_id)
            try:
                message = self.client.messages.create(**params, **extra)
            except anthropic.APIError as exc:
                raise self._api_failure(exc) from exc
            except Exception as exc:  # a body that is not JSON, a broken connection...
                raise StepFailed("api", f"unusable reply ({_why(exc)})") from exc
            self._record(message, task, params["model"], learner_id)
            problem = self.problem_of(message)
            if problem is not None:
                failure = problem
                continue
            try:
                return reply_model.model_validate_json(reply_text(message))
            except ValidationError as exc:
                failure = StepFailed("malformed", str(exc).splitlines()[0])
        raise failure

    def structured_stream(
        self,
        task: str,
        reply_model: type[Reply],
        params: dict[str, Any],
        on_text: Callable[[str], None],
        learner_id: str = "",
    ) -> Reply:
        """Like :meth:`structured`, the reply streamed (``messages.stream``): ``on_text`` gets
        each piece of the reply's JSON text as it arrives. A malformed or refused reply is
        asked again once, unstreamed (what was shown of it is replaced by the final text)."""
        self._check_budget(learner_id)
        try:
            with self.client.messages.stream(**params) as stream:
                for piece in _pieces(stream):
                    on_text(piece)
                message = stream.get_final_message()
        except anthropic.APIError as exc:
            raise self._api_failure(exc) from exc
        except _BrokenStream as broken:
            raise StepFailed("api", f"broken reply stream ({_why(broken.cause)})") from broken
        except Exception as exc:  # the final message missing or unreadable
            raise StepFailed("api", f"broken reply stream ({_why(exc)})") from exc
        self._record(message, task, params["model"], learner_id)
        problem = self.problem_of(message)
        if problem is None:
            try:
                return reply_model.model_validate_json(reply_text(message))
            except ValidationError as exc:
                problem = StepFailed("malformed", str(exc).splitlines()[0])
        return self.structured(task, reply_model, params, learner_id, attempts=1)

    @staticmethod
    def problem_of(message: Any) -> StepFailed | None:
        if message.stop_reason == "refusal":
            return StepFailed("refused", "the model declined to answer")
        if message.stop_reason == "max_tokens":
            return StepFailed("malformed", "the reply was cut off at max_tokens")
        return None

    # -- plain text --------------------------------------------------------------------------
    def text(self, task: str, params: dict[str, Any], learner_id: str = "") -> str:
        """A short learner-facing text, in one piece."""
        self._check_budget(learner_id)
        try:
            message = self.client.messages.create(**params)
        except anthropic.APIError as exc:
            raise self._api_failure(exc) from exc
        except Exception as exc:  # a body that is not JSON, a broken connection...
            raise StepFailed("api", f"unusable reply ({_why(exc)})") from exc
        self._record(message, task, params["model"], learner_id)
        if message.stop_reason == "refusal":
            raise StepFailed("refused", "the model declined to answer")
        text = reply_text(message).strip()
        if not text:
            raise StepFailed("malformed", "empty reply")
        return text

    def stream(self, task: str, params: dict[str, Any], learner_id: str = "") -> Iterator[str]:
        """Learner-facing text as it is written (``messages.stream``). Raises
        :class:`StepFailed` before the first piece when the step cannot start."""
        self._check_budget(learner_id)
        produced = False
        try:
            with self.client.messages.stream(**params) as stream:
                for piece in stream.text_stream:
                    if piece:
                        produced = True
                        yield piece
                final = stream.get_final_message()
        except anthropic.APIError as exc:
            if produced:
                yield "\n\n*(The connection to the tutor dropped; ask again to continue.)*"
                return
            raise self._api_failure(exc) from exc
        except Exception as exc:  # an event that is not JSON, a stream cut before its start...
            if produced:
                yield "\n\n*(The connection to the tutor dropped; ask again to continue.)*"
                return
            raise StepFailed("api", f"broken reply stream ({_why(exc)})") from exc
        self._record(final, task, params["model"], learner_id)
        if not produced:
            problem = self.problem_of(final) or StepFailed("malformed", "empty reply")
            raise problem
