"""Full-text search of the toolbox on PostgreSQL and SQLite with the same behaviour.

- PostgreSQL: a generated ``tsvector`` column ``search_vector`` (``german`` configuration,
  weights A title / B summary / C rest) with a GIN index, created by migration 0002; queried
  with ``django.contrib.postgres.search`` (imported only on PostgreSQL).
- SQLite: an FTS5 table ``toolbox_entry_fts`` kept in step with the entry's ``search_*``
  columns by triggers (migration 0002); the columns hold stems from ``search_terms.index_terms``.

Both receive umlaut-normalised text with compound parts, so "aelter"/"älter" and
"Jugendbeteiligung"/"Jugend beteiligen" meet. Title hits rank first on both.
"""

from __future__ import annotations

import re

from django.db import connection

from zwk.toolbox import search_terms
from zwk.toolbox.sanitize import plain_text

FTS_TABLE = "toolbox_entry_fts"
TITLE_BOOST = 1000.0


def document_fields(entry) -> dict[str, str]:
    """Values of the ``search_*`` columns for ``entry`` (analysed for the current database)."""
    rest = " ".join(
        [
            plain_text(entry.body),
            entry.steps,
            entry.example_place,
            entry.results,
            entry.lessons_learnt,
            entry.transferability,
            entry.get_entry_type_display(),
            " ".join(str(x) for x in getattr(entry, "_theme_names", [])),
            " ".join(entry.demography_types or []),
        ]
    )
    convert = (
        search_terms.expand_text if connection.vendor == "postgresql" else search_terms.index_terms
    )
    return {
        "search_title": convert(entry.title),
        "search_summary": convert(plain_text(entry.summary)),
        "search_text": convert(rest),
    }


# --- queries ----------------------------------------------------------------------------

_SAFE = re.compile(r"^[a-z0-9]+$")


def _fts_expr(terms, *, column: str | None = None) -> str:
    """FTS5 query: every query word must match (stem, prefix for long stems, or all parts)."""
    clauses = []
    for q_stem, parts in terms:
        options = [f'"{q_stem}"' + ("*" if len(q_stem) >= search_terms.PREFIX_MIN else "")]
        if parts:
            options.append("(" + " AND ".join(f'"{p}"' for p in parts) + ")")
        clauses.append("(" + " OR ".join(options) + ")")
    expr = " AND ".join(clauses)
    return f"{{{column}}} : ({expr})" if column else expr


def _sqlite_scores(terms) -> dict[int, float]:
    expr = _fts_expr(terms)
    with connection.cursor() as cursor:
        # bm25 is lower for better matches; weights: title 10, summary 4, rest 1.
        cursor.execute(
            f"SELECT rowid, -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s",
            [expr],
        )
        scores = {row[0]: float(row[1]) for row in cursor.fetchall()}
        if scores:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                [_fts_expr(terms, column="title")],
            )
            for (rowid,) in cursor.fetchall():
                scores[rowid] = scores.get(rowid, 0.0) + TITLE_BOOST
    return scores


def _pg_tsquery(query_words, *, weight: str = "") -> str:
    """A raw tsquery over folded (unstemmed) words; PostgreSQL's german config stems them."""
    label = f":{weight}" if weight else ""
    clauses = []
    for variants, parts in query_words:
        options = [
            f"{v}:*{weight}" if len(v) >= search_terms.PREFIX_MIN else f"{v}{label}"
            for v in variants
        ]
        if parts:
            options.append("(" + " & ".join(f"{p}{label}" for p in parts) + ")")
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


def _pg_scores(query: str) -> dict[int, float]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models import Case, F, FloatField, Value, When
    from django.db.models.expressions import RawSQL

    from zwk.toolbox.models import Entry

    words = [
        (tuple(v for v in variants if _SAFE.match(v)), tuple(p for p in parts if _SAFE.match(p)))
        for variants, parts in search_terms.pg_query_words(query)
    ]
    words = [(v, p) for v, p in words if v]
    if not words:
        return {}
    # Prefix matching applies to the stem: "senioren:*" becomes 'senior':*.
    query_all = SearchQuery(_pg_tsquery(words), search_type="raw", config="german")
    query_title = SearchQuery(_pg_tsquery(words, weight="A"), search_type="raw", config="german")
    vector = RawSQL("toolbox_entry.search_vector", [], output_field=SearchVectorField())
    rows = (
        Entry.objects.annotate(sv=vector)
        .filter(sv=query_all)
        .annotate(
            score=SearchRank(F("sv"), query_all, weights=[0.05, 0.2, 0.4, 1.0])
            + Case(
                When(sv=query_title, then=Value(TITLE_BOOST)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
        .values_list("id", "score")
    )
    return {pk: float(score) for pk, score in rows}


def scores(query: str) -> dict[int, float]:
    """{entry id: relevance} of all entries (any status) matching ``query``; {} if none."""
    if connection.vendor == "postgresql":
        return _pg_scores(query)
    terms = [(s, p) for s, p in search_terms.query_terms(query) if _SAFE.match(s)]
    if not terms:
        return {}
    return _sqlite_scores(terms)


# --- schema (used by migration 0002) -----------------------------------------------------

SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, body, tokenize='unicode61 remove_diacritics 0', prefix='3 4 5')",
    f"CREATE TRIGGER IF NOT EXISTS toolbox_entry_fts_ai AFTER INSERT ON toolbox_entry BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body) "
    "VALUES (new.id, new.search_title, new.search_summary, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS toolbox_entry_fts_ad AFTER DELETE ON toolbox_entry BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS toolbox_entry_fts_au AFTER UPDATE OF "
    "search_title, search_summary, search_text ON toolbox_entry BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body) "
    "VALUES (new.id, new.search_title, new.search_summary, new.search_text); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS toolbox_entry_fts_ai",
    "DROP TRIGGER IF EXISTS toolbox_entry_fts_ad",
    "DROP TRIGGER IF EXISTS toolbox_entry_fts_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRES_SETUP = [
    "ALTER TABLE toolbox_entry ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, coalesce(search_title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(search_summary, '')), 'B') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(search_text, '')), 'C')) STORED",
    "CREATE INDEX IF NOT EXISTS toolbox_entry_search_gin ON toolbox_entry USING gin (search_vector)",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS toolbox_entry_search_gin",
    "ALTER TABLE toolbox_entry DROP COLUMN IF EXISTS search_vector",
]


def setup_schema(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_SETUP, "postgresql": POSTGRES_SETUP}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def teardown_schema(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRES_TEARDOWN}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)
