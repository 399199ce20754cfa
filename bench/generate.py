"""Write a deterministic synthetic corpus of articles for benchmarking levcards.

    python bench/generate.py OUT_DIR --articles N [--series 10] [--seed 0] [--words 1200]

N articles of about 1,200 words each, spread over one folder per series, in the three formats
levcards reads: Markdown with YAML frontmatter (about half), plain-text page exports (about a
third) and headingless prose (the rest). Every sentence is composed here from small vocabularies
about money, habits, learning and mental models; nothing is fetched. Each article draws its
terms and questions from adjective x noun pairs without replacement, so keys do not repeat inside
an article. The same arguments give byte-identical files. A finished corpus holds a hidden
``.levcards-bench.json`` (levcards skips hidden files); only such a folder is ever overwritten.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

MARKER = ".levcards-bench.json"
FORMAT_VERSION = 3
"""Bump when the generated text changes, so cached corpora are regenerated."""

SERIES = (
    "Money Habits", "Mental Models", "Learning Craft", "Saving Basics", "Investing Plainly",
    "Focus and Attention", "Decision Making", "Everyday Budgeting", "Career Capital",
    "Thinking Tools", "Spending Wisely", "Memory Practice", "Risk and Margin", "Compounding Notes",
    "Steady Routines", "Clear Writing",
)

ADJECTIVES = (
    "compound", "marginal", "passive", "deliberate", "hidden", "fixed", "variable", "slow",
    "second-order", "sinking", "rolling", "weekly", "spaced", "interleaved", "anchored", "default",
    "reversible", "opportunity", "emergency", "reflective", "elastic", "layered", "quiet", "lean",
    "modular", "seasonal", "buffered", "inverted", "framed", "bounded", "durable", "minimum",
    "gradual", "portable", "ambient", "tiered", "narrow", "patient", "visible", "staged",
)
NOUNS = (
    "budget", "buffer", "ledger", "habit", "routine", "streak", "review", "recall", "loop",
    "margin", "runway", "allowance", "portfolio", "checklist", "cue", "trigger", "reward",
    "drill", "lens", "filter", "threshold", "reserve", "surplus", "ratio", "heuristic", "journal",
    "schedule", "interval", "envelope", "fund", "baseline", "benchmark", "forecast", "quota",
    "habit stack", "commitment", "tradeoff", "feedback", "estimate", "practice",
)
TOPICS = (
    "your monthly spending", "a savings goal", "a new skill", "your study sessions",
    "long-term investing", "a busy work week", "debt repayment", "reading habits",
    "a side project", "household bills", "exam preparation", "career decisions",
    "a language you are learning", "retirement planning", "daily focus", "team planning",
)
PEOPLE = ("a nurse", "a student", "a freelancer", "a shop owner", "a retired teacher",
          "a new parent", "an engineer", "a musician", "a manager", "a baker")
VERBS_3RD = ("protects", "stretches", "shapes", "steadies", "exposes", "simplifies", "slows",
             "guides", "anchors", "clarifies", "compounds", "frees")
GERUNDS = ("tracking", "reviewing", "setting aside", "writing down", "revisiting", "pricing",
           "sorting", "rehearsing", "testing", "measuring", "spacing out", "limiting")
OBJECTS = ("small amounts each week", "one idea at a time", "every recurring cost",
           "the questions you got wrong", "the cost of waiting", "what you already know",
           "the next thirty days", "each decision before it grows", "the habits that matter",
           "the money that leaves each month", "the lessons from last year",
           "a single clear number")
OUTCOMES = ("fewer surprises", "calmer decisions", "steadier progress", "clearer priorities",
            "lower stress", "better recall", "more room to adapt", "faster feedback",
            "smaller mistakes", "a longer runway", "stronger habits", "compounding gains")
TIMES = ("each Sunday", "at the end of every month", "before each study session",
         "once a quarter", "every morning", "after each payday", "at the start of the week",
         "whenever plans change")
SITUATIONS = ("when money is tight", "when motivation fades", "when a deadline moves",
              "when prices rise", "after a bad week", "when the plan feels too rigid",
              "when progress stalls", "when you start from zero")
OPENERS = ("In practice,", "Over a year,", "For most people,", "Done well,", "At first,",
           "Over time,", "In the long run,", "On a hard week,")
EXAMPLES = ("a spreadsheet", "a paper notebook", "a calendar reminder", "a short checklist",
            "a note on the fridge", "a separate account", "a flash card", "a sticky note")


def _a(word: str) -> str:
    """The indefinite article for ``word``."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _filler_sentence(rng: random.Random, term: str) -> str:
    """One sentence of running text; the templates avoid 'X is Y' so they define nothing."""
    templates: tuple[Callable[[], str], ...] = (
        lambda: f"You can start with {rng.choice(EXAMPLES)} and {rng.choice(GERUNDS)} "
                f"{rng.choice(OBJECTS)} {rng.choice(TIMES)}.",
        lambda: f"{rng.choice(OPENERS)} {rng.choice(GERUNDS)} {rng.choice(OBJECTS)} tends to "
                f"bring {rng.choice(OUTCOMES)}.",
        lambda: f"Most people notice the difference {rng.choice(SITUATIONS)}, because the "
                f"{term} {rng.choice(VERBS_3RD)} the choices that follow.",
        lambda: f"Think of {rng.choice(PEOPLE)} who wants {rng.choice(OUTCOMES)} in "
                f"{rng.choice(TOPICS)}.",
        lambda: f"Instead of relying on willpower, they lean on the {term} and on "
                f"{rng.choice(EXAMPLES)}.",
        lambda: "{} the gains look small, yet they add up to {} and {}.".format(
            rng.choice(OPENERS), *rng.sample(OUTCOMES, 2)),
        lambda: f"If you only do one thing, try {rng.choice(GERUNDS)} {rng.choice(OBJECTS)} "
                f"{rng.choice(TIMES)}.",
        lambda: "This matters for {} as much as for {}.".format(*rng.sample(TOPICS, 2)),
        lambda: f"A month later, {rng.choice(PEOPLE)} can usually tell whether the {term} "
                f"made {rng.choice(TOPICS)} easier to manage.",
        lambda: f"Write the plan where you will see it, for example in {rng.choice(EXAMPLES)}, "
                f"and let the {term} do the remembering for you.",
        lambda: f"Small adjustments {rng.choice(TIMES)} beat a big overhaul once a year.",
        lambda: f"Over several months, {rng.choice(GERUNDS)} {rng.choice(OBJECTS)} quietly "
                f"{rng.choice(VERBS_3RD)} {rng.choice(TOPICS)}.",
        lambda: f"It feels harmless to skip it {rng.choice(SITUATIONS)}, but the cost shows up "
                f"later as lost time and weaker habits.",
        lambda: f"Nobody gets this right on the first try, so keep {rng.choice(EXAMPLES)} "
                f"nearby and adjust {rng.choice(TIMES)}.",
    )
    return rng.choice(templates)()


