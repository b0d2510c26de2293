"""What in a prompt gives its answer away.

The checker (:mod:`tutor.engine.offline.writing.checking`) refuses an exercise whose prompt tells the
answer: the term itself beside its blank, most of the answer statement, the term's
abbreviation or what its letters stand for ("wff" beside well-formed formula, "method
resolution order" beside MRO), a word of the term right beside the blank ("Spearman's _____"),
the name the term is named after ("The _____ is named after the economist Vilfredo Pareto"),
or a quoted sentence cut short so that only the term's name fits ("... is an alternative
that"); and a classmate's mix-up note that says the very words setting the other idea's name
apart ("Command latex: the why3 session html command ..." beside *command html*).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from tutor.answers import CASE_ASKED, MASK, mix_up_sides
from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import content_stems, mentions, support, words
from tutor.engine.offline.writing.checking import BLANKS, NEAR_DUPLICATE, canonical
from tutor.text import STOPWORDS, normalize, stem


def abbreviated(answer: str, prompt: str) -> bool:
    """Whether the prompt gives a term's abbreviation or what its letters stand for: "wff"
    beside "well-formed formula", "method resolution order" beside "MRO", "Presentation
    Manager" beside a name written small ("pm")."""
    parts = [w for w in re.split(r"[\s-]+", answer) if w]
    initials = "".join(w[0] for w in parts).lower()
    said = re.findall(r"[A-Za-z][\w'-]*", prompt)
    if len(parts) >= 2 and len(initials) >= 2:  # the term's initials as a word of the prompt
        spelled = {w.lower().rstrip("s") for w in said  # "be" in "tends to be too low" is
                   if w.isupper() or w.lower() not in STOPWORDS}  # a word, not "b. e."
        if initials in spelled:
            return True
    letters = answer.strip()
    if 2 <= len(letters) <= 6 and letters.isalpha() and not letters.isupper():
        capitalised = re.findall(r"[A-Za-z][\w'-]*", prompt)  # "Presentation Manager" for
        n = len(letters)  # the "pm" terminal: the name's letters, each a capital's
        return any(all(w[:1].isupper() for w in capitalised[i:i + n]) and "".join(
            w[0] for w in capitalised[i:i + n]).lower() == letters.lower()
            for i in range(len(capitalised) - n + 1))
    if 3 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        runs = [w.lower() for w in re.split(r"[\s-]+", re.sub(r"[^\w\s-]", " ", prompt)) if w]
        n = len(letters)
        if any(  # the words the letters stand for, in a row, none a small word
                "".join(w[0] for w in runs[i:i + n]) == letters.lower()
                and not any(w in STOPWORDS for w in runs[i:i + n])
                for i in range(len(runs) - n + 1)):
            return True
        said_words = [w for w in runs if w not in STOPWORDS]  # "New better than used in
        return n >= 4 and any(  # expectation" for NBUE: the small words left out
            "".join(w[0] for w in said_words[i:i + n]) == letters.lower()
            for i in range(len(said_words) - n + 1))
    return False


_QUOTED = re.compile(r'"(.*_{3,}.*)"', re.S)
"""The sentence quoted around the blank, from the first quote to the last (it may quote)."""
_DANGLING = re.compile(r"\b(?:that|which|who|what|the|(?-i:a)|an|of|and|or|to|is|are|with|for|as|by|"
                       r"(?<!\bfill\s)(?<!\bfilled\s)(?<!\blog\s)(?<!\bplug\s)in|"
                       r"than|from|into|because|whether|either|neither)"
                       r"(?![^\w]*[|&<>$*=~^%#@\\/+])\W*$", re.I)
"""A sentence's last word that needs more after it; code quoted after it ("separated by one
of the control operators '|' or '|&'") is what follows, not a cut."""


_OWNER_LEFT = re.compile(r"(?:^|\s)[A-Za-z]+['’]s\W*$")
"""A sentence's last word an owner whose thing is gone ("the computer scientist's")."""


def cut_short(sentence: str) -> bool:
    """Whether a sentence stops on a word that needs more after it ("... is an alternative
    that", "... the computer scientist's"): a fragment, not a sentence to quote. A masked word (:data:`tutor.answers.MASK`) is
    a word: "... that varies in [...]" is whole."""
    said = sentence.strip().replace(MASK, "word")
    return _DANGLING.search(said) is not None or _OWNER_LEFT.search(said) is not None


