"""Which concept a learner needs before which: the evidence a teacher reads a prerequisite
from, weighed into a sparse acyclic map."""
