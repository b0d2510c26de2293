"""Addresses shown without their credentials.

``ANTHROPIC_BASE_URL`` may carry a secret (``https://user:token@proxy.example/v1`` or
``...?key=token``); an error message or a page that names the endpoint shows it with the user
information and every query value replaced by ``***``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HIDDEN = "***"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


def redacted_url(url: str) -> str:
    """``url`` without user, password and query values (the rest kept for diagnosis)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return HIDDEN
    netloc = (f"{HIDDEN}@" if parts.username or parts.password else "") + host + port
    query = urlencode([(key, HIDDEN) for key, _ in parse_qsl(parts.query,
                                                             keep_blank_values=True)],
                      safe="*")
    fragment = HIDDEN if parts.fragment else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def without_credentials(text: str) -> str:
    """``text`` with every URL in it passed through :func:`redacted_url`."""
    return _URL.sub(lambda match: redacted_url(match.group(0)), text)
