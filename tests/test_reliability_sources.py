"""Reliability: bad course sources never crash or hang a build.

A hypothesis fuzz feeds hundreds of mutated and truncated copies of a valid PDF (drawn here with
reportlab) to the reader; hand-made hostile files cover encryption, PDFs without text, absurd
page counts, decompression bombs, files named ``.pdf`` that are not PDFs, text that is not
UTF-8 and Markdown full of HTML and script. Every bad file must end in one
:class:`tutor.errors.SourceError` with a one-line message, every good file must still be read,
and a build over a folder mixing both must list each bad file once and build from the rest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pdf_maker import BODY, BOLD, body, heading, lines_of, make_pdf, raw_pdf
from tutor.errors import SourceError
from tutor.ingest.sources import SourceText, read_source

REPO = Path(__file__).resolve().parent.parent
SOURCE_LIMIT_S = 20.0
"""The per-source time limit given to the reader in these tests."""
HANG_S = 90.0
"""A reader still busy after this long is considered hung (subprocess checks only)."""
FUZZ_FIGURES: dict[str, float] = {"cases": 0, "read": 0, "refused": 0, "max_seconds": 0.0}


def valid_pdf_bytes() -> bytes:
    """A three-page course PDF with headings, bold terms and definitions."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "valid.pdf"
        pages = [
            [heading("Arrays"), [(BODY, "An "), (BOLD, "array"), (BODY, " is a sequence of "
                                                                   "elements.")],
             *lines_of("Arrays give fast access to any element by its index. For example the "
                       "array 3, 8, 5 has the element 8 at index 1.")],
            [heading("Sorting"), [(BODY, "A "), (BOLD, "sorted array"), (BODY, " is an array "
                                                                          "in order.")],
             *lines_of("Sorting takes time but makes searching much faster.")],
            [heading("Binary search"), body("Binary search is a method that halves the range."),
             *lines_of("It compares the middle element with the item, then keeps one half.")],
        ]
        make_pdf(path, pages, header="Data structures", outline=[(0, "Arrays"), (2, "Search")])
        return path.read_bytes()


VALID_PDF = valid_pdf_bytes()


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        packed = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + \
            b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _word(n: int) -> bytes:
    """A distinct letters-only word for each number (page texts must differ in more than
    digits, or they look like running headers)."""
    letters = b""
    for _ in range(3):
        n, rest = divmod(n, 26)
        letters += bytes([97 + rest])
    return b"z" + letters


