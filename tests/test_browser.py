"""The web app in a real browser: Debian chromium driven by playwright against
``streamlit run app.py`` on 127.0.0.1.

A learner creates a profile, answers two exercises, and the course map shows the change. The
test takes a screenshot of each page: into a temporary folder, or into ``$TUTOR_SCREENSHOTS``
when set (``scripts/screenshots.py`` sets it to ``docs/screenshots``). When the browser cannot
start, the test fails: it never skips.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_support import APP, REPO, SAMPLE_NAME, install_sample, prepared_sample
from tutor.context import TutorContext
from tutor.course import Course
from tutor.views.concept_map import MASTERY_BANDS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WAIT_MS = 90_000
NOT_STARTED = MASTERY_BANDS[-1][1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_served(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not serve {url} within 90 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def served_app(tutor_home: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``streamlit run app.py`` on a free port with the sample course; always terminated."""
    install_sample(prepared_sample(tmp_path / "prepared"), tutor_home)
    from tutor.roles import add_author

    add_author(tutor_home / ".tutor", "Grace", "compilers are fun")
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = dict(os.environ, TUTOR_HOME=str(tutor_home), TUTOR_DATA=str(tutor_home / ".tutor"),
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", ANONYMIZED_TELEMETRY="False")
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_served(url, server, log)
        yield url, tutor_home
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("TUTOR_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def node_fills(page) -> dict[str, str]:  # noqa: ANN001
    """Concept id -> fill colour of its node in the rendered concept map (SVG)."""
    page.locator("[data-testid='stGraphVizChart'] svg g.node").first.wait_for(timeout=WAIT_MS)
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
               "[data-testid='stGraphVizChart'] svg g.node")].map(g => [
               g.querySelector('title').textContent,
               (g.querySelector('path, polygon') || {getAttribute: () => ''})
                   .getAttribute('fill')]))"""
    )


def open_page(page, title: str) -> None:  # noqa: ANN001
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT_MS)


def settle(page) -> None:  # noqa: ANN001
    """Wait until the app has finished its current run."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget'] button\")"
        " && !document.querySelector(\"[data-testid='stSpinner']\")")


def select_concept(page, name: str) -> None:  # noqa: ANN001
    """Pick a concept in the course map's selector (retried: a rerun in flight can reset it)."""
    mastery = page.get_by_text(re.compile(r"^Mastery \d+%$"))
    for _ in range(3):
        settle(page)
        page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(
            has_text="Concept").click()
        page.get_by_role("option", name=name, exact=True).click()
        try:
            mastery.wait_for(timeout=10_000)
            return
        except Exception:
            continue
    mastery.wait_for(timeout=1_000)


def test_a_learner_answers_two_exercises_and_the_map_changes(
    served_app: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, home = served_app
    shots = screenshot_dir(tmp_path)
    course = Course.load(home / "courses" / SAMPLE_NAME / "course.json")
    context = TutorContext(home=home, data=home / ".tutor")
    with sync_playwright() as driver:
        try:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # the test must fail loudly, never skip
            pytest.fail(f"chromium could not start from {CHROMIUM}: {exc}")
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(WAIT_MS)
            requested: list[str] = []  # every request the page makes: all to the app itself
            page.on("request", lambda request: requested.append(request.url))
            page.goto(url)
            page.get_by_label("Your name").fill("Ada")
            page.get_by_role("button", name="Create profile").click()
            submit = page.get_by_role("button", name="Submit answer")
            submit.wait_for()

            open_page(page, "Course map")
            before = node_fills(page)
            assert set(before) == {c.id for c in course.concepts}
            assert set(before.values()) == {NOT_STARTED}
            open_page(page, "Learn")

            from tutor.teach.lesson import Lesson

            answered: list[str] = []
            for n in range(1, 3):
                submit.wait_for()
                with Lesson(SAMPLE_NAME, "ada", context=context) as lesson:
                    exercise = lesson.pending
                assert exercise is not None
                solution = course.exercise(exercise.id).answer
                if exercise.choices:
                    page.get_by_test_id("stRadio").locator("label").filter(
                        has_text=re.compile(rf"^{re.escape(solution)}$")).click()
                else:
                    page.get_by_label(re.compile("^Your answer")).fill(solution)
                submit.click()
                expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(n)
                answered.append(exercise.concept_id)
            submit.wait_for()
            settle(page)
            page.get_by_role("button", name="I give up").scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(shots / "learn.png"))

            page.reload()  # a refresh: a new session goes on with the same learner and lesson
            page.get_by_text("Signed in as").wait_for()
            expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(2)
            submit.wait_for()

            open_page(page, "Course map")
            after = node_fills(page)
            changed = {cid for cid in after if after[cid] != before[cid]}
            assert changed, after
            assert changed <= set(answered)
            select_concept(page, course.concept(answered[0]).name)
            settle(page)
            page.screenshot(path=str(shots / "course-map.png"))

            open_page(page, "Progress")
            expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text("2")
            page.get_by_test_id("stVegaLiteChart").first.wait_for()
            page.wait_for_timeout(500)  # let the chart draw
            page.screenshot(path=str(shots / "progress.png"))

            open_page(page, "Author")
            page.get_by_label("Author name").fill("Grace")
            page.get_by_label("Passphrase", exact=True).fill("compilers are fun")
            page.get_by_role("button", name="Sign in as author").click()
            page.get_by_role("tab", name="Concepts").wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(shots / "author.png"))
        finally:
            browser.close()
    foreign = [u for u in requested if not u.startswith((url, "data:", "blob:"))]
    assert requested and foreign == []  # nothing fetched from the internet (icons, fonts...)
    for name in ("learn", "course-map", "progress", "author"):
        assert (shots / f"{name}.png").stat().st_size > 10_000
