"""Items on what code gives: the book's Python sessions read back and replayed in a sandbox
(one worker process per build), sessions keyed to the page, other interpreters' transcripts
(R, gnuplot, a shell), results stated in prose or in a comment."""