def _definition_sentence(rng: random.Random, term: str) -> tuple[str, str]:
    """An 'X is Y' or 'X means Y' sentence (term capitalised) and the definition alone."""
    t = term[:1].upper() + term[1:]
    forms = (
        ("is", f"a way of {rng.choice(GERUNDS)} {rng.choice(OBJECTS)} so that "
               f"{rng.choice(TOPICS)} gets {rng.choice(OUTCOMES)}"),
        ("is", f"the habit of {rng.choice(GERUNDS)} {rng.choice(OBJECTS)} {rng.choice(TIMES)}"),
        ("means", f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)} before {rng.choice(TOPICS)} "
                  f"takes over"),
        ("is", f"a small system that {rng.choice(VERBS_3RD)} {rng.choice(TOPICS)} "
               f"{rng.choice(SITUATIONS)}"),
        ("means", f"deciding in advance how to handle {rng.choice(TOPICS)} "
                  f"{rng.choice(SITUATIONS)}"),
    )
    verb, pred = rng.choice(forms)
    return f"{t} {verb} {pred}.", pred[:1].upper() + pred[1:] + "."


def _paragraph(rng: random.Random, term: str, sentences: int, define: str | None = None) -> str:
    out = [_filler_sentence(rng, term) for _ in range(sentences)]
    if define is not None:
        out.insert(rng.randrange(len(out) + 1), _definition_sentence(rng, define)[0])
    return " ".join(out)


