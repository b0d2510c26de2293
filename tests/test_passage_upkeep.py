"""A lesson builds its course's passage index from the sources when it is missing or stale:
once per process, the index only (course.json untouched), definitions and a notice when the
sources cannot be read, and never when the context says not to."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.factories import COURSE, cloze_first_course
from tutor.context import TutorContext
from tutor.index.passages import PassageIndex
from tutor.teach.lesson import Lesson
from tutor.teach.passage_upkeep import forget_index_upkeep, index_state
from tutor.teach.shared_course import forget_shared_courses
from tutor.testing.engines import ExactEngine

NOTES = """# Arrays

An array is a sequence of elements stored next to each other, each found by its index.
Reading the element at index 4 takes the same time as reading the element at index 0,
because its address is computed from the index.

    values = [3, 8, 5]
    print(values[1])
"""


@pytest.fixture
def course_folder(tutor_home: Path) -> Path:
    forget_shared_courses()
    forget_index_upkeep()
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts passage index builds (each still runs)."""
    made: list[int] = []
    real = PassageIndex.build.__func__  # type: ignore[attr-defined]

    def counted(cls, chunks, folder, *args, **kwargs):  # noqa: ANN001, ANN202
        made.append(len(chunks))
        return real(cls, chunks, folder, *args, **kwargs)

    monkeypatch.setattr(PassageIndex, "build", classmethod(counted))
    return made


def _open(building: bool = True, **kwargs: object) -> Lesson:
    context = TutorContext.from_env(engine="offline", build_passages=building)
    return Lesson(COURSE, "ana", context=context, engine=ExactEngine(), **kwargs)  # type: ignore[arg-type]


def test_a_lesson_builds_the_missing_index_from_the_sources_only(course_folder: Path,
                                                                  builds: list[int]) -> None:
    before = (course_folder / "course.json").read_bytes()
    assert index_state(course_folder) == "missing"
    told: list[tuple[int, int]] = []
    with _open(index_progress=lambda done, total: told.append((done, total))) as lesson:
        assert lesson.index_notice == ""
        assert any("address is computed" in chunk.text for chunk in lesson.passages.chunks)
        found = lesson.deps.retrieve("why is reading any index equally fast", 3)
        assert any("address is computed" in chunk.text for chunk in found)
    assert len(builds) == 1 and told and told[-1][0] == told[-1][1] > 0
    assert (course_folder / "course.json").read_bytes() == before
    assert index_state(course_folder) == "fresh"


def test_two_lessons_opened_at_once_build_the_index_once(course_folder: Path,
                                                         builds: list[int]) -> None:
    opened: list[Lesson] = []
    start = threading.Barrier(2)

    def learner() -> None:
        start.wait()
        opened.append(_open())

    threads = [threading.Thread(target=learner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len(opened) == 2
    for lesson in opened:
        assert any("address is computed" in c.text for c in lesson.passages.chunks)
        lesson.close()
    _open().close()  # a later lesson finds the index fresh
    assert len(builds) == 1


def test_a_changed_source_makes_the_index_stale_and_it_is_rebuilt(course_folder: Path,
                                                                  builds: list[int]) -> None:
    _open().close()
    source = course_folder / "notes.md"
    source.write_text(NOTES + "\nA slice copies part of an array into a new one.\n",
                      encoding="utf-8")
    later = (course_folder / ".build" / "passages-index.json").stat().st_mtime_ns + 10**9
    os.utime(source, ns=(later, later))
    assert index_state(course_folder) == "stale"
    with _open() as lesson:
        assert any("slice copies" in chunk.text for chunk in lesson.passages.chunks)
    assert len(builds) == 2


def test_unreadable_sources_leave_the_definitions_and_a_notice(course_folder: Path,
                                                               builds: list[int]) -> None:
    (course_folder / "notes.md").unlink()
    (course_folder / "notes.pdf").write_bytes(b"not a pdf at all")
    with _open() as lesson:
        assert lesson.index_notice.startswith("The course's passage index could not be built")
        assert "\n" not in lesson.index_notice
        definitions = {c.definition for c in lesson.course.concepts}
        assert {chunk.text for chunk in lesson.passages.chunks} <= definitions
    with _open() as again:  # tried once per process, not at every lesson
        assert again.index_notice == lesson.index_notice
    assert builds == []


def test_a_context_that_says_no_leaves_the_index_unbuilt(course_folder: Path,
                                                         builds: list[int]) -> None:
    assert TutorContext.from_env().build_passages is False  # the tests' default
    with _open(building=False) as lesson:
        assert lesson.index_notice == ""
    assert builds == [] and not (course_folder / ".build").exists()


def test_a_source_put_back_with_an_older_time_makes_the_index_stale(
    course_folder: Path, builds: list[int]
) -> None:
    _open().close()
    source = course_folder / "notes.md"
    manifest = course_folder / ".build" / "passages-index.json"
    earlier = manifest.stat().st_mtime_ns - 10**9
    source.write_text(NOTES.replace("index 4", "index 7"), encoding="utf-8")  # same size
    os.utime(source, ns=(earlier, earlier))
    assert index_state(course_folder) == "stale"
    with _open() as lesson:
        assert any("index 7" in chunk.text for chunk in lesson.passages.chunks)
    assert len(builds) == 2 and index_state(course_folder) == "fresh"


def test_a_lesson_waits_for_another_process_building_the_index(
    course_folder: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other process: holds the course's index lock (a separate open file, as another
    # process would) while it builds the index; the lesson opened meanwhile finds it fresh.
    import fcntl

    from tutor.study.build import ensure_passage_index
    from tutor.teach import passage_upkeep

    listed = threading.Event()
    real_sources = passage_upkeep._sources

    def sources(folder: Path) -> list[Path]:
        listed.set()
        return real_sources(folder)

    monkeypatch.setattr(passage_upkeep, "_sources", sources)
    (course_folder / ".build").mkdir()
    opened: list[Lesson] = []
    with (course_folder / ".build" / passage_upkeep.LOCK_FILE).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        lesson_thread = threading.Thread(target=lambda: opened.append(_open()))
        lesson_thread.start()
        listed.wait()  # the lesson has started checking its course
        ensure_passage_index(course_folder, rebuild=True)
        fcntl.flock(held, fcntl.LOCK_UN)
    lesson_thread.join()
    assert len(builds) == 1  # the other process's build only
    assert any("address is computed" in c.text for c in opened[0].passages.chunks)
    opened[0].close()
