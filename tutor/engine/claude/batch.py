"""Message Batches: many Claude requests at half price, resumable after a restart.

:class:`BatchRunner` submits requests keyed by ``custom_id``, polls the batch (reporting
progress), reads the results and matches them to requests by ``custom_id``, and resubmits the
items that failed (errored, expired, canceled, missing) up to ``max_attempts`` times. Its state
(the batch in flight and every result so far) is written atomically to a JSON file after each
change, so a command that is interrupted and started again picks up the same batch instead of
paying for a new one. The state is tied to the exact request set by a fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import anthropic
from pydantic import BaseModel, Field

from tutor.engine.claude.calls import reply_text
from tutor.engine.claude.client import endpoint_of, engine_error
from tutor.engine.claude.usage import UsageLog, UsageRecord
from tutor.home import atomic_write_text


class BatchItem(BaseModel):
    """The outcome of one request of a batch."""

    custom_id: str
    ok: bool
    text: str = ""
    stop_reason: str = ""
    error: str = ""


class BatchState(BaseModel):
    """What is saved between runs."""

    fingerprint: str
    batch_id: str = ""
    """The batch in flight, if any."""
    batch_ids: list[str] = Field(default_factory=list)
    """Every batch submitted for this request set."""
    attempts: dict[str, int] = Field(default_factory=dict)
    results: dict[str, BatchItem] = Field(default_factory=dict)


class BatchProgress(BaseModel):
    batch_id: str
    status: str
    done: int
    total: int


def fingerprint(requests: Mapping[str, Mapping[str, Any]]) -> str:
    blob = json.dumps(requests, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


class BatchRunner:
    """Runs a request set through the Message Batches API, resumably."""

    def __init__(
        self,
        client: anthropic.Anthropic,
        state_path: Path,
        *,
        usage: UsageLog | None = None,
        task: str = "batch",
        poll_seconds: float = 30.0,
        max_attempts: int = 3,
        progress: Callable[[BatchProgress], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.state_path = Path(state_path)
        self.usage = usage
        self.task = task
        self.poll_seconds = poll_seconds
        self.max_attempts = max_attempts
        self.progress = progress
        self.sleep = sleep

    # -- state --------------------------------------------------------------------------------
    def load_state(self, requests: Mapping[str, Mapping[str, Any]]) -> BatchState:
        """The saved state for this request set, or a fresh one."""
        mark = fingerprint(requests)
        if self.state_path.exists():
            try:
                state = BatchState.model_validate_json(self.state_path.read_text("utf-8"))
            except ValueError:
                state = None
            if state is not None and state.fingerprint == mark:
                return state
        return BatchState(fingerprint=mark)

    def _save(self, state: BatchState) -> None:
        atomic_write_text(self.state_path, state.model_dump_json(indent=1))

    # -- the run ------------------------------------------------------------------------------
    def run(self, requests: Mapping[str, Mapping[str, Any]]) -> dict[str, BatchItem]:
        """Results by ``custom_id`` (failed items have ``ok=False`` after the last attempt)."""
        state = self.load_state(requests)
        try:
            while True:
                if not state.batch_id:
                    todo = self._todo(state, requests)
                    if not todo:
                        break
                    self._submit(state, {cid: requests[cid] for cid in todo})
                self._wait(state, len(requests))
                self._collect(state)
        except anthropic.APIError as exc:
            raise engine_error(exc, endpoint_of(self.client)) from exc
        return {cid: state.results[cid] for cid in requests if cid in state.results}

    def _todo(self, state: BatchState, requests: Mapping[str, Any]) -> list[str]:
        return [
            cid for cid in requests
            if (cid not in state.results or not state.results[cid].ok)
            and state.attempts.get(cid, 0) < self.max_attempts
        ]

    def _submit(self, state: BatchState, requests: Mapping[str, Mapping[str, Any]]) -> None:
        batch = self.client.messages.batches.create(
            requests=[{"custom_id": cid, "params": dict(params)}  # type: ignore[misc, typeddict-item]
                      for cid, params in requests.items()]
        )
        state.batch_id = batch.id
        state.batch_ids.append(batch.id)
        for cid in requests:
            state.attempts[cid] = state.attempts.get(cid, 0) + 1
        self._save(state)

    def _wait(self, state: BatchState, total: int) -> None:
        while True:
            batch = self.client.messages.batches.retrieve(state.batch_id)
            counts = batch.request_counts
            done = counts.succeeded + counts.errored + counts.canceled + counts.expired
            done += sum(1 for item in state.results.values() if item.ok)
            if self.progress is not None:
                self.progress(BatchProgress(batch_id=batch.id, status=batch.processing_status,
                                            done=min(done, total), total=total))
            if batch.processing_status == "ended":
                return
            self.sleep(self.poll_seconds)

    def _collect(self, state: BatchState) -> None:
        for line in self.client.messages.batches.results(state.batch_id):
            result = line.result
            if result.type == "succeeded":
                message = result.message
                state.results[line.custom_id] = BatchItem(
                    custom_id=line.custom_id, ok=message.stop_reason != "refusal",
                    text=reply_text(message), stop_reason=message.stop_reason or "",
                    error="refused" if message.stop_reason == "refusal" else "",
                )
                if self.usage is not None:
                    self.usage.record(UsageRecord.from_usage(
                        message.usage, task=self.task, model=message.model, batch=True))
            else:
                detail: str = str(result.type)
                inner = getattr(getattr(result, "error", None), "error", None)
                reason = getattr(inner, "message", None)
                if reason:
                    detail = f"{result.type}: {reason}"
                state.results[line.custom_id] = BatchItem(custom_id=line.custom_id, ok=False,
                                                          error=detail)
        state.batch_id = ""
        self._save(state)
