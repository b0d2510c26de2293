"""The concept map as Graphviz DOT text: prerequisite edges, nodes coloured by mastery.

Rendered by the web app with ``st.graphviz_chart`` (no extra dependency) and usable with any
Graphviz tool.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.course import Course

# (lower bound of mastery probability, fill colour, label) from the top down.
MASTERY_BANDS: list[tuple[float, str, str]] = [
    (0.95, "#2e7d32", "mastered"),
    (0.6, "#9ccc65", "getting there"),
    (0.3, "#ffe082", "started"),
    (0.0, "#eeeeee", "not started"),
]


def band(p_known: float | None) -> tuple[str, str]:
    """(colour, label) of a mastery probability; None = never practised."""
    if p_known is None:
        return MASTERY_BANDS[-1][1], MASTERY_BANDS[-1][2]
    for low, colour, label in MASTERY_BANDS:
        if p_known >= low:
            return colour, label
    return MASTERY_BANDS[-1][1], MASTERY_BANDS[-1][2]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def concept_map_dot(
    course: Course,
    mastery: Mapping[str, float] | None = None,
    selected: str | None = None,
    due: set[str] | None = None,
) -> str:
    """DOT source of the concept graph.

    ``mastery`` maps concept id -> p(known) for the learner (absent = never practised);
    ``selected`` is outlined; ``due`` concepts (reviews due) get a dashed border.
    """
    mastery = mastery or {}
    due = due or set()
    lines = [
        "digraph concepts {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '  edge [color="#9e9e9e", arrowsize=0.7];',
    ]
    for concept in course.concepts:
        p = mastery.get(concept.id)
        colour, label = band(p)
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
        lines.append(f"  {_quote(concept.id)} [{', '.join(attrs)}];")
    for edge in course.prerequisites:
        lines.append(f"  {_quote(edge.prerequisite)} -> {_quote(edge.concept)};")
    lines.append("}")
    return "\n".join(lines)
