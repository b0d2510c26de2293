"""Content is data (issue 14): course text and model output can never make the learner's
browser fetch anything; names are normalised and stripped of control characters; every export
format stays valid and escaped, whatever the course holds."""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from markdown_it import MarkdownIt

from tutor.authoring import add_source
from tutor.clock import ManualClock, system_clock
from tutor.context import TutorContext
from tutor.course import Citation, Concept, Course, Exercise, ExerciseKind
from tutor.errors import CourseError, LearnerError
from tutor.export import export_course
from tutor.ingest.sources import read_source
from tutor.learner.store import LearnerStore
from tutor.safety.markup import displayed, inert_course_text
from tutor.safety.names import clean_profile_name, profile_id_for, shown_name
from tutor.safety.passphrases import FREE_ATTEMPTS, AttemptLimiter

EVIL = "evil.example"
HOSTILE = [
    f"![x](http://{EVIL}/p.png)",
    f"!&#91;e&#93;(http://{EVIL}/q.png)",
    f"&lt;img src=http://{EVIL}/r.png onerror=alert(1)&gt;",
    f"<img src=http://{EVIL}/s.png>",
    f"[click](http://{EVIL}/t)",
    f"<http://{EVIL}/u>",
    f"[ref]: http://{EVIL}/v.png\n\n![y][ref]",
    f"[![in](http://{EVIL}/w.png)](http://{EVIL}/x)",
    f"&amp;lt;img src=http://{EVIL}/y.png&amp;gt;",
]
_MD = MarkdownIt("commonmark")
ACTIVE = {"image", "link_open", "html_inline", "html_block"}


def active_tokens(text: str) -> list[str]:
    """Images, links and raw HTML a CommonMark renderer would make of ``text`` (entities are
    decoded by the renderer, as a browser's Markdown would)."""
    found = []
    for token in _MD.parse(text):
        for tok in [token, *(token.children or [])]:
            if tok.type in ACTIVE:
                found.append(f"{tok.type}:{tok.attrs or tok.content}")
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_rendered_text_forms_no_image_link_or_html(text: str):
    assert active_tokens(text) or "&" in text  # the raw text is active (or entity-hidden)
    assert active_tokens(displayed(text)) == []
    assert active_tokens(displayed(inert_course_text(text))) == []


def test_math_and_code_are_left_for_their_renderers():
    text = r"The sum \(x[i] + y\) and $a[0] < b$ and `v[1] < w` and $$\frac{a}{b}$$ [x](http://e)"
    shown = displayed(text)
    assert "$x[i] + y$" in shown and "$a[0] < b$" in shown and "`v[1] < w`" in shown
    assert "$$\n\\frac{a}{b}\n$$" in shown or "$$\\frac{a}{b}$$" in shown
    assert active_tokens(shown) == []


def test_ingestion_strips_remote_references_from_markdown_and_text(tmp_path: Path):
    body = "The **mean** is the sum divided by the count.\n\n" + "\n\n".join(HOSTILE)
    markdown = tmp_path / "notes.md"
    markdown.write_text(f"# Means\n\n{body}\n")
    text = tmp_path / "notes.txt"
    text.write_text(f"MEANS\n\n{body}\n")
    for path in (markdown, text):
        pages = read_source(path).pages
        joined = "\n".join(p.text for p in pages)
        assert "The mean is the sum" in joined or "The **mean** is the sum" in joined
        for image in ("p.png", "q.png", "r.png", "s.png", "v.png", "w.png", "y.png"):
            assert image not in joined, (path.name, image, joined)
        assert active_tokens(joined) == [], path.name  # bare addresses may stay, as text
        assert "<img" not in joined.lower()


def test_a_source_with_a_non_utf8_name_fails_alone(tutor_home: Path):
    from tutor.study.build import build_course

    folder = tutor_home / "courses" / "stats"
    folder.mkdir()
    (folder / "good.md").write_text(
        "# Means\n\nThe mean is the sum of the values divided by their count.\n\n"
        "## Medians\n\nThe median is the middle value of the sorted values.\n")
    with open(os.path.join(os.fsencode(folder), b"bad\xff\x1b[2J.md"), "wb") as handle:
        handle.write(b"# Title\n\nSome text.\n")
    result = build_course(folder, context=TutorContext.from_env(engine="offline"))
    assert result.course_path is not None and result.course is not None
    [failed] = result.report.failed_sources
    assert "\x1b" not in failed.error and "\n" not in failed.error
    failed.error.encode("utf-8")  # printable: no lone surrogate left
    assert "not UTF-8" in failed.error


