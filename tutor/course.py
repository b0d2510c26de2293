"""The course domain model: what the study graph builds and the teach graph teaches from.

A :class:`Course` is saved as ``course.json`` in its course folder. The format is public: other
tools read it. Top level: ``title``, ``concepts``, ``prerequisites``, ``exercises`` (plus
``format_version``, ``sources`` and the build ``report``). Everything here round-trips through
``model_dump(mode="json")`` / ``model_validate``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field, PrivateAttr

FORMAT_VERSION = 1


class Citation(BaseModel):
    """Where in the course material something comes from."""

    source: str
    """File name of the source, relative to the course folder (e.g. ``"notes.pdf"``)."""
    page: int = Field(ge=1)
    """1-based page number (for Markdown and text: the 1-based section number)."""

    def label(self) -> str:
        """Short human label, e.g. ``notes.pdf p. 3``."""
        return f"{self.source} p. {self.page}"


class SourceKind(StrEnum):
    PDF = "pdf"
    MARKDOWN = "markdown"
    TEXT = "text"


class Source(BaseModel):
    """One file of course material."""

    name: str
    """File name relative to the course folder."""
    kind: SourceKind
    pages: int = Field(ge=0)
    """Pages (PDF) or sections (Markdown, text) read."""
    sha256: str = ""
    """Content hash, to tell whether a rebuild is needed."""


class Chunk(BaseModel):
    """A passage of a source: the unit of retrieval and of citation."""

    id: str
    """Stable id: ``<source>#p<page>-<n>``."""
    source: str
    page: int = Field(ge=1)
    text: str
    heading: str = ""
    """The section heading the passage sits under, when known."""
    emphasized: list[str] = Field(default_factory=list)
    """Terms set in bold or italics in this passage (from PDF fonts or Markdown markup)."""
    order: int = 0
    """Global reading order across the course (sources in name order, then pages)."""

    def citation(self) -> Citation:
        return Citation(source=self.source, page=self.page)


class DefinitionKind(StrEnum):
    """What a concept's ``definition`` text is: the book's definition of it, or only what the
    book says about it (a use, a property, a fact) where it never says what it is."""

    DEFINITION = "definition"
    DESCRIPTION = "description"


class Concept(BaseModel):
    """An idea the learner must understand, with its definition and where it is taught."""

    id: str
    """Stable slug, e.g. ``"binary-search"``."""
    name: str
    definition: str
    aliases: list[str] = Field(default_factory=list)
    """Other names for the same concept (abbreviations, plural forms, synonyms)."""
    key_points: list[str] = Field(default_factory=list)
    """Short statements a good explanation of the concept covers (used for grading)."""
    citations: list[Citation] = Field(default_factory=list)
    """Pages that define or explain the concept; the first is the defining page."""
    first_order: int = 0
    """Reading-order position where the concept is introduced."""
    section: str = ""
    """Heading of the section that introduces the concept."""
    definition_kind: DefinitionKind = DefinitionKind.DEFINITION
    """Whether ``definition`` defines the concept or only describes it. Course files written
    before the field existed load as ``definition`` (what every concept was taken for)."""

    @property
    def defined(self) -> bool:
        """Whether the course has a definition of the concept, not only a description."""
        return self.definition_kind is DefinitionKind.DEFINITION


class Prerequisite(BaseModel):
    """``prerequisite`` must be understood before ``concept``."""

    prerequisite: str
    """Id of the concept to learn first."""
    concept: str
    """Id of the concept that depends on it."""
    weight: float = 1.0
    """Strength of the evidence, 0..1."""
    rationale: str = ""
    """Why the edge is there, in one sentence."""


