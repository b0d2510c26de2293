"""The cyclic garbage collector while a build runs: the objects made before it are left alone and
young collections come less often, until the last build of the process ends."""

from __future__ import annotations


def test_young_collections_are_fewer_while_builds_run_and_restored_after_the_last() -> None:
    import gc

    from tutor.study import build

    before = gc.get_threshold()
    first, second = build._earlier_objects_left_alone(), build._earlier_objects_left_alone()
    first.__enter__()
    assert gc.get_threshold() == (build.YOUNG_OBJECTS, *before[1:])
    second.__enter__()  # another build of the same process (the app)
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == build.YOUNG_OBJECTS  # the other build still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
