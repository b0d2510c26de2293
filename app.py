"""The tutor's web app: a thin router. Run with `streamlit run app.py` (or `tutor app`)."""

from __future__ import annotations

import os

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import streamlit as st  # noqa: E402

from webapp import state  # noqa: E402

st.set_page_config(page_title="Tutor", page_icon=":material/school:", layout="wide")
state.sidebar()
page = st.navigation(
    [
        st.Page("webapp/learn.py", title="Learn", icon=":material/chat:", default=True),
        st.Page("webapp/course_map.py", title="Course map", icon=":material/account_tree:"),
        st.Page("webapp/progress.py", title="Progress", icon=":material/insights:"),
        st.Page("webapp/author.py", title="Author", icon=":material/edit_note:"),
    ]
)
page.run()
