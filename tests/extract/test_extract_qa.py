"""Q&A: FAQ sections, bold and Q:/A: lines, bare question lines, a question title's answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from extracting import of_kind
from levcards.extract import qa
from levcards.model import Article
from levcards.readers import pick_reader, read_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"


def article(text: str, shown: str = "decks/money/faq.md") -> Article:
    return pick_reader(text).read(text, shown, "faq")


def pairs(text: str) -> list[tuple[str, str, int]]:
    return [(p.question, p.answer, p.ref.line) for p in of_kind("qa", article(text))]


@pytest.mark.parametrize("title", ["FAQ", "FAQs", "Quick Q&A", "Q&A", "Frequently asked questions",
                                   "Common questions"])
def test_faq_section_with_question_headings(title: str) -> None:
    text = (
        "# Saving Money\n\n"
        "Intro text about saving.\n\n"
        f"## {title}\n\n"
        "### Where should savings live?\n\n"
        "In an instant-access account apart from everyday spending.\n\n"
        "### Should I invest my buffer?\n\n"
        "No. It exists to be dull and ready.\n"
    )
    found = of_kind("qa", article(text))
    assert [(p.question, p.answer, p.ref.line, p.confidence) for p in found] == [
        ("Where should savings live?", "In an instant-access account apart from everyday spending.",
         7, 1.0),
        ("Should I invest my buffer?", "No. It exists to be dull and ready.", 11, 1.0),
    ]
    assert {p.ref.path for p in found} == {"decks/money/faq.md"}


def test_faq_ends_at_the_next_non_question_heading() -> None:
    text = (
        "# Notes\n\n## FAQ\n\n### Is a budget a diet?\n\nNo, it is a plan.\n\n"
        "## Next steps\n\nWhy not start today? Open a spreadsheet.\n"
    )
    assert pairs(text) == [("Is a budget a diet?", "No, it is a plan.", 5)]


def test_bold_question_paragraph_then_answer_paragraph() -> None:
    text = (
        "# Budgeting\n\n## Quick Q&A\n\n"
        "**How often should I review my budget?**\n\n"
        "Weekly at first, then once a month.\n"
    )
    assert pairs(text) == [("How often should I review my budget?",
                            "Weekly at first, then once a month.", 5)]


def test_bold_q_and_a_on_one_line() -> None:
    text = "# Budgeting\n\n## FAQ\n\n**Q: Do I need an app?** A: No, a notebook works as well.\n"
    assert pairs(text) == [("Do I need an app?", "No, a notebook works as well.", 5)]


def test_bold_q_line_then_bold_a_line() -> None:
    text = ("# Budgeting\n\n## FAQ\n\n"
            "**Q: Is cash better?**\n**A:** Not always; cards leave a record.\n")
    assert pairs(text) == [("Is cash better?", "Not always; cards leave a record.", 5)]


def test_bold_question_with_answer_on_the_next_line() -> None:
    text = ("# Budgeting\n\n## FAQ\n\n"
            "**Is cash better than cards?**\nNot always; cards leave a record.\n")
    assert pairs(text) == [("Is cash better than cards?", "Not always; cards leave a record.", 5)]


def test_q_and_a_lines_outside_an_faq() -> None:
    text = (
        "# Couples and Money\n\n## Reader mail\n\n"
        "Q: Can couples share one budget?\n\n"
        "A: Yes, if each person keeps some money of their own.\n\n"
        "Question: Who pays the bills?\nAnswer: Whoever earns on the earlier date.\n"
    )
    found = of_kind("qa", article(text))
    assert [(p.question, p.answer, p.ref.line, p.confidence) for p in found] == [
        ("Can couples share one budget?", "Yes, if each person keeps some money of their own.", 5,
         0.9),
        ("Who pays the bills?", "Whoever earns on the earlier date.", 9, 0.9),
    ]


def test_q_and_a_on_one_line_outside_an_faq() -> None:
    text = "# Mail\n\nQ: Is renting wasted money? A: No, it buys flexibility and time.\n"
    assert pairs(text) == [("Is renting wasted money?", "No, it buys flexibility and time.", 3)]


def test_question_title_with_direct_answer() -> None:
    text = (
        "# Is an Emergency Fund Worth It?\n\n"
        "**Direct answer:** Yes, because it turns a bad day into an inconvenience.\n\n"
        "Most people learn this the hard way.\n"
    )
    found = of_kind("qa", article(text))
    assert [(p.question, p.answer, p.ref.line, p.confidence) for p in found] == [
        ("Is an Emergency Fund Worth It?", "Yes, because it turns a bad day into an inconvenience.",
         3, 1.0)]


def test_question_heading_outside_an_faq_is_answered_with_lower_confidence() -> None:
    text = "# Habits\n\n## Why do habits stick?\n\nThey remove the need to decide.\n"
    (pair,) = of_kind("qa", article(text))
    assert (pair.question, pair.answer, pair.ref.line) == (
        "Why do habits stick?", "They remove the need to decide.", 3)
    assert pair.confidence < 1.0


def test_rhetorical_questions_inside_prose_are_not_pairs() -> None:
    text = (
        "# Saving\n\n"
        "Why do so many people quit budgeting? Usually the plan was too strict.\n\n"
        "Would three months of savings be better? Eventually, but start with one.\n"
    )
    assert pairs(text) == []


def test_rhetorical_questions_in_headingless_prose() -> None:
    text = ("Who hasn't bought something they never used? It happens to everyone.\n\n"
            "What matters is noticing the pattern.\n")
    assert article(text).reader == "prose"
    assert pairs(text) == []


def test_questions_to_ask_yourself_checklist_is_not_qa() -> None:
    text = (
        "# Spending Review\n\n## FAQ\n\n### Is this a budget?\n\nNo, it is a review.\n\n"
        "## Questions to ask yourself\n\n"
        "- What did I spend on last week?\n"
        "- Which purchase do I regret?\n\n"
        "Write the answers down.\n"
    )
    assert pairs(text) == [("Is this a budget?", "No, it is a review.", 5)]


def test_questions_to_ask_yourself_checklist_in_a_text_export() -> None:
    text = (
        "Spending Review\n\nLook back before you plan ahead.\n\nQuestions to ask yourself\n\n"
        "• What did I spend on last week?\n• Which purchase do I regret?\n\nGood luck.\n"
    )
    assert article(text).reader == "plaintext"
    assert pairs(text) == []


def test_question_headings_under_a_self_check_section_are_not_qa() -> None:
    text = (
        "# Spending Review\n\n## Questions to ask yourself\n\n"
        "### What would I cut first?\n\nThink about it before payday.\n"
    )
    assert pairs(text) == []


def test_bare_question_lines_in_a_text_export() -> None:
    found = of_kind("qa", read_article(FIXTURES / "habit_page_export.txt", shown="page.txt"))
    text = (FIXTURES / "habit_page_export.txt").read_text(encoding="utf-8").split("\n")
    assert [(p.question, p.answer) for p in found] == [
        ("What if two minutes feels pointless?",
         "Showing up is the skill you are training, so the short session still counts."),
        ("Can I stack several tiny habits?",
         "Yes, but add them one at a time so each one settles first."),
    ]
    assert [text[p.ref.line - 1] for p in found] == [p.question for p in found]
    assert {p.ref.path for p in found} == {"page.txt"}


def test_question_followed_by_another_question_has_no_answer() -> None:
    text = (
        "# Notes\n\n## FAQ\n\n### Is debt always bad?\n\n### Should I pay it off first?\n\n"
        "Usually, when the rate is high.\n"
    )
    assert pairs(text) == [("Should I pay it off first?", "Usually, when the rate is high.", 7)]


def test_overlong_answers_are_skipped() -> None:
    answer = " ".join(["word"] * (qa.MAX_ANSWER_WORDS + 1)) + "."
    text = f"# Notes\n\n## FAQ\n\n### Is this too long?\n\n{answer.capitalize()}\n"
    assert pairs(text) == []


def test_faq_question_mentioning_a_journal_is_kept() -> None:
    from levcards.extract import extract
    from levcards.readers import pick_reader

    text = ("# Notebooks\n\n## FAQ\n\n### How often should I revisit my reflective journal?\n\n"
            "Once a week is enough to spot patterns.\n\n## Questions to ask yourself\n\n"
            "### Did I keep my promise this week?\n\nAnswer honestly before Sunday.\n")
    article = pick_reader(text).read(text, "n.md", "n")
    questions = [i.question for i in extract(article) if i.kind == "qa"]
    assert questions == ["How often should I revisit my reflective journal?"]
