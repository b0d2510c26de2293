"""The ``tutor`` command line: noun groups with verbs (``tutor course build``...)."""
