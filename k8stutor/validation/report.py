"""Findings and the report: values first, rendering separate (text, JSON, HTML for notebooks)."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (file, document, line, column, field path), what, and how to fix it."""

    file: str
    line: int
    column: int
    document: int | None
    severity: str  # "error" | "warning"
    path: str
    message: str
    hint: str | None = None
    kind: str | None = None
    name: str | None = None
    code: str = ""  # machine-readable: yaml-syntax, unknown-field, type, required, rule, removed-api, ...

    def as_dict(self) -> dict:
        d = asdict(self)
        return {
            k: d[k]
            for k in (
                "file",
                "document",
                "kind",
                "name",
                "path",
                "line",
                "column",
                "severity",
                "message",
                "hint",
                "code",
            )
        }

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.kind}/{self.name}" if self.kind and self.name else (self.kind or "")
        ctx = f" [{what}]" if what else ""
        field_ = f"{self.path}: " if self.path else ""
        out = f"{where}: {self.severity}: {field_}{self.message}{ctx}"
        if self.hint:
            out += f"\n    hint: {self.hint}"
        return out


@dataclass
class Report:
    """The findings of one validation, sorted by file, line and column."""

    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file -> text (for the HTML view)
    documents: dict[str, int] = field(default_factory=dict)  # file -> number of documents

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=_sort_key)

    def __iter__(self):
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def merge(self, other: Report) -> Report:
        return Report(
            self.findings + other.findings,
            {**self.sources, **other.sources},
            {**self.documents, **other.documents},
        )

    def summary(self) -> str:
        files = len(self.documents) or len(self.sources)
        docs = sum(self.documents.values())
        e, w = len(self.errors), len(self.warnings)
        return (
            f"{files} file{'s' * (files != 1)}, {docs} document{'s' * (docs != 1)}: "
            f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"
        )

    def text(self) -> str:
        lines = [f.text() for f in self.findings]
        lines.append(("valid: " if self.ok else "invalid: ") + self.summary())
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def to_json(self) -> str:
        return json.dumps([f.as_dict() for f in self.findings], indent=2, ensure_ascii=False)

    def _repr_html_(self) -> str:
        return render_html(self)


def _sort_key(f: Finding) -> tuple:
    return (
        f.file,
        f.line,
        f.column,
        f.document if f.document is not None else -1,
        SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9,
        f.path,
        f.message,
    )


_CSS = (
    "<style>.k8st-report{font-family:var(--jp-code-font-family,monospace);font-size:12.5px}"
    ".k8st-report pre{margin:0;padding:0 .4em;white-space:pre-wrap}"
    ".k8st-ln{color:#888;user-select:none}.k8st-bad{background:rgba(255,0,0,.08)}"
    ".k8st-f{margin:0 0 .2em 3.2em;padding:.1em .5em;border-left:3px solid}"
    ".k8st-error{border-color:#d32f2f}.k8st-warning{border-color:#f9a825}"
    ".k8st-caret{color:#d32f2f;font-weight:bold}.k8st-hint{color:#555;font-style:italic}"
    ".k8st-sum{margin:.3em 0;font-weight:bold}</style>"
)


def render_html(report: Report, context: int = 1) -> str:
    """The offending lines of each file, each finding shown under its line."""
    out = [_CSS, '<div class="k8st-report">']
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for name, findings in by_file.items():
        lines = report.sources.get(name, "").splitlines()
        out.append(f"<div><b>{html.escape(name)}</b></div>")
        wanted: set[int] = set()
        for f in findings:
            wanted.update(range(max(1, f.line - context), f.line + context + 1))
        at: dict[int, list[Finding]] = {}
        for f in findings:
            at.setdefault(min(f.line, max(len(lines), 1)), []).append(f)
        last = 0
        for n in sorted(x for x in wanted if 1 <= x <= max(len(lines), 1)):
            if last and n > last + 1:
                out.append('<pre class="k8st-ln">  …</pre>')
            last = n
            text = lines[n - 1] if n <= len(lines) else ""
            cls = ' class="k8st-bad"' if n in at else ""
            out.append(f'<pre{cls}><span class="k8st-ln">{n:>4} </span>{html.escape(text)}</pre>')
            for col in sorted({f.column for f in at.get(n, [])}):
                out.append(f'<pre class="k8st-caret">{" " * (4 + col)}^</pre>')
            for f in at.get(n, []):
                out.append(_finding_html(f))
    verdict = "valid" if report.ok else "invalid"
    out.append(f'<div class="k8st-sum">{verdict}: {html.escape(report.summary())}</div></div>')
    return "".join(out)


def _finding_html(f: Finding) -> str:
    field_ = f"<code>{html.escape(f.path)}</code>: " if f.path else ""
    hint = f'<div class="k8st-hint">hint: {html.escape(f.hint)}</div>' if f.hint else ""
    return (
        f'<div class="k8st-f k8st-{f.severity}">{f.severity} (column {f.column}): {field_}'
        f"{html.escape(f.message)}{hint}</div>"
    )
