"""Load content.yaml into the model, collecting every problem with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .draft_words import DEFAULT_DRAFT_PHRASES, DraftWords
from .errors import ContentError, ContentErrors
from .model import Content
from .spec import CONTENT, DRAFT_PHRASES, LANGUAGES
from .types import ALIAS_MESSAGE, INVALID, Ctx
from .yaml_source import compose_file, find_aliases


@dataclass(frozen=True)
class LoadResult:
    content: Content
    warnings: list[ContentError] = field(default_factory=list)


def _read_languages(root: yaml.Node, ctx: Ctx) -> None:
    """Languages decide what every text needs, so read them before anything else."""
    if not isinstance(root, yaml.MappingNode):
        return
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "languages":
            langs = LANGUAGES.read(value_node, Ctx(ctx.path, ctx.assets_dir, text=ctx.text))
            if langs is not INVALID and len(set(langs)) == len(langs):
                ctx.languages = tuple(langs)


def _read_draft_phrases(root: yaml.Node, ctx: Ctx) -> None:
    """The draft wording to warn on is needed by every text, wherever the list is in the
    file: read it first (its own errors are reported when the whole file is read)."""
    phrases: tuple[str, ...] = DEFAULT_DRAFT_PHRASES
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "draft_phrases":
                scratch = Ctx(ctx.path, ctx.assets_dir, text=ctx.text)
                listed = DRAFT_PHRASES.read(value_node, scratch)
                if listed is not INVALID:
                    phrases = listed
    ctx.drafts = DraftWords.build(phrases, ctx.text)


def load_content(
    path: Path,
    assets_dir: Path | None = None,
    today: date | None = None,
    check_readability: bool = False,
) -> LoadResult:
    """Return the content and its warnings, or raise ContentErrors listing every error."""
    path = Path(path)
    assets = Path(assets_dir) if assets_dir else path.parent / "assets"
    ctx = Ctx(path, assets, today=today or date.today(), check_readability=check_readability)
    root, errors, ctx.text = compose_file(path)
    if root is None:
        raise ContentErrors(errors)
    for mark in find_aliases(root):
        ctx.errors.append(ContentError(path, mark.line + 1, mark.column + 1, ALIAS_MESSAGE))
    _read_languages(root, ctx)
    _read_draft_phrases(root, ctx)
    content = CONTENT.read(root, ctx)
    if ctx.errors or content is INVALID:
        raise ContentErrors(ctx.errors, ctx.warnings)
    return LoadResult(content, sorted(ctx.warnings, key=lambda w: (w.line, w.col)))