class ExerciseKind(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    CLOZE = "cloze"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"


class ExerciseOrigin(StrEnum):
    """What part of the book an exercise was written from."""

    DEFINITION = "definition"
    EXAMPLE = "example"
    WORKED_EXAMPLE = "worked_example"
    BOOK_EXERCISE = "book_exercise"
    CODE_OUTPUT = "code_output"
    CONTRAST = "contrast"
    RELATION = "relation"
    PROCEDURE = "procedure"
    """A case to act on: the goal a manual states, what to run or choose for it."""
    PURPOSE = "purpose"
    """What a concept the course describes is used for, or which concept meets a need the
    course says it serves."""


USES_THE_IDEA = frozenset({ExerciseOrigin.CODE_OUTPUT, ExerciseOrigin.CONTRAST,
                          ExerciseOrigin.BOOK_EXERCISE, ExerciseOrigin.WORKED_EXAMPLE,
                          ExerciseOrigin.PROCEDURE, ExerciseOrigin.EXAMPLE})
"""Origins whose items ask the learner to use the idea (predict what code prints, work a
step, act on a case, tell one idea from another on a case, pick the example of the idea among
other ideas' examples), save the recognition items among them (:attr:`Exercise.tests_use`).
The definition, the relation ("X builds on Y", keyed to the one sentence that ties the two)
and "what is X used for" ask the learner to recognise or restate a sentence."""
EXAMPLE_USE_MARK = "-example-use-"
"""The id mark of "which idea fills the blank" in an example sentence: the learner names the
idea the quoted sentence is about, recognition of that sentence (origin ``example``)."""
PURPOSE_NEED_MARK = "-purpose-need-"
"""The id mark of the item that asks from a need to the concept that meets it (origin
``purpose``): the learner applies what the idea is for to a case."""
NOTE_DESCRIBES = "the note describes"
"""How a mix-up item's first key point names the idea a classmate's note really describes:
"<idea>: the note describes <idea>"; the second point is "<idea the note was written under>:
<what it really is>" (written by the offline contrast writer, read by the answer matcher)."""


class Exercise(BaseModel):
    """A question about one concept, with its answer and where the answer can be found."""

    id: str
    concept_id: str
    kind: ExerciseKind
    prompt: str
    answer: str
    """The correct answer: the correct choice's text, the cloze word, "True"/"False", or a
    reference answer for short answers."""
    choices: list[str] | None = None
    """Options for multiple choice (the answer is one of them) and true/false."""
    accepted: list[str] = Field(default_factory=list)
    """Other accepted spellings of the answer (cloze aliases)."""
    key_points: list[str] = Field(default_factory=list)
    """For short answers: ideas a good answer mentions."""
    misconceptions: dict[str, str] = Field(default_factory=dict)
    """Wrong choice -> the misconception that choosing it suggests."""
    explanation: str = ""
    """Why the answer is right, shown after the learner has answered or given up."""
    citations: list[Citation] = Field(default_factory=list)
    difficulty: float = Field(default=0.5, ge=0.0, le=1.0)
    reviewed: bool = False
    """Set by an author who has checked the exercise by hand."""
    origin: ExerciseOrigin = ExerciseOrigin.DEFINITION
    """What it was written from: the definition, an example passage, code shown with its
    output, the contrast with a sibling concept, the prerequisite graph..."""
    checked_by: str = ""
    """How a code item's key was checked: ``"execution"`` (the session replayed in the
    sandbox gave the book's output) or ``"page"`` (only against the cited page: the code needs
    a library the sandbox lacks); empty for items keyed to the text."""

    @property
    def is_mix_up(self) -> bool:
        """A classmate's note to diagnose (a contrast whose note gives one idea's description
        under the other's name): matching the note to a definition just read is recall."""
        return self.origin is ExerciseOrigin.CONTRAST and any(
            f": {NOTE_DESCRIBES} " in point for point in self.key_points[:1])

    @property
    def tests_use(self) -> bool:
        """Whether a right answer shows the idea used, not a sentence recognised: evidence of
        mastery beyond the definition (:mod:`tutor.learner.evidence`) and the item that
        teaches in a concept's mix. An item of an origin in :data:`USES_THE_IDEA`, except a
        note to diagnose (:attr:`is_mix_up`) and "which idea fills the blank"
        (:data:`EXAMPLE_USE_MARK`); of origin ``purpose``, only the item from a need
        (:data:`PURPOSE_NEED_MARK`)."""
        if self.origin is ExerciseOrigin.PURPOSE:
            return PURPOSE_NEED_MARK in self.id
        if self.origin is ExerciseOrigin.EXAMPLE and EXAMPLE_USE_MARK in self.id:
            return False
        return self.origin in USES_THE_IDEA and not self.is_mix_up


class FailedSource(BaseModel):
    source: str
    error: str


class BuildReport(BaseModel):
    """What a build did, for the summary and for the author page."""

    engine: str = "offline"
    seconds: float = 0.0
    pages: int = 0
    chunks: int = 0
    concepts: int = 0
    prerequisites: int = 0
    exercises_by_kind: dict[str, int] = Field(default_factory=dict)
    exercises_by_origin: dict[str, int] = Field(default_factory=dict)
    exercises_dropped: int = 0
    """Exercises the checker rejected."""
    drop_reasons: dict[str, int] = Field(default_factory=dict)
    failed_sources: list[FailedSource] = Field(default_factory=list)
    fallbacks: int = 0
    """Steps where the Claude engine failed and the offline engine stood in."""


class Course(BaseModel):
    """A built course: concepts, prerequisite edges and exercises, all cited."""

    format_version: int = FORMAT_VERSION
    title: str
    slug: str = ""
    built_at: str = ""
    """ISO-8601 UTC time of the build."""
    sources: list[Source] = Field(default_factory=list)
    concepts: list[Concept] = Field(default_factory=list)
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    exercises: list[Exercise] = Field(default_factory=list)
    report: BuildReport = Field(default_factory=BuildReport)

    # -- lookups -----------------------------------------------------------------------------
    # Dictionaries built on first use and rebuilt when a list is replaced or changes length
    # (edits assign new lists; model_copy(update=...) too), so every lookup is constant-time.
    _concept_index: dict[str, Concept] | None = PrivateAttr(default=None)
    _concept_key: tuple[int, int] = PrivateAttr(default=(0, -1))
    _exercise_index: dict[str, Exercise] | None = PrivateAttr(default=None)
    _exercise_key: tuple[int, int] = PrivateAttr(default=(0, -1))
    _edge_index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = PrivateAttr(
        default=None)
    _edge_key: tuple[int, int] = PrivateAttr(default=(0, -1))
    _by_concept: dict[str, list[Exercise]] | None = PrivateAttr(default=None)

    def _concepts_by_id(self) -> dict[str, Concept]:
        key = (id(self.concepts), len(self.concepts))
        if self._concept_index is None or self._concept_key != key:
            self._concept_index = {c.id: c for c in reversed(self.concepts)}
            self._concept_key = key
        return self._concept_index

    def _exercises_by_id(self) -> dict[str, Exercise]:
        key = (id(self.exercises), len(self.exercises))
        if self._exercise_index is None or self._exercise_key != key:
            self._exercise_index = {e.id: e for e in reversed(self.exercises)}
            by_concept: dict[str, list[Exercise]] = defaultdict(list)
            for exercise in self.exercises:
                by_concept[exercise.concept_id].append(exercise)
            self._by_concept = dict(by_concept)
            self._exercise_key = key
        return self._exercise_index

    def _edges(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        key = (id(self.prerequisites), len(self.prerequisites))
        if self._edge_index is None or self._edge_key != key:
            needs: dict[str, list[str]] = defaultdict(list)
            needed_by: dict[str, list[str]] = defaultdict(list)
            for edge in self.prerequisites:
                needs[edge.concept].append(edge.prerequisite)
                needed_by[edge.prerequisite].append(edge.concept)
            self._edge_index = (dict(needs), dict(needed_by))
            self._edge_key = key
        return self._edge_index

    def __eq__(self, other: object) -> bool:
        """Courses are equal when their fields are (the lookup dictionaries do not count)."""
        if not isinstance(other, Course):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def has_concept(self, concept_id: str) -> bool:
        """Whether the course has a concept with this id (constant time)."""
        return concept_id in self._concepts_by_id()

    def concept(self, concept_id: str) -> Concept:
        found = self._concepts_by_id().get(concept_id)
        if found is None or found.id != concept_id:  # an item replaced in place: look again
            self._concept_index = None
            found = self._concepts_by_id().get(concept_id)
        if found is None:
            raise KeyError(concept_id)
        return found

    def exercise(self, exercise_id: str) -> Exercise:
        found = self._exercises_by_id().get(exercise_id)
        if found is None or found.id != exercise_id:
            self._exercise_index = None
            found = self._exercises_by_id().get(exercise_id)
        if found is None:
            raise KeyError(exercise_id)
        return found

    def exercises_for(self, concept_id: str) -> list[Exercise]:
        self._exercises_by_id()
        assert self._by_concept is not None
        return list(self._by_concept.get(concept_id, []))

    def prerequisites_of(self, concept_id: str) -> list[str]:
        """Ids of the direct prerequisites of a concept."""
        return list(self._edges()[0].get(concept_id, []))

    def dependents_of(self, concept_id: str) -> list[str]:
        """Ids of the concepts that directly need this one."""
        return list(self._edges()[1].get(concept_id, []))

    def teaching_order(self) -> list[str]:
        """Concept ids in prerequisite order; ties broken by reading order (Kahn's algorithm).

        Raises :class:`ValueError` if the prerequisite edges contain a cycle.
        """
        ids = [c.id for c in sorted(self.concepts, key=lambda c: (c.first_order, c.id))]
        rank = {cid: i for i, cid in enumerate(ids)}
        indegree = {cid: 0 for cid in ids}
        out: dict[str, list[str]] = defaultdict(list)
        for edge in self.prerequisites:
            if edge.prerequisite in indegree and edge.concept in indegree:
                out[edge.prerequisite].append(edge.concept)
                indegree[edge.concept] += 1
        ready = deque(sorted((c for c in ids if indegree[c] == 0), key=rank.__getitem__))
        order: list[str] = []
        while ready:
            current = ready.popleft()
            order.append(current)
            released = []
            for nxt in out[current]:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    released.append(nxt)
            ready.extend(sorted(released, key=rank.__getitem__))
            ready = deque(sorted(ready, key=rank.__getitem__))
        if len(order) != len(ids):
            raise ValueError("the prerequisite edges contain a cycle")
        return order

    # -- persistence -------------------------------------------------------------------------
    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @classmethod
    def load(cls, path: Path) -> Course:
        """Read a ``course.json``; raises :class:`tutor.errors.CourseError` when unusable."""
        from tutor.errors import CourseError

        try:
            return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CourseError(
                f"{path}: no course.json here; build it first with `tutor course build`"
            ) from exc
        except ValueError as exc:
            raise CourseError(
                f"{path}: not a valid course.json ({str(exc).splitlines()[0]}); rebuild the course"
            ) from exc
