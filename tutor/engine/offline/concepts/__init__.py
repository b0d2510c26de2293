"""Reading the book into concepts: which terms a book introduces (defining sentences, emphasis,
keyphrases, sections devoted to one topic, a reference manual's entries and option tables,
the glossary, the printed index; front and back matter and common words set aside), and
merging the drafts into one concept per idea."""
