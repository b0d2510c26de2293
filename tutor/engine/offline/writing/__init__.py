"""Writing a concept's exercises and checking them: the material the course gives on a concept,
the definition items, the bank of items beyond the definition and the mix of kinds, the
book's own practice exercises, option items, the reasons a concept gets no item, and the
checker that lets only fair items through (no giveaway, quotes that read on their own)."""
