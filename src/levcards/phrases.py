"""Pick the phrase a takeaway cloze hides when the author bolded nothing."""

from __future__ import annotations

import re

_VERBS = re.compile(
    r"^(is|are|was|were|can|could|will|would|should|must|may|might|does|do|did|has|have|had|"
    r"lets|let|makes|make|turns|turn|creates|create|helps|help|requires|require|means|mean|"
    r"matters|matter|compounds|compound|amplifies|amplify|reduces|reduce|increases|increase|"
    r"improves|improve|rewards|reward|beats|beat|needs|need|works|work|gives|give|keeps|keep|"
    r"depends|depend|comes|come|becomes|become|grows|grow|costs|cost|saves|save|builds|build)$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:—–(]|\s(but|so|because|while|which|although|and then)\s")
MAX_HIDDEN_WORDS = 8


def key_phrase(sentence: str) -> str:
    """The part of the first clause after its main verb (up to eight words), else its last words.

    Never the whole sentence: at least one word always stays visible.
    """
    sentence = sentence.strip()
    clause = _CLAUSE_END.split(sentence, maxsplit=1)[0].rstrip(" .!?")
    words = clause.split()
    for i, word in enumerate(words[1:], 1):
        if _VERBS.match(word.strip(",.")) and i + 1 < len(words):
            hidden = words[i + 1 : i + 1 + MAX_HIDDEN_WORDS]
            if hidden[0].lower() in ("not", "also", "often", "usually", "always") and len(hidden) > 1:
                hidden = hidden[1:]
            return " ".join(hidden).strip(" .,")
    all_words = sentence.rstrip(" .!?").split()
    if len(all_words) < 2:
        return ""
    take = max(1, min(3, len(all_words) // 3))
    return " ".join(all_words[-take:]).strip(" .,")
