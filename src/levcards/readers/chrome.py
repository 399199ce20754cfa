"""Recognise web-page chrome in plain-text exports: navigation, bylines, share bars, forms, footers.

Each test looks at one stripped line. ``is_chrome_line`` lines are dropped wherever they stand;
``is_chrome_heading`` lines start a section whose content is dropped (related links, author box,
comment threads); byline lines (``reads_like_byline``) sit under the page title and so help find it.
"""

from __future__ import annotations

import re

_LINE = re.compile(
    r"^(skip to (main )?content|menu|search|home|tweet|print( this (page|article))?|copy link|"
    r"back to\b.{0,60}|back( to top)?|top|edit this page|table of contents|contents|"
    r"on this page\b.{0,120}|in this (article|post|guide)\s*:.{0,120}|"
    r"share( (this|the) \w+)?( on \w+| via \w+)?:?|share on \w+|"
    r"(sign up|subscribe|join)( (now|today|for free|to our newsletter|free))?[.!]?|"
    r"log ?in|sign in|log ?out|sign out|register|"
    r"pin( it)?|toggle|(previous|prev|next)( (article|post|page|lesson|chapter|guide|up|in this series))?"
    r"(\s*[:»›→].{0,100})?|"
    r"accept( all)?( cookies)?|reject( all)?|cookie (settings|preferences)|manage cookies|"
    r"read more|continue reading|see also|"
    r"(last )?(updated|modified|published|posted|reviewed)( on| in| by)?:? .{0,100}[^.]|"
    r"reviewed by .{0,100}[^.]|"
    r"by (?-i:[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3})( [·|•,-] .{0,60})?|"
    r"leave a (comment|reply)|post (a )?comment|submit( comment)?|send|"
    r"(name|e-?mail|website|comment|message)( address)?\s*\*?|"
    r"your email address will not be published\b.{0,80}|required fields are marked.{0,20}|"
    r"was this (page|article|guide|post|answer|helpful)\b.{0,60}|(yes|no)\s*/\s*(yes|no)|"
    r"(©|\(c\)|copyright\b).{0,120}|all rights reserved\.?|privacy( policy)?|terms of (use|service)|"
    r"\d+\s+comments?|\d+ min(ute)?s? read)$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
                   rf"\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
                   rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}})$", re.IGNORECASE)
"""A date on a line of its own ("Mar 19, 2025", "2026-06-28"): the byline's date."""
_READ_TIME = re.compile(r"\b\d+\s+min(ute)?s?\s+read\b", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|written by|posted (in|on)|published|updated|last updated|"
                     r"(medically |last |expert )?reviewed( by)?|fact.checked)\b",
                     re.IGNORECASE)
_SECTION = re.compile(
    r"^(related( pages| posts| articles| reading| series| guides| links| topics)?|read next|"
    r"(you (may|might) )?also (like|read)|more (from|in) .{0,40}|more (articles|posts|guides)|"
    r"share( (this|the) \w+)?|comments?|\d+ comments?|leave a (comment|reply)|join the discussion|"
    r"about the author|about me|about us|author|written by .{0,40}|newsletter|"
    r"subscribe.{0,40}|sign up.{0,40}|get (the|our) newsletter|footer|tags|categories|"
    r"recent posts|popular posts|follow us.{0,20}|further reading|keep reading|up next)$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\b(we use cookies|this (site|website) uses cookies|cookie policy|"
                     r"accept (all )?cookies)\b", re.IGNORECASE)
_CRUMB_SEP = re.compile(r"\s+(?:/|>|›|»|\||·|•|→)\s+")
_CRUMB_MARKS = ("/", ">", "›", "»", "|", "·", "•", "→")
_GAP = re.compile(r"\s{2,}")
_SOCIAL = frozenset("facebook twitter x linkedin email e-mail reddit whatsapp pinterest threads "
                    "mastodon bluesky telegram print copy link".split())


def is_chrome_line(line: str) -> bool:
    """Navigation, bylines, share bars, form fields and footers: never article content."""
    s = line.strip()
    if not s:
        return False
    return bool(_LINE.match(s) or _has_read_time(s) or _is_crumbs(s) or _is_menu(s)
                or _is_social(s) or _DATE.match(s))


def _has_read_time(s: str) -> bool:
    return "min" in s.lower() and bool(_READ_TIME.search(s))  # the cheap test first


def is_chrome_heading(line: str) -> bool:
    """A heading whose section is page furniture (related links, author box, comments)."""
    return bool(_SECTION.match(line.strip().rstrip(":")))


def reads_like_byline(line: str) -> bool:
    """The author, date or reading-time line printed under a page title, for a line already
    known to be chrome."""
    s = line.strip()
    return bool(_has_read_time(s) or (_BYLINE.match(s) and len(s) <= 80) or _DATE.match(s))


def is_cookie_banner(text: str) -> bool:
    return "cookie" in text.lower() and bool(_COOKIE.search(text))


def _is_crumbs(s: str) -> bool:
    """'Home › Guides › Focus', 'Docs / Team / Git', 'Home | Blog | About'."""
    if not any(mark in s for mark in _CRUMB_MARKS):
        return False
    parts = _CRUMB_SEP.split(s)
    if len(parts) < 3 and not (len(parts) == 2 and re.search(r"\s[>›»→]\s", s)):
        return False
    return all(p and len(p.split()) <= 5 and not p.endswith((".", "!", "?")) for p in parts)


def _is_menu(s: str) -> bool:
    """'Home   Courses   Blog   Contact': short labels separated by runs of spaces."""
    if len(s) > 80 or not _GAP.search(s):
        return False
    parts = [p for p in _GAP.split(s) if p]
    return (len(parts) >= 2 and len(s) <= 80
            and all(len(p.split()) <= 3 and len(p) <= 24 and not p.endswith((".", "!", "?", ":"))
                    for p in parts))


def _is_social(s: str) -> bool:
    """'Facebook X LinkedIn Email': nothing but share targets."""
    first = s.split(None, 1)[0].lower().strip(",·|")
    if first and first not in _SOCIAL:
        return False
    tokens = [t.lower().strip(",·|") for t in s.split()]
    tokens = [t for t in tokens if t]
    return len(tokens) >= 2 and all(t in _SOCIAL for t in tokens)
