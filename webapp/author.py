"""Author: upload sources into a course, build it with live progress, review and edit the
concepts and exercises, see where learners stall, and export. Only for authors: every action
goes through ``tutor.author_desk``, which checks the session's author grant."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from tutor import author_desk as desk
from tutor.build_jobs import JobStatus as BuildJob
from tutor.course import Course, Exercise
from tutor.errors import TutorError
from tutor.export import FORMATS, SUFFIXES
from tutor.home import COURSE_FILE, course_dir, slugify
from tutor.ingest.sources import SUFFIXES as SOURCE_SUFFIXES
from tutor.roles import AuthorGrant
from tutor.safety.markup import displayed, inert_markdown
from webapp import author_access, state
from webapp.map_view import map_panel

MIME = {"anki": "application/octet-stream", "gift": "text/plain", "markdown": "text/markdown",
        "graphml": "application/xml", "json": "application/json"}


def pick_course(grant: AuthorGrant) -> str | None:
    names = desk.course_names(grant, state.context())
    new = "➕ New course"
    choice = st.selectbox("Course", [new, *names], key="author_course",
                          format_func=lambda n: n if n == new else state.course_title(n),
                          index=1 + names.index(state.course_name())
                          if state.course_name() in names else 0)
    if choice != new:
        return choice
    title = st.text_input("New course name", key="author_new_name",
                          placeholder="e.g. Linear algebra")
    return slugify(title) if title.strip() else None


def upload(grant: AuthorGrant, name: str) -> None:
    limit = state.context().max_upload_mb
    files = st.file_uploader(f"Add sources (PDF, Markdown, text; up to {limit} MB each)",
                             type=["pdf", "md", "markdown", "txt"], accept_multiple_files=True,
                             key=f"uploads-{name}")
    if files and st.button("Save uploaded files", key="save_uploads"):
        for file in files:
            try:
                path = desk.save_upload(grant, state.context(), name, file.name,
                                        file.getvalue())
            except TutorError as exc:
                st.error(inert_markdown(str(exc)))
            else:
                st.success(inert_markdown(f"Saved {path.name}"))


def build(grant: AuthorGrant, name: str) -> None:
    """Start a build in a worker process and follow it; a reload finds it again."""
    folder = course_dir(name, state.context().home)
    sources = [p.name for p in folder.glob("*")
               if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES]
    st.caption("Sources: " + (inert_markdown(", ".join(sorted(sources))) or "none yet"))
    job = desk.build_status(grant, state.context(), name)
    if job is not None and job.active:
        follow_build(grant, name)
        return
    if job is not None:
        show_build(job)
    if not sources or not st.button("Build course", type="primary", key="build"):
        return
    try:
        desk.start_build(grant, state.context(), name)
    except TutorError as exc:
        st.error(inert_markdown(str(exc)))
        return
    st.rerun()


def show_build(job: BuildJob) -> None:
    """The build's steps so far, its progress, and how it ended."""
    from tutor.study.graph import STEPS

    steps = list(STEPS)
    running = job.active
    label = ("Building the course…" if running else inert_markdown(job.summary)
             if job.summary else "Build ended")
    kind = "running" if running else "complete" if job.state == "done" and not \
        job.failed_sources else "error"
    # Not a `with` block: leaving one would mark a running build complete.
    box = st.status(label, expanded=running or kind == "error", state=kind)
    for step in job.steps:
        box.write(f"▸ {STEPS.get(step, step)}")
    if running:
        position = steps.index(job.step) if job.step in steps else 0
        within = min(1.0, job.done / job.total) if job.total else 0.0
        text = STEPS.get(job.step, job.step or "Starting")
        text += f": {job.done}/{job.total}" if job.total else ""
        if job.message:
            text += f" ({inert_markdown(job.message)})"
        box.progress(min(1.0, (position + within) / len(steps)), text=text)
    for failed in job.failed_sources:
        box.error(inert_markdown(failed))


@st.fragment(run_every=1.0)
def follow_build(grant: AuthorGrant, name: str) -> None:
    """Redrawn every second while the build runs; the whole page reruns when it ends."""
    job = desk.build_status(grant, state.context(), name)
    if job is None or not job.active:
        st.rerun()
    show_build(job)


def edit_exercise_form(grant: AuthorGrant, folder: Path, exercise: Exercise) -> None:
    """Inline editing of one exercise (kept across rebuilds)."""
    with st.expander("Edit this exercise"), st.form(f"edit-ex-{exercise.id}"):
        prompt = st.text_area("Prompt", exercise.prompt, key=f"ex-prompt-{exercise.id}")
        answer = st.text_input("Answer", exercise.answer, key=f"ex-answer-{exercise.id}")
        choices = (st.text_area("Choices, one per line", "\n".join(exercise.choices),
                                key=f"ex-choices-{exercise.id}")
                   if exercise.choices else None)
        explanation = st.text_area("Explanation", exercise.explanation,
                                   key=f"ex-explanation-{exercise.id}")
        if st.form_submit_button("Save exercise"):
            try:
                desk.edit_exercise(grant, folder, exercise.id, prompt=prompt, answer=answer,
                                   choices=choices.splitlines() if choices is not None else None,
                                   explanation=explanation)
            except TutorError as exc:
                st.error(inert_markdown(str(exc)))
            else:
                st.rerun()


