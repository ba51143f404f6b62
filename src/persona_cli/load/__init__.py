"""The load stage: what every verb does to the set of personas before its own work.

`extends` resolves each persona's parent chain and merges its data over its parents'.
"""