def pages_pdf(count: int, declared: int | None = None, content: bytes | None = None,
              compress: bool = False) -> bytes:
    """``count`` pages, each with its own sentence (or all sharing ``content``);
    ``declared`` overrides ``/Count``."""
    first_page = 4 if content is not None else 3 + count
    kids = b" ".join(b"%d 0 R" % (first_page + 1 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, declared or count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if content is not None:
        objects.append(_stream(content, compress))
    else:
        objects += [
            _stream(b"BT /F1 12 Tf 72 720 Td (A %s is a kind of %s array.) Tj ET"
                    % (_word(i), _word(i * 7 + 3)), compress)
            for i in range(count)
        ]
    for i in range(count):
        stream = 4 if content is not None else 4 + i
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream)
    return raw_pdf(objects)


def check_outcome(path: Path, limit: float = SOURCE_LIMIT_S) -> SourceText | SourceError:
    """Read ``path``: a good read, or one SourceError with a one-line message naming the file.
    Anything else (another exception) fails the test."""
    try:
        result = read_source(path, timeout_s=limit)
    except SourceError as exc:
        message = str(exc)
        assert message and "\n" not in message and message.startswith(path.name), message
        return exc
    assert result.pages and any(p.text.strip() for p in result.pages)
    return result


# -- the fuzz ---------------------------------------------------------------------------------
Mutation = tuple[str, int, int, bytes]

mutations = st.lists(
    st.tuples(
        st.sampled_from(["truncate", "flip", "insert", "delete", "overwrite", "duplicate"]),
        st.integers(min_value=0, max_value=len(VALID_PDF)),
        st.integers(min_value=1, max_value=2048),
        st.binary(min_size=1, max_size=64),
    ),
    min_size=1,
    max_size=6,
)


def mutate(data: bytes, ops: list[Mutation]) -> bytes:
    out = bytearray(data)
    for kind, at, size, blob in ops:
        at = min(at, len(out))
        if kind == "truncate":
            del out[at:]
        elif kind == "flip":
            for i in range(at, min(len(out), at + min(size, 16))):
                out[i] ^= blob[i % len(blob)] or 0xFF
        elif kind == "insert":
            out[at:at] = blob
        elif kind == "delete":
            del out[at:at + size]
        elif kind == "overwrite":
            out[at:at + len(blob)] = blob
        else:  # duplicate a slice in place (repeated objects, doubled xref sections)
            out[at:at] = out[at:at + size]
    return bytes(out)


@pytest.mark.soak
@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=mutations)
def test_mutated_and_truncated_pdfs_never_crash_or_hang(ops: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.pdf"
        path.write_bytes(mutate(VALID_PDF, ops))
        started = time.monotonic()
        outcome = check_outcome(path)
        seconds = time.monotonic() - started
    FUZZ_FIGURES["cases"] += 1
    FUZZ_FIGURES["read" if isinstance(outcome, SourceText) else "refused"] += 1
    FUZZ_FIGURES["max_seconds"] = max(FUZZ_FIGURES["max_seconds"], seconds)
    # The cooperative limit inside the reader stops a slow file; a small margin for one page.
    assert seconds < SOURCE_LIMIT_S + 10, ops


def test_truncations_at_every_tenth_of_the_file(tmp_path: Path) -> None:
    assert isinstance(check_outcome(_write(tmp_path, "valid.pdf", VALID_PDF)), SourceText)
    for tenth in range(10):
        cut = VALID_PDF[: len(VALID_PDF) * tenth // 10]
        path = _write(tmp_path, f"cut{tenth}.pdf", cut or b" ")
        outcome = check_outcome(path)
        if tenth < 3:  # before the first page's text: nothing usable
            assert isinstance(outcome, SourceError)


# -- hand-made hostile PDFs --------------------------------------------------------------------
def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def encrypted_pdf(folder: Path, user_password: str) -> Path:
    from reportlab.pdfgen import canvas

    path = folder / ("locked.pdf" if user_password else "owner-only.pdf")
    pdf = canvas.Canvas(str(path), encrypt=_encryption(user_password))
    pdf.drawString(72, 720, "An array is a sequence of elements stored next to each other.")
    pdf.showPage()
    pdf.save()
    return path


def _encryption(user_password: str) -> object:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=0)


def test_an_encrypted_pdf_is_refused_with_a_remedy(tmp_path: Path) -> None:
    outcome = check_outcome(encrypted_pdf(tmp_path, "secret"))
    assert isinstance(outcome, SourceError) and "encrypted" in str(outcome)
    # Encrypted with an empty user password (only permissions set): readable as usual.
    assert isinstance(check_outcome(encrypted_pdf(tmp_path, "")), SourceText)


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    drawing = b"0 0 1 rg 72 72 200 200 re f"
    outcome = check_outcome(_write(tmp_path, "drawing.pdf", pages_pdf(3, content=drawing)))
    assert isinstance(outcome, SourceError) and "no text" in str(outcome)
    empty = check_outcome(_write(tmp_path, "blank.pdf", pages_pdf(2, content=b"")))
    assert isinstance(empty, SourceError)


def test_huge_page_counts_are_refused_or_read_page_by_page(tmp_path: Path) -> None:
    over = check_outcome(_write(tmp_path, "long.pdf", pages_pdf(5001)))
    assert isinstance(over, SourceError) and "5001 pages" in str(over)
    lying = check_outcome(_write(tmp_path, "lying.pdf", pages_pdf(2, declared=10**9)))
    assert isinstance(lying, (SourceError, SourceText))
    short = check_outcome(_write(tmp_path, "short-count.pdf", pages_pdf(2, declared=4000)))
    assert isinstance(short, (SourceError, SourceText))
    fine = check_outcome(_write(tmp_path, "fine.pdf", pages_pdf(300)))
    assert isinstance(fine, SourceText) and fine.source.pages == 300


@pytest.mark.soak
def test_a_decompression_bomb_is_not_unpacked_into_memory(tmp_path: Path) -> None:
    bomb = b"BT /F1 12 Tf 72 720 Td (An array is a list.) Tj ET\n" + b" " * 300_000_000
    path = _write(tmp_path, "bomb.pdf", pages_pdf(1, content=bomb, compress=True))
    del bomb
    check_outcome(path)  # refused or read; either way no crash (pypdf caps the output)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.pdf", b"<!doctype html><html><body>An array is a list.</body></html>"),
        ("archive.pdf", b"PK\x03\x04" + bytes(200)),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("notes.pdf", b"An array is a list of elements.\n"),
        ("zeros.pdf", bytes(4096)),
        ("header-only.pdf", b"%PDF-1.7\n"),
        ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40),
        ("empty.pdf", b""),
        ("spaces.pdf", b"   \n\t  "),
    ],
)
def test_files_named_pdf_that_are_not_pdfs(tmp_path: Path, name: str, data: bytes) -> None:
    assert isinstance(check_outcome(_write(tmp_path, name, data)), SourceError)


