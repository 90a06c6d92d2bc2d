"""Column types that keep clinical values exact and coded values readable in the database."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import Float, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def canonical(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent form (12.00 -> 12, 2.70 -> 2.7)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal clinical value, exact to ``scale`` places on every backend.

    PostgreSQL stores NUMERIC(precision, scale) exactly. SQLite has no decimal type: the value is stored as REAL
    (so SQL comparisons still work) and read back rounded to ``scale`` places, which restores exactly what was
    entered, because validation allows at most ``scale`` decimals and REAL keeps 15 significant digits.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 7, scale: int = 2) -> None:
        super().__init__()
        self.precision = precision
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Float(asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value).quantize(self._quantum)
        return float(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return canonical(Decimal(repr(value) if isinstance(value, float) else value).quantize(self._quantum))


E = TypeVar("E", bound=StrEnum)


class Coded(TypeDecorator[E], Generic[E]):
    """A coded value stored as its stable string code (readable in any SQL tool, no backend enum types)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[E]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_cls(value)
