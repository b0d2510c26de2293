"""Write the PDF part of the sample course, courses/probability-basics/01-chance-and-events.pdf.

The text below is the project's own. The PDF is committed, so a newcomer needs no dev tools;
rerun this (it needs reportlab, a dev dependency) after editing the text:

    .venv/bin/python scripts/make_sample_course.py

Markup: lines starting with "# " are chapter headings, "## " section headings, other lines are
paragraphs; <b>term</b> sets a defined term in bold (the offline engine reads the fonts).
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "courses" / "probability-basics"
PDF_NAME = "01-chance-and-events.pdf"

TEXT = """
# 1 Experiments and outcomes

This course is about uncertainty: how to describe it and how to measure it. Before we can measure how likely something is, we need a precise way to say what could happen. This first chapter builds that vocabulary, one word at a time, and the later chapters lean on every word of it.

## Random experiments

A <b>random experiment</b> is a process whose result cannot be predicted with certainty before it is carried out, but whose possible results can be listed in advance. Rolling a die, drawing a card from a shuffled deck and measuring tomorrow's rainfall are random experiments. Solving an equation is not: its result is fixed before we start.

An <b>outcome</b> is a single possible result of a random experiment. When a die is rolled, "the top face shows 4" is one outcome. Exactly one outcome occurs each time the experiment is run; two outcomes can never happen together in the same run.

## The sample space

A <b>sample space</b> is the set of all outcomes of a random experiment. We write it with the Greek letter Omega. For one roll of a die the sample space is {1, 2, 3, 4, 5, 6}; for a coin tossed twice it is {HH, HT, TH, TT}. Choosing the sample space is the first modelling decision in any problem, and a careless choice makes later steps harder. For instance, if we only care about the number of heads in two tosses, we could use the smaller sample space {0, 1, 2}, but then its outcomes are no longer equally likely.

A sample space can be finite, like the die, or infinite, like the number of tosses needed until the first head appears. In this course we mostly work with finite sample spaces, where every idea can be checked by listing outcomes.

## Events

An <b>event</b> is a subset of the sample space: a collection of outcomes that we can describe in words. "The die shows an even number" is the event {2, 4, 6}. We say that an event occurs when the outcome of the experiment belongs to it. A single outcome forms an event of its own, called an elementary event, and the whole sample space is the sure event because it always occurs.

The <b>empty event</b> is the event that contains no outcomes at all. It can never occur, so it is also called the impossible event.

# 2 Combining events

Because events are sets, we can build new events from old ones with the operations of set theory. Each operation has a plain-language meaning, and translating between the two is a skill worth practising.

## Complement, union and intersection

The <b>complement</b> of an event A is the event made of all outcomes of the sample space that are not in A. It occurs exactly when A does not occur. If A is "the die shows an even number", its complement is "the die shows an odd number".

The <b>union</b> of two events A and B is the event containing every outcome that lies in A, in B, or in both. The union occurs when at least one of the two events occurs; in words it is "A or B".

The <b>intersection</b> of two events A and B is the event containing the outcomes that lie in both A and B. The intersection occurs when both events occur together; in words it is "A and B". For the die, the intersection of "even" and "greater than 3" is {4, 6}.

## Disjoint events

<b>Disjoint events</b> are events whose intersection is the empty event, so they cannot occur in the same run of the experiment. "The die shows 1" and "the die shows an even number" are disjoint. Disjoint events are also called mutually exclusive. A complement and its event are always disjoint, and their union is the whole sample space.

A <b>partition</b> is a collection of disjoint events whose union is the whole sample space. Exactly one event of a partition occurs in every run. Sorting the outcomes of a die into "low" {1, 2}, "middle" {3, 4} and "high" {5, 6} gives a partition with three parts.

# 3 Measuring chance

## Probability

A <b>probability</b> is a number between 0 and 1 assigned to each event of a sample space, measuring how likely the event is to occur. A probability of 0 belongs to an event that never occurs and a probability of 1 to an event that always occurs. We write P(A) for the probability of the event A.

Probabilities cannot be assigned at random. Three rules, called the axioms of probability, must hold. First, every event has a probability that is not negative. Second, the sample space has probability 1. Third, the probability of a union of disjoint events is the sum of their probabilities. Everything else in this course follows from these three rules.

## Consequences of the axioms