@pytest.mark.parametrize("name", [
    "a" * 247 + ".md", "n" * 300 + ".pdf", "esc\x1b[31mred.md", "two\r\nlines.md",
    "bell\x07.txt", "bidi\u202egnp.md", "bad\udcff.md",
])
def test_bad_upload_names_are_refused_in_one_line(tutor_home: Path, name: str):
    with pytest.raises(CourseError) as caught:
        add_source("stats", name, b"# Means\n\nThe mean is an average.\n", home=tutor_home)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message and "\x1b" not in message
    message.encode("utf-8")
    assert len(message) < 300
    assert not (tutor_home / "courses" / "stats").exists() or not any(
        (tutor_home / "courses" / "stats").iterdir())


def test_upload_names_are_stored_in_nfc(tutor_home: Path):
    decomposed = unicodedata.normalize("NFD", "résumé.md")
    path = add_source("stats", decomposed, b"# Means\n\ntext\n", home=tutor_home)
    assert path.name == unicodedata.normalize("NFC", "résumé.md")


def test_upload_count_and_total_size_per_course_are_limited(tutor_home: Path):
    for index in range(3):
        add_source("stats", f"part{index}.md", b"# P\n\ntext\n", home=tutor_home, max_sources=3)
    add_source("stats", "part0.md", b"# P\n\nnew text\n", home=tutor_home, max_sources=3)
    with pytest.raises(CourseError, match="source files, the most"):
        add_source("stats", "part3.md", b"# P\n\ntext\n", home=tutor_home, max_sources=3)
    add_source("big", "a.md", b"x" * 700_000, home=tutor_home, max_course_mb=1)
    with pytest.raises(CourseError, match="over the 1 MB limit"):
        add_source("big", "b.md", b"x" * 700_000, home=tutor_home, max_course_mb=1)


# -- profile names and passphrases ------------------------------------------------------
@pytest.mark.parametrize("name", ["Иван Петров", "李小龙", "山田 太郎", "Zoë", "José-María"])
def test_real_names_in_any_script_make_profiles(tmp_path: Path, name: str):
    store = LearnerStore(tmp_path / "learners.sqlite")
    person = store.create_learner(name)
    assert person.name == name and store.get_learner(person.id).name == name


def test_look_alike_mixed_script_names_are_refused(tmp_path: Path):
    store = LearnerStore(tmp_path / "learners.sqlite")
    store.create_learner("Bob")
    with pytest.raises(LearnerError, match="mixes letters"):
        store.create_learner("Bоb")  # Cyrillic о
    with pytest.raises(LearnerError, match="mixes letters"):
        clean_profile_name("Pаypal")


def test_profile_names_lose_control_characters_and_are_nfkc():
    assert clean_profile_name("Bob\x1b[31m\r\n") == "Bob[31m"
    assert clean_profile_name("ｂｏｂ") == "bob"
    assert clean_profile_name("a\u202eb") == "ab"
    assert profile_id_for("Иван") != profile_id_for("Пётр")
    assert shown_name("x\udcff\x1b.md") == "x\\udcff?.md"


def test_a_new_passphrase_has_a_minimum_length(tmp_path: Path):
    store = LearnerStore(tmp_path / "learners.sqlite")
    with pytest.raises(LearnerError, match="at least 8 characters"):
        store.create_learner("ada", passphrase="pw")


@pytest.mark.parametrize("in_file", [False, True])
def test_wrong_passphrases_are_limited_then_wait(tmp_path: Path, in_file: bool):
    clock = ManualClock(system_clock())
    limiter = AttemptLimiter(tmp_path / "attempts.sqlite" if in_file else None, clock)
    for _ in range(FREE_ATTEMPTS):
        assert limiter.attempt("learner:ada", lambda: False) is False
    with pytest.raises(LearnerError, match="too many wrong passphrases"):
        limiter.attempt("learner:ada", lambda: True)  # even the right one must wait
    clock.advance(seconds=31)
    assert limiter.attempt("learner:ada", lambda: True) is True
    assert limiter.attempt("learner:bob", lambda: False) is False  # per account


