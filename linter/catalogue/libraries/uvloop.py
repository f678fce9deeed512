"""uvloop: an event loop implementation; its loop is an asyncio loop."""

RETURNS = {"uvloop.new_event_loop": "uvloop.Loop"}
BASES = {"uvloop.Loop": ("asyncio.AbstractEventLoop",)}
