"""`persona render`: briefings for each team from the persona set.

One concern per module: `run` (a run from parsed options to an outcome; `committee_run` for
`--segment`; `options` for what goes in and comes out) and `outputs` (writing under `--out`
without harming what is not persona-cli's); `load` (the persona set) and `defaults` (every
field present); `templates` (which templates exist), `selection` (teams and personas), `ages`
(freshness from git); `gaps`, `peers`, `committee`, `committee_model` and `conflicts` (what a
briefing derives from the data); `environment`, `filters`, `limits` and `execute` (the
sandboxed Jinja that runs a template); `page` and `markdown_html` (the HTML page); `engine`
(the documents of a request).
"""
