"""The tutor's web app: a thin router. Run with `streamlit run app.py` (or `tutor app`)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import streamlit as st  # noqa: E402

from webapp import state  # noqa: E402

# The icon is a local file: a Material icon here would make the browser fetch it from the
# internet (the page icons below are drawn with the font that ships with Streamlit).
ICON = Path(__file__).resolve().parent / "webapp" / "icon.png"
st.set_page_config(page_title="Tutor", page_icon=str(ICON), layout="wide")
page = st.navigation(
    [
        st.Page("webapp/learn.py", title="Learn", icon=":material/chat:", default=True),
        st.Page("webapp/course_map.py", title="Course map", icon=":material/account_tree:"),
        st.Page("webapp/progress.py", title="Progress", icon=":material/insights:"),
        st.Page("webapp/author.py", title=state.AUTHOR_PAGE, icon=":material/edit_note:"),
    ]
)
state.sidebar(page.title)
page.run()
