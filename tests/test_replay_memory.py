"""The sandbox's memory of replayed sessions (no process is started: the worker's answer is
stood in for)."""

from __future__ import annotations

from tutor.engine.offline.code_output.code_sandbox import Sandbox


class CountingSandbox(Sandbox):
    """Answers every session as an echo of its statements, counting what reaches the worker;
    a session with ``"loop"`` in it runs out of time (``None``)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, ...]] = []

    def _replayed(self, statements: tuple[str, ...]) -> tuple[bool, list[str] | None]:
        self.asked.append(statements)
        if any("loop" in s for s in statements):
            return True, None
        return True, [f"{s}\n" for s in statements]


def test_a_session_asked_again_is_answered_from_memory() -> None:
    box = CountingSandbox()
    assert box.replay(["x = 1", "x"]) == ["x = 1\n", "x\n"]
    assert box.replay(["x = 1", "x"]) == ["x = 1\n", "x\n"]
    assert box.asked == [("x = 1", "x")]


def test_the_first_statements_of_a_session_replayed_to_its_end_are_not_replayed_again() -> None:
    box = CountingSandbox()
    box.replay(["a = 1", "b = 2", "a + b"])
    assert box.replay(["a = 1", "b = 2"]) == ["a = 1\n", "b = 2\n"]
    assert box.replay(["a = 1"]) == ["a = 1\n"]
    assert box.asked == [("a = 1", "b = 2", "a + b")]
    assert box.replay(["a = 1", "c = 3"]) == ["a = 1\n", "c = 3\n"]  # not a cut: replayed
    assert len(box.asked) == 2


def test_a_session_that_did_not_end_tells_nothing_of_its_first_statements() -> None:
    box = CountingSandbox()
    assert box.replay(["a = 1", "loop"]) is None
    assert box.replay(["a = 1"]) == ["a = 1\n"]
    assert box.asked == [("a = 1", "loop"), ("a = 1",)]


def test_a_cut_keeps_the_answer_its_own_replay_gave() -> None:
    box = CountingSandbox()
    box.replay(["a = 1"])
    box._known[("a = 1",)] = ["as replayed alone\n"]
    box.replay(["a = 1", "a"])
    assert box.replay(["a = 1"]) == ["as replayed alone\n"]
