"""Items on the book's examples: which is an example of an idea, which idea an example shows,
the result of a worked example, what a value the book reports means."""
