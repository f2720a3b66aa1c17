"""Lesson 01, margin geometry: what lesson 01 computes, prints and draws.

* :func:`margin_table`: each point's score ``f(x)``, functional margin ``y f(x)``, geometric
  margin ``y f(x) / ||w||`` and position (the course's words, :func:`hinge_lib.margin_position`),
  with ``||w||`` and the band width ``2 / ||w||``; ``w = 0`` is reported, not an error;
* :func:`plot_margin_geometry`: the lesson's picture (boundary, margin lines, perpendicular
  distances, the band and the arrow ``w``), drawn once and moved in place by its ``update``;
* :func:`margin_geometry_view`: sliders for ``w1``, ``w2`` and ``b`` that move that picture and
  reprint the table (a :class:`hinge_lib.view.LiveView`);
* ``exercises`` (q1 derive the distance, q2 predict the effect of scaling, q3 read the view,
  q4 the geometric margin in 3-D) and ``QUIZ``, the concept checks.

Every number comes from :mod:`hinge_lib.geometry`; nothing here is used by another lesson.
"""

from ._exercises import exercises
from ._figures import margin_geometry_view, plot_margin_geometry
from ._margins import margin_table
from ._quiz import QUIZ

__all__ = ["QUIZ", "exercises", "margin_geometry_view", "margin_table", "plot_margin_geometry"]
