"""The concept map as Graphviz DOT text: prerequisite edges, nodes coloured by mastery; for a
book, one chapter's concepts boxed by section, a concept's neighbourhood, or the chapters alone.

Rendered by the web app with ``st.graphviz_chart`` (no extra dependency) and usable with any
Graphviz tool.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from tutor.course import Concept, Course
from tutor.views.course_outline import chapter_links, chapters, mastered_share

# (lower bound of mastery probability, fill colour, label) from the top down.
MASTERY_BANDS: list[tuple[float, str, str]] = [
    (0.95, "#2e7d32", "mastered"),
    (0.6, "#9ccc65", "getting there"),
    (0.3, "#ffe082", "started"),
    (0.0, "#eeeeee", "not started"),
]

READ_BAND: tuple[str, str] = ("#b3e5fc", "read")
"""(fill colour, label) of a concept never practised but read: taught with no exercise on it,
read, not checked (:meth:`tutor.learner.model.LearnerModel.standing`)."""

LEGEND: list[tuple[str, str]] = [
    *((colour, label) for _, colour, label in MASTERY_BANDS[:-1]),
    READ_BAND,
    MASTERY_BANDS[-1][1:],
]
"""(fill colour, label) of every band the map colours a concept with, from the top down."""


CHAPTER_LINKS = 3
"""Links drawn into each chapter on the chapter map: those with the most prerequisite edges."""


def band(p_known: float | None, read: bool = False) -> tuple[str, str]:
    """(colour, label) of a mastery probability; None = never practised (``read``: but taught
    by reading, as a concept with no exercise is)."""
    if p_known is None:
        return READ_BAND if read else (MASTERY_BANDS[-1][1], MASTERY_BANDS[-1][2])
    for low, colour, label in MASTERY_BANDS:
        if p_known >= low:
            return colour, label
    return MASTERY_BANDS[-1][1], MASTERY_BANDS[-1][2]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _node(concept: Concept, mastery: Mapping[str, float], selected: str | None,
          due: set[str], faded: bool = False, read: Collection[str] = ()) -> str:
    p = mastery.get(concept.id)
    colour, label = band(p, concept.id in read)
    font = "white" if colour == MASTERY_BANDS[0][1] else "black"
    styles = ["rounded", "filled"]
    if concept.id in due:
        styles.append("dashed")
    attrs = [
        f"label={_quote(concept.name)}",
        f'fillcolor="{colour}"',
        f'fontcolor="{font}"',
        f'style="{",".join(styles)}"',
        f"tooltip={_quote(f'{concept.name}: {label}' + (f' ({p:.0%})' if p is not None else ''))}",
    ]
    if concept.id == selected:
        attrs += ['penwidth=3', 'color="#1565c0"']
    elif faded:
        attrs += ['color="#bdbdbd"', 'fontcolor="#757575"', 'fillcolor="#fafafa"']
    return f"{_quote(concept.id)} [{', '.join(attrs)}];"


def concept_map_dot(
    course: Course,
    mastery: Mapping[str, float] | None = None,
    selected: str | None = None,
    due: set[str] | None = None,
    only: Collection[str] | None = None,
    sections: Sequence[tuple[str, Sequence[str]]] = (),
    read: Collection[str] = (),
) -> str:
    """DOT source of the concept graph.

    ``mastery`` maps concept id -> p(known) for the learner (absent = never practised);
    ``read`` concepts never practised are coloured read (taught with no exercise on them);
    ``selected`` is outlined; ``due`` concepts (reviews due) get a dashed border. ``only``
    limits the drawing to those concepts and the edges between them; ``sections`` (title,
    concept ids) draws each group in a labelled box, and the concepts of ``only`` outside every
    group are drawn faded (prerequisites from elsewhere in the book).
    """
    mastery = mastery or {}
    due = due or set()
    drawn = set(only) if only is not None else {c.id for c in course.concepts}
    grouped = {cid for _, ids in sections for cid in ids}
    lines = [
        "digraph concepts {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '  edge [color="#9e9e9e", arrowsize=0.7];',
    ]
    by_id = {c.id: c for c in course.concepts}
    for number, (title, ids) in enumerate(sections):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f'    label={_quote(title)}; style="rounded"; color="#cfd8dc"; '
                     'fontname="Helvetica"; fontsize=10;')
        for cid in ids:
            if cid in drawn and cid in by_id:
                lines.append("    " + _node(by_id[cid], mastery, selected, due, read=read))
        lines.append("  }")
    for concept in course.concepts:
        if concept.id in drawn and concept.id not in grouped:
            lines.append("  " + _node(concept, mastery, selected, due, faded=bool(sections),
                                        read=read))
    for edge in course.prerequisites:
        if edge.prerequisite in drawn and edge.concept in drawn:
            lines.append(f"  {_quote(edge.prerequisite)} -> {_quote(edge.concept)};")
    lines.append("}")
    return "\n".join(lines)


def chapter_map_dot(
    course: Course, mastery: Mapping[str, float] | None = None, selected: str | None = None,
    read: Collection[str] = (),
) -> str:
    """DOT source of the book at a glance: one node per chapter (its concept count, coloured
    by the share mastered), an arrow where a chapter's concepts build on another's (the
    :data:`CHAPTER_LINKS` strongest into each chapter), thicker for more prerequisite edges.
    ``read`` concepts never practised count as read, as on the concept map: the chapter says
    how many, and one with nothing mastered but something read is coloured read."""
    mastery = mastery or {}
    lines = [
        "digraph chapters {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.3, ranksep=0.5];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '  edge [color="#9e9e9e", arrowsize=0.7];',
    ]
    for chapter in chapters(course):
        share = mastered_share(chapter, mastery)
        done = sum(1 for cid in chapter.concepts if cid in read and cid not in mastery)
        colour, _ = band(share if share > 0 else None, read=done > 0)
        count = len(chapter.concepts)
        label = f"{chapter.title}\n{count} concept{'s' if count != 1 else ''}"
        said = f"{chapter.title}: {share:.0%} mastered"
        if done:
            label += f", {done} {READ_BAND[1]}"
            said += f", {done} of {count} {READ_BAND[1]} (no exercise on them)"
        attrs = [f"label={_quote(label)}", f'fillcolor="{colour}"', f"tooltip={_quote(said)}"]
        if chapter.key == selected:
            attrs += ['penwidth=3', 'color="#1565c0"']
        lines.append(f"  {_quote('chapter:' + chapter.key)} [{', '.join(attrs)}];")
    for (a, b), count in sorted(chapter_links(course, CHAPTER_LINKS).items()):
        width = min(1.0 + count / 3, 4.0)
        lines.append(f"  {_quote('chapter:' + a)} -> {_quote('chapter:' + b)} "
                     f'[penwidth={width:.1f}, tooltip="{count} prerequisite link(s)"];')
    lines.append("}")
    return "\n".join(lines)
