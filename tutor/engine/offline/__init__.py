"""The offline engine: a classical NLP pipeline, no network, no key. The embedded default."""

from tutor.engine.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