The <b>complement rule</b> states that the probability of the complement of an event equals one minus the probability of the event. It follows from the axioms because an event and its complement are disjoint and together make up the sample space. The rule is handy whenever "not A" is easier to count than A: the chance of at least one six in four rolls is one minus the chance of no six at all.

The <b>addition rule</b> states that the probability of the union of two events equals the sum of their probabilities minus the probability of their intersection. The subtraction corrects for the outcomes in the intersection, which the sum counts twice. When the events are disjoint the intersection is empty and the rule reduces to the third axiom.

## Equally likely outcomes

<b>Equally likely outcomes</b> are outcomes of a finite sample space that all have the same probability. A fair die and a well-shuffled deck are the usual examples. When the outcomes are equally likely, the probability of an event is the number of outcomes in the event divided by the number of outcomes in the sample space. The probability of rolling an even number is then 3 divided by 6, which is one half.

This counting recipe is only valid when the outcomes really are equally likely. Two tosses of a coin give zero, one or two heads, but one head is twice as likely as two heads, because it can happen in two ways.

## Counting outcomes

A <b>permutation</b> is an arrangement of objects in a definite order. The number of permutations of n different objects is n factorial, the product of the whole numbers from 1 to n: three books can stand on a shelf in 3 times 2 times 1, that is 6, orders.

A <b>combination</b> is a selection of objects in which the order does not matter. The number of combinations of k objects chosen from n is the number of permutations of the chosen objects divided by the orders in which they could have been picked. A lottery ticket is a combination: drawing the same numbers in another order wins the same prize.

# 4 Conditional probability and independence

## Conditional probability

A <b>conditional probability</b> is the probability of an event when we already know that another event has occurred. We write P(A | B) for the probability of A given B, and compute it as the probability of the intersection of A and B divided by the probability of B. Knowing that B occurred shrinks the sample space to B; the formula simply rescales probabilities inside that smaller space.

For a fair die, the probability of a 6 is one sixth, but the conditional probability of a 6 given that the roll is even is one third, because only three outcomes remain possible and one of them is a 6.

The <b>multiplication rule</b> states that the probability of the intersection of two events equals the probability of the first event times the conditional probability of the second given the first. It is the conditional probability formula read backwards, and it is the natural tool for experiments that happen in stages, such as drawing two cards one after the other.

## Independence

<b>Independent events</b> are events for which knowing that one occurred does not change the probability of the other. Formally, A and B are independent when the probability of their intersection equals the product of their probabilities. Two tosses of a fair coin are independent; drawing two cards from one deck without putting the first back are not.

Independence is easily confused with being disjoint, but the two ideas are almost opposites. Two disjoint events with positive probabilities can never be independent: if one occurs, the other has become impossible, which is a very strong change in its probability.

## Total probability and Bayes

The <b>law of total probability</b> states that the probability of an event equals the sum, over the parts of a partition, of the probability of each part times the conditional probability of the event given that part. It lets us compute a probability by splitting the world into cases that are each easy to handle.

<b>Bayes' theorem</b> is a formula that reverses a conditional probability: it gives the probability of B given A from the probability of A given B, the probability of B and the probability of A. It is the standard way to update a belief after seeing evidence. A medical test with a small error rate can still give mostly false alarms when the illness is rare, and Bayes' theorem shows exactly why.

The <b>base rate</b> is the probability of a condition before any evidence is seen, such as the share of people who have an illness. Ignoring the base rate is the most common mistake in reasoning about tests, and Bayes' theorem is the cure for it.
"""


def build_pdf(target: Path) -> Path:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.fontSize, body.leading = 10, 14
    story = [Paragraph("Probability basics: chance and events", styles["Title"])]
    for line in TEXT.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            story += [Spacer(1, 4 * mm), Paragraph(line[3:], styles["Heading2"])]
        elif line.startswith("# "):
            story += [Spacer(1, 6 * mm), Paragraph(line[2:], styles["Heading1"])]
        else:
            story.append(Paragraph(line, body))
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(target), pagesize=A5, leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=15 * mm,
        title="Probability basics: chance and events", author="agent-tutor sample course",
        # fixed metadata so that a rebuild from the same text gives the same file
        creator="scripts/make_sample_course.py", invariant=1,
    )
    doc.build(story)
    return target


def main() -> int:
    path = build_pdf(TARGET / PDF_NAME)
    from pypdf import PdfReader

    print(f"wrote {path} ({len(PdfReader(path).pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
