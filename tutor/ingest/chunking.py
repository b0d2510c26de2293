"""Split pages into passages of a few sentences (chunks), keeping page and heading.

(Minimal first version: paragraphs. To be completed.)
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk
from tutor.ingest.sources import Page


def chunk_pages(pages: Sequence[Page], start_order: int = 0, max_chars: int = 900) -> list[Chunk]:
    chunks: list[Chunk] = []
    order = start_order
    for page in pages:
        paragraphs = [p.strip() for p in page.text.split("\n\n") if p.strip()]
        buffer = ""
        n = 0
        for para in paragraphs + [""]:
            if para and len(buffer) + len(para) < max_chars:
                buffer = f"{buffer}\n{para}".strip()
                continue
            if buffer:
                chunks.append(Chunk(id=f"{page.source}#p{page.number}-{n}", source=page.source,
                                    page=page.number, text=buffer, order=order))
                order += 1
                n += 1
            buffer = para
    return chunks
