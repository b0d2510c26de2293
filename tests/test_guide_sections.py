"""A guide's sections: topics named by headings on practices and legal matters, described by
their openings when the guide never says what the practice is."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import is_licence, matter_chunks
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.guide_books import GUIDE_EVIDENCE, is_guide
from tutor.engine.offline.concepts.section_concepts import add_section_concepts, section_definition
from tutor.engine.offline.concepts.section_topics import topic_name

_GUIDE_RULES = ("You should keep every release signed. Please send patches to the list. Keep "
                "the change log short. Always test before a release. ")


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text.strip() + ".", i, 0, chunk.heading)
            for i, chunk in enumerate(chunks) for text in chunk.text.split(".") if text.strip()]


def test_a_guides_paragraph_on_copyright_is_no_licence_a_notice_is() -> None:
    guide = ("You should maintain a proper copyright notice in each nontrivial file. The "
             "copyright holder may be the author. Each contributor of nontrivial text is a "
             "copyright holder, so the copyright notice may name several.")
    assert not is_licence(guide)
    notice = ("Copyright 2020 A. Author. Permission is granted to copy this manual under the "
              "terms of the licence.")
    assert is_licence(notice)


def test_a_guides_legal_chapter_is_body() -> None:
    chunks = manual_pages(("1 Overview", "This guide is for maintainers of packages."),
                          ("2 Copyright Notices", "You should maintain a proper copyright notice "
                           "in each nontrivial file. The copyright holder may be the author. Each "
                           "contributor is a copyright holder, so the copyright notice may name "
                           "several holders."))
    assert 1 not in matter_chunks(chunks)


def test_headings_on_copyright_and_licensing_name_topics() -> None:
    assert topic_name("6.1 Copyright Papers") == ("copyright paper", [])
    assert topic_name("6.6.1 Licensing of GNU Packages") == ("licensing of GNU packages", [])
    assert topic_name("6.6.3 License Notices for Code")[0] == "license notices for code"
    assert topic_name("Copyright") is None and topic_name("License") is None


def test_an_instruction_opening_a_section_is_its_rule() -> None:
    heading = "6.3 Recording Contributors"
    opening = [Sentence("Keep correct records of which portions were written by whom.", 0, 0,
                        heading)]
    found = section_definition(opening, ["recording contributor"], heading)
    assert found is not None and found[1].startswith("Keep correct records")
    said = [Sentence("Records of which portions were written by whom are kept here.", 0, 0,
                     heading)]
    assert section_definition(said[:0], ["recording contributor"], heading) is None


def test_a_book_is_a_guide_when_many_sentences_prescribe() -> None:
    chunks = manual_pages(("1 Rules", _GUIDE_RULES))
    assert is_guide(_sentences(chunks))
    textbook = manual_pages(("1 Lists", "A list is a sequence of values. Lists are mutable. "
                             "The values are called elements. An index selects one element."))
    assert not is_guide(_sentences(textbook))


_PATCHES = ("12.2 Distribution Patches", "If the program is large, it is useful to make a set "
            "of diffs for each release. Put a short explanation of the version at the front.")


def test_a_guides_section_is_described_by_its_opening() -> None:
    chunks = manual_pages(("1 Rules", _GUIDE_RULES), _PATCHES)
    added = add_section_concepts([], _sentences(chunks), chunks)
    patches = next(d for d in added if d.section == "12.2 Distribution Patches")
    assert patches.name == "distribution patch"
    assert patches.definition.startswith("If the program is large")
    assert GUIDE_EVIDENCE in patches.evidence


def test_a_textbooks_section_with_no_sentence_on_its_topic_adds_nothing() -> None:
    chunks = manual_pages(("1 Lists", "A list is a sequence of values. Lists are mutable. The "
                           "values are called elements. An index selects one element. A slice "
                           "selects several. A nested list holds lists. A string is no list. "
                           "Methods act on lists."), _PATCHES)
    assert not is_guide(_sentences(chunks))
    added = add_section_concepts([], _sentences(chunks), chunks)
    assert all(d.section != "12.2 Distribution Patches" for d in added)


def test_the_authors_narration_describes_no_guides_section() -> None:
    chunks = manual_pages(("1 Rules", _GUIDE_RULES),
                          ("5.3 Identity rules", "The identity predicate is not part of the "
                           "language, but we add it when we need to symbolize sentences."))
    added = add_section_concepts([], _sentences(chunks), chunks)
    assert all(d.section != "5.3 Identity rules" for d in added)


def test_a_tasks_action_is_named_by_a_noun_the_book_uses() -> None:
    book = frozenset("when you receive mail reply to it the conversion of units".split())
    assert topic_name("10.3 Replying to Mail", words=book)[0] == "replying to mail"
    assert topic_name("Converting from units", words=book)[0] == "conversion from unit"


def test_a_tasks_object_keeps_its_number() -> None:
    assert topic_name("5 Recruiting Developers") == ("recruiting developers", [])
    assert topic_name("6.3 Recording Contributors")[0] == "recording contributors"
    assert topic_name("2.2 Regular sequences")[0] == "regular sequence"


def test_a_group_word_after_a_qualifier_is_no_group_of_entries() -> None:
    assert topic_name("3.2 Compatibility with Other Implementations")[0] == (
        "compatibility with other implementation")
    assert topic_name("4.8 Standards for Command Line Interfaces") is not None
    assert topic_name("7.3.1 General CCM interface") is None
