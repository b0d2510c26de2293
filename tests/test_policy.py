"""The teaching policy: due reviews first, then the frontier; routing after a grade."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tutor.course import Concept, Course, Prerequisite
from tutor.learner.model import ConceptMastery, LearnerModel
from tutor.learner.review import new_card, rating_for, retrievability, review
from tutor.teach.policy import (
    REST_AFTER,
    REVIEW_FIRST_BELOW,
    NextStep,
    back_to_blocker,
    candidates,
    choose_next,
    faded_prerequisite,
    past_cleared,
    route_after_grade,
    teaching_order,
    weakest_prerequisite,
)

NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def course() -> Course:
    """a -> b -> d, a -> c -> d; e stands alone (read last)."""
    ids = ["a", "b", "c", "d", "e"]
    edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    return Course(
        title="Graph",
        concepts=[Concept(id=i, name=i, definition=i, first_order=n) for n, i in enumerate(ids)],
        prerequisites=[Prerequisite(prerequisite=p, concept=c) for p, c in edges],
    )


def model(**p_known: float) -> LearnerModel:
    return LearnerModel(
        learner_id="ada",
        course="graph",
        concepts={cid: ConceptMastery(concept_id=cid, p_known=p) for cid, p in p_known.items()},
    )


def with_due(base: LearnerModel, concept_id: str, due: datetime) -> LearnerModel:
    concepts = dict(base.concepts)
    concepts[concept_id] = base.mastery(concept_id).model_copy(
        update={"due": due, "attempts": 3, "card": {}}
    )
    return base.model_copy(update={"concepts": concepts})


def test_starts_with_the_roots_in_reading_order() -> None:
    step = choose_next(course(), model(), NOW)
    assert (step.concept_id, step.reason) == ("a", "frontier")


def test_frontier_is_the_least_mastered_ready_concept() -> None:
    # a mastered: b, c and e are ready; c is the least mastered
    step = choose_next(course(), model(a=0.97, b=0.6, c=0.3, e=0.5), NOW)
    assert (step.concept_id, step.reason) == ("c", "frontier")
    # ties follow teaching order
    assert choose_next(course(), model(a=0.97, b=0.3, c=0.3, e=0.3), NOW).concept_id == "b"


def test_concepts_wait_for_their_prerequisites() -> None:
    step = choose_next(course(), model(a=0.97, b=0.97, c=0.5, d=0.05, e=0.97), NOW)
    assert step.concept_id == "c"  # d is less known but c is not mastered yet


def test_due_review_comes_first() -> None:
    state = model(a=0.97, b=0.2)
    state = with_due(state, "a", NOW - timedelta(hours=1))
    assert choose_next(course(), state, NOW).model_dump() == {"concept_id": "a", "reason": "review"}
    later = with_due(state, "a", NOW + timedelta(days=1))
    assert choose_next(course(), later, NOW).reason == "frontier"


def test_done_when_everything_is_mastered_and_nothing_is_due() -> None:
    everything = model(a=0.96, b=0.96, c=0.96, d=0.96, e=0.96)
    assert choose_next(course(), everything, NOW).model_dump() == {
        "concept_id": None,
        "reason": "done",
    }
    due = with_due(everything, "d", NOW)
    assert choose_next(course(), due, NOW).concept_id == "d"


def test_weakest_prerequisite_is_transitive() -> None:
    assert weakest_prerequisite(course(), model(a=0.2, b=0.5, c=0.97), "d") == "a"
    assert weakest_prerequisite(course(), model(a=0.97, b=0.5, c=0.4), "d") == "c"
    assert weakest_prerequisite(course(), model(a=0.97, b=0.97, c=0.97), "d") is None
    assert weakest_prerequisite(course(), model(), "a") is None


def test_route_right_answer_advances() -> None:
    route = route_after_grade(course(), model(a=0.97), "b", True, 0)
    assert (route.action, route.concept_id) == ("advance", None)


def test_route_first_wrong_answer_reexplains() -> None:
    route = route_after_grade(course(), model(a=0.97), "b", False, 1)
    assert (route.action, route.concept_id) == ("reexplain", "b")


def test_route_repeated_wrong_steps_back_to_the_weakest_prerequisite() -> None:
    route = route_after_grade(course(), model(a=0.5, b=0.97, c=0.97), "d", False, 2)
    assert (route.action, route.concept_id) == ("step_back", "a")


def held(base: LearnerModel, concept_id: str, p_known: float = 0.9) -> LearnerModel:
    """``base`` with ``concept_id`` known well enough to build on, held short of mastery for
    want of proof (its attempts carried their exercises' origins)."""
    concepts = dict(base.concepts)
    concepts[concept_id] = ConceptMastery(concept_id=concept_id, p_known=p_known,
                                          evidence_tracked=True)
    return base.model_copy(update={"concepts": concepts})


def test_route_never_steps_back_to_a_known_prerequisite_and_rests_instead() -> None:
    state = held(model(a=0.99, b=0.96), "c")  # c: held short of mastery, but known
    assert route_after_grade(course(), state, "d", False, 2).action == "hint"
    for fails in range(REST_AFTER, REST_AFTER + 3):
        rest = route_after_grade(course(), state, "d", False, fails)
        assert (rest.action, rest.concept_id) == ("rest", "d")
    # ...unless it was last practised before today: known once, maybe not now (checked once
    # a day)
    stale = seen(seen(state, "b", NOW - timedelta(days=3)), "c", NOW - timedelta(days=1))
    back = route_after_grade(course(), stale, "d", False, 2, now=NOW)
    assert (back.action, back.concept_id) == ("step_back", "b")
    assert route_after_grade(course(), stale, "d", False, 2).action == "hint"  # no clock given
    checked = seen(seen(stale, "b", NOW), "c", NOW - timedelta(hours=1))
    assert route_after_grade(course(), checked, "d", False, 2, now=NOW).action == "hint"


def seen(base: LearnerModel, concept_id: str, at: datetime) -> LearnerModel:
    """``base`` with ``concept_id`` last practised at ``at`` (no FSRS card: recall unknown)."""
    concepts = dict(base.concepts)
    concepts[concept_id] = base.mastery(concept_id).model_copy(
        update={"last_seen": at, "attempts": 3})
    return base.model_copy(update={"concepts": concepts})


def test_route_without_prerequisites_hints_then_rests() -> None:
    assert route_after_grade(course(), model(), "a", False, 2, hints_used=1).action == "hint"
    assert route_after_grade(course(), model(), "a", False, 2, hints_used=3).action == "reexplain"
    assert route_after_grade(course(), model(), "a", False, REST_AFTER).action == "rest"


def test_a_prerequisite_known_but_not_yet_proven_opens_its_dependants() -> None:
    waiting = held(model(), "a")  # at READY: known well enough to build on, not mastered
    assert not waiting.is_mastered("a") and waiting.is_ready("a")
    assert choose_next(course(), waiting, NOW).concept_id in {"b", "c"}
    untracked = model(a=0.9)  # without the evidence rule, 0.9 is simply not mastered yet
    assert not untracked.is_ready("a")
    assert choose_next(course(), untracked, NOW).concept_id not in {"b", "c"}


def test_skipped_concepts_are_passed_over() -> None:
    assert choose_next(course(), model(), NOW, skip={"a"}).concept_id == "e"
    assert choose_next(course(), model(), NOW, skip={"a", "e"}).concept_id is None


def test_teaching_order_memo_follows_the_course() -> None:
    first = course()
    assert teaching_order(first) == first.teaching_order() == ["a", "b", "c", "d", "e"]
    changed = first.model_copy(
        update={"prerequisites": [*first.prerequisites, Prerequisite(prerequisite="e", concept="a")]}
    )
    assert teaching_order(changed) == ["e", "a", "b", "c", "d"]


def reviewed(base: LearnerModel, concept_id: str, answers: list[bool]) -> LearnerModel:
    """``base`` with a real FSRS card for ``concept_id`` after ``answers`` given at NOW."""
    card = new_card(NOW)
    due = NOW
    for right in answers:
        card, due = review(card, rating_for(right), NOW)
    concepts = dict(base.concepts)
    concepts[concept_id] = base.mastery(concept_id).model_copy(
        update={"due": due, "attempts": len(answers), "card": card}
    )
    return base.model_copy(update={"concepts": concepts})


def test_a_fresh_due_review_waits_behind_new_material_until_recall_drops() -> None:
    # a was learnt after two errors: FSRS says due tomorrow, recall then about 0.7
    state = reviewed(model(a=0.97, b=0.2), "a", [False, False, True, True])
    card, due_at = state.mastery("a").card, state.mastery("a").due
    assert card is not None and due_at is not None
    assert retrievability(card, due_at) > REVIEW_FIRST_BELOW
    assert choose_next(course(), state, due_at).reason == "frontier"  # still fresh: b first
    much_later = due_at + timedelta(days=30)
    assert retrievability(card, much_later) < REVIEW_FIRST_BELOW
    assert choose_next(course(), state, much_later).model_dump() == {
        "concept_id": "a",
        "reason": "review",
    }
    # with the course mastered, a due review is taken even while fresh
    done = reviewed(model(a=0.97, b=0.97, c=0.97, d=0.97, e=0.97), "a", [True])
    at = done.mastery("a").due
    assert at is not None and choose_next(course(), done, at).concept_id == "a"
    # ...but not while something is left to learn: it waits for its recall to drop
    learning = reviewed(model(a=0.97, b=0.5), "a", [True])
    assert "a" not in [s.concept_id for s in candidates(course(), learning, at)]


def test_a_concept_used_up_today_with_a_right_answer_opens_its_dependants_for_the_day() -> None:
    def answered(base: LearnerModel, concept_id: str, right: int, wrong: int) -> LearnerModel:
        concepts = dict(base.concepts)
        concepts[concept_id] = base.mastery(concept_id).model_copy(
            update={"attempts": right + wrong, "correct": right, "p_known": 0.4,
                    "last_correct": right > 0})  # the right one came last
        return base.model_copy(update={"concepts": concepts})

    # a's exercises are used up today and the learner got one right (perhaps after misses)
    assert past_cleared(course(), answered(model(), "a", 2, 1), ["a"]) == ["b", "c"]
    assert past_cleared(course(), answered(model(), "a", 1, 2), ["a"]) == ["b", "c"]
    # ...but not when none was right (misses or a give-up): the day ends, b and c wait
    assert past_cleared(course(), answered(model(), "a", 0, 1), ["a"]) == []
    assert past_cleared(course(), answered(model(), "a", 0, 3), ["a"]) == []
    assert past_cleared(course(), answered(model(), "a", 2, 0), []) == []  # nothing used up
    # d needs b and c: both must be used up and shown
    shown = answered(answered(held(model(), "a"), "b", 1, 0), "c", 1, 0)
    assert past_cleared(course(), shown, ["b"]) == []  # c is neither ready nor used up
    assert past_cleared(course(), shown, ["b", "c"]) == ["d"]
    assert past_cleared(course(), shown, ["b", "c"], skip={"d"}) == []


def test_a_prerequisite_with_strong_recent_evidence_is_not_checked_again() -> None:
    stale = seen(held(model(), "c"), "b", NOW - timedelta(days=1))
    card, _ = review(new_card(NOW - timedelta(days=1)), rating_for(True, 0, False),
                     NOW - timedelta(days=1))
    concepts = dict(stale.concepts)
    b = concepts["b"].model_copy(update={"card": card, "p_known": 0.96})
    concepts["b"] = b
    fresh = stale.model_copy(update={"concepts": concepts})
    assert retrievability(card, NOW) < 0.97  # faded enough to be checked...
    assert faded_prerequisite(course(), fresh, "d", NOW) == "b"  # ...without proof of mastery
    proven = b.model_copy(update={"evidence_tracked": True,
                                  "origins": ["definition", "example"]})
    concepts["b"] = proven
    known = stale.model_copy(update={"concepts": concepts})
    assert faded_prerequisite(course(), known, "d", NOW) is None  # proven and remembered
    later = NOW + timedelta(days=30)  # proven, but its recall has dropped since
    assert retrievability(card, later) < 0.9
    assert faded_prerequisite(course(), known, "d", later) == "b"


def test_a_dependant_tried_today_and_missed_is_not_opened_again_that_day() -> None:
    shown = held(model(), "a", 0.4).model_copy()
    concepts = dict(shown.concepts)
    concepts["a"] = concepts["a"].model_copy(update={"attempts": 3, "correct": 1,
                                                     "last_correct": True})
    shown = shown.model_copy(update={"concepts": concepts})
    assert past_cleared(course(), shown, ["a"], now=NOW) == ["b", "c"]
    missed = seen(shown, "b", NOW - timedelta(minutes=5))  # b tried today, never right
    assert past_cleared(course(), missed, ["a"], now=NOW) == ["c"]
    assert past_cleared(course(), missed, ["a"], now=NOW + timedelta(days=1)) == ["b", "c"]
    concepts = dict(missed.concepts)  # b answered right today (even after a try): it stays open
    concepts["b"] = concepts["b"].model_copy(update={"correct": 1})
    right = missed.model_copy(update={"concepts": concepts})
    assert past_cleared(course(), right, ["a"], now=NOW) == ["b", "c"]


def test_the_check_of_what_blocks_asks_only_what_is_worth_asking() -> None:
    stale = seen(held(model(), "c"), "b", NOW - timedelta(days=1))
    card, _ = review(new_card(NOW - timedelta(days=1)), rating_for(True, 0, False),
                     NOW - timedelta(days=1))
    concepts = dict(stale.concepts)
    concepts["b"] = concepts["b"].model_copy(update={"card": card, "p_known": 0.96})
    state = stale.model_copy(update={"concepts": concepts})
    assert back_to_blocker(course(), state, NOW, ["d"], set(), lambda cid: True) == "b"
    assert back_to_blocker(course(), state, NOW, ["d"], set(), lambda cid: cid != "b") is None
    assert back_to_blocker(course(), state, NOW, ["d"], {"b"}, lambda cid: True) is None
    assert back_to_blocker(course(), state, NOW, [], set(), lambda cid: True) is None


def test_a_concept_passed_over_after_a_right_answer_sends_no_check_back() -> None:
    stale = seen(held(model(), "c"), "b", NOW - timedelta(days=1))
    card, _ = review(new_card(NOW - timedelta(days=1)), rating_for(True, 0, False),
                     NOW - timedelta(days=1))
    concepts = dict(stale.concepts)
    concepts["b"] = concepts["b"].model_copy(update={"card": card, "p_known": 0.96})
    concepts["d"] = ConceptMastery(concept_id="d", attempts=1, correct=0, last_correct=False)
    missed = stale.model_copy(update={"concepts": concepts})
    assert back_to_blocker(course(), missed, NOW, ["d"], set(), lambda cid: True) == "b"
    concepts["d"] = concepts["d"].model_copy(update={"correct": 1, "last_correct": True})
    right = stale.model_copy(update={"concepts": concepts})
    # d used up today after a right answer: nothing is in its way, b is not checked
    assert back_to_blocker(course(), right, NOW, ["d"], set(), lambda cid: True) is None


def test_a_mastered_course_reviews_what_was_practised_longest_ago_when_nothing_is_due() -> None:
    everything = model(a=0.96, b=0.96, c=0.96, d=0.96, e=0.96)
    old = seen(seen(everything, "c", NOW - timedelta(days=9)), "a", NOW - timedelta(days=3))
    steps = candidates(course(), old, NOW)
    assert [s.concept_id for s in steps] == ["c", "a"]  # practised ones, longest ago first
    assert {s.reason for s in steps} == {"review"}
    # not while anything is left to learn: the day ends instead
    learning = seen(old, "e", NOW).model_copy()
    concepts = dict(learning.concepts)
    concepts["e"] = concepts["e"].model_copy(update={"p_known": 0.5})
    assert candidates(course(), learning.model_copy(update={"concepts": concepts}), NOW) == [
        NextStep(concept_id="e", reason="frontier")]


def test_a_prerequisite_whose_latest_answer_was_a_miss_holds_its_dependants_back() -> None:
    lucky = model(a=0.4)
    concepts = dict(lucky.concepts)
    concepts["a"] = concepts["a"].model_copy(update={"attempts": 3, "correct": 1,
                                                     "last_correct": False})
    missed = lucky.model_copy(update={"concepts": concepts})
    assert past_cleared(course(), missed, ["a"]) == []
    concepts["a"] = concepts["a"].model_copy(update={"last_correct": True})
    assert past_cleared(course(), missed.model_copy(update={"concepts": concepts}),
                        ["a"]) == ["b", "c"]
