"""Reading Markdown and plain text: sections as pages, headings, emphasis, odd bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.errors import SourceError
from tutor.ingest import find_sources, read_source
from tutor.ingest.cleaning import decode_text, join_lines, looks_like_code
from tutor.text import fix_characters

MARKDOWN = """---
title: Lists
---
# Lists

A **list** is a sequence of values. The values are called *elements* or _items_.
Names like snake_case_name are not emphasis.

<script>alert("never shown")</script>
<div class="note">Lists are <b>mutable</b>: you can change them.</div>

### Making a list

```python
numbers = [1, 2, 3]
# not a heading
```

## Slices

The [slice operator](https://example.org) selects a part of a list: `t[1:3]`.

Tuples
------

A __tuple__ cannot be changed.
"""


def test_markdown_sections_headings_and_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "lists.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    text = read_source(path)
    assert text.source.kind == "markdown" and text.source.pages == 3
    first, second, third = text.pages
    assert [p.number for p in text.pages] == [1, 2, 3]
    assert first.headings == ["Lists", "Making a list"]
    assert second.headings == ["Slices"]
    assert third.headings == ["Tuples"]
    assert first.emphasized == ["list", "elements", "items"]
    assert third.emphasized == ["tuple"]
    assert "snake_case_name" in first.text
    assert "alert" not in first.text and "<div" not in first.text
    assert "Lists are mutable: you can change them." in first.text
    assert "numbers = [1, 2, 3]\n# not a heading" in first.text
    assert "The slice operator selects a part of a list: t[1:3]." in second.text
    assert "title:" not in first.text


def test_text_file_with_odd_bytes_and_sections(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    raw = (
        "INTRODUCTION\n\nCaf\xe9 prices rise \x93quickly\x94 in winter.\nThis line wraps\n"
        "onto the next one.\n\n1.2 Demand\n\nDemand is the quantity buyers want.\n"
    ).encode("latin-1")
    path.write_bytes(raw)
    text = read_source(path)
    assert [p.headings for p in text.pages] == [["INTRODUCTION"], ["1.2 Demand"]]
    assert "Café prices rise “quickly” in winter. This line wraps onto the next one." in (
        text.pages[0].text
    )
    assert text.pages[1].text.endswith("Demand is the quantity buyers want.")


def test_text_without_headings_is_cut_into_sections(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraph = "Supply and demand set the price of goods in a free market. " * 8
    path.write_text("\n\n".join([paragraph] * 20), encoding="utf-8")
    pages = read_source(path).pages
    assert len(pages) > 1 and all(len(p.text) < 4000 for p in pages)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))


def test_bad_text_sources(tmp_path: Path) -> None:
    (tmp_path / "blank.md").write_text("   \n\n  ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for name, problem in [("blank.md", "is empty"), ("image.txt", "binary file")]:
        with pytest.raises(SourceError) as info:
            read_source(tmp_path / name)
        assert problem in str(info.value) and str(info.value).startswith(f"{name}: ")


def test_find_sources(tmp_path: Path) -> None:
    for name in ["b.pdf", "a.md", "c.txt", "d.docx", ".hidden.md"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_sources(tmp_path)] == ["a.md", "b.pdf", "c.txt"]


def test_cleaning_helpers() -> None:
    assert fix_characters("ﬁrst ﬂow eﬀect") == "first flow effect"
    assert decode_text("naïve".encode()) == "naïve"
    assert decode_text(b"\x93ok\x94") == "“ok”"
    assert decode_text(b"\x81\x8d\x8f\x90\x9d") == "\x81\x8d\x8f\x90\x9d"  # latin-1 fallback
    words = {"document", "well", "known", "well-known"}
    assert join_lines(["a docu-", "ment"], words) == "a document"
    assert join_lines(["a well-", "known fact"], {"well-known"}) == "a well-known fact"
    # a compound of two English words that is no word joined keeps its hyphen
    assert join_lines(["to higher-", "order schemes"], set()) == "to higher-order schemes"
    assert join_lines(["to higher-", "order"], {"higherorder"}) == "to higherorder"
    assert looks_like_code(">>> n = 17") and looks_like_code("x = math.sin(y)")
    assert not looks_like_code("def is a keyword that starts a definition.")
