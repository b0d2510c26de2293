"""Reference entries that run together on the page become concepts, every one of them
(named_entries, named_entry_concepts, reference_entries), in three styles: a DocBook refentry
reference, man pages set as a book, and a Texinfo reference of dotted and hyphenated names."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.engine.offline.concepts.named_entries import find_named_entries
from tutor.engine.offline.concepts.reference_concepts import entry_concepts, with_entries
from tutor.engine.offline.concepts.reference_entries import find_entries
from tutor.engine.port import ConceptDraft

DOCBOOK = manual_pages(
    ("", "Cross ReferencesCross ReferencesCross ReferencesTable of Contentsinsert.xref.page."
     "numberxref.label-page.separatoruse.role.as.xrefstyle Nameinsert.xref.page.number — Turns "
     "page numbers in xrefs on and off Synop-\nsis<xsl:param name=\"insert.xref.page.number\">"
     "no</xsl:param> Description The insert.xref.page.number parameter determines if cross "
     "references in printed output include page number citations. The default value is no, "
     "which means no page number is generated. Namexref.label-\npage.separator — Punctuation "
     "or space separating label from page number in xref Synopsis<xsl:param name=\"xref.label-"
     "page.separator\"><xsl:text> </xsl:text></xsl:param> Description This parameter "
     "specifies the punctuation or space between a label and a page number in a cross "
     "reference. Nameuse.role.as.xrefstyle — Use role attribute for xrefstyle on xref? "
     "Synopsis<xsl:param name=\"use.role.as.xrefstyle\" select=\"1\"></xsl:param> Description "
     "If non-zero, the role attribute on xref selects the cross reference style. Namexref."
     "with.number.and.title — Use number and title in cross references Synopsis<xsl:param "
     "name=\"xref.with.number.and.title\" select=\"1\"></xsl:param> Descrip-"),
    ("", "tion Inserts both the number and the title of the target into the cross reference. "
     "ListsListsListsTable of Contentslist.item.spacing Namelist.item.spacing — What "
     "spacing do you want before list items? Synopsis<xsl:attribute-set name=\"list.item."
     "spacing\"></xsl:attribute-set> Description Specify the spacing required before each "
     "list item."),
    source="xsl.pdf")


def test_docbook_entries_run_together_are_each_a_concept_said_of_their_name():
    drafts = {d.name: d for d in with_entries([], DOCBOOK)}
    assert drafts["insert.xref.page.number"].definition == (
        "The insert.xref.page.number parameter determines if cross references in printed "
        "output include page number citations.")
    assert drafts["xref.label-page.separator"].definition == (  # the line break's hyphen kept
        "The xref.label-page.separator parameter specifies the punctuation or space between a "
        "label and a page number in a cross reference.")
    assert drafts["use.role.as.xrefstyle"].definition == (  # "If non-zero, ..." leans on a case
        "use.role.as.xrefstyle: whether to use role attribute for xrefstyle on xref.")
    crossing = drafts["xref.with.number.and.title"]  # its description over the page break
    assert crossing.definition == ("xref.with.number.and.title inserts both the number and the "
                                   "title of the target into the cross reference.")
    assert [c.page for c in crossing.citations] == [1]
    assert drafts["list.item.spacing"].section == "Lists"


def test_the_synopsis_is_a_key_point_never_the_definition_and_labels_are_no_concepts():
    found = [ConceptDraft(name="Description", definition="Description The value is no."),
             ConceptDraft(name="default value", definition="The default value is no, which means "
                          "no page number is generated.", evidence=["definition"]),
             ConceptDraft(name="option", definition="An option is a setting the command line "
                          "passes to the stylesheets.", evidence=["definition", "heading"])]
    drafts = {d.name: d for d in with_entries(found, DOCBOOK)}
    assert not {"Description", "Synopsis", "Name", "default value"} & set(drafts)
    assert "option" in drafts  # a label of some entries' parts, but a concept the book explains
    entry = drafts["insert.xref.page.number"]
    assert "<xsl:param" not in entry.definition
    assert ('insert.xref.page.number: <xsl:param name="insert.xref.page.number">no</xsl:param>'
            in entry.key_points)
    assert "insert.xref.page.number: Turns page numbers in xrefs on and off" in entry.key_points


def test_the_section_the_entries_run_into_groups_them_and_comes_first():
    drafts = with_entries([], DOCBOOK)
    names = [d.name for d in drafts]
    assert names.index("Cross References") < names.index("insert.xref.page.number")
    group = drafts[names.index("Cross References")]
    assert group.definition.startswith(
        "Cross References is the reference's section on the parameters insert.xref.page.number "
        "(turns page numbers in xrefs on and off), xref.label-page.separator")
    assert {d.section for d in drafts if d.name.startswith("insert.xref")} == {"Cross References"}
    assert "Lists" not in names  # one entry is no section of entries


MAN_PAGES = manual_pages(
    ("User Commands", "NAME\n  frob, unfrob - convert frobnicated files\nSYNOPSIS\n  frob [-v] "
     "FILE...\nDESCRIPTION\n  frob converts each FILE to plain text and writes it to standard "
     "output.\nOPTIONS\n  -v  Say what is done."),
    ("User Commands", "NAME\n  grue - count the words of a file\nSYNOPSIS\n  grue FILE\n"
     "DESCRIPTION\n  With no FILE, read standard input. grue counts the words of FILE.\n"
     "EXAMPLES\n  grue notes.txt"),
    ("User Commands", "the end of the last page. NAME quux - print the quux table SYNOPSIS quux "
     "[-n NUM] DESCRIPTION quux prints the quux table of the system. NAME zork - tidies stale "
     "lock files SYNOPSIS zork DIR DESCRIPTION If DIR is missing, nothing is done."),
    source="man.pdf")


def test_man_pages_set_as_a_book_are_each_a_concept_even_run_together():
    drafts = {d.name: d for d in with_entries([], MAN_PAGES)}
    assert set(drafts) == {"frob", "grue", "quux", "zork"}  # every one, not three a section
    assert drafts["frob"].aliases == ["unfrob"]
    assert drafts["frob"].definition == ("frob converts each FILE to plain text and writes it to "
                                         "standard output.")
    assert drafts["grue"].definition == "grue counts the words of FILE."
    assert drafts["quux"].citations[0].page == 3  # opens mid-page, run into the one before
    assert drafts["zork"].definition == "The zork command tidies stale lock files."
    assert all("[-" not in d.definition for d in drafts.values())  # the synopsis is code


def test_a_book_with_dashes_but_no_labelled_entries_has_no_named_entries():
    prose = manual_pages(("1 Intro", "Name - a word that names. A description - what we say of "
                          "it. Synopsis: a summary.\nEvery name - however short - counts."))
    assert find_named_entries(prose) == []
    assert with_entries([], prose) == []


TEXINFO = manual_pages(
    ("3 Customization", "html.stylesheet [Variable]\nThe CSS stylesheet the generated pages "
     "link to. fill-column [User Option]\nThe column beyond which automatic line-wrapping "
     "happens.\nforward-word &optional count [Command]\nMoves point forward by count words."),
    source="texi.pdf")


def test_texinfo_entries_with_dotted_and_hyphenated_names_keep_their_names():
    drafts = {d.name: d.definition for d in entry_concepts(find_entries(TEXINFO), TEXINFO)}
    assert drafts == {
        "html.stylesheet": "html.stylesheet is the CSS stylesheet the generated pages link to.",
        "fill-column": "fill-column is the column beyond which automatic line-wrapping happens.",
        "forward-word": "The forward-word command moves point forward by count words."}


def test_entries_whose_name_label_the_extraction_lost_open_on_a_line_with_a_code_name():
    chunks = manual_pages(("Graphics", (
        "admon.graphics — Use graphics in admonitions? Synopsis <xsl:param name=\"admon.graphics\" "
        "select=\"0\"/> Description If true, admonitions are presented as graphics.\n"
        "admon.graphics.path — Path to admonition graphics Synopsis <xsl:param name=\"admon."
        "graphics.path\">images/</xsl:param> Description Sets the path to the directory holding "
        "the admonition graphics.\nadmon.style — CSS style attributes for admonitions Synopsis "
        "<xsl:param name=\"admon.style\"/> Description Specifies the CSS style of admonitions.\n"
        "A note - however short - is an admonition. Description of notes follows.")))
    drafts = {d.name: d.definition for d in with_entries([], chunks)}
    assert drafts == {
        "admon.graphics": "admon.graphics: whether to use graphics in admonitions.",
        "admon.graphics.path": ("admon.graphics.path sets the path to the directory holding the "
                                "admonition graphics."),
        "admon.style": "admon.style specifies the CSS style of admonitions."}
