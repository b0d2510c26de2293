"""Ingestion: course source files (PDF, Markdown, text) to pages, then to passages (chunks)."""

from tutor.ingest.chunking import chunk_pages
from tutor.ingest.sources import Page, SourceText, find_sources, read_source

__all__ = ["Page", "SourceText", "chunk_pages", "find_sources", "read_source"]
