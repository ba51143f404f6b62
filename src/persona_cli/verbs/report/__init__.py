"""`persona report`: the whole persona set at a glance, as one typed record.

Pure core: it asks the same cores the other commands use and returns a `Report`; the HTML
and JSON reporters draw it. Nothing is judged here a second way:

- freshness is `persona age`'s core, grouped by owner as `persona age` groups it;
- completeness is the lint engine's own `PersonaScore` (kind aware: a lens the persona's
  kind does not need is `not_applicable`, never `missing`);
- findings are the lint engine's, with the configured rules, as `persona lint` runs it;
- committees come from the segment files, loaded by the load stage (`load.personaset`);
- recent changes are the git history walk over every persona plus the one-line section
  summary `persona log` prints.

Sections that need git say why they are empty (not a repository, no commits) instead of
failing. Links point at the lines: `link_base + repository path + #L<line>` when a base URL
is given, else a path relative to the output folder.

The modules: `records` (the typed report and its sections), `links` (where a file and line
are linked from), `sections` (building each section), `changes` (recent history) and `build`
(the whole report).
"""
