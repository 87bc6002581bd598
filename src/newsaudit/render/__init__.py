"""Show a :class:`~newsaudit.report.Report` to people.

:func:`render_text` prints a report on a rich console; the JSON form needs no
renderer (``report.to_json(indent=2)``). Renderers read the report as plain data
and show parts they do not know generically, so a new part of the report
appears without a change here.
"""

from newsaudit.render.text import render_text

__all__ = ["render_text"]