def _question(rng: random.Random, term: str) -> str:
    return rng.choice((
        f"How does {_a(term)} {term} change {rng.choice(TOPICS)}?",
        f"Why do people skip the {term}?",
        f"When should you start {_a(term)} {term}?",
        f"What happens if you ignore the {term}?",
        f"How often should you revisit your {term}?",
        f"Does {_a(term)} {term} work {rng.choice(SITUATIONS)}?",
    ))


def _answer(rng: random.Random, term: str) -> str:
    return (f"Start small and keep the {term} visible. {rng.choice(OPENERS)} "
            f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)} {rng.choice(TIMES)} is enough to get "
            f"{rng.choice(OUTCOMES)}, and you can widen it once it feels routine.")


def _takeaway(rng: random.Random, term: str, bold: bool = False) -> str:
    cap = term[:1].upper() + term[1:]
    outcome = rng.choice(OUTCOMES)
    if bold:
        outcome = f"**{outcome}**"
    return rng.choice((
        f"{_a(term).capitalize()} {term} turns small inputs into {outcome}.",
        f"{cap} habits shape {rng.choice(TOPICS)} and bring {outcome}.",
        f"Review the {term} {rng.choice(TIMES)} to keep {outcome}.",
        f"The {term} works best when it stays simple enough to repeat {rng.choice(TIMES)}.",
    ))


def _mistake(rng: random.Random, term: str, other: str) -> tuple[str, str, str]:
    """(title, explanation, fix)."""
    title = rng.choice((
        f"Treating the {term} as optional",
        f"Confusing the {term} with the {other}",
        f"Dropping the {term} after a bad week",
        f"Making the {term} too complicated",
        f"Copying someone else's {term}",
    ))
    explanation = (f"It feels harmless at first, but you slowly lose sight of "
                   f"{rng.choice(OBJECTS)} and {rng.choice(TOPICS)} drifts.")
    fix = f"Keep {rng.choice(EXAMPLES)} and check the {term} {rng.choice(TIMES)}."
    return title, explanation, fix


def _title(rng: random.Random, term: str) -> str:
    cap = " ".join(w[:1].upper() + w[1:] for w in term.split())
    return rng.choice((f"How the {cap} Works", f"Why {_a(term).capitalize()} {cap} Matters",
                       f"The {cap}, Explained", f"Getting Started with the {cap}",
                       f"A Practical Guide to the {cap}"))


def _section_title(rng: random.Random, term: str) -> str:
    return rng.choice((f"Why the {term} matters", f"How the {term} works in practice",
                       f"A concrete example of the {term}", f"Where the {term} fits",
                       f"Building the {term} into your week", f"The cost of skipping the {term}"))


class Terms:
    """Distinct adjective x noun terms for one article, drawn without replacement."""

    def __init__(self, rng: random.Random) -> None:
        size = len(ADJECTIVES) * len(NOUNS)
        self._order = rng.sample(range(size), 40)
        self._next = 0

    def take(self) -> str:
        n = self._order[self._next]
        self._next += 1
        return f"{ADJECTIVES[n // len(NOUNS)]} {NOUNS[n % len(NOUNS)]}"


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _fill(rng: random.Random, used: int, budget: int, term: str, terms: Terms,
          definitions: int) -> list[list[str]]:
    """Filler sections (each a list of paragraphs) until ``budget`` words; some define a term."""
    sections: list[list[str]] = []
    defined = 0
    while used < budget:
        paragraphs = []
        for _ in range(rng.randint(2, 3)):
            define = terms.take() if defined < definitions and rng.random() < 0.5 else None
            defined += define is not None
            p = _paragraph(rng, term, rng.randint(4, 7), define)
            paragraphs.append(p)
            used += _words(p)
            if used >= budget:
                break
        sections.append(paragraphs)
    return sections


