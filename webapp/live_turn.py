"""A turn's text drawn on the Learn page while it is written (a sink for ``Lesson.answer``).

The lesson calls the sink in the page's own thread with ``(kind, piece)``: the feedback, then
the explanation or the hint, already withheld and citation-checked. Each kind grows in a chat
message of its own in the area given; the rerun after the turn draws the messages the lesson
kept in their place.
"""

from __future__ import annotations

import streamlit as st

from tutor.safety.markup import displayed
from webapp.icons import MESSAGE_ICONS


class LiveTurn:
    """Feedback and explanation or hint, growing in chat messages in ``area``."""

    def __init__(self, area) -> None:  # noqa: ANN001 - a streamlit container
        self.area = area
        self.texts: dict[str, str] = {}
        self.slots: dict[str, object] = {}

    def __call__(self, kind: str, piece: str) -> None:
        self.texts[kind] = self.texts.get(kind, "") + piece
        if kind not in self.slots:
            with self.area, st.chat_message("assistant", avatar=MESSAGE_ICONS.get(kind)):
                self.slots[kind] = st.empty()
        self.slots[kind].markdown(displayed(self.texts[kind]))  # type: ignore[attr-defined]