def cut_quote(prompt: str) -> bool:
    """Whether the sentence quoted around the blank is cut short."""
    return any(cut_short(q) for q in _QUOTED.findall(prompt))


_NOTE = re.compile(r'^A classmate writes in her notes: "(?P<note>.*)" What has she mixed up\?', re.S)
_NAMED = re.compile(r"(?<=\s)(?:[A-Z][\w-]*|[a-z]+[A-Z][\w-]*)")
"""A word the note writes as a name: capitalised inside the sentence ("Python", "HTML",
"macOS"); an everyday word ("a regression based on a linear model") is how the note says
what it says, and telling the two ideas apart is the learner's work."""
_FITS = re.compile(r"^The note gives the course's description of (?P<fits>.+?)\.\s")


def note_names_the_other(exercise: Exercise, name: str) -> bool:
    """Whether a classmate's mix-up note, given for ``name``, says every word that sets the
    other idea's name apart and none that sets this one's apart ("Micro-c: a valid subset of
    Python 3." beside *micro-python*; "Html.script.type: the type of the stylesheet ..."
    beside *html.stylesheet.type*): the mix-up shows on its face, nothing is left to tell
    apart. Only when those words are a name in the note (:data:`_NAMED`) or the other idea's
    name is code: "Linear regression: a regression with multiple explanatory variables"
    beside *multiple regression* asks what "multiple" means there, and a note sharing only the
    genus word ("Raw moment: a statistic that quantifies ..." beside *summary statistic*)
    asks for the difference."""
    note, fits = _NOTE.match(exercise.prompt.strip()), _FITS.match(exercise.answer.strip())
    if note is None or fits is None:
        return False
    said = note.group("note")
    if not said.lower().startswith(name.lower() + ":"):
        return False  # a property statement ("A proof system is complete if ..."): no name
    own, other = content_stems(name), content_stems(fits.group("fits"))
    theirs, ours = other - own, own - other
    text = said[len(name) + 1:]
    body = content_stems(text)
    if not theirs or not theirs <= body or ours & body:
        return False
    code = " " not in fits.group("fits").strip() and re.search(r"[._-]", fits.group("fits"))
    return bool(code) or any(stem(w.lower()) in theirs for w in _NAMED.findall(text))


_HEAD_OF_A_PHRASE = re.compile(r"(?<![\w-])(?P<modifier>[a-z][a-z-]{2,})\s+_{3,}")


def completes_a_phrase(exercise: Exercise) -> bool:
    """Whether an example's blank is one word that ends a phrase the words before it begin
    ("a floating-point _____ of x", "the inverse square _____", "the infinity _____"): the
    learner completes a set phrase, not the idea the example shows. A small word before the
    blank ("the _____", "with _____") leaves the idea to tell."""
    if exercise.origin is not ExerciseOrigin.EXAMPLE or len(exercise.answer.split()) != 1:
        return False
    found = _HEAD_OF_A_PHRASE.search(exercise.prompt)
    return found is not None and found.group("modifier") not in STOPWORDS


_JOINED = re.compile(r"^\S*[-_:*.]\S*$")
"""A name of one token joined by marks, as code writes names ("with-timeout", "sb-posix",
"*features*")."""
LONGER_BY = 2
"""Words an option may have beyond the answer's before it reads as another kind of thing."""


def shaped_alike(option: str, answer: str) -> bool:
    """Whether a wrong option names the same kind of thing as the answer, by its shape: not a
    phrase of words beside a name joined as code is ("Timeout Parameter" beside
    *with-timeout*, "sb-cover" beside *garbage collection* are struck out unread), nor one of
    many more words ("ring of gaussian integers" beside *quotient*). A single plain word
    ("boxwidth", "quotient") goes with either."""
    option, answer = option.strip(), answer.strip()
    if len(option.split()) > len(answer.split()) + LONGER_BY:
        return False
    joined, phrase = _JOINED.match(answer), " " in answer
    return not (joined and " " in option or phrase and _JOINED.match(option))


