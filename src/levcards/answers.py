"""What a card's back says: the sentence that answers its prompt, and what fits after it.

An article explains at length; a card answers in one sentence (Wozniak's minimum information).
``atomic`` keeps the first sentence and what fits in ``ANSWER_WORDS``; ``mistake_answer`` first
steps past the sentences that only say the myth again ("The belief that all stocks are the same
is a common misconception.") to the one that corrects it.
"""

from __future__ import annotations

import re

from . import render
from .extract.text import sentences

ANSWER_WORDS = 25
MIN_ANSWER_WORDS = 5
"""A card's answer: its first sentence, and the sentences after it only while the whole stays
within this many words (the rest of a long explanation is in the article, one link away)."""


CAVEAT_WORDS = 40
_CAVEAT = re.compile(r"^(however|but|unless|except|only|note that|the exception)\b", re.IGNORECASE)


_BARE_VERDICT = re.compile(
    r"^(?:yes|no|yep|nope|absolutely|definitely|of course|sure|not really|not necessarily|"
    r"it depends|either works|it does(?:n[’']t| not)?|it can(?:not|[’']t)?|usually|often|"
    r"sometimes|rarely|never|always)\b[^.!?]{0,20}[.!]$", re.IGNORECASE)
"""An answer's first sentence that only says yes, no or "it depends": its reason joins it."""


def atomic(text: str) -> str:
    """The answer as HTML: the first sentence, then what fits in ``ANSWER_WORDS`` as a
    secondary line."""
    parts = sentences(text) or [text]
    if len(parts) > 1 and (parts[0].endswith("?") or _BARE_VERDICT.match(parts[0])):
        # "Got a new car? Add a repair fund.", "Yes! Dividends come from the stocks it holds.":
        # the first sentence alone is no answer, so the one after it joins the answer line
        parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
    more: list[str] = []
    count = len(parts[0].split())
    for part in parts[1:]:
        count += len(part.split())
        if count > ANSWER_WORDS and (more or len(parts[0].split()) >= MIN_ANSWER_WORDS):
            if _CAVEAT.match(part) and count <= CAVEAT_WORDS and not more:
                more.append(part)  # "However, not with kidney disease.": the answer's limit
            break  # "It can." or "Usually, yes." alone is no answer: its reason comes along
        more.append(part)
    answer = render.text(parts[0].strip())
    if more:
        answer += f'<div class="lc-more">{render.text(" ".join(more))}</div>'
    return answer


_RESTATES = re.compile(r"\b(myths?|misconceptions?|belief|believes?|notion|assum\w*|mistakes?|"
                       r"trap|allure|tempting|misunderstood|(often|widely|commonly) (touted|claimed|said|thought|seen)|"
                       r"(people|many|some|most)( \w+)? (think|say|claim))\b",
                       re.IGNORECASE)
_LEANS_BACK = re.compile(r"^(?:\w+,?\s+){0,2}(?:this|that|these|those)\s+(?!myths?\b|"
                         r"misconceptions?\b|beliefs?\b|notions?\b|ideas?\b|is\b|was\b|are\b|were\b|can\b|"
                         r"could\b|will\b|would\b|may\b|might\b|has\b|have\b|does\b|means\b|"
                         r"makes\b|leads\b)[a-z]+",
                         re.IGNORECASE)
"""A demonstrative naming something of the sentence before ("But that strategy …"); "this
myth" names what the card's front shows."""
_CONNECTIVE = re.compile(r"^(however|but|yet),?\s+", re.IGNORECASE)
_REASON = re.compile(r"\b(because|since|due to)\b", re.IGNORECASE)
_CORRECTS = re.compile(r"^(however|but|in (reality|fact|truth)|actually|the (truth|reality|fact)|"
                       r"while|although|though|yet)\b", re.IGNORECASE)


def mistake_answer(explanation: str, title: str = "") -> str:
    """The explanation from the sentence that says why the myth is wrong: a first sentence
    that only names the belief ("Many people believe …", "A common mistake is to …") or says
    the title again ("Oversimplification" → "The model can oversimplify …") gives way to the
    next, or to the first that corrects it ("However, …", "While …, …")."""
    parts = sentences(explanation)
    if len(parts) < 2 or _REASON.search(parts[0]):
        return explanation
    if _says_again(parts[0], title):
        return " ".join(parts[1:])
    if not _RESTATES.search(parts[0]):
        return explanation
    start = next((i for i, p in enumerate(parts[1:], 1) if _CORRECTS.match(p)), 1)
    if _LEANS_BACK.match(parts[start]):  # "But that strategy drains …": what "that" is stays
        return " ".join(parts[start - 1:])
    rest = _CONNECTIVE.sub("", parts[start])
    return " ".join([rest[:1].upper() + rest[1:], *parts[start + 1:]])


