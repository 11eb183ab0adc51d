"""bot.store.tables (the Core clauses `csprbot cases` queries without the ORM) names real columns of the
models' tables with the same types, so the Core query reads exactly what the ORM would."""

from __future__ import annotations

from sqlalchemy import TableClause

from bot.store import tables
from bot.store.models import Base


def test_every_read_column_is_a_model_column_of_the_same_type() -> None:
    clauses = [v for v in vars(tables).values() if isinstance(v, TableClause)]
    assert {c.name for c in clauses} >= {"cases", "clocks"}
    for clause in clauses:
        model = Base.metadata.tables[clause.name]
        for col in clause.c:
            assert col.name in model.c, f"{clause.name}.{col.name} is not a column of the model"
            want = model.c[col.name].type._type_affinity
            assert col.type._type_affinity is want, (clause.name, col.name, col.type, model.c[col.name].type)
