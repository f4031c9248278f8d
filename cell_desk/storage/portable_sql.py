"""The few SQL expressions the two engines spell differently, each compiled per dialect, so that a
service writes its query once for the SQLite file and the PostgreSQL server."""
from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlalchemy.types import Integer


class text_position(FunctionElement):  # noqa: N801 (reads as the SQL function it stands for)
    """Where `needle` starts in `haystack`, 0 when it is absent: instr() in SQLite, strpos() in
    PostgreSQL. Unlike LIKE it takes % and _ as the letters they are."""
    type = Integer()
    inherit_cache = True
    name = "text_position"


@compiles(text_position)
def _position_sqlite(element, compiler, **kw):
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(text_position, "postgresql")
def _position_postgresql(element, compiler, **kw):
    return f"strpos({compiler.process(element.clauses, **kw)})"


class without_index(ColumnElement):  # noqa: N801
    """A column the planner must not walk an index for (SQLite's unary +: scanning and sorting
    what matched beats walking the date index when words filter most rows out). PostgreSQL's
    planner decides by its statistics, and takes the column as it is."""
    inherit_cache = True

    def __init__(self, column):
        self.column = column
        self.type = column.type


@compiles(without_index)
def _without_index_sqlite(element, compiler, **kw):
    return f"+{compiler.process(element.column, **kw)}"


@compiles(without_index, "postgresql")
def _without_index_postgresql(element, compiler, **kw):
    return compiler.process(element.column, **kw)
