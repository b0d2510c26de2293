"""Candidates that name a setting's value or one instance are not concepts
(:mod:`tutor.engine.offline.concepts.setting_values`)."""

from __future__ import annotations

from tutor.engine.offline.concepts.setting_values import (
    fragment_name,
    not_a_concept,
    one_default,
    one_instance,
    setting_value,
    without_setting_values,
)
from tutor.engine.port import ConceptDraft


def draft(name: str, sentence: str, evidence: tuple[str, ...] = ("definition",),
          aliases: tuple[str, ...] = ()) -> ConceptDraft:
    return ConceptDraft(name=name, definition=sentence, evidence=list(evidence),
                        aliases=list(aliases))


def test_a_value_a_setting_may_take_is_no_concept() -> None:
    assert setting_value("zero", "Zero is an acceptable value, although some processors warn.")
    assert setting_value("period", "The period is the default value.")
    assert setting_value("period", "The period is the default.")
    assert setting_value("yes", "The other choices are yes, which means the file is written.")
    assert setting_value("middle", "Attribute anchor can be 'start', 'middle', 'end' or "
                                   "'numeric' to control where the bullet goes.")


def test_a_kind_or_a_term_said_to_be_a_value_stays() -> None:
    assert not setting_value("null string", "The null string is a valid value.")  # a term
    assert not setting_value("none", "None is a special value that means no result.")
    assert not setting_value("list", "A list is a sequence of values.")
    assert not setting_value("middle", "The middle of a sorted list is its 'median'.")


def test_one_settings_default_is_no_concept_but_a_default_in_general_is() -> None:
    assert one_default("default", "The default is the C preprocessor.")
    assert one_default("default value", "Default value is the empty string.")
    assert one_default("default value", "The default value is a single white space.")
    assert not one_default("default value", "A default value is the value a parameter takes "
                                            "when the call gives none.")
    assert not one_default("default method", "The default method is used when no other "
                                             "method applies.")


def test_a_common_word_said_of_the_one_thing_at_hand_is_no_concept() -> None:
    assert one_instance("file", "The file is a well-formed XML file that holds the styles.")
    assert one_instance("exception", "The exception is when the entries are children of a part.")
    assert not one_instance("file", "A file is a sequence of bytes on a disk.")
    assert not one_instance("library", "The library is a rewrite of the popular but legacy "
                                       "idn library.")  # its kind is "a rewrite"
    assert not one_instance("output file", "The output file is a binary file.")


def test_a_name_that_opens_with_a_preposition_is_a_fragment() -> None:
    assert fragment_name("for convert-ly options")
    assert not fragment_name("formatting options")
    assert not fragment_name("in")


def test_marked_or_widely_used_words_keep_their_concept() -> None:
    instance = "The expression is an R expression that uses the arguments."
    assert not_a_concept(draft("expression", instance))
    assert not not_a_concept(draft("expression", instance, ("definition", "emphasis")))
    assert not not_a_concept(draft("expression", instance, aliases=("grouped expression",)))
    assert not_a_concept(draft("zero", "Zero is an acceptable value.", ("definition", "heading")))


def test_the_filter_keeps_every_other_draft_in_order() -> None:
    drafts = [draft("page margin", "The page margin is the distance from the edge."),
              draft("zero", "Zero is an acceptable value."),
              draft("separator", "A separator is a character between two fields."),
              draft("default", "The default is the C preprocessor.")]
    assert [d.name for d in without_setting_values(drafts)] == ["page margin", "separator"]


def test_a_term_quoted_beside_its_spelled_out_name_is_no_list_of_values() -> None:
    assert not setting_value("MRO", '"MRO" stands for "method resolution order", which is the '
                                    'order Python searches to "resolve" a method.')
    assert setting_value("end", 'The anchor is one of "start", "middle" or "end".')


def test_what_a_value_of_a_setting_means_is_no_concept() -> None:
    assert setting_value("empty value", "Empty value means that you are not using TeX math.")
    assert not setting_value("missing value", "A missing value means the datum is unknown.")
    assert not setting_value("empty string", "Empty string means a string of no characters.")


def test_a_name_cut_before_the_to_its_last_word_needs_is_a_fragment() -> None:
    assert fragment_name("comment prior")  # "called comment prior to DocBook 4.0"
    assert not fragment_name("prior distribution")


def test_a_term_after_values_are_in_another_clause_is_no_listed_value() -> None:
    sentence = ("If the values are in units of cm, for example, probability density is in "
                "units of probability per cm.")
    assert not setting_value("probability density", sentence)
    assert setting_value("no", "The values are yes, no or auto.")


def test_a_glossary_entry_is_kept_whatever_its_sentence_says() -> None:
    assert not not_a_concept(draft("zero", "Zero is an acceptable value.",
                                   ("definition", "glossary")))