def leak_problems(exercise: Exercise, terms: list[str], name: str) -> list[str]:
    leak = "answer given away by the prompt"
    prompt = exercise.prompt
    if exercise.origin is ExerciseOrigin.CONTRAST and note_names_the_other(exercise, name):
        return [f"{leak}: the note says the other idea's own words"]
    if cut_quote(prompt):
        return ["the quoted sentence is cut short"]
    if completes_a_phrase(exercise):
        return [f"{leak}: the blank ends a set phrase"]
    is_term = canonical(exercise.answer) in {canonical(t) for t in terms}
    if exercise.kind in (ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE) and is_term and (
            abbreviated(exercise.answer, BLANKS.sub(" ", prompt))):
        return [f"{leak}: its abbreviation or expansion"]
    if exercise.kind is ExerciseKind.CLOZE:
        asks_term = is_term or any(canonical(a) in {canonical(t) for t in terms}
                                   for a in exercise.accepted)
        given = [exercise.answer, *exercise.accepted, *(terms if asks_term else [])]
        if mentions(BLANKS.sub(" ", prompt), given):
            return [leak]
    elif exercise.kind is ExerciseKind.MULTIPLE_CHOICE and is_term and mentions(prompt, terms):
        return [leak]
    if spells_its_key(exercise, terms):
        return [f"{SPELLED}: a part of it no other option has"]
    if exercise.kind in (ExerciseKind.CLOZE, ExerciseKind.TRUE_FALSE) or (
            exercise.kind is ExerciseKind.MULTIPLE_CHOICE and is_term):
        return []
    answer = exercise.answer
    if len(answer.split()) <= 4:
        return [leak] if mentions(prompt, [answer]) else []
    problems: list[str] = []
    if _copied(answer, prompt):
        problems.append(leak)
    if exercise.kind is ExerciseKind.MULTIPLE_CHOICE and mentions(answer, terms):
        others = [c for c in exercise.choices or [] if c != answer]
        if not any(mentions(c, terms) for c in others):
            problems.append(f"{leak}: only the correct option names {name}")
    return problems


def _copied(answer: str, prompt: str) -> bool:
    """True when most of the answer statement stands in the prompt."""
    a, p = normalize(answer).lower(), normalize(prompt).lower()
    if len(a) >= len(p):
        return False
    return fuzz.partial_ratio(a, p) >= NEAR_DUPLICATE or support(answer, prompt) >= 0.8


_SPLIT_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_LEFT_OVER = 3
"""Letters a run-together name keeps beyond a word of the prompt ("box" of "boxwidth" beside
"width"): fewer ("ar" of "linear" beside "line") is one word, not two run together."""


MIN_SPELLED = 4
"""Letters a word of a name needs before a longer word of the prompt that starts with it
tells it ("bidi" of "bidirectional"; "set" of "settings" is a word of its own)."""
_ENDING = re.compile(r"^(?:[aeiouy]|s\b|ment|ness|ly\b|ship|ful|less)")
"""How the rest of a word goes on after its stem ("spec" + "ifiers", "align" + "ment"): the
same word, not a second one run into it."""


MIN_WITHIN = 5
"""Letters a word of the prompt needs to tell a code name it sits inside, after the name's
library prefix ("field" of *mffields*, "kohnen" of *mfkohnenbijection*)."""
_CODE_PREFIX = re.compile(r"^[^aeiouy]{1,2}$")
"""A library's short prefix of a code name ("mf", "gl"): no vowel, so no word of its own."""


def _within_code_name(name: str, word: str) -> int | None:
    """Where a word of the prompt stands inside a run-together code name that begins with a
    short library prefix (:data:`_CODE_PREFIX`), or ``None``: the prefix and what follows the
    word are parts of their own, so the word is a part the prompt tells."""
    at = name.find(word)
    if len(word) < MIN_WITHIN or at < 1 or not _CODE_PREFIX.match(name[:at]):
        return None  # "plot" of *plotconfidenceintervals* is no prefix: "inter" tells nothing
    after = name[at + len(word):]
    return at if after in ("", "s", "es") or _left_over(after, after=True) else None


def _left_over(rest: str, after: bool) -> bool:
    """Whether what a run-together name keeps beside a word of the prompt is a word of its own
    (:data:`_LEFT_OVER` letters, or a number's: "x2" of "x2data"); kept ``after`` the word,
    not an ending of it (:data:`_ENDING`)."""
    if after and _ENDING.match(rest):
        return False
    return len(rest) >= _LEFT_OVER or len(rest) >= 2 and any(ch.isdigit() for ch in rest)


