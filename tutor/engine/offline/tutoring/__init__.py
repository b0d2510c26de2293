"""Teaching one learner: explanations chosen from the course's passages, the hint ladder,
grading of every exercise kind (a calibrated similarity model and guards against answers
that only look right), answers to a free question."""
