"""The Anthropic client: construction from the tutor's settings, and API errors as tutor errors.

The client is built here and injected into :class:`ClaudeEngine` (never a global). Retries with
exponential backoff on 408/409/429/5xx/529 and on timeouts are the SDK's own (``max_retries``;
it honours ``retry-after`` headers); :func:`engine_error` turns what is left after the retries
into a :class:`tutor.errors.EngineError` with a one-line message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anthropic

from tutor.errors import EngineError, EngineUnavailable

if TYPE_CHECKING:
    from tutor.context import TutorContext

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_MAX_RETRIES = 3


def make_client(
    api_key: str,
    base_url: str = "",
    timeout: float = 60.0,
    max_retries: int = DEFAULT_MAX_RETRIES,
) -> anthropic.Anthropic:
    """A Messages API client for ``base_url`` (empty: Anthropic's endpoint).

    Raises :class:`EngineUnavailable` when ``api_key`` is empty: the SDK would construct a
    client anyway and only fail at the first call.
    """
    if not api_key:
        raise EngineUnavailable(
            "the Claude engine needs ANTHROPIC_API_KEY; set it, or use --engine offline"
        )
    return anthropic.Anthropic(
        api_key=api_key,
        base_url=base_url or DEFAULT_BASE_URL,
        timeout=anthropic.Timeout(timeout, connect=min(10.0, timeout)),
        max_retries=max_retries,
    )


def client_from_context(context: TutorContext, max_retries: int = DEFAULT_MAX_RETRIES
                        ) -> anthropic.Anthropic:
    """The client the settings ask for: key, ``ANTHROPIC_BASE_URL`` and timeout."""
    return make_client(
        context.anthropic_api_key,
        context.anthropic_base_url,
        context.request_timeout,
        max_retries,
    )


def endpoint_of(client: anthropic.Anthropic) -> str:
    """The endpoint as messages may show it: without credentials (tutor.safety.urls)."""
    from tutor.safety.urls import redacted_url

    return redacted_url(str(client.base_url).rstrip("/"))


def engine_error(exc: Exception, endpoint: str = DEFAULT_BASE_URL) -> EngineError:
    """A one-line, actionable tutor error for an SDK exception (after the SDK's retries);
    no credential of the endpoint's address appears in it."""
    from tutor.safety.urls import without_credentials

    error = _engine_error(exc, without_credentials(endpoint))
    error.args = (without_credentials(str(error)),)
    return error


def _engine_error(exc: Exception, endpoint: str) -> EngineError:
    if isinstance(exc, anthropic.AuthenticationError):
        return EngineUnavailable(
            f"ANTHROPIC_API_KEY was rejected by {endpoint} (401); check the key, "
            "or unset it to use the offline engine"
        )
    if isinstance(exc, anthropic.PermissionDeniedError):
        return EngineUnavailable(
            f"ANTHROPIC_API_KEY may not use this model at {endpoint} (403); check the key's "
            "workspace, or set TUTOR_CLAUDE_MODEL"
        )
    if isinstance(exc, anthropic.NotFoundError):
        return EngineError(
            f"{endpoint} does not know the requested model or path (404); "
            "set TUTOR_CLAUDE_MODEL to a current model id"
        )
    if isinstance(exc, anthropic.RateLimitError):
        return EngineError(f"{endpoint} kept rate-limiting the tutor (429); wait a minute and retry")
    if isinstance(exc, anthropic.APITimeoutError):
        return EngineError(
            f"{endpoint} did not answer in time; raise the request timeout or retry later"
        )
    if isinstance(exc, anthropic.APIConnectionError):
        return EngineError(
            f"cannot reach {endpoint}; check the network or ANTHROPIC_BASE_URL"
        )
    if isinstance(exc, anthropic.APIStatusError):
        status = exc.status_code
        if status == 529:
            return EngineError(f"{endpoint} is overloaded (529); retry in a few minutes")
        if status >= 500:
            return EngineError(f"{endpoint} failed with status {status}; retry later")
        return EngineError(f"{endpoint} refused the request (status {status}): {exc.message}")
    return EngineError(f"Claude call failed: {exc}")
