"""One runtime finding of the plugin, in the shape of the JSON report's ``events``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = (
    "blocking-call",
    "loop-lag",
    "leaked-task",
    "leaked-thread",
    "leaked-process",
    "leaked-loop",
    "unpicklable",
    "schedule-failure",
)


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    function: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} in {self.function}"


@dataclass
class Event:
    kind: str
    message: str
    test: str = ""  # the node id; filled in by the plugin when the test is known
    call: str | None = None  # "time.sleep" for blocking calls
    duration: float | None = None  # seconds the loop was held
    location: Location | None = None  # the deepest frame in the user's code
    stack: list[str] = field(default_factory=list)  # "path:line function", outermost first
    # the library frames the deepest user frame called into, outermost first:
    # {"path", "line", "module", "function", "qualname" (Python 3.11+)}
    outside: list[dict] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}; expected one of {KINDS}")

    def to_json(self) -> dict:
        data = asdict(self)
        return {k: v for k, v in data.items() if v is not None or k == "location"}

    @classmethod
    def from_json(cls, data: dict) -> "Event":
        loc = data.get("location")
        return cls(
            kind=data["kind"],
            message=data.get("message", ""),
            test=data.get("test", ""),
            call=data.get("call"),
            duration=data.get("duration"),
            location=Location(**loc) if loc else None,
            stack=list(data.get("stack", [])),
            outside=data.get("outside"),
        )
