"""Steps of the teach graph run back to back in one node, until the learner is waited for.

A lesson checkpoints after every superstep (``durability="sync"``): each node run costs a
checkpoint of the whole state and a stored row per channel it writes. Most of the graph's
steps follow one another without the learner in between (grade, then choose the next concept,
explain it, ask an exercise), so the graph runs them as one node: :func:`chained` runs a step,
asks its route (:data:`Follows`) where the lesson goes next and runs that step on the state
the first one left, until the route names the learner's turn (``wait_for_learner``) or the
end. The node's one update is what the steps did, in order; the next superstep is the wait.
The steps of one run read the learner model once (:meth:`TeachDeps.for_one_run`).

What the learner did is still checkpointed on its own before any step acts on it (the wait is
a node of its own): a step that fails or a process killed half-way is retried from the
learner's action, and every step is written to be replayed (an attempt is recorded once,
:mod:`tutor.teach.attempts`). An answer costs two supersteps: the wait and the steps after it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from tutor.teach.context import TeachDeps
from tutor.teach.state import REPLACE, LessonState, joined

__all__ = ["WAIT", "Follows", "chained", "merged", "transcript_update"]

WAIT = "wait_for_learner"
"""The step that waits for the learner: where a chain of steps stops."""

Step = Callable[..., dict[str, Any]]
Follows = Mapping[str, str | Callable[..., str]]
"""After each step, the step that follows it: a name, or a route reading the state (and the
run's context, when it takes a second argument)."""

MAX_STEPS = 18
"""More steps than any way through the graph takes without the learner (a guard against a
route that would go round in circles)."""


def _takes_runtime(function: Callable[..., Any]) -> bool:
    return len(inspect.signature(function).parameters) > 1


def merged(state: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """``state`` after ``update`` as the graph applies it: the transcript joined (its
    :data:`~tutor.teach.state.REPLACE` marker honoured, not cut to the window yet), every
    other field replaced."""
    out = {**state, **update}
    if "transcript" in update:
        out["transcript"] = joined(state.get("transcript") or [], update["transcript"] or [])
    return out


def transcript_update(before: list[dict[str, Any]],
                      after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The transcript update that turns ``before`` into ``after``: the messages added, after a
    :data:`~tutor.teach.state.REPLACE` marker when some of ``before``'s last ones changed."""
    same = 0
    for old, new in zip(before, after, strict=False):
        if old != new:
            break
        same += 1
    added = list(after[same:])
    if same < len(before):
        return [{"kind": REPLACE, "count": len(before) - same}, *added]
    return added


def chained(first: str, steps: Mapping[str, Step], follows: Follows,
            ends: tuple[str, ...] = (WAIT, END)) -> Callable[..., Command[str]]:
    """A graph node that runs step ``first`` and the steps that follow it (``follows``) until
    one of ``ends``, where the graph goes next."""
    with_runtime = {name: _takes_runtime(step) for name, step in steps.items()}
    routes_with_runtime = {name: _takes_runtime(route) for name, route in follows.items()
                           if callable(route)}

    def node(state: LessonState, runtime: Runtime[TeachDeps]) -> Command[str]:
        runtime = runtime.override(context=runtime.context.for_one_run())
        before: dict[str, Any] = dict(state)
        now, written = before, set[str]()
        name = first
        for _ in range(MAX_STEPS):
            step = steps[name]
            update = step(now, runtime) if with_runtime[name] else step(now)
            written |= update.keys()
            now = merged(now, update)
            route = follows[name]
            if callable(route):
                name = route(now, runtime) if routes_with_runtime[name] else route(now)
            else:
                name = route
            if name in ends:
                break
        else:
            raise RuntimeError(f"the teach graph's steps after {first!r} never reach the learner")
        result = {key: now[key] for key in written - {"transcript"}
                  if key not in before or now[key] != before[key]}
        if "transcript" in written:
            told = transcript_update(list(before.get("transcript") or []), now["transcript"])
            if told:
                result["transcript"] = told
        return Command(update=result, goto=name)

    node.__name__ = first
    node.__doc__ = steps[first].__doc__
    return node
