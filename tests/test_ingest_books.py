"""Ingestion of real books from ../shared/eval (slow: each book takes seconds to read)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import eval_path
from tutor.ingest import chunk_pages, read_source

pytestmark = pytest.mark.eval


def test_think_python_structure() -> None:
    text = read_source(eval_path("pdfs", "thinkpython2.pdf"))
    assert text.source.pages == 244 and not text.skipped_pages
    chapter2 = text.pages[30]
    assert chapter2.headings[:2] == [
        "Chapter 2: Variables, expressions and statements", "2.1 Assignment statements"
    ]
    assert {"variables", "assignment statement", "state diagram"} <= set(chapter2.emphasized)
    # running headers such as "20 Chapter 3. Functions" are gone; ligatures are expanded
    assert not any(re.match(r"\d+ Chapter \d+\. ", p.text) for p in text.pages)
    assert not any("ﬁ" in p.text for p in text.pages)
    glossaries = [h for p in text.pages for h in p.headings if h.endswith("Glossary")]
    assert len(glossaries) >= 19

    chunks = chunk_pages(text.pages)
    assert all(c.heading for c in chunks[40:])
    sizes = sorted(len(c.text) for c in chunks)
    assert 400 <= sizes[len(sizes) // 2] <= 900
    assert len({c.id for c in chunks}) == len(chunks)


def test_think_stats_headings_without_an_outline() -> None:
    text = read_source(eval_path("pdfs", "thinkstats2.pdf"))
    headings = [h for p in text.pages for h in p.headings]
    assert "2.8 Variance" in headings
    assert "Chapter 1 Exploratory data analysis" in headings or (
        "Chapter 1: Exploratory data analysis" in headings
    )
    assert any("anecdotal evidence" in p.emphasized for p in text.pages)
