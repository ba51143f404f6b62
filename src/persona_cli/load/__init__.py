"""The load stage: what every verb does to the set of personas before its own work.

`personaset` is the stage itself (read with locations, validate, resolve `extends`, attach
segments; frozen records and located problems out); `validate` puts every validation error
on a line and column, `extends` walks and merges a persona's parent chain, and `segments`
finds the segments a command names.
"""