def review(grant: AuthorGrant, name: str, course: Course) -> None:
    folder = course_dir(name, state.context().home)
    concepts_tab, exercises_tab, graph_tab, analytics_tab, export_tab = st.tabs(
        ["Concepts", "Exercises", "Graph", "Analytics", "Export"])
    names = {c.id: c.name for c in course.concepts}
    with concepts_tab:
        undefined = [c for c in course.concepts if not c.defined]
        if undefined:
            st.caption(f"{len(undefined)} concept(s) have no definition: the course only says "
                       "something about them. Write a definition to fix one.")
        only_undefined = st.checkbox("Only concepts without a definition",
                                     key="only_undefined", disabled=not undefined)
        st.dataframe([{"id": c.id, "name": c.name, "definition": c.definition,
                       "defined": "yes" if c.defined else "no (a description)",
                       "pages": ", ".join(x.label() for x in c.citations),
                       "exercises": len(course.exercises_for(c.id))}
                      for c in (undefined if only_undefined else course.concepts)],
                     hide_index=True)
        target = st.selectbox("Edit a concept", list(names), format_func=names.__getitem__,
                              key="edit_target")
        if target:
            concept = course.concept(target)
            with st.form(f"edit-{target}"):
                new_name = st.text_input("Name", concept.name)
                new_definition = st.text_area("Definition", concept.definition)
                if st.form_submit_button("Save changes"):
                    try:
                        desk.edit_concept(grant, folder, target, name=new_name,
                                          definition=new_definition)
                    except TutorError as exc:
                        st.error(inert_markdown(str(exc)))
                    else:
                        st.rerun()
            count = len(course.exercises_for(target))
            sure = st.checkbox(f"Yes, delete this concept and its {count} exercise(s)",
                               key="confirm_delete_concept")
            if st.button(f"Delete “{inert_markdown(concept.name)}”", key="delete_concept",
                         disabled=not sure):
                desk.delete_concept(grant, folder, target)
                st.rerun()
    with exercises_tab:
        counts = {cid: len(course.exercises_for(cid)) for cid in names}
        shown = st.selectbox("Concept", list(names), key="exercise_filter",
                             format_func=lambda cid: f"{names[cid]} ({counts[cid]})")
        unreviewed = sum(1 for e in course.exercises if not e.reviewed)
        st.caption(f"{len(course.exercises)} exercises, {unreviewed} not reviewed yet")
        only_new = st.checkbox("Only exercises not reviewed yet", key="only_unreviewed")
        listed = [e for e in (course.exercises_for(shown) if shown else [])
                  if not (only_new and e.reviewed)]
        pending = [e.id for e in listed if not e.reviewed]
        if pending and st.button(f"Mark the {len(pending)} exercise(s) shown as reviewed",
                                 key="approve_shown"):
            desk.mark_reviewed(grant, folder, pending)
            for exercise_id in pending:  # the ticks below follow (their state is kept)
                st.session_state[f"rev-{exercise_id}"] = True
            st.rerun()
        for exercise in listed:
            with st.container(border=True):
                st.markdown(f"**{inert_markdown(names.get(exercise.concept_id, exercise.concept_id))}** · "
                            f"*{exercise.kind.value.replace('_', ' ')}* · `{exercise.id}`")
                st.markdown(displayed(exercise.prompt))
                if exercise.choices:
                    st.markdown("\n".join(f"- {displayed(c)}" + (" ✅" if c == exercise.answer else "")
                                          for c in exercise.choices))
                else:
                    st.markdown(f"Answer: {displayed(exercise.answer)}")
                edit_exercise_form(grant, folder, exercise)
                left, right = st.columns(2)
                reviewed = left.checkbox("Reviewed", value=exercise.reviewed,
                                         key=f"rev-{exercise.id}")
                if reviewed != exercise.reviewed:
                    desk.mark_reviewed(grant, folder, [exercise.id], reviewed)
                    st.rerun()
                if right.button("Delete", key=f"del-{exercise.id}"):
                    desk.delete_exercise(grant, folder, exercise.id)
                    st.rerun()
    with graph_tab:
        map_panel(course, "author_map")
    with analytics_tab:
        learners, attempts, stalls, wrong_answers = desk.analytics_tables(
            grant, course, state.store().course_attempts(course.slug or name))
        st.caption(f"{learners} learner(s), {attempts} attempt(s)")
        if stalls:
            st.markdown("**Where learners stall**")
            st.dataframe(stalls, hide_index=True)
        if wrong_answers:
            st.markdown("**Most common wrong answers**")
            st.dataframe(wrong_answers, hide_index=True)
        if not attempts:
            st.caption("No attempts yet.")
    with export_tab:
        fmt = st.selectbox("Format", FORMATS, key="export_format")
        if fmt:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / f"{course.slug or name}{SUFFIXES[fmt]}"
                desk.export(grant, course, fmt, out)
                st.download_button(f"Download {out.name}", out.read_bytes(), file_name=out.name,
                                   mime=MIME[fmt], key="download",
                                   on_click="ignore")  # no rerun: the page stays on its tab


def main() -> None:
    st.title("Author")
    grant = author_access.author_grant()
    if grant is None:
        author_access.sign_in()
        return
    author_access.sign_out_button()
    name = pick_course(grant)
    if not name:
        st.info("Name the new course to start.")
        return
    upload(grant, name)
    build(grant, name)
    course_file = course_dir(name, state.context().home) / COURSE_FILE
    if course_file.is_file():
        try:
            course = desk.course_with_answers(grant, state.context(), name)
        except TutorError as exc:
            st.error(inert_markdown(str(exc)))
            return
        st.divider()
        review(grant, name, course)


main()
