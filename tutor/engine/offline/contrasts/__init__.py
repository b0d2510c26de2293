"""Items between two concepts: how a concept differs from one a learner could mix it up with
(on a case, by the book's own sentence, by what each side says it is), how two concepts are
related, a thing defined by what it is like."""
