"""A small local fake of the Messages API for tests and benchmarks (127.0.0.1, in a thread).

It speaks ``POST /v1/messages`` (JSON, and SSE when ``stream`` is true: ``message_start``,
``content_block_start``, a ``content_block_delta`` with a ``text_delta`` per word or per
``stream_chunk`` characters, each sent and flushed on its own, ``stream_delay`` seconds apart,
``content_block_stop``, ``message_delta``, ``message_stop``) and the Message Batches
endpoints, so the real ``anthropic`` SDK code path runs end to end without the network. Replies
come from a scripted queue (:meth:`FakeAnthropic.enqueue`), then from a ``responder`` function;
every request is recorded. Status codes, ``retry-after`` headers and delays can be injected.
Usage is echoed realistically: about four characters per token, and a prompt-cache simulation
(the system blocks up to the last ``cache_control`` breakpoint are written once, then read).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


@dataclass
class Reply:
    """One scripted reply."""

    text: str = "ok"
    status: int = 200
    stop_reason: str = "end_turn"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (to provoke client timeouts)."""
    error_message: str = ""


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


Responder = Callable[[dict[str, Any]], "Reply | str | dict[str, Any]"]


def user_text(body: dict[str, Any]) -> str:
    """The text of the last user message of a request body."""
    content = body["messages"][-1]["content"]
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") for block in content)


def api_key_of(headers: Any) -> str:
    """The key a request carries (``x-api-key``, or ``Authorization: Bearer``)."""
    key = headers.get("x-api-key") or ""
    bearer = headers.get("authorization") or ""
    return key or bearer.removeprefix("Bearer ").strip()


def task_of(body: dict[str, Any]) -> str:
    match = re.search(r"^Task: (\w+)", user_text(body), re.MULTILINE)
    return match.group(1) if match else ""


def passage_ids(body: dict[str, Any]) -> list[str]:
    return re.findall(r'<passage id="([^"]+)"', user_text(body))