_STEM = 5


def _says_again(sentence: str, title: str) -> bool:
    """Every word of the title (by stem) is in the sentence: it names the mistake again."""
    stems = {w[:_STEM] for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2}
    found = {w[:_STEM] for w in re.findall(r"[a-z0-9]+", sentence.lower())}
    return bool(stems) and stems <= found


_ADVICE = re.compile(
    r"^(?:if [^,]{3,80},\s*)?(?:\w+ly\s+)?(?:don[’']?t|do not|never|avoid|resist|use|try|make|keep|"
    r"start|set|take|stop|always|remember|consider|focus|plan|schedule|build|let|give|ask|aim|"
    r"choose|write|review|adjust|limit|turn|put|create|find|pick|add|leave|check|track|accept|"
    r"allow|learn|practi[cs]e|stay|treat|commit|protect|prioriti[sz]e|begin|batch|save|cut|"
    r"reduce|switch|ensure|include|automate|separate|define|measure|move|tell|pay|wait|talk|"
    r"call|go|walk|drink|eat|sleep|read|listen|speak|say|cool|have|hold|press|lean|wash|"
    r"apply|rinse|cover|keep|get|give)\b",
    re.IGNORECASE)


def is_advice(text: str) -> bool:
    """An explanation written as an instruction ("Resist the urge to …", "If someone interrupts
    you, politely let them know …", "… instead.") says what to do instead, not why the mistake
    is one."""
    first = (sentences(text) or [text])[0]
    return bool(_ADVICE.match(text.strip()) or _INSTEAD.search(first))


def split_advice(explanation: str) -> tuple[str, str]:
    """(why, what to do instead) of an explanation: the sentences before its first piece of
    advice say why, the advice from there on says what to do (either may be empty)."""
    parts = sentences(explanation)
    advice = next((i for i, p in enumerate(parts) if is_advice(p)), None)
    if advice is None:
        return explanation, ""
    if all(p.endswith("?") for p in parts[:advice]):  # "Got a new car? Add a repair fund."
        return "", explanation
    return " ".join(parts[:advice]), " ".join(parts[advice:])


_INSTEAD = re.compile(r"\binstead\b[.!]?$", re.IGNORECASE)
""""Cool it under running water instead.": what to do, whatever its verb."""


_FRAGMENT = re.compile(r"^(during|in|at|on|by|for|from|with|within|after|before|below|above|under|"
                       r"over|into|through|near|inside|outside|via|when|where|while|if)\b",
                       re.IGNORECASE)


def is_fragment(definition: str) -> bool:
    """"Acetylcholine – during focused attention": a note-taker's fragment that says when or
    where, not what the term means; asked as "What does acetylcholine mean?" it has no answer."""
    return bool(_FRAGMENT.match(definition.strip()))


_REFERS_BACK = re.compile(r"^as (we )?(mentioned|noted|discussed|described|explained|saw|seen|"
                          r"shown|stated)\b", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """"As mentioned earlier, loss aversion plays a role": the sentence leans on text the
    card does not show."""
    return bool(_REFERS_BACK.match(text.strip()))


_PLEASANTRY = re.compile(r"^(?:i(?: am|'m) glad you asked|(?:that's a |a )?(?:great|good) question|"
                         r"thanks for asking|glad you asked)\W*$", re.IGNORECASE)
_FILLER = re.compile(r"^(?:well|so|okay|ok|super simple|simple|short answer|basically|honestly)"
                     r"(?:,\s*for one)?\s*[,:!.]\s+", re.IGNORECASE)


def qa_answer(answer: str) -> str:
    """An FAQ's answer without the conversation around it: "I am glad you asked." and
    "Super simple:" say nothing a learner recalls."""
    parts = [p for p in sentences(answer) if not _PLEASANTRY.match(p.strip())]
    if not parts:
        return answer
    first = _FILLER.sub("", parts[0], count=1)
    return " ".join([first[:1].upper() + first[1:], *parts[1:]])


_TO_THE_AUTHOR = re.compile(r"^(?:can|could|would|will) you\b", re.IGNORECASE)
_PLEASE = re.compile(r",?\s*\bplease\b\s*(?=[?.!,]|$)|^please\s+", re.IGNORECASE)


def qa_question(question: str) -> str:
    """The question a learner is asked: a second question put to the author ("Can you give it
    to me quick?") and a "please" go; the first question stays."""
    parts = sentences(question)
    kept = [parts[0], *(p for p in parts[1:] if not _TO_THE_AUTHOR.match(p))] if parts else [question]
    text = " ".join(kept)
    return _PLEASE.sub("", text).strip() or question
