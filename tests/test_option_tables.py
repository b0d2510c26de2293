"""A tool's table of options becomes one concept, the command's options, defined by what its
first options do; bare flags explained in prose, or a couple of options, give none."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.option_tables import find_tables, option_concepts
from tutor.engine.offline.concepts.reference_concepts import with_entries
from tutor.engine.port import ConceptDraft

ONE_LINE = ("5.1 Options\nfrob recognizes these commands:\n-h, --help Print help and exit\n"
            "-V, --version Print version and exit\n-d, --decode Decode the name\n"
            "-l, --lookup Look up the name (default)\n-r, --register Register label\n"
            "--no-check Disable checking\n--debug Print debugging information\n")
TWO_LINE = ("Using grind to Build Scripts\ngrind accepts the following options:\n--help\n"
            "-h Print a summary of the command line options and exit.\n--verbose\n"
            "-v Report processing steps.\n--force\n-f Remake the script even if newer.\n"
            "--include=dir\n-I dir Append dir to the include path. Multiple invocations "
            "accumulate.\n--output=file\n-o file Save output to file.\n")
FLAGS_IN_PROSE = ("Command line options\nPlot accepts the following options on the command "
                  "line\n-V, --version\n-h, --help\n-p --persist\n-d --default-settings\n"
                  "-s --slow\n-p tells the program not to close any remaining windows. -d "
                  "tells the program not to read initialization files.\n")
IN_PASSING = ("4 Installation\nTo get a list of configure options, use ./configure --help. "
              "Some of the more interesting are:\n'--enable-fat'\nInclude several versions.\n"
              "'--disable-shared'\nOmit building the shared libraries.\n")


def chunks(*texts: str, heading: str = "") -> list[Chunk]:
    return [Chunk(id=f"tool.pdf#p{n}-0", source="tool.pdf", page=n, order=n, text=text,
                  heading=heading or text.split("\n")[0])
            for n, text in enumerate(texts, 1)]


def test_a_one_line_table_is_one_concept_named_after_its_command() -> None:
    made = option_concepts(chunks(ONE_LINE))
    assert [d.name for d in made] == ["frob options"]
    definition = made[0].definition
    assert "--decode (decode the name)" in definition and "--help" not in definition
    assert definition.endswith("and 1 more.")  # five of its own, four named
    assert made[0].key_points[1] == "-d, --decode: Decode the name"


def test_flags_on_one_line_and_what_they_do_on_the_next_are_one_option() -> None:
    (table,) = find_tables(chunks(TWO_LINE))
    assert table.owner == "grind"  # the heading names the command
    assert [(o.name, o.description) for o in table.described][:2] == [
        ("--verbose", "Report processing steps."),
        ("--force", "Remake the script even if newer.")]
    assert table.options[-1].flags == ["--output=file", "-o file"]


def test_a_table_runs_on_over_a_page_break() -> None:
    first, second = TWO_LINE[:TWO_LINE.index("--include")], TWO_LINE[TWO_LINE.index(
        "--include"):]
    (table,) = find_tables(chunks(first, second, heading="Using grind to Build Scripts"))
    assert len(table.described) == 4


def test_bare_flags_explained_in_prose_or_two_options_make_no_table() -> None:
    assert find_tables(chunks(FLAGS_IN_PROSE)) == []
    assert find_tables(chunks(IN_PASSING)) == []


def test_the_table_joins_the_concepts_of_a_course_without_entries() -> None:
    earlier = ConceptDraft(name="frob options", definition="Options are flags.", first_order=0)
    other = ConceptDraft(name="label", definition="A label is a part of a name.",
                         first_order=0)
    merged = with_entries([earlier, other], chunks(ONE_LINE))
    assert [d.name for d in merged] == ["label", "frob options"]
    assert merged[1].definition.startswith("The frob options are the command-line options")


def test_an_option_is_asked_by_what_it_does_unless_that_names_it() -> None:
    from tutor.course import Concept
    from tutor.engine.offline.terms import term_variants
    from tutor.engine.offline.writing.exercise_material import gather
    from tutor.engine.offline.writing.option_exercises import write_option_items

    text = ("9 Installation\nSome of the more interesting grind options are:\n"
            "'--enable-fat'\nInclude several versions of each function.\n"
            "'--enable-mini-gmp'\nUse the smaller mini-gmp library.\n"
            "'--disable-shared'\nOmit building the shared libraries.\n"
            "'--quiet'\nPrint nothing while running.\n")
    passages = chunks(text)
    (draft,) = option_concepts(passages)
    concept = Concept(id="grind-options", name=draft.name, definition=draft.definition,
                      citations=draft.citations)
    items = write_option_items(gather(concept, term_variants(concept.name), passages),
                               passages)
    # "mini-gmp" and "shared" name their options in what they do
    assert [i.answer for i in items] == ["--enable-fat", "--quiet"]
    first = items[0]
    assert first.prompt == 'Which option of grind does this: "Include several versions of ' \
                           'each function"?'
    assert sorted(first.choices or []) == sorted(["--enable-fat", "--enable-mini-gmp",
                                                  "--disable-shared", "--quiet"])


OPTIONS = ("-c Check the file.\n-v Report each step.\n-o file Save output to file.\n"
           "-q Print nothing.\n-k Keep going after an error.\n")


def test_a_table_is_named_after_the_command_not_the_kind_of_options() -> None:
    passive = "4.2 Options\nThe following command-line options are recognized by grind.\n"
    (table,) = find_tables(chunks(passive + OPTIONS))
    assert table.owner == "grind"  # not "command-line options of command-line"
    spaced = "Basic command line options for Grind\nThe following options are supported.\n"
    (table,) = find_tables(chunks(spaced + OPTIONS))
    assert table.owner == "Grind"  # not the "line" of "command line options"
    numbered = "2.3 Command line options for grind-convert\nThese are the choices.\n"
    (table,) = find_tables(chunks(numbered + OPTIONS))
    assert table.owner == "grind-convert"  # not "for grind-convert"
