"""`persona import`: bring an existing persona set in whole.

The stage is a pipeline of its own: a *reader* per source format turns a file into
`SourcePersona` records (what the source says, under the labels it uses, with locations);
*placement* maps each labelled statement to a model field through the label table (or to
`notes` under its original heading, so nothing is dropped); the *writer* emits one formatted
persona file per record, atomically and all or nothing.
"""