def markdown_article(rng: random.Random, series: str, words: int) -> str:
    terms = Terms(rng)
    main = terms.take()
    title = _title(rng, main)
    glossary = [terms.take() for _ in range(rng.randint(2, 3))]
    faq = [terms.take() for _ in range(rng.randint(2, 3))]
    takeaways = [terms.take() for _ in range(rng.randint(2, 3))]
    mistakes = [terms.take() for _ in range(2)]
    tags = sorted({w for t in (main, *glossary[:2]) for w in t.split()[-1:]} | {"levcards-bench"})
    out = ["---", f'title: "{title}"', f'category: "{series}"',
           "tags: [" + ", ".join(t.replace(" ", "-") for t in tags) + "]",
           f"updated: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "---", "",
           f"# {title}"]
    body: list[str] = []
    body.append(_paragraph(rng, main, 5))
    body.append("## Definitions")
    for term in glossary:
        body.append(f"- **{term[:1].upper() + term[1:]}:** {_definition_sentence(rng, term)[1]}")
    fixed = body + [_answer(rng, t) for t in faq] + [_takeaway(rng, t) for t in takeaways]
    sections = _fill(rng, sum(map(_words, fixed)) + 120, words, main, terms, rng.randint(0, 1))
    sections = [[_markup(rng, p, main) for p in paragraphs] for paragraphs in sections]
    for paragraphs in sections[:2]:
        body.append(f"## {_section_title(rng, main)}")
        body.extend(paragraphs)
    body.append("## FAQ")
    bold_questions = rng.random() < 0.5
    for term in faq:  # question headings, or bold question lines over their answers
        question = _question(rng, term)
        body.append(f"**{question}**" if bold_questions else f"### {question}")
        body.append(_answer(rng, term))
    for paragraphs in sections[2:]:
        body.append(f"## {_section_title(rng, main)}")
        body.extend(paragraphs)
    body.append("## Common mistakes")
    for term, other in zip(mistakes, reversed(mistakes)):
        label, explanation, fix = _mistake(rng, term, other)
        body.append(f"- **{label}:** {explanation} {fix}")
    body.append("## Key Takeaways")
    for n, term in enumerate(takeaways):
        body.append(f"- {_takeaway(rng, term, bold=n == 0 and rng.random() < 0.5)}")
    text = "\n".join(out) + _join_blocks(body)
    return text


LINKED = ("https://example.com/guide", "https://example.org/notes", "/money/basics",
          "../learning/recall")


def _markup(rng: random.Random, paragraph: str, term: str) -> str:
    """The inline markup real Markdown articles carry: the term set in bold inside running
    sentences, "The **term** is …" definitions, and links on the odd phrase."""
    words = paragraph.split(f"the {term}")
    out = words[0]
    for rest in words[1:]:
        out += (f"the **{term}**" if rng.random() < 0.6 else f"the {term}") + rest
    for example in EXAMPLES:
        if example in out and rng.random() < 0.3:
            out = out.replace(example, f"[{example}]({rng.choice(LINKED)})", 1)
    return re.sub(r"(?<![\w*])([A-Z][a-z]+ [a-z-]+) (is|means) (a |the |deciding )",
                  lambda m: f"The **{m.group(1).lower()}** {m.group(2)} {m.group(3)}"
                  if rng.random() < 0.5 else m.group(0), out)


def _join_blocks(blocks: list[str]) -> str:
    """Blank lines between blocks, except between consecutive list items."""
    out: list[str] = []
    for block in blocks:
        if out and not (block.startswith("- ") and out[-1].startswith("- ")):
            out.append("")
        out.append(block)
    return "\n".join(out) + "\n"