# -- text and Markdown --------------------------------------------------------------------------
TEXT = "Ein Array ist eine Folge von Elementen. Café, naïve, façade: « guillemets »."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.txt", TEXT.encode("latin-1")),
        ("cp1252.md", ("# Arrays\n\n" + TEXT + " \u201cquoted\u201d \u2013 dash").encode("cp1252")),
        ("utf16.txt", TEXT.encode("utf-16")),
        ("shift-jis.txt", "配列は要素の並びです。".encode("shift_jis")),
        ("mixed.md", b"# Arrays\n\nAn array \xff\xfe is a list \xc3\x28 of elements.\n"),
        ("bom.md", b"\xef\xbb\xbf# Arrays\n\nAn array is a list.\n"),
        ("nul.txt", b"An array is a list.\x00\x00\x00 Of elements.\n"),
        ("random.txt", bytes((i * 7919) % 256 for i in range(5000))),
    ],
)
def test_text_that_is_not_utf8_is_read_or_refused_in_one_line(
    tmp_path: Path, name: str, data: bytes
) -> None:
    check_outcome(_write(tmp_path, name, data))


HOSTILE_MARKDOWN = """# Arrays

An **array** is a sequence of elements.<script>alert('x'); document.cookie</script>

<style>body { display: none }</style>
<img src=x onerror="alert(1)"> <iframe src="javascript:alert(2)"></iframe>
[click](javascript:alert(3)) and <a href="data:text/html,<script>alert(4)</script>">link</a>

<!-- a comment with <script>alert(5)</script> -->
&lt;script&gt;alert(6)&lt;/script&gt;

# Sorting

A **sorted array** is an array in order.
"""


def test_markdown_with_html_and_script_is_read_as_text(tmp_path: Path) -> None:
    result = check_outcome(_write(tmp_path, "hostile.md", HOSTILE_MARKDOWN.encode()))
    assert isinstance(result, SourceText)
    text = "\n".join(p.text for p in result.pages)
    assert "An array is a sequence of elements." in text
    assert "document.cookie" not in text and "display: none" not in text
    assert "onerror" not in text and "<iframe" not in text
    assert "array" in result.pages[0].emphasized


def _read_in_subprocess(path: Path) -> dict[str, object]:
    """Read ``path`` in a child process that is killed if it runs past :data:`HANG_S`."""
    code = (
        "import json, sys, time\n"
        "from tutor.errors import SourceError\n"
        "from tutor.ingest.sources import read_source\n"
        "t = time.monotonic()\n"
        "try:\n"
        f"    read_source(sys.argv[1], timeout_s={SOURCE_LIMIT_S})\n"
        "    out = 'read'\n"
        "except SourceError as exc:\n"
        "    out = str(exc)\n"
        "print(json.dumps({'outcome': out, 'seconds': time.monotonic() - t}))\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                              text=True, timeout=HANG_S, cwd=REPO)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path.name} hung (still busy after {HANG_S:g} s)")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.soak
