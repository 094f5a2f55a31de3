"""Where the patient is and how they got there (plain data, no widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RouteKind(StrEnum):
    """Every kind of patient screen; the value is what `screen_changed` reports."""

    HOME = "home"
    SECTION = "section"  # ident: the section's id
    TOPIC = "topic"  # ident: the topic's id
    ABOUT = "about"
    REQUEST = "request"  # ident: the topic the request came from, or ""
    CONFIRMATION = "confirmation"  # ident: the request's reference code


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    ident: str = ""

    def __post_init__(self) -> None:
        # Route("topic", ...) still works, and a kind that does not exist fails here, where
        # it is written, not later as a blank screen.
        object.__setattr__(self, "kind", RouteKind(self.kind))


HOME = Route(RouteKind.HOME)


class History:
    """A stack of routes that always has Home at the bottom."""

    def __init__(self) -> None:
        self._stack: list[Route] = [HOME]

    @property
    def current(self) -> Route:
        return self._stack[-1]

    @property
    def routes(self) -> tuple[Route, ...]:
        """Home first, the current route last."""
        return tuple(self._stack)

    @property
    def can_go_back(self) -> bool:
        return len(self._stack) > 1

    def push(self, route: Route) -> None:
        if route == HOME:
            self.clear()
        elif route != self.current:
            self._stack.append(route)

    def back(self) -> Route:
        if self.can_go_back:
            self._stack.pop()
        return self.current

    def clear(self) -> None:
        self._stack = [HOME]

    def __len__(self) -> int:
        return len(self._stack)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, History) and self._stack == other._stack

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable
