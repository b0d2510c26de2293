"""Roles: a learner (anyone who opens the app) and an author (who may change courses, read
answer keys, learners' free text and analytics, and export with answers).

An author is recognised in one of two ways:

- **Single sign-on**: when the web app is configured for OpenID Connect (Streamlit's
  ``st.login``), the signed-in identity's e-mail must be in ``TutorContext.author_emails``.
- **Local author accounts** otherwise: ``tutor author add NAME`` stores the name with a salted
  scrypt hash of a passphrase (at least 8 characters) in ``<data>/authors.json``; signing in
  checks it, with the attempt limit of :mod:`tutor.safety.passphrases`.

Either way the result is an :class:`AuthorGrant`, and every authoring action in
:mod:`tutor.author_desk` requires one (:func:`require_author`): the check is on the server, in
the functions the pages call, not in which widgets are shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tutor.clock import Clock, system_clock
from tutor.errors import AccessError, LearnerError
from tutor.home import atomic_write_text
from tutor.learner.store import hash_passphrase, passphrase_matches
from tutor.safety.names import clean_profile_name
from tutor.safety.passphrases import check_new_passphrase, limiter_for

AUTHORS_FILE = "authors.json"


@dataclass(frozen=True)
class AuthorGrant:
    """Proof that the current user was recognised as an author (name, and how)."""

    name: str
    via: Literal["account", "sign-on", "shell"]


def _accounts_path(data: Path) -> Path:
    return Path(data) / AUTHORS_FILE


def _accounts(data: Path) -> dict[str, dict[str, str]]:
    path = _accounts_path(data)
    if not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AccessError(f"{path} cannot be read ({type(exc).__name__}); restore it or remove "
                          "it and add the authors again with `tutor author add`") from exc
    return loaded if isinstance(loaded, dict) else {}


def _key(name: str) -> str:
    return clean_profile_name(name).casefold()


def add_author(data: Path, name: str, passphrase: str, *, clock: Clock = system_clock) -> str:
    """Create or replace the local author account ``name``; returns its normalised name."""
    shown = clean_profile_name(name)
    hashed = hash_passphrase(check_new_passphrase(passphrase))
    accounts = _accounts(data)
    accounts[_key(shown)] = {"name": shown, "passphrase": hashed,
                             "created_at": clock().isoformat()}
    Path(data).mkdir(parents=True, exist_ok=True)
    atomic_write_text(_accounts_path(data), json.dumps(accounts, indent=2, ensure_ascii=False))
    return shown


def remove_author(data: Path, name: str) -> None:
    accounts = _accounts(data)
    if accounts.pop(_key(name), None) is None:
        raise AccessError(f"no author account {clean_profile_name(name)!r}")
    atomic_write_text(_accounts_path(data), json.dumps(accounts, indent=2, ensure_ascii=False))


def author_names(data: Path) -> list[str]:
    return sorted(entry["name"] for entry in _accounts(data).values())


def sign_in_author(data: Path, name: str, passphrase: str, *,
                   clock: Clock = system_clock) -> AuthorGrant:
    """The grant of a local author account; :class:`AccessError` for an unknown name or a
    wrong passphrase (the same message, so names cannot be probed), :class:`LearnerError`
    while the account waits after too many wrong attempts."""
    try:
        key = _key(name)
    except LearnerError as exc:
        raise AccessError("unknown author or wrong passphrase") from exc
    entry = _accounts(data).get(key)
    stored = entry["passphrase"] if entry else None
    right = limiter_for(data, clock).attempt(
        f"author:{key}",
        lambda: stored is not None and passphrase_matches(stored, passphrase),
    )
    if not right or entry is None:
        raise AccessError("unknown author or wrong passphrase")
    return AuthorGrant(name=entry["name"], via="account")


def grant_for_identity(email: str | None, author_emails: list[str]) -> AuthorGrant | None:
    """The grant of a single-sign-on identity whose e-mail is listed as an author's."""
    if not email:
        return None
    wanted = {address.strip().casefold() for address in author_emails if address.strip()}
    if email.strip().casefold() in wanted:
        return AuthorGrant(name=email.strip(), via="sign-on")
    return None


def shell_grant() -> AuthorGrant:
    """The grant of whoever runs the ``tutor`` command: they can edit the files anyway."""
    return AuthorGrant(name="shell", via="shell")


def require_author(grant: object, action: str) -> AuthorGrant:
    """``grant`` if it is an :class:`AuthorGrant`, else :class:`AccessError` naming the
    action."""
    if not isinstance(grant, AuthorGrant):
        raise AccessError(f"only an author may {action}; sign in as an author first")
    return grant
