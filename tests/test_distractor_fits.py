"""A choice item offers no distractor whose own description also answers the stem: two
reference entries described alike ("sets the nonce" and "sets the nonce to be used for the next
message") are no fair pair, while two that differ in a word of their own are."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, ExerciseKind
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import answers_alike
from tutor.engine.offline.writing.choice_exercises import also_fits
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.engine.offline.writing.exercises import write_exercises

PAGE = Citation(source="crypto.pdf", page=12)
ENTRIES = {
    "foo_set_nonce": "The foo_set_nonce function sets the nonce.",
    "bar_set_nonce": "The bar_set_nonce function sets the nonce to be used for the next message.",
    "foo_set_counter": "The foo_set_counter function sets the block counter.",
    "foo_crypt": "The foo_crypt function encrypts or decrypts the data of a message, using Foo.",
    "bar_crypt": "The bar_crypt function encrypts or decrypts the data of a message, using Bar.",
    "baz_crypt": "The baz_crypt function encrypts or decrypts the data of a message.",
    "foo_digest": "The foo_digest function extracts the digest, writing it to dst.",
    "foo_sign": "The foo_sign function creates a signature from the given digest, using the "
                "private key x.",
    "bar_sign": "The bar_sign function creates a signature from the given context or digest.",
    "bar_verify": "The bar_verify function checks a signature from the given context or digest.",
    "FOO_CTX": "The FOO_CTX macro expands to a struct with ctx and iv.",
    "BAR_CTX": "The BAR_CTX macro expands to a struct with ctx and ctr.",
}
TEXT = " ".join(ENTRIES.values())
PASSAGES = [Chunk(id="crypto.pdf#p12-0", source="crypto.pdf", page=12, text=TEXT)]


def entry(name: str) -> Concept:
    return Concept(id=name.lower().replace("_", "-"), name=name, definition=ENTRIES[name],
                   citations=[PAGE])


def sibling(name: str) -> Sibling:
    return Sibling(entry(name), 0.8, None)


def fits(distractor: str, concept: str) -> bool:
    material = gather(entry(concept), term_variants(concept), PASSAGES)
    return also_fits(sibling(distractor), material)


def test_a_description_within_the_other_on_the_same_verb_also_answers() -> None:
    assert fits("bar_set_nonce", "foo_set_nonce")  # it sets the nonce too
    assert fits("foo_set_nonce", "bar_set_nonce")
    assert fits("baz_crypt", "foo_crypt")  # the stem's "using Foo" is all that tells them apart
    assert fits("foo_crypt", "baz_crypt")
    assert fits("bar_sign", "foo_sign")  # one of its alternatives is enough
    assert fits("foo_sign", "bar_sign")


def test_descriptions_differing_in_a_word_of_their_own_do_not() -> None:
    assert not fits("foo_set_counter", "foo_set_nonce")  # another object
    assert not fits("bar_crypt", "foo_crypt")  # "using Bar" against "using Foo"
    assert not fits("BAR_CTX", "FOO_CTX")  # spelled alike, "ctr" against "iv"
    assert not fits("foo_digest", "foo_set_nonce")
    assert not fits("bar_verify", "bar_sign")  # the same words after another verb


def test_the_kind_of_entry_does_not_set_two_descriptions_apart() -> None:
    assert answers_alike("The macro sets the nonce.",
                         "The function sets the nonce to be used for the next message.")
    # past the subject a kind's word is a word of its own
    assert not answers_alike("The command changes the default style for data plots.",
                             "The command changes the default style for function plots.")


def test_descriptions_opening_on_a_noun_are_told_apart_by_what_follows() -> None:
    # a book's definitions: the same kind named first, its words turning up in a longer
    # description, is no description of the same thing
    assert not answers_alike("a list that is an element of another list",
                             "a list that contains no elements, made with empty brackets")
    assert not answers_alike("a predicate that applies to nothing in the domain",
                             "the set of members of the domain to which the predicate applies")
    assert not answers_alike("a test that asks about an effect of either sign",
                             "a test that asks about an effect with the same sign")
    assert answers_alike("A value that a function returns.",
                         "a value that a function returns")  # the same words


def test_the_term_item_offers_only_distractors_that_do_not_fit() -> None:
    related = [entry(n) for n in ENTRIES if n != "foo_set_nonce"]
    items = [e for e in write_exercises(entry("foo_set_nonce"), related, PASSAGES)
             if e.kind is ExerciseKind.MULTIPLE_CHOICE and "foo_set_nonce" == e.answer]
    assert items, "the entry still gets its term item from the other siblings"
    for item in items:
        assert "bar_set_nonce" not in (item.choices or [])
