"""Signing in as an author on the Author page: single sign-on (``st.login``) when the app is
configured for it, else a local author account. The grant is kept in the session; every
action still checks it on the server (``tutor.author_desk``)."""

from __future__ import annotations

import streamlit as st

from tutor.errors import TutorError
from tutor.roles import AuthorGrant, grant_for_identity, sign_in_author
from tutor.safety.markup import inert_markdown
from webapp import state

GRANT = "author_grant"


def _sign_on_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def author_grant() -> AuthorGrant | None:
    """The session's author grant, if the user signed in as an author."""
    if _sign_on_configured() and getattr(st.user, "is_logged_in", False):
        email = st.user.get("email")
        return grant_for_identity(str(email) if email else None, state.context().author_emails)
    held = st.session_state.get(GRANT)
    return held if isinstance(held, AuthorGrant) else None


def sign_in() -> None:
    """The sign-in form shown in place of the Author page."""
    st.info("The Author page is for course authors: sign in to build, edit and export courses.")
    if _sign_on_configured():
        if getattr(st.user, "is_logged_in", False):
            st.error(inert_markdown(f"{st.user.get('email')} is not an author of this tutor."))
            if st.button("Sign out", key="author_logout"):
                st.logout()
        elif st.button("Sign in", key="author_login", type="primary"):
            st.login()
        return
    with st.form("author_sign_in"):
        name = st.text_input("Author name", key="author_name")
        secret = st.text_input("Passphrase", type="password", key="author_secret")
        submitted = st.form_submit_button("Sign in as author", type="primary")
    if submitted:
        try:
            settings = state.context()
            st.session_state[GRANT] = sign_in_author(settings.data, name, secret,
                                                     clock=settings.clock)
        except TutorError as exc:
            st.error(inert_markdown(str(exc)))
        else:
            st.rerun()
    st.caption("Accounts are made on the server: `tutor author add NAME`.")


def sign_out_button() -> None:
    grant = author_grant()
    if grant is None:
        return
    st.caption(inert_markdown(f"Signed in as author {grant.name}"))
    if grant.via == "account" and st.button("Sign out as author", key="author_sign_out"):
        st.session_state.pop(GRANT, None)
        st.rerun()