def test_markdown_and_text_built_to_be_slow_do_not_hang(tmp_path: Path) -> None:
    """Unclosed tags, comments and emphasis markers by the hundred thousand, and paragraphs of
    200,000 lines (about 1 MB each): work that grows with the square of the size (a pattern
    rescanning the rest of the file for each marker, a line rebuilt for each line joined to it)
    would not end in any useful time."""
    head = "# Arrays\n\nAn array is a sequence of elements.\n\n"
    files = {
        "scripts.md": head + "<script>x " * 100_000,
        "comments.md": head + "<!-- x " * 100_000,
        "emphasis.md": head + "**a " * 250_000,
        "underscores.md": head + "_a " * 300_000,
        "tags.md": head + "<a " * 300_000,
        "stars.md": head + "*a " * 300_000,
        "links.md": head + "[a](" * 250_000,
        "images.md": head + "![a](" * 200_000,
        "paragraph.md": head + "a: b\n" * 200_000,  # one paragraph of 200,000 lines
        "front-matter.md": "---\n" + "a: b\n" * 200_000,  # never closed
        "paragraph.txt": "An array is a list.\n" + "a: b\n" * 200_000,
        "long-line.txt": "An array is a sequence of elements. " + "word " * 200_000,
    }
    for name, text in files.items():
        outcome = _read_in_subprocess(_write(tmp_path, name, text.encode()))
        assert outcome["outcome"] == "read" or "\n" not in str(outcome["outcome"])


@pytest.mark.soak
@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(codec="utf-8"), max_size=3000),
       markup=st.lists(st.sampled_from(["# ", "**", "_", "<script>", "</script>", "<!--",
                                        "-->", "```", "\n", "[", "](", "<b>", "&lt;", "|"]),
                       max_size=40))
def test_random_markdown_never_crashes(text: str, markup: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = "".join(m + text[i::max(1, len(markup))] for i, m in enumerate(markup)) + text
        check_outcome(_write(Path(folder), "fuzz.md", source.encode("utf-8", "surrogatepass")))


# -- a build over good and bad files ------------------------------------------------------------
@pytest.mark.e2e
def test_a_build_lists_each_bad_file_once_and_builds_the_good_ones(
    tutor_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tutor.cli.main import main
    from tutor.course import Course

    folder = tutor_home / "courses" / "mixed"
    folder.mkdir()
    _write(folder, "a-good.pdf", VALID_PDF)
    _write(folder, "b-good.md", HOSTILE_MARKDOWN.encode())
    bad = {
        "c-truncated.pdf": VALID_PDF[: len(VALID_PDF) // 5],
        "d-not-a-pdf.pdf": b"<html>An array is a list.</html>",
        "e-binary.txt": bytes(range(256)) * 20,
        "f-empty.md": b"",
        "g-no-text.pdf": pages_pdf(2, content=b"0 0 1 rg 72 72 200 200 re f"),
    }
    for name, data in bad.items():
        _write(folder, name, data)
    encrypted_pdf(folder, "secret")  # locked.pdf
    bad["locked.pdf"] = b""

    code = main(["course", "build", str(folder), "--engine", "offline", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1  # some sources failed, the course was still built
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    assert lines[0] == f"{len(bad)} source(s) failed:"
    assert sorted(line.split(":")[0] for line in lines[1:]) == sorted(bad)
    course = Course.load(folder / "course.json")
    assert sorted(s.name for s in course.sources) == ["a-good.pdf", "b-good.md"]
    assert sorted(f.source for f in course.report.failed_sources) == sorted(bad)
    assert all("\n" not in f.error for f in course.report.failed_sources)
    assert course.concepts and course.exercises
    names = " ".join(c.name + " " + c.definition for c in course.concepts)
    assert "alert(" not in names and "<script" not in names


@pytest.fixture(scope="module", autouse=True)
def _print_fuzz_figures() -> object:
    """The fuzz figures for docs/reliability.md (shown with ``pytest -s``)."""
    yield
    if FUZZ_FIGURES["cases"]:
        print(f"\nPDF fuzz: {json.dumps(FUZZ_FIGURES)}")
