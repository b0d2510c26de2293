"""Limits on what one course source may hold: decompression bombs and oversized text files
are refused with a one-line reason, in bounded time and memory (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bombs import bomb_pdf
from tutor.errors import SourceError
from tutor.ingest.limits import MAX_SOURCE_CHARS
from tutor.ingest.sources import read_source

REPO = Path(__file__).resolve().parent.parent


def test_a_single_page_that_inflates_to_30_mb_is_refused_before_extraction(tmp_path: Path):
    pdf = bomb_pdf(tmp_path / "bomb.pdf", 30_000_000)
    assert pdf.stat().st_size < 150_000
    with pytest.raises(SourceError) as caught:
        read_source(pdf)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("bomb.pdf: page 1: ")
    assert "page content" in message and "decompression bomb" in message


def test_small_pages_sharing_one_inflating_stream_are_refused_for_their_text(tmp_path: Path):
    pdf = bomb_pdf(tmp_path / "shared.pdf", 3_000_000, pages=10)
    assert pdf.stat().st_size < 30_000  # 30 MB of text once inflated
    with pytest.raises(SourceError) as caught:
        read_source(pdf)
    assert f"more than {MAX_SOURCE_CHARS:,} characters" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_page_under_the_limit_is_still_read(tmp_path: Path):
    pdf = bomb_pdf(tmp_path / "dense.pdf", 200_000)
    text = read_source(pdf)
    assert sum(len(page.text) for page in text.pages) > 150_000


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_10_mb_text_source_is_refused(tmp_path: Path, suffix: str):
    path = tmp_path / f"big{suffix}"
    paragraph = "The **mean** of a sample is its average value. " * 20 + "\n\n"
    path.write_text(("## Section\n\n" + paragraph * 20) * (10_000_000 // (len(paragraph) * 20)))
    assert path.stat().st_size > 9_500_000
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert "characters of text" in str(caught.value)


def test_a_text_file_over_the_byte_limit_is_refused_before_decoding(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (MAX_SOURCE_CHARS + 10))  # > 16 MB
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert "MB, more than a source" in str(caught.value)


_MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr,
                  "seconds": time.monotonic() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@pytest.mark.e2e
def test_cli_build_of_a_30_kb_bomb_fails_in_bounded_time_and_memory(tmp_path: Path,
                                                                     tutor_home: Path):
    """`tutor course build bomb.pdf`: exit status 1, one line naming the file and the reason;
    the child's peak memory and wall time are measured (the issue's targets: 700 MB, 60 s)."""
    pdf = bomb_pdf(tmp_path / "bomb.pdf", 3_000_000, pages=10)
    command = [sys.executable, "-m", "tutor.cli.main", "course", "build", str(pdf),
               "--engine", "offline", "--quiet"]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, cwd=REPO, check=True)
    result = json.loads(done.stdout)
    output = result["out"] + result["err"]
    assert result["code"] == 1, output
    lines = [line for line in output.splitlines() if "bomb.pdf:" in line]
    assert len(lines) == 1 and "characters of text" in lines[0], output
    assert result["peak_mb"] < 700, result
    assert result["seconds"] < 60, result
    print(f"bomb build: {result['seconds']:.1f} s, peak {result['peak_mb']:.0f} MB")
