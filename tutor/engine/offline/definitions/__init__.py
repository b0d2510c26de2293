"""What the book says each concept is: the defining sentence a small classifier chooses, and
the passes that make it say what the thing is and read on its own (a sentence leaning on the
one before, a reference to the passage, a definition by example, a synonym, the book's
notation, the concept's own section, a sentence anywhere in the book)."""