def plaintext_article(rng: random.Random, series: str, part: int, parts: int, words: int) -> str:
    terms = Terms(rng)
    main = terms.take()
    title = _title(rng, main)
    questions = [terms.take() for _ in range(rng.randint(2, 3))]
    mistakes = [terms.take() for _ in range(2)]
    takeaways = [terms.take() for _ in range(rng.randint(2, 3))]
    key_terms = [terms.take() for _ in range(rng.randint(1, 2))]
    lines = ["Back to all guides", f"Part {part} of {parts} in {series}", title, "Introduction",
             _paragraph(rng, main, 5, define=main)]
    fixed = [_answer(rng, t) for t in questions] + [_takeaway(rng, t) for t in takeaways]
    sections = _fill(rng, sum(map(_words, lines + fixed)) + 200, words, main, terms,
                     rng.randint(0, 1))
    lines.append("Key terms")
    for term in key_terms:
        lines.append(f"• {term[:1].upper() + term[1:]}: {_definition_sentence(rng, term)[1]}")
    for paragraphs in sections:
        heading = _section_title(rng, main)
        lines.append(heading[:1].upper() + heading[1:])
        lines.extend(paragraphs)
    lines.append("Quick Q&A")
    for term in questions:
        lines.append(_question(rng, term))
        lines.append(_answer(rng, term))
    for n, (term, other) in enumerate(zip(mistakes, reversed(mistakes)), 1):
        label, explanation, fix = _mistake(rng, term, other)
        lines.extend((f"Mistake {n}: {label}", explanation, f"The fix: {fix}"))
    lines.append("Key Takeaways")
    lines.append("\n".join(f"• {_takeaway(rng, t)}" for t in takeaways))
    lines.extend(("Related guides", f"• {_title(rng, terms.take())}",
                  "Share this article", "Subscribe to our newsletter"))
    return "\n\n".join(lines) + "\n"


def prose_article(rng: random.Random, words: int) -> str:
    terms = Terms(rng)
    main = terms.take()
    paragraphs: list[str] = []
    used = 0
    defined = 0
    target = rng.randint(4, 7)
    while used < words:
        define = terms.take() if defined < target and rng.random() < 0.7 else None
        defined += define is not None
        p = _paragraph(rng, main, rng.randint(5, 8), define)
        paragraphs.append(textwrap.fill(p, width=88, break_on_hyphens=False))
        used += _words(p)
    return "\n\n".join(paragraphs) + "\n"


def slugify(name: str) -> str:
    """The same slug levcards makes of a series name, so folder and series agree."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "series"


def generate(out: Path, articles: int, series_count: int, seed: int, words: int) -> dict[str, int]:
    """Write the corpus under ``out``; return how many articles of each format were written."""
    names = [SERIES[i % len(SERIES)] + (f" {i // len(SERIES) + 1}" if i >= len(SERIES) else "")
             for i in range(series_count)]
    per_series = [len(range(s, articles, series_count)) for s in range(series_count)]
    counts = {"markdown": 0, "plaintext": 0, "prose": 0}
    for s, name in enumerate(names):
        (out / slugify(name)).mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        s = i % series_count
        rng = random.Random(f"levcards-bench:{FORMAT_VERSION}:{seed}:{i}")
        roll = rng.random()
        if roll < 0.5:
            kind, text, suffix = "markdown", markdown_article(rng, names[s], words), ".md"
        elif roll < 0.8:
            text = plaintext_article(rng, names[s], i // series_count + 1, per_series[s], words)
            kind, suffix = "plaintext", ".txt"
        else:
            kind, text, suffix = "prose", prose_article(rng, words), ".txt"
        counts[kind] += 1
        path = out / slugify(names[s]) / f"{i:06d}-{kind}{suffix}"
        path.write_text(text, encoding="utf-8", newline="\n")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created; replaced only if it "
                        "holds a corpus this script wrote)")
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--series", type=int, default=10, help="number of series folders")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=1200, help="approximate words per article")
    args = parser.parse_args(argv)
    if args.articles < 0 or args.series < 1 or args.words < 100:
        parser.error("need --articles >= 0, --series >= 1 and --words >= 100")
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            parser.error(f"{out} is not empty and was not written by this script; "
                         "choose a new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    counts = generate(out, args.articles, args.series, args.seed, args.words)
    manifest = {"version": FORMAT_VERSION, "articles": args.articles, "series": args.series,
                "seed": args.seed, "words": args.words, "formats": counts}
    (out / MARKER).write_text(json.dumps(manifest, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(manifest, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
