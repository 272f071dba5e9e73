"""Words for a child's own plan: people named as the child knows them, and a suggested
child-friendly wording of an action (short first-person sentences, by age band).

The suggestion is only ever offered: the professional reads it, changes it and accepts it in the
plan editor. Rules, not a language model: it swaps the child's name for "I"/"me"/"my" and family
members' names for "Mum", "Dad" and the like, plain words for service words, puts the person who
will do it first ("Gran will take me to drama club."), and keeps fewer and shorter sentences for
younger children. English only; no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..i18n.catalog import N_
from .readability import AGE_8_12, AGE_13_UP, UNDER_8

Translate = Callable[..., str]
MUM, DAD, GRAN, GRANDAD, ME = N_("Mum"), N_("Dad"), N_("Gran"), N_("Grandad"), N_("Me")
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir"}


@dataclass(frozen=True)
class Helper:
    """Someone who does an action, as the record knows them."""

    name: str  # full display name
    given: str = ""  # given name (or the name a family member is known by)
    relation: str = ""  # how a family member is related to the child ("mother"), "" for a professional
    role: str = ""  # a professional's role
    agency: str = ""
    is_child: bool = False  # the child the plan is for
    known_as: str = ""


def _t_plain(message: str, **kw: object) -> str:
    return message.format(**kw) if kw else message


def first_name(full: str) -> str:
    parts = [p for p in full.split() if p.lower().rstrip(".") not in TITLES]
    return parts[0] if parts else full


def known_name(h: Helper, t: Translate = _t_plain) -> str:
    """What the child calls this person: "Me", "Mum", "Dad", "Gran" (unless the family call her
    something else), or a first name."""
    if h.is_child:
        return t(ME)
    rel = h.relation.lower()
    if rel:
        if "grand" in rel or rel in ("nan", "nana", "grandma", "granny"):
            if h.known_as:
                return h.known_as
            return t(GRAN) if ("mother" in rel or "grandma" in rel or rel.startswith("nan")) else t(GRANDAD)
        if rel in ("mother", "mum", "mom", "birth mother", "adoptive mother"):
            return t(MUM)
        if rel in ("father", "dad", "birth father", "adoptive father"):
            return t(DAD)
        return h.known_as or h.given or first_name(h.name)
    return first_name(h.name)


# Service words a child would not use, and the plain words for them (whole words, any case).
PLAIN_WORDS = {
    "attend": "go to", "attends": "goes to", "attending": "going to", "assessment": "check",
    "agree a young carer's assessment": "have a chat with me about helping at home",
    "medication": "medicine", "complete": "finish", "submit": "send", "commence": "start", "obtain": "get",
    "require": "need", "requires": "needs", "assist": "help", "assistance": "help", "ensure": "make sure",
    "provide": "give", "appointment": "meeting", "approximately": "about", "facilitate": "help with",
    "regarding": "about", "utilise": "use", "monitor": "keep an eye on", "refer": "introduce",
    "schedule": "plan", "sessions": "times", "session": "time", "incident": "problem",
    "incidents": "problems", "register": "list", "application": "form", "attendance check-in": "check-in",
    "form tutor": "tutor",
}
VERBS = {"take", "keep", "book", "help", "introduce", "agree", "set", "arrange", "meet", "check",
         "visit", "bring", "support", "make", "finish", "send", "go", "talk", "ask", "call",
         "phone", "give", "find", "share", "start", "continue", "write", "read", "plan", "hold",
         "offer", "apply", "speak", "teach", "show", "work", "join", "tell", "see", "use",
         "practise", "practice", "encourage", "explore", "review", "record", "collect", "walk",
         "drive", "pick", "sort", "fill", "look", "learn", "chat", "do", "try", "come", "get",
         "have", "play"}
ARTICLES = {"a", "an", "the", "some", "my", "our", "your", "his", "her", "their", "every", "each"}
CUT_AT = re.compile(r",|\s(?:so that|because|when|while|until|unless|if|by the end of|in order to)\s",
                    re.IGNORECASE)


def _replace_words(text: str, mapping: dict[str, str]) -> str:
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: mapping[m.group(0).lower()], text)


def _names(text: str, child: Helper, family: Sequence[Helper], t: Translate) -> str:
    for h in family:  # "Agnieszka" -> "Mum", "Barbara's" -> "Gran's"
        called = known_name(h, t)
        for name in {h.given, h.known_as, h.name} - {"", called}:
            text = re.sub(rf"\b{re.escape(name)}\b", called, text)
    for name in sorted({child.name, child.given, child.known_as} - {""}, key=len, reverse=True):
        text = re.sub(rf"^{re.escape(name)}'s\b", "My", text)
        text = re.sub(rf"\b{re.escape(name)}'s\b", "my", text)
        text = re.sub(rf"^{re.escape(name)}\b", "I", text)
        text = re.sub(rf"\b{re.escape(name)}\b", "me", text)
    return text


def _plural_head(words: list[str]) -> bool:
    """Whether a noun phrase ("weekly home visits to ...") names more than one thing: its last
    word before the first small joining word ends in -s."""
    head = words[0]
    for w in words:
        if w.lower() in ("to", "with", "for", "at", "in", "on", "of", "and", "from", "by"):
            break
        head = w
    return head.lower().endswith("s") and not head.lower().endswith("ss")


def _sentence(clause: str, doer: str) -> str:
    words = clause.split()
    if not words:
        return ""
    first = words[0].lower()
    if first in VERBS:
        s = f"{doer} will {first} {' '.join(words[1:])}".strip()
    elif first in ("i", "me"):
        s = "I " + " ".join(words[1:])
    elif first in ARTICLES or _plural_head(words):
        s = f"We will have {clause[0].lower()}{clause[1:]}"
    else:
        article = "an" if first[0] in "aeiou" else "a"
        s = f"We will have {article} {clause[0].lower()}{clause[1:]}"
    s = re.sub(r"\s+", " ", s).strip(" ,")
    return s[0].upper() + s[1:] + ("" if s.endswith((".", "!", "?")) else ".")


def suggest_wording(description: str, band: str, *, child: Helper, owner: Helper | None,
                    family: Sequence[Helper] = (), t: Translate = _t_plain) -> str:
    """A child-friendly wording of an action's ``description`` for a child in ``band``."""
    text = _names(description.strip(), child, family, t)
    text = _replace_words(text, PLAIN_WORDS)
    clauses = [c.strip() for c in re.split(r"[;.!?]\s*|\n+", text) if c.strip()]
    keep = {UNDER_8: 1, AGE_8_12: 2, AGE_13_UP: len(clauses)}.get(band, len(clauses))
    doer = "I" if owner is not None and owner.is_child else known_name(owner, t) if owner else "We"
    out = []
    for clause in clauses[:keep]:
        if band != AGE_13_UP:
            clause = CUT_AT.split(clause)[0]
        if band == UNDER_8:  # one thing at a time: "keep to the plan and bring me back" -> the first
            parts = re.split(r"\sand\s(?=(?:" + "|".join(VERBS) + r")\b)", clause)
            clause = parts[0] if len(parts[0].split()) >= 4 else clause
        sentence = _sentence(clause, doer)
        if sentence:
            out.append(sentence)
    return " ".join(out)