def test_the_wait_holds_across_processes_and_restarts(tmp_path: Path):
    """Two servers on one data folder, or one restarted: the count is in the folder."""
    first = AttemptLimiter(tmp_path / "attempts.sqlite")
    for _ in range(FREE_ATTEMPTS):
        first.attempt("author:grace", lambda: False)
    second = AttemptLimiter(tmp_path / "attempts.sqlite")  # another process, or after a restart
    with pytest.raises(LearnerError, match="too many wrong passphrases"):
        second.attempt("author:grace", lambda: True)
    store = LearnerStore(tmp_path / "learners.sqlite")
    store.create_learner("ada", passphrase="correct horse")
    for _ in range(FREE_ATTEMPTS):
        assert not store.verify_passphrase("ada", "wrong guess")
    store.close()
    again = LearnerStore(tmp_path / "learners.sqlite")
    with pytest.raises(LearnerError, match="too many"):
        again.verify_passphrase("ada", "correct horse")
    again.close()


def test_the_store_limits_wrong_passphrases(tmp_path: Path):
    store = LearnerStore(tmp_path / "learners.sqlite")
    store.create_learner("ada", passphrase="correct horse")
    for _ in range(FREE_ATTEMPTS):
        assert not store.verify_passphrase("ada", "wrong guess")
    with pytest.raises(LearnerError, match="too many"):
        store.verify_passphrase("ada", "correct horse")


# -- exports -----------------------------------------------------------------------------
CITE = [Citation(source="notes.pdf", page=1)]


def hostile_course() -> Course:
    concepts = [
        Concept(id="mean", name="$system$/Mean\nnext", citations=CITE, first_order=0,
                definition="The mean\x0b is\x00 an average \ud800 "
                           "<img src=x onerror=alert(1)> ![p](http://evil.example/p.png)"),
        Concept(id="median", name="Median", definition="The middle value.", citations=CITE,
                first_order=1),
    ]
    exercises = [
        Exercise(id="mean-cloze-1", concept_id="mean", kind=ExerciseKind.CLOZE,
                 prompt="The _____ is an average {{c2::extra card}} \udc80.", answer="mean",
                 citations=CITE),
        Exercise(id="median-short-1", concept_id="median", kind=ExerciseKind.SHORT_ANSWER,
                 prompt="What is a {{c3::median}}?\x1b[2J", answer="The middle value.",
                 citations=CITE),
    ]
    return Course(title="Stats\x07 $course$", slug="stats", concepts=concepts,
                  exercises=exercises)


def test_graphml_is_valid_xml_with_control_characters(tmp_path: Path):
    out = tmp_path / "c.graphml"
    export_course(hostile_course(), "graphml", out)
    ET.parse(out)
    graph = nx.read_graphml(out)
    assert "average" in graph.nodes["mean"]["definition"]


def test_json_export_survives_lone_surrogates(tmp_path: Path):
    out = tmp_path / "c.json"
    export_course(hostile_course(), "json", out)
    assert "average" in out.read_text(encoding="utf-8")


def test_study_guide_carries_no_active_markup(tmp_path: Path):
    out = tmp_path / "c.md"
    export_course(hostile_course(), "markdown", out)
    text = out.read_text(encoding="utf-8")
    own_anchors = re.sub(r'<a id="concept-[a-z0-9-]+"></a>', "", text)  # the guide's own
    tokens = [t for t in active_tokens(own_anchors) if "'#concept-" not in t]
    assert tokens == [], tokens
    assert "evil.example" not in text or "\\[p\\]" in text
    assert "## 1. $system$/Mean next" in text.replace("\\", "") or "Mean next" in text


def test_gift_category_cannot_change_context_or_level(tmp_path: Path):
    out = tmp_path / "c.gift"
    export_course(hostile_course(), "gift", out)
    categories = [line for line in out.read_text(encoding="utf-8").splitlines()
                  if line.startswith("$CATEGORY:")]
    assert categories
    for line in categories:
        path = line.removeprefix("$CATEGORY:").strip()
        assert "$" not in path and path.count("/") == 1, line


def test_anki_notes_make_one_card_each(tmp_path: Path):
    out = tmp_path / "c.apkg"
    export_course(hostile_course(), "anki", out)
    with zipfile.ZipFile(out) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = db.execute("select id, flds from notes").fetchall()
    cards = db.execute("select nid, ord from cards").fetchall()
    assert len(notes) == 2 and len(cards) == 2, cards
    assert all(ord_ == 0 for _, ord_ in cards)
    assert not any(re.search(r"\{\{c[2-9]::", flds) for _, flds in notes)
