"""The learner store and lesson checkpoints on a real PostgreSQL (``TUTOR_DATABASE_URL``).

The server is started by the ``postgres_server`` fixture (Debian's initdb/pg_ctl in a temp
folder, free port); each test gets its own empty database. Without the server the tests fail.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from tests.factories import COURSE, ExactEngine, cloze_first_course
from tutor.context import TutorContext
from tutor.errors import LearnerError, StorageError
from tutor.learner.model import Attempt, ConceptMastery, LearnerModel
from tutor.learner.store import LearnerStore
from tutor.storage.tables import SCHEMA_VERSION
from tutor.teach.lesson import Lesson

pytestmark = pytest.mark.e2e
NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def attempt(learner: str, *, id: str = "", minute: int = 0) -> Attempt:
    return Attempt(id=id or uuid.uuid4().hex, learner_id=learner, course="probability",
                   concept_id="events", exercise_id="events-1", answer="a", correct=True,
                   score=1.0, at=NOW + timedelta(minutes=minute))


def model(learner: str, p_known: float) -> LearnerModel:
    return LearnerModel(learner_id=learner, course="probability", concepts={
        "events": ConceptMastery(concept_id="events", p_known=p_known, attempts=1)})


@pytest.fixture
def context(tutor_home: Path, postgres_url: str) -> TutorContext:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return TutorContext.from_env(engine="offline", database_url=postgres_url)


def test_the_store_keeps_learners_models_and_attempts_on_the_server(
        context: TutorContext) -> None:
    store = LearnerStore.default(context)
    assert store.backend == "postgres" and store.path is None
    ada = store.create_learner("Ada", passphrase="correct horse")
    assert store.get_learner("ada") == ada and store.verify_passphrase("ada", "correct horse")
    assert not store.verify_passphrase("ada", "wrong")
    with pytest.raises(LearnerError, match="already exists"):
        store.create_learner("ada")
    late, early = attempt("ada", minute=5), attempt("ada", minute=1)
    assert store.record(late, model("ada", 0.6)) and store.record(early, model("ada", 0.7))
    assert not store.record(late, model("ada", 0.99))  # same id: ignored, model untouched
    assert store.attempts("ada", "probability") == [early, late]
    assert store.course_attempts("probability") == [early, late]
    assert store.load("ada", "probability").p_known("events") == pytest.approx(0.7)
    assert not (Path(context.data) / "learners.sqlite").exists()  # nothing went to a file
    with psycopg.connect(context.database_url) as db:
        assert db.execute("SELECT max(version) FROM learner_schema").fetchone() == (
            SCHEMA_VERSION,)
        stored = db.execute("SELECT passphrase FROM learners").fetchone()[0]
    assert stored.startswith("scrypt$") and "correct horse" not in stored


def test_an_attempt_recorded_from_many_threads_and_stores_is_stored_once(
        context: TutorContext) -> None:
    stores = [LearnerStore.default(context) for _ in range(4)]
    ids = [uuid.uuid4().hex for _ in range(25)]
    wins: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def record_all(store: LearnerStore) -> None:
        barrier.wait()
        for minute, attempt_id in enumerate(ids):
            if store.record(attempt("ada", id=attempt_id, minute=minute), model("ada", 0.5)):
                with lock:
                    wins.append(attempt_id)

    threads = [threading.Thread(target=record_all, args=(stores[i % 4],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == sorted(ids)  # each id won by exactly one of the eight writers
    assert [a.id for a in stores[0].attempts("ada", "probability")] == ids
    assert stores[0].attempt_count() == len(ids)


def test_a_lesson_resumes_from_checkpoints_on_the_server(context: TutorContext) -> None:
    first = Lesson(COURSE, "ana", context=context, engine=ExactEngine())
    assert first.start()[-1].kind == "exercise"
    first.answer("wrong")
    pending = first.pending
    assert pending is not None
    first.close()
    assert not (Path(context.data) / "lessons.sqlite").exists()

    again = Lesson(COURSE, "ana", context=context, engine=ExactEngine())
    resumed = again.start()
    assert resumed[0].kind == "info" and resumed[-1].exercise is not None
    assert resumed[-1].exercise.id == pending.id
    reply = again.answer(again.course.exercise(pending.id).answer)
    assert reply[0].kind == "feedback" and reply[0].correct
    assert [a.correct for a in again.store.attempts("ana", COURSE)] == [False, True]
    shown = again.transcript  # the whole lesson, from the server's transcript table
    assert [m.text for m in shown if m.kind == "learner"][0] == "wrong"
    assert again.message_count() == len(shown)
    again.close()
    with psycopg.connect(context.database_url) as db:
        threads = db.execute("SELECT DISTINCT thread_id FROM checkpoints").fetchall()
        kept = db.execute("SELECT count(*) FROM checkpoints WHERE checkpoint_ns = ''"
                          ).fetchone()[0]
        rows = db.execute("SELECT count(*) FROM lesson_transcript").fetchone()[0]
    assert threads == [(f"ana:{COURSE}",)]
    assert kept == 1  # older checkpoints pruned after each run
    assert rows == len(shown)


def test_an_unreachable_server_is_one_line_without_the_password(postgres_server: str,
                                                                tutor_home: Path) -> None:
    from tutor.testing.servers import free_port

    url = f"postgresql://tutor:s3cret-pw@127.0.0.1:{free_port()}/postgres"
    context = TutorContext.from_env(database_url=url)
    with pytest.raises(StorageError) as caught:
        LearnerStore.default(context)
    message = str(caught.value)
    assert "\n" not in message and "s3cret-pw" not in message
    assert "cannot reach the database" in message and "127.0.0.1" in message
