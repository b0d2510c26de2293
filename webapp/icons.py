"""Icons of the web app: Material icons, which ship with Streamlit (no emoji font needed in
the browser, nothing fetched from the network)."""

from __future__ import annotations

MESSAGE_ICONS = {
    "explanation": ":material/menu_book:",
    "exercise": ":material/quiz:",
    "feedback": ":material/rate_review:",
    "hint": ":material/lightbulb:",
    "reveal": ":material/key:",
    "answer": ":material/library_books:",
    "info": ":material/info:",
    "done": ":material/celebration:",
}
"""Avatar of each kind of tutor message in the Learn chat."""