def _prompt_words(prompt: str) -> tuple[set[str], set[str], set[str]]:
    """The words of a prompt, blanks aside, that could tell a name's parts (lower case, no
    small words): their stems, their spellings (singular too) that a run-together name may
    hold, and the short parts of the code names it writes ("Int", "Log" of "IntLog"), which
    may stand for longer words."""
    rest = BLANKS.sub(" ", prompt)
    stems: set[str] = set()
    spelled: set[str] = set()
    shortened: set[str] = set()
    for token in _TOKEN.findall(rest):
        parts = _SPLIT_CAMEL.split(token)
        for part in [token, *parts]:
            low = part.lower()
            if low in STOPWORDS or (len(low) < 3 and not any(ch.isdigit() for ch in low)):
                continue
            stems.add(stem(low))
            spelled |= {low, *words(low)}  # "colors" and "color" of "colorsequence"
        if len(parts) > 1:
            shortened |= {p.lower() for p in parts if len(p) >= 3}
    return stems, spelled, shortened


def _told_parts(name: str, said: tuple[set[str], set[str], set[str]]
                ) -> tuple[set[str], float]:
    """The prompt's words that tell a part of the name, and the share of the name's letters
    they cover: a word of the name said whole ("frame" of *stack frame*), one run together
    with more in one word ("width" of *boxwidth*, "x2" and "data" of *x2data*), or the start
    of a word a code name shortens ("Int" of "IntLog" for *integer*); two words of the name
    said as one, the second perhaps shortened ("keepalive" of *sockopt-keep-alive*, "reuseaddr"
    of *sockopt-reuse-address*), or a word of the name that the prompt
    says longer ("bidi" of *bidi-class* in "bidirectional"); a code name's capitals part its
    words ("custom" of *CustomEval* in "custom debugging tools")."""
    stems, spelled, shortened = said
    told: set[str] = set()
    covered = total = 0
    written = _TOKEN.findall(name)
    tokens = [token.lower() for token in written]
    joined = {i for i in range(len(tokens) - 1) if tokens[i] not in STOPWORDS
              and tokens[i + 1] not in STOPWORDS and any(
                  w.startswith(tokens[i]) and len(w) - len(tokens[i]) >= _LEFT_OVER
                  and tokens[i + 1].startswith(w[len(tokens[i]):]) for w in spelled)}
    for i, low in enumerate(tokens):
        total += len(low)
        if low in STOPWORDS:
            covered += len(low)
            continue
        if i in joined or i - 1 in joined:
            told.add(tokens[i - 1 if i - 1 in joined else i] + tokens[i if i - 1 in joined else i + 1])
            covered += len(low)
            continue
        if len(low) >= MIN_SPELLED and (longer := next(
                (w for w in sorted(spelled) if len(w) > len(low) and w.startswith(low)
                 and _left_over(w[len(low):], after=True)), None)):
            told.add(stem(longer))
            covered += len(low)
            continue
        if stem(low) in stems:
            told.add(stem(low))
            covered += len(low)
            continue
        parts = [p.lower() for p in _SPLIT_CAMEL.split(written[i])]
        if len(parts) > 1 and (said_whole := [p for p in parts if len(p) >= MIN_SPELLED
                                              and stem(p) in stems]):
            told.update(stem(p) for p in said_whole)  # "custom" of *CustomEval*, said whole
            covered += sum(len(p) for p in said_whole)
            continue
        if short := next((s for s in sorted(shortened) if low.startswith(s) and len(low) > len(s)),
                         None):
            told.add(short)
            covered += len(low)
            continue
        letters: set[int] = set()
        for word in spelled | stems:  # a stem ends a name ("iter" of "maxiter"); it
            if len(word) >= len(low):  # starts one only spelled out ("spec" + "ifiers")
                continue
            if word in spelled and low.startswith(word) and _left_over(low[len(word):], True):
                letters |= set(range(len(word)))
            elif low.endswith(word) and _left_over(low[:-len(word)], after=False):
                letters |= set(range(len(low) - len(word), len(low)))
            elif (at := _within_code_name(low, word)) is not None:
                letters |= set(range(at, at + len(word)))
            else:
                continue
            told.add(stem(word))
        covered += len(letters)
    return told, (covered / total if total else 0.0)


