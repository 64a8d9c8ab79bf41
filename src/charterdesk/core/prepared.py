"""Reads of a fixed shape, compiled once per process (issue #13).

Django builds and compiles a queryset's SQL anew on every call: for the short reads of a
page (one ticket's messages, its promises, its time entries, …) that compiling costs far
more than the database's work. `Prepared` compiles a read once per database connection
and then only runs the same SQL with the new arguments:

    _entries = Prepared(
        lambda ticket_id: TimeEntry.objects.filter(ticket_id=ticket_id)
        .select_related("agent").order_by("-created_at"),
        int,
    )
    entries = _entries(ticket.pk)  # a list of TimeEntry, agent read with each

The first call builds the queryset with a stand-in value per argument (of the kind given:
`int`, `str` or `datetime`), compiles it, and notes which SQL parameters are those
stand-ins; later calls put the arguments in their places. It keeps only SQL's shape, never
data: nothing to invalidate. A read whose shape depends on an argument's value (a list of
ids, a flag, a slice) cannot be prepared: the first call raises ValueError when an
argument is not a plain parameter of the SQL (build one `Prepared` per shape instead).

Rows become what the queryset would give: model instances (with `select_related`,
`only`/`defer`, annotations; `prefetch_related` runs its own queries after), or tuples /
single values for `values_list` (`flat=True`). `values()` and the other iterables are
refused. Compiled SQL is kept on the connection object (one per thread and database), and
per current time zone, the one thing outside the arguments that a query's SQL may depend
on (date lookups). Nothing here holds a transaction or locks.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    RelatedPopulator,
    ValuesListIterable,
    get_related_populators,
    prefetch_related_objects,
)
from django.utils import timezone

R = TypeVar("R")
_PLANS = "_charterdesk_prepared_plans"  # the attribute of a connection that holds its plans


def _stand_in(kind: type, n: int) -> Any:
    """A value distinct per position `n`, only ever compiled, never run: within every
    integer field's range but the small ones' (Django drops a comparison with a value out
    of the column's range)."""
    if kind is int:
        return 1_987_654_000 + n
    if kind is str:
        return f"\x01prepared-{n}\x01"
    if kind is datetime:
        return datetime(1901, 2, 3, 4, 5, 6, 100_000 + n, tzinfo=UTC)
    raise TypeError(f"Prepared reads take int, str or datetime arguments, not {kind!r}.")


@dataclass(frozen=True)
class _Slot:
    arg: int  # which argument goes in this parameter
    adapt: Callable[[Any], Any] | None  # how the database wants it (datetimes on SQLite)


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: list[Any]  # the constants, and a _Slot where an argument goes
    slots: list[tuple[int, _Slot]]
    converters: list[tuple[int, list[Any], Any]]  # column, converters, expression
    trim: int | None  # columns past this one are only for ordering (extra select)
    model: Any  # None for values_list
    fields: tuple[int, int, list[str]]  # start, end, attnames of the model's columns
    populators: list[RelatedPopulator]
    annotations: dict[str, int]
    prefetch: tuple[Any, ...]
    flat: bool


class Prepared(Generic[R]):
    """A read of one shape: `build(*args)` gives its queryset; `kinds` are the types of
    the arguments (int, str or datetime). Call it with the arguments: a list of rows."""

    def __init__(
        self,
        build: Callable[..., QuerySet[Any, R]],
        *kinds: type,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        self.build, self.kinds, self.using = build, kinds, using
        for n, kind in enumerate(kinds):
            _stand_in(kind, n)  # refuse other kinds at once, not on the first call

    def __call__(self, *args: Any) -> list[R]:
        if len(args) != len(self.kinds):
            raise TypeError(f"{len(self.kinds)} arguments expected, {len(args)} given.")
        connection = connections[self.using]
        plan = self._plan(connection)
        params = list(plan.params)
        for pos, slot in plan.slots:
            value = args[slot.arg]
            params[pos] = slot.adapt(value) if slot.adapt is not None else value
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows: list[Any] = cursor.fetchall()
        return self._rows(plan, connection, rows)

    def _plan(self, connection: BaseDatabaseWrapper) -> _Plan:
        plans: dict[tuple[Prepared[Any], str], _Plan] | None = getattr(connection, _PLANS, None)
        if plans is None:
            plans = {}
            setattr(connection, _PLANS, plans)
        key = (self, timezone.get_current_timezone_name())
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = self._compile(connection)
        return plan

    def _compile(self, connection: BaseDatabaseWrapper) -> _Plan:
        stand_ins = [_stand_in(kind, n) for n, kind in enumerate(self.kinds)]
        queryset = self.build(*stand_ins)
        if queryset.db != self.using:
            raise ValueError(f"The read uses {queryset.db!r}, not {self.using!r}.")
        iterable = queryset._iterable_class  # type: ignore[attr-defined]
        if iterable not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
            raise ValueError("Only reads of model instances or values_list are prepared.")
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            sql, compiled = compiler.as_sql()
        except EmptyResultSet as exc:
            raise ValueError("The read is always empty with its stand-in arguments.") from exc
        params, slots = _slots(list(compiled), stand_ins, connection)
        columns = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = [(i, c, e) for i, (c, e) in compiler.get_converters(columns).items()]
        model, populators, annotations = None, [], {}
        fields: tuple[int, int, list[str]] = (0, 0, [])
        if iterable is ModelIterable:
            info, select = compiler.klass_info, compiler.select
            if info is None:
                raise ValueError("A read of model instances without its model's columns.")
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            model = info["model"]
            fields = (start, end, [f[0].target.attname for f in select[start:end]])
            populators = get_related_populators(info, select, self.using)  # type: ignore[call-arg]
            annotations = dict(compiler.annotation_col_map or {})
        return _Plan(
            sql=sql,
            params=params,
            slots=slots,
            converters=converters,
            trim=compiler.col_count if compiler.has_extra_select else None,
            model=model,
            fields=fields,
            populators=populators,
            annotations=annotations,
            prefetch=tuple(queryset._prefetch_related_lookups),  # type: ignore[attr-defined]
            flat=iterable is FlatValuesListIterable,
        )

    def _rows(self, plan: _Plan, connection: BaseDatabaseWrapper, rows: list[Any]) -> list[Any]:
        if plan.trim is not None:
            rows = [row[: plan.trim] for row in rows]
        if plan.converters:
            rows = _converted(plan, connection, rows)
        if plan.model is None:
            return [row[0] for row in rows] if plan.flat else [tuple(row) for row in rows]
        start, end, attnames = plan.fields
        objects = []
        for row in rows:
            obj = plan.model.from_db(self.using, attnames, row[start:end])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, pos in plan.annotations.items():
                setattr(obj, name, row[pos])
            objects.append(obj)
        if plan.prefetch and objects:
            prefetch_related_objects(objects, *plan.prefetch)
        return objects


def _converted(plan: _Plan, connection: BaseDatabaseWrapper, rows: list[Any]) -> list[Any]:
    """Each value as Django's converters give it (datetimes, decimals, JSON on SQLite)."""
    out = [list(row) for row in rows]
    for row in out:
        for pos, converters, expression in plan.converters:
            value = row[pos]
            for convert in converters:
                value = convert(value, expression, connection)
            row[pos] = value
    return out


def _slots(
    compiled: list[Any], stand_ins: list[Any], connection: BaseDatabaseWrapper
) -> tuple[list[Any], list[tuple[int, _Slot]]]:
    """The compiled parameters with each stand-in's place noted; ValueError when an
    argument is not a plain parameter (used in the SQL's text, or transformed)."""
    forms: list[tuple[Any, _Slot]] = []
    for n, value in enumerate(stand_ins):
        forms.append((value, _Slot(n, None)))
        if isinstance(value, datetime):
            adapt = connection.ops.adapt_datetimefield_value
            forms.append((adapt(value), _Slot(n, adapt)))
    slots: list[tuple[int, _Slot]] = []
    for pos, param in enumerate(compiled):
        for value, slot in forms:
            if isinstance(param, type(value)) and param == value:
                if type(param) is not type(value):  # psycopg's Int4 and the like: the same
                    slot = _Slot(slot.arg, type(param))  # wrapping for the real argument
                slots.append((pos, slot))
                break
        else:
            if any(_mentions(param, value) for value in stand_ins):
                raise ValueError(f"An argument is transformed in the parameter {param!r}.")
    used = {slot.arg for _, slot in slots}
    for n in range(len(stand_ins)):
        if n not in used:
            raise ValueError(f"Argument {n} is not a parameter of the SQL (its shape).")
    return compiled, slots


def _mentions(param: Any, stand_in: Any) -> bool:
    if isinstance(param, list | tuple):
        return any(_mentions(p, stand_in) for p in param)
    return isinstance(param, str) and str(stand_in) in param


def with_parent(rows: list[Any], name: str, parent: Any) -> list[Any]:
    """Each row's foreign key `name` set to `parent` without a query, as a related
    manager's read (`ticket.commitments.all()`) gives it."""
    for row in rows:
        setattr(row, name, parent)
    return rows
