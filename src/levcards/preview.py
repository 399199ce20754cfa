"""`levcards preview`: a static HTML site of every card, rendered with the decks' templates and CSS.

No network and no framework: plain files, the note types' own CSS, and three lines of script for
the light/dark switch (which toggles the same ``nightMode`` class Anki sets).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

from .atomic import write_text
from .errors import Problem
from .model import NoteSpec
from .notetypes import BASIC_FIELDS, BASIC_TEMPLATES, CLOZE_FIELDS, CLOZE_TEMPLATES, CSS
from .results import ArticleResult, Report, SeriesResult
from .series import slugify

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
_SECTION = re.compile(r"\{\{([#^])(\w+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_PAGE_CSS = """
body { margin: 0; font-family: system-ui, sans-serif; background: #f2f2f7; color: #1c1c1e; }
body.nightMode { background: #000; color: #f2f2f7; }
header { display: flex; justify-content: space-between; align-items: center; padding: 12px 16px; }
header a { color: inherit; }
.lc-note { margin: 16px; padding: 8px 0; border-top: 1px solid #c7c7cc; }
.lc-meta { font-size: 13px; color: #6e6e73; margin: 4px 16px; }
.lc-cards { display: flex; flex-wrap: wrap; gap: 12px; }
.lc-card { flex: 1 1 320px; max-width: 480px; border-radius: 10px; overflow: hidden;
           box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.lc-card h4 { margin: 0; padding: 4px 12px; font-size: 12px; background: #d1d1d6; color: #1c1c1e; }
.lc-card .card { min-height: 3em; padding: 8px 12px; background: #fff; }
body.nightMode .lc-card .card { background: #2c2c2c; }  /* the reviewer's, as Anki desktop */
body.lc-phone .lc-card { flex: 0 0 390px; max-width: 390px; }
body:not(.lc-phone) .lc-card { flex: 1 1 100%; max-width: 1100px; }
body.nightMode a { color: #7cc4ff; }
body.nightMode .lc-card h4 { background: #3a3a3c; color: #f2f2f7; }
body.nightMode .lc-note { border-top-color: #48484a; }
body.nightMode button { background: #3a3a3c; color: #f2f2f7; border: 1px solid #636366; }
h1.lc-meta { font-size: 1.6em; color: inherit; }
h2.lc-meta { font-size: 1.3em; color: inherit; }
.lc-finding { margin: 4px 16px; font-size: 13px; color: #b25000; }
.lc-finding.error { color: #c00; }
"""
_TOGGLE = ('<span><button id="width" type="button" onclick="lcWidth()">Phone / desktop</button> '
           '<button id="theme" type="button" onclick="lcTheme()">Light / dark</button></span>')
_SCRIPT = """<script>
// dark mode follows the system until the switch is used, and is remembered; the width switch
// shows cards as wide as a phone (390 px) or a desktop reviewer (1100 px)
function lcSet(k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
function lcGet(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
function lcTheme() { lcSet('lc-theme', document.body.classList.toggle('nightMode') ? 'dark' : 'light'); }
function lcWidth() { lcSet('lc-width', document.body.classList.toggle('lc-phone') ? 'phone' : 'desktop'); }
(function () {
  var theme = lcGet('lc-theme');
  if (theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches)
    document.body.classList.add('nightMode');
  if (lcGet('lc-width') === 'phone') document.body.classList.add('lc-phone');
})();
</script>"""


def render_template(template: str, fields: dict[str, str], cloze_number: int | None, back: bool,
                    front: str = "") -> str:
    """Our own templates: {{Field}}, {{#Field}}…{{/Field}}, {{cloze:Field}} and, on a back,
    {{FrontSide}} (the rendered ``front``)."""
    template = template.replace("{{FrontSide}}", front)
    def section(m: re.Match[str]) -> str:
        filled = bool(fields.get(m.group(2), "").strip())
        return m.group(3) if filled == (m.group(1) == "#") else ""

    out = _SECTION.sub(section, template)
    out = re.sub(r"\{\{cloze:(\w+)\}\}", lambda m: cloze(fields.get(m.group(1), ""),
                                                           cloze_number or 1, back), out)
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fields.get(m.group(1), ""), out)


def cloze(text: str, number: int, back: bool) -> str:
    """Anki's cloze display: the active deletion blanked on the front, revealed on the back."""
    def one(m: re.Match[str]) -> str:
        if int(m.group(1)) != number:
            return m.group(2)
        return f'<span class="cloze">{m.group(2) if back else "[...]"}</span>'

    return _CLOZE.sub(one, text)


def card_faces(note: NoteSpec) -> list[tuple[str, str, str]]:
    """(card name, front HTML, back HTML) for each card Anki makes from ``note``."""
    if note.notetype == "cloze":
        fields = dict(zip(CLOZE_FIELDS, note.fields))
        numbers = sorted({int(n) for n in re.findall(r"\{\{c(\d+)::", fields["Text"])})
        (template,) = CLOZE_TEMPLATES
        return [(f"Cloze {n}", render_template(template["qfmt"], fields, n, False),
                 render_template(template["afmt"], fields, n, True)) for n in numbers]
    fields = dict(zip(BASIC_FIELDS, note.fields))
    faces = []
    for template in BASIC_TEMPLATES:
        front = render_template(template["qfmt"], fields, None, False)
        back = render_template(template["afmt"], fields, None, True, front)
        if front.strip():
            faces.append((template["name"], front, back))
    return faces


def _page(title: str, body: str, extra_css: str = "") -> str:
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{_PAGE_CSS}\n{CSS}\n{extra_css}</style></head>"
            f"<body><header><a href=\"index.html\">levcards preview</a>{_TOGGLE}</header>"
            f"<main>{body}</main>{_SCRIPT}</body></html>\n")


def _finding(p: Problem) -> str:
    return (f'<div class="lc-finding {p.severity}">{html.escape(p.severity)} {html.escape(p.code)}: '
            f"{html.escape(p.message)}</div>")


def article_page(series: SeriesResult, result: ArticleResult, findings: list[Problem]) -> str:
    by_line: dict[int, list[Problem]] = defaultdict(list)
    for p in findings:
        by_line[p.line].append(p)
    note_lines = {n.ref.line for n in result.notes}
    parts = [f"<h1 class=\"lc-meta\">{html.escape(result.article.title if result.article else result.path)}</h1>",
             f"<p class=\"lc-meta\">{html.escape(series.deck_name)} · {html.escape(result.path)}</p>"]
    parts += [_finding(p) for line, ps in sorted(by_line.items()) if line not in note_lines for p in ps]
    for note in result.notes:
        cards = "".join(
            f'<div class="lc-card" data-guid="{html.escape(note.guid)}"><h4>{html.escape(name)} · front</h4>'
            f'<div class="card lc-front-face">{front}</div><h4>back</h4>'
            f'<div class="card lc-back-face">{back}</div></div>'
            for name, front, back in card_faces(note))
        notes = "".join(_finding(p) for p in by_line.get(note.ref.line, []))
        parts.append(f'<section class="lc-note" data-kind="{note.kind}">'
                     f'<div class="lc-meta">{html.escape(note.kind)} · line {note.ref.line}</div>'
                     f'{notes}<div class="lc-cards">{cards}</div></section>')
    return _page(result.article.title if result.article else result.path, "\n".join(parts),
                 series.config.css)


def write_preview(report: Report, out: Path) -> Path:
    """Write ``out/index.html`` and one page per article; return the index path."""
    findings: dict[str, list[Problem]] = defaultdict(list)
    for p in report.problems.sorted():
        findings[p.path].append(p)
    items = []
    for series in report.series:
        links = []
        for result in series.articles:
            name = f"{series.slug}--{slugify(result.key)}.html"
            write_text(out / name, article_page(series, result, findings[result.path]))
            count = len(findings[result.path])
            shown = result.article.title if result.article else result.path
            links.append(f'<li><a href="{html.escape(name)}">{html.escape(shown)}</a>'
                         f" ({len(result.notes)} notes, {sum(n.cards for n in result.notes)} cards"
                         f"{f', {count} findings' if count else ''})</li>")
        items.append(f"<h2 class=\"lc-meta\">{html.escape(series.deck_name)}</h2><ul>{''.join(links)}</ul>")
    unreadable = [_finding(p) for p in report.problems.sorted() if p.severity == "error"]
    index = out / "index.html"
    write_text(index, _page("levcards preview", "".join(items) + "".join(unreadable)))
    return index