def told_by_its_parts(answer: str, prompt: str, others: Sequence[str]) -> bool:
    """Whether the prompt, blanks aside, says a part of the answer's name that no other option
    has ("the frame stores" beside *stack frame*, "sequence of eight colors" beside
    *colorsequence*, "IntLog" beside *integer logarithm*), or says all of its name and all of
    no other option's ("the x2 axis ... data" beside *x2data*, *y2data* and *x2dtics*): the
    learner picks the option the prompt spells out, not the idea it describes. With no other
    option (a cloze), any part said gives it away."""
    return spells_the_name((answer, prompt), [(other, prompt) for other in others])


def spells_the_name(key: tuple[str, str], others: Sequence[tuple[str, str]]) -> bool:
    """The one check of a name spelled out: whether the key pairing (a name and the text set
    beside it) tells a part of the name that no other pairing of the item tells, or tells all
    of its name while no other pairing tells all of its own. A "which term" item pairs each
    option's name with the one prompt; "What is X used for?" pairs X with each option (the
    key "return the value of the so-keepalive socket option" tells *sockopt-keep-alive*'s
    "keep alive", a wrong option's text does not)."""
    # each distinct text read once: a "which term" item pairs every option with one prompt
    said = {key[1]: _prompt_words(key[1])}
    told, share = _told_parts(key[0], said[key[1]])
    if not told:
        return False
    for _, text in others:
        if text not in said:
            said[text] = _prompt_words(text)
    theirs = [_told_parts(name, said[text]) for name, text in others]
    if told - set().union(*(parts for parts, _ in theirs)):
        return True
    return share >= 1.0 and all(other_share < 1.0 for _, other_share in theirs)


SPELLED = "the prompt spells a part of the key's name"
"""The checker's reason against an item whose key :func:`spells_its_key`."""
_FRAME = re.compile(
    r"^\s*(?:Which term (?:fills the blank|matches this description):|Fill in the blank:"
    r"(?:\s*the term for)?|This example from the course has one idea left out:|Here is a case "
    r"from the course, with one idea left out:|The course leads into this code with a sentence "
    r"that names the idea it shows, left out here:|Which option of .+? does this:|You want to)"
    r"|(?:Which idea fills the blank\?|Which of these do you use\?|What do you (?:use|run)\?"
    r"|Is the missing idea .*|\bis\s+_{3,}\.)\s*$", re.S)
"""The words a writer sets around what it quotes: said of every option alike, never a part
of one name ("term", "idea", "option")."""
_NAME_LIKE = re.compile(r"^[^\s,;:.!?()\[\]{}\"]+(?:\s+[^\s,;:.!?()\[\]{}\"]+){0,3}$")
"""A key that is a name: up to four words, no sentence's punctuation ("--dynamic-space-size",
"stack frame"); a sentence or a piece of code is no name."""


def quoted_part(prompt: str) -> str:
    """What a prompt says beside its frame (:data:`_FRAME`), its blanks taken out."""
    return BLANKS.sub(" ", _FRAME.sub(" ", prompt))


def spells_its_key(exercise: Exercise, terms: Sequence[str]) -> bool:
    """Whether an item whose key is a name tells a part of that name the other options do not
    (:func:`spells_the_name`), whatever the item's kind: a cloze or a "which term" item, a
    table's option ("Size of the dynamic space ..." for *--dynamic-space-size*), the entry a
    need asks for, or the idea a case is asked between (the rival the other option). A true or
    false, an output or a statement is no name."""
    key = exercise.answer.strip()
    if exercise.kind is ExerciseKind.SHORT_ANSWER:
        sides = mix_up_sides(exercise) if CASE_ASKED.search(exercise.prompt) else None
        return sides is not None and spells_the_name(
            (sides[0], quoted_part(exercise.prompt)), [(sides[1], quoted_part(exercise.prompt))])
    if exercise.kind is ExerciseKind.TRUE_FALSE or exercise.origin is ExerciseOrigin.CODE_OUTPUT:
        return False
    if canonical(key) not in {canonical(t) for t in terms} and not (
            exercise.kind is ExerciseKind.MULTIPLE_CHOICE and _NAME_LIKE.match(key)
            and all(_NAME_LIKE.match(c.strip()) for c in exercise.choices or [])):
        return False
    others = [c for c in exercise.choices or [] if c != exercise.answer]
    return told_by_its_parts(key, quoted_part(exercise.prompt), others)
