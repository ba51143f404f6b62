"""`persona render`: briefings for each team from the persona set.

The stages, one module each: `load` (the persona set) and `defaults` (every field present),
`templates` (which templates exist), `selection` (teams and personas), `ages` (freshness
from git), `gaps`, `peers` and `committee` (what a briefing derives from the data),
`environment`, `filters`, `limits` and `execute` (the sandboxed Jinja that runs a template),
`page` and `markdown_html` (the HTML page), and `engine` (the documents of a request).
"""
