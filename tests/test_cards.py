"""cards: study items -> note specs (basic or cloze), with meta fields, tags and stable GUIDs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from levcards import render
from levcards.cards import NoteContext, make_notes, tag_safe
from levcards.extract import extract
from levcards.extract.text import norm
from levcards.identity import guid
from levcards.model import (
    Article,
    Definition,
    Enumeration,
    Item,
    Mistake,
    NoteSpec,
    QAPair,
    Section,
    SourceRef,
    Takeaway,
)
from levcards.notetypes import BASIC_FIELDS, CLOZE_FIELDS
from levcards.phrases import key_phrases
from levcards.readers import pick_reader, read_article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
PATH = "decks/money/buffer.md"
CLOZE = re.compile(r"\{\{c(\d+)::")
SENSE = '<span class="lc-sense">(Money Basics)</span>'
"""The series a basic note's prompt names, so two courses' prompts never collide in Anki."""


def make_article(title: str = "The Cash Buffer", meta: dict[str, object] | None = None) -> Article:
    return Article(path=PATH, slug="buffer", title=title, reader="markdown",
                   sections=(Section("", 0, 1),), meta=meta or {})


def context(article: Article | None = None, extra_tags: tuple[str, ...] = ()) -> NoteContext:
    return NoteContext(article or make_article(), "buffer", "money-basics", "Money Basics",
                       extra_tags)


def notes_for(*items: Item, ctx: NoteContext | None = None) -> list[NoteSpec]:
    return make_notes(ctx or context(), list(items))


def ref(line: int) -> SourceRef:
    return SourceRef(PATH, line)


def cloze_numbers(field: str) -> list[int]:
    return [int(n) for n in CLOZE.findall(field)]


# --- one factory per kind ----------------------------------------------------------------------

def test_qa_is_one_basic_note() -> None:
    (note,) = notes_for(QAPair("Where should the buffer live?", "In a separate account.", ref(12)))
    assert (note.notetype, note.kind, note.cards) == ("basic", "qa", 1)
    assert note.fields == (f"Where should the buffer live? {SENSE}",
                           "In a separate account.", "", "The Cash Buffer", "Money Basics",
                           f"{PATH}:12")
    assert len(note.fields) == len(BASIC_FIELDS)
    assert note.ref == ref(12)


@pytest.mark.parametrize(("question", "answer", "asked", "answered"), [
    ("What is a buffer? Can you keep it short?", "Cash for surprises.", "What is a buffer?",
     "Cash for surprises."),
    ("Define float please?", "Super simple: money in transit.", "Define float?",
     "Money in transit."),
    ("Where do I start?", "Great question! Start with one month of rent.", "Where do I start?",
     "Start with one month of rent."),
])
def test_an_faq_loses_its_conversation(question: str, answer: str, asked: str,
                                       answered: str) -> None:
    (note,) = notes_for(QAPair(question, answer, ref(12)))
    assert note.fields[0] == f"{asked} {SENSE}"
    assert note.fields[1] == answered


@pytest.mark.parametrize("question", ["What are some resources for learning more about buffers?",
                                      "Where can I learn more?"])
def test_a_question_asking_for_further_reading_makes_no_card(question: str) -> None:
    assert notes_for(QAPair(question, "The book Money Basics by A. Writer.", ref(12))) == []


def test_definition_asks_what_the_term_means_and_back_for_the_term() -> None:
    (note,) = notes_for(Definition("Float", "cash covering gaps between pay and bills.", ref(5)))
    assert (note.notetype, note.kind, note.cards) == ("basic", "definition", 2)
    front, back, reverse = note.fields[:3]
    assert front == f"What does <b>Float</b> mean? {SENSE}"
    assert back == "cash covering gaps between pay and bills."
    assert reverse == "Float"  # the reverse card's answer (a non-empty field turns it on)
    assert len(note.fields) == len(BASIC_FIELDS)


@pytest.mark.parametrize(("term", "asked"), [("A cognitive bias", "a cognitive bias"),
                                             ("An index fund", "an index fund"),
                                             ("A priori", "a priori"), ("The Hague", "The Hague"),
                                             ("A", "A")])
def test_a_term_is_asked_with_its_article_in_lower_case(term: str, asked: str) -> None:
    (note,) = notes_for(Definition(term, "a word for testing what the card asks.", ref(3)))
    assert note.fields[0].startswith(f"What does <b>{asked}</b> mean?")


@pytest.mark.parametrize(("term", "definition"), [
    ("Leverage", "non-linear amplification of an input, as leverage always is."),  # the term
    ("Compound interest", "interest earned on earlier interest, compounding yearly."),  # its stem
    ("Runway", " ".join(["word"] * 26) + "."),  # too long to ask back
    ("BREAKING CHANGE", "a commit that introduces a breaking API change."),  # a label
    ("APR", "annual percentage rate, the yearly cost of a loan."),  # its own expansion
    ("FLOPS", "floating point operations per second, a measure of speed."),
    ("Loss aversion", "a major driver of the sunk cost fallacy."),  # fits several terms
])
def test_no_reverse_card_when_the_definition_gives_the_term_away_or_is_long(
        term: str, definition: str) -> None:
    (note,) = notes_for(Definition(term, definition, ref(5)))
    assert (note.cards, note.fields[2]) == (1, "")


@pytest.mark.parametrize("verdict", ["Yes!", "It depends.", "Not necessarily."])
def test_a_bare_yes_or_no_keeps_its_reason_on_the_answer_line(verdict: str) -> None:
    (note,) = notes_for(QAPair("Can a buffer earn interest?", f"{verdict} A savings account "
                               "pays a little on it.", ref(12)))
    assert note.fields[1] == f"{verdict} A savings account pays a little on it."


def test_a_caveat_after_a_long_first_sentence_stays_on_the_card() -> None:
    answer = ("For most savers a buffer of three months of expenses is enough to cover a lost job "
              "or a broken car. However, one income needs six. Most people never need more.")
    (note,) = notes_for(QAPair("How big should the buffer be?", answer, ref(12)))
    assert note.fields[1].endswith('<div class="lc-more">However, one income needs six.</div>')


def test_a_rhetorical_question_opening_an_answer_keeps_its_reply() -> None:
    (note,) = notes_for(QAPair("When should the buffer grow?", "Got a new car? Add a repair "
                               "fund to it. Had a baby? Raise the target.", ref(12)))
    assert note.fields[1].startswith("Got a new car? Add a repair fund to it.")


def test_an_answer_is_its_first_sentence_and_what_fits_in_25_words() -> None:
    answer = ("Keep it in savings. A separate account hides it from daily spending. "
              + " ".join(["More"] * 30) + " words.")
    (note,) = notes_for(QAPair("Where should the buffer live?", answer, ref(12)))
    assert note.fields[1] == ('Keep it in savings.<div class="lc-more">A separate account hides '
                              'it from daily spending.</div>')


def test_takeaway_with_a_bold_phrase_hides_that_phrase() -> None:
    item = Takeaway("Build one month of essentials before investing.", ref(20),
                    highlight="one month of essentials")
    (note,) = notes_for(item)
    assert (note.notetype, note.kind, note.cards) == ("cloze", "takeaway", 1)
    assert note.fields[0] == "Build {{c1::one month of essentials}} before investing."
    assert note.fields[1] == ""
    assert len(note.fields) == len(CLOZE_FIELDS)


def test_takeaway_without_highlight_still_hides_a_phrase_but_not_everything() -> None:
    (note,) = notes_for(Takeaway("Automation makes saving the default choice.", ref(21)))
    text = note.fields[0]
    assert cloze_numbers(text) == [1]
    visible = re.sub(r"\{\{c1::.*?\}\}", "", text)
    assert visible.strip(" .")  # at least one word stays visible


def test_a_takeaway_of_several_sentences_is_one_cloze_on_its_claim() -> None:
    text = ("Small buffers prevent big debts. A separate account keeps the buffer away from daily "
            "spending. Refilling the buffer comes before new goals.")
    (note,) = notes_for(Takeaway(text, ref(30)))
    assert note.notetype == "cloze" and cloze_numbers(note.fields[0]) == [1]
    assert re.sub(r"\{\{c1::(.*?)\}\}", r"\1", note.fields[0]) == "Small buffers prevent big debts."
    hidden = re.findall(r"\{\{c1::(.*?)\}\}", note.fields[0])[0]
    assert 1 <= len(hidden.split()) <= 4
    # the neighbouring sentence is the Extra, never the whole takeaway
    assert note.fields[1] == "A separate account keeps the buffer away from daily spending."


def test_a_claim_with_no_phrase_worth_a_blank_gives_way_to_the_next_sentence() -> None:
    text = "It helps. Interest on interest makes the curve bend upward over decades."
    (note,) = notes_for(Takeaway(text, ref(31)))
    assert note.key == norm("Interest on interest makes the curve bend upward over decades.")
    assert note.fields[1] == ""  # nothing follows it


@pytest.mark.parametrize(("sentence", "praise"), [
    ("Interleaving is more effective than blocked practice.", "effective"),
    ("Checklists make busy kitchens more effective than memory.", "effective"),
])
def test_a_blank_never_hides_the_authors_praise(sentence: str, praise: str) -> None:
    """ "more [...] than blocked practice" asks for "effective": a guess at a judgement."""
    (note,) = notes_for(Takeaway(sentence, ref(9)))
    (hidden,) = re.findall(r"\{\{c1::(.*?)\}\}", note.fields[0])
    assert praise not in hidden and hidden in sentence


def test_good_and_bad_still_name_things() -> None:
    (note,) = notes_for(Takeaway("Leverage amplifies mistakes and bad incentives.", ref(9)))
    assert re.findall(r"\{\{c1::(.*?)\}\}", note.fields[0]) == ["bad incentives"]


def test_several_bold_phrases_make_c1_c2_and_edges_are_never_function_words() -> None:
    item = Takeaway("Save first and spend what is left.", ref(22),
                    phrases=("first", "what is left"))
    (note,) = notes_for(item)
    assert note.fields[0] == "Save {{c1::first}} and spend {{c2::what is left}}."
    assert note.cards == 2


def test_a_sentence_that_leans_on_the_one_before_shows_it() -> None:
    item = Takeaway("It turns one input into many outputs.", ref(23),
                    context="Leverage is delayed amplification.")
    (note,) = notes_for(item)
    assert note.fields[0].startswith('<div class="lc-lead">Leverage is delayed amplification.'
                                     '</div>It turns')


def test_a_sentence_whose_pronoun_nothing_on_the_card_resolves_makes_no_cloze() -> None:
    assert notes_for(Takeaway("Review them every evening for **ten minutes**.", ref(23),
                              phrases=("ten minutes",))) == []
    (note,) = notes_for(Takeaway("Review them every evening for **ten minutes**.", ref(23),
                                 phrases=("ten minutes",), context="Flashcards fade fast."))
    assert note.fields[0].startswith('<div class="lc-lead">Flashcards fade fast.</div>Review them')


def test_a_mistake_asks_why_and_what_to_do_instead_on_two_cards() -> None:
    why, instead = notes_for(Mistake("Counting credit as savings", "A card limit is borrowed money.",
                                     ref(40), fix="Keep real cash aside."))
    assert [(n.notetype, n.kind, n.cards) for n in (why, instead)] == [("basic", "mistake", 1)] * 2
    assert "Counting credit as savings" in why.fields[0] and "Why is it a mistake?" in why.fields[0]
    assert why.fields[1] == "A card limit is borrowed money."
    assert "What should you do instead?" in instead.fields[0]
    assert instead.fields[1] == "Keep real cash aside."
    assert why.guid != instead.guid


def test_a_reason_followed_by_advice_makes_a_why_card_and_an_instead_card() -> None:
    why, instead = notes_for(Mistake("Trusting a viral tip", "A viral video is not a plan. "
                                     "Check it against a second source.", ref(40)))
    assert "Why is it a mistake?" in why.fields[0] and why.fields[1] == "A viral video is not a plan."
    assert "What should you do instead?" in instead.fields[0]
    assert instead.fields[1] == "Check it against a second source."


def test_a_mistake_named_by_a_gerund_is_not_turned_into_a_broken_question() -> None:
    (note,) = notes_for(Mistake("Never checking the balance", "Fees pile up unseen.", ref(41)))
    assert note.fields[0].startswith("Common mistake: <b>Never checking the balance</b>")


def test_advice_written_as_a_warning_asks_why_not() -> None:
    (note,) = notes_for(Mistake("Don't move someone with a spinal injury",
                                "Moving them can worsen the damage.", ref(41)))
    assert note.fields[0].startswith("Why shouldn't you <b>move someone with a spinal injury</b>?")


@pytest.mark.parametrize(("explanation", "answer"), [
    ("Many savers believe a credit card is a safety net. In truth, a card limit is borrowed "
     "money.", "In truth, a card limit is borrowed money."),
    ("The notion that a buffer is idle money is a common misconception. It was once thought "
     "so. However, it saves you from debt at 25% interest.",
     "It saves you from debt at 25% interest."),  # no dangling "However" on its own
    ("Many savers think a card will do. But that plan costs 25% a year in interest.",
     "Many savers think a card will do. But that plan costs 25% a year in interest."),  # "that"
    ("A common mistake is to count credit. This is costly at 25% interest.",
     "This is costly at 25% interest."),  # "this" is the mistake the front names
    ("A card limit is borrowed money, not savings. Many people learn that late.",
     "A card limit is borrowed money, not savings. Many people learn that late."),  # says why
    ("It is a myth because a card limit is borrowed money. Few know.",
     "It is a myth because a card limit is borrowed money. Few know."),
])
def test_a_myths_answer_starts_where_the_belief_is_corrected(explanation: str, answer: str) -> None:
    (note,) = notes_for(Mistake("Credit is a buffer", explanation, ref(40)))
    shown = " ".join(re.sub(r"<[^>]+>", " ", note.fields[1]).split())
    assert shown == answer  # the answer and what fits after it


def test_a_first_sentence_that_only_names_the_mistake_again_gives_way_to_the_next() -> None:
    (note,) = notes_for(Mistake("Oversimplification", "The rule can oversimplify a choice. Real "
                                "choices also weigh taxes and timing.", ref(40)))
    assert note.fields[1] == "Real choices also weigh taxes and timing."


@pytest.mark.parametrize("advice", ["Resist the urge to spend it on a sale.",
                                    "If a bill surprises you, calmly move it to next month.",
                                    "Don't touch it for treats.",
                                    "Pay the card in full each month instead."])
def test_an_explanation_written_as_advice_asks_what_to_do_instead(advice: str) -> None:
    (note,) = notes_for(Mistake("Raiding the buffer", advice, ref(42)))
    assert "What should you do instead?" in note.fields[0]
    assert "Why is it a mistake?" not in note.fields[0]
    assert note.fields[1] == render.text(advice)


def test_a_label_before_a_point_shows_above_its_cloze_and_is_not_blanked() -> None:
    (note,) = notes_for(Takeaway("Separation: A second account keeps the buffer out of "
                                 "everyday spending.", ref(23)))
    lead, cloze = note.fields[0].split("</div>")
    assert lead == '<div class="lc-lead">Separation'
    assert cloze.startswith("A second account keeps") and "{{c1::" in cloze
    assert "Separation" not in re.findall(r"\{\{c1::(.*?)\}\}", cloze)[0]


@pytest.mark.parametrize(("sentence", "given"), [
    ("Budgets fail when they ignore irregular bills and irregular income.", "irregular bills"),
    ("Rebalancing your funds means moving money back to your target funds.", "target funds"),
])
def test_no_blank_on_a_phrase_the_rest_of_the_card_gives_away(sentence: str, given: str) -> None:
    assert given not in key_phrases(sentence)


@pytest.mark.parametrize("sentence", [
    "A buffer is an essential tool for every household.",  # a judgement: any subject fits
    "Rest days are essential for strength training.",
    "A checklist is a powerful tool for busy kitchens.",
    "The first 3 months are the hardest.",  # a figure with nothing to say of what
    "For simplicity, suppose a bill is either small or large.",  # a worked example's set-up
    "Imagine a **$500** repair in the first month.",
])
def test_no_cloze_on_a_judgement_a_bare_figure_or_an_example_set_up(sentence: str) -> None:
    bolded = re.findall(r"\*\*(.*?)\*\*", sentence)
    assert key_phrases(sentence.replace("**", ""), bolded) == []


def test_a_comparison_keeps_its_subject_blank_and_a_figure_with_context_stays() -> None:
    assert key_phrases("Automatic transfers are more effective than willpower.") in (
        ["Automatic transfers"], ["willpower"])
    assert key_phrases("Keep three months of expenses, or 6 months on one income.") == ["6 months"]


def test_of_two_bolded_opposites_only_the_first_is_a_blank() -> None:
    sentence = "Plan prospective costs, not retrospective ones."
    assert key_phrases(sentence, ["prospective", "retrospective"]) == ["prospective"]


def test_a_definition_that_only_uses_its_term_is_a_cloze_on_the_term() -> None:
    (note,) = notes_for(Definition("Irregular Bills", "The hardest part of a budget is its "
                                   "irregularity: bills that come once a year.", ref(7)))
    assert (note.notetype, note.kind, note.cards) == ("cloze", "definition", 1)
    assert note.fields[0] == "The hardest part of a budget is its {{c1::irregularity}}: bills that come once a year."


@pytest.mark.parametrize("definition", ["during the first month of a job.",
                                        "in a separate account at another bank.",
                                        "As mentioned earlier, float matters here."])
def test_a_fragment_or_a_back_reference_is_no_definition_card(definition: str) -> None:
    assert notes_for(Definition("Float", definition, ref(5))) == []


def test_several_terms_named_together_are_asked_what_they_are_with_no_reverse() -> None:
    (note,) = notes_for(Definition("Rent, Food and Transport", "the three largest fixed costs.",
                                   ref(5)))
    assert note.fields[0].startswith("What are <b>Rent, Food and Transport</b>?")
    assert (note.cards, note.fields[2]) == (1, "")


def test_a_bare_mistake_is_a_cloze_on_its_key_phrase_never_an_empty_back() -> None:
    group = "Where this breaks down"
    items = [Mistake(title, "", ref(50 + n), group=group) for n, title in enumerate(
        ["Irregular income needs a bigger buffer", "Costly debt may deserve the cash first",
         "Inflation erodes idle cash"])]
    notes = notes_for(*items)
    assert [(n.notetype, n.kind, n.cards) for n in notes] == [("cloze", "mistake", 1)] * 3
    for note, item in zip(notes, items):
        assert note.fields[0].startswith(f'<span class="lc-kind">Common mistake ({group}):</span>')
        revealed = re.sub(r"\{\{c1::(.*?)\}\}", r"\1", note.fields[0])
        assert revealed.endswith(item.title)
        assert note.ref == item.ref


def test_bare_mistakes_keep_their_place_in_reading_order() -> None:
    items: list[Item] = [
        QAPair("First question?", "Answer one.", ref(1)),
        Mistake("Starting too big", "", ref(2), group="Pitfalls"),
        QAPair("Second question?", "Answer two.", ref(3)),
        Mistake("Skipping rest days", "", ref(4), group="Pitfalls"),
    ]
    notes = make_notes(context(), items)
    assert [n.kind for n in notes] == ["qa", "mistake", "qa", "mistake"]


def test_a_summary_line_that_restates_a_card_of_its_article_makes_no_cloze() -> None:
    explained = Mistake("Cold water ruins a cast-iron pan", "Only a sudden shock cracks it; "
                        "rinsing a warm pan is harmless.", ref(10))
    defined = Definition("Seasoning", "the layer of baked-on oil that keeps a pan from rusting.",
                         ref(4))
    summary = [Takeaway("Rinsing a warm cast-iron pan in cold water is harmless.", ref(1)),
               Takeaway("Seasoning keeps a pan from rusting.", ref(2), highlight="Seasoning"),
               Takeaway("Heat the pan before the oil goes in.", ref(3), highlight="Heat the pan")]
    notes = notes_for(*summary, defined, explained)
    clozes = [n for n in notes if n.notetype == "cloze"]
    assert [n.key for n in clozes] == [norm("Heat the pan before the oil goes in.")]
    assert [n.kind for n in notes if n.notetype == "basic"] == ["definition", "mistake"]


def test_a_summary_cloze_with_a_fact_of_its_own_stays() -> None:
    defined = Definition("Seasoning", "the layer of baked-on oil that keeps a pan from rusting.",
                         ref(4))
    own = Takeaway("Acidic sauces strip seasoning from a new pan.", ref(2),
                   highlight="seasoning")
    assert [n.kind for n in notes_for(own, defined)] == ["takeaway", "definition"]


def test_a_cloze_hides_a_whole_word_before_a_longer_one_containing_it() -> None:
    (note,) = notes_for(Takeaway("A wildcard on the indexed column keeps its index unused.",
                                 ref(1), highlight="index"))
    assert note.fields[0] == "A wildcard on the indexed column keeps its {{c1::index}} unused."


def test_enumeration_has_one_deletion_per_member() -> None:
    (note,) = notes_for(Enumeration("The three pillars of a budget",
                                    ("income", "spending", "saving"), ref(8)))
    assert (note.notetype, note.kind, note.cards) == ("cloze", "enumeration", 3)
    assert note.fields[0] == ("The three pillars of a budget: {{c1::income}}, {{c2::spending}} "
                              "and {{c3::saving}}")


# --- meta fields -------------------------------------------------------------------------------

ALL_KINDS: list[Item] = [
    QAPair("Is a budget a diet?", "No, it is a plan.", ref(3)),
    Definition("Runway", "months your savings cover.", ref(4)),
    Takeaway("Keep the buffer in a separate account.", ref(5), highlight="separate account"),
    Mistake("Raiding it for treats", "A sale is not an emergency.", ref(6)),
    Mistake("Skipping the monthly review", "", ref(7), group="Pitfalls"),
    Enumeration("Two habits", ("saving", "tracking"), ref(8)),
]


def test_every_note_ends_with_article_series_and_source() -> None:
    notes = notes_for(*ALL_KINDS)
    assert len(notes) == len(ALL_KINDS)
    for note, item in zip(notes, ALL_KINDS):
        assert note.fields[-3:] == ("The Cash Buffer", "Money Basics", f"{PATH}:{item.ref.line}")
        expected = BASIC_FIELDS if note.notetype == "basic" else CLOZE_FIELDS
        assert len(note.fields) == len(expected)


def test_canonical_url_replaces_the_path_in_the_source() -> None:
    article = make_article(meta={"canonical": " /money/the-cash-buffer "})
    notes = notes_for(*ALL_KINDS, ctx=context(article))
    assert [n.fields[-1] for n in notes] == [
        f"/money/the-cash-buffer (line {i.ref.line})" for i in ALL_KINDS]


def test_meta_fields_are_escaped() -> None:
    article = make_article(title="<Budgets> & {{Front}}")
    ctx = NoteContext(article, "buffer", "s", "Series \"One\"")
    (note,) = make_notes(ctx, [QAPair("Why?", "Because.", ref(1))])
    assert note.fields[-3:-1] == ("&lt;Budgets&gt; &amp; &#123;&#123;Front&#125;&#125;",
                                  "Series &quot;One&quot;")


def test_item_text_is_escaped_in_every_field() -> None:
    items: list[Item] = [
        QAPair("What does <b> do?", "It makes {{c1::bold}} text }}.", ref(1)),
        Definition("A\x1fB", "x < y", ref(2)),
        Takeaway("Spend <less> than you earn, {{c2::always}}.", ref(3), highlight="less"),
        Enumeration("Two {{c9::tricks}}", ("a::b", "c}}"), ref(4)),
    ]
    for note in notes_for(*items):
        joined = "\x1e".join(note.fields)
        ours = re.sub(r'</?b>|<span class="lc-[a-z]+">|</span>|<div class="lc-[a-z]+">|</div>',
                      "", joined)  # the markup levcards itself writes
        assert "<" not in ours and "\x1f" not in joined
        # the only cloze openings are the ones cards.py made, numbered from 1
        expected = list(range(1, note.cards + 1)) if note.notetype == "cloze" else []
        assert cloze_numbers(joined) == expected
        assert joined.count("{{") == len(expected) and joined.count("}}") == len(expected)


# --- tags -------------------------------------------------------------------------------------

def test_tags_include_levcards_series_kind_and_sanitised_frontmatter_tags() -> None:
    article = make_article(meta={"tags": ["money", "emergency fund", " Self Improvement ", "a/b"]})
    notes = notes_for(*ALL_KINDS, ctx=context(article, extra_tags=("deck-extra",)))
    for note in notes:
        assert note.tags[:3] == ("levcards", "levcards::series::money-basics",
                                 f"levcards::kind::{note.kind}")
        assert set(note.tags[3:]) == {"deck-extra", "money", "emergency_fund", "Self_Improvement",
                                      "a_b"}
        assert all(" " not in t and t for t in note.tags)
        assert len(note.tags) == len(set(note.tags))


def test_frontmatter_tags_as_a_string() -> None:
    article = make_article(meta={"tags": "habits, learning  money"})
    (note,) = notes_for(ALL_KINDS[0], ctx=context(article))
    assert note.tags[3:] == ("habits", "learning", "money")


@pytest.mark.parametrize("value", [None, 42, {"a": 1}])
def test_frontmatter_tags_of_another_type_are_ignored(value: object) -> None:
    article = make_article(meta={"tags": value})
    (note,) = notes_for(ALL_KINDS[0], ctx=context(article))
    assert len(note.tags) == 3


@pytest.mark.parametrize(("tag", "safe"), [("emergency fund", "emergency_fund"),
                                           ("  spaced  ", "spaced"), ("a::b", "a::b"),
                                           ("c++", "c++"), ("***", "")])
def test_tag_safe(tag: str, safe: str) -> None:
    assert tag_safe(tag) == safe


# --- identity ---------------------------------------------------------------------------------

def test_same_key_twice_in_one_article_gets_different_guids() -> None:
    notes = notes_for(QAPair("Why save?", "For emergencies.", ref(5)),
                      QAPair("Why save?", "For freedom.", ref(30)))
    assert notes[0].guid != notes[1].guid


def test_a_term_defined_twice_in_one_article_is_one_card() -> None:
    notes = notes_for(Definition("Float", "timing cash.", ref(5)),
                      Definition("float", "a different sense of float.", ref(30)))
    assert [n.fields[1] for n in notes] == ["timing cash."]


@pytest.mark.parametrize(("first", "second"), [("Anchoring bias", "Anchoring"),
                                               ("Float (FL)", "Float"), ("Float (FL)", "FL"),
                                               ("Sunk cost fallacy", "sunk cost")])
def test_a_term_under_another_of_its_names_is_one_card(first: str, second: str) -> None:
    notes = notes_for(Definition(first, "the first definition of it here.", ref(5)),
                      Definition(second, "the same idea defined again.", ref(9)))
    assert [n.ref.line for n in notes] == [5]


def test_guid_ignores_the_answer_text() -> None:
    first = notes_for(QAPair("Where should the buffer live?", "In savings.", ref(12)))
    second = notes_for(QAPair("Where should the buffer live?", "In a separate account.", ref(40)))
    assert first[0].guid == second[0].guid
    d1 = notes_for(Definition("Runway", "months covered.", ref(4)))
    d2 = notes_for(Definition("Runway", "how long savings last.", ref(4)))
    assert d1[0].guid == d2[0].guid


def test_guid_changes_with_the_key_kind_article_and_series() -> None:
    base = notes_for(QAPair("Is a budget a diet?", "No.", ref(1)))[0].guid
    assert notes_for(QAPair("Is a budget a plan?", "No.", ref(1)))[0].guid != base
    other_article = NoteContext(make_article(), "other", "money-basics", "Money Basics")
    assert make_notes(other_article, [QAPair("Is a budget a diet?", "No.", ref(1))])[0].guid != base
    other_series = NoteContext(make_article(), "buffer", "habits", "Habits")
    assert make_notes(other_series, [QAPair("Is a budget a diet?", "No.", ref(1))])[0].guid != base


def test_guids_are_repeatable_and_unique_for_a_whole_article() -> None:
    article = read_article(FIXTURES / "cash_buffer.txt", shown="decks/money/cash_buffer.txt")
    items = extract(article)

    def build() -> list[NoteSpec]:
        return make_notes(NoteContext(article, article.slug, "money-basics", "Money Basics"), items)

    first, second = build(), build()
    assert [n.guid for n in first] == [n.guid for n in second]
    assert len({n.guid for n in first}) == len(first)
    assert all(n.fields[-1].startswith("/money/the-cash-buffer (line ") for n in first)
    assert {"money", "emergency_fund", "saving"} <= set(first[0].tags)


def test_notes_from_a_real_article_cover_basic_and_cloze() -> None:
    text = (
        "# Habits\n\n"
        "Habit stacking means tying a new habit to one you already do.\n\n"
        "## FAQ\n\n### How long does a habit take?\n\nLonger than most people expect.\n\n"
        "## Key takeaways\n\n- Start with a **two-minute** version.\n"
    )
    article = pick_reader(text).read(text, "decks/habits/stack.md", "stack")
    notes = make_notes(NoteContext(article, "stack", "habits", "Habits"), extract(article))
    assert [(n.kind, n.notetype, n.cards) for n in notes] == [
        ("definition", "basic", 1), ("qa", "basic", 1), ("takeaway", "cloze", 1)]
    assert notes[2].fields[0] == "Start with a {{c1::two-minute}} version."
    assert [n.fields[-1] for n in notes] == [
        "decks/habits/stack.md:3", "decks/habits/stack.md:7", "decks/habits/stack.md:13"]


def test_with_identity_changes_only_the_identity() -> None:
    from dataclasses import fields, replace

    from levcards.model import NoteSpec, SourceRef

    note = NoteSpec("basic", ("Q", "A"), ("t",), "g", "qa", SourceRef("a.md", 3), 1, "q", "a",
                    "s", 0, 0)
    assert note.with_identity("h", 7, 9) == replace(note, guid="h", note_id=7, mod=9)
    assert len(fields(NoteSpec)) == 12, "a new field must be carried by with_identity too"


@pytest.mark.parametrize("parts", [("levcards", "money", "buffer", "qa", "runway"), ("",),
                                   ("a",) * 40, ("é", "{{c1::x}}")])
def test_guid_is_the_first_eight_bytes_of_a_sha256_in_base_91(parts: tuple[str, ...]) -> None:
    """The documented recipe: new notes keep getting the identities earlier releases gave."""
    alphabet = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                "!#$%&()*+,-./:;<=>?@[]^_`{|}~")
    number = int.from_bytes(hashlib.sha256("\x1e".join(parts).encode()).digest()[:8], "big")
    expected = ""
    while number:
        expected = alphabet[number % 91] + expected
        number //= 91
    assert guid(*parts) == (expected or "a")


# --- the learner's footer ---------------------------------------------------------------------

def test_the_article_links_to_its_page_and_no_path_reaches_a_shown_field() -> None:
    absolute = make_article(meta={"canonical": "https://example.org/money/buffer"})
    (note,) = notes_for(QAPair("Why?", "Because.", ref(1)), ctx=context(absolute))
    assert note.fields[-3] == '<a href="https://example.org/money/buffer">The Cash Buffer</a>'
    relative = make_article(meta={"canonical": "/money/buffer"})
    ctx = NoteContext(relative, "buffer", "money-basics", "Money Basics",
                      base_url="https://example.org/")
    (note,) = make_notes(ctx, [QAPair("Why?", "Because.", ref(1))])
    assert note.fields[-3] == '<a href="https://example.org/money/buffer">The Cash Buffer</a>'
    (note,) = notes_for(QAPair("Why?", "Because.", ref(1)), ctx=context(relative))
    assert note.fields[-3] == "The Cash Buffer"  # no base_url: no link
    hostile = make_article(meta={"canonical": "javascript:alert(1)"})
    (note,) = notes_for(QAPair("Why?", "Because.", ref(1)), ctx=context(hostile))
    assert note.fields[-3] == "The Cash Buffer"


@pytest.mark.parametrize(("group", "kind"), [("Common Pitfalls", "Common pitfall"),
                                             ("Myths", "Myth"), ("Limitations", "Limitation"),
                                             ("Common mistakes", "Common mistake")])
def test_a_bare_item_is_named_as_its_section_names_it(group: str, kind: str) -> None:
    (note,) = notes_for(Mistake("Bigger samples detect tiny effects", "", ref(50), group=group))
    assert note.fields[0].startswith(f'<span class="lc-kind">{kind}:</span> ')


def test_a_weak_point_of_an_idea_asks_what_the_problem_is() -> None:
    (note,) = notes_for(Mistake("Oversimplification", "Real choices weigh taxes and timing too.",
                                ref(40), group="Limitations and Drawbacks"))
    assert note.fields[0].startswith("Limitation: <b>Oversimplification</b>")
    assert "What is the problem?" in note.fields[0] and "mistake" not in note.fields[0]