class FakeAnthropic:
    """The fake server. Use as a context manager; ``url`` is the base URL to give the SDK."""

    def __init__(self, responder: Responder | None = None, api_key: str | None = None,
                 batch_polls: int = 1, min_cache_tokens: int = 0, stream_chunk: int = 0,
                 stream_delay: float = 0.0) -> None:
        self.responder = responder
        self.stream_chunk = stream_chunk
        """Characters per ``text_delta`` event of a streamed reply (0: a word each)."""
        self.stream_delay = stream_delay
        """Seconds between the events of a streamed reply (a model writing), sent one by one."""
        self.min_cache_tokens = min_cache_tokens
        """Prefixes shorter than this are not cached (the real API has such a minimum)."""
        self.api_key = api_key
        """When set, requests with another ``x-api-key`` get a 401."""
        self.batch_polls = batch_polls
        """Retrieves of a batch before it reports ``ended``."""
        self.queue: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self.fail_items: set[str] = set()
        """Batch custom ids to report as errored (once each)."""
        self.batches: dict[str, dict[str, Any]] = {}
        self._cached_prefixes: set[str] = set()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- scripting ---------------------------------------------------------------------------
    def enqueue(self, *replies: Reply | str | dict[str, Any]) -> None:
        for reply in replies:
            self.queue.append(self._as_reply(reply))

    def enqueue_status(self, status: int, times: int = 1, **headers: str) -> None:
        for _ in range(times):
            self.queue.append(Reply(status=status, headers=dict(headers)))

    def message_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v1/messages"]

    @staticmethod
    def _as_reply(value: Reply | str | dict[str, Any]) -> Reply:
        if isinstance(value, Reply):
            return value
        if isinstance(value, dict):
            return Reply(text=json.dumps(value))
        return Reply(text=value)

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.queue:
                return self.queue.popleft()
        if self.responder is not None:
            return self._as_reply(self.responder(body))
        return Reply()

    # -- messages ----------------------------------------------------------------------------
    def usage_for(self, body: dict[str, Any], reply_text: str) -> dict[str, int]:
        system = body.get("system") or []
        if isinstance(system, str):
            system = [{"type": "text", "text": system}]
        prefix, cached_upto = "", ""
        for block in system:
            prefix += block.get("text", "")
            if block.get("cache_control"):
                cached_upto = prefix
        if tokens(cached_upto) < self.min_cache_tokens:
            cached_upto = ""
        rest = prefix[len(cached_upto):] + json.dumps(body.get("messages", []))
        if body.get("output_config"):
            rest += json.dumps(body["output_config"])
        read = write = 0
        if cached_upto:
            key = hashlib.sha256((body.get("model", "") + cached_upto).encode()).hexdigest()
            with self._lock:
                if key in self._cached_prefixes:
                    read = tokens(cached_upto)
                else:
                    self._cached_prefixes.add(key)
                    write = tokens(cached_upto)
        return {
            "input_tokens": tokens(rest),
            "output_tokens": tokens(reply_text),
            "cache_creation_input_tokens": write,
            "cache_read_input_tokens": read,
        }

    def message(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        content = [{"type": "text", "text": reply.text}] if reply.text else []
        return {
            "id": f"msg_{next(self._ids):06d}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "claude-test"),
            "content": content,
            "stop_reason": reply.stop_reason,
            "stop_sequence": None,
            "usage": self.usage_for(body, reply.text),
        }

    def stream_pieces(self, text: str) -> list[str]:
        """A streamed reply's text as its ``text_delta`` events carry it."""
        if self.stream_chunk > 0:
            return [text[i:i + self.stream_chunk] for i in range(0, len(text), self.stream_chunk)]
        return re.findall(r"\S+\s*|\s+", text)

    # -- batches -----------------------------------------------------------------------------
    def _batch_view(self, batch: dict[str, Any]) -> dict[str, Any]:
        ended = batch["polls"] >= self.batch_polls
        n = len(batch["requests"])
        return {
            "id": batch["id"],
            "type": "message_batch",
            "processing_status": "ended" if ended else "in_progress",
            "request_counts": {
                "processing": 0 if ended else n,
                "succeeded": n if ended else 0,
                "errored": 0, "canceled": 0, "expired": 0,
            },
            "created_at": "2026-11-25T00:00:00Z",
            "expires_at": "2026-11-26T00:00:00Z",
            "ended_at": "2026-11-25T00:01:00Z" if ended else None,
            "results_url": f"{self.url}/v1/messages/batches/{batch['id']}/results"
            if ended else None,
        }

    def _batch_results(self, batch: dict[str, Any]) -> bytes:
        if "results" not in batch:
            lines = []
            for item in batch["requests"]:
                custom_id = item["custom_id"]
                if custom_id in self.fail_items:
                    self.fail_items.discard(custom_id)
                    result: dict[str, Any] = {"type": "errored", "error": {
                        "type": "error",
                        "error": {"type": "api_error", "message": "scripted failure"}}}
                else:
                    reply = self._next_reply(item["params"])
                    result = {"type": "succeeded",
                              "message": self.message(item["params"], reply)}
                lines.append(json.dumps({"custom_id": custom_id, "result": result}))
            batch["results"] = ("\n".join(lines) + "\n").encode()
        return batch["results"]

    # -- HTTP --------------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None,
                           raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.send_header("request-id", f"req_{next(fake._ids)}")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _error(self, status: int, message: str = "", headers: dict[str, str] | None = None
                       ) -> None:
                kind = _ERROR_TYPES.get(status, "api_error")
                self._send_json(status, {"type": "error", "error": {
                    "type": kind, "message": message or kind}}, headers)

            def _record(self, body: dict[str, Any]) -> None:
                with fake._lock:
                    fake.requests.append(Recorded(self.command, self.path.split("?")[0],
                                                  {k.lower(): v for k, v in self.headers.items()},
                                                  body))

            def _authorised(self) -> bool:
                if fake.api_key is not None and api_key_of(self.headers) != fake.api_key:
                    self._error(401, "invalid x-api-key")
                    return False
                return True

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                self._record(body)
                if not self._authorised():
                    return
                path = self.path.split("?")[0]
                if path == "/v1/messages":
                    self._messages(body)
                elif path == "/v1/messages/batches":
                    batch_id = f"msgbatch_{next(fake._ids):06d}"
                    batch = {"id": batch_id, "requests": body["requests"], "polls": 0}
                    fake.batches[batch_id] = batch
                    self._send_json(200, fake._batch_view(batch))
                else:
                    self._error(404)

            def do_GET(self) -> None:  # noqa: N802
                self._record({})
                if not self._authorised():
                    return
                match = re.fullmatch(r"/v1/messages/batches/([\w-]+)(/results)?",
                                     self.path.split("?")[0])
                batch = fake.batches.get(match.group(1)) if match else None
                if match is None or batch is None:
                    self._error(404)
                    return
                if match.group(2):
                    self._send_json(200, None, raw=fake._batch_results(batch))
                    return
                batch["polls"] += 1
                self._send_json(200, fake._batch_view(batch))

            def _messages(self, body: dict[str, Any]) -> None:
                reply = fake._next_reply(body)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status != 200:
                    self._error(reply.status, reply.error_message, reply.headers)
                    return
                message = fake.message(body, reply)
                if body.get("stream"):
                    self._stream(message)
                else:
                    self._send_json(200, message, reply.headers)

            def _stream(self, message: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                self.close_connection = True
                usage = message["usage"]
                start = {**message, "content": [], "stop_reason": None,
                         "usage": {**usage, "output_tokens": 1}}
                events: list[tuple[str, dict[str, Any]]] = [
                    ("message_start", {"type": "message_start", "message": start})]
                text = message["content"][0]["text"] if message["content"] else ""
                if text:
                    events.append(("content_block_start", {
                        "type": "content_block_start", "index": 0,
                        "content_block": {"type": "text", "text": ""}}))
                    for piece in fake.stream_pieces(text):
                        events.append(("content_block_delta", {
                            "type": "content_block_delta", "index": 0,
                            "delta": {"type": "text_delta", "text": piece}}))
                    events.append(("content_block_stop",
                                   {"type": "content_block_stop", "index": 0}))
                events.append(("message_delta", {
                    "type": "message_delta",
                    "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                    "usage": {"output_tokens": usage["output_tokens"]}}))
                events.append(("message_stop", {"type": "message_stop"}))
                try:
                    for number, (name, data) in enumerate(events):
                        if number and fake.stream_delay:
                            time.sleep(fake.stream_delay)
                        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
