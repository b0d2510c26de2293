"""Where the learner store and the lesson checkpoints live.

Two backends, one module each: :mod:`tutor.storage.sqlite_files` (files under the data folder,
the embedded default) and :mod:`tutor.storage.postgres_server` (a PostgreSQL server named by
``TUTOR_DATABASE_URL``). :mod:`tutor.storage.tables` is what the learner store sees of either;
:mod:`tutor.storage.choice` picks one from :class:`tutor.context.TutorContext`.
"""

from tutor.storage.choice import backend_name, open_checkpoints, open_learner_tables
from tutor.storage.tables import Checkpoints, LearnerTables, Session

__all__ = ["Checkpoints", "LearnerTables", "Session", "backend_name", "open_checkpoints",
           "open_learner_tables"]
