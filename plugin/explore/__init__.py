"""Schedule exploration: ``@pytest.mark.loopsafe_explore`` runs an ``async def`` test many
times on an event loop whose legal choices -- when worker threads run and finish, when a
thread's ``call_soon_threadsafe`` lands, whether a timer fires first -- Hypothesis makes.

The package is imported only when a marked test runs (``hooks`` is the exception: it
registers the marker and the option, and imports nothing else up front).
"""
