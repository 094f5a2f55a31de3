"""Structural checks on a staff SVG, so a drawing that validates is also one Qt can draw
quickly: no DOCTYPE or entities, a bounded number of elements and nesting, and references
(`<use href="#a">`, `fill="url(#g)"`) that neither loop nor multiply. Ten `<use>` levels of
ten copies each is 10^10 shapes from a 2 KB file; Qt expands every one. No Qt here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

MAX_ELEMENTS = 10_000  # as written in the file; the shipped icons have under 20
MAX_NESTING = 64  # element depth; Qt draws groups recursively
MAX_DRAWN = 20_000  # elements drawn once every reference is expanded
MAX_REFERENCE_DEPTH = 8  # a <use> of a <use> of ...

_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")


class SvgProblem(ValueError):
    pass


def _parse(data: bytes) -> ET.Element:
    """The element tree, parsed incrementally so a file of a million tiny elements is
    refused after MAX_ELEMENTS of them instead of being built in memory."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    count = depth = 0
    root: ET.Element | None = None
    try:
        for at in range(0, len(data), 64 * 1024):
            parser.feed(data[at : at + 64 * 1024])
            for event, element in parser.read_events():  # type: ignore[misc]
                if event == "end":
                    depth -= 1
                    continue
                assert isinstance(element, ET.Element)  # start events carry an element
                root = element if root is None else root
                count, depth = count + 1, depth + 1
                if count > MAX_ELEMENTS:
                    raise SvgProblem(f"is an SVG with over {MAX_ELEMENTS:,} elements")
                if depth > MAX_NESTING:
                    raise SvgProblem(f"is an SVG nested over {MAX_NESTING} levels deep")
        parser.close()
    except ET.ParseError as exc:
        raise SvgProblem("is not a valid SVG image") from exc
    if root is None:
        raise SvgProblem("is not a valid SVG image")
    return root


def _references(element: ET.Element) -> list[str]:
    """The ids this element points at; an external link or embedded file is refused."""
    found: list[str] = []
    for name in _HREFS:
        target = (element.get(name) or "").strip()
        if not target:
            continue
        if not target.startswith("#"):
            raise SvgProblem(
                "is an SVG that links to another file or embeds one; "
                'only references to its own parts (href="#name") are allowed'
            )
        found.append(target[1:])
    for value in [*element.attrib.values(), element.text or ""]:
        if "url(" in value:
            found.extend(_URL.findall(value))
    return found


def _drawn(root: ET.Element) -> None:
    """Count what Qt would draw with every reference expanded, without expanding it:
    each element costs 1 plus its children plus what it references, computed once per
    element (a depth-first walk on an explicit stack; a reference back to an element
    still being counted is a loop)."""
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    edges: dict[int, tuple[list[ET.Element], list[ET.Element]]] = {}
    cost: dict[int, tuple[int, int]] = {}  # id(element) -> (drawn, reference depth)
    open_now: set[int] = set()
    stack: list[ET.Element] = [root]
    while stack:
        element = stack[-1]
        key = id(element)
        if key in cost:
            stack.pop()
            continue
        if key not in edges:
            refs = [ids[r] for r in _references(element) if r in ids]
            edges[key] = (list(element), refs)
            open_now.add(key)
            for target in edges[key][0] + refs:
                if id(target) in open_now:
                    raise SvgProblem("is an SVG whose parts refer to themselves in a loop")
                if id(target) not in cost:
                    stack.append(target)
            continue
        children, refs = edges[key]
        drawn = 1 + sum(cost[id(c)][0] for c in children) + sum(cost[id(r)][0] for r in refs)
        depth = max([cost[id(c)][1] for c in children] + [cost[id(r)][1] + 1 for r in refs] + [0])
        if drawn > MAX_DRAWN:
            raise SvgProblem(
                f"is an SVG that draws over {MAX_DRAWN:,} shapes once its <use> copies are expanded"
            )
        if depth > MAX_REFERENCE_DEPTH:
            raise SvgProblem(
                f"is an SVG with references nested over {MAX_REFERENCE_DEPTH} levels deep"
            )
        cost[key] = (drawn, depth)
        open_now.discard(key)
        stack.pop()


def check_svg(data: bytes) -> None:
    """Refuse, with SvgProblem saying why in plain words, an SVG Qt could not draw safely."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SvgProblem("is not a valid SVG image (not UTF-8 text)") from exc
    # SVG from staff is trusted less than code: refuse entity declarations outright.
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise SvgProblem("is an SVG with a DOCTYPE or ENTITY, which is not allowed")
    root = _parse(data)
    if not root.tag.endswith("svg"):
        raise SvgProblem("is not an SVG image (no <svg> element)")
    _drawn(root)
