"""pandas: its readers load a whole file (or query a database); its writers write one, except
that `to_csv()`/`to_json()`... without a path return a string."""

from ..model import BlocksWhenGiven, Kind, entries, in_memory

_FILE = "`await asyncio.to_thread(...)` (the call reads or writes a whole file)"
_SQL = "an async driver, or `await asyncio.to_thread(pd.read_sql, ...)`"

_READERS = ("csv", "excel", "json", "parquet", "feather", "pickle", "html", "xml", "hdf", "stata", "sas",
            "spss", "orc", "fwf", "table")
# writers that return the text when given no path
_TEXT_WRITERS = {"csv": "path_or_buf", "json": "path_or_buf", "html": "buf", "xml": "path_or_buffer",
                 "markdown": "buf", "latex": "buf", "string": "buf", "parquet": "path"}
_FILE_WRITERS = ("excel", "feather", "pickle", "hdf", "stata", "orc")
_FRAMES = ("pandas.DataFrame", "pandas.Series")

BLOCKING_APIS = (
    entries(Kind.FILE, _FILE, [f"pandas.read_{r}" for r in _READERS], in_memory("filepath_or_buffer", 0),
            patchable=False)
    + entries(Kind.DATABASE, _SQL, ["pandas.read_sql", "pandas.read_sql_query", "pandas.read_sql_table",
                                    *(f"{f}.to_sql" for f in _FRAMES)], patchable=False)
    + [api for writer, keyword in _TEXT_WRITERS.items() for api in entries(
        Kind.FILE, _FILE, [f"{f}.to_{writer}" for f in _FRAMES], BlocksWhenGiven(keyword, 0, ("None",)),
        in_memory(keyword, 0), patchable=False)]
    + entries(Kind.FILE, _FILE, [f"{f}.to_{w}" for f in _FRAMES for w in _FILE_WRITERS], in_memory("path", 0),
              patchable=False)
)
RETURNS = {f"pandas.read_{r}": "pandas.DataFrame" for r in (*_READERS, "sql", "sql_query", "sql_table")}
ALIASES = {"pandas.core.frame.DataFrame": "pandas.DataFrame", "pandas.core.series.Series": "pandas.Series"}
