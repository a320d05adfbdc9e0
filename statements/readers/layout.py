"""A layout: how a producer's file is recognised by its header and read (pure Python)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from statements.readers.base import Columns, header_roles, map_method, normalise, split_unit


@dataclass(frozen=True)
class Layout:
    name: str  # "L1" … "L7", "template", "usual"
    label: str  # what the page calls it
    signature: frozenset[str]  # normalised header names that must all be present
    extra: Mapping[str, str] = field(default_factory=dict)  # header name → role, for this layout
    units: Mapping[str, str] = field(default_factory=dict)  # role → unit when the header has none
    method: str | None = None  # every row's method (a WeChat or Alipay bill)
    decode_method: Callable[[str, str], str | None] = map_method
    clean: Callable[[str], str] | None = None

    def matches(self, row: Sequence[str]) -> bool:
        names = {split_unit(c)[0] for c in row if c and len(c) <= 40}
        return self.signature <= names

    def columns(self, row: Sequence[str]) -> Columns:
        roles = header_roles(row)
        for at, cell in enumerate(row):
            role = self.extra.get(split_unit(cell)[0])
            if role:
                roles[role] = (at, split_unit(cell)[1])
        index = {role: at for role, (at, _unit) in roles.items()}
        units = {role: unit or self.units.get(role, "") for role, (_at, unit) in roles.items()}
        names = {role: row[at].strip() for role, at in index.items()}
        return Columns(
            index=index,
            units=units,
            names=names,
            method=self.method,
            decode_method=self.decode_method,
        )


def names(*headers: str) -> frozenset[str]:
    return frozenset(split_unit(h)[0] for h in headers)


def strip_backtick(cell: str) -> str:
    return cell.strip().lstrip("`")


__all__ = ["Layout", "names", "normalise", "strip_backtick"]
