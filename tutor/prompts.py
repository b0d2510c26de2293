"""Prompt templates: one Markdown file per task in the prompts folder, with ``$variables``.

Templates use :class:`string.Template` syntax (``$name`` or ``${name}``; ``$$`` for a dollar
sign). A template that is missing, or a variable a template needs but was not given, raises
:class:`tutor.errors.PromptError`, so a typo never reaches the model silently. Authors may edit
the files (notably ``persona.md``); HTML comments in them are notes for authors and are not
sent to the model. The folder is ``$TUTOR_PROMPTS`` or ``<home>/prompts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from tutor.errors import PromptError
from tutor.home import prompts_dir

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


@dataclass(frozen=True)
class PromptTemplate:
    """A loaded prompt file."""

    name: str
    text: str
    path: Path

    @property
    def variables(self) -> set[str]:
        """Names of the ``$variables`` the template uses."""
        found: set[str] = set()
        for match in Template.pattern.finditer(self.body):
            named = match.group("named") or match.group("braced")
            if named:
                found.add(named)
        return found

    @property
    def body(self) -> str:
        """The text sent to the model: the file without its ``<!-- notes for authors -->``."""
        return _COMMENT.sub("", self.text).lstrip("\n")

    def render(self, **values: object) -> str:
        """The template with every variable filled in; extra values are ignored."""
        try:
            return Template(self.body).substitute({k: str(v) for k, v in values.items()})
        except KeyError as exc:
            raise PromptError(
                f"prompt {self.name!r} needs the variable ${exc.args[0]}; "
                f"pass it, or remove it from {self.path}"
            ) from exc
        except ValueError as exc:
            raise PromptError(
                f"prompt {self.name!r} has a malformed placeholder ({exc}); "
                f"write a literal dollar sign as $$ in {self.path}"
            ) from exc


def load_prompt(name: str, folder: Path | None = None) -> PromptTemplate:
    """Load ``<folder>/<name>.md`` (default folder: :func:`tutor.home.prompts_dir`)."""
    if not _NAME.match(name):
        raise PromptError(f"{name!r} is not a prompt name; use lower-case letters and underscores")
    path = (folder or prompts_dir()) / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(
            f"prompt file {path} not found; restore it or set TUTOR_PROMPTS to a prompts folder"
        ) from exc
    return PromptTemplate(name=name, text=text, path=path)


def render_prompt(name: str, folder: Path | None = None, **values: object) -> str:
    """Shorthand for ``load_prompt(name, folder).render(**values)``."""
    return load_prompt(name, folder).render(**values)
