"""A concept defined by naming a kind the sentence describes is judged defined; a naming of
what a narrative said, or of one thing, is not."""

from __future__ import annotations

import pytest

from tutor.course import DefinitionKind
from tutor.engine.offline.definitions.definition_kind import defines, judge_definitions
from tutor.engine.offline.definitions.namings import names_kind, restates_what_it_names
from tutor.engine.port import ConceptDraft

BEFORE = "We assume from now on that every message reaches its reader exactly once."


@pytest.mark.parametrize(("terms", "text"), [
    (["idempotent"], BEFORE + " Protocols that make this assumption are called idempotent, "
                              "which means safe to repeat."),
    (["blocking call"], "A call that waits for its result before it returns control is called "
                        "blocking."),
    (["ordered channel"], BEFORE + " Channels that behave in this way are called ordered."),
    (["frame"], "The network splits a message into small pieces we will refer to as frames."),
    (["session"], "When a client connects, a new context (called the session) is made, whose "
                  "lifetime ends with the connection."),
    (["cursor"], "Each time a query runs a small structure called a cursor is created and kept "
                 "in memory."),
    (["stream protocols"], "Some network protocols, called stream protocols, have an order "
                           "for the bytes they carry."),
    (["handshake"], "Each side sends a greeting and waits for the other's greeting. This "
                    "exchange of greetings between the two sides of a connection is called a "
                    "'handshake', a term from telephony."),
    (["transcript"], "A transcript records every message a client sent and received. We call "
                     "this record a transcript of the session."),
])
def test_a_kind_named_defines(terms: list[str], text: str) -> None:
    assert defines(text, terms)


@pytest.mark.parametrize(("terms", "text"), [
    (["ordered channel"], "Channels that behave in this way are called ordered."),
    (["problem of lost messages"], "If a reader never answers, the writer cannot tell why. "
                                   "This is the problem of lost messages, and we return to it "
                                   "later."),
    (["halting problem"], "This is called the halting problem."),
    (["Traceback"], "After an error a special variable called Traceback is placed in the "
                    "workspace."),
    (["class size paradox"], "We call this example the class size paradox."),
])
def test_a_naming_that_does_not_say_what_it_names_does_not_define(terms: list[str],
                                                                  text: str) -> None:
    assert not defines(text, terms)


def test_the_name_without_its_head_word_names_the_subjects_kind() -> None:
    sentence = "Caches that hold every result of a query are called complete."
    assert names_kind([sentence], ["complete cache"])
    assert not names_kind([sentence], ["complete index"])


def test_a_pointing_subject_reads_alone_only_when_it_restates_what_it_points_at() -> None:
    assert restates_what_it_names("This pairing of a request with the answer it gets is "
                                  "called a round trip.", ["round trip"])
    assert not restates_what_it_names("This pairing is called a round trip.", ["round trip"])


@pytest.mark.parametrize(("terms", "text"), [
    (["buffer"], "Buffers are another kind of temporary storage."),
    (["session's timeout"], "A session's timeout is the time that the server waits for a "
                            "request."),
    (["record"], "We define a record of the log as any line that holds a time stamp."),
    (["message"], "So we will say that a message is anything a client can send."),
    (["queue"], "Queues can be thought of as lines of tasks waiting for a worker."),
    (["soundness"], "A checker is sound if it never accepts a wrong proof."),
    (["consistency"], "A set of rules is consistent if no two of them contradict each other."),
])
def test_more_shapes_of_a_definition(terms: list[str], text: str) -> None:
    assert defines(text, terms)


def test_the_naming_sentence_that_restates_what_it_names_is_shown_alone() -> None:
    draft = ConceptDraft(name="round trip", definition=(
        "The client waits for that answer before it goes on. This pairing of a request with "
        "the answer it gets is called a round trip."))
    judge_definitions([draft], [], [])
    assert draft.definition_kind is DefinitionKind.DEFINITION
    assert draft.definition == ("This pairing of a request with the answer it gets is called "
                                "a round trip.")


def test_a_pronoun_named_after_a_clause_or_a_narrative_which_does_not_define() -> None:
    assert not defines("For short files, the quick check is good enough, but for long ones it "
                       "misses errors. Because of this weakness, it is called a shallow check.",
                       ["shallow check"])
    assert not defines("What I show here is a part of all three methods that most people use, "
                       "which I will call plain testing.", ["plain testing"])


@pytest.mark.parametrize(("terms", "text"), [
    (["hashing"], "The store applies hashing, which means it turns each key into a number."),
    (["deque"], "The module also provides deque, which is like a list except that both ends "
                "are cheap to change."),
    (["pages"], "The store splits each file into fixed-size blocks, called pages, and keeps "
                "the pages in memory."),
    (["branch"], 'A second line of work on the same files is a "branch", in which changes '
                 "stay apart until they are merged."),
])
def test_a_gloss_after_the_name_or_a_kind_named_as_complement_defines(terms: list[str],
                                                                     text: str) -> None:
    assert defines(text, terms)


def test_an_example_named_as_complement_does_not_define() -> None:
    assert not defines("A good example is the branch.", ["branch"])
